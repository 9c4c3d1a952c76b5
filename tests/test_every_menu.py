"""Every menu entry of every role opens, in every view of its action, without an error.

The web client opens a menu by loading its action, then the action's views with
``get_views``, then the records with ``web_search_read`` (lists, cards, calendars) or
``web_read`` and ``onchange`` (forms) and the specification it builds from the view. A view
that shows a field the user may not read is stripped of that field by the server, but a
card template or an expression (``invisible``, ``decoration-*``) that still names it breaks
the page in the browser ("Cannot read properties of undefined"). This test does what the
client does, over HTTP as each role, for every view type of every action (the phone opens
the same views, cards first), and fails on a server error or on a name the page would not
find.
"""

import json
import re
import time
from datetime import datetime

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo.tests import HttpCase, new_test_user
from odoo.tools.safe_eval import safe_eval
from odoo.tools.view_validation import get_expression_field_names

EXPRESSION_ATTRIBUTES = ("invisible", "readonly", "required", "column_invisible")
RECORD_NAME = re.compile(r"\brecord\.(\w+)\b")
# what the client's evaluation context holds on top of the record's fields
CONTEXT_NAMES = {"id", "parent", "context", "uid", "today", "now", "current_date", "True", "False"}


class TestEveryMenuEveryRole(HttpCase):
    test_tags = {"standard", "post_install", "cross_addon"}
    test_module = "social_service_scenarios"

    ROLES = {
        "menu_manager": "social_case.group_social_manager",
        "menu_coordinator": "social_case.group_social_coordinator",
        "menu_worker": "social_case.group_social_worker",
        "menu_nurse": "social_case.group_social_care",
        "menu_volunteer": "base.group_user,social_case.group_social_liaison",
        "menu_employee": "base.group_user",
    }

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {
            login: new_test_user(cls.env, login, groups=groups, password=login + "-pass")
            for login, groups in cls.ROLES.items()
        }

    def _call(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def _root_fields(self, arch):
        """The fields of the view's own model (not of the lists and forms inside it)."""
        return [
            node
            for node in arch.iter("field")
            if not any(a.tag == "field" for a in node.iterancestors())
        ]

    def _specification(self, fields, nodes):
        spec = {}
        for node in nodes:
            name = node.get("name")
            field = fields.get(name, {})
            if field.get("type") == "many2one":
                spec[name] = {"fields": {"display_name": {}}}
            elif field.get("type") in ("one2many", "many2many"):
                spec[name] = {"fields": {"display_name": {}}} if name not in spec else spec[name]
            else:
                spec[name] = {}
        return spec

    def _names_used(self, arch, view_type):
        """Field names the page evaluates on the record: templates and expressions."""
        used = set()
        for node in arch.iter():
            if any(a.tag == "field" for a in node.iterancestors()):
                continue  # a list or form inside a field: the sub-record's names
            for attribute, value in node.attrib.items():
                if view_type == "kanban" and attribute.startswith("t-"):
                    used |= set(RECORD_NAME.findall(value))
                elif (
                    attribute in EXPRESSION_ATTRIBUTES or attribute.startswith("decoration-")
                ) and value not in ("0", "1", "True", "False"):
                    used |= {
                        name
                        for name in get_expression_field_names(value)
                        if "." not in name and name not in CONTEXT_NAMES
                    }
        return used

    def _apply_filters(self, model, domain, context, view, where, problems):
        """Each filter of the search panel, clicked: the list reads with its domain."""
        eval_context = {
            "uid": self.env.uid,
            "context_today": lambda: datetime.now(),
            "datetime": datetime,
            "relativedelta": relativedelta,
            "time": time,
        }
        for node in etree.fromstring(view["arch"]).iter("filter"):
            if not node.get("domain"):
                continue
            try:
                extra = safe_eval(node.get("domain"), eval_context)
            except Exception:  # noqa: BLE001 - the client's own names (e.g. context)
                continue
            try:
                self._call(
                    model,
                    "web_search_read",
                    domain + extra,
                    {"display_name": {}},
                    limit=1,
                    context=context,
                )
            except Exception as error:  # noqa: BLE001 - every failure is a finding
                problems.append(f"{where} filter {node.get('name')!r}: {error}")

    def _open_action(self, user, menu_name, action_id, problems):
        action = self.make_jsonrpc_request("/web/action/load", {"action_id": action_id})
        if action.get("type") == "ir.actions.server" and action["model_name"].startswith("social."):
            # a menu of the service whose window the server makes (named with the moment of
            # its figures, say): the client runs it, then opens what it returns
            action = self.make_jsonrpc_request("/web/action/run", {"action_id": action_id})
        if action.get("type") != "ir.actions.act_window":
            return 0
        model = action["res_model"]
        eval_context = {"uid": user.id, "context": {}, "allowed_company_ids": user.company_ids.ids}
        context = safe_eval(action.get("context") or "{}", eval_context)
        domain = safe_eval(action.get("domain") or "[]", eval_context)
        context = {**context, "lang": "en_US", "allowed_company_ids": user.company_ids.ids}
        views = [list(view) for view in action["views"]]
        result = self._call(
            model,
            "get_views",
            views=views + [[False, "search"]],
            options={"load_filters": True, "toolbar": True, "action_id": action["id"]},
            context=context,
        )
        fields = result["models"][model]["fields"]
        where = f"{user.login}: {menu_name} ({model})"
        first_id = None
        for view_type, view in result["views"].items():
            if view_type == "search":
                self._apply_filters(model, domain, context, view, where, problems)
                continue
            arch = etree.fromstring(view["arch"])
            nodes = self._root_fields(arch)
            shown = {node.get("name") for node in nodes}
            for name in sorted(self._names_used(arch, view_type) - shown):
                problems.append(f"{where} {view_type}: the page reads {name!r}, not in the view")
            for name in sorted(shown - set(fields)):
                problems.append(f"{where} {view_type}: {name!r} not readable by the user")
            spec = self._specification(fields, nodes)
            if view_type in ("list", "kanban", "calendar", "activity"):
                records = self._call(
                    model, "web_search_read", domain, spec, limit=80, context=context
                )["records"]
                first_id = first_id or (records and records[0]["id"])
                group_by = context.get("group_by") or arch.get("default_group_by")
                if view_type == "kanban" and group_by:
                    self._call(
                        model,
                        "web_read_group",
                        domain,
                        ["__count"],
                        [group_by] if isinstance(group_by, str) else group_by,
                        context=context,
                    )
            elif view_type == "form":
                if action.get("res_id") or first_id:
                    self._call(
                        model,
                        "web_read",
                        [action.get("res_id") or first_id],
                        spec,
                        context=context,
                    )
                if views[0][1] == "form" and not action.get("res_id"):
                    self._call(model, "onchange", [], {}, [], spec, context=context)
        return 1

    def test_every_menu_opens_for_every_role(self):
        problems = []
        opened = {}
        for login, user in self.users.items():
            opened[login] = 0
            self.authenticate(login, login + "-pass")
            response = self.url_open("/web/webclient/load_menus/every-menu")
            self.assertEqual(response.status_code, 200)
            menus = json.loads(response.content)
            for menu in menus.values():
                if not menu.get("actionID") or menu.get("actionModel") not in (
                    "ir.actions.act_window",
                    "ir.actions.server",
                ):
                    continue
                try:
                    opened[login] += self._open_action(
                        user, menu["name"], menu["actionID"], problems
                    )
                except Exception as error:  # noqa: BLE001 - every failure is a finding
                    problems.append(f"{login}: {menu['name']}: {error}")
        self.assertFalse(problems, "\n".join(problems))
        # each role found its own screens (the employee: contacts, calendar)
        self.assertGreater(opened["menu_manager"], 30)
        self.assertGreater(opened["menu_nurse"], 3)
        self.assertGreater(opened["menu_volunteer"], 1)

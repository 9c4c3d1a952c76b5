import math

from odoo.exceptions import UserError
from odoo.tests import tagged

from ..models.social_privacy_mixin import privacy_models
from .common_probe import REFUSALS, ProbeCommon
from .web_client_specs import FORM_SPEC, KANBAN_SPEC

JUNK_ORDERS = [
    "id; DROP TABLE social_case",
    "date desc, (SELECT 1)",
    "no_such_field",
    "id desc nulls sideways",
    "1",
    "id,",
    "create_uid.login",
    "message_ids",
    5,
    ["id"],
]
JUNK_NUMBERS = [10**12, -1, "10", 2**63, 2.5, True, [1]]
JUNK_SPECIFICATIONS = [
    "display_name",
    ["display_name"],
    {"no_such_field": {}},
    {"display_name": 5},
    {"display_name": {"junk": 1}},
    {5: {}},
]


@tagged("post_install", "-at_install")
class TestProbeRequests(ProbeCommon):
    """SECURITY.md #12, #13: every model of the privacy layer, asked to read, search and
    group with malformed arguments over RPC by a worker and a coordinator, answers or
    refuses with a clear error (what Odoo refuses, turned into a translated UserError at
    /web/dataset/call_kw), never a server error, and a refusal leaves nothing written."""

    def _call_outcome(self, user, model, method, args, kwargs=None):
        """'ok', 'refused', or the name and text of what the call raised instead."""
        try:
            self.rpc(user, model, method, args, kwargs)
        except REFUSALS as error:
            if not str(error).strip():
                return f"{type(error).__name__} without a message"
            return "refused"
        except Exception as error:  # any other error is a traceback for the user
            return f"{type(error).__name__}: {error!s:.160}"
        return "ok"

    def _fields_of(self, Model, *types, store=True):
        return [
            name
            for name, field in Model._fields.items()
            if field.type in types and (field.store or not store) and name != "id"
        ]

    def _junk_calls(self, model):
        """The battery of malformed calls sent to ``model``."""
        Model = self.env[model]
        record_id = Model.sudo().with_context(active_test=False).search([], limit=1).id or 1
        date = (self._fields_of(Model, "date", "datetime") or ["create_date"])[0]
        many2one = (self._fields_of(Model, "many2one") or ["create_uid"])[0]
        text = (self._fields_of(Model, "char", "text", "selection") or ["display_name"])[0]
        x2many = (self._fields_of(Model, "one2many", "many2many", store=False) or [None])[0]
        domains = [
            "not a domain",
            5,
            {"id": 1},
            [None],
            [[]],
            [("id",)],
            [("id", "=", 1, 2)],
            [("id", "near", 1)],
            [(5, "=", 1)],
            ["&", ("id", "=", 1)],
            ["|"],
            ["!"],
            [("no_such_field", "=", 1)],
            [("id", "=", "abc")],
            [("id", "in", "abc")],
            [("id", "=", math.nan)],
            [("id", "child_of", {"a": 1})],
            [(date, ">", "not a date")],
            [(date, "=", "")],
            [(date, "=", 5)],
            [(date, "in", ["2025-01-01", "2025-02-30"])],
            [(f"{date}.month_number", "=", "x")],
            [(f"{date}.nope", "=", 1)],
            [(many2one, "any", "x")],
            [(many2one, "any", [("no_such_field", "=", 1)])],
            [(f"{many2one}.no_such_field", "=", 1)],
            [(many2one, "=", True)],
            [(many2one, "=", {"id": 1})],
            [(text, "=", 5)],
            [(text, "=", "nul\x00byte")],
            [(text, "any", [])],
            [(f"{text}.x", "=", 1)],
            [("display_name", "ilike", 5)],
        ]
        calls = []
        for domain in domains:
            calls.append(("search", [domain], {}))
            calls.append(("search_count", [domain], {}))
            calls.append(("search_read", [domain, ["id"]], {}))
            calls.append(("read_group", [domain, ["__count"], []], {}))
        for order in JUNK_ORDERS:
            calls.append(("search", [[]], {"order": order}))
            calls.append(("read_group", [[], ["__count"], [many2one]], {"orderby": order}))
        calls.append(("read_group", [[], ["__count"], [many2one]], {"orderby": text}))
        for number in JUNK_NUMBERS:
            calls.append(("search", [[]], {"limit": number}))
            calls.append(("search", [[]], {"offset": number}))
            calls.append(("search_count", [[]], {"limit": number}))
            calls.append(("read_group", [[], ["__count"], [many2one]], {"limit": number}))
            calls.append(("read_group", [[], ["__count"], [many2one]], {"offset": number}))
            calls.append(("web_search_read", [[], {"id": {}}], {"count_limit": number}))
            calls.append(("name_search", [], {"limit": number}))
        for groupby in [
            "no_such_field",
            f"{many2one}:day",
            f"{date}:nonsense",
            f"{date}:week:day",
            f"{many2one}.name",
            "",
            "__count",
            5,
            [None],
            {"a": 1},
            "display_name",
            x2many or "message_ids",
        ]:
            calls.append(("read_group", [[], ["__count"], [groupby]], {}))
            calls.append(("read_group", [[], ["__count"], groupby], {"lazy": False}))
            calls.append(("web_read_group", [[], ["__count"], [groupby]], {}))
        for fields_ in [
            ["no_such_field:count"],
            [f"{text}:sum"],
            ["id:recordset"],
            ["total:nosuch(id)"],
            ["total(id)"],
            [f"{date}:bool_and"],
            [5],
            [""],
            "__count",
            None,
        ]:
            calls.append(("read_group", [[], fields_, [many2one]], {}))
        for fields_ in [["no_such_field"], "display_name", [None], [["id"]], 5]:
            calls.append(("read", [[record_id], fields_], {}))
            calls.append(("search_read", [[], fields_], {}))
            calls.append(("search_fetch", [[], fields_], {}))
        for ids in (["x"], [2**63], [-1], [None], [[1]]):
            calls.append(("read", [ids, ["id"]], {}))
            calls.append(("web_read", [ids, {"id": {}}], {}))
        calls.append(("search_read", [[], ["id"]], {"no_such_option": 1}))
        specifications = list(JUNK_SPECIFICATIONS) + [
            {many2one: {"fields": "display_name"}},
            {many2one: {"fields": {"no_such_field": {}}}},
            {many2one: {"context": "x"}},
            {many2one: {"fields": {"display_name": {}}, "context": {5: 1}}},
            {text: {"fields": {"display_name": {}}}},
            {text: {"order": "id"}},
        ]
        if x2many:
            specifications += [
                {x2many: {"fields": {}, "limit": -1}},
                {x2many: {"fields": {}, "limit": "10"}},
                {x2many: {"fields": {}, "order": "id; DROP TABLE social_case"}},
                {x2many: {"fields": {"no_such_field": {}}}},
            ]
        for specification in specifications:
            calls.append(("web_search_read", [[], specification], {"limit": 5}))
            calls.append(("web_read", [[record_id], specification], {}))
        for args, kwargs in (
            ([5], {}),
            (["nul\x00byte"], {}),
            ([""], {"operator": "near"}),
            ([""], {"operator": 5}),
            ([""], {"args": "not a domain"}),
            ([""], {"args": [("no_such_field", "=", 1)]}),
            ([["a"]], {}),
        ):
            calls.append(("name_search", args, kwargs))
        for args, kwargs in (
            ([5], {}),
            ([], {"attributes": 5}),
            ([], {"attributes": [5]}),
            ([["display_name"]], {"attributes": {"a": 1}}),
        ):
            calls.append(("fields_get", args, kwargs))
        for group_by, progress_bar in (
            (many2one, "x"),
            (many2one, {"field": 5, "colors": {}}),
            (many2one, {"field": text, "colors": "x"}),
            (5, {"field": text, "colors": {}}),
            ("no_such_field", {"field": text, "colors": {}}),
        ):
            calls.append(("read_progress_bar", [[], group_by, progress_bar], {}))
        return calls

    def test_junk_reads_searches_and_groupings(self):
        models = privacy_models(self.env)
        self.assertIn("social.case", models)
        self.assertIn("social.intervention", models)
        failures = []
        count = 0
        for model in models:
            calls = self._junk_calls(model)
            for user in (self.worker_a, self.coordinator):
                for method, args, kwargs in calls:
                    count += 1
                    outcome = self._call_outcome(user, model, method, args, kwargs)
                    if outcome not in ("ok", "refused"):
                        failures.append(
                            f"{user.login} {model}.{method}{args!r:.100} {kwargs!r:.60}: {outcome}"
                        )
        self.assertGreater(count, 500)
        if failures:
            self.fail(f"{len(failures)} of {count} calls failed:\n" + "\n".join(failures[:80]))

    def test_junk_arguments_to_the_other_public_methods(self):
        """copy, default_get, onchange, get_views, has_access, check_access_rights, the
        search panel and name_create, given junk, answer or refuse clearly: none ends in
        a traceback, and a refusal leaves nothing behind."""
        junk = [None, 1, "x", [1], {"a": 1}, [["x"]], 10**30, {"name": [1, 2]}, "\x00"]
        failures = []
        count = 0
        for model in privacy_models(self.env):
            # a record of the model, readable by the worker or not
            ids = self.env[model].search([], limit=1).ids or [1]
            for value in junk:
                calls = [
                    ("copy", [ids], {"default": value}),
                    ("default_get", [value], {}),
                    ("onchange", [ids, value, [], {}], {}),
                    ("onchange", [ids, {}, value, {}], {}),
                    ("onchange", [ids, {}, [], value], {}),
                    ("get_views", [value], {}),
                    ("get_views", [[[False, "list"]], value], {}),
                    ("has_access", [ids, value], {}),
                    ("check_access_rights", [value], {}),
                    ("search_panel_select_range", [value], {}),
                    ("search_panel_select_multi_range", [value], {}),
                    ("name_create", [value], {}),
                ]
                for method, args, kwargs in calls:
                    count += 1
                    before = self.table_counts()
                    outcome = self._call_outcome(self.worker_a, model, method, args, kwargs)
                    if outcome not in ("ok", "refused"):
                        failures.append(f"{model}.{method}{args!r:.80} {kwargs!r:.40}: {outcome}")
                    elif outcome == "refused" and self.table_counts() != before:
                        failures.append(f"{model}.{method}{args!r:.80}: refused, rows left")
        self.assertGreater(count, 1000)
        if failures:
            self.fail(f"{len(failures)} of {count} calls failed:\n" + "\n".join(failures[:80]))

    def test_a_junk_request_gets_a_message_that_says_what_is_wrong(self):
        with self.assertRaises(UserError) as caught:
            self.rpc(self.worker_a, "social.case", "search", [[("no_such_field", "=", 1)]])
        self.assertIn("no_such_field", str(caught.exception))
        self.assertIn("Social Case cannot answer this request", str(caught.exception))
        with self.assertRaises(UserError) as caught:
            self.rpc(self.worker_a, "social.case", "search", [[]], {"limit": -1})
        self.assertIn("LIMIT", str(caught.exception))

    def test_the_web_clients_own_calls_still_answer(self):
        """What the kanban, the list, the form and the search panel send is answered: the
        checks refuse junk only."""
        worker, uid = self.worker_a, self.worker_a.id
        mine = ["|", ("user_id", "=", uid), ("coworker_ids", "in", [uid])]
        kanban = self.rpc(
            worker,
            "social.case",
            "web_search_read",
            [mine, KANBAN_SPEC],
            {
                "order": "priority desc, date_open desc nulls last, id",
                "limit": 80,
                "count_limit": 10001,
            },
        )
        self.assertEqual([r["id"] for r in kanban["records"]], self.case_a.ids)
        self.assertEqual(kanban["records"][0]["patient_id"]["display_name"], "Probe Patient A")
        form = self.rpc(worker, "social.case", "web_read", [self.case_a.ids, FORM_SPEC])
        self.assertEqual(form[0]["name"], self.case_a.name)
        groups = self.rpc(
            worker,
            "social.case",
            "web_read_group",
            [
                [("date_open", ">=", "2000-01-01"), ("active", "in", [True, False])],
                ["__count"],
                ["stage_id"],
            ],
            {"lazy": True, "orderby": "stage_id desc", "limit": 2**53 - 1},
        )
        self.assertEqual(sum(g["stage_id_count"] for g in groups["groups"]), 1)
        found = self.rpc(
            worker,
            "social.case",
            "search",
            [
                [
                    ("patient_id", "any", [("name", "ilike", "Probe Patient A")]),
                    ("priority", "=?", False),
                    "!",
                    ("name", "=", "no such reference"),
                    (1, "=", 1),
                ]
            ],
        )
        self.assertEqual(found, self.case_a.ids)
        months = self.rpc(
            worker,
            "social.case",
            "read_group",
            [[("team_id", "in", self.team_a.ids)], ["__count"], ["date_open:month"]],
            {"lazy": False},
        )
        self.assertEqual(sum(g["__count"] for g in months), 1)
        # interventions: the list of a case and the time spent per month
        interventions = self.rpc(
            worker,
            "social.intervention",
            "web_search_read",
            [
                [("case_id.user_id", "=", uid), ("date", ">=", "2000-01-01 00:00:00")],
                {
                    "date": {},
                    "duration": {},
                    "case_id": {"fields": {"display_name": {}}},
                    "type_id": {"fields": {"display_name": {}}, "context": {"active_test": False}},
                },
            ],
            {"order": "date desc, id", "limit": 80},
        )
        self.assertEqual([r["id"] for r in interventions["records"]], self.intervention_a.ids)
        time_spent = self.rpc(
            worker,
            "social.intervention",
            "read_group",
            [[("case_id", "in", self.case_a.ids)], ["duration:sum", "__count"], ["date:month"]],
            {"orderby": "duration desc"},
        )
        self.assertEqual(time_spent[0]["duration"], self.intervention_a.duration)
        # referrals: the coordinator's triage list and the patient picker
        referrals = self.rpc(
            self.coordinator,
            "social.referral",
            "web_search_read",
            [
                [("state", "in", ["new"]), ("patient_id.name", "ilike", "Without Case")],
                {"name": {}, "urgency": {}, "patient_id": {"fields": {"display_name": {}}}},
            ],
            {"order": "urgency desc, date desc", "limit": 40},
        )
        self.assertEqual([r["id"] for r in referrals["records"]], self.referral_nurse.ids)
        by_state = self.rpc(
            self.coordinator,
            "social.referral",
            "read_group",
            [[("id", "in", self.referral_nurse.ids)], ["__count"], ["state"]],
        )
        self.assertEqual([(g["state"], g["state_count"]) for g in by_state], [("new", 1)])
        names = self.rpc(
            self.coordinator,
            "social.referral",
            "name_search",
            [self.referral_nurse.name],
            {"args": [("state", "!=", "duplicate")], "limit": 8},
        )
        self.assertEqual([n[0] for n in names], self.referral_nurse.ids)
        described = self.rpc(
            self.coordinator, "social.referral", "fields_get", [["state"]], {"attributes": ["type"]}
        )
        self.assertEqual(described, {"state": {"type": "selection"}})

import inspect

from psycopg2 import IntegrityError

from odoo import api, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.service.model import _as_validation_error, get_public_method
from odoo.tests import tagged
from odoo.tools import SQL

from .common_privacy import PrivacyCommon

MODELS = ("social.case", "social.intervention", "social.procedure", "social.right")
# public methods inherited from the framework that reach case data over RPC
FRAMEWORK_METHODS = (
    "read",
    "write",
    "copy",
    "unlink",
    "action_archive",
    "message_post",
    "message_subscribe",
    "activity_schedule",
)
IGNORED_FIELDS = {"write_date", "write_uid", "__last_update"}
# searches, groupings, views, defaults and access questions answer with what the user may
# see, they refuse nothing (the privacy layer overrides them to check the request:
# test_probe_requests.py)
SEARCH_METHODS = {
    "search_read",
    "web_search_read",
    "read_group",
    "read_progress_bar",
    "name_search",
    "fields_get",
    "default_get",
    "get_views",
    "has_access",
    "check_access_rights",
    "search_panel_select_range",
    "search_panel_select_multi_range",
    "onchange",
    "name_create",
}


@tagged("post_install", "-at_install")
class TestPrivacyRpc(PrivacyCommon):
    """SECURITY.md #12: every public method, called over RPC by the least privileged users
    on another team's records, raises AccessError and changes nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.right = cls.env["social.right"].search([], limit=1)
        cls.targets = {
            "social.case": cls.case_a,
            "social.intervention": cls.intervention_a,
            "social.procedure": cls.procedure_a,
            "social.right": cls.right,
        }

    def _our_methods(self, model):
        """Public methods defined by our addons' classes of ``model``."""
        names = set()
        for klass in type(self.env[model]).mro():
            if not klass.__module__.startswith("odoo.addons.social_"):
                continue
            names.update(
                name
                for name, attr in vars(klass).items()
                if not name.startswith("_") and callable(attr)
            )
        return names - SEARCH_METHODS

    def _call(self, user, model, name):
        """The RPC path: public-method check, then ``odoo.api.call_kw``."""
        target = self.targets[model]
        Model = self.env[model].with_user(user)
        context = {"social_case_id": self.case_a.id}
        method = get_public_method(Model, name)
        args, kwargs = [target.ids], {}
        if name == "create":
            args = [[self._create_vals(model)]]
        elif name == "write":
            args.append(self._write_vals(model))
        elif name in ("message_post", "message_notify"):
            kwargs = {"body": "Hello", "partner_ids": user.partner_id.ids}
        elif name == "message_subscribe":
            kwargs = {"partner_ids": user.partner_id.ids}
        elif name == "activity_schedule":
            kwargs = {"act_type_xmlid": "mail.mail_activity_data_todo", "user_id": user.id}
        elif name == "read":
            args.append(["display_name"])
        elif name == "web_read":
            # what the form of the model asks for (a field it does not have is refused)
            args.append({f: {} for f in ("name", "summary", "display_name") if f in Model._fields})
        elif name == "export_data":
            args.append(["name", "summary"])
        elif name == "load":
            # an import writes through create and write; Odoo answers a refusal in the
            # import's messages, not as an exception: the refusal is read from them
            [(field, value)] = self._write_vals(model).items()
            result = api.call_kw(
                Model, name, [[".id", field], [[str(target.id), value]]], {"context": context}
            )
            errors = [m["message"] for m in result["messages"] if m["type"] == "error"]
            if not result["ids"] and errors:
                raise AccessError(errors[0])
            return result
        else:
            params = list(inspect.signature(method).parameters.values())[1:]
            required = [
                p.name
                for p in params
                if p.default is p.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
            ]
            self.assertFalse(
                required, f"{model}.{name}({required}) needs arguments: add them to this test"
            )
        kwargs["context"] = context
        return api.call_kw(Model, name, args, kwargs)

    def _create_vals(self, model):
        if model == "social.case":
            partner = self.env["res.partner"].create({"name": "RPC Patient"})
            return {
                "patient_id": partner.id,
                "user_id": self.worker_a.id,
                "team_id": self.team_a.id,
            }
        if model == "social.intervention":
            return {"case_id": self.case_a.id, "type_id": self.phone_call.id}
        if model == "social.procedure":
            return {"case_id": self.case_a.id, "type_id": self.aid.id}
        return {"name": "Forged right", "procedure_type_id": self.aid.id}

    def _write_vals(self, model):
        return {
            "social.case": {"priority": "2"},
            "social.intervention": {"note": "forged"},
            "social.procedure": {"note": "forged"},
            "social.right": {"name": "forged"},
        }[model]

    def _snapshot(self):
        self.env.invalidate_all()
        state = {}
        for model in MODELS:
            Model = self.env[model].sudo().with_context(active_test=False)
            stored = [
                name
                for name, field in Model._fields.items()
                if field.store and name not in IGNORED_FIELDS and field.type != "binary"
            ]
            state[model] = (Model.search_count([]), self.targets[model].sudo().read(stored))
        for table in ("mail_message", "mail_followers", "mail_activity", "ir_attachment"):
            self.env.cr.execute(SQL("SELECT count(*) FROM %s", SQL.identifier(table)))
            state[table] = self.env.cr.fetchone()[0]
        return state

    def test_every_public_method_refused_to_outsiders(self):
        users = (self.nurse, self.volunteer, self.worker_b)
        before = self._snapshot()
        covered = 0
        for model in MODELS:
            names = self._our_methods(model) | {
                name
                for name in FRAMEWORK_METHODS
                if hasattr(self.env[model], name)
                and (name != "action_archive" or self.env[model]._active_name)
            }
            if model == "social.right":  # the catalogue is readable; the target is the case
                names = self._our_methods(model) - {"create", "write"}
            for name in sorted(names):
                try:
                    get_public_method(self.env[model], name)
                except AccessError:
                    continue  # not callable over RPC at all
                for user in users:
                    with self.labelled(model=model, method=name, user=user.login):
                        with self.assertRaises(AccessError):
                            self._call(user, model, name)
                        self.assertEqual(self._snapshot(), before)
                        covered += 1
        self.assertGreater(covered, 40)

    def test_init_not_callable_remotely(self):
        with self.assertRaises(AccessError):
            get_public_method(self.env["social.case"], "init")

    def test_referent_reaches_the_same_methods(self):
        """Control: the refusals above come from access rules, not from broken calls."""
        result = self._call(self.worker_a, "social.case", "action_view_procedures")
        self.assertEqual(result["domain"], [("case_id", "=", self.case_a.id)])
        self._call(self.worker_a, "social.procedure", "action_submit")
        self.assertEqual(self.procedure_a.state, "submitted")


# (model, values, exception) — values that must be refused without a partial write
BAD_CREATES = [
    ("social.intervention", {"duration": -15}, ValidationError),
    ("social.intervention", {"duration": 0}, ValidationError),
    ("social.intervention", {"duration": "an hour"}, UserError),
    ("social.intervention", {"date": "not a date"}, ValidationError),
    ("social.case", {"date_open": "2025-13-45"}, ValidationError),
    ("social.procedure", {"due_date": "yesterday"}, ValidationError),
    ("social.intervention", {"type_id": -1}, UserError),
    ("social.intervention", {"case_id": -7}, UserError),
    ("social.intervention", {"no_such_field": 1}, UserError),
    ("social.case", {"dependants_count": -2}, ValidationError),
    ("social.case", {"priority": "9"}, UserError),
    ("social.case", {"confidentiality": "public"}, UserError),
    ("social.case", {"date_open": "2025-06-01", "date_closed": "2025-01-01"}, ValidationError),
    ("social.case", {"patient_id": -3}, UserError),
    ("social.case", {"no_such_field": "x"}, UserError),
    ("social.procedure", {"amount": -100.0}, ValidationError),
    ("social.procedure", {"amount": "lots"}, UserError),
    ("social.procedure", {"submission_date": "2999-01-01"}, ValidationError),
    (
        "social.procedure",
        {"submission_date": "2025-03-10", "answer_date": "2025-03-01"},
        ValidationError,
    ),
    ("social.procedure", {"state": "granted"}, UserError),
    ("social.procedure", {"state": "nonsense"}, UserError),
]
HUGE = "x" * 100_000


@tagged("post_install", "-at_install")
class TestPrivacyBadInput(PrivacyCommon):
    """SECURITY.md #13 (table-driven, Hypothesis is not installed): bad input raises a
    clean error and leaves nothing half-written."""

    def _base_vals(self, model):
        if model == "social.case":
            partner = self.env["res.partner"].create({"name": "Bad Input Patient"})
            return {
                "patient_id": partner.id,
                "user_id": self.worker_a.id,
                "team_id": self.team_a.id,
            }
        if model == "social.intervention":
            return {"case_id": self.case_a.id, "type_id": self.phone_call.id}
        return {"case_id": self.case_a.id, "type_id": self.aid.id}

    def _rpc(self, func):
        """Run ``func`` as the RPC layer does: flushed in a savepoint, database constraint
        violations turned into a ValidationError."""
        try:
            with self.env.cr.savepoint():
                func()
                self.env.flush_all()
        except IntegrityError as error:
            self.env.reset()
            raise _as_validation_error(self.env, error) from error

    def _counts(self):
        self.env.invalidate_all()
        return {
            model: self.env[model].sudo().with_context(active_test=False).search_count([])
            for model in ("social.case", "social.intervention", "social.procedure")
        }

    def test_bad_creates_refused_without_partial_write(self):
        before = self._counts()
        for model, values, error in BAD_CREATES:
            with self.labelled(model=model, values=values):
                vals = dict(self._base_vals(model), **values)
                with self.assertRaises(error):
                    self._rpc(
                        lambda m=model, v=vals: self.env[m].with_user(self.worker_a).create(v)
                    )
                self.assertEqual(self._counts(), before)

    def test_bad_writes_refused_without_partial_write(self):
        cases = [
            (self.case_a, {"priority": "2", "dependants_count": -1}, ValidationError),
            (self.case_a, {"note_nowhere": 1, "priority": "2"}, UserError),
            (self.intervention_a, {"note": "changed", "duration": -5}, ValidationError),
            (self.procedure_a, {"note": "changed", "state": "granted"}, UserError),
            (self.procedure_a, {"note": "changed", "amount": -1}, ValidationError),
        ]
        for record, values, error in cases:
            with self.labelled(model=record._name, values=values):
                self.env.invalidate_all()
                names = [name for name in values if name in record._fields]
                snapshot = record.sudo().read(names)
                with self.assertRaises(error):
                    self._rpc(lambda r=record, v=values: r.with_user(self.worker_a).write(v))
                self.env.invalidate_all()
                self.assertEqual(record.sudo().read(names), snapshot)

    def test_huge_strings_are_stored_whole_or_refused(self):
        """A 100 000-character note is either kept entirely or refused, never truncated."""
        intervention = (
            self.env["social.intervention"]
            .with_user(self.worker_a)
            .create(dict(self._base_vals("social.intervention"), note=HUGE))
        )
        self.env.invalidate_all()
        self.assertEqual(len(intervention.note), len(HUGE))

    def test_other_team_ids_in_relations_refused(self):
        before = self._counts()
        for model in ("social.intervention", "social.procedure"):
            with self.labelled(model=model):
                vals = dict(self._base_vals(model), case_id=self.case_b.id)
                with self.assertRaises(AccessError), self.env.cr.savepoint():
                    self.env[model].with_user(self.worker_a).create(vals)
                self.assertEqual(self._counts(), before)

    def test_dates_stay_coherent(self):
        today = fields.Date.context_today(self.env.user)
        with self.assertRaises(ValidationError):
            self._rpc(
                lambda: self.case_a.with_user(self.worker_a).write(
                    {"date_open": today, "date_closed": "2000-01-01"}
                )
            )
        self.env.invalidate_all()
        self.assertFalse(self.case_a.date_closed)

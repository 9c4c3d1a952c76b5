from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common_probe import ProbeCommon
from .fuzz import run_fuzz


@tagged("post_install", "-at_install")
class TestCaseFlag(ProbeCommon):
    """Flags on a case over RPC, as each role: seen on the card and the form by who may
    read the case and by no one else, set and removed in the case's chatter, who set it
    and when the system's, an expired flag no longer shown."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.aggression = env.ref("social_case.flag_type_aggression")
        cls.interpreter = env.ref("social_case.flag_type_interpreter")
        cls.flags = {
            key: env["social.case.flag"].create(
                {"case_id": case.id, "flag_type_id": cls.aggression.id, "reason": f"Probe {key}"}
            )
            for key, case in (
                ("a", cls.case_a),
                ("b", cls.case_b),
                ("restricted", cls.case_restricted),
                ("site_2", cls.case_site_2),
            )
        }
        env.flush_all()

    def _reads(self, user, record):
        """Whether ``user`` finds, counts and reads ``record`` over RPC."""
        model = record._name
        try:
            found = self.rpc(user, model, "search", [[("id", "=", record.id)]])
            count = self.rpc(user, model, "search_count", [[("id", "=", record.id)]])
            groups = self.rpc(
                user, model, "read_group", [[("id", "=", record.id)], ["case_id"], ["case_id"]]
            )
        except AccessError:
            found, count, groups = [], 0, []
        try:
            self.rpc(user, model, "read", [record.ids, ["reason"]])
            read = True
        except AccessError:
            read = False
        self.assertEqual(bool(found), read, f"{user.login}: search and read disagree")
        self.assertEqual(bool(count), read, f"{user.login}: count and read disagree")
        self.assertEqual(bool(groups), read, f"{user.login}: read_group and read disagree")
        return read

    def test_every_role_reads_the_flags_of_the_cases_it_reads(self):
        """A worker reads the flags of their team's cases, not another team's, a
        restricted case's or another site's; the coordinator and the Manager the normal
        cases' of their site; nurses, volunteers and chaplains none, not even a count."""
        expected = {
            self.worker_a: {"a"},
            self.worker_b: {"b", "restricted"},
            self.coordinator: {"a", "b"},
            self.manager: {"a", "b"},
            self.nurse: set(),
            self.volunteer: set(),
            self.chaplain: set(),
        }
        failures = []
        for user, keys in expected.items():
            for key, flag in self.flags.items():
                with self.collect(failures, user=user.login, flag=key):
                    self.assertEqual(self._reads(user, flag), key in keys)
        self.assertFalse(failures, "\n".join(failures))
        # nor the catalogue of flags, nor who set a flag on which case
        for user in (self.nurse, self.volunteer, self.chaplain):
            for model in ("social.case.flag", "social.case.flag.type"):
                with self.assertRaises(AccessError, msg=f"{user.login} {model}"):
                    self.rpc(user, model, "search_count", [[]])

    def test_the_card_and_the_form_show_the_current_flags(self):
        """The case's current flags come with the card and the form: what the kanban
        asks for shows the flag's name and colour, and a filter finds the flagged cases."""
        rows = self.rpc(
            self.worker_a,
            "social.case",
            "web_search_read",
            [
                [("id", "=", self.case_a.id)],
                {"flag_type_ids": {"fields": {"display_name": {}, "color": {}}}},
            ],
        )["records"]
        self.assertEqual(
            rows[0]["flag_type_ids"],
            [{"id": self.aggression.id, "display_name": "Risk of aggression", "color": 1}],
        )
        found = self.rpc(
            self.worker_a, "social.case", "search", [[("flag_type_ids", "in", self.aggression.ids)]]
        )
        self.assertEqual(found, self.case_a.ids)
        found = self.rpc(
            self.worker_a, "social.case", "search", [[("flag_type_ids", "ilike", "aggression")]]
        )
        self.assertEqual(found, self.case_a.ids)
        # the coordinator, who reads both normal cases, finds both; not the restricted one
        probe_cases = self.case_a | self.case_b | self.case_restricted | self.case_minor
        found = self.rpc(
            self.coordinator,
            "social.case",
            "search",
            [[("id", "in", probe_cases.ids), ("flag_type_ids", "!=", False)]],
        )
        self.assertEqual(sorted(found), sorted((self.case_a | self.case_b).ids))

    def test_set_and_remove_are_in_the_chatter(self):
        """The referent sets a flag with a reason and an end date: who and when are the
        system's, the case's chatter says it; removing it archives it and says so too."""
        until = fields.Date.today() + timedelta(days=10)
        flag_id = self.rpc(
            self.worker_a,
            "social.case.flag",
            "create",
            [
                {
                    "case_id": self.case_a.id,
                    "flag_type_id": self.interpreter.id,
                    "reason": "Speaks Tigrinya only",
                    "date_until": fields.Date.to_string(until),
                }
            ],
        )
        flag = self.env["social.case.flag"].browse(flag_id)
        self.assertEqual(flag.set_by_id, self.worker_a)
        self.assertTrue(flag.set_on)
        self.assertEqual(self.case_a.flag_type_ids, self.aggression | self.interpreter)
        body = self.case_a.message_ids[0].body
        self.assertIn("Flag set: Interpreter needed", body)
        self.assertIn("Speaks Tigrinya only", body)
        self.assertEqual(self.case_a.message_ids[0].author_id, self.worker_a.partner_id)
        self.rpc(self.worker_a, "social.case.flag", "action_remove", [[flag_id]])
        self.env.invalidate_all()
        self.assertFalse(flag.active)
        self.assertEqual(self.case_a.flag_type_ids, self.aggression)
        self.assertIn("Flag removed: Interpreter needed", self.case_a.message_ids[0].body)
        # kept: the Manager finds it among the archived flags, no one deletes it but them
        found = self.rpc(
            self.manager,
            "social.case.flag",
            "search",
            [[("id", "=", flag_id), ("active", "=", False)]],
        )
        self.assertEqual(found, [flag_id])
        with self.assertRefused(flag, exceptions=(AccessError,)):
            self.rpc(self.worker_a, "social.case.flag", "unlink", [[flag_id]])

    def test_a_flag_set_from_the_case_form(self):
        """The form's list of flags saves a new flag with the case, logged the same way."""
        self.rpc(
            self.worker_a,
            "social.case",
            "write",
            [
                self.case_a.ids,
                {"flag_ids": [(0, 0, {"flag_type_id": self.interpreter.id, "reason": "Arabic"})]},
            ],
        )
        self.assertEqual(self.case_a.flag_type_ids, self.aggression | self.interpreter)
        self.assertIn("Flag set: Interpreter needed", self.case_a.message_ids[0].body)

    def test_an_expired_flag_no_longer_shows(self):
        """A flag past its end date is neither on the card nor found by the filter."""
        flag = self.flags["a"]
        today = fields.Date.context_today(self.env.user)
        flag.write(
            {
                "set_on": fields.Datetime.now() - timedelta(days=10),
                "date_until": today - timedelta(days=1),
            }
        )
        self.env.invalidate_all()
        rows = self.rpc(self.worker_a, "social.case", "read", [self.case_a.ids, ["flag_type_ids"]])
        self.assertEqual(rows[0]["flag_type_ids"], [])
        found = self.rpc(self.worker_a, "social.case", "search", [[("flag_type_ids", "!=", False)]])
        self.assertNotIn(self.case_a.id, found)
        # and the same flag may be set again
        self.rpc(
            self.worker_a,
            "social.case.flag",
            "create",
            [{"case_id": self.case_a.id, "flag_type_id": self.aggression.id}],
        )
        self.assertEqual(self.case_a.flag_type_ids, self.aggression)

    def test_bad_flags_refused(self):
        """Setting a flag twice, an end before today, forging who set it or when, and a
        flag on a case the user may not read are refused, with nothing written."""
        flag = self.flags["a"]
        yesterday = fields.Date.to_string(fields.Date.today() - timedelta(days=1))
        with self.assertRefused(flag, exceptions=(ValidationError,)) as caught:
            self.rpc(
                self.worker_a,
                "social.case.flag",
                "create",
                [{"case_id": self.case_a.id, "flag_type_id": self.aggression.id}],
            )
        self.assertIn("already has the flag Risk of aggression", str(caught.exception))
        with self.assertRefused(flag, exceptions=(ValidationError,)):
            self.rpc(
                self.worker_a,
                "social.case.flag",
                "create",
                [
                    {
                        "case_id": self.case_a.id,
                        "flag_type_id": self.interpreter.id,
                        "date_until": yesterday,
                    }
                ],
            )
        for vals in ({"set_by_id": self.worker_b.id}, {"set_on": "2020-01-01 10:00:00"}):
            with self.assertRefused(flag):
                self.rpc(self.worker_a, "social.case.flag", "write", [flag.ids, vals])
        for user in (self.worker_b, self.nurse, self.volunteer):
            with self.assertRefused(flag):
                self.rpc(user, "social.case.flag", "write", [flag.ids, {"reason": "Forged"}])
            with self.assertRefused(flag):
                self.rpc(user, "social.case.flag", "action_remove", [flag.ids])
        with self.assertRefused(self.flags["b"]):
            self.rpc(
                self.worker_a,
                "social.case.flag",
                "create",
                [{"case_id": self.case_b.id, "flag_type_id": self.interpreter.id}],
            )
        # the catalogue is the head of the service's
        with self.assertRaises(AccessError):
            self.rpc(self.worker_a, "social.case.flag.type", "create", [{"name": "Forged"}])

    def test_fuzz_flag(self):
        run_fuzz(
            self,
            "social.case.flag",
            lambda user: {"case_id": self.case_a.id, "flag_type_id": self.interpreter.id},
            self.flags["a"],
        )

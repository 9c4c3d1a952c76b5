from odoo_test_helper import FakeModelLoader

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import SocialCaseCommon
from .test_buttons_declared import declared_buttons


@tagged("post_install", "-at_install")
class TestPrivacyMixin(SocialCaseCommon):
    """The rules of ``social.privacy.mixin`` on a model that is none of the service's: what
    a model declares (its minimum views, the fields the system or a group sets, its state
    machine, its buttons) is what every role gets, with nothing written by hand."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.loader = FakeModelLoader(cls.env, cls.__module__)
        cls.loader.backup_registry()
        from .fake_privacy_model import SocialPrivacyFakeRecord, SocialPrivacyFakeUndeclared

        cls.loader.update_registry((SocialPrivacyFakeRecord, SocialPrivacyFakeUndeclared))
        model = cls.env["ir.model"]._get("social.privacy.fake.record")
        ref = cls.env.ref
        cls.env["ir.model.access"].create(
            [
                {
                    "name": f"fake record {group}",
                    "model_id": model.id,
                    "group_id": ref(f"social_case.group_social_{group}").id,
                    "perm_read": True,
                    "perm_write": group != "care",
                    "perm_create": group != "care",
                    "perm_unlink": False,
                }
                for group in ("care", "worker")
            ]
        )
        cls.Record = cls.env["social.privacy.fake.record"]

    @classmethod
    def tearDownClass(cls):
        cls.loader.restore_registry()
        super().tearDownClass()

    def _new(self, user, **vals):
        return self.Record.with_user(user).create({"case_id": self.case_north.id, **vals})

    def test_minimum_views_for_the_care_team(self):
        record = self._new(self.worker, name="Follow-up", note="What the patient told us")
        seen = record.with_user(self.nurse).read(["name", "state"])[0]
        self.assertEqual(seen["name"], "Follow-up")
        # a field the model did not list for the care team is the social workers'
        with self.assertRaises(AccessError):
            record.with_user(self.nurse).read(["note"])
        self.assertEqual(record.with_user(self.worker).read(["note"])[0]["note"], record.note)
        # and so are fields another addon adds later: groups on every field of the layer
        self.assertEqual(self.Record._fields["amount"].groups, "social_case.group_social_worker")

    def test_fields_the_system_sets(self):
        with self.assertRaisesRegex(AccessError, "set by the social service's workflow"):
            self._new(self.worker, reference="FORGED")
        record = self._new(self.worker, name="Follow-up")
        with self.assertRaisesRegex(AccessError, "set by the social service's workflow"):
            record.with_user(self.worker).write({"reference": "FORGED"})
        # Odoo's own columns are the system's too
        with self.assertRaises(AccessError):
            record.with_user(self.worker).write({"create_uid": self.manager.id})
        self.assertFalse(record.reference)
        # the model's button writes it: the button's environment is the system's
        record.with_user(self.worker).action_open()
        self.assertEqual((record.state, record.reference), ("open", "REF/1"))

    def test_the_mark_stays_with_its_user(self):
        record = self._new(self.worker, name="Follow-up")
        with self.assertRaisesRegex(AccessError, "set by the social service's workflow"):
            record.with_user(self.worker).action_reopen_as(self.worker_b)
        self.assertFalse(record.reference)

    def test_fields_a_group_sets(self):
        with self.assertRaisesRegex(AccessError, "Priority is set by the"):
            self._new(self.worker, priority=3)
        record = self._new(self.coordinator, priority=3)
        self.assertEqual(record.priority, 3)

    def test_the_state_machine(self):
        record = self._new(self.worker, name="Follow-up")
        with self.assertRaisesRegex(UserError, "starts in its first state"):
            self._new(self.worker, state="done")
        with self.assertRaisesRegex(UserError, "cannot become Done"):
            record.with_user(self.worker).write({"state": "done"})
        # the superuser's code too moves only along the transitions
        with self.assertRaisesRegex(UserError, "cannot become Done"):
            record.sudo().write({"state": "done"})
        record.with_user(self.worker).action_open()
        record.with_user(self.worker).write({"state": "done"})
        self.assertEqual(record.state, "done")

    def test_values_are_checked_before_the_database(self):
        count = self.Record.search_count([])
        for vals in (
            {"name": "nul\x00byte"},
            {"name": "x" * 5000},
            {"amount": float("inf")},
            {"amount": float("nan")},
            {"date": "1800-01-01"},
            {"date": "not a date"},
            {"priority": 2**40},
            {"state": "nowhere"},
            {"case_id": 2**31 - 2},
        ):
            # a ValidationError is a UserError: a sentence for the user, never a traceback
            with self.assertRaises(UserError, msg=str(vals)):
                self._new(self.worker, **vals)
        self.assertEqual(self.Record.search_count([]), count, "nothing half-written")

    def test_links_to_what_the_user_may_read(self):
        with self.assertRaisesRegex(AccessError, "choose a record you may read"):
            self.Record.with_user(self.worker).create({"case_id": self.case_south.id})
        record = self._new(self.worker)
        with self.assertRaisesRegex(AccessError, "choose a record you may read"):
            record.with_user(self.worker).write({"case_id": self.case_south.id})
        self.assertEqual(record.case_id, self.case_north)

    def test_every_read_is_in_the_access_log(self):
        record = self._new(self.worker, name="Follow-up")
        Log = self.env["social.case.access.log"]
        before = Log.search([("res_model", "=", self.Record._name)])
        record.with_user(self.worker_b).web_read({"name": {}})
        self.env.cr.flush()
        line = Log.search([("res_model", "=", self.Record._name)]) - before
        self.assertEqual(
            (line.user_id, line.case_id, line.patient_id, line.res_id),
            (self.worker_b, self.case_north, self.patient_north, record.id),
        )

    def test_an_undeclared_button_is_found(self):
        count, undeclared = declared_buttons(
            self.env, ["social.privacy.fake.record", "social.privacy.fake.undeclared"]
        )
        self.assertIn("social.privacy.fake.undeclared.action_forgotten", undeclared)
        self.assertNotIn("social.privacy.fake.record.action_open", undeclared)
        self.assertGreaterEqual(count, 4)

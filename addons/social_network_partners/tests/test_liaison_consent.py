import importlib.util
from datetime import date, datetime, timedelta
from pathlib import Path

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .test_probe_liaison import ProbeLiaisonCommon

MIGRATION = Path(__file__).parents[1] / "migrations" / "18.0.1.1.0" / "post-migrate.py"


@tagged("post_install", "-at_install")
class TestLiaisonConsent(ProbeLiaisonCommon):
    """SECURITY.md T20: a liaison service sees and accepts a request only under the
    patient's valid consent of the service's purpose, held in the registry."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.volunteers = ref("social_case.consent_purpose_volunteers")
        cls.volunteering.consent_purpose_id = cls.volunteers
        cls.chaplaincy.consent_purpose_id = ref("social_case.consent_purpose_chaplaincy")
        # the nurse referred patient A, whose case was opened from her referral: she follows
        # them and may ask a visit for them
        referral = (
            cls.env["social.referral"]
            .with_user(cls.nurse)
            .sudo()
            .create({"patient_id": cls.patient_a.id, "reason": "First stay"})
        )
        referral._action_accept(cls.case_a)

    def _request(self, user, **values):
        vals = {
            "service_id": self.volunteering.id,
            "patient_id": self.patient_a.id,
            "purpose": "Probe: a walk in the garden",
        }
        vals.update(values)
        return self.env["social.liaison.request"].browse(
            self.rpc(user, "social.liaison.request", "create", [vals])
        )

    def test_ticking_the_consent_records_it_in_the_registry(self):
        request = self._request(self.nurse, consent_given=True)
        consent = request.consent_id
        self.assertEqual(consent.purpose_id, self.volunteers)
        self.assertEqual(consent.patient_id, self.patient_a)
        self.assertEqual(consent.recorded_by_id, self.nurse)
        self.assertEqual(consent.state, "valid")
        self.assertTrue(request.consent_given)
        # the nurse ticked it, the registry itself stays the social workers'
        with self.assertRaises(AccessError):
            self.rpc(self.nurse, "social.consent", "read", [consent.ids, ["state"]])
        self.assertEqual(
            self.rpc(self.volunteer, "social.liaison.request", "search", [[]]), request.ids
        )
        # the referent ticks it on their own request: the same consent covers both
        self.rpc(
            self.worker_a,
            "social.liaison.request",
            "write",
            [self.request_a.ids, {"consent_given": True}],
        )
        self.assertEqual(self.request_a.consent_id, consent)
        self.assertEqual(
            self.env["social.consent"].search_count([("patient_id", "=", self.patient_a.id)]), 1
        )

    def test_accepting_needs_the_consent_of_the_services_purpose(self):
        # a consent of another purpose (the chaplaincy's) does not cover the volunteers
        self.env["social.consent"].create(
            {"case_id": self.case_a.id, "purpose_id": self.chaplaincy.consent_purpose_id.id}
        )
        request = self._request(self.worker_a, case_id=self.case_a.id)
        self.assertFalse(request.consent_given)
        with self.assertRefused(request):
            self.rpc(self.volunteer, "social.liaison.request", "action_accept", [request.ids])
        # the consent of the registry, valid ten days, is found when the referent ticks it
        consent = self.env["social.consent"].create(
            {
                "case_id": self.case_a.id,
                "purpose_id": self.volunteers.id,
                "valid_until": date.today() + timedelta(days=10),
            }
        )
        self.rpc(
            self.worker_a, "social.liaison.request", "write", [request.ids, {"consent_given": True}]
        )
        self.assertEqual(request.consent_id, consent)
        with freeze_time(date.today() + timedelta(days=20)):
            # expired: refused at once, even before the nightly job
            with self.assertRefused(request, exceptions=UserError):
                self.rpc(self.volunteer, "social.liaison.request", "action_accept", [request.ids])
        self.rpc(self.volunteer, "social.liaison.request", "action_accept", [request.ids])
        self.assertEqual(request.state, "accepted")
        self.assertEqual(request.assignee_id, self.volunteer)
        with freeze_time(date.today() + timedelta(days=20)):
            self.env["social.consent"]._cron_refresh_state()
            self.assertFalse(request.consent_given)
            self.assertFalse(self.rpc(self.volunteer, "social.liaison.request", "search", [[]]))

    def test_withdrawal_hides_the_request_and_flags_it(self):
        request = self._request(self.worker_a, case_id=self.case_a.id, consent_given=True)
        self.rpc(self.volunteer, "social.liaison.request", "action_accept", [request.ids])
        self.withdraw_consent(
            self.worker_a, request.consent_id, "The patient no longer wants visits"
        )
        self.assertFalse(request.consent_given)
        self.assertFalse(self.rpc(self.volunteer, "social.liaison.request", "search", [[]]))
        with self.assertRaises(AccessError):
            self.rpc(self.volunteer, "social.liaison.request", "read", [request.ids, ["purpose"]])
        activity = request.activity_ids
        self.assertEqual(activity.user_id, self.worker_a)
        self.assertIn("withdrew", "".join(request.message_ids.mapped("body")))
        # the requester cancels it; ticking again needs a new consent in the registry
        self.rpc(self.worker_a, "social.liaison.request", "action_cancel", [request.ids])
        self.assertEqual(request.state, "cancelled")

    def test_upgrade_moves_ticked_consents_into_the_registry(self):
        """Old-style rows (a tick, its date and author, no registry consent) are written
        with SQL, then the upgrade script of 18.0.1.1.0 runs."""
        old = self._request(self.worker_a, case_id=self.case_a.id)
        untouched = self._request(self.worker_a, service_id=self.chaplaincy.id)
        self.env.flush_all()
        self.env.cr.execute(
            """UPDATE social_liaison_request
                  SET consent_given = true, consent_date = '2025-03-04 10:30:00',
                      consent_user_id = %s, consent_id = NULL
                WHERE id = %s""",
            (self.nurse.id, old.id),
        )
        self.env.invalidate_all()
        spec = importlib.util.spec_from_file_location("post_migrate", MIGRATION)
        script = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(script)
        script.migrate(self.env.cr, "18.0.1.0.0")
        self.env.invalidate_all()
        consent = old.consent_id
        self.assertTrue(consent)
        self.assertTrue(old.consent_given)
        self.assertEqual(consent.purpose_id, self.volunteers)
        self.assertEqual(consent.patient_id, self.patient_a)
        self.assertEqual(consent.case_id, self.case_a)
        self.assertEqual(consent.date_given, date(2025, 3, 4))
        self.assertEqual(consent.recorded_on, datetime(2025, 3, 4, 10, 30))
        self.assertEqual(consent.recorded_by_id, self.nurse)
        self.assertEqual(old.consent_user_id, self.nurse)
        self.assertFalse(untouched.consent_id)
        self.assertFalse(untouched.consent_given)
        # run twice, it creates nothing more
        count = self.env["social.consent"].search_count([])
        self.env["social.liaison.request"]._migrate_consents_to_registry()
        self.assertEqual(self.env["social.consent"].search_count([]), count)

    def test_anonymising_the_case_erases_liaison_requests(self):
        request = self._request(
            self.worker_a, case_id=self.case_a.id, consent_given=True, room="B12"
        )
        self.case_a.write(
            {
                "stage_id": self.env.ref("social_case.stage_closed").id,
                "date_closed": str(self.case_a.date_open),
            }
        )
        self.case_a._anonymise()
        self.env.invalidate_all()
        self.assertNotEqual(request.patient_id, self.patient_a)
        self.assertNotIn("Probe Patient A", request.patient_name)
        self.assertFalse(request.room)
        self.assertEqual(request.purpose, "Anonymised")

    def test_opening_a_request_is_logged(self):
        request = self._request(self.nurse, consent_given=True)
        self.rpc(
            self.volunteer, "social.liaison.request", "web_read", [request.ids, {"purpose": {}}]
        )
        log = self.env["social.case.access.log"].search(
            [("res_model", "=", "social.liaison.request")]
        )
        self.assertEqual(
            (log.operation, log.res_id, log.patient_id, log.user_id),
            ("open", request.id, self.patient_a, self.volunteer),
        )
        self.assertFalse(log.case_id)

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .test_probe_consent_exits import ConsentExitsCommon


@tagged("post_install", "-at_install")
class TestDischargeConsent(ConsentExitsCommon):
    """SECURITY.md T20: nothing is sent to an external provider without the patient's
    consent for it, or a recorded exception; through RPC, as each role."""

    def _send(self, user, requests):
        return self.rpc(user, "social.discharge.request", "action_send", [requests.ids])

    def test_no_sending_without_consent(self):
        with self.assertRefused(self.request_a, exceptions=UserError) as caught:
            self._send(self.worker_a, self.request_a)
        self.assertIn("Probe Patient A", str(caught.exception))
        with self.assertRefused(self.plan_a, exceptions=UserError):
            self.rpc(
                self.worker_a, "social.discharge.plan", "action_print_letter", [self.plan_a.ids]
            )
        # a consent for another purpose does not do
        self._consent(self.worker_a, purpose_id=self.env.ref("social_case.consent_purpose_cpas").id)
        with self.assertRefused(self.request_a, exceptions=UserError):
            self._send(self.worker_a, self.request_a)

    def test_sending_with_consent(self):
        consent = self._consent(self.worker_a, method="written")
        # another team's worker, a nurse, a volunteer: not even with the patient's consent
        for user in (self.worker_b, self.nurse, self.volunteer):
            with self.assertRefused(self.request_a, exceptions=AccessError):
                self._send(user, self.request_a)
        self.rpc(self.worker_a, "social.discharge.plan", "action_print_letter", [self.plan_a.ids])
        self._send(self.worker_a, self.request_a)
        self.assertEqual(self.request_a.state, "sent")
        self.assertEqual(self.request_a.consent_id, consent)
        self.assertIn(self.provider, self.request_a.message_ids.partner_ids)

    def test_sending_under_a_recorded_exception(self):
        with self.assertRefused():
            self._consent(self.worker_a, legal_basis="legal_obligation")
        exception = self._consent(
            self.worker_a,
            legal_basis="legal_obligation",
            basis_reason="Court-ordered placement (judge's order of 3 November)",
        )
        self._send(self.worker_a, self.request_a)
        self.assertEqual(self.request_a.consent_id, exception)
        # the head of the service sees the exceptions the sendings rested on
        seen = self.rpc(
            self.manager,
            "social.consent",
            "search_read",
            [[("legal_basis", "!=", "consent")], ["basis_reason", "patient_id"]],
        )
        self.assertEqual([row["id"] for row in seen], exception.ids)

    def test_withdrawal_stops_sending_and_flags_open_requests(self):
        consent = self._consent(self.worker_a)
        self._send(self.worker_a, self.request_a)
        other = self.env["social.discharge.request"].create(
            {
                "plan_id": self.plan_a.id,
                "partner_id": self.env["res.partner"].create({"name": "Probe Home Care"}).id,
                "channel": "phone",
            }
        )
        self.withdraw_consent(self.worker_a, consent, "The patient refuses the nursing home")
        activity = self.request_a.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.worker_a)
        self.assertIn("withdrawn", "".join(self.request_a.message_ids.mapped("body")))
        self.assertFalse(other.activity_ids, "a request not sent yet relied on nothing")
        with self.assertRefused(other, exceptions=UserError):
            self._send(self.worker_a, other)
        with self.assertRefused(self.plan_a, exceptions=UserError):
            self.rpc(
                self.worker_a, "social.discharge.plan", "action_print_letter", [self.plan_a.ids]
            )

    def _requests(self, count):
        patients = self.env["res.partner"].create(
            [{"name": f"Probe batch patient {count}-{i}"} for i in range(count)]
        )
        cases = self.env["social.case"].create(
            [
                {"patient_id": p.id, "user_id": self.worker_a.id, "team_id": self.team_a.id}
                for p in patients
            ]
        )
        plans = self.env["social.discharge.plan"].create(
            [{"case_id": case.id, "admission_date": "2026-11-02"} for case in cases]
        )
        self.env["social.consent"].create(
            [{"case_id": case.id, "purpose_id": self.purpose.id} for case in cases]
        )
        return self.env["social.discharge.request"].create(
            [
                {"plan_id": plan.id, "partner_id": self.provider.id, "channel": "phone"}
                for plan in plans
            ]
        )

    def _count_check(self, requests):
        requests = requests.with_user(self.worker_a)
        self.env.invalidate_all()
        start = self.env.cr.sql_log_count
        found = requests._check_consent()
        self.assertEqual(len(found), len(requests))
        return self.env.cr.sql_log_count - start

    def test_consent_check_of_50_requests_is_constant(self):
        one, fifty = self._requests(1), self._requests(50)
        self._count_check(one)  # fills the caches that do not depend on the data
        single = self._count_check(one)
        self.assertEqual(self._count_check(fifty), single)
        self.env.invalidate_all()
        # the requests' patients, the user's time zone, the consents, their patients
        with self.assertQueryCount(5):
            fifty.with_user(self.worker_a)._check_consent()

    def test_anonymising_the_case_erases_plans_and_requests(self):
        self._consent(self.worker_a)
        self._send(self.worker_a, self.request_a)
        self.request_a.write({"note": "Probe: the daughter refuses"})
        self.case_a.write(
            {
                "stage_id": self.env.ref("social_case.stage_closed").id,
                "date_closed": str(self.case_a.date_open),
            }
        )
        self.case_a._anonymise()
        self.env.invalidate_all()
        self.assertNotEqual(self.plan_a.patient_id, self.patient_a)
        self.assertFalse(self.plan_a.services_summary or self.plan_a.contact_info)
        self.assertFalse(self.request_a.note)
        self.assertEqual(self.request_a.state, "sent")
        self.assertEqual(self.request_a.consent_id.patient_id, self.plan_a.patient_id)

    def test_opening_a_plan_is_logged(self):
        self.rpc(
            self.worker_a, "social.discharge.plan", "web_read", [self.plan_a.ids, {"name": {}}]
        )
        log = self.env["social.case.access.log"].search(
            [("res_model", "=", "social.discharge.plan")]
        )
        self.assertEqual(
            (log.operation, log.res_id, log.case_id, log.patient_id, log.user_id),
            ("open", self.plan_a.id, self.case_a, self.patient_a, self.worker_a),
        )

from datetime import date, timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .test_probe_liaison import ProbeLiaisonCommon


@tagged("post_install", "-at_install")
class TestProbeLiaisonConsentExits(ProbeLiaisonCommon):
    """SECURITY.md T20: the chatter of a liaison request reaches the volunteers, chaplains
    and mediators of its service only under the patient's valid consent of the service's
    purpose, read in the registry on the day (not the request's stored tick)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.volunteers = cls.env.ref("social_case.consent_purpose_volunteers")
        cls.volunteering.consent_purpose_id = cls.volunteers

    def _post(self, **kwargs):
        values = {
            "body": "Probe: the patient would rather go out in the afternoon",
            "message_type": "comment",
            "subtype_xmlid": "mail.mt_comment",
        }
        values.update(kwargs)
        return self.rpc(
            self.worker_a, "social.liaison.request", "message_post", [self.request_a.ids], values
        )

    def _volunteer_notifications(self):
        self.env.flush_all()
        return (
            self.env["mail.notification"]
            .sudo()
            .search([("res_partner_id", "=", self.volunteer.partner_id.id)])
            .mail_message_id
        )

    def _accepted_under_consent(self, days):
        self.env["social.consent"].create(
            {
                "case_id": self.case_a.id,
                "purpose_id": self.volunteers.id,
                "valid_until": date.today() + timedelta(days=days),
            }
        )
        self.rpc(
            self.worker_a,
            "social.liaison.request",
            "write",
            [self.request_a.ids, {"consent_given": True}],
        )
        self.rpc(self.volunteer, "social.liaison.request", "action_accept", [self.request_a.ids])
        self.assertIn(self.volunteer.partner_id, self.request_a.message_partner_ids)

    def test_no_consent_no_message_to_the_service(self):
        with self.assertRefused(self.request_a, exceptions=UserError) as caught:
            self._post(partner_ids=self.volunteer.partner_id.ids)
        self.assertIn("consent", str(caught.exception))
        with self.assertRefused(self.request_a, exceptions=UserError):
            self.rpc(
                self.worker_a,
                "social.liaison.request",
                "message_subscribe",
                [self.request_a.ids],
                {"partner_ids": self.volunteer.partner_id.ids},
            )
        self.assertFalse(self._volunteer_notifications())

    def test_valid_consent_the_assignee_is_told(self):
        self._accepted_under_consent(days=10)
        message = self._post(partner_ids=self.volunteer.partner_id.ids)
        self.assertIn(message, self._volunteer_notifications())

    def test_an_expired_consent_stops_the_messages_before_the_nightly_job(self):
        self._accepted_under_consent(days=10)
        before = self._volunteer_notifications()
        with freeze_time(date.today() + timedelta(days=20)):
            # the request still carries its tick: the nightly job has not run
            self.assertTrue(self.request_a.consent_given)
            with self.assertRefused(self.request_a, exceptions=UserError):
                self._post(partner_ids=self.volunteer.partner_id.ids)
            # a comment to the followers does not reach the assignee any more
            message = self._post()
            self.assertTrue(message.exists())
        self.assertEqual(self._volunteer_notifications(), before)

    def test_a_withdrawn_consent_stops_the_messages(self):
        self._accepted_under_consent(days=10)
        before = self._volunteer_notifications()
        consent = self.request_a.consent_id
        self.rpc(
            self.worker_a,
            "social.consent",
            "write",
            [consent.ids, {"withdrawal_reason": "The patient no longer wants visits"}],
        )
        self.rpc(self.worker_a, "social.consent", "action_withdraw", [consent.ids])
        with self.assertRefused(self.request_a, exceptions=UserError):
            self._post(partner_ids=self.volunteer.partner_id.ids)
        self._post()
        self.assertEqual(self._volunteer_notifications(), before)

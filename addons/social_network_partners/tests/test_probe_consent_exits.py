from datetime import date, datetime, timedelta

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

    def _post_to_volunteer(self):
        return self._post(partner_ids=self.volunteer.partner_id.ids)

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

    def _withdraw(self):
        self.withdraw_consent(
            self.worker_a, self.request_a.consent_id, "The patient no longer wants visits"
        )

    def _scheduled_visit(self):
        """The volunteer plans the visit under the consent: it is in their calendar."""
        self._accepted_under_consent(days=10)
        self.rpc(
            self.volunteer,
            "social.liaison.request",
            "write",
            [self.request_a.ids, {"visit_datetime": "2026-03-02 14:00:00"}],
        )
        self.rpc(self.volunteer, "social.liaison.request", "action_schedule", [self.request_a.ids])
        self.assertEqual(self._calendar()["name"], "Probe Volunteering visit: Probe Patient A")

    def _calendar(self):
        """The visit as the volunteer reads it in their calendar."""
        rows = self.rpc(
            self.volunteer,
            "calendar.event",
            "search_read",
            [[("id", "=", self.request_a.event_id.id)], ["name", "start", "location"]],
            context={"active_test": False},
        )
        self.assertEqual(len(rows), 1)
        return rows[0]

    def test_no_consent_no_message_to_the_service(self):
        with self.assertRefused(self.request_a, exceptions=UserError) as caught:
            self._post_to_volunteer()
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
        message = self._post_to_volunteer()
        self.assertIn(message, self._volunteer_notifications())

    def test_an_expired_consent_stops_the_messages_before_the_nightly_job(self):
        self._accepted_under_consent(days=10)
        before = self._volunteer_notifications()
        with freeze_time(date.today() + timedelta(days=20)):
            # the request still carries its tick: the nightly job has not run
            self.assertTrue(self.request_a.consent_given)
            with self.assertRefused(self.request_a, exceptions=UserError):
                self._post_to_volunteer()
            # a comment to the followers does not reach the assignee any more
            message = self._post()
            self.assertTrue(message.exists())
        self.assertEqual(self._volunteer_notifications(), before)

    def test_a_withdrawn_consent_stops_the_messages(self):
        self._accepted_under_consent(days=10)
        before = self._volunteer_notifications()
        self._withdraw()
        with self.assertRefused(self.request_a, exceptions=UserError):
            self._post_to_volunteer()
        self._post()
        self.assertEqual(self._volunteer_notifications(), before)

    def test_the_visit_in_the_volunteers_calendar_forgets_the_patient_when_consent_ends(self):
        """Withdrawn, or expired once the nightly job has run: the volunteer's calendar keeps
        the date and the place of the visit, not the patient's name."""
        for label in ("withdrawn", "expired"):
            with self.labelled(case=label), self.env.cr.savepoint(flush=False) as savepoint:
                self._scheduled_visit()
                before = self._calendar()
                if label == "withdrawn":
                    self._withdraw()
                else:
                    with freeze_time(date.today() + timedelta(days=20)):
                        self.env["social.consent"]._cron_refresh_state()
                after = self._calendar()
                self.assertNotIn("Probe Patient A", after["name"])
                self.assertIn(self.request_a.name, after["name"])
                self.assertEqual(
                    (after["start"], after["location"]), (before["start"], before["location"])
                )
                savepoint.rollback()

    def test_the_requester_moves_the_visit_in_the_volunteers_calendar(self):
        self._scheduled_visit()
        self.rpc(
            self.worker_a,
            "social.liaison.request",
            "write",
            [self.request_a.ids, {"visit_datetime": "2026-03-02 16:00:00"}],
        )
        self.assertEqual(self._calendar()["start"], datetime(2026, 3, 2, 16, 0))

from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import DischargeCase


@tagged("post_install", "-at_install")
class TestDischargeRequests(DischargeCase):
    def _wizard(self, **values):
        wizard = Form(
            self.env["social.discharge.provider.wizard"]
            .with_user(self.worker_a)
            .with_context(default_plan_id=self.plan.id)
        )
        for name, value in values.items():
            setattr(wizard, name, value)
        return wizard

    def _request_three(self, channel="email"):
        wizard = self._wizard(channel=channel)
        for provider in self.providers[:3]:
            wizard.partner_ids.add(provider)
        wizard.save().action_create_requests()
        return self.plan.request_ids

    def test_wizard_filters_by_need_and_capacity(self):
        other = self.env["res.partner"].create(
            {
                "name": "Nursing home only",
                "is_company": True,
                "social_partner_type_ids": [(6, 0, self.partner_type.ids)],
                "social_need_type_ids": [
                    (6, 0, self.env.ref("social_case.need_residential_care").ids)
                ],
            }
        )
        wizard = self._wizard()
        self.assertEqual(wizard.need_type_id, self.home_care)
        self.assertEqual(wizard.territory_id, self.env.ref("social_case.territory_1000"))
        available = wizard.available_partner_ids
        for provider in self.providers:
            self.assertIn(provider, available)
        self.assertNotIn(other, available)
        wizard.only_available = True
        self.assertNotIn(self.providers[2], wizard.available_partner_ids, "no free place")
        self.assertIn(self.providers[0], wizard.available_partner_ids)
        # a provider serving only another municipality is left out
        self.providers[3].social_territory_ids = self.env.ref("social_case.territory_1050")
        wizard = self._wizard()
        self.assertNotIn(self.providers[3], wizard.available_partner_ids)

    def test_send_three_by_email_with_letter(self):
        requests = self._request_three()
        self.assertEqual(len(requests), 3)
        self.assertEqual(set(requests.mapped("state")), {"sent"})
        for request in requests:
            message = request.message_ids.filtered(lambda m: m.message_type == "comment")
            self.assertEqual(len(message), 1)
            self.assertIn(request.partner_id, message.partner_ids)
            self.assertEqual(len(message.attachment_ids), 1)
            self.assertIn("Liaison letter", message.attachment_ids.name)
            self.assertNotIn(request.partner_id, request.message_partner_ids)
        with self.assertRaisesRegex(UserError, "already been asked"):
            wizard = self._wizard()
            wizard.partner_ids.add(self.providers[0])
            wizard.save().action_create_requests()

    def test_phone_request_recorded(self):
        requests = self._request_three(channel="phone")
        self.assertEqual(set(requests.mapped("state")), {"sent"})
        self.assertTrue(all(r.date_sent for r in requests))
        self.assertFalse(requests.message_ids.attachment_ids)

    def test_answers_and_constraints(self):
        first, second, _third = self._request_three(channel="phone").with_user(self.worker_a)
        with self.assertRaisesRegex(ValidationError, "Record why"):
            first.action_refuse()
        first.refusal_reason = "No nurse available in that area"
        first.action_refuse()
        self.assertEqual(first.state, "refused")
        with self.assertRaisesRegex(ValidationError, "position"):
            second.action_waiting()
        second.write({"waiting_position": 2, "waiting_date": self.today + timedelta(days=5)})
        second.action_waiting()
        self.assertEqual(second.state, "waiting")
        with self.assertRaisesRegex(UserError, "cannot become Accepted"):
            first.action_accept()
        self.assertEqual(first.state, "refused")

    def test_accept_sets_destination_and_withdraws_others(self):
        first, second, third = self._request_three()
        action = second.with_user(self.worker_a).action_accept()
        self.assertEqual(second.state, "accepted")
        self.assertEqual(self.plan.destination_partner_id, self.providers[1])
        self.assertEqual(action["res_model"], "social.discharge.withdraw.wizard")
        wizard = Form(
            self.env["social.discharge.withdraw.wizard"]
            .with_user(self.worker_a)
            .with_context(**action["context"])
        ).save()
        self.assertEqual(wizard.request_ids, first | third)
        wizard.action_confirm()
        self.assertEqual(first.state, "withdrawn")
        self.assertEqual(third.state, "withdrawn")
        self.assertEqual(second.state, "accepted")
        last = first.message_ids[0]
        self.assertIn("Request withdrawn", last.subject)
        self.assertIn(self.providers[0], last.partner_ids)

    def test_a_request_unanswered_for_48_hours_reminds_the_referent(self):
        """An automation rule an administrator edits, not a job: 48 hours after a request
        was sent, while the provider has not answered, its referent gets an activity, once."""
        Automation = self.env["base.automation"]
        rule = self.env.ref("social_discharge.automation_request_unanswered")
        kind = self.env.ref("social_discharge.mail_activity_type_request_unanswered")
        self.assertEqual((rule.trg_date_range, rule.trg_date_range_type), (48, "hour"))
        sent = fields.Datetime.now().replace(microsecond=0)
        rule.last_run = sent - timedelta(minutes=1)
        first, second, third = self._request_three(channel="phone")
        first.date_sent = third.date_sent = sent
        second.date_sent = sent + timedelta(hours=10)
        third.write({"waiting_position": 1})
        third.action_waiting()

        def reminders(request):
            return request.activity_ids.filtered(lambda a: a.activity_type_id == kind)

        def run_after(hours):
            with freeze_time(sent + timedelta(hours=hours)):
                Automation._check()

        run_after(47)
        self.assertFalse(reminders(first), "not 48 hours yet")
        run_after(49)
        self.assertEqual(reminders(first).user_id, self.worker_a)
        self.assertEqual(reminders(first).activity_type_id.name, "Provider Not Answering")
        self.assertFalse(reminders(second), "sent 10 hours later")
        self.assertFalse(reminders(third), "answered (waiting list)")
        run_after(59)
        self.assertEqual(len(reminders(first)), 1, "reminded once")
        self.assertEqual(reminders(second).user_id, self.worker_a)

    def test_the_rule_switched_on_again_does_not_remind_of_the_past(self):
        Automation = self.env["base.automation"]
        rule = self.env.ref("social_discharge.automation_request_unanswered")
        kind = self.env.ref("social_discharge.mail_activity_type_request_unanswered")
        first = self._request_three(channel="phone")[0]
        first.date_sent = fields.Datetime.now() - timedelta(days=30)
        # switched off two months ago, switched on today
        rule.write({"active": False, "last_run": fields.Datetime.now() - timedelta(days=60)})
        rule.active = True
        Automation._check()
        self.assertFalse(first.activity_ids.filtered(lambda a: a.activity_type_id == kind))

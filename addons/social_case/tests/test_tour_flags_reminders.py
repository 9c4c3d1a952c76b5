from datetime import datetime, timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestFlagsAndRemindersOnAPhone(HttpCase):
    """At 375 px the social worker sees a case's flag on its card and at the top of the
    case, and acts on the reminder of a case gone quiet from the activities of her top bar."""

    browser_size = "375x740"
    touch_enabled = True

    def setUp(self):
        super().setUp()
        self.worker = new_test_user(
            self.env,
            "tour_flag_worker",
            groups="social_case.group_social_worker",
            name="Tour Flag Worker",
            action_id=self.env.ref("social_case.social_case_action_my").id,
            tz="Europe/Brussels",
        )
        self.team = self.env["social.team"].create(
            {"name": "Tour Quiet Team", "member_ids": [(6, 0, self.worker.ids)], "quiet_days": 10}
        )
        self.interpreter = self.env.ref("social_case.flag_type_interpreter")

    def _case(self, name):
        patient = self.env["res.partner"].create({"name": name})
        case = self.env["social.case"].create(
            {"patient_id": patient.id, "user_id": self.worker.id, "team_id": self.team.id}
        )
        self.env["social.case.flag"].create(
            {
                "case_id": case.id,
                "flag_type_id": self.interpreter.id,
                "reason": "Speaks only Tigrinya.",
            }
        )
        return case

    def test_the_flag_shows_on_the_card_and_the_case(self):
        case = self._case("Tour Flagged Patient")
        self.start_tour("/odoo", "social_flag_phone_tour", login="tour_flag_worker")
        # corrected in its dialog and stored: the case itself was never saved
        self.assertEqual(
            case.flag_ids.reason, "Speaks only Tigrinya; the interpreter comes on Tuesdays."
        )

    def test_the_reminder_of_a_quiet_case_is_done_from_the_phone(self):
        case = self._case("Tour Quiet Patient")
        self.env["social.intervention"].create(
            {
                "case_id": case.id,
                "type_id": self.env.ref("social_case.intervention_type_phone_call").id,
                "user_id": self.worker.id,
                "duration": 15,
                "date": fields.Datetime.now() - timedelta(days=12),
            }
        )
        today = fields.Date.context_today(self.worker)
        self.assertLess(case.quiet_date, today)
        # the rule, as its nightly run fires it: it last ran before the case went quiet
        rule = self.env.ref("social_case.automation_case_quiet")
        rule.last_run = datetime.combine(case.quiet_date - timedelta(days=1), datetime.min.time())
        self.env["base.automation"]._check()
        quiet_type = self.env.ref("social_case.mail_activity_type_case_quiet")
        reminder = case.activity_ids.filtered(lambda a: a.activity_type_id == quiet_type)
        self.assertEqual(reminder.user_id, self.worker)

        self.start_tour("/odoo", "social_quiet_reminder_phone_tour", login="tour_flag_worker")
        self.assertFalse(reminder.exists())
        done = case.message_ids.filtered(lambda m: m.mail_activity_type_id == quiet_type)
        self.assertIn("Called the daughter", done.body)
        self.assertEqual(done.author_id, self.worker.partner_id)

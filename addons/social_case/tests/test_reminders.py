from datetime import datetime, time, timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from .common import SocialCaseCommon


@tagged("post_install", "-at_install")
class TestReminders(SocialCaseCommon):
    """Nothing falls through the cracks: a case with no contact for its team's number of
    days reminds its referent, then its team leader; a plan review due in a week reminds
    the referent. The reminders are automation rules an administrator changes without code,
    and a rule switched on reminds of what falls due from then on, not of the past."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team_north.write({"quiet_days": 10, "leader_id": cls.coordinator.id})
        cls.quiet_type = cls.env.ref("social_case.mail_activity_type_case_quiet")
        cls.rule_quiet = cls.env.ref("social_case.automation_case_quiet")
        cls.Automation = cls.env["base.automation"]

    def _contact(self, case, when):
        """The case's last contact is ``when``: its interventions so far are moved to it."""
        case.intervention_ids.write({"date": when})
        return self.env["social.intervention"].create(
            {"case_id": case.id, "type_id": self.interview.id, "duration": 15, "date": when}
        )

    def _reminders(self, case, user=None, kind=None):
        domain = [
            ("res_model", "=", case._name),
            ("res_id", "=", case.id),
            ("activity_type_id", "=", (kind or self.quiet_type).id),
        ]
        if user:
            domain.append(("user_id", "=", user.id))
        return self.env["mail.activity"].search(domain)

    def _run_rules_at(self, day):
        with freeze_time(datetime.combine(day, time(6, 0))):
            self.Automation._check()
            return self.env["social.case"]._cron_refresh_quiet()

    def test_a_quiet_case_reminds_its_referent_then_its_team_leader(self):
        case = self.case_north
        last = fields.Datetime.now() - timedelta(days=2)
        self._contact(case, last)
        self.assertEqual(case.last_contact_date, last.replace(microsecond=0))
        self.assertEqual(case.quiet_date, last.date() + timedelta(days=10))
        self.assertEqual(case.escalation_date, last.date() + timedelta(days=20))
        self.assertFalse(case.is_quiet)

        # the day before it goes quiet: nothing
        self._run_rules_at(case.quiet_date - timedelta(days=1))
        self.assertFalse(self._reminders(case))
        # the day it does: the referent, once, and the card says it
        changed = self._run_rules_at(case.quiet_date)
        self.assertIn(case, changed)
        reminder = self._reminders(case)
        self.assertEqual(reminder.user_id, self.worker)
        self.assertEqual(reminder.date_deadline, case.quiet_date)
        self.assertTrue(case.is_quiet)
        self.assertIn(
            case,
            self.env["social.case"].with_user(self.worker).search([("is_quiet", "=", True)]),
        )
        self._run_rules_at(case.quiet_date + timedelta(days=1))
        self.assertEqual(self._reminders(case), reminder, "reminded once, not every day")
        # twice as long: the team leader too
        self._run_rules_at(case.escalation_date)
        self.assertEqual(self._reminders(case, self.coordinator).user_id, self.coordinator)

        # a contact wakes the case up: it goes quiet again 10 days after it, and the
        # reminders of the referent and the team leader are done
        day = case.escalation_date
        with freeze_time(datetime.combine(day, time(9, 0))):
            self.env["social.intervention"].with_user(self.worker).create(
                {"case_id": case.id, "type_id": self.interview.id, "duration": 15}
            )
            self.assertEqual(case.quiet_date, day + timedelta(days=10))
            self.assertFalse(case.is_quiet)
        self.assertFalse(self._reminders(case))
        done = case.message_ids.filtered(lambda m: m.mail_activity_type_id == self.quiet_type)
        self.assertEqual(len(done), 2)
        self.assertIn("A contact was logged.", done[0].body)

    def test_a_restricted_case_is_not_shown_to_the_team_leader(self):
        case = self.case_restricted
        self._contact(case, fields.Datetime.now() - timedelta(days=1))
        self._run_rules_at(case.escalation_date)
        self.assertEqual(self._reminders(case).user_id, self.worker)

    def test_a_closed_case_never_goes_quiet(self):
        case = self.case_north
        case.stage_id = self.env["social.case.stage"].search([("is_closed", "=", True)], limit=1)
        self.assertFalse(case.quiet_date)
        self._run_rules_at(fields.Date.today() + timedelta(days=60))
        self.assertFalse(self._reminders(case))
        self.assertFalse(case.is_quiet)

    def test_a_rule_switched_on_does_not_remind_of_the_past(self):
        # a case quiet for months, before the rule is switched on
        case = self.case_south
        self._contact(case, fields.Datetime.now() - timedelta(days=200))
        self.assertLess(case.quiet_date, fields.Date.today())
        self.rule_quiet.active = False
        self.rule_quiet.sudo().write({"last_run": False})
        self.rule_quiet.active = True
        self.assertTrue(self.rule_quiet.last_run)
        self._run_rules_at(fields.Date.today() + timedelta(days=1))
        self.assertFalse(self._reminders(case))
        # a rule made by an administrator starts from now too
        copy = self.rule_quiet.copy({"name": "Quiet cases, again"})
        self.assertTrue(copy.last_run)
        # what would have happened: the whole history at the first run
        self.rule_quiet.sudo().write({"last_run": False})
        self._run_rules_at(fields.Date.today() + timedelta(days=2))
        self.assertEqual(self._reminders(case).user_id, self.worker_south)

    def test_a_plan_review_due_in_a_week_reminds_the_referent(self):
        today = fields.Date.context_today(self.env.user)
        plan = (
            self.env["social.case.plan"]
            .with_user(self.worker)
            .create({"case_id": self.case_north.id, "review_date": today + timedelta(days=10)})
        )
        kind = self.env.ref("social_case.mail_activity_type_plan_review")
        self._run_rules_at(today + timedelta(days=2))
        self.assertFalse(self._reminders(plan, kind=kind))
        self._run_rules_at(today + timedelta(days=3))
        reminder = self._reminders(plan, kind=kind)
        self.assertEqual(reminder.user_id, self.worker)

    def test_the_nightly_flag_is_one_query_whatever_the_number_of_cases(self):
        self.env.flush_all()
        # the time zone of the day, then one UPDATE
        with self.assertQueryCount(2):
            self.env["social.case"]._cron_refresh_quiet()

    def test_a_referral_not_triaged_after_a_working_day_reminds_the_coordinator(self):
        """A referral still new a working day after it came in reminds the coordinator named
        in Settings: not the same afternoon, not over the weekend, not once triaged."""
        self.env.company.social_triage_user_id = self.coordinator
        kind = self.env.ref("social_case.mail_activity_type_referral_triage")
        rule = self.env.ref("social_case.automation_referral_not_triaged")
        self.assertTrue(rule.active)
        start = fields.Date.context_today(self.env.user) + timedelta(days=14)
        friday = start + timedelta(days=(4 - start.weekday()) % 7)
        Referral = self.env["social.referral"]
        referrals = Referral.create(
            [
                {
                    "patient_id": patient.id,
                    "reason": "Lives alone, going home",
                    "channel": "phone",
                    "referrer_type": "nurse",
                    "date": datetime.combine(friday, time(10, 0)),
                }
                for patient in (self.patient_new, self.patient_north)
            ]
        )
        triaged = referrals[1]
        triaged.state = "triaged"
        rule.last_run = datetime.combine(friday, time(9, 0))

        def run_at(day, hour):
            with freeze_time(datetime.combine(day, time(hour, 0))):
                self.Automation._check()

        run_at(friday, 16)
        run_at(friday + timedelta(days=2), 10)  # Sunday
        self.assertFalse(self._reminders(referrals[0], kind=kind))
        run_at(friday + timedelta(days=4), 10)  # Tuesday
        reminder = self._reminders(referrals[0], kind=kind)
        self.assertEqual(reminder.user_id, self.coordinator)
        self.assertEqual(reminder.activity_type_id.name, "Referral to Triage")
        self.assertFalse(self._reminders(triaged, kind=kind))
        # without a coordinator in Settings, nobody is reminded (not the system's user)
        self.env.company.social_triage_user_id = False
        late = Referral.create(
            {
                "patient_id": self.patient_south.id,
                "reason": "No one at home",
                "channel": "phone",
                "referrer_type": "nurse",
                "date": datetime.combine(friday + timedelta(days=7), time(10, 0)),
            }
        )
        run_at(friday + timedelta(days=11), 10)
        self.assertFalse(self._reminders(late, kind=kind))

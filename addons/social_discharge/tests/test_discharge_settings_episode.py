from datetime import timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import DischargeCase


@tagged("post_install", "-at_install")
class TestDischargeSettings(DischargeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = new_test_user(
            cls.env, "d_admin", groups="base.group_system,social_case.group_social_manager"
        )

    def _settings(self, **values):
        settings = self.env["res.config.settings"].with_user(self.admin).create(values)
        settings.execute()
        return settings

    def _sent_request(self, days_ago):
        return self.env["social.discharge.request"].create(
            {
                "plan_id": self.plan.id,
                "partner_id": self.providers[0].id,
                "channel": "phone",
                "state": "sent",
                "date_sent": fields.Datetime.now() - timedelta(days=days_ago),
            }
        )

    def test_settings_screen_shows_the_delays(self):
        arch = self.env["res.config.settings"].with_user(self.admin).get_views([(False, "form")])
        arch = arch["views"]["form"]["arch"]
        self.assertIn('name="social_discharge_reminder_days"', arch)
        self.assertIn('name="social_discharge_follow_up_days"', arch)
        settings = self.env["res.config.settings"].with_user(self.admin).create({})
        self.assertEqual(settings.social_discharge_reminder_days, 3)
        self.assertEqual(settings.social_discharge_follow_up_days, 7)

    def test_reminder_delay_from_settings(self):
        request = self._sent_request(days_ago=2)
        self.env["social.discharge.request"]._cron_remind_unanswered()
        self.assertFalse(request.activity_ids, "default delay of 3 days not reached yet")
        self._settings(social_discharge_reminder_days=1)
        self.assertEqual(
            self.env["ir.config_parameter"].get_param("social_discharge.reminder_days"), "1"
        )
        self.env["social.discharge.request"]._cron_remind_unanswered()
        self.assertEqual(len(request.activity_ids), 1)
        self.assertIn(self.providers[0].name, request.activity_ids.summary)

    def test_follow_up_delay_from_settings(self):
        self._settings(social_discharge_follow_up_days=14)
        self.plan.with_user(self.worker).action_discharge()
        follow_up = self.case.activity_ids.filtered(
            lambda a: a.summary == "Follow-up after discharge"
        )
        self.assertEqual(follow_up.date_deadline, self.today + timedelta(days=14))

    def test_settings_refuse_meaningless_delays(self):
        with self.assertRaisesRegex(ValidationError, "at least one day"):
            self._settings(social_discharge_reminder_days=0)
        with self.assertRaisesRegex(ValidationError, "cannot be before the discharge"):
            self._settings(social_discharge_follow_up_days=-2)
        self.assertEqual(
            self.env["ir.config_parameter"].get_param("social_discharge.follow_up_days"), "7"
        )


@tagged("post_install", "-at_install")
class TestDischargeEpisode(DischargeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.patient_stay = cls.env["res.partner"].create({"name": "Patient Stay", "zip": "1000"})
        cls.case_stay = cls.env["social.case"].create(
            {"patient_id": cls.patient_stay.id, "user_id": cls.worker.id, "team_id": cls.team.id}
        )
        cls.start = cls.today - timedelta(days=3)
        cls.old_stay = cls.env["social.case.episode"].create(
            {
                "case_id": cls.case_stay.id,
                "unit_id": cls.unit.id,
                "date_start": cls.today - timedelta(days=90),
                "date_end": cls.today - timedelta(days=80),
            }
        )
        cls.consultations = cls.env["social.case.episode"].create(
            {
                "case_id": cls.case_stay.id,
                "episode_type": "consultations",
                "date_start": cls.today - timedelta(days=1),
            }
        )
        cls.stay = cls.env["social.case.episode"].create(
            {"case_id": cls.case_stay.id, "unit_id": cls.unit.id, "date_start": cls.start}
        )

    def test_plan_proposes_dates_and_unit_from_the_hospital_stay(self):
        self.stay.expected_length_of_stay = 9
        with Form(self.env["social.discharge.plan"].with_user(self.worker)) as form:
            form.case_id = self.case_stay
            self.assertEqual(form.episode_id, self.stay, "current stay, not the ended one")
            self.assertEqual(form.admission_date, self.start)
            self.assertEqual(form.unit_id, self.unit)
            self.assertEqual(form.expected_discharge_date, self.start + timedelta(days=9))
            # still the social worker's call: another admission date falls back on the unit
            form.admission_date = self.start - timedelta(days=1)
            self.assertEqual(form.expected_discharge_date, self.start + timedelta(days=5))
            form.expected_discharge_date = self.start + timedelta(days=12)
        plan = form.record
        self.assertEqual(plan.episode_id, self.stay)
        self.assertEqual(plan.expected_discharge_date, self.start + timedelta(days=12))
        self.assertEqual(plan.admission_date, self.start - timedelta(days=1))

    def test_plan_without_stay_keeps_its_own_dates(self):
        self.plan.invalidate_recordset()
        self.assertFalse(self.plan.episode_id)
        self.assertEqual(self.plan.admission_date, self.admission)
        self.assertEqual(self.plan.expected_discharge_date, self.admission + timedelta(days=6))

    def test_episode_must_be_a_hospital_stay_of_the_case(self):
        plan = (
            self.env["social.discharge.plan"]
            .with_user(self.worker)
            .create({"case_id": self.case_stay.id})
        )
        self.assertEqual(plan.episode_id, self.stay)
        with self.assertRaisesRegex(ValidationError, "hospital stay of its own case"):
            plan.episode_id = self.consultations
        other = self.env["social.case.episode"].create(
            {"case_id": self.case.id, "unit_id": self.unit.id, "date_start": self.start}
        )
        with self.assertRaisesRegex(ValidationError, "hospital stay of its own case"):
            plan.episode_id = other

    def test_discharge_ends_the_hospital_stay_not_the_case(self):
        plan = (
            self.env["social.discharge.plan"]
            .with_user(self.worker)
            .create({"case_id": self.case_stay.id, "destination_type": "home"})
        )
        plan.with_user(self.worker).action_discharge()
        self.assertTrue(plan.is_discharged)
        self.assertEqual(self.stay.date_end, self.today)
        self.assertEqual(self.old_stay.date_end, self.today - timedelta(days=80))
        self.assertFalse(self.case_stay.is_closed)

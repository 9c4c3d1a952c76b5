import importlib.util
from ast import literal_eval
from datetime import timedelta
from pathlib import Path

from odoo.exceptions import ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import DischargeCase

MIGRATIONS = Path(__file__).parents[1] / "migrations"
MIGRATION = MIGRATIONS / "18.0.1.2.0" / "post-migrate.py"


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

    def test_settings_screen_shows_the_delays(self):
        arch = self.env["res.config.settings"].with_user(self.admin).get_views([(False, "form")])
        arch = arch["views"]["form"]["arch"]
        self.assertIn('name="social_discharge_follow_up_days"', arch)
        settings = self.env["res.config.settings"].with_user(self.admin).create({})
        self.assertEqual(settings.social_discharge_follow_up_days, 7)

    def test_settings_lead_to_the_reminders(self):
        """The delay of a reminder is the automation rule's: Settings lead the administrator
        to the social service's rules, the provider's unanswered request among them."""
        action = self.env.ref("social_case.social_automation_action")
        arch = self.env["res.config.settings"].with_user(self.admin).get_views([(False, "form")])
        self.assertIn(f'name="{action.id}"', arch["views"]["form"]["arch"])
        rules = (
            self.env["base.automation"]
            .with_user(self.admin)
            .with_context(active_test=False)
            .search(literal_eval(action.domain))
        )
        self.assertIn(self.env.ref("social_discharge.automation_request_unanswered"), rules)
        self.assertIn(self.env.ref("social_case.automation_case_quiet"), rules)
        self.assertTrue(all(name.startswith("social.") for name in rules.mapped("model_name")))

    def test_the_migration_keeps_the_delay_chosen_and_drops_the_job(self):
        """Upgrading from the release whose reminder was a daily job and a setting in days:
        the job and the setting go, and a hospital's own delay becomes the rule's."""
        rule = self.env.ref("social_discharge.automation_request_unanswered")
        cron = self.env["ir.cron"].create(
            {
                "name": "Discharge requests: remind the unanswered ones",
                "model_id": self.env.ref("social_discharge.model_social_discharge_request").id,
                "state": "code",
                "code": "model.browse()",
            }
        )
        self.env["ir.model.data"].create(
            {
                "module": "social_discharge",
                "name": "ir_cron_remind_unanswered",
                "model": "ir.cron",
                "res_id": cron.id,
                "noupdate": True,
            }
        )
        self.env["ir.config_parameter"].set_param("social_discharge.reminder_days", "5")
        spec = importlib.util.spec_from_file_location("post_migrate", MIGRATION)
        script = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(script)
        script.migrate(self.env.cr, "18.0.1.1.0")
        self.assertEqual(rule.trg_date_range, 120)
        self.assertFalse(cron.exists())
        self.assertFalse(
            self.env["ir.config_parameter"].get_param("social_discharge.reminder_days")
        )

    def test_follow_up_delay_from_settings(self):
        """The delay is the site's: Settings change it for the company the administrator
        works in, and a worker recording the discharge reads it (no system parameter)."""
        self._settings(social_discharge_follow_up_days=14)
        self.assertEqual(self.plan.company_id.social_discharge_follow_up_days, 14)
        self.plan.with_user(self.worker_a).action_discharge()
        follow_up = self.case.activity_ids.filtered(
            lambda a: a.summary == "Follow-up after discharge"
        )
        self.assertEqual(follow_up.date_deadline, self.today + timedelta(days=14))

    def test_settings_refuse_meaningless_delays(self):
        # Odoo's assertRaises rolls the refused change back, as the request would
        with self.assertRaises(ValidationError) as refused:
            self._settings(social_discharge_follow_up_days=-2)
        self.assertIn("cannot be before the discharge", str(refused.exception))
        self.assertEqual(self.plan.company_id.social_discharge_follow_up_days, 7)

    def test_the_migration_makes_the_delay_each_sites(self):
        """Upgrading from the release whose delay was one system parameter: the hospital's
        delay becomes every site's, and the parameter goes."""
        self.env["ir.config_parameter"].set_param("social_discharge.follow_up_days", "12")
        spec = importlib.util.spec_from_file_location(
            "post_migrate_follow_up", MIGRATIONS / "18.0.1.3.0" / "post-migrate.py"
        )
        script = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(script)
        script.migrate(self.env.cr, "18.0.1.2.0")
        companies = self.env["res.company"].search([])
        self.assertEqual(set(companies.mapped("social_discharge_follow_up_days")), {12})
        self.assertFalse(
            self.env["ir.config_parameter"].get_param("social_discharge.follow_up_days")
        )


@tagged("post_install", "-at_install")
class TestDischargeEpisode(DischargeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.patient_stay = cls.env["res.partner"].create({"name": "Patient Stay", "zip": "1000"})
        cls.case_stay = cls.env["social.case"].create(
            {
                "patient_id": cls.patient_stay.id,
                "user_id": cls.worker_a.id,
                "team_id": cls.team_a.id,
            }
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
        with Form(self.env["social.discharge.plan"].with_user(self.worker_a)) as form:
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
            .with_user(self.worker_a)
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
            .with_user(self.worker_a)
            .create({"case_id": self.case_stay.id, "destination_type": "home"})
        )
        plan.with_user(self.worker_a).action_discharge()
        self.assertTrue(plan.is_discharged)
        self.assertEqual(self.stay.date_end, self.today)
        self.assertEqual(self.old_stay.date_end, self.today - timedelta(days=80))
        self.assertFalse(self.case_stay.is_closed)

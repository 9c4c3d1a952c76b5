from datetime import date, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import SocialCaseCommon


@tagged("post_install", "-at_install")
class TestCase(SocialCaseCommon):
    def _french(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"].search([("name", "=", "social_case")])._update_translations(
            "fr_FR"
        )
        return self.env(context=dict(self.env.context, lang="fr_FR"))

    def test_the_kanban_shows_every_stage_even_empty(self):
        stages = self.env["social.case.stage"].search([])
        self.assertGreater(len(stages), 2)
        groups = (
            self.env["social.case"]
            .with_user(self.worker)
            .web_read_group([("id", "=", 0)], ["stage_id"], ["stage_id"])["groups"]
        )
        self.assertEqual([group["stage_id"][0] for group in groups], stages.ids)

    def test_episode_dates_and_expected_stay(self):
        unit = self.env["social.unit"].create({"name": "Test Unit", "target_length_of_stay": 9})
        Episode = self.env["social.case.episode"].with_user(self.worker)
        episode = Episode.create(
            {"case_id": self.case_north.id, "unit_id": unit.id, "date_start": date(2025, 3, 1)}
        )
        self.assertEqual(episode.expected_length_of_stay, 9)
        self.assertEqual(episode.expected_end_date, date(2025, 3, 10))
        with self.assertRaisesText(ValidationError, "cannot end"):
            episode.date_end = date(2025, 2, 1)
        french = self._french()
        with self.assertRaisesText(ValidationError, "ne peut pas se terminer"):
            Episode.with_env(french).with_user(self.worker).create(
                {
                    "case_id": self.case_north.id,
                    "date_start": date(2025, 3, 1),
                    "date_end": date(2025, 1, 1),
                }
            )
        self.assertEqual(self.case_north.episode_ids, episode)
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            episode.with_user(self.worker_south).read(["date_start"])

    def test_colleagues_share_one_calendar_day_around_midnight(self):
        """At half past midnight in Brussels (23:30 UTC) a colleague created without a time
        zone works in Brussels's day: the case opened at that time is closed by the
        coordinator on the same day, not refused as closed before it was opened."""
        self.env.user.tz = "Europe/Brussels"
        coordinator = new_test_user(
            self.env, "t_midnight_coordinator", groups="social_case.group_social_coordinator"
        )
        self.assertEqual(coordinator.tz, "Europe/Brussels")
        with freeze_time("2026-12-06 23:30:00"):
            case = self.env["social.case"].create(
                {
                    "patient_id": self.patient_new.id,
                    "user_id": self.worker.id,
                    "team_id": self.team_north.id,
                }
            )
            self.assertEqual(case.date_open, date(2026, 12, 7))
            case.with_user(coordinator).stage_id = self.env.ref("social_case.stage_closed")
            self.assertEqual(case.date_closed, date(2026, 12, 7))

    def test_closed_case_refuses_new_interventions_not_corrections(self):
        self.case_north.stage_id = self.env.ref("social_case.stage_closed")
        Intervention = self.env["social.intervention"].with_user(self.worker)
        with self.assertRaisesText(ValidationError, "reopen it"):
            Intervention.create({"case_id": self.case_north.id, "type_id": self.interview.id})
        with self.assertRaisesText(ValidationError, "rouvrez-le"):
            Intervention.with_env(self._french()).with_user(self.worker).create(
                {"case_id": self.case_north.id, "type_id": self.interview.id}
            )
        # moving an intervention into the closed case is a new one for that case
        with self.assertRaises(ValidationError):
            self.intervention_south.case_id = self.case_north
        # correcting an old one stays possible
        old = self.intervention_north.with_user(self.worker)
        old.write({"note": "Corrected after the meeting", "duration": 40})
        old.write({"date": old.date - timedelta(days=1)})
        self.assertEqual(self.intervention_north.duration, 40)
        # reopened, it takes new interventions again
        self.case_north.stage_id = self.env.ref("social_case.stage_in_progress")
        Intervention.create({"case_id": self.case_north.id, "type_id": self.interview.id})
        self.assertEqual(self.case_north.intervention_count, 2)

    def test_duration_must_be_positive(self):
        Intervention = self.env["social.intervention"].with_user(self.worker)
        values = {"case_id": self.case_north.id, "type_id": self.interview.id, "duration": 0}
        with self.assertRaisesText(ValidationError, "at least a minute"):
            Intervention.create(values)
        with self.assertRaisesText(ValidationError, "au moins une minute"):
            Intervention.with_env(self._french()).with_user(self.worker).create(values)
        with self.assertRaisesText(ValidationError, "at least a minute"):
            self.intervention_north.with_user(self.worker).duration = -5
        self.assertEqual(self.intervention_north.duration, 30)

    def test_meetings_and_documents(self):
        case = self.case_north.with_user(self.worker)
        action = case.action_schedule_meeting()
        context = action["context"]
        self.assertEqual(context["default_res_id"], case.id)
        self.assertNotIn(self.patient_north.name, context["default_name"])
        event = (
            self.env["calendar.event"]
            .with_user(self.worker)
            .with_context(**context)
            .create({"start": "2025-05-01 10:00:00", "stop": "2025-05-01 11:00:00"})
        )
        self.assertEqual((event.res_model, event.res_id), ("social.case", case.id))
        self.assertEqual(case.meeting_count, 1)
        self.assertIn(
            event, self.env["calendar.event"].search(case.action_view_meetings()["domain"])
        )
        self.env["ir.attachment"].create(
            {"name": "id.pdf", "res_model": "social.case", "res_id": case.id, "raw": b"%PDF"}
        )
        case.invalidate_recordset()
        self.assertEqual(case.attachment_count, 1)
        self.env.invalidate_all()
        attachments = self.env["ir.attachment"].with_user(self.nurse)
        self.assertFalse(
            attachments.search([("res_model", "=", "social.case"), ("res_id", "=", case.id)])
        )

    def test_my_caseload_filters(self):
        action = self.env.ref("social_case.social_case_action_my")
        self.assertEqual(action.mobile_view_mode, "kanban")
        self.assertTrue(action.view_mode.startswith("list"))
        Case = self.env["social.case"].with_user(self.worker)
        self.case_north.waiting_answer = True
        self.case_south.waiting_answer = True
        self.env.invalidate_all()
        self.assertEqual(Case.search([("waiting_answer", "=", True)]), self.case_north)
        self.case_north.activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=date.today() - timedelta(days=2),
            user_id=self.worker.id,
        )
        overdue = Case.search([("activity_date_deadline", "<", date.today())])
        self.assertEqual(overdue, self.case_north)

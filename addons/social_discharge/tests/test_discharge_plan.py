from datetime import timedelta

from odoo.api import call_kw
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import DischargeCase


@tagged("post_install", "-at_install")
class TestDischargePlan(DischargeCase):
    def _apply(self, plan=None):
        plan = plan or self.plan
        plan.with_user(self.worker_a).action_apply_template()
        return plan.task_ids

    def test_the_kanban_shows_every_stage_even_empty(self):
        stages = self.env["social.discharge.stage"].search([])
        self.assertGreater(len(stages), 2)
        groups = (
            self.env["social.discharge.plan"]
            .with_user(self.worker_a)
            .web_read_group([("id", "=", 0)], ["stage_id"], ["stage_id"])["groups"]
        )
        self.assertEqual([group["stage_id"][0] for group in groups], stages.ids)

    def test_expected_date_from_unit_and_editable(self):
        self.assertEqual(self.plan.expected_discharge_date, self.admission + timedelta(days=6))
        with Form(self.env["social.discharge.plan"].with_user(self.worker_a)) as form:
            form.case_id = self.env["social.case"].create(
                {
                    "patient_id": self.env["res.partner"].create({"name": "P2"}).id,
                    "user_id": self.worker_a.id,
                }
            )
            form.admission_date = self.today
            form.unit_id = self.unit
            self.assertEqual(form.expected_discharge_date, self.today + timedelta(days=6))
            form.expected_discharge_date = self.today + timedelta(days=10)
        self.assertEqual(form.record.expected_discharge_date, self.today + timedelta(days=10))

    def test_discharge_before_admission_refused(self):
        with self.assertRaisesRegex(
            ValidationError, "“Actual Discharge Date” cannot be before “Admission Date”"
        ):
            self.plan.actual_discharge_date = self.admission - timedelta(days=1)
        self.env.invalidate_all(flush=False)
        self.assertFalse(self.plan.actual_discharge_date)

    def test_discharge_before_admission_message_translated(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(["social_discharge"], ["fr_FR"])
        plan = self.plan.with_context(lang="fr_FR")
        with self.assertRaisesRegex(ValidationError, "ne peut pas précéder « Date d'admission »"):
            plan.actual_discharge_date = self.admission - timedelta(days=1)

    def test_stage_discharged_only_through_the_button(self):
        with self.assertRaisesRegex(UserError, "Discharge button"):
            self.plan.with_user(self.worker_a).stage_id = self.stage_done
        self.assertFalse(self.plan.is_discharged)

    def test_only_manager_reopens_a_discharged_plan(self):
        self.plan.with_user(self.worker_a).action_discharge()
        first = self.env.ref("social_discharge.stage_assessment")
        with self.assertRaisesRegex(UserError, "only a manager"):
            self.plan.with_user(self.worker_a).stage_id = first
        self.plan.with_user(self.manager).stage_id = first
        self.assertFalse(self.plan.is_discharged)

    def test_discharge_twice_refused(self):
        self.plan.with_user(self.worker_a).action_discharge()
        with self.assertRaisesRegex(UserError, "already discharged"):
            self.plan.with_user(self.worker_a).action_discharge()

    def test_one_plan_in_progress_per_case(self):
        with self.assertRaisesRegex(ValidationError, "already has a discharge plan"):
            self.env["social.discharge.plan"].create(
                {"case_id": self.case.id, "admission_date": self.today}
            )

    def test_template_creates_tasks_and_activities(self):
        template = self.env.ref("social_discharge.template_home_services")
        self.assertEqual(self.plan.template_id, template)
        tasks = self._apply()
        self.assertEqual(len(tasks), len(template.line_ids))
        self.assertIn("GP informed", tasks.mapped("name"))
        self.assertEqual(tasks.user_id, self.worker_a, "responsible: the case's referent")
        transport = tasks.filtered(lambda t: t.name == "Transport booked")
        self.assertEqual(
            transport.date_deadline, self.plan.expected_discharge_date - timedelta(days=1)
        )
        activities = self.plan.activity_ids
        self.assertEqual(len(activities), len(tasks))
        self.assertEqual(set(activities.mapped("summary")), set(tasks.mapped("name")))
        self.assertEqual(activities.user_id, self.worker_a)
        self.assertEqual(transport.activity_id.date_deadline, transport.date_deadline)
        # applying twice adds nothing
        self._apply()
        self.assertEqual(len(self.plan.task_ids), len(template.line_ids))

    def test_task_done_marks_activity_done_and_readiness(self):
        tasks = self._apply()
        total = len(tasks)
        blocking = len(tasks.filtered("is_blocking"))
        self.assertEqual(self.plan.task_count, total)
        self.assertEqual(self.plan.blocking_open_count, blocking)
        task = tasks.filtered("is_blocking")[0]
        activity = task.activity_id
        task.with_user(self.worker_a).action_done()
        self.assertFalse(activity.exists() and activity.active)
        self.assertNotIn(activity, self.plan.activity_ids)
        self.assertEqual(self.plan.task_done_count, 1)
        self.assertEqual(self.plan.blocking_open_count, blocking - 1)
        self.assertAlmostEqual(self.plan.readiness, 100.0 / total, places=2)
        # done from the activity menu: the task follows
        other = tasks.filtered(lambda t: t.state == "todo")[0]
        other.activity_id.with_user(self.worker_a).action_feedback(feedback="Phoned")
        self.assertEqual(other.state, "done")
        self.assertEqual(self.plan.task_done_count, 2)
        with self.assertRaisesRegex(UserError, "Only tasks to do"):
            other.action_done()

    def test_task_responsible_must_read_plan(self):
        with self.assertRaisesRegex(ValidationError, "cannot read"):
            self.env["social.discharge.task"].create(
                {
                    "plan_id": self.plan.id,
                    "name": "Ask another team",
                    "user_id": self.worker_b.id,
                    "date_deadline": self.today,
                }
            )

    def test_discharge_with_blocking_tasks_needs_reason(self):
        self._apply()
        plan = self.plan.with_user(self.worker_a)
        action = plan.action_discharge()
        self.assertEqual(action["res_model"], "social.discharge.confirm.wizard")
        self.assertFalse(plan.is_discharged)
        with self.assertRaisesRegex(UserError, "blocking tasks are still open"):
            plan._do_discharge()
        wizard = Form(
            self.env["social.discharge.confirm.wizard"]
            .with_user(self.worker_a)
            .with_context(**action["context"])
        )
        self.assertIn("Transport booked", wizard.blocking_task_names)
        wizard.reason = "Family takes the patient home by car"
        wizard.save().action_confirm()
        self.assertTrue(plan.is_discharged)
        self.assertEqual(plan.actual_discharge_date, self.today)
        self.assertTrue(
            any("Family takes the patient home by car" in m.body for m in self.plan.message_ids)
        )

    def test_cancelled_discharge_dialog_writes_nothing(self):
        self._apply()
        env = self.env(user=self.worker_a)
        Plan = env["social.discharge.plan"]
        messages_before = self.plan.message_ids
        stage_before = self.plan.stage_id
        action = call_kw(Plan, "action_discharge", [self.plan.ids], {})
        self.assertEqual(action["name"], "Discharge with Open Blocking Tasks")
        self.assertEqual(action["target"], "new")
        # The worker closes the dialog: nothing was confirmed.
        self.env.invalidate_all()
        self.assertFalse(self.plan.actual_discharge_date)
        self.assertEqual(self.plan.stage_id, stage_before)
        self.assertFalse(self.plan.is_discharged)
        self.assertEqual(self.plan.message_ids, messages_before)
        wizard = call_kw(
            env["social.discharge.confirm.wizard"],
            "create",
            [{"reason": "The family drives the patient home"}],
            {"context": action["context"]},
        )
        call_kw(env["social.discharge.confirm.wizard"], "action_confirm", [[wizard]], {})
        self.env.invalidate_all()
        self.assertTrue(self.plan.is_discharged)
        self.assertEqual(self.plan.actual_discharge_date, self.today)

    def test_follow_up_after_discharge(self):
        self.plan.company_id.social_discharge_follow_up_days = 10
        self.plan.with_user(self.worker_a).action_discharge()
        follow_up = self.case.activity_ids.filtered(
            lambda a: a.summary == "Follow-up after discharge"
        )
        self.assertEqual(len(follow_up), 1)
        self.assertEqual(follow_up.user_id, self.worker_a)
        self.assertEqual(follow_up.date_deadline, self.today + timedelta(days=10))
        self.assertFalse(self.case.is_closed)
        self.assertEqual(self.case.user_id, self.worker_a)

    def test_delay_days_and_late_flag(self):
        self.plan.medically_ready_date = self.today - timedelta(days=3)
        self.assertEqual(self.plan.delay_days, 3)
        self.plan.actual_discharge_date = self.today - timedelta(days=1)
        self.assertEqual(self.plan.delay_days, 2)
        self.plan.actual_discharge_date = False
        self.plan.expected_discharge_date = self.today - timedelta(days=1)
        self.assertTrue(self.plan.is_late)
        late = self.env["social.discharge.plan"].search([("is_late", "=", True)])
        self.assertIn(self.plan, late)
        # the night cron clears the flag once the expected date moves back in the future
        self.env.cr.execute(
            "UPDATE social_discharge_plan SET expected_discharge_date = %s WHERE id = %s",
            (self.today + timedelta(days=2), self.plan.id),
        )
        self.env.invalidate_all()
        self.env["social.discharge.plan"]._cron_refresh_is_late()
        self.assertFalse(self.plan.is_late)

    def test_discharge_event_in_referent_calendar(self):
        event = self.plan.discharge_event_id
        self.assertTrue(event)
        self.assertIn(self.worker_a.partner_id, event.partner_ids)
        self.assertEqual(event.start_date, self.plan.expected_discharge_date)
        self.plan.actual_discharge_date = self.today
        self.assertEqual(event.start_date, self.today)
        action = self.plan.with_user(self.worker_a).action_schedule_meeting()
        self.assertEqual(action["context"]["default_res_id"], self.plan.id)
        self.assertIn(self.worker_a.partner_id.id, action["context"]["default_partner_ids"])

    def test_liaison_letter_content(self):
        self.case.summary = "<p>CONFIDENTIAL: debts and family conflict</p>"
        tasks = self._apply()
        tasks.filtered(lambda t: t.name == "Home nursing organised").action_done()
        self.plan.services_summary = "Wound care every morning"
        report = self.env.ref("social_discharge.action_report_liaison_letter")
        html = str(
            report.with_user(self.worker_a)._render_qweb_html(report.report_name, self.plan.ids)[0]
        )
        self.assertIn("Patient Discharge", html)
        self.assertIn("Home nursing organised", html)
        self.assertIn("Wound care every morning", html)
        self.assertNotIn("Transport booked", html, "services not organised yet are not listed")
        self.assertNotIn("CONFIDENTIAL", html)
        self.assertNotIn("debts", html)

    def test_discharge_button_opens_the_case_plan(self):
        """The case's Discharge button opens its plan's form (a new one when it has none),
        not a board of stages."""
        case = self.case.with_user(self.worker_a)
        Plan = self.env["social.discharge.plan"]
        Plan.search([("case_id", "=", self.case.id)]).unlink()
        action = case.action_view_discharge_plans()
        self.assertEqual((action["view_mode"], action["res_id"]), ("form", False))
        self.assertEqual(action["context"]["default_case_id"], self.case.id)
        plan = Plan.create({"case_id": self.case.id})
        action = case.action_view_discharge_plans()
        self.assertEqual((action["view_mode"], action["res_id"]), ("form", plan.id))

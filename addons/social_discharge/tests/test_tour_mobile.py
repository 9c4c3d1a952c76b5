from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestDischargeMobileTour(HttpCase):
    browser_size = "375x667"

    def test_discharge_plan_on_a_phone(self):
        """At phone width the plans are cards and the checklist is usable without a table."""
        worker = new_test_user(
            self.env, "tour_discharge_phone", groups="social_case.group_social_worker"
        )
        patient = self.env["res.partner"].create({"name": "Mobile Patient", "zip": "1000"})
        case = self.env["social.case"].create({"patient_id": patient.id, "user_id": worker.id})
        unit = self.env["social.unit"].create({"name": "Phone Unit", "target_length_of_stay": 2})
        today = fields.Date.context_today(self.env.user)
        self.env["social.case.episode"].create(
            {"case_id": case.id, "unit_id": unit.id, "date_start": today - timedelta(days=5)}
        )
        plan = self.env["social.discharge.plan"].create({"case_id": case.id})
        self.assertTrue(plan.is_late)
        task = self.env["social.discharge.task"].create(
            {
                "plan_id": plan.id,
                "name": "GP informed",
                "user_id": worker.id,
                "date_deadline": today,
                "is_blocking": True,
            }
        )
        self.assertEqual(plan.blocking_open_count, 1)
        self.start_tour("/odoo", "social_discharge_mobile_tour", login="tour_discharge_phone")
        self.assertEqual(task.state, "done")
        self.assertEqual(plan.blocking_open_count, 0)

    def test_discharge_from_the_case_on_a_phone(self):
        """From her caseload, the case's Discharge opens the plan; its main actions are in
        sight in the header; the requests to providers are cards."""
        worker = new_test_user(
            self.env, "tour_discharge_case_phone", groups="social_case.group_social_worker"
        )
        patient = self.env["res.partner"].create({"name": "Mobile Patient", "zip": "1000"})
        case = self.env["social.case"].create({"patient_id": patient.id, "user_id": worker.id})
        plan = self.env["social.discharge.plan"].create({"case_id": case.id})
        home = self.env["res.partner"].create({"name": "Mobile Nursing Home", "is_company": True})
        self.env["social.discharge.request"].create({"plan_id": plan.id, "partner_id": home.id})
        self.assertEqual(worker.action_id.id, self.env.ref("social_case.social_case_action_my").id)
        self.start_tour(
            "/odoo", "social_discharge_from_the_case_mobile_tour", login="tour_discharge_case_phone"
        )

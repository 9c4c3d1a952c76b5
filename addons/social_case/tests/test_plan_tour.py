from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPlanTour(HttpCase):
    """On a phone, the referent adds a goal and an action to the plan and ticks it done."""

    def test_phone(self):
        referent = new_test_user(
            self.env, "tour_plan_referent", groups="social_case.group_social_worker"
        )
        patient = self.env["res.partner"].create({"name": "Tour Plan Patient"})
        case = self.env["social.case"].create({"patient_id": patient.id, "user_id": referent.id})
        self.env["social.case.need"].create(
            {"case_id": case.id, "need_type_id": self.env.ref("social_case.need_home_help").id}
        )
        plan = self.env["social.case.plan"].create({"case_id": case.id})
        self.browser_size = "375x667"
        self.touch_enabled = True
        self.start_tour(
            f"/odoo/action-social_case.social_case_plan_action/{plan.id}",
            "social_case_plan_tour",
            login="tour_plan_referent",
        )
        self.assertEqual(plan.goal_ids.name, "Tour goal: home help")
        action = plan.plan_action_ids
        self.assertEqual(action.name, "Tour action: call the home help service")
        self.assertEqual(action.owner_user_id, referent)
        self.assertEqual(action.state, "done")
        self.assertEqual(plan.progress, 100.0)

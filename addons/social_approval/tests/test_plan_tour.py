from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPlanSignOffTour(HttpCase):
    """On a phone, the coordinator signs off a plan with a comment: the plan is active."""

    def test_phone(self):
        referent = new_test_user(
            self.env, "tour_signoff_referent", groups="social_case.group_social_worker"
        )
        coordinator = new_test_user(
            self.env, "tour_signoff_coordinator", groups="social_case.group_social_coordinator"
        )
        team = self.env["social.team"].create(
            {
                "name": "Tour Sign-off Team",
                "leader_id": coordinator.id,
                "member_ids": [(6, 0, referent.ids)],
            }
        )
        patient = self.env["res.partner"].create({"name": "Tour Sign-off Patient"})
        case = self.env["social.case"].create(
            {"patient_id": patient.id, "user_id": referent.id, "team_id": team.id}
        )
        plan = self.env["social.case.plan"].create({"case_id": case.id})
        plan.with_user(referent).request_validation()
        self.env.flush_all()
        self.browser_size = "375x667"
        self.touch_enabled = True
        self.start_tour(
            f"/odoo/action-social_case.social_case_plan_action/{plan.id}",
            "social_approval_plan_tour",
            login="tour_signoff_coordinator",
        )
        self.env.invalidate_all()
        self.assertEqual(plan.state, "active")
        self.assertEqual(plan.review_ids.done_by, coordinator)
        self.assertEqual(plan.review_ids.comment, "Realistic goals, go ahead")

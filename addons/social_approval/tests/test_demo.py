from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoSignOff(TransactionCase):
    """The demo's coordinator finds work waiting for her sign-off, asked by the social
    worker, and the head of service's figures have an aid granted and paid."""

    def setUp(self):
        super().setUp()
        self.plan = self.env.ref("social_approval.case_plan_demo_03", raise_if_not_found=False)
        if not self.plan:
            self.skipTest("the database has no demo data")
        self.worker = self.env.ref("social_case.user_socialworker")
        self.coordinator = self.env.ref("social_case.user_coordinator")

    def test_the_coordinator_has_a_plan_and_an_aid_to_sign_off(self):
        for model in ("social.case.plan", "social.aid.request"):
            mine = self.env[model].with_user(self.coordinator).search([("can_review", "=", True)])
            self.assertTrue(mine, model)
            self.assertTrue(all(mine.mapped(lambda r: r.validation_status == "pending")))
        waiting = (
            self.env["social.case.plan"]
            .with_user(self.coordinator)
            .search([("can_review", "=", True)])
        )
        self.assertIn(self.plan, waiting)
        self.assertEqual(self.plan.state, "draft")
        self.assertEqual(self.plan.review_ids.requested_by, self.worker)
        # the patient's agreement was recorded by her referent, not by the system
        self.assertEqual(self.plan.agreement_user_id, self.worker)
        aid = self.env.ref("social_approval.aid_request_demo_01")
        self.assertEqual(aid.state, "submitted")
        self.assertEqual(aid.review_ids.reviewer_ids, self.coordinator)
        # the worker cannot sign off what she asked
        aids = self.env["social.aid.request"].with_user(self.worker)
        self.assertFalse(aids.search([("can_review", "=", True)]))

    def test_a_granted_aid_was_signed_off_then_paid(self):
        aid = self.env.ref("social_approval.aid_request_demo_03")
        self.assertEqual(aid.state, "paid")
        self.assertEqual(aid.review_ids.done_by, self.coordinator)
        # a Brussels hospital grants aid in euros
        self.assertEqual(aid.currency_id, self.env.ref("base.EUR"))
        self.assertEqual(aid.date_paid, aid.date_submitted)
        notes = aid.message_ids.mapped("body")
        # the demo sites speak French: the sign-off is in the chatter in French
        self.assertTrue(any("Validé par" in body for body in notes), notes)

from odoo.tests import tagged

from .common import SocialCaseCommon


@tagged("post_install", "-at_install")
class TestCatalogue(SocialCaseCommon):
    """What the hospital seeds name: staff members as beneficiaries, child care during a stay,
    mediation between carers, patient and family, needs with an urgency level."""

    def test_urgent_needs_and_staff_members_are_found(self):
        ref = self.env.ref
        Need = self.env["social.case.need"].with_user(self.worker)
        need = Need.create(
            {"case_id": self.case_north.id, "need_type_id": ref("social_case.need_child_care").id}
        )
        self.assertEqual(need.urgency, "normal")
        self.assertEqual(need.category, "family")
        Case = self.env["social.case"].with_user(self.worker)
        urgent = [
            (
                "need_ids",
                "any",
                [("urgency", "=", "urgent"), ("status", "in", ("identified", "in_progress"))],
            )
        ]
        self.assertNotIn(self.case_north, Case.search(urgent))
        need.urgency = "urgent"
        self.assertIn(self.case_north, Case.search(urgent))
        need.status = "met"
        self.assertNotIn(self.case_north, Case.search(urgent))
        self.case_north.with_user(self.worker).beneficiary_type = "staff"
        self.assertEqual(Case.search([("beneficiary_type", "=", "staff")]), self.case_north)

    def test_mediation_is_an_intervention_of_listening(self):
        mediation = self.env.ref("social_case.intervention_type_mediation")
        intervention = (
            self.env["social.intervention"]
            .with_user(self.worker)
            .create({"case_id": self.case_north.id, "type_id": mediation.id, "duration": 45})
        )
        self.assertEqual(intervention.type_id.kind, "listening")

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestAssessmentTour(HttpCase):
    """On a phone, the referent starts an ISAR from the case, answers it with the patient in
    Odoo's survey screen, and the score and its band land on the case."""

    def test_phone(self):
        referent = new_test_user(
            self.env, "tour_assessment_referent", groups="social_case.group_social_worker"
        )
        patient = self.env["res.partner"].create({"name": "Tour Assessment Patient"})
        case = self.env["social.case"].create({"patient_id": patient.id, "user_id": referent.id})
        self.browser_size = "375x667"
        self.touch_enabled = True
        self.start_tour(
            f"/odoo/action-social_case.social_case_action/{case.id}",
            "social_assessment_tour",
            login="tour_assessment_referent",
        )
        assessment = case.assessment_ids
        self.assertEqual(assessment.state, "done")
        self.assertEqual(assessment.assessor_id, referent)
        self.assertEqual(case.assessment_score, 2)
        self.assertEqual(
            case.assessment_band_id, self.env.ref("social_survey.survey_isar_band_risk")
        )

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestConsentMobileTour(HttpCase):
    browser_size = "375x667"

    def test_record_a_consent_on_a_phone(self):
        """A social worker records a patient's consent at the bedside, at phone width."""
        worker = new_test_user(
            self.env, "tour_consent_phone", groups="social_case.group_social_worker"
        )
        patient = self.env["res.partner"].create({"name": "Consent Phone Patient"})
        self.start_tour("/odoo", "social_consent_mobile_tour", login="tour_consent_phone")
        consent = self.env["social.consent"].search([("patient_id", "=", patient.id)])
        self.assertEqual(len(consent), 1)
        self.assertEqual(consent.purpose_id, self.env.ref("social_case.consent_purpose_volunteers"))
        self.assertEqual((consent.given_by, consent.method), ("patient", "oral"))
        self.assertEqual(consent.recorded_by_id, worker)
        self.assertEqual(consent.state, "valid")

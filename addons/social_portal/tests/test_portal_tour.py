from odoo.tests import HttpCase, tagged

from .common import PortalPatientCase


@tagged("post_install", "-at_install")
class TestPatientPortalTour(PortalPatientCase, HttpCase):
    browser_size = "375x667"
    touch_enabled = True

    def test_patient_withdraws_a_consent_on_a_phone_in_french(self):
        self.env.ref("base.lang_fr_BE").active = True
        self.env["ir.module.module"]._load_module_terms(
            ["portal", "auth_signup", "social_case", "social_portal"], ["fr_BE"]
        )
        self.patient_user.lang = "fr_BE"
        self.procedure_type.with_context(lang="fr_BE").write(
            {
                "name": "Intervention majorée",
                "explanation": "Pour que vos soins vous coûtent moins cher à la pharmacie.",
            }
        )
        self.shared.with_context(lang="fr_BE").name = "Intervention majorée"
        self.shared.explanation = "Pour que vos soins vous coûtent moins cher à la pharmacie."
        self.start_tour(
            f"/web/login?redirect=/fr_BE/my/social/{self.case.id}", "social_portal_patient_tour"
        )
        self.env.invalidate_all()
        self.assertEqual(self.consent.state, "withdrawn")
        self.assertIn(
            "Je préfère choisir la maison de repos moi-même", self.consent.withdrawal_reason
        )
        self.assertEqual(self.consent.withdrawn_by_id, self.patient_user)

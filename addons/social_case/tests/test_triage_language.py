from odoo.tests import Form, tagged

from .common import SocialCaseCommon


@tagged("post_install", "-at_install")
class TestLanguageFirstTriage(SocialCaseCommon):
    """Triage proposes, within the team, a referent who speaks the patient's language before
    looking at caseloads, and says why it proposed whom."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portuguese = cls.env.ref("social_case.language_pt")
        cls.dutch = cls.env.ref("social_case.language_nl")
        # worker follows two open cases, worker_b one: by caseload alone, worker_b
        cls.worker.social_language_ids = cls.portuguese | cls.dutch

    def _wizard(self, **referral_values):
        referral = (
            self.env["social.referral"]
            .with_user(self.nurse)
            .create(
                {"patient_id": self.patient_new.id, "reason": "Alone at home", **referral_values}
            )
        )
        return referral, Form(
            self.env["social.referral.triage"]
            .with_user(self.coordinator)
            .with_context(default_referral_id=referral.id)
        )

    def test_the_referent_speaks_the_patients_language_before_caseloads(self):
        referral, wizard = self._wizard(language_id=self.portuguese.id)
        self.assertEqual(wizard.language_id, self.portuguese)
        self.assertEqual(wizard.user_id, self.worker)
        self.assertIn("speaks Portuguese", wizard.proposal_reason)
        self.assertIn(self.worker.name, wizard.proposal_reason)
        self.assertIn("the fewest open cases (2)", wizard.proposal_reason)
        wizard.save().action_confirm()
        case = referral.sudo().case_id
        self.assertEqual(case.user_id, self.worker)
        self.assertEqual(case.language_id, self.portuguese)
        self.assertFalse(case.interpreter_needed)

    def test_nobody_speaks_it_the_lightest_caseload_and_an_interpreter(self):
        arabic = self.env.ref("social_case.language_ar")
        referral, wizard = self._wizard(language_id=arabic.id)
        self.assertEqual(wizard.user_id, self.worker_b)
        self.assertIn("No member of Test North speaks Arabic", wizard.proposal_reason)
        self.assertIn("interpreter", wizard.proposal_reason)
        wizard.save().action_confirm()
        self.assertTrue(referral.sudo().case_id.interpreter_needed)

    def test_without_a_language_the_caseload_decides_and_says_so(self):
        _referral, wizard = self._wizard()
        self.assertEqual(wizard.user_id, self.worker_b)
        self.assertIn("fewest open cases of Test North (1)", wizard.proposal_reason)
        # the coordinator's own choice carries no proposal's reason
        wizard.user_id = self.worker
        self.assertFalse(wizard.proposal_reason)

    def test_the_language_of_the_last_case_is_the_patients(self):
        last = self.env["social.case"].create(
            {
                "patient_id": self.patient_new.id,
                "language_id": self.dutch.id,
                "stage_id": self.env.ref("social_case.stage_closed").id,
                "date_closed": "2025-01-31",
                "date_open": "2025-01-01",
            }
        )
        self.referred_by_the_nurse(last)
        _referral, wizard = self._wizard()
        self.assertEqual(wizard.language_id, self.dutch)
        self.assertEqual(wizard.user_id, self.worker)

    def test_a_social_worker_records_the_languages_they_speak(self):
        self.worker_b.with_user(self.worker_b).write(
            {"social_language_ids": [(6, 0, self.dutch.ids)]}
        )
        self.assertEqual(self.worker_b.social_language_ids, self.dutch)

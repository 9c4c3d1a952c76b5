from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import SocialCaseCommon


@tagged("post_install", "-at_install")
class TestTellTheStoryOnce(SocialCaseCommon):
    """The patient's earlier cases are listed, and a new case starts from the last known
    situation instead of an empty form."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.patient = cls.env["res.partner"].create(
            {"name": "Test Returning Patient", "zip": "9301"}
        )
        cls.insurer = cls.env["res.partner"].create({"name": "Test Mutualité", "is_company": True})
        today = fields.Date.context_today(cls.env.user)
        # the earlier case was opened from the nurse's referral: she follows the patient
        first = (
            cls.env["social.referral"]
            .with_user(cls.nurse)
            .create({"patient_id": cls.patient.id, "reason": "First stay"})
        )
        cls.earlier = cls.env["social.case"].create(
            {
                "patient_id": cls.patient.id,
                "user_id": cls.worker.id,
                "team_id": cls.team_north.id,
                "date_open": today - relativedelta(years=1),
                "household_type": "single_parent",
                "dependants_count": 2,
                "income_source": "sickness",
                "insurer_id": cls.insurer.id,
                "insurer_member_number": "MUT-42",
                "housing": "tenant_social",
                "language_id": ref("social_case.language_pt").id,
                "legal_protection": "property",
                "patient_birthdate": "1971-04-02",
            }
        )
        first.sudo()._action_accept(cls.earlier)
        cls.env["social.case.contact"].create(
            {
                "case_id": cls.earlier.id,
                "role": "gp",
                "name": "Dr Test Story",
                "email": "story@gp.example",
            }
        )
        cls.earlier.write(
            {
                "stage_id": ref("social_case.stage_closed").id,
                "close_reason": "goal_reached",
                "date_closed": today - relativedelta(months=6),
            }
        )

    def _triage(self, patient, **values):
        referral = (
            self.env["social.referral"]
            .with_user(self.nurse)
            .create({"patient_id": patient.id, "reason": "Back for a new treatment"})
        )
        wizard = Form(
            self.env["social.referral.triage"]
            .with_user(self.coordinator)
            .with_context(default_referral_id=referral.id)
        )
        for name, value in values.items():
            setattr(wizard, name, value)
        wizard.save().action_confirm()
        return referral.sudo().case_id

    def test_a_new_case_starts_from_the_last_known_situation(self):
        case = self._triage(self.patient)
        self.assertEqual(case.household_type, "single_parent")
        self.assertEqual(case.dependants_count, 2)
        self.assertEqual(case.income_source, "sickness")
        self.assertEqual(case.insurer_id, self.insurer)
        self.assertEqual(case.insurer_member_number, "MUT-42")
        self.assertEqual(case.housing, "tenant_social")
        self.assertEqual(case.legal_protection, "property")
        self.assertEqual(str(case.patient_birthdate), "1971-04-02")
        self.assertEqual(case.contact_ids.mapped("name"), ["Dr Test Story"])
        self.assertEqual(case.contact_ids.role, "gp")
        self.assertEqual(case.contact_ids.email, "story@gp.example")
        self.assertEqual(self.earlier.contact_ids.mapped("name"), ["Dr Test Story"])
        self.assertTrue(any(self.earlier.name in m.body for m in case.message_ids))
        # the worker sees the earlier case on the new one and on the patient
        case = case.with_user(self.worker)
        self.assertEqual(case.previous_case_ids, self.earlier)
        self.assertEqual(self.patient.with_user(self.worker).social_case_count, 2)
        # the earlier case lists no later one
        self.assertFalse(self.earlier.with_user(self.worker).previous_case_ids)

    def test_the_coordinator_may_start_from_an_empty_form(self):
        case = self._triage(self.patient, start_from_last_situation=False)
        self.assertFalse(case.household_type)
        self.assertEqual(case.legal_protection, "none")
        # and take the situation later, from the case: what was already set is kept
        case = case.with_user(self.worker)
        case.housing = "shelter"
        case.action_start_from_last_situation()
        self.assertEqual(case.housing, "shelter")
        self.assertEqual(case.income_source, "sickness")

    def test_nothing_to_start_from_is_said_plainly(self):
        with self.assertRaisesText(UserError, "has no earlier case"):
            self.case_south.with_user(self.worker_south).action_start_from_last_situation()

    def test_an_earlier_restricted_case_is_neither_listed_nor_copied_for_who_may_not_read_it(
        self,
    ):
        self.earlier.sudo().write({"confidentiality": "restricted", "user_id": self.worker_b.id})
        case = self._triage(self.patient)
        self.assertFalse(case.household_type)
        self.assertFalse(case.with_user(self.worker).previous_case_ids)
        self.assertEqual(case.with_user(self.worker_b).previous_case_ids, self.earlier)

    def test_the_care_team_does_not_see_the_patients_cases(self):
        with self.assertRaises(AccessError):
            self.patient.with_user(self.nurse).read(["social_case_count"])

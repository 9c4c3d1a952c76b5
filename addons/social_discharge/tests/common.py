from datetime import timedelta

from odoo import fields
from odoo.tests import TransactionCase, new_test_user


class DischargeCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        # the tests read what the system writes in English, whatever the demo's site speaks
        cls.env.company.partner_id.lang = "en_US"
        ref = cls.env.ref
        cls.manager = new_test_user(cls.env, "d_manager", groups="social_case.group_social_manager")
        cls.coordinator = new_test_user(
            cls.env, "d_coordinator", groups="social_case.group_social_coordinator"
        )
        cls.worker = new_test_user(
            cls.env, "d_worker", groups="social_case.group_social_worker", email="w@example.org"
        )
        cls.worker_other = new_test_user(
            cls.env, "d_worker_other", groups="social_case.group_social_worker"
        )
        cls.nurse = new_test_user(cls.env, "d_nurse", groups="social_case.group_social_care")
        cls.volunteer = new_test_user(
            cls.env, "d_volunteer", groups="base.group_user,social_case.group_social_liaison"
        )
        cls.team = cls.env["social.team"].create(
            {"name": "Team A", "member_ids": [(6, 0, cls.worker.ids)], "share_cases": True}
        )
        cls.team_other = cls.env["social.team"].create(
            {"name": "Team B", "member_ids": [(6, 0, cls.worker_other.ids)]}
        )
        cls.unit = cls.env["social.unit"].create(
            {"name": "Cardiology Test", "target_length_of_stay": 6}
        )
        cls.patient = cls.env["res.partner"].create(
            {
                "name": "Patient Discharge",
                "zip": "1000",
                "street": "Rue Neuve 1",
                "city": "Brussels",
            }
        )
        cls.case = cls.env["social.case"].create(
            {"patient_id": cls.patient.id, "user_id": cls.worker.id, "team_id": cls.team.id}
        )
        # the patient agreed that the providers chosen with them are asked
        cls.consent = cls.env["social.consent"].create(
            {
                "case_id": cls.case.id,
                "purpose_id": ref("social_case.consent_purpose_discharge_provider").id,
            }
        )
        cls.patient_restricted = cls.env["res.partner"].create({"name": "Patient Restricted"})
        cls.case_restricted = cls.env["social.case"].create(
            {
                "patient_id": cls.patient_restricted.id,
                "user_id": cls.worker_other.id,
                "team_id": cls.team_other.id,
                "confidentiality": "restricted",
            }
        )
        cls.today = fields.Date.context_today(cls.env.user)
        cls.admission = cls.today - timedelta(days=5)
        cls.plan = cls.env["social.discharge.plan"].create(
            {
                "case_id": cls.case.id,
                "unit_id": cls.unit.id,
                "admission_date": cls.admission,
                "destination_type": "home_services",
            }
        )
        cls.plan_restricted = cls.env["social.discharge.plan"].create(
            {"case_id": cls.case_restricted.id, "admission_date": cls.admission}
        )
        cls.stage_done = ref("social_discharge.stage_discharged")
        cls.home_care = ref("social_case.need_home_care")
        cls.partner_type = cls.env["social.partner.type"].create({"name": "Home nursing test"})
        cls.providers = cls.env["res.partner"].create(
            [
                {
                    "name": f"Provider {i}",
                    "is_company": True,
                    "email": f"provider{i}@example.org",
                    "social_partner_type_ids": [(6, 0, cls.partner_type.ids)],
                    "social_need_type_ids": [(6, 0, cls.home_care.ids)],
                    "social_capacity": capacity,
                }
                for i, capacity in enumerate((2, 1, 0, 3))
            ]
        )

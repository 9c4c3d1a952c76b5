from datetime import timedelta

from odoo import fields

from odoo.addons.social_case.tests.common import SocialServiceCommon


class DischargeCase(SocialServiceCommon):
    """The common roles, teams and restricted case, with a ward, a case of team A with the
    patient's consent to ask providers, a discharge plan on it and on the restricted case,
    and four providers of home nursing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
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
            {"patient_id": cls.patient.id, "user_id": cls.worker_a.id, "team_id": cls.team_a.id}
        )
        # the patient agreed that the providers chosen with them are asked
        cls.consent = cls.env["social.consent"].create(
            {
                "case_id": cls.case.id,
                "purpose_id": ref("social_case.consent_purpose_discharge_provider").id,
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

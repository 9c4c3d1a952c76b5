from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.addons.social_case import const
from odoo.addons.social_case.tests.common import SocialServiceCommon


class SocialNetworkCommon(SocialServiceCommon):
    """The common roles, with a chaplain and an employee outside the social service, a
    small directory and liaison requests, created by the tests."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.chaplain = mail_new_test_user(
            cls.env, "snp_chaplain", groups=f"base.group_user,{const.LIAISON}"
        )
        cls.plain_user = mail_new_test_user(cls.env, "snp_employee", groups="base.group_user")

        cls.service_volunteering = cls.env["social.liaison.service"].create(
            {"name": "Test Volunteering", "member_ids": [(6, 0, cls.volunteer.ids)]}
        )
        cls.service_chaplaincy = cls.env["social.liaison.service"].create(
            {
                "name": "Test Chaplaincy",
                "asks_faith": True,
                "member_ids": [(6, 0, cls.chaplain.ids)],
            }
        )
        cls.need_nursing_home = ref("social_case.need_residential_care")
        cls.need_home_care = ref("social_case.need_home_care")
        cls.lang_fr = ref("social_case.language_fr")
        cls.lang_nl = ref("social_case.language_nl")
        cls.lang_pt = ref("social_case.language_pt")
        cls.t1030 = ref("social_case.territory_1030")
        cls.t1050 = ref("social_case.territory_1050")
        cls.type_nursing_home = ref("social_network_partners.partner_type_nursing_home")

        cls.patient = cls.env["res.partner"].create(
            {
                "name": "Test Patient Liaison",
                "street": "Rue Secrète 1",
                "zip": "1030",
                "city": "Schaerbeek",
            }
        )
        # the case is opened from the nurse's referral: she follows the patient
        referral = (
            cls.env["social.referral"]
            .with_user(cls.nurse)
            .create({"patient_id": cls.patient.id, "reason": "Lives alone"})
        )
        cls.case = cls.env["social.case"].create(
            {
                "patient_id": cls.patient.id,
                "user_id": cls.worker_a.id,
                "language_id": cls.lang_pt.id,
                "summary": "Confidential social situation",
            }
        )
        referral.sudo()._action_accept(cls.case)

    @classmethod
    def _make_partner(cls, name, **values):
        vals = {
            "name": name,
            "is_company": True,
            "social_partner_type_ids": [(6, 0, cls.type_nursing_home.ids)],
            "social_need_type_ids": [(6, 0, cls.need_nursing_home.ids)],
            "social_availability_date": "2099-01-01",
        }
        vals.update(values)
        return cls.env["res.partner"].create(vals)

    @classmethod
    def _make_request(cls, user=None, **values):
        vals = {
            "service_id": cls.service_volunteering.id,
            "patient_id": cls.patient.id,
            "case_id": cls.case.id,
            "unit_id": cls.env.ref("social_case.unit_geriatrics").id,
            "room": "101",
            "language_id": cls.lang_pt.id,
            "purpose": "Company in the afternoon",
            "consent_given": True,
        }
        if user and not user.has_group("social_case.group_social_worker"):
            vals.pop("case_id")  # the care team links no case: they may not read it
        vals.update(values)
        model = cls.env["social.liaison.request"]
        if user:
            model = model.with_user(user)
        return model.create(vals)

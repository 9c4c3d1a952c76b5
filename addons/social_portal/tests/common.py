from datetime import timedelta

from odoo.addons.social_discharge.tests.common import DischargeCase


class PortalPatientCase(DischargeCase):
    """The discharge case of the patient, with a procedure shared with them and one not, a
    note, a need and a meeting; the patient invited to the portal by the referent; patient A
    of the common fixture invited to their own case; a legal representative of the patient
    invited to the case, and an earlier case of the same patient that they do not represent."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        ref = env.ref
        cls.patient.email = "patient.discharge@example.com"
        cls.procedure_type = env["social.procedure.type"].create(
            {
                "name": "Increased reimbursement",
                "explanation": "So that your care costs you less at the pharmacy.",
                "required_documents": "Last tax assessment",
            }
        )
        Procedure = env["social.procedure"]
        cls.shared = Procedure.create(
            {
                "case_id": cls.case.id,
                "type_id": cls.procedure_type.id,
                "patient_shared": True,
                "user_id": cls.worker_a.id,
            }
        )
        cls.hidden = Procedure.create(
            {
                "case_id": cls.case.id,
                "type_id": cls.procedure_type.id,
                "name": "Guardianship request",
                "note": "Internal: ask the justice of the peace",
            }
        )
        env["social.case.note"].create(
            {"case_id": cls.case.id, "body": "<p>Confidential: the son drinks</p>"}
        )
        env["social.case.need"].create(
            {"case_id": cls.case.id, "need_type_id": cls.home_care.id, "note": "Needs secret"}
        )
        cls.meeting = env["calendar.event"].create(
            {
                "name": f"Meeting {cls.case.name}",
                "res_model_id": env["ir.model"]._get_id("social.case"),
                "res_id": cls.case.id,
                "start": cls.today + timedelta(days=3, hours=10),
                "stop": cls.today + timedelta(days=3, hours=11),
                "location": "Office 2.14",
                "description": "Talk about the son's drinking",
                "user_id": cls.worker_a.id,
            }
        )
        # the patient, invited by the referent
        cls.access = cls.invite(cls.case, "patient", email="patient.discharge@example.com")
        cls.patient_user = cls.access.user_id
        # patient A, invited to their own case
        cls.access_a = cls.invite(cls.case_a, "patient", email="probe.patient.a@example.com")
        cls.patient_a_user = cls.access_a.user_id
        # the patient's legal representative, on this case only
        cls.guardian = env["res.partner"].create(
            {"name": "Guardian Of The Patient", "email": "guardian@example.com"}
        )
        cls.contact = env["social.case.contact"].create(
            {
                "case_id": cls.case.id,
                "role": "legal_representative",
                "partner_id": cls.guardian.id,
                "name": cls.guardian.name,
            }
        )
        cls.access_rep = cls.invite(
            cls.case, "representative", email="guardian@example.com", contact=cls.contact
        )
        cls.guardian_user = cls.access_rep.user_id
        cls.earlier_case = env["social.case"].create(
            {
                "patient_id": cls.patient.id,
                "user_id": cls.worker_a.id,
                "team_id": cls.team_a.id,
                "stage_id": ref("social_case.stage_closed").id,
                "close_reason": "goal_reached",
            }
        )
        # two providers asked; provider A accepts, before the referent proposes it
        cls.provider_a = cls.providers[0]
        Request = env["social.discharge.request"]
        cls.request_a = Request.create(
            {"plan_id": cls.plan.id, "partner_id": cls.provider_a.id, "channel": "platform"}
        )
        cls.request_a.with_user(cls.worker_a).action_send()
        cls.portal_a = env["res.users"].create(
            {
                "name": "Nurse of Provider A",
                "login": "portal_provider_a",
                "groups_id": [(6, 0, ref("base.group_portal").ids)],
            }
        )
        cls.portal_a.partner_id.parent_id = cls.provider_a
        cls.discharge_purpose = ref("social_case.consent_purpose_discharge_provider")

    @classmethod
    def invite(cls, case, role, email, contact=None):
        wizard = (
            cls.env["social.portal.invite"]
            .with_user(case.user_id)
            .create(
                {
                    "case_id": case.id,
                    "role": role,
                    "contact_id": contact.id if contact else False,
                    "email": email,
                }
            )
        )
        wizard.action_invite()
        access = cls.env["social.portal.access"].search(
            [("case_id", "=", case.id), ("email", "=", email)], limit=1
        )
        # the person chose their password (the login, as every test user's)
        access.user_id.password = email
        return access

from odoo.addons.mail.tests.common import mail_new_test_user

from .. import const
from .common import SocialServiceCommon


class PrivacyCommon(SocialServiceCommon):
    """The common roles, teams and cases, with a second worker in team A, an intervention
    and a procedure on case A, and an outside partner."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.worker_a2 = mail_new_test_user(
            env,
            "t_priv_worker_a2",
            groups=const.WORKER,
            email="t_priv_worker_a2@hospital.example",
            name="T Priv Worker A2",
        )
        cls.team_a.member_ids = [(4, cls.worker_a2.id)]
        cls.outsider = env["res.partner"].create(
            {"name": "Outside Landlord", "email": "landlord@example.com"}
        )
        cls.phone_call = env.ref("social_case.intervention_type_phone_call")
        cls.intervention_a = env["social.intervention"].create(
            {"case_id": cls.case_a.id, "type_id": cls.phone_call.id, "user_id": cls.worker_a.id}
        )
        cls.procedure_a = env["social.procedure"].create(
            {"case_id": cls.case_a.id, "type_id": cls.aid.id, "user_id": cls.worker_a.id}
        )
        cls.stage_closed = env["social.case.stage"].search([("is_closed", "=", True)], limit=1)
        cls.stages_open = env["social.case.stage"].search([("is_closed", "=", False)])

    def _messages(self, record):
        return (
            self.env["mail.message"]
            .sudo()
            .search([("model", "=", record._name), ("res_id", "=", record.id)])
        )

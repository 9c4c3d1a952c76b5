from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.social_case.models.social_privacy_mixin import social_action
from odoo.addons.social_discharge.models.social_discharge_request import (
    SocialDischargeRequest as SocialDischargeRequestBase,
)


class SocialDischargeRequest(models.Model):
    _inherit = "social.discharge.request"
    _social_system_fields = (
        *SocialDischargeRequestBase._social_system_fields,
        "patient_shared",
        "patient_answer",
        "patient_comment",
        "patient_answer_date",
    )

    patient_shared = fields.Boolean(
        string="Proposed to the Patient",
        readonly=True,
        copy=False,
        tracking=True,
        help="The patient sees the provider's admission on their portal, to accept or refuse it.",
    )
    patient_answer = fields.Selection(
        [("accepted", "Accepted by the Patient"), ("refused", "Refused by the Patient")],
        readonly=True,
        copy=False,
        tracking=True,
    )
    patient_comment = fields.Text(string="Patient's Comment", readonly=True, copy=False)
    patient_answer_date = fields.Datetime(string="Patient Answered On", readonly=True, copy=False)

    @social_action("write")
    def action_propose_to_patient(self):
        """The provider's admission is shown on the patient's portal, to accept or refuse."""
        for proposal in self:
            if proposal.state != "accepted":
                raise UserError(
                    self.env._(
                        "Only an admission the provider accepted is proposed to the patient."
                    )
                )
        self.write({"patient_shared": True})
        return True

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.social_case.models.social_privacy_mixin import social_action

AID_FUNDS = [
    ("cpas", "CPAS/OCMW"),
    ("hospital_fund", "Hospital Social Fund"),
    ("foundation", "Foundation"),
    ("insurer", "Health Insurer"),
    ("other", "Other"),
]
AID_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("approved", "Approved"),
    ("refused", "Refused"),
    ("paid", "Paid"),
]
AID_TRANSITIONS = {
    "draft": {"submitted"},
    "submitted": {"approved", "refused"},
    "approved": {"paid"},
    "refused": {"draft"},
}


class SocialAidRequest(models.Model):
    """A financial aid asked for a patient: signed off by the coordinator of the case's
    team, and by the head of service above the site's threshold (``tier.definition``)."""

    _name = "social.aid.request"
    _description = "Financial Aid Request"
    _inherit = [
        "social.privacy.thread",
        "mail.thread",
        "mail.activity.mixin",
        "social.approval.request",
    ]
    _order = "id desc"
    _check_company_auto = True
    _social_sequence = "social.aid.request"
    _social_transitions = AID_TRANSITIONS
    _social_system_fields = ("name", "state", "review_ids", "date_submitted", "date_paid")

    name = fields.Char(string="Reference", required=True, readonly=True, default="/", copy=False)
    case_id = fields.Many2one(
        "social.case", required=True, index=True, ondelete="restrict", check_company=True
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    patient_id = fields.Many2one(related="case_id.patient_id", string="Patient")
    user_id = fields.Many2one(related="case_id.user_id", string="Referent")
    coordinator_id = fields.Many2one(
        "res.users",
        string="Team Coordinator",
        compute="_compute_coordinator_id",
        help="The leader of the case's team, who signs off the request.",
    )
    amount = fields.Monetary(required=True, tracking=True)
    fund = fields.Selection(AID_FUNDS, string="Fund or Source", required=True, tracking=True)
    fund_partner_id = fields.Many2one(
        "res.partner",
        string="Organisation",
        domain="[('is_company', '=', True)]",
        help="The CPAS, foundation or insurer asked, when it is in the directory.",
    )
    purpose = fields.Text(required=True, help="What the aid pays for, in a few words.")
    state = fields.Selection(
        AID_STATES, required=True, default="draft", readonly=True, index=True, tracking=True
    )
    date_submitted = fields.Date(readonly=True, copy=False)
    date_paid = fields.Date(readonly=True, copy=False)
    needs_head_approval = fields.Boolean(
        string="Signed Off by the Head of Service",
        compute="_compute_needs_head_approval",
        help="The amount is above the site's threshold (Settings).",
    )

    @api.depends("amount", "company_id.social_aid_head_threshold")
    def _compute_needs_head_approval(self):
        for request in self:
            company = request.company_id or self.env.company
            request.needs_head_approval = request.amount > company.social_aid_head_threshold

    @api.constrains("amount")
    def _check_amount(self):
        for request in self:
            if request.amount <= 0:
                raise ValidationError(self.env._("The amount of a financial aid is positive."))

    # -- buttons ------------------------------------------------------------------------
    @social_action("write")
    def action_paid(self):
        self.write({"state": "paid", "date_paid": fields.Date.context_today(self)})
        return True

from odoo import api, fields, models
from odoo.exceptions import UserError

CLOSURE_OUTCOMES = [
    ("achieved", "Goals Achieved"),
    ("partly", "Goals Partly Achieved"),
    ("not_achieved", "Goals Not Achieved"),
    ("not_applicable", "No Goal Set"),
]
CLOSURE_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("approved", "Approved"),
    ("refused", "Refused"),
]
CLOSURE_TRANSITIONS = {
    "draft": {"submitted"},
    "submitted": {"approved", "refused"},
    "refused": {"draft"},
}


class SocialCaseClosureRequest(models.Model):
    """The closure of a case, asked by the referent with the reason, the outcome and a
    summary for the file, and signed off by the coordinator: the sign-off closes the case."""

    _name = "social.case.closure.request"
    _description = "Case Closure Request"
    _inherit = [
        "social.privacy.thread",
        "mail.thread",
        "mail.activity.mixin",
        "social.approval.request",
    ]
    _order = "id desc"
    _check_company_auto = True
    _social_transitions = CLOSURE_TRANSITIONS
    _social_system_fields = ("state", "review_ids", "date_submitted")

    case_id = fields.Many2one(
        "social.case", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    patient_id = fields.Many2one(related="case_id.patient_id", string="Patient")
    user_id = fields.Many2one(related="case_id.user_id", string="Referent")
    coordinator_id = fields.Many2one(
        "res.users",
        string="Team Coordinator",
        compute="_compute_coordinator_id",
        help="The leader of the case's team, who signs off the closure.",
    )
    close_reason = fields.Selection(
        selection=lambda self: self.env["social.case"]._fields["close_reason"].selection,
        string="Reason",
        required=True,
        tracking=True,
    )
    outcome = fields.Selection(CLOSURE_OUTCOMES, required=True, tracking=True)
    summary = fields.Text(
        string="Summary for the File",
        required=True,
        help="What was done and where the patient stands, for whoever opens the file later.",
    )
    stage_id = fields.Many2one(
        "social.case.stage",
        string="Closing Stage",
        required=True,
        domain="[('is_closed', '=', True)]",
        default=lambda self: self.env["social.case.stage"].search(
            [("is_closed", "=", True)], limit=1
        ),
    )
    state = fields.Selection(
        CLOSURE_STATES, required=True, default="draft", readonly=True, index=True, tracking=True
    )
    date_submitted = fields.Date(readonly=True, copy=False)

    @api.depends("case_id")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for request in self:
            request.display_name = self.env._(
                "Closure of %(case)s", case=request.case_id.name or ""
            )

    @api.constrains("stage_id")
    def _check_closing_stage(self):
        for request in self:
            if not request.stage_id.is_closed:
                raise UserError(self.env._("Choose a stage that closes the case."))

    def _social_check_submit(self):
        if self.case_id.is_closed:
            raise UserError(self.env._("Case %(case)s is closed already.", case=self.case_id.name))

    # -- the sign-off closes the case ------------------------------------------------------
    def _social_signed_off(self):
        self.ensure_one()
        if self.state != "submitted":
            return True
        super()._social_signed_off()
        case = self.case_id._social_as_system()
        case.write({"stage_id": self.stage_id.id, "close_reason": self.close_reason})
        outcomes = dict(self._fields["outcome"]._description_selection(case._social_system_env()))
        case.message_post(
            body=case._social_system_env()._(
                "Case closed after the sign-off of its closure. Outcome: %(outcome)s. "
                "Summary: %(summary)s",
                outcome=outcomes.get(self.outcome, self.outcome),
                summary=self.summary,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return True

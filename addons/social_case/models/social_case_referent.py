from odoo import fields, models


class SocialCaseReferent(models.Model):
    """One referent of a case across the pathway, even when the referent changes: who
    followed the case, from when to when, why it changed and who changed it.

    Written by the system only, when a case is opened or its referent changes (by triage,
    on the case, or by a coordinator's caseload transfer); read by who may read the case."""

    _name = "social.case.referent"
    _description = "Referent of a Case"
    _inherit = ["social.privacy.mixin"]
    _order = "case_id, date_from desc, id desc"
    _check_company_auto = True
    _social_system_fields = (
        "case_id",
        "user_id",
        "date_from",
        "date_to",
        "reason",
        "changed_by_id",
    )

    case_id = fields.Many2one(
        "social.case", required=True, readonly=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    user_id = fields.Many2one(
        "res.users", string="Referent", required=True, readonly=True, ondelete="restrict"
    )
    date_from = fields.Date(string="From", required=True, readonly=True)
    date_to = fields.Date(string="To", readonly=True, help="Empty: the current referent.")
    reason = fields.Text(readonly=True, help="Why the referent changed.")
    changed_by_id = fields.Many2one("res.users", readonly=True, ondelete="set null")
    is_current = fields.Boolean(string="Current", compute="_compute_is_current")

    def _compute_is_current(self):
        for line in self:
            line.is_current = not line.date_to

    def _compute_display_name(self):
        for line in self:
            line.display_name = line.user_id.name or ""

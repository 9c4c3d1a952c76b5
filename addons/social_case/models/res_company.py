from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    social_retention_years = fields.Integer(
        string="Case Retention (years)",
        default=10,
        help="Years after a case's closure before it is anonymised. 0: never.",
    )
    social_triage_user_id = fields.Many2one(
        "res.users",
        string="Coordinator Reminded of Referrals",
        domain=[("share", "=", False)],
        help="Who is reminded of a referral still to triage after a working day "
        "(the automation rule Social Service: remind of a referral not triaged). "
        "Empty: nobody is reminded.",
    )

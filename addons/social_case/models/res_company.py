from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    social_retention_years = fields.Integer(
        string="Case Retention (years)",
        default=10,
        help="Years after a case's closure before it is anonymised. 0: never.",
    )

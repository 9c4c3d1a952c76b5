from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    social_portal_days_after_closure = fields.Integer(
        string="Portal Readable After Closure (days)",
        default=90,
        help="Days after a case closes during which the patient's portal still shows it; "
        "then the access ends.",
    )

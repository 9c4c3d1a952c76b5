from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    social_aid_head_threshold = fields.Monetary(
        string="Financial Aid Signed Off by the Head of Service Above",
        currency_field="currency_id",
        default=500.0,
        help="A financial aid request of a higher amount is signed off by the head of "
        "service after the coordinator.",
    )

from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    social_aid_currency_id = fields.Many2one(related="company_id.currency_id")
    social_aid_head_threshold = fields.Monetary(
        related="company_id.social_aid_head_threshold",
        currency_field="social_aid_currency_id",
        readonly=False,
    )

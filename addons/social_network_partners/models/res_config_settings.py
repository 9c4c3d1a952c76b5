from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    social_partner_stale_days = fields.Integer(
        related="company_id.social_partner_stale_days", readonly=False
    )
    social_partner_recent_use_days = fields.Integer(
        related="company_id.social_partner_recent_use_days", readonly=False
    )

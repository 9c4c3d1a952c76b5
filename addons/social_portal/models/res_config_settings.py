from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    social_portal_days_after_closure = fields.Integer(
        related="company_id.social_portal_days_after_closure", readonly=False
    )

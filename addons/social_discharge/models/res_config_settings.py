from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    social_discharge_follow_up_days = fields.Integer(
        related="company_id.social_discharge_follow_up_days", readonly=False
    )

from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    social_report_small_count = fields.Integer(
        related="company_id.social_report_small_count", readonly=False
    )

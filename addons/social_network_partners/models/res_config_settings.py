from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    social_partner_stale_days = fields.Integer(
        string="Availability Valid For (days)",
        config_parameter="social_network_partners.availability_stale_days",
        default=30,
        help="After this number of days, a partner's free places and waiting time are shown "
        "as outdated.",
    )
    social_partner_recent_use_days = fields.Integer(
        string="Recent Use Window (days)",
        config_parameter="social_network_partners.recent_use_days",
        default=90,
        help="Contacts logged with a partner within this number of days rank it higher.",
    )

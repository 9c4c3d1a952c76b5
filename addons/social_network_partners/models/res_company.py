from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    social_partner_stale_days = fields.Integer(
        string="Availability Valid For (days)",
        default=30,
        help="After this number of days, a partner's free places and waiting time are shown "
        "as outdated.",
    )
    social_partner_recent_use_days = fields.Integer(
        string="Recent Use Window (days)",
        default=90,
        help="Contacts logged with a partner within this number of days rank it higher.",
    )

from odoo import fields, models


class SocialPartnerType(models.Model):
    _inherit = "social.partner.type"

    discharge_summary_template = fields.Text(
        string="Summary for the Provider",
        translate=True,
        help="The summary a discharge request shares with a provider of this type, written "
        "in the provider's language. Placeholders: {needs}, {autonomy}, {care}, "
        "{expected_date}, {availability}. Empty: the generic summary.",
    )
    is_home_care = fields.Boolean(
        string="Home Care",
        help="A service at the patient's home (nursing, physiotherapy, midwife...): its "
        "requests give the patient's availability and the prescriber.",
    )

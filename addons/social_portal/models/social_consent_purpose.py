from odoo import fields, models


class SocialConsentPurpose(models.Model):
    _inherit = "social.consent.purpose"

    portal_allowed = fields.Boolean(
        string="Given on the Portal",
        help="The service may ask the patient to give this consent on the patient's portal.",
    )

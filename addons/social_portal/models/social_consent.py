from odoo import fields, models


class SocialConsent(models.Model):
    _inherit = "social.consent"

    # a consent given on the portal is a written one if the addon is uninstalled
    method = fields.Selection(
        selection_add=[("portal", "On the Patient's Portal")],
        ondelete={"portal": "set written"},
    )

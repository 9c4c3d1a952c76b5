from odoo import fields, models


class SocialHisSenderKey(models.TransientModel):
    """Shows a sender's new API key once, to be copied into the integration engine."""

    _name = "social.his.sender.key"
    _description = "API Key of a Hospital System Sender"

    sender_id = fields.Many2one("social.his.sender", required=True, readonly=True)
    key = fields.Char(readonly=True)

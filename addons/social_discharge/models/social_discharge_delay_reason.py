from odoo import fields, models


class SocialDischargeDelayReason(models.Model):
    """Why a medically ready patient is still in hospital."""

    _name = "social.discharge.delay.reason"
    _description = "Discharge Delay Reason"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

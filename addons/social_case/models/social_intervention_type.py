from odoo import fields, models


class SocialInterventionType(models.Model):
    _name = "social.intervention.type"
    _description = "Intervention Type"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    kind = fields.Selection(
        [("listening", "Listening and Support"), ("paperwork", "Administrative Work")],
        required=True,
        default="listening",
        help="Splits the time spent between listening to people and paperwork in reports.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

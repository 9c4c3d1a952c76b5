from odoo import fields, models


class SocialNeedType(models.Model):
    _name = "social.need.type"
    _description = "Social Need Type"
    _order = "category, sequence, name"

    name = fields.Char(required=True, translate=True)
    category = fields.Selection(
        [
            ("administrative", "Administrative"),
            ("autonomy", "Autonomy and Daily Living"),
            ("family", "Family"),
            ("housing", "Housing"),
            ("financial", "Financial"),
            ("legal", "Legal"),
            ("psychological", "Psychological"),
            ("health", "Health and Care"),
        ],
        required=True,
        default="administrative",
    )
    description = fields.Text(translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

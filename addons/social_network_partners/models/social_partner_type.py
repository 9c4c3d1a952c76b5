from odoo import fields, models


class SocialPartnerType(models.Model):
    """Kind of external partner organisation (CPAS, home nursing, nursing home...)."""

    _name = "social.partner.type"
    _description = "Social Partner Type"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Short technical code, unique.")
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    _sql_constraints = (
        ("code_unique", "UNIQUE(code)", "The code of a partner type must be unique."),
    )

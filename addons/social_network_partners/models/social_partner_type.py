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
    need_type_ids = fields.Many2many(
        "social.need.type",
        string="Usual Needs Answered",
        help="Needs this kind of partner usually answers; proposed on new partners of this type.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "The code of a partner type must be unique."),
    ]

from odoo import fields, models


class SocialDischargeRefusalReason(models.Model):
    """Why a provider declines a discharge request (the provider picks one in its portal)."""

    _name = "social.discharge.refusal.reason"
    _description = "Refusal Reason of a Provider"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Short technical code, unique.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    comment_required = fields.Boolean(
        help="The provider must explain the refusal in a comment (for 'Other')."
    )

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "The code of a refusal reason must be unique."),
    ]

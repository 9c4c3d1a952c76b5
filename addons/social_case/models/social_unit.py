from odoo import fields, models


class SocialUnit(models.Model):
    """A hospital unit or department that refers patients and hosts stays."""

    _name = "social.unit"
    _description = "Hospital Unit"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, index=True)
    target_length_of_stay = fields.Integer(
        string="Target Length of Stay (days)",
        help="Average length of stay the unit aims for; proposes the expected discharge date.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "target_length_of_stay_positive",
            "CHECK(target_length_of_stay >= 0)",
            "The target length of stay cannot be negative.",
        ),
    ]

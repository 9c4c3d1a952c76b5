from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SocialProcedureType(models.Model):
    """An administrative procedure the social service knows how to run."""

    _name = "social.procedure.type"
    _description = "Procedure Type"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    explanation = fields.Text(
        string="Why This Procedure",
        translate=True,
        help="Plain-language explanation of why the procedure is needed and what it brings, "
        "for the social worker to explain it to the patient.",
    )
    required_documents = fields.Text(
        translate=True, help="Documents to gather before submitting, one per line."
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Default Organisation",
        help="Organisation to which this procedure is usually submitted.",
    )
    default_delay = fields.Integer(
        string="Default Delay (days)",
        default=30,
        help="Days from the start of the procedure to its due date.",
    )

    @api.constrains("default_delay")
    def _check_default_delay(self):
        for procedure_type in self:
            if procedure_type.default_delay < 0:
                raise ValidationError(
                    self.env._(
                        "The default delay of %(type)s cannot be negative.",
                        type=procedure_type.name,
                    )
                )

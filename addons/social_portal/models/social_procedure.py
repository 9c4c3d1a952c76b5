from odoo import fields, models


class SocialProcedure(models.Model):
    _inherit = "social.procedure"

    patient_shared = fields.Boolean(
        string="Shared with the Patient",
        tracking=True,
        help="The patient (or their representative) sees on their portal what the procedure is, "
        "why it is needed, where it stands and the next step.",
    )

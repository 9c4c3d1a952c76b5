from odoo import fields, models


class SocialDischargeStage(models.Model):
    """A step of the discharge workflow; admins add, rename and reorder them."""

    _name = "social.discharge.stage"
    _description = "Discharge Plan Stage"
    _inherit = ["social.stage.mixin"]

    is_done = fields.Boolean(
        string="Discharged Stage",
        help="Plans in this stage are discharged: the discharge date and the checklist are "
        "checked before a plan gets here.",
    )

from odoo import fields, models


class SocialDischargeStage(models.Model):
    """A step of the discharge workflow; admins add, rename and reorder them."""

    _name = "social.discharge.stage"
    _description = "Discharge Plan Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    fold = fields.Boolean(string="Folded in Kanban")
    is_done = fields.Boolean(
        string="Discharged Stage",
        help="Plans in this stage are discharged: the discharge date and the checklist are "
        "checked before a plan gets here.",
    )
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

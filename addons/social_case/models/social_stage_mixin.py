from odoo import fields, models


class SocialStageMixin(models.AbstractModel):
    """A step of a workflow of the service that an administrator adds, renames, folds and
    reorders (the stages of cases and of discharge plans); their records show every stage
    as a kanban column, empty ones included (``group_expand="_read_group_expand_full"``)."""

    _name = "social.stage.mixin"
    _description = "Social Service Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    fold = fields.Boolean(string="Folded in Kanban")
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

from odoo import fields, models


class SocialCaseStage(models.Model):
    _name = "social.case.stage"
    _description = "Social Case Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    fold = fields.Boolean(string="Folded in Kanban")
    is_closed = fields.Boolean(
        string="Closing Stage", help="Cases in this stage are closed: their follow-up has ended."
    )
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

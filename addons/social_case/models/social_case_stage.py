from odoo import fields, models


class SocialCaseStage(models.Model):
    _name = "social.case.stage"
    _description = "Social Case Stage"
    _inherit = ["social.stage.mixin"]

    is_closed = fields.Boolean(
        string="Closing Stage", help="Cases in this stage are closed: their follow-up has ended."
    )

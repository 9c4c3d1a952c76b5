from odoo import fields, models


class SocialCaseNeed(models.Model):
    _name = "social.case.need"
    _description = "Need of a Social Case"
    _inherit = ["social.privacy.mixin"]
    _order = "case_id, sequence, id"
    # a goal of the case plan is chosen among the case's needs by their type
    _rec_name = "need_type_id"

    _social_identifying_fields = ("note",)

    case_id = fields.Many2one("social.case", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    need_type_id = fields.Many2one("social.need.type", string="Need", required=True)
    category = fields.Selection(related="need_type_id.category", store=True)
    sequence = fields.Integer(default=10)
    status = fields.Selection(
        [
            ("identified", "Identified"),
            ("in_progress", "In Progress"),
            ("met", "Met"),
            ("not_met", "Not Met"),
        ],
        default="identified",
        required=True,
    )
    urgency = fields.Selection(
        [("low", "Can Wait"), ("normal", "Normal"), ("urgent", "Urgent")],
        default="normal",
        required=True,
        index=True,
        help="How soon the need must be met: the urgent ones come first on the case.",
    )
    note = fields.Char()

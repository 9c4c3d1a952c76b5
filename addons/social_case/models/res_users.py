from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    social_team_ids = fields.Many2many(
        "social.team",
        "social_team_member_rel",
        "user_id",
        "team_id",
        string="Social Work Teams",
    )

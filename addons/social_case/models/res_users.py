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
    social_unit_id = fields.Many2one(
        "social.unit",
        string="Hospital Unit",
        help="Unit the user works in: proposed on the referrals they send to the social service.",
    )

    social_language_ids = fields.Many2many(
        "social.language",
        "res_users_social_language_rel",
        "user_id",
        "language_id",
        string="Languages Spoken",
        help="Languages the social worker can hold an interview in: triage proposes a "
        "referent who speaks the patient's language first.",
    )

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["social_unit_id", "social_language_ids"]

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return super().SELF_WRITEABLE_FIELDS + ["social_unit_id", "social_language_ids"]

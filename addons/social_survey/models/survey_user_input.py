from odoo import api, fields, models

# what would tell who answered: never kept on an answer of the service's questionnaire
IDENTIFYING_FIELDS = ("partner_id", "email", "nickname", "invite_token")


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    social_team_id = fields.Many2one(
        "social.team", string="Social Work Team", readonly=True, index="btree_not_null"
    )
    social_company_id = fields.Many2one("res.company", string="Site", readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("social_team_id"):
                vals.update(dict.fromkeys(IDENTIFYING_FIELDS, False))
        return super().create(vals_list)

    def write(self, vals):
        # an anonymous answer stays anonymous, whoever later writes on it
        if self.filtered("social_team_id") and any(vals.get(name) for name in IDENTIFYING_FIELDS):
            anonymous = self.filtered("social_team_id")
            super(SurveyUserInput, anonymous).write(
                {**vals, **dict.fromkeys(IDENTIFYING_FIELDS, False)}
            )
            return super(SurveyUserInput, self - anonymous).write(vals)
        return super().write(vals)

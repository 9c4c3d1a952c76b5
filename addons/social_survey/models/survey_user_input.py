from odoo import api, fields, models

# what would tell who answered: never kept on an answer of the service's questionnaire
IDENTIFYING_FIELDS = ("partner_id", "email", "nickname", "invite_token")


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    social_team_id = fields.Many2one(
        "social.team", string="Social Work Team", readonly=True, index="btree_not_null"
    )
    social_company_id = fields.Many2one("res.company", string="Site", readonly=True)
    # the case an assessment's answer is about, as recruitment's answers name their
    # applicant: who may read the case reads it (security/survey_rules.xml)
    social_case_id = fields.Many2one("social.case", readonly=True, index="btree_not_null")

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

    def _mark_done(self):
        result = super()._mark_done()
        # the score is the system's record of the answers, whoever completed them: Odoo's
        # survey pages complete an answer as the system (``answer_sudo._mark_done()``)
        assessments = self.env["social.assessment"].search(
            [("user_input_id", "in", self.filtered("social_case_id").ids)]
        )
        assessments._record_result()
        return result


class SurveyUserInputLine(models.Model):
    _inherit = "survey.user_input.line"

    social_case_id = fields.Many2one(
        related="user_input_id.social_case_id", store=True, index="btree_not_null"
    )

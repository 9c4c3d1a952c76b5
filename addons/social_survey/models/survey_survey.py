from odoo import api, fields, models
from odoo.exceptions import ValidationError

ASSESSMENT = "social_assessment"


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    # types of their own, as recruitment's: Odoo's rules on answers cover the types they
    # name, and security/survey_rules.xml closes these to the Surveys app
    survey_type = fields.Selection(
        selection_add=[("social_service", "Social Service"), (ASSESSMENT, "Social Assessment")],
        ondelete={"social_service": "set default", ASSESSMENT: "set default"},
    )
    social_band_ids = fields.One2many(
        "social.assessment.band",
        "survey_id",
        string="Score Bands",
        copy=True,
        help="The levels the score falls in, each with its colour and the action it suggests.",
    )
    social_score_offset = fields.Float(
        string="Constant Added to the Score",
        digits=(16, 2),
        help="Added to the sum of the scores of the answers chosen (the intercept of a "
        "weighted score, such as EPICES's 75.14).",
    )
    social_repeat_months = fields.Integer(
        string="Repeat Every (Months)",
        help="The next assessment of the case falls due this many months after the last "
        "one; 0: not repeated.",
    )

    @api.depends("survey_type")
    @api.depends_context("uid")
    def _compute_allowed_survey_types(self):
        result = super()._compute_allowed_survey_types()
        if self.env.user.has_group("social_case.group_social_manager"):
            self.allowed_survey_types = (self.allowed_survey_types or []) + [ASSESSMENT]
        return result

    @api.constrains("survey_type", "access_mode", "users_login_required", "certification")
    def _check_social_assessment_access(self):
        for survey in self.filtered(lambda s: s.survey_type == ASSESSMENT):
            if survey.access_mode != "token" or not survey.users_login_required:
                raise ValidationError(
                    self.env._(
                        "An assessment is filled in from its case only: its access is "
                        "'Invited people only' and it requires to log in."
                    )
                )
            if survey.certification:
                raise ValidationError(self.env._("An assessment is not a certification."))

    @api.constrains("social_repeat_months")
    def _check_social_repeat_months(self):
        for survey in self:
            if not 0 <= survey.social_repeat_months <= 120:
                raise ValidationError(
                    self.env._("An assessment is repeated every 0 to 120 months.")
                )

    def _social_band(self, score):
        """The band ``score`` falls in: the one of highest minimum that holds it."""
        self.ensure_one()
        bands = self.social_band_ids.filtered(
            lambda band: band.min_score <= score <= band.max_score
        )
        return bands.sorted(lambda band: (band.min_score, band.id))[-1:]

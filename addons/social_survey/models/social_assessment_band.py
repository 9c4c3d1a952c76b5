from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SocialAssessmentBand(models.Model):
    """A level of the score of an assessment (e.g. "at risk" from 2 to 6 on ISAR), with
    the colour it shows in and the action it suggests to the worker."""

    _name = "social.assessment.band"
    _description = "Assessment Score Band"
    _order = "survey_id, min_score, id"

    survey_id = fields.Many2one(
        "survey.survey",
        string="Assessment Type",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("survey_type", "=", "social_assessment")],
    )
    name = fields.Char(string="Level", required=True, translate=True)
    min_score = fields.Float(string="From", digits=(16, 2), required=True)
    max_score = fields.Float(string="To", digits=(16, 2), required=True)
    color = fields.Integer()
    suggested_action = fields.Text(translate=True)

    @api.constrains("min_score", "max_score")
    def _check_scores(self):
        for band in self:
            if band.min_score > band.max_score:
                raise ValidationError(
                    self.env._(
                        "The band %(band)s starts above its end.",
                        band=band.name,
                    )
                )

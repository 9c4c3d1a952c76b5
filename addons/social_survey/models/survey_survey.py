from odoo import fields, models


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    # a type of its own, as recruitment's: Odoo's rules on answers cover the types they
    # name, and security/survey_rules.xml closes this one to the Surveys app
    survey_type = fields.Selection(
        selection_add=[("social_service", "Social Service")],
        ondelete={"social_service": "set default"},
    )

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request

from odoo.addons.survey.controllers import main


class SocialSurveyController(http.Controller):
    @http.route("/social/survey/<string:token>", type="http", auth="public", website=True)
    def social_survey_start(self, token, **kwargs):
        """The link of a patient's invitation: an anonymous answer of the case's team, then
        the questionnaire of Odoo's survey. The invitation is used up: nothing is left that
        ties the answer to it, nor to the case it was printed for."""
        answer = request.env["social.survey.invitation"].sudo()._redeem(token)
        if not answer:
            raise NotFound()
        return request.redirect(
            f"/survey/start/{answer.survey_id.access_token}?answer_token={answer.access_token}"
        )


class Survey(main.Survey):
    """Odoo's pages of results, printing, test and retry open nothing of the service's
    questionnaire: its results are masked counts (social.survey.results), and an answer
    starts only from an invitation."""

    def _is_social_service_survey(self, survey_token=None, survey=None):
        survey_sudo = (
            survey.sudo()
            if survey is not None
            else request.env["survey.survey"]
            .with_context(active_test=False)
            .sudo()
            .search([("access_token", "=", survey_token)], limit=1)
        )
        return survey_sudo.exists().survey_type == "social_service"

    @http.route()
    def survey_report(self, survey, answer_token=None, **post):
        if self._is_social_service_survey(survey=survey):
            raise NotFound()
        return super().survey_report(survey, answer_token=answer_token, **post)

    @http.route()
    def survey_print(self, survey_token, review=False, answer_token=None, **post):
        if self._is_social_service_survey(survey_token=survey_token):
            raise NotFound()
        return super().survey_print(survey_token, review=review, answer_token=answer_token, **post)

    @http.route()
    def survey_test(self, survey_token, **kwargs):
        if self._is_social_service_survey(survey_token=survey_token):
            raise NotFound()
        return super().survey_test(survey_token, **kwargs)

    @http.route()
    def survey_retry(self, survey_token, answer_token, **post):
        if self._is_social_service_survey(survey_token=survey_token):
            raise NotFound()
        return super().survey_retry(survey_token, answer_token, **post)

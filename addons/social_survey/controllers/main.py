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
        # the link needs no login: the token alone opens its one answer
        answer = request.env["social.survey.invitation"].sudo()._redeem(token)
        if not answer:
            raise NotFound()
        return request.redirect(
            f"/survey/start/{answer.survey_id.access_token}?answer_token={answer.access_token}"
        )


class Survey(main.Survey):
    """Odoo's pages of results, printing, test and retry open nothing of the service's
    questionnaire: its results are masked counts (social.survey.results), and an answer
    starts only from an invitation.

    An assessment's answers are printed for who may read them (the case's readers), never
    counted across cases on the results page, and not retaken outside of their case."""

    def _is_social_service_survey(self, survey_token=None, survey=None):
        return self._social_survey_type(survey_token, survey) == "social_service"

    def _social_survey_type(self, survey_token=None, survey=None):
        # only the survey's type comes out, for any visitor of Odoo's survey pages
        Survey = request.env["survey.survey"].sudo().with_context(active_test=False)
        survey_sudo = (
            Survey.browse(survey.ids)
            if survey is not None
            else Survey.search([("access_token", "=", survey_token)], limit=1)
        )
        return survey_sudo.exists().survey_type

    def _check_assessment_print(self, survey_token, answer_token):
        """An assessment's answer is printed for a user who may read it, whatever the token."""
        if self._social_survey_type(survey_token=survey_token) != "social_assessment":
            return
        # found by its token as the system, printed only if the user may read it
        answer = (
            request.env["survey.user_input"]
            .sudo()
            .search([("access_token", "=", answer_token or "")], limit=1)
        )
        if not answer or not answer.with_user(request.env.user).has_access("read"):
            raise NotFound()

    @http.route()
    def survey_report(self, survey, answer_token=None, **post):
        if self._social_survey_type(survey=survey) in ("social_service", "social_assessment"):
            raise NotFound()
        return super().survey_report(survey, answer_token=answer_token, **post)

    @http.route()
    def survey_print(self, survey_token, review=False, answer_token=None, **post):
        if self._is_social_service_survey(survey_token=survey_token):
            raise NotFound()
        self._check_assessment_print(survey_token, answer_token)
        return super().survey_print(survey_token, review=review, answer_token=answer_token, **post)

    @http.route()
    def survey_test(self, survey_token, **kwargs):
        if self._is_social_service_survey(survey_token=survey_token):
            raise NotFound()
        return super().survey_test(survey_token, **kwargs)

    @http.route()
    def survey_retry(self, survey_token, answer_token, **post):
        if self._social_survey_type(survey_token=survey_token) in (
            "social_service",
            "social_assessment",
        ):
            raise NotFound()
        return super().survey_retry(survey_token, answer_token, **post)

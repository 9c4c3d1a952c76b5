from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request


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

import re
import secrets

from dateutil.relativedelta import relativedelta

from odoo import SUPERUSER_ID, api, fields, models

# how long a patient may answer after the case closed
VALID_MONTHS = 3
# what secrets.token_urlsafe(24) gives: anything else opens nothing, unsearched
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{16,64}")


class SocialSurveyInvitation(models.Model):
    """An invitation to judge the service, printed or sent when a case closes.

    Anonymous by construction: it holds the team and the site to count the answer for,
    and a random token, and nothing else. No field points to the case or the patient, and
    the model keeps no creation date nor creator (``_log_access = False``), which would
    tell which closure it came from. Used once, it is deleted, so that nothing ties the
    answer it opened to it either."""

    _name = "social.survey.invitation"
    _description = "Invitation to the Questionnaire of the Social Service"
    _log_access = False

    # the key to an answer: read by the system only, not even by the head of the service,
    # who could otherwise answer in a patient's place
    token = fields.Char(
        required=True, readonly=True, index=True, copy=False, groups="base.group_system"
    )
    survey_id = fields.Many2one("survey.survey", required=True, ondelete="cascade")
    team_id = fields.Many2one("social.team", required=True, ondelete="cascade")
    company_id = fields.Many2one("res.company", required=True, ondelete="cascade")
    valid_until = fields.Date(required=True)

    _sql_constraints = [("token_unique", "UNIQUE(token)", "An invitation token is unique.")]

    @api.model
    def _issue(self, team, company):
        """A new invitation to the service's questionnaire, for an answer of ``team``."""
        survey = self.env.ref("social_survey.survey_social_service")
        return self.sudo().create(
            {
                "token": secrets.token_urlsafe(24),
                "survey_id": survey.id,
                "team_id": team.id,
                "company_id": company.id,
                "valid_until": fields.Date.context_today(self) + relativedelta(months=VALID_MONTHS),
            }
        )

    def _url(self):
        self.ensure_one()
        return f"{self.get_base_url()}/social/survey/{self.token}"

    @api.model
    def _redeem(self, token):
        """The anonymous answer an invitation opens, or None when it is unknown, used or
        expired. The invitation is deleted."""
        if not isinstance(token, str) or not TOKEN_SHAPE.fullmatch(token):
            return None
        invitation = self.sudo().search([("token", "=", token)], limit=1)
        if not invitation:
            return None
        survey, team, company = invitation.survey_id, invitation.team_id, invitation.company_id
        expired = invitation.valid_until < fields.Date.context_today(self)
        invitation.unlink()
        if expired or not survey.active:
            return None
        # created by the system, followed by no one: whoever opens the link is not recorded
        survey = survey.with_user(SUPERUSER_ID).with_context(
            mail_create_nosubscribe=True, mail_create_nolog=True, tracking_disable=True
        )
        return survey._create_answer(
            user=False,
            partner=False,
            email=False,
            check_attempts=False,
            social_team_id=team.id,
            social_company_id=company.id,
        )

    @api.model
    def _cron_purge_expired(self):
        self.sudo().search([("valid_until", "<", fields.Date.context_today(self))]).unlink()

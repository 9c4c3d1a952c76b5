import base64
import hashlib
import hmac
import re

from odoo import SUPERUSER_ID, api, fields, models

# what _token() gives (and the random tokens of earlier releases): anything else opens
# nothing, unsearched
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{16,64}")


class SocialSurveyInvitation(models.Model):
    """An invitation to judge the service, printed or sent when a case closes.

    Anonymous by construction: it holds the team and the site to count the answer for,
    and a token, and nothing else. No field points to the case or the patient, and the
    model keeps no creation date, expiry nor creator (``_log_access = False``), which would
    tell which closure it came from. The token is derived from the closure with the
    database's secret: printing the sheet again gives the same invitation, and once used
    it opens nothing any more, so that one closure is one answer. Nothing ties the answer
    it opened to it."""

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
    used = fields.Boolean(readonly=True, help="The patient opened the questionnaire with it.")

    _sql_constraints = [("token_unique", "UNIQUE(token)", "An invitation token is unique.")]

    @api.model
    def _token(self, key):
        """The token of the invitation for ``key`` (one closure of a case): keyed with the
        database's secret, so that it cannot be worked out from the case, and it tells
        nothing of it. Called by ``_issue``, as the system: the database's secret is read
        by no user."""
        secret = self.env["ir.config_parameter"].get_param("database.secret")
        digest = hmac.new(
            secret.encode(), f"social.survey.invitation:{key}".encode(), hashlib.sha256
        ).digest()
        return base64.urlsafe_b64encode(digest[:24]).decode()

    @api.model
    def _issue(self, team, company, key):
        """The invitation to the service's questionnaire for ``key``, for an answer of
        ``team``: the same one each time it is asked for the same key."""
        # the invitations are the system's: no user reads a token, nor writes one
        Invitation = self.sudo()
        token = Invitation._token(key)
        invitation = Invitation.search([("token", "=", token)], limit=1)
        if invitation:
            return invitation
        survey = self.env.ref("social_survey.survey_social_service")
        return Invitation.create(
            {
                "token": token,
                "survey_id": survey.id,
                "team_id": team.id,
                "company_id": company.id,
            }
        )

    def _url(self):
        self.ensure_one()
        return f"{self.get_base_url()}/social/survey/{self.token}"

    @api.model
    def _redeem(self, token):
        """The anonymous answer an invitation opens, or None when it is unknown or used.
        The invitation is used up. Called as the system, by the public route."""
        if not isinstance(token, str) or not TOKEN_SHAPE.fullmatch(token):
            return None
        invitation = self.search([("token", "=", token), ("used", "=", False)], limit=1)
        if not invitation:
            return None
        survey, team, company = invitation.survey_id, invitation.team_id, invitation.company_id
        if not survey.active:
            return None
        invitation.used = True
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

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.social_case.models.social_privacy_mixin import social_action

from .survey_survey import ASSESSMENT

STATES = [("new", "Not Started"), ("in_progress", "In Progress"), ("done", "Completed")]


class SocialAssessment(models.Model):
    """A scored assessment of a case (ISAR, EPICES...): an answer to an Odoo survey of the
    social service's type, filled in by the worker with the patient, whose score and band
    land on the case when it is completed.

    The answer (``survey.user_input``) points to the case, as recruitment's answers point to
    their applicant; it is read by who may read the case only (security/survey_rules.xml)."""

    _name = "social.assessment"
    _description = "Social Assessment"
    _inherit = ["social.privacy.mixin"]
    _order = "case_id, date desc, id desc"
    _check_company_auto = True
    # the answer, its result and who filled it in are the system's record of the fact
    _social_system_fields = (
        "user_input_id",
        "assessor_id",
        "date",
        "score",
        "band_id",
        "previous_id",
        "score_change",
        "next_date",
    )

    # named as the system: a worker does not read the Survey app's records, its titles
    display_name = fields.Char(
        compute="_compute_display_name",
        search="_search_display_name",
        compute_sudo=True,
    )
    case_id = fields.Many2one(
        "social.case", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    survey_id = fields.Many2one(
        "survey.survey",
        string="Assessment Type",
        required=True,
        index=True,
        ondelete="restrict",
        domain=[("survey_type", "=", ASSESSMENT)],
    )
    # the survey's type, read as the system (a related field): a worker does not read the
    # Survey app's records
    survey_type = fields.Selection(related="survey_id.survey_type", string="Survey Type")
    user_input_id = fields.Many2one(
        "survey.user_input", string="Answers", readonly=True, copy=False, index="btree_not_null"
    )
    state = fields.Selection(
        STATES, compute="_compute_state", store=True, compute_sudo=True, default="new"
    )
    assessor_id = fields.Many2one("res.users", readonly=True, default=lambda self: self.env.user)
    date = fields.Date(readonly=True, help="The day the assessment was completed.")
    score = fields.Float(digits=(16, 2), readonly=True)
    band_id = fields.Many2one("social.assessment.band", readonly=True)
    band_color = fields.Integer(related="band_id.color", string="Band Colour")
    suggested_action = fields.Text(related="band_id.suggested_action")
    previous_id = fields.Many2one(
        "social.assessment",
        string="Previous Assessment",
        readonly=True,
        help="The last completed assessment of the same type of the case before this one.",
    )
    score_change = fields.Float(
        string="Change",
        digits=(16, 2),
        readonly=True,
        help="The score minus the previous assessment's; empty on the first one.",
    )
    has_previous = fields.Boolean(compute="_compute_has_previous")
    next_date = fields.Date(
        string="Next Due", readonly=True, help="When the assessment should be repeated."
    )

    @api.depends("user_input_id.state")
    def _compute_state(self):
        for assessment in self:
            assessment.state = assessment.user_input_id.state or "new"

    @api.depends("previous_id")
    def _compute_has_previous(self):
        for assessment in self:
            assessment.has_previous = bool(assessment.previous_id)

    @api.depends("survey_id", "case_id", "date")
    def _compute_display_name(self):
        for assessment in self:
            assessment.display_name = assessment.survey_id.title or ""  # see display_name

    @api.constrains("survey_id")
    def _check_survey_type(self):
        for assessment in self:
            if assessment.survey_type != ASSESSMENT:
                raise ValidationError(
                    self.env._("An assessment is made with a survey of the assessment type.")
                )

    def write(self, vals):
        if {"case_id", "survey_id"} & set(vals) and self.filtered("user_input_id"):
            raise UserError(
                self.env._("An assessment already started keeps its case and its type.")
            )
        return super().write(vals)

    @social_action("write")
    def action_start(self):
        """Open Odoo's survey screen on the assessment's answer, to fill it in with the
        patient: a new answer the first time, the same one until it is completed."""
        self.ensure_one()
        if self.state == "done":
            raise UserError(self.env._("This assessment is completed: start a new one."))
        if self.case_id.is_closed:
            raise UserError(self.env._("The case is closed: no assessment is started on it."))
        # the survey app's records are the system's: the worker neither reads its tokens
        # nor creates answers but through this button
        assessment = self.sudo()
        survey = assessment.survey_id
        if not self.user_input_id:
            if not survey.active:
                raise UserError(self.env._("This assessment type is archived."))
            answer = survey._create_answer(
                user=self.env.user, check_attempts=False, social_case_id=self.case_id.id
            )
            self.write({"user_input_id": answer.id, "assessor_id": self.env.user.id})
        return survey.action_start_survey(answer=assessment.user_input_id)

    @social_action("read")
    def action_view_answers(self):
        """The answers as the patient gave them, in Odoo's printable view of the survey."""
        self.ensure_one()
        if not self.user_input_id:
            raise UserError(self.env._("This assessment was not started yet."))
        # the Survey app's page of the answer, which the worker reads through the case only
        assessment = self.sudo()
        return assessment.survey_id.action_print_survey(answer=assessment.user_input_id)

    def _record_result(self):
        """Compute the score, the band, the change since the previous one and the next due
        date of completed assessments. Called as the system when the answer is done."""
        for assessment in self:
            answer = assessment.user_input_id
            survey = assessment.survey_id
            score = round(
                sum(answer.user_input_line_ids.mapped("answer_score")) + survey.social_score_offset,
                2,
            )
            # the day where the assessor is, as the rest of the service's dates
            day = fields.Date.context_today(
                assessment.with_user(assessment.assessor_id or self.env.user),
                timestamp=answer.end_datetime,
            )
            previous = self.search(
                [
                    ("case_id", "=", assessment.case_id.id),
                    ("survey_id", "=", survey.id),
                    ("state", "=", "done"),
                    ("id", "!=", assessment.id),
                ],
                order="date desc, id desc",
                limit=1,
            )
            months = survey.social_repeat_months
            assessment.write(
                {
                    "date": day,
                    "score": score,
                    "band_id": survey._social_band(score).id,
                    "previous_id": previous.id,
                    "score_change": score - previous.score if previous else 0.0,
                    "next_date": day + relativedelta(months=months) if months else False,
                }
            )
            assessment.case_id._post_assessment(assessment)

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.social_case.models.social_case import SocialCase as SocialCaseBase
from odoo.addons.social_case.models.social_privacy_mixin import social_action


class SocialCase(models.Model):
    _inherit = "social.case"
    _social_system_fields = (*SocialCaseBase._social_system_fields, "survey_offered")

    survey_offered = fields.Boolean(
        string="Questionnaire Offered",
        readonly=True,
        copy=False,
        help="The patient was offered the anonymous questionnaire on the service. Their "
        "answers, if any, are never linked to this case.",
    )

    assessment_ids = fields.One2many("social.assessment", "case_id")
    last_assessment_id = fields.Many2one(
        "social.assessment",
        compute="_compute_assessment",
        store=True,
        index="btree_not_null",
    )
    assessment_score = fields.Float(
        string="Last Score", related="last_assessment_id.score", store=True
    )
    assessment_band_id = fields.Many2one(
        "social.assessment.band",
        string="Last Band",
        related="last_assessment_id.band_id",
        store=True,
    )
    assessment_band_color = fields.Integer(
        related="assessment_band_id.color", string="Last Band Colour"
    )
    next_assessment_date = fields.Date(
        string="Next Assessment",
        compute="_compute_assessment",
        store=True,
        index=True,
        help="The earliest day an assessment of the case falls due again, by the repeat "
        "interval of its type.",
    )

    @api.depends(
        "assessment_ids.state", "assessment_ids.date", "assessment_ids.next_date", "is_closed"
    )
    def _compute_assessment(self):
        for case in self:
            done = case.assessment_ids.filtered(lambda a: a.state == "done" and a.date)
            ordered = done.sorted(lambda a: (a.date, a.id), reverse=True)
            case.last_assessment_id = ordered[:1]
            # the latest of each type says when that type falls due again
            latest = {}
            for assessment in ordered:
                latest.setdefault(assessment.survey_id, assessment)
            due = [a.next_date for a in latest.values() if a.next_date]
            case.next_assessment_date = min(due) if due and not case.is_closed else False

    def _social_anonymise_linked_records(self):
        # the answers of the cases' assessments: what the patient said in their own words
        # and the dates they gave go; the choices, the scores and the bands stay
        # (called by ``_anonymise``, as the system)
        answers = (
            self.env["survey.user_input"]
            .with_context(active_test=False)
            .search([("social_case_id", "in", self.ids)])
        )
        # a question may copy its answer to the answer's nickname or e-mail (Odoo's options)
        answers.write({"nickname": False, "email": False})
        lines = answers.user_input_line_ids
        anonymised = self.env._("Anonymised")
        for answer_type, values in (
            ("char_box", {"value_char_box": anonymised}),
            ("text_box", {"value_text_box": anonymised}),
            ("date", {"value_date": False}),
            ("datetime", {"value_datetime": False}),
        ):
            typed = lines.filtered(lambda line, kind=answer_type: line.answer_type == kind)
            if typed:
                typed.write(values)
        return [*super()._social_anonymise_linked_records(), answers]

    @social_action("read")
    def action_start_assessment(self):
        """A new assessment of the case, its type chosen in a dialog, then filled in with
        the patient in Odoo's survey screen."""
        self.ensure_one()
        if self.is_closed:
            raise UserError(self.env._("The case is closed: no assessment is started on it."))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New Assessment"),
            "res_model": "social.assessment",
            "view_mode": "form",
            "views": [(self.env.ref("social_survey.social_assessment_view_form_start").id, "form")],
            "target": "new",
            "context": {"default_case_id": self.id},
        }

    def _post_assessment(self, assessment):
        """Write a completed assessment in the case's chatter, in the service's language."""
        self.ensure_one()
        env = self._social_system_env()
        band = assessment.band_id.with_env(env).name or "-"
        score = f"{assessment.score:g}"
        self.message_post(
            body=env._(
                "Assessment completed: %(type)s, score %(score)s (%(band)s).",
                type=assessment.survey_id.with_env(env).title,
                score=score,
                band=band,
            ),
            subtype_xmlid="mail.mt_note",
        )

    def _check_survey_offer(self):
        self.ensure_one()
        self.check_access("write")
        if not self.is_closed:
            raise UserError(self.env._("The questionnaire is offered when the case closes."))
        if self.close_reason == "deceased":
            raise UserError(self.env._("The patient died: no questionnaire is offered."))
        if not self.team_id:
            raise UserError(
                self.env._("Set the case's team first: the answers are counted by team.")
            )

    def _issue_survey_invitation(self):
        """The invitation of this closure of the case: the same one however often the sheet
        is printed or the e-mail sent, a new one only if the case is reopened and closed."""
        invitation = self.env["social.survey.invitation"]._issue(
            self.team_id, self.company_id, f"social.case,{self.id},{self.date_closed}"
        )
        # a fact the system records, whoever prints the sheet: ``self`` comes checked
        # (``_check_survey_offer``) and marked as the system's (``_social_as_system``)
        self.write({"survey_offered": True})
        return invitation

    @social_action("read")
    def action_print_survey_invitation(self):
        """A sheet for the patient with the questionnaire's link and QR code."""
        self._check_survey_offer()
        # the invitation of this closure, printed on the sheet (report/report_survey_invitation.py)
        return self.env.ref("social_survey.action_report_survey_invitation").report_action(self)

    @social_action("read")
    def action_send_survey_invitation(self):
        """The questionnaire's link by e-mail to the patient: an e-mail of its own, deleted
        once sent, with no trace of the link in the case's chatter."""
        self._check_survey_offer()
        email = self.patient_id.email
        if not email:
            raise UserError(
                self.env._(
                    "%(patient)s has no e-mail address: print the sheet with the QR code.",
                    patient=self.patient_id.name,
                )
            )
        invitation = self._issue_survey_invitation()
        lang = self.rights_sheet_lang or self.env.lang
        # the text is the template's, which an administrator edits and translates; the
        # link is given to it, never stored with the case
        template = self.env.ref("social_survey.mail_template_survey_invitation")
        link = {"survey_url": invitation._url()}
        rendered = {
            name: template._render_field(name, self.ids, set_lang=lang, add_context=link)[self.id]
            for name in ("subject", "body_html")
        }
        # an e-mail of the system, linked to no record: nothing ties the link to the case
        self.env["mail.mail"].sudo().create(
            {
                **rendered,
                "email_to": email,
                "email_from": self.company_id.email_formatted or self.env.user.email_formatted,
                "auto_delete": True,
            }
        )
        self.message_post(
            body=self._social_system_env()._(
                "The anonymous questionnaire was sent to the patient by e-mail."
            ),
            subtype_xmlid="mail.mt_note",
        )
        return True

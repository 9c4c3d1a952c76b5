from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .social_privacy_mixin import social_action

OPEN_STATES = ("to_do", "submitted", "awaiting_answer", "appealed")
DEADLINE_ACTIVITY = "social_case.mail_activity_type_procedure_deadline"

# state -> the states it may move to
TRANSITIONS = {
    "to_do": {"submitted", "cancelled"},
    "submitted": {"awaiting_answer", "granted", "refused", "cancelled"},
    "awaiting_answer": {"granted", "refused", "cancelled"},
    "refused": {"appealed"},
    "appealed": {"awaiting_answer", "granted", "refused", "cancelled"},
    "granted": set(),
    "cancelled": {"to_do"},
}


class SocialProcedure(models.Model):
    """An administrative procedure (démarche) run for the patient of a case."""

    _name = "social.procedure"
    _description = "Administrative Procedure"
    _inherit = ["social.privacy.thread", "mail.thread", "mail.activity.mixin"]
    _order = "due_date asc nulls last, id desc"
    _check_company_auto = True
    _social_transitions = TRANSITIONS

    # a name taken from the catalogue reads in each user's language (_translate_type_name)
    name = fields.Char(
        compute="_compute_name",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        tracking=True,
        translate=True,
    )
    case_id = fields.Many2one("social.case", required=True, index=True, ondelete="restrict")
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    patient_id = fields.Many2one(related="case_id.patient_id", store=True, index=True)
    type_id = fields.Many2one(
        "social.procedure.type",
        string="Procedure Type",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    right_id = fields.Many2one(
        "social.right",
        string="Right Claimed",
        index=True,
        ondelete="restrict",
        help="The right from the screening catalogue that this procedure claims.",
    )
    organisation_id = fields.Many2one(
        "res.partner",
        domain="[('social_is_patient', '=', False)]",
        compute="_compute_from_type",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
        help="The body to which the procedure is submitted.",
    )
    explanation = fields.Text(
        string="Why This Procedure",
        compute="_compute_from_type",
        store=True,
        readonly=False,
        precompute=True,
        help="Explain in plain words to the patient why this procedure is needed.",
    )
    required_documents = fields.Text(
        compute="_compute_from_type", store=True, readonly=False, precompute=True
    )
    documents_complete = fields.Boolean(string="Documents Gathered", tracking=True)
    state = fields.Selection(
        [
            ("to_do", "To Do"),
            ("submitted", "Submitted"),
            ("awaiting_answer", "Awaiting Answer"),
            ("granted", "Granted"),
            ("refused", "Refused"),
            ("appealed", "Appealed"),
            ("cancelled", "Cancelled"),
        ],
        default="to_do",
        required=True,
        index=True,
        tracking=True,
        copy=False,
    )
    submission_date = fields.Date(tracking=True, copy=False)
    due_date = fields.Date(
        compute="_compute_due_date",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
        help="Deadline of the procedure; the person responsible gets an activity on that date.",
    )
    answer_date = fields.Date(tracking=True, copy=False)
    amount = fields.Monetary(currency_field="currency_id", tracking=True)
    currency_id = fields.Many2one(
        "res.currency", required=True, default=lambda self: self.env.company.currency_id
    )
    reference = fields.Char(help="File number given by the organisation.", copy=False)
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        check_company=True,
    )
    note = fields.Text()
    color = fields.Integer()

    # -- computes ------------------------------------------------------------
    @api.depends("type_id")
    def _compute_name(self):
        for procedure in self:
            procedure.name = procedure.type_id.name or procedure.name

    @api.depends("type_id")
    def _compute_from_type(self):
        for procedure in self:
            procedure_type = procedure.type_id
            procedure.organisation_id = procedure_type.partner_id
            procedure.explanation = procedure_type.explanation
            procedure.required_documents = procedure_type.required_documents

    @api.depends("type_id")
    def _compute_due_date(self):
        today = fields.Date.context_today(self)
        for procedure in self:
            if procedure.type_id.default_delay:
                procedure.due_date = today + relativedelta(days=procedure.type_id.default_delay)

    def _state_label(self, state):
        return dict(self._fields["state"]._description_selection(self.env)).get(state, state)

    # -- constraints -------------------------------------------------------------
    @api.constrains("case_id")
    def _check_case_open(self):
        for procedure in self:
            if procedure.case_id.is_closed:
                raise ValidationError(
                    self.env._(
                        "Case %(case)s is closed: reopen it before starting a new procedure.",
                        case=procedure.case_id.name,
                    )
                )

    @api.constrains("amount")
    def _check_amount(self):
        for procedure in self:
            if procedure.amount < 0:
                raise ValidationError(
                    self.env._(
                        "The amount of procedure %(procedure)s cannot be negative.",
                        procedure=procedure.name,
                    )
                )

    @api.constrains("submission_date", "answer_date")
    def _check_dates(self):
        today = fields.Date.context_today(self)
        for procedure in self:
            submitted, answered = procedure.submission_date, procedure.answer_date
            if submitted and submitted > today:
                raise ValidationError(
                    self.env._(
                        "Procedure %(procedure)s cannot have been submitted in the future.",
                        procedure=procedure.name,
                    )
                )
            if answered and submitted and answered < submitted:
                raise ValidationError(
                    self.env._(
                        "Procedure %(procedure)s cannot be answered before it was submitted.",
                        procedure=procedure.name,
                    )
                )
            if answered and answered > today:
                raise ValidationError(
                    self.env._(
                        "Procedure %(procedure)s cannot have been answered in the future.",
                        procedure=procedure.name,
                    )
                )

    # -- state flow ----------------------------------------------------------------
    def _social_transition_error(self, new_state):
        values = {
            "procedure": self.name,
            "state": self._state_label(self.state),
        }
        messages = {
            "submitted": self.env._(
                "Procedure %(procedure)s cannot be submitted: it is %(state)s. "
                "Only a procedure still to do can be submitted.",
                **values,
            ),
            "awaiting_answer": self.env._(
                "Procedure %(procedure)s cannot wait for an answer: it is %(state)s. "
                "Submit it first.",
                **values,
            ),
            "granted": self.env._(
                "Procedure %(procedure)s cannot be granted: it is %(state)s. "
                "Only a submitted or appealed procedure can receive an answer.",
                **values,
            ),
            "refused": self.env._(
                "Procedure %(procedure)s cannot be refused: it is %(state)s. "
                "Only a submitted or appealed procedure can receive an answer.",
                **values,
            ),
            "appealed": self.env._(
                "Procedure %(procedure)s cannot be appealed: it is %(state)s. "
                "An appeal is only possible after a refusal.",
                **values,
            ),
            "cancelled": self.env._(
                "Procedure %(procedure)s cannot be cancelled: it is already %(state)s.",
                **values,
            ),
            "to_do": self.env._(
                "Procedure %(procedure)s cannot be reopened: it is %(state)s. "
                "Only a cancelled procedure can be reopened.",
                **values,
            ),
        }
        return messages[new_state]

    def _set_state(self, new_state, date_field=None):
        today = fields.Date.context_today(self)
        for procedure in self:
            vals = {"state": new_state}
            if date_field and not procedure[date_field]:
                vals[date_field] = today
            procedure.write(vals)
        return True

    def _creation_message(self):
        # the generic "%s created" cannot agree in gender with the document's name
        self.ensure_one()
        return self._social_system_env()._("Administrative procedure created")

    @social_action("read")
    def action_submit(self):
        return self._set_state("submitted", "submission_date")

    @social_action("read")
    def action_await_answer(self):
        return self._set_state("awaiting_answer", "submission_date")

    @social_action("read")
    def action_grant(self):
        return self._set_state("granted", "answer_date")

    @social_action("read")
    def action_refuse(self):
        return self._set_state("refused", "answer_date")

    @social_action("read")
    def action_appeal(self):
        return self._set_state("appealed")

    @social_action("read")
    def action_cancel(self):
        return self._set_state("cancelled")

    @social_action("read")
    def action_reopen(self):
        return self._set_state("to_do")

    # -- deadline activity -----------------------------------------------------------
    def _sync_deadline_activity(self):
        """Keep one deadline activity per open procedure, on its due date, for its
        responsible; close it when the procedure is answered, drop it when cancelled."""
        for procedure in self:
            activities = procedure.activity_search([DEADLINE_ACTIVITY])
            if procedure.state in ("granted", "refused"):
                activities.action_feedback(
                    feedback=self.env._(
                        "Procedure %(state)s.", state=self._state_label(procedure.state)
                    )
                )
                continue
            if procedure.state not in OPEN_STATES or not procedure.due_date:
                activities.unlink()
                continue
            user = procedure.user_id or procedure.case_id.user_id or self.env.user
            if activities:
                activities.write({"date_deadline": procedure.due_date, "user_id": user.id})
            else:
                procedure.activity_schedule(
                    DEADLINE_ACTIVITY,
                    date_deadline=procedure.due_date,
                    summary=procedure._social_reader_env(user)._(
                        "Deadline: %(procedure)s",
                        procedure=procedure.with_env(procedure._social_reader_env(user)).name,
                    ),
                    user_id=user.id,
                )

    # -- CRUD ------------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        procedures = super().create(vals_list)
        procedures._translate_type_name()
        procedures._sync_deadline_activity()
        return procedures

    def write(self, vals):
        res = super().write(vals)
        if {"type_id", "name"} & set(vals) and not self.env.context.get("social_name_translated"):
            self._translate_type_name()
        if {"state", "due_date", "user_id"} & set(vals):
            self._sync_deadline_activity()
        return res

    def _translate_type_name(self):
        """A procedure named after its type takes the type's name in every language, so
        that each reader sees the catalogue's name in their own; a name the worker typed
        stays as typed."""
        languages = [code for code, _name in self.env["res.lang"].get_installed()]
        for procedure in self:
            kind = procedure.type_id
            if kind and procedure.name == kind.name:
                names = {code: kind.with_context(lang=code).name for code in languages}
            else:
                names = dict.fromkeys(languages, procedure.name)
            # that update writes the name again: not to be translated once more
            procedure.with_context(social_name_translated=True).update_field_translations(
                "name", names
            )

    def unlink(self):
        for procedure in self:
            procedure.case_id.message_post(
                body=procedure.case_id._social_system_env()._(
                    "Procedure %(procedure)s (%(state)s) deleted by %(user)s.",
                    procedure=procedure.name,
                    state=self._state_label(procedure.state),
                    user=self.env.user.name,
                )
            )
        return super().unlink()

    # -- the rights sheet for the patient ---------------------------------------------
    def _rights_sheet_text(self, name, lang):
        """Text ``name`` (explanation, required documents) for the patient's sheet: the
        procedure type's text in ``lang`` when the procedure still holds a copy of it, in
        whatever language it was copied; the worker's own words otherwise."""
        self.ensure_one()
        own = self[name]
        kind = self.type_id
        copies = {
            kind.with_context(lang=code)[name]
            for code, _label in self.env["res.lang"].get_installed()
        }
        if not own or own in copies:
            return kind.with_context(lang=lang)[name]
        return own

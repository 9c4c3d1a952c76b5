from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.social_case.models.social_privacy_mixin import social_action

OPEN_STATES = ("draft", "sent", "waiting")
TRANSITIONS = {
    "draft": {"sent", "withdrawn"},
    "sent": {"accepted", "refused", "waiting", "withdrawn"},
    "waiting": {"accepted", "refused", "withdrawn"},
    "accepted": set(),
    "refused": set(),
    "withdrawn": set(),
}
# the purpose (social.consent.purpose code) of what a discharge request shares
CONSENT_PURPOSE = "discharge_provider"


class SocialDischargeRequest(models.Model):
    """A request for a place or a service sent to one provider for one discharge plan."""

    _name = "social.discharge.request"
    _description = "Discharge Request to a Provider"
    _inherit = ["social.privacy.thread", "mail.thread", "mail.activity.mixin"]
    _order = "plan_id, state, id"
    _check_company_auto = True
    _social_transitions = TRANSITIONS
    _social_identifying_fields = ("refusal_reason",)
    _social_system_fields = ("state", "date_sent", "reminder_date", "consent_id")

    plan_id = fields.Many2one(
        "social.discharge.plan",
        string="Discharge Plan",
        required=True,
        index=True,
        ondelete="restrict",
    )
    case_id = fields.Many2one(related="plan_id.case_id", store=True, index=True)
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    patient_id = fields.Many2one(related="plan_id.patient_id", store=True, string="Patient")
    user_id = fields.Many2one(related="plan_id.user_id", store=True, string="Referent")
    partner_id = fields.Many2one(
        "res.partner",
        string="Provider",
        required=True,
        index=True,
        tracking=True,
        domain="[('social_is_patient', '=', False)]",
    )
    need_type_id = fields.Many2one("social.need.type", string="Need")
    channel = fields.Selection(
        [("email", "E-mail"), ("phone", "Phone"), ("platform", "Referral Platform")],
        default="email",
        required=True,
        tracking=True,
    )
    state = fields.Selection(
        [
            ("draft", "To Send"),
            ("sent", "Sent"),
            ("accepted", "Accepted"),
            ("refused", "Refused"),
            ("waiting", "Waiting List"),
            ("withdrawn", "Withdrawn"),
        ],
        default="draft",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
    )
    date_sent = fields.Datetime(string="Sent On", readonly=True, copy=False)
    date_answer = fields.Date(string="Answered On", copy=False, tracking=True)
    refusal_reason = fields.Char(tracking=True)
    waiting_position = fields.Integer(string="Position on Waiting List", tracking=True)
    waiting_date = fields.Date(
        string="Expected Place On", tracking=True, help="Date the provider expects a place."
    )
    reminder_date = fields.Date(string="Reminded On", readonly=True, copy=False)
    consent_id = fields.Many2one(
        "social.consent",
        readonly=True,
        copy=False,
        index=True,
        help="The patient's consent (or the recorded exception) under which it was sent.",
    )
    note = fields.Text()

    _sql_constraints = [
        (
            "partner_plan_unique",
            "UNIQUE(plan_id, partner_id)",
            "This provider has already been asked for this discharge plan.",
        ),
    ]

    @api.depends("partner_id", "plan_id")
    def _compute_display_name(self):
        for request in self:
            request.display_name = f"{request.partner_id.name} / {request.plan_id.display_name}"

    @api.constrains("state", "refusal_reason", "waiting_position")
    def _check_answer(self, state=None):
        for request in self:
            if (state or request.state) == "refused" and not (request.refusal_reason or "").strip():
                raise ValidationError(
                    self.env._("Record why %(provider)s refused.", provider=request.partner_id.name)
                )
            if (state or request.state) == "waiting" and request.waiting_position <= 0:
                raise ValidationError(
                    self.env._(
                        "Give the position of the patient on the waiting list of %(provider)s.",
                        provider=request.partner_id.name,
                    )
                )

    def _social_consent_purpose(self):
        return CONSENT_PURPOSE

    def _social_sharing_partners(self):
        # the provider asked receives the request and the liaison letter (and nothing else)
        return self.partner_id

    # -- sending ----------------------------------------------------------------------------
    def _creation_message(self):
        # the generic "%s created" cannot agree in gender with the document's name
        self.ensure_one()
        return self._social_system_env()._("Request to the provider created")

    @social_action("write")
    def action_send(self):
        """Send by e-mail with the liaison letter, or record a phone / platform request."""
        self._social_check_transition("sent")
        consents = self._check_consent()
        for request in self:
            request.consent_id = consents[request.patient_id.id]
            if request.channel == "email":
                request._send_email()
            else:
                request.message_post(
                    body=request._social_system_env()._(
                        "Request made by %(channel)s.",
                        channel=dict(self._fields["channel"]._description_selection(self.env))[
                            request.channel
                        ],
                    )
                )
        self.write({"state": "sent", "date_sent": fields.Datetime.now()})
        return True

    def _check_consent(self):
        """{patient id: consent}: the patients' consent to share with an external provider
        for their discharge, or a recorded exception; refused otherwise (SECURITY.md T20)."""
        return self.env["social.consent"]._check_sharing(self.patient_id, CONSENT_PURPOSE)

    def _flag_consent_withdrawn(self):
        self.ensure_one()
        message = self._social_system_env()._(
            "The patient's consent to share with %(provider)s was withdrawn: nothing more may "
            "be sent; tell the provider, or withdraw the request.",
            provider=self.partner_id.name,
        )
        self.message_post(body=message)
        if self.user_id:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self._social_reader_env(self.user_id)._("Consent withdrawn"),
                note=message,
                user_id=self.user_id.id,
            )

    def _liaison_letter_attachment(self):
        self.ensure_one()
        content, extension = self.plan_id._liaison_letter_pdf()
        return self.env["ir.attachment"].create(
            {
                "name": self.env._(
                    "Liaison letter %(case)s.%(ext)s", case=self.case_id.name, ext=extension
                ),
                "raw": content,
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/pdf" if extension == "pdf" else "text/html",
            }
        )

    def _send_email(self):
        self.ensure_one()
        if not self.partner_id.email:
            raise UserError(
                self.env._(
                    "%(provider)s has no e-mail address: send the request by phone or platform.",
                    provider=self.partner_id.name,
                )
            )
        template = self.env.ref("social_discharge.mail_template_discharge_request")
        self._post_template(template, attachments=self._liaison_letter_attachment())

    def _post_template(self, template, attachments=None):
        self.ensure_one()
        lang = template._render_lang(self.ids)[self.id]
        template = template.with_context(lang=lang)
        subject = template._render_field("subject", self.ids)[self.id]
        body = template._render_field("body_html", self.ids)[self.id]
        return self.message_post(
            body=body,
            subject=subject,
            partner_ids=self.partner_id.ids,
            attachment_ids=attachments.ids if attachments else [],
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )

    # -- answers -----------------------------------------------------------------------------
    @social_action("write")
    def action_accept(self):
        self._social_check_transition("accepted")
        if len(self.plan_id) != len(self):
            raise UserError(self.env._("Accept one provider per discharge plan."))
        self.write({"state": "accepted", "date_answer": fields.Date.context_today(self)})
        # the actions of the current case plans that these requests carry out are done
        self.env["social.case.plan.action"].search(
            [
                ("discharge_request_id", "in", self.ids),
                ("state", "=", "todo"),
                ("plan_id.is_current", "=", True),
            ]
        )._set_state("done")
        for request in self:
            request.plan_id.destination_partner_id = request.partner_id
            request.plan_id.message_post(
                body=request.plan_id._social_system_env()._(
                    "%(provider)s accepted the patient.", provider=request.partner_id.name
                )
            )
        others = self._other_open_requests()
        if others and len(self) == 1:
            return {
                "type": "ir.actions.act_window",
                "name": self.env._("Withdraw the Other Requests"),
                "res_model": "social.discharge.withdraw.wizard",
                "view_mode": "form",
                "target": "new",
                "context": {
                    "default_accepted_request_id": self.id,
                    "default_request_ids": others.ids,
                },
            }
        return True

    def _other_open_requests(self):
        return self.search(
            [
                ("plan_id", "in", self.plan_id.ids),
                ("id", "not in", self.ids),
                ("state", "in", OPEN_STATES),
            ]
        )

    @social_action("write")
    def action_refuse(self):
        self._social_check_transition("refused")
        self.filtered(lambda r: not (r.refusal_reason or "").strip())._check_answer(state="refused")
        self.write({"state": "refused", "date_answer": fields.Date.context_today(self)})
        return True

    @social_action("write")
    def action_waiting(self):
        self._social_check_transition("waiting")
        self.filtered(lambda r: r.waiting_position <= 0)._check_answer(state="waiting")
        self.write({"state": "waiting", "date_answer": fields.Date.context_today(self)})
        return True

    @social_action("write")
    def action_withdraw(self, notify=True):
        self._social_check_transition("withdrawn")
        template = self.env.ref("social_discharge.mail_template_discharge_request_withdrawn")
        # once the patient withdrew their consent, nothing more is e-mailed to the provider
        consented = self._social_consented()
        for request in self:
            if notify and request.state != "draft":
                if request.channel == "email" and request.partner_id.email and request in consented:
                    request._post_template(template)
                else:
                    request.message_post(
                        body=request._social_system_env()._(
                            "Request withdrawn: tell %(provider)s that the place is no longer "
                            "needed.",
                            provider=request.partner_id.name,
                        )
                    )
        self.write({"state": "withdrawn"})
        return True

    # -- reminders ---------------------------------------------------------------------------
    @api.model
    def _reminder_days(self):
        return int(
            self.env["ir.config_parameter"].sudo().get_param("social_discharge.reminder_days", 3)
        )

    @api.model
    def _cron_remind_unanswered(self):
        limit = fields.Datetime.now() - timedelta(days=self._reminder_days())
        requests = self.search(
            [("state", "=", "sent"), ("date_sent", "<=", limit), ("reminder_date", "=", False)]
        )
        for request in requests:
            user = request.user_id or request.plan_id.create_uid
            request.activity_schedule(
                "mail.mail_activity_data_call",
                date_deadline=fields.Date.context_today(self),
                summary=request._social_reader_env(user)._(
                    "No answer from %(provider)s", provider=request.partner_id.name
                ),
                user_id=user.id,
            )
        requests.write({"reminder_date": fields.Date.context_today(self)})

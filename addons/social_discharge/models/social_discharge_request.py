import re
from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, format_date

from odoo.addons.social_case.const import PORTAL
from odoo.addons.social_case.models.social_privacy_mixin import social_action

OPEN_STATES = ("draft", "sent", "waiting")
# the provider's answers: the first one ends its response time
ANSWERED_STATES = ("accepted", "refused", "waiting")
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
# what a provider's portal user reads of the requests sent to its organisation
PORTAL_FIELDS = (
    "partner_id",
    "need_type_id",
    "state",
    "date_sent",
    "date_answer",
    "expected_discharge_date",
    "provider_summary",
    "shared_attachment_ids",
    "is_home_care",
    "patient_availability",
    "prescriber_id",
    "provider_patient_name",
    "admission_date",
    "waiting_position",
    "waiting_date",
    "refusal_reason_id",
    "refusal_reason",
    "portal_valid_until",
    "access_url",
)
# provider types that admit the patient (a place, not a service at home)
INSTITUTIONS = {"nursing_home", "rehabilitation", "convalescence", "palliative"}
PLACEHOLDER = re.compile(r"\{(\w+)\}")


class SocialDischargeRequest(models.Model):
    """A request for a place or a service sent to one provider for one discharge plan."""

    _name = "social.discharge.request"
    _description = "Discharge Request to a Provider"
    _inherit = ["social.privacy.thread", "mail.thread", "mail.activity.mixin", "portal.mixin"]
    _order = "plan_id, state, id"
    _check_company_auto = True
    _social_transitions = TRANSITIONS
    # with the free texts (the summary for the provider, the note): the provider's comment,
    # the patient's availability, their doctor, and the portal link, revoked
    _social_identifying_fields = (
        "refusal_reason",
        "patient_availability",
        "prescriber_id",
        "access_token",
    )
    _social_system_fields = (
        "state",
        "date_sent",
        "answered_at",
        "consent_id",
        "access_token",
    )
    # the provider's portal users read these fields of its requests, and nothing else
    _social_portal_fields = PORTAL_FIELDS

    # named as the system: a provider reads the request, not its plan
    display_name = fields.Char(
        compute="_compute_display_name",
        search="_search_display_name",
        compute_sudo=True,
    )
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
    answered_at = fields.Datetime(
        string="First Answer At",
        readonly=True,
        copy=False,
        help="When the provider's first answer (accepted, waiting list or refused) was "
        "recorded, in its portal or by the worker: the response time runs from the sending "
        "to it.",
    )
    refusal_reason = fields.Char(string="Refusal Comment", tracking=True)
    waiting_position = fields.Integer(string="Position on Waiting List", tracking=True)
    waiting_date = fields.Date(
        string="Expected Place On", tracking=True, help="Date the provider expects a place."
    )
    consent_id = fields.Many2one(
        "social.consent",
        readonly=True,
        copy=False,
        index=True,
        help="The patient's consent (or the recorded exception) under which it was sent.",
    )
    note = fields.Text()
    # -- what the provider is shown (its portal, the signed link of the e-mail) ----------------
    expected_discharge_date = fields.Date(related="plan_id.expected_discharge_date")
    provider_summary = fields.Text(
        string="Summary for the Provider",
        compute="_compute_provider_summary",
        store=True,
        readonly=False,
        help="What the provider reads in its portal: needs, autonomy, care required and "
        "dates, written from the template of the provider's type. Never notes nor the social "
        "file.",
    )
    shared_attachment_ids = fields.Many2many(
        "ir.attachment",
        "social_discharge_request_shared_attachment_rel",
        "request_id",
        "attachment_id",
        string="Documents Shared",
        domain="[('res_model', '=', 'social.discharge.request'), ('res_id', '=', id)]",
        help="Documents of this request the provider may download from its portal.",
    )
    # the provider's types are read as the system: the care team may not read the provider
    is_home_care = fields.Boolean(
        compute="_compute_is_home_care", string="Home Care", compute_sudo=True
    )
    patient_availability = fields.Text(
        string="Patient's Availability",
        help="When the patient can receive the home-care provider (days, hours).",
    )
    prescriber_id = fields.Many2one(
        "res.partner",
        domain="[('social_is_patient', '=', False)]",
        help="The doctor who prescribed the home care.",
    )
    provider_patient_name = fields.Char(
        string="Patient Shown to the Provider",
        compute="_compute_provider_patient_name",
        compute_sudo=True,
    )
    admission_date = fields.Date(string="Admission or First Visit On", tracking=True, copy=False)
    refusal_reason_id = fields.Many2one(
        "social.discharge.refusal.reason", tracking=True, index=True
    )
    is_confirmed = fields.Boolean(
        compute="_compute_is_confirmed", string="Confirmed as the Destination"
    )
    # the link's validity is a setting of the administrators: computed as the system
    portal_valid_until = fields.Datetime(
        string="Link Valid Until", compute="_compute_portal_valid_until", compute_sudo=True
    )

    _sql_constraints = [
        (
            "partner_plan_unique",
            "UNIQUE(plan_id, partner_id)",
            "This provider has already been asked for this discharge plan.",
        ),
    ]

    # -- the privacy layer: the provider's portal users read the shared fields -------------------
    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if order == self._order and not self.env.su and self.env.user.share:
            # a provider's requests by date: the plan, the default order, is not its to read
            order = "date_sent desc, id desc"
        return super()._search(domain, offset=offset, limit=limit, order=order)

    @classmethod
    def _social_minimum_views(cls):
        return super()._social_minimum_views() or bool(cls._social_portal_fields)

    @classmethod
    def _social_field_groups(cls, name, declared):
        groups = super()._social_field_groups(name, declared)
        if name in cls._social_portal_fields and not declared:
            return f"{groups},{PORTAL}"
        return groups

    @api.depends("partner_id", "plan_id")
    def _compute_display_name(self):
        # a provider reads the request, not the plan: see ``display_name``
        for request in self:
            request.display_name = f"{request.partner_id.name} / {request.plan_id.display_name}"

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for request in self:
            request.access_url = f"/my/discharge-requests/{request.id}"
        return result

    @api.depends("state", "plan_id.destination_partner_id")
    def _compute_is_confirmed(self):
        for request in self:
            request.is_confirmed = (
                request.state == "accepted"
                and request.plan_id.destination_partner_id == request.partner_id
            )

    @api.depends("partner_id.social_partner_type_ids.is_home_care")
    def _compute_is_home_care(self):
        for request in self:
            request.is_home_care = any(
                request.partner_id.social_partner_type_ids.mapped("is_home_care")
            )

    @api.depends("patient_id", "consent_id", "state")
    def _compute_provider_patient_name(self):
        consented = self._social_consented()
        for request in self:
            if request in consented and request.state != "draft":
                request.provider_patient_name = request.patient_id.name
            else:
                request.provider_patient_name = request.with_context(
                    lang=request.partner_id.lang or self.env.lang
                ).env._("Identity not shared (no valid consent of the patient)")

    @api.depends("date_sent")
    def _compute_portal_valid_until(self):
        days = self._portal_validity_days()
        for request in self:
            request.portal_valid_until = (
                request.date_sent + timedelta(days=days) if request.date_sent else False
            )

    @api.depends("partner_id", "plan_id")
    def _compute_provider_summary(self):
        for request in self:
            if request.provider_summary or not (request.partner_id and request.plan_id):
                continue
            request.provider_summary = request._provider_summary_text()

    def _provider_summary_values(self):
        """{placeholder: text} of the summary, in the provider's language: the case's open
        needs and autonomy, the services organised, the expected date; never a note. Called
        by the stored compute of the summary, as the system (the provider may not read the
        case)."""
        self.ensure_one()
        request = self
        env = request.with_context(lang=request.partner_id.lang or self.env.lang).env
        case, plan = request.case_id.with_env(env), request.plan_id.with_env(env)
        needs = case.need_ids.filtered(lambda need: need.status in ("identified", "in_progress"))
        autonomy = dict(case._fields["autonomy"]._description_selection(env))
        none = env._("not given")
        return {
            "needs": ", ".join(needs.need_type_id.mapped("name")) or none,
            "autonomy": autonomy.get(case.autonomy) or none,
            "care": (plan.services_summary or "").strip() or none,
            "expected_date": format_date(env, plan.expected_discharge_date) or none,
            "availability": (request.patient_availability or "").strip() or none,
        }

    def _provider_summary_text(self):
        # called by the stored compute of the summary, as the system (``compute_sudo``)
        self.ensure_one()
        request = self
        env = request.with_context(lang=request.partner_id.lang or self.env.lang).env
        values = self._provider_summary_values()
        template = self._provider_summary_template(
            request.partner_id.social_partner_type_ids.with_env(env)
        )
        return PLACEHOLDER.sub(lambda match: values.get(match[1], match[0]), template)

    @api.model
    def _provider_summary_template(self, kinds):
        """The summary's template for a provider of types ``kinds``: the one an administrator
        wrote on a type, else ours for a home-care service, for a place in an institution,
        or the generic one (in the language of ``kinds``' environment)."""
        _ = kinds.env._
        written = next(
            (k.discharge_summary_template for k in kinds if k.discharge_summary_template), None
        )
        if written:
            return written
        if any(kinds.mapped("is_home_care")):
            return _(
                "Home care requested: {needs}\nAutonomy in daily living: {autonomy}\n"
                "Care required: {care}\nFirst visit wanted from: {expected_date}\n"
                "Patient's availability: {availability}"
            )
        if set(kinds.mapped("code")) & INSTITUTIONS:
            return _(
                "Admission requested for a patient leaving hospital.\nNeeds: {needs}\n"
                "Autonomy in daily living: {autonomy}\nCare required: {care}\n"
                "Expected admission date: {expected_date}"
            )
        return _(
            "Needs: {needs}\nAutonomy in daily living: {autonomy}\nCare required: {care}\n"
            "Expected discharge date: {expected_date}"
        )

    @api.constrains("state", "refusal_reason", "refusal_reason_id", "waiting_position")
    def _check_answer(self, state=None):
        for request in self:
            if (state or request.state) == "refused" and not (
                request.refusal_reason_id or (request.refusal_reason or "").strip()
            ):
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

            if (
                (state or request.state) == "refused"
                and request.refusal_reason_id.comment_required
                and not (request.refusal_reason or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "Explain in a comment why %(provider)s refused.",
                        provider=request.partner_id.name,
                    )
                )

    def _social_anonymise_values(self, placeholder):
        vals = super()._social_anonymise_values(placeholder)
        # a refusal keeps the fact that the provider commented, as a reason may require it
        if self.state == "refused" and self.refusal_reason:
            vals["refusal_reason"] = self.env._("Anonymised")
        return vals

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
                # the e-mail's link opens the request with its token, until answered
                request._portal_ensure_token()
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

    # -- the moment of the first answer ------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("state") in ANSWERED_STATES and not vals.get("answered_at"):
                vals["answered_at"] = self._answered_at_default(
                    vals.get("date_sent"), vals.get("date_answer")
                )
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("state") not in ANSWERED_STATES or "answered_at" in vals:
            return super().write(vals)
        # a place on the waiting list, then accepted: the response time is the first answer's
        first = self.filtered(lambda request: not request.answered_at)
        if first:
            super(SocialDischargeRequest, first).write(
                {**vals, "answered_at": fields.Datetime.now()}
            )
        if self - first:
            super(SocialDischargeRequest, self - first).write(vals)
        return True

    @api.model
    def _answered_at_default(self, date_sent, date_answer):
        """The first answer's moment of a request created already answered (an import): now,
        or for an answer of an earlier day, noon of that day (its hour is not known), never
        before the sending."""
        now = fields.Datetime.now()
        day = fields.Date.to_date(date_answer)
        if not day or day >= fields.Date.context_today(self):
            return now
        moment = datetime.combine(day, time(12))
        sent = fields.Datetime.to_datetime(date_sent)
        return max(moment, sent) if sent else moment

    def _init_answered_at(self):
        """Fill the first answer's moment of the requests answered before it was recorded:
        the date of the chatter's first tracking of the answer's date, else noon of the
        answer's date; never before the sending."""
        self.env.cr.execute(
            SQL(
                """
                UPDATE social_discharge_request r
                   SET answered_at = GREATEST(
                           COALESCE(
                               (SELECT min(m.date)
                                  FROM mail_tracking_value v
                                  JOIN mail_message m ON m.id = v.mail_message_id
                                  JOIN ir_model_fields f ON f.id = v.field_id
                                 WHERE m.model = %(model)s AND m.res_id = r.id
                                   AND f.model = %(model)s AND f.name = 'date_answer'),
                               r.date_answer + time '12:00'),
                           r.date_sent)
                 WHERE r.answered_at IS NULL AND r.date_answer IS NOT NULL
                """,
                model=self._name,
            )
        )
        self.invalidate_model(["answered_at"])

    # -- answers -----------------------------------------------------------------------------
    @social_action("write")
    def action_accept(self):
        self._social_check_transition("accepted")
        if len(self.plan_id) != len(self):
            raise UserError(self.env._("Accept one provider per discharge plan."))
        self.write({"state": "accepted", "date_answer": fields.Date.context_today(self)})
        self._confirm_provider()
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

    def _confirm_provider(self):
        """The providers of ``self`` (accepted) take the patient: the plan's destination, and
        the actions of the current case plans that these requests carry out are done."""
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

    @social_action("write")
    def action_confirm_provider(self):
        """Confirm the provider that accepted through its portal: it is the plan's destination,
        and the other open requests of the plan are withdrawn, their providers told in their
        language."""
        self.ensure_one()
        if self.state != "accepted":
            raise UserError(
                self.env._("Only a provider that accepted the patient can be confirmed.")
            )
        self._confirm_provider()
        others = self._other_open_requests()
        if others:
            others.action_withdraw(notify=True)
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

    # -- the provider's portal ---------------------------------------------------------------
    def get_portal_url(
        self, suffix=None, report_type=None, download=None, query_string=None, anchor=None
    ):
        # the URL carries the request's token: only who may read the request gets it
        if not self.env.su:
            self.check_access("read")
        return super().get_portal_url(
            suffix=suffix,
            report_type=report_type,
            download=download,
            query_string=query_string,
            anchor=anchor,
        )

    @social_action("write")
    def action_share(self):
        # a request reaches its provider only, once sent under the patient's consent
        raise UserError(self.env._("A request is shared with its provider only, by sending it."))

    @api.model
    def _portal_validity_days(self):
        # read by the compute of ``portal_valid_until``, as the system (``compute_sudo``)
        return int(
            self.env["ir.config_parameter"].get_param("social_discharge.portal_validity_days", 14)
        )

    def _portal_token_valid(self):
        """Whether the signed link of the e-mail still opens the request: once, while it waits
        for the provider's first answer and is not older than its validity."""
        self.ensure_one()
        return bool(
            self.state == "sent"
            and self.portal_valid_until
            and self.portal_valid_until >= fields.Datetime.now()
        )

    def _portal_answerable(self):
        """Whether the provider may still answer (a place on a waiting list may come)."""
        self.ensure_one()
        return self.state in ("sent", "waiting")

    def _portal_closed_message(self):
        """Why the provider can no longer answer, in the current language."""
        self.ensure_one()
        if self.state == "withdrawn":
            return self.env._(
                "The social service withdrew this request: the patient no longer needs this "
                "place. Nothing was recorded."
            )
        if self.state in ("accepted", "refused", "waiting"):
            return self.env._(
                "This request was already answered: nothing more was recorded. Contact the "
                "social service to change your answer."
            )
        if self.state == "sent":
            return self.env._(
                "This link has expired: contact the social service, or log in to your portal."
            )
        return self.env._("This request is not open for an answer.")

    def _portal_parse_date(self, value, label, required):
        text = (value or "").strip() if isinstance(value, str) else ""
        if not text:
            if required:
                raise UserError(self.env._("Give the %(what)s.", what=label))
            return False
        try:
            day = fields.Date.to_date(text)
        except ValueError:
            day = None
        if not day or not 1900 <= day.year <= 2200:
            raise UserError(self.env._("%(value)s is not a valid date.", value=text[:40]))
        if day < fields.Date.context_today(self) - timedelta(days=1):
            raise UserError(self.env._("The %(what)s cannot be in the past.", what=label))
        return day

    def _portal_parse_text(self, value, label, required, limit=2000):
        text = value.strip() if isinstance(value, str) else ""
        if "\x00" in text or len(text) > limit:
            raise UserError(
                self.env._(
                    "The %(what)s is too long or contains a character that cannot be saved "
                    "(at most %(max)s characters).",
                    what=label,
                    max=limit,
                )
            )
        if required and not text:
            raise UserError(self.env._("Give the %(what)s.", what=label))
        return text

    def _portal_answer_values(self, answer, post):
        """The values an answer of the provider writes, from the posted form ``post``;
        a translated ``UserError`` for anything missing or malformed. Read as the system
        (``_portal_answer``): the link needs no login."""
        self.ensure_one()
        _ = self.env._
        if answer == "accept":
            day = self._portal_parse_date(
                post.get("admission_date"), _("date of admission or first visit"), True
            )
            return {"state": "accepted", "admission_date": day}
        if answer == "waiting":
            raw = str(post.get("waiting_position") or "").strip()
            if not raw.isdigit() or not 0 < int(raw) <= 100000:
                raise UserError(
                    _("Give the patient's position on your waiting list (a whole number from 1).")
                )
            day = self._portal_parse_date(post.get("waiting_date"), _("likely date"), False)
            return {"state": "waiting", "waiting_position": int(raw), "waiting_date": day}
        if answer == "refuse":
            raw = str(post.get("refusal_reason_id") or "").strip()
            reason = self.env["social.discharge.refusal.reason"]
            if raw.isdigit() and int(raw) < 2**31:
                reason = reason.browse(int(raw)).exists().filtered("active")
            if not reason:
                raise UserError(_("Choose the reason of your refusal in the list."))
            comment = self._portal_parse_text(
                post.get("comment"), _("comment"), reason.comment_required, limit=1000
            )
            return {
                "state": "refused",
                "refusal_reason_id": reason.id,
                "refusal_reason": comment or False,
            }
        if answer == "info":
            self._portal_parse_text(post.get("question"), _("question"), True)
            return {}
        raise UserError(_("This answer is not one of those the portal offers."))

    def _portal_answer(self, answer, post, author):
        """Record the answer ``answer`` of the provider's ``author`` (a partner) to ``self``,
        after the portal controller checked who asks: as the system, all or nothing, with a
        message in the chatter and an activity for the referent."""
        self.ensure_one()
        if not self._portal_answerable():
            raise UserError(self._portal_closed_message())
        # the provider answers through the portal only, checked by its controller
        request = self.sudo()
        vals = request._portal_answer_values(answer, post)
        if vals:
            vals["date_answer"] = fields.Date.context_today(self)
            request.write(vals)
        referent = request.user_id or request.plan_id.create_uid
        env = request._social_reader_env(referent)
        _ = env._
        provider = request.partner_id.name
        if answer == "accept":
            summary = _("%(provider)s accepts the patient", provider=provider)
            note = _(
                "%(provider)s accepts the patient from %(date)s: confirm the discharge with it.",
                provider=provider,
                date=format_date(env, request.admission_date),
            )
        elif answer == "waiting":
            summary = _("%(provider)s: waiting list", provider=provider)
            note = _(
                "%(provider)s puts the patient on its waiting list, position %(position)s%(date)s.",
                provider=provider,
                position=request.waiting_position,
                date=_(", likely on %(date)s", date=format_date(env, request.waiting_date))
                if request.waiting_date
                else "",
            )
        elif answer == "refuse":
            summary = _("%(provider)s refuses", provider=provider)
            note = _(
                "%(provider)s refuses: %(reason)s.%(comment)s",
                provider=provider,
                reason=request.refusal_reason_id.with_env(env).name,
                comment=" " + request.refusal_reason if request.refusal_reason else "",
            )
        else:
            summary = _("%(provider)s asks for information", provider=provider)
            note = _(
                "%(provider)s asks: %(question)s",
                provider=provider,
                question=post.get("question").strip(),
            )
        # the provider is no follower: it answers again through its portal or the link
        request.with_context(mail_create_nosubscribe=True).message_post(
            body=note,
            author_id=author.id,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        if referent:
            request.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=summary,
                note=note,
                user_id=referent.id,
            )
        return True

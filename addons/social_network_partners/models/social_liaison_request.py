from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.social_case.const import CARE
from odoo.addons.social_case.models.social_privacy_mixin import social_action
from odoo.addons.social_case.models.social_privacy_thread import CHATTER_FIELDS

REPORT_MAX_LENGTH = 1000

STATES = [
    ("requested", "Requested"),
    ("accepted", "Accepted"),
    ("scheduled", "Scheduled"),
    ("done", "Done"),
    ("declined", "Declined"),
    ("cancelled", "Cancelled"),
]

TRANSITIONS = {
    "requested": {"accepted", "declined", "cancelled"},
    "accepted": {"scheduled", "done", "declined", "cancelled"},
    "scheduled": {"done", "cancelled"},
    "done": set(),
    "declined": set(),
    "cancelled": set(),
}

# hours: a visit never lasts longer than a day
MAX_VISIT_HOURS = 24


class SocialLiaisonRequest(models.Model):
    """A request to an internal service (chaplain, volunteer, mediator...) for a patient.

    Liaison providers see the minimum: the patient's name, the place, the language, the
    purpose. The case and the patient record are restricted to the care and social staff.
    """

    _name = "social.liaison.request"
    _description = "Liaison Request"
    _inherit = ("social.privacy.thread", "mail.thread", "mail.activity.mixin")
    _order = "create_date desc, id desc"
    _check_company_auto = True
    # the requesting nurse sees her request, never the case it belongs to
    _social_care_fields = (
        "name",
        "company_id",
        "requester_id",
        "service_id",
        "assignee_id",
        "service_member_ids",
        "asks_faith",
        "patient_id",
        "patient_name",
        "purpose",
        "unit_id",
        "room",
        "language_id",
        "faith",
        "consent_given",
        "consent_date",
        "consent_user_id",
        "state",
        "visit_datetime",
        "visit_duration",
        "event_id",
        "report",
        "decline_reason",
        "date_done",
        "is_liaison_provider",
        "create_date",
        "write_date",
        *CHATTER_FIELDS,
    )
    # ARCHITECTURE.md: the patient's name, the place, the language, the consent, the purpose
    _social_liaison_fields = (
        "name",
        "company_id",
        "requester_id",
        "service_id",
        "assignee_id",
        "service_member_ids",
        "asks_faith",
        "patient_name",
        "purpose",
        "unit_id",
        "room",
        "language_id",
        "faith",
        "consent_given",
        "state",
        "visit_datetime",
        "visit_duration",
        "event_id",
        "report",
        "decline_reason",
        "date_done",
        "is_liaison_provider",
        "create_date",
        *CHATTER_FIELDS,
    )
    # what a volunteer, chaplain or mediator changes: the follow-up of the visit
    _social_liaison_writable = (
        "assignee_id",
        "visit_datetime",
        "visit_duration",
        "report",
        "decline_reason",
        "activity_ids",
        "message_follower_ids",
    )
    _social_transitions = TRANSITIONS
    _social_identifying_fields = ("room", "faith", "decline_reason")
    _social_system_fields = (
        "name",
        "requester_id",
        "consent_id",
        "consent_date",
        "consent_user_id",
        "state",
        "event_id",
        "date_done",
    )
    _social_sequence = "social.liaison.request"

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/", index=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    requester_id = fields.Many2one(
        "res.users",
        string="Requested By",
        required=True,
        index=True,
        readonly=True,
        default=lambda self: self.env.user,
    )
    service_id = fields.Many2one(
        "social.liaison.service",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    assignee_id = fields.Many2one(
        "res.users",
        string="Assigned To",
        index=True,
        tracking=True,
        domain="[('id', 'in', service_member_ids)]",
    )
    service_member_ids = fields.Many2many(related="service_id.member_ids")
    asks_faith = fields.Boolean(related="service_id.asks_faith")
    patient_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        groups="social_case.group_social_care",
    )
    patient_name = fields.Char(
        related="patient_id.name",
        string="Patient Name",
        store=True,
        readonly=True,
        help="The only information on the patient a liaison provider receives.",
    )
    case_id = fields.Many2one(
        "social.case",
        index=True,
        groups="social_case.group_social_worker",
        check_company=True,
    )
    purpose = fields.Text(
        required=True,
        help="What is asked, in a few words. No medical or social detail.",
    )
    unit_id = fields.Many2one("social.unit", index=True)
    room = fields.Char()
    language_id = fields.Many2one("social.language")
    faith = fields.Char(
        string="Faith or Denomination",
        help="Only for chaplaincy, when the patient expresses a wish.",
    )
    consent_given = fields.Boolean(
        string="Patient's Consent",
        compute="_compute_consent_given",
        inverse="_inverse_consent_given",
        store=True,
        index=True,
        tracking=True,
        help="The patient agreed that the service is told their name, place and request. "
        "Required before the service can see the request. Ticking it records the consent in "
        "the registry; a consent withdrawn or expired there unticks it.",
    )
    consent_id = fields.Many2one(
        "social.consent",
        readonly=True,
        copy=False,
        index=True,
        help="The patient's consent in the registry that this request relies on.",
    )
    consent_date = fields.Datetime(string="Consent Recorded On", readonly=True)
    consent_user_id = fields.Many2one("res.users", string="Consent Recorded By", readonly=True)
    state = fields.Selection(
        STATES, default="requested", required=True, index=True, tracking=True, readonly=True
    )
    visit_datetime = fields.Datetime(string="Visit", tracking=True)
    visit_duration = fields.Float(string="Visit Duration (hours)", default=1.0)
    event_id = fields.Many2one("calendar.event", string="Calendar Event", readonly=True, copy=False)
    report = fields.Text(
        string="Visit Report",
        help="A short factual report of the visit (date, done or not, follow-up wished). "
        "Never write medical or social details here.",
    )
    decline_reason = fields.Char()
    date_done = fields.Datetime(string="Done On", readonly=True)
    is_liaison_provider = fields.Boolean(
        compute="_compute_is_liaison_provider",
        help="The user only follows the visit up: the request itself is the care team's.",
    )

    _sql_constraints = (
        (
            "visit_duration_positive",
            "CHECK(visit_duration >= 0)",
            "The visit duration cannot be negative.",
        ),
    )

    @api.depends_context("uid")
    def _compute_is_liaison_provider(self):
        self.is_liaison_provider = self._is_liaison_provider_only()

    @api.depends("consent_id.state")
    def _compute_consent_given(self):
        for request in self:
            request.consent_given = request.consent_id.state == "valid"

    def _inverse_consent_given(self):
        """Ticking the consent records it in the registry (or finds the patient's valid
        consent for the service's purpose there); unticking detaches it."""
        # the registry is the social workers': the requester's tick is the evidence
        records = self.sudo()
        Consent = records.env["social.consent"]
        # the evidence of the tick: when, and by whom
        records.filtered(lambda r: r.consent_given and not r.consent_date).write(
            {"consent_date": fields.Datetime.now(), "consent_user_id": self.env.uid}
        )
        records.filtered(lambda r: not r.consent_given and r.consent_date).write(
            {"consent_date": False, "consent_user_id": False}
        )
        records.filtered(lambda r: not r.consent_given and r.consent_id).consent_id = False
        to_link = records.filtered(lambda r: r.consent_given and r.consent_id.state != "valid")
        for code in set(to_link.service_id.mapped(lambda s: s._consent_purpose_code())):
            requests = to_link.filtered(lambda r, c=code: r.service_id._consent_purpose_code() == c)
            found = Consent._check_sharing(requests.patient_id, code, raise_if_missing=False)
            new = requests.filtered(lambda r, f=found: r.patient_id.id not in f)
            if new:
                purpose = records.env["social.consent.purpose"].search(
                    [("code", "=", code)], limit=1
                )
                created = Consent.create(
                    [request._prepare_registry_consent(purpose) for request in new]
                )
                found.update({c.patient_id.id: c for c in created})
            for request in requests:
                request.consent_id = found[request.patient_id.id]

    def _prepare_registry_consent(self, purpose):
        self.ensure_one()
        # ``self`` comes as the system's (the registry's inverse, the upgrade)
        case = self.case_id
        recorded_on = self.consent_date or fields.Datetime.now()
        return {
            "patient_id": self.patient_id.id,
            "case_id": case.id if case.patient_id == self.patient_id else False,
            "company_id": self.company_id.id,
            "purpose_id": purpose.id,
            "given_by": "patient",
            "method": "oral",
            "date_given": fields.Date.context_today(self, recorded_on),
            "recorded_by_id": (self.consent_user_id or self.env.user).id,
            "recorded_on": recorded_on,
        }

    def _social_consent_purpose(self):
        return self.service_id._consent_purpose_code()

    def _social_sharing_partners(self):
        # the members of the service (volunteers, chaplains...) are outside the social
        # service: they receive a request's messages only under the patient's consent
        # the service's members and the assignee, whom the user may not read (a volunteer):
        # ``self`` is the system's (``_social_sharing_refusals``, ``_notify_get_recipients``)
        users = self.service_id.member_ids | self.assignee_id
        return users.filtered(lambda user: not user.has_group(CARE)).partner_id

    @api.model
    def _migrate_consents_to_registry(self):
        """Upgrade to 18.0.1.1.0: every request whose consent was a tick gets its consent
        in the registry, dated and recorded by whoever ticked it (nothing is lost)."""
        env = self.env  # the upgrade script's, the superuser's
        for xmlid, code in (
            ("liaison_service_mediator", "mediator"),
            ("liaison_service_chaplaincy", "chaplaincy"),
            ("liaison_service_volunteering", "volunteers"),
        ):
            service = env.ref(f"social_network_partners.{xmlid}", raise_if_not_found=False)
            if service and not service.consent_purpose_id:
                service.consent_purpose_id = env.ref(f"social_case.consent_purpose_{code}")
        self.env.cr.execute(
            "SELECT id FROM social_liaison_request WHERE consent_given AND consent_id IS NULL"
        )
        requests = (
            env[self._name]
            .with_context(active_test=False)
            .browse([row[0] for row in self.env.cr.fetchall()])
        )
        Consent = env["social.consent"]
        for request in requests:
            code = request.service_id._consent_purpose_code()
            purpose = env["social.consent.purpose"].search([("code", "=", code)], limit=1)
            vals = request._prepare_registry_consent(purpose)
            vals["recorded_by_id"] = (request.consent_user_id or request.requester_id).id
            request.consent_id = Consent.create(vals)
        return requests

    @api.constrains("assignee_id", "service_id")
    def _check_assignee_member(self):
        for request in self:
            if request.assignee_id and request.assignee_id not in request.service_id.member_ids:
                raise ValidationError(
                    self.env._(
                        "%(user)s is not a member of the service %(service)s.",
                        user=request.assignee_id.name,
                        service=request.service_id.name,
                    )
                )

    @api.constrains("visit_duration")
    def _check_visit_duration(self):
        for request in self:
            if request.visit_duration > MAX_VISIT_HOURS:
                raise ValidationError(
                    self.env._("A visit lasts at most %(hours)s hours.", hours=MAX_VISIT_HOURS)
                )

    @api.constrains("faith", "service_id")
    def _check_faith_for_chaplaincy(self):
        for request in self:
            if request.faith and not request.service_id.asks_faith:
                raise ValidationError(
                    self.env._(
                        "A faith or denomination is only recorded for the chaplaincy: "
                        "%(service)s does not ask for it.",
                        service=request.service_id.name,
                    )
                )

    @api.constrains("report")
    def _check_report_length(self):
        for request in self:
            if request.report and len(request.report) > REPORT_MAX_LENGTH:
                raise ValidationError(
                    self.env._(
                        "The visit report is limited to %(max)s characters: keep it short "
                        "and without medical or social detail.",
                        max=REPORT_MAX_LENGTH,
                    )
                )

    # not on consent_given: a consent withdrawn in the registry unticks handled requests
    @api.constrains("state", "report", "visit_datetime", "assignee_id")
    def _check_state_requirements(self):
        for request in self:
            if request.state not in ("requested", "cancelled") and not request.consent_given:
                raise ValidationError(
                    self.env._("The patient's consent must be recorded before the service acts.")
                )
            if request.state in ("accepted", "scheduled", "done") and not request.assignee_id:
                raise ValidationError(self.env._("Assign the request to a member of the service."))
            if request.state == "scheduled" and not request.visit_datetime:
                raise ValidationError(self.env._("Set the date of the visit to schedule it."))
            if request.state == "done" and not (request.report or "").strip():
                raise ValidationError(
                    self.env._("Write a short visit report to mark the request done.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        requests = super().create(vals_list)
        for request in requests.filtered("assignee_id"):
            request._subscribe_assignee()
        return requests

    def write(self, vals):
        if "consent_given" in vals and not vals["consent_given"]:
            self._check_consent_withdrawable()
        result = super().write(vals)
        if vals.get("assignee_id") or vals.get("consent_given"):
            for request in self.filtered("assignee_id"):
                request._subscribe_assignee()
        if {"visit_datetime", "visit_duration", "assignee_id"} & set(vals):
            for request in self.filtered(lambda r: r.event_id and r.state == "scheduled"):
                request._sync_event()
        return result

    def _check_consent_withdrawable(self):
        if any(request.state not in ("requested", "cancelled") for request in self):
            raise UserError(
                self.env._(
                    "Consent cannot be withdrawn on a request the service already handles: "
                    "cancel the request instead."
                )
            )

    def _is_liaison_provider_only(self):
        user = self.env.user
        return not self.env.su and not user.has_group("social_case.group_social_care")

    def _subscribe_assignee(self):
        """The assignee follows the request once they may read it (after the consent)."""
        self.ensure_one()
        if self._social_takes_part(self.assignee_id):
            self.message_subscribe(partner_ids=self.assignee_id.partner_id.ids)

    def _creation_message(self):
        # the generic "%s created" cannot agree in gender with the document's name
        self.ensure_one()
        return self._social_system_env()._("Liaison request created")

    @social_action("read")
    def action_accept(self):
        # the patients' valid consent for each service's purpose (SECURITY.md T20)
        self._social_check_consent()
        for request in self:
            vals = {"state": "accepted"}
            if not request.assignee_id:
                if self.env.user not in request.service_id.member_ids:
                    raise UserError(
                        self.env._("Only a member of the service can take the request.")
                    )
                vals["assignee_id"] = self.env.user.id
            request.write(vals)
        return True

    @social_action("read")
    def action_decline(self):
        self.write({"state": "declined"})
        return True

    @social_action("read")
    def action_cancel(self):
        if self._is_liaison_provider_only():
            raise AccessError(
                self.env._("Only the requester can cancel a request; decline it instead.")
            )
        self.write({"state": "cancelled"})
        self._social_visits().action_archive()
        return True

    @social_action("read")
    def action_schedule(self):
        if self._asks_before("scheduled", self.visit_datetime):
            return self._action_ask(
                "social_network_partners.social_liaison_request_view_form_schedule",
                self.env._("Schedule the Visit"),
            )
        for request in self:
            request.write({"state": "scheduled"})
            request._sync_event()
        return True

    def _flag_consent_withdrawn(self):
        self.ensure_one()
        message = self._social_system_env()._(
            "The patient withdrew their consent: %(service)s no longer sees this request. "
            "Cancel it, or record a new consent.",
            service=self.service_id.name,
        )
        self.message_post(body=message)
        self.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=self._social_reader_env(self.requester_id)._("Consent withdrawn"),
            note=message,
            user_id=self.requester_id.id,
        )

    def _sync_event_name(self):
        """The visits' titles follow the consent (``_event_name``), whatever their state.
        Called as the system (``social.consent._on_end``): the visits are in the assignees'
        private calendars, which the user may not write."""
        for request in self.with_context(active_test=False).filtered("event_id"):
            request.event_id.write({"name": request._event_name()})

    @social_action("read")
    def action_done(self):
        if self._asks_before("done", (self.report or "").strip()):
            return self._action_ask(
                "social_network_partners.social_liaison_request_view_form_done",
                self.env._("Report on the Visit"),
            )
        self.write({"state": "done", "date_done": fields.Datetime.now()})
        return True

    def _asks_before(self, state, value):
        """Whether the move of one request to ``state`` first asks the ``value`` it needs."""
        return len(self) == 1 and state in TRANSITIONS.get(self.state, ()) and not value

    def _action_ask(self, view_xmlid, title):
        """The request in a small dialog asking what its next step needs (the date of the
        visit, the report); the dialog's button saves it and takes the step."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(self.env.ref(view_xmlid).id, "form")],
            "target": "new",
        }

    def _event_name(self):
        """The visit's title in the assignee's calendar: the patient's name only while the
        patient's consent lets the service know it."""
        self.ensure_one()
        if not self.consent_given:
            return self.env._(
                "%(service)s visit %(request)s: the patient's consent has ended",
                service=self.service_id.name,
                request=self.name,
            )
        return self.env._(
            "%(service)s visit: %(patient)s",
            service=self.service_id.name,
            patient=self.patient_name,
        )

    def _prepare_event_values(self):
        """The calendar event carries the minimum: patient name, place, service."""
        self.ensure_one()
        place = ", ".join(filter(None, [self.unit_id.name, self.room]))
        start = self.visit_datetime
        return {
            "name": self._event_name(),
            "start": start,
            "stop": start + timedelta(hours=self.visit_duration or 1.0),
            "user_id": self.assignee_id.id,
            "partner_ids": [(6, 0, self.assignee_id.partner_id.ids)],
            "privacy": "private",
            "location": place,
            "res_model_id": self.env["ir.model"]._get_id(self._name),
            "res_id": self.id,
        }

    def _social_visits(self):
        """The visits of ``self``, to be moved or cancelled as the system: they are in the
        assignees' private calendars, which the requester, who may write the request, may
        not write."""
        return self.sudo().event_id  # see above: the assignees' calendars

    def _sync_event(self):
        self.ensure_one()
        values = self._prepare_event_values()
        if self.event_id:
            self._social_visits().write(values)
        else:
            event = self.env["calendar.event"].with_context(no_mail_to_attendees=True)
            self.event_id = event.create(values)

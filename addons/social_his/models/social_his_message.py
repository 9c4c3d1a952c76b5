import hashlib
import json
import logging
from datetime import timedelta

import pytz
from markupsafe import Markup
from stdnum.be import nn

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date, format_datetime

from ..tools import HisParseError, ack_message, parse_fhir_bundle, parse_hl7v2
from ..tools.adt import EVENTS

_logger = logging.getLogger(__name__)

# the events that set the state of a stay: an older one never undoes a newer one
STATE_EVENTS = ("A01", "A02", "A04", "A08")
# the fields an event brings, stored so that a message is processed again (Retry) from them
EVENT_FIELDS = (
    "control_id",
    "event_code",
    "event_time",
    "patient_niss",
    "patient_number",
    "patient_family_name",
    "patient_given_name",
    "patient_birthdate",
    "visit_number",
    "unit_code",
    "room",
    "admitted_at",
    "discharged_at",
    "expected_discharge_date",
    "prior_patient_number",
    "prior_patient_niss",
)


class HisProcessingError(Exception):
    """A message that cannot be applied as it is: its translated reason goes to the inbox,
    and what it had started to change is rolled back."""


class SocialHisMessage(models.Model):
    """A message of the hospital information system: an ADT event (HL7 v2 or FHIR R4) about
    one patient, stored once per sender and control id, then applied to the patient's open
    case in the order of the events.

    It names the patient: read by the Manager and the hospital system integration only."""

    _name = "social.his.message"
    _description = "Hospital System Message"
    _order = "received_at desc, id desc"
    _rec_name = "control_id"

    sender_id = fields.Many2one(
        "social.his.sender", required=True, readonly=True, index=True, ondelete="restrict"
    )
    company_id = fields.Many2one(
        related="sender_id.company_id", store=True, index=True, string="Site"
    )
    protocol = fields.Selection(
        [("hl7v2", "HL7 v2"), ("fhir", "FHIR R4")], required=True, readonly=True
    )
    control_id = fields.Char(
        string="Control Id",
        required=True,
        readonly=True,
        help="The sender's id of the message (MSH-10, the Bundle's identifier): a message "
        "received twice is stored and applied once.",
    )
    event_code = fields.Char(readonly=True, index=True)
    event = fields.Selection(list(EVENTS.items()), compute="_compute_event", store=True)
    event_time = fields.Datetime(
        readonly=True, index=True, help="When the event happened (EVN-2, MSH-7, the Bundle's time)."
    )
    received_at = fields.Datetime(
        required=True, readonly=True, default=fields.Datetime.now, index=True
    )
    processed_at = fields.Datetime(readonly=True)
    state = fields.Selection(
        [
            ("received", "Received"),
            ("done", "Done"),
            ("ignored", "Ignored"),
            ("error", "Error"),
        ],
        required=True,
        default="received",
        readonly=True,
        index=True,
    )
    reason = fields.Text(readonly=True, help="What the message did, or why it did nothing.")
    parse_error = fields.Boolean(readonly=True, help="The message itself cannot be read.")
    ack_code = fields.Selection(
        [("AA", "Accepted"), ("AE", "Error"), ("AR", "Rejected")],
        string="Answer",
        readonly=True,
    )
    reply = fields.Text(
        readonly=True, help="The answer sent to the sender (ACK, OperationOutcome)."
    )
    raw = fields.Text(string="Raw Message", readonly=True)
    raw_erased = fields.Boolean(readonly=True)
    # what the message says
    patient_niss = fields.Char(string="National Number", readonly=True)
    patient_number = fields.Char(string="Hospital Patient Number", readonly=True)
    patient_family_name = fields.Char(string="Family Name", readonly=True)
    patient_given_name = fields.Char(string="Given Name", readonly=True)
    patient_birthdate = fields.Date(string="Date of Birth", readonly=True)
    patient_key = fields.Char(compute="_compute_patient_key", store=True, index=True)
    visit_number = fields.Char(readonly=True, index=True)
    unit_code = fields.Char(readonly=True)
    room = fields.Char(readonly=True)
    admitted_at = fields.Datetime(readonly=True)
    discharged_at = fields.Datetime(readonly=True)
    expected_discharge_date = fields.Date(readonly=True)
    prior_patient_number = fields.Char(readonly=True)
    prior_patient_niss = fields.Char(string="Prior National Number", readonly=True)
    # what it did
    patient_id = fields.Many2one("res.partner", readonly=True, index="btree_not_null")
    case_id = fields.Many2one("social.case", readonly=True, index="btree_not_null")
    episode_id = fields.Many2one(
        "social.case.episode", string="Stay", readonly=True, ondelete="set null"
    )
    previous_unit_id = fields.Many2one("social.unit", readonly=True)
    previous_room = fields.Char(readonly=True)
    cancelled = fields.Boolean(readonly=True, help="A later message cancelled this one.")

    _sql_constraints = [
        (
            "control_id_unique",
            "UNIQUE(sender_id, control_id)",
            "A message with this control id was already received from this sender.",
        ),
    ]

    def write(self, vals):
        # what the hospital system said, and what it did, is the system's record: Retry, the
        # nightly jobs and the anonymisation write as the system; no user edits a message
        if not self.env.su:
            raise AccessError(
                self.env._("The hospital system's messages are written by the system only.")
            )
        return super().write(vals)

    @api.depends("event_code")
    def _compute_event(self):
        for message in self:
            message.event = message.event_code if message.event_code in EVENTS else False

    @api.depends("patient_niss", "patient_number")
    def _compute_patient_key(self):
        for message in self:
            if message.patient_niss:
                message.patient_key = nn.compact(message.patient_niss)
            elif message.patient_number:
                message.patient_key = f"PN:{message.patient_number}"
            else:
                message.patient_key = False

    # -- reception ----------------------------------------------------------------------------
    @api.model
    def _receive(self, sender, protocol, body):
        """Store and process what ``sender`` posted; return the message (a message already
        received with this control id is returned unchanged)."""
        # the system applies what the hospital says; its chatter lines are OdooBot's
        env = self.env(user=SUPERUSER_ID, su=True)
        sender = sender.with_env(env)
        env = env(context=dict(env.context, lang=sender.company_id.partner_id.lang or "en_US"))
        tz = pytz.timezone(sender.tz or "UTC")
        parse = parse_hl7v2 if protocol == "hl7v2" else parse_fhir_bundle
        # no HL7 nor FHIR message holds a NUL character, and PostgreSQL stores none
        vals = {"sender_id": sender.id, "protocol": protocol, "raw": body.replace("\x00", "\ufffd")}
        try:
            if "\x00" in body:
                raise HisParseError(env._("it holds NUL characters"))
            event = parse(body, tz, env._)
        except HisParseError as error:
            control_id = error.control_id or self._body_control_id(body)
            vals.update(
                control_id=control_id,
                event_code=error.event_code,
                state="error",
                parse_error=True,
                processed_at=fields.Datetime.now(),
                reason=env._("The message cannot be read: %(error)s", error=error),
            )
        else:
            vals.update({name: getattr(event, name) for name in EVENT_FIELDS})
        Message = env["social.his.message"]
        existing = Message.search(
            [("sender_id", "=", sender.id), ("control_id", "=", vals["control_id"])], limit=1
        )
        if existing:
            return existing
        message = Message.create(vals)
        if message.state == "received":
            message._process_patient_queue()
        else:
            message._set_reply()
        return message

    @api.model
    def _body_control_id(self, body):
        """The id of a message too malformed to give its own: the hash of its content, so
        that a second delivery of the same bytes is recognised."""
        return "sha256:" + hashlib.sha256((body or "").encode()).hexdigest()[:32]

    def _process_patient_queue(self):
        """Process the pending messages of the patients of ``self``, in the order of the
        events, ``self`` included."""
        pending = self.search(
            [
                ("state", "=", "received"),
                ("company_id", "in", self.company_id.ids),
                ("patient_key", "in", self.mapped("patient_key")),
            ]
        )
        (pending | self.filtered(lambda m: m.state == "received"))._process()

    def _process(self):
        """Apply each message in a savepoint, in the order of the events: one that fails
        changes nothing and is left in error with its reason."""
        for message in self.sorted(lambda m: (m.event_time or m.received_at, m.id)):
            env = message._system_env()
            try:
                with self.env.cr.savepoint():
                    state, reason = message.with_env(env)._apply()
                    message.write(
                        {"state": state, "reason": reason, "processed_at": fields.Datetime.now()}
                    )
            except (HisProcessingError, UserError, ValidationError) as error:
                self.env.invalidate_all(flush=False)
                message._set_error(str(error.args[0] if error.args else error))
            except Exception as error:
                # an inbox keeps what it could not apply: the message stays, with the error,
                # for Retry once the cause is fixed, and the sender gets its answer
                _logger.exception("Hospital system message %s failed", message.id)
                self.env.invalidate_all(flush=False)
                message._set_error(
                    env._("Unexpected error, tell your administrator: %(error)s", error=error)
                )
            message._set_reply()

    def _his_anonymise(self):
        """Called by the anonymisation of the cases, as the system: every field that names
        the patient goes (numbers, names, the raw text, what the message did); the event,
        its dates, the unit and the state stay for the counts. A message about an anonymised
        case points to its placeholder."""
        self.write(
            {
                "raw": False,
                "raw_erased": True,
                "reason": self.env._("Anonymised"),
                "patient_niss": False,
                "patient_number": False,
                "patient_family_name": False,
                "patient_given_name": False,
                "patient_birthdate": False,
                "prior_patient_number": False,
                "prior_patient_niss": False,
                "visit_number": False,
                "room": False,
                "previous_room": False,
            }
        )
        for case, case_messages in self.filtered("case_id").grouped("case_id").items():
            case_messages.patient_id = case.patient_id

    def _set_error(self, reason):
        self.write({"state": "error", "reason": reason, "processed_at": fields.Datetime.now()})

    def _system_env(self):
        """The system's environment, in the language of the message's site."""
        lang = self.company_id.partner_id.lang or "en_US"
        return self.env(
            user=SUPERUSER_ID,
            su=True,
            context=dict(self.env.context, lang=lang, tracking_disable=False),
        )

    def _set_reply(self):
        for message in self:
            if message.parse_error:
                code = "AR"
            elif message.state == "error":
                code = "AE"
            else:
                code = "AA"
            message.write({"ack_code": code, "reply": message._build_reply(code)})

    def _build_reply(self, code):
        self.ensure_one()
        # what a message did tells whether the patient is followed by the service: the
        # inbox says it, the answer to the sender only says that the message was accepted
        text = self.reason if code != "AA" else ""
        if self.protocol == "hl7v2":
            return ack_message(code, self.control_id, text, self.event_code)
        severity = {"AA": "information", "AE": "error", "AR": "fatal"}[code]
        issue_code = {"AA": "informational", "AE": "processing", "AR": "structure"}[code]
        return json.dumps(
            {
                "resourceType": "OperationOutcome",
                "id": f"ack-{self.id}",
                "issue": [
                    {"severity": severity, "code": issue_code, "diagnostics": text or "accepted"}
                ],
            }
        )

    # -- processing ---------------------------------------------------------------------------
    def _apply(self):
        """Apply the message as the system (``_process`` calls it in ``_system_env``, and so
        every method it calls); return (state, reason), or raise ``HisProcessingError``."""
        self.ensure_one()
        handler = getattr(self, f"_apply_{self.event_code.lower()}", None)
        if handler is None:
            raise HisProcessingError(
                self.env._(
                    "Event %(event)s is not one the social service uses.", event=self.event_code
                )
            )
        if self.event_code == "A40":
            return handler()
        patient = self._find_patient(self.patient_niss, self.patient_number)
        if not patient:
            return "ignored", self.env._(
                "No patient known to the social service has these numbers."
            )
        self.patient_id = patient
        case = self.env["social.case"]._get_open_case(patient, self.company_id)
        self.case_id = case
        return handler(patient, case)

    def _find_patient(self, niss, number):
        Partner = self.env["res.partner"].with_context(active_test=False)
        if niss:
            value = nn.format(niss) if nn.is_valid(niss) else niss
            patient = Partner.search([("social_niss", "=", value)], limit=1)
            if patient:
                return patient
        if number:
            return Partner.search(
                [
                    ("social_patient_number", "=", number.strip()),
                    ("company_id", "in", [self.company_id.id, False]),
                ],
                limit=1,
            )
        return Partner

    def _unit(self):
        """The unit of the message's code, or None without a code; an unknown code is an
        error the integration administrator fixes in the mapping."""
        if not self.unit_code:
            return None
        mapping = self.env["social.his.unit.map"].search(
            [("code", "=", self.unit_code), ("company_id", "=", self.company_id.id)], limit=1
        )
        if not mapping:
            raise HisProcessingError(
                self.env._(
                    "The hospital unit code %(code)s is not mapped to a unit of the social "
                    "service: add it in Hospital System > Unit Codes, then Retry.",
                    code=self.unit_code,
                )
            )
        return mapping.unit_id

    def _local_date(self, moment):
        if not moment:
            return False
        tz = pytz.timezone(self.sender_id.tz or "UTC")
        return pytz.utc.localize(moment).astimezone(tz).date()

    def _format_time(self, moment):
        return format_datetime(self.env, moment, tz=self.sender_id.tz, dt_format="short")

    def _find_stay(self, case, open_only=False):
        Episode = self.env["social.case.episode"]
        if not case:
            return Episode
        domain = [("case_id", "=", case.id), ("episode_type", "=", "hospital_stay")]
        if self.visit_number:
            stay = Episode.search(domain + [("his_visit_number", "=", self.visit_number)], limit=1)
            if stay or not open_only:
                return stay
        return Episode.search(
            domain + [("date_end", "=", False), ("his_visit_number", "=", False)],
            order="date_start desc, id desc",
            limit=1,
        )

    def _newer_applied(self):
        """The latest message already applied to the same stay (or patient) that happened
        after this one."""
        domain = [
            ("id", "!=", self.id),
            ("company_id", "=", self.company_id.id),
            ("state", "=", "done"),
            ("event_code", "in", STATE_EVENTS),
            ("event_time", ">", self.event_time),
        ]
        if self.visit_number:
            domain.append(("visit_number", "=", self.visit_number))
        else:
            domain.append(("patient_key", "=", self.patient_key))
        return self.search(domain, order="event_time desc", limit=1)

    def _post(self, case, body):
        """Write what the hospital system changed in the case's chatter."""
        case.message_post(
            body=Markup("<p><strong>%s</strong> %s</p>")
            % (case._social_system_env()._("From the hospital system:"), body),
            subtype_xmlid="mail.mt_note",
        )

    def _apply_a01(self, patient, case):
        unit = self._unit()
        admitted_at = self.admitted_at or self.event_time
        if not case:
            return self._known_admission(patient, unit, admitted_at)
        stay = self._find_stay(case, open_only=True)
        newer = self._newer_applied()
        day = self._local_date(admitted_at)
        if stay and newer:
            if day < stay.date_start:
                stay.write({"date_start": day, "his_admitted_at": admitted_at})
            self.episode_id = stay
            return "done", self.env._(
                "Only the admission time was applied: a newer message (%(control)s) already "
                "set the unit and room.",
                control=newer.control_id,
            )
        vals = {"his_visit_number": self.visit_number or stay.his_visit_number or False}
        if unit:
            vals["unit_id"] = unit.id
        if self.room:
            vals["room"] = self.room
        if not stay:
            vals.update(
                case_id=case.id,
                episode_type="hospital_stay",
                date_start=day,
                his_admitted_at=admitted_at,
                his_created=True,
            )
            stay = self.env["social.case.episode"].create(vals)
            text = self.env._(
                "admitted on %(time)s to %(unit)s, room %(room)s.",
                time=self._format_time(admitted_at),
                unit=stay.unit_id.name or "-",
                room=stay.room or "-",
            )
        else:
            if not stay.his_admitted_at:
                vals.update(date_start=day, his_admitted_at=admitted_at)
            old_unit = stay.unit_id
            stay.write(vals)
            text = self.env._(
                "stay %(stay)s confirmed: %(unit)s, room %(room)s (before: %(old)s).",
                stay=stay.his_visit_number or "",
                unit=stay.unit_id.name or "-",
                room=stay.room or "-",
                old=old_unit.name or "-",
            )
        self.episode_id = stay
        self._apply_expected_date(case, stay)
        self._post(case, text)
        return "done", self.env._("Stay of case %(case)s updated.", case=case.name)

    _apply_a04 = _apply_a01

    def _known_admission(self, patient, unit, admitted_at):
        """A known patient without an open case: shown to the coordinator, no case opened."""
        Admission = self.env["social.his.admission"]
        admission = Admission.search(
            [
                ("patient_id", "=", patient.id),
                ("company_id", "=", self.company_id.id),
                ("visit_number", "=", self.visit_number or False),
            ],
            limit=1,
        )
        vals = {"unit_id": unit.id if unit else False, "room": self.room or False}
        if admission:
            admission.write(vals)
        else:
            last_case = (
                self.env["social.case"]
                .with_context(active_test=False)
                .search(
                    [("patient_id", "=", patient.id), ("company_id", "=", self.company_id.id)],
                    order="date_open desc, id desc",
                    limit=1,
                )
            )
            Admission.create(
                dict(
                    vals,
                    patient_id=patient.id,
                    company_id=self.company_id.id,
                    visit_number=self.visit_number or False,
                    admitted_at=admitted_at,
                    last_case_id=last_case.id,
                )
            )
        return "done", self.env._(
            "The patient has no open case: listed as admitted and known to the service for "
            "the coordinator."
        )

    def _apply_expected_date(self, case, stay):
        """PV2-9 (FHIR: the planned end) sets the stay's expected end and the open plan's
        expected discharge date."""
        expected = self.expected_discharge_date
        if not expected or expected < stay.date_start:
            return
        stay.expected_length_of_stay = (expected - stay.date_start).days
        plans = self._open_plans(case, stay)
        plans.write({"expected_discharge_date": expected})

    def _open_plans(self, case, stay):
        return self.env["social.discharge.plan"].search(
            [
                ("case_id", "=", case.id),
                ("is_discharged", "=", False),
                "|",
                ("episode_id", "=", stay.id),
                ("episode_id", "=", False),
            ]
        )

    def _apply_a02(self, patient, case):
        unit = self._unit()
        if not case:
            admission = self.env["social.his.admission"].search(
                [("patient_id", "=", patient.id), ("visit_number", "=", self.visit_number)],
                limit=1,
            )
            if admission and unit:
                admission.write({"unit_id": unit.id, "room": self.room or False})
            return "ignored", self.env._("The patient has no open case.")
        newer = self._newer_applied()
        if newer:
            return "ignored", self.env._(
                "A newer message of this stay (%(control)s) was already applied: this older "
                "one changes nothing.",
                control=newer.control_id,
            )
        stay = self._find_stay(case, open_only=True)
        if not stay:
            # the admission was not received: the transfer starts the stay
            return self._apply_a01(patient, case)
        if stay.date_end:
            return "ignored", self.env._("The stay has ended: a transfer changes nothing.")
        self.write({"previous_unit_id": stay.unit_id.id, "previous_room": stay.room})
        old = stay.unit_id.name or "-"
        old_room = stay.room or "-"
        vals = {"room": self.room or False}
        if unit:
            vals["unit_id"] = unit.id
        stay.write(vals)
        self.episode_id = stay
        self._open_plans(case, stay).write({"unit_id": stay.unit_id.id})
        self._post(
            case,
            self.env._(
                "transferred on %(time)s from %(old)s, room %(old_room)s to %(unit)s, room "
                "%(room)s.",
                time=self._format_time(self.event_time),
                old=old,
                old_room=old_room,
                unit=stay.unit_id.name or "-",
                room=stay.room or "-",
            ),
        )
        return "done", self.env._("Transfer applied to case %(case)s.", case=case.name)

    def _apply_a03(self, patient, case):
        discharged_at = self.discharged_at or self.event_time
        if not case:
            admissions = self.env["social.his.admission"].search(
                [("patient_id", "=", patient.id), ("state", "=", "admitted")]
            )
            admissions.write({"state": "discharged", "discharged_at": discharged_at})
            return "ignored", self.env._("The patient has no open case.")
        stay = self._find_stay(case)
        if not stay:
            return "ignored", self.env._("No stay of this visit is known on the case.")
        day = self._local_date(discharged_at)
        if day < stay.date_start:
            raise HisProcessingError(
                self.env._(
                    "The discharge (%(end)s) is before the admission (%(start)s).",
                    end=format_date(self.env, day),
                    start=format_date(self.env, stay.date_start),
                )
            )
        stay.date_end = day
        self.episode_id = stay
        plans = self._open_plans(case, stay)
        for plan in plans:
            plan.actual_discharge_date = day
            user = case.user_id
            if user:
                reader = plan._social_reader_env(user)
                plan.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=day,
                    summary=reader._("Discharged by the hospital"),
                    note=reader._(
                        "The hospital system reports the discharge on %(day)s: complete the "
                        "discharge plan.",
                        day=format_date(reader, day),
                    ),
                    user_id=user.id,
                )
        self._post(
            case,
            self.env._(
                "discharged on %(time)s; the stay ends.", time=self._format_time(discharged_at)
            ),
        )
        return "done", self.env._("Discharge applied to case %(case)s.", case=case.name)

    def _apply_a08(self, patient, case):
        unit = self._unit()
        newer = self._newer_applied()
        if newer:
            return "ignored", self.env._(
                "A newer message of this stay (%(control)s) was already applied: this older "
                "one changes nothing.",
                control=newer.control_id,
            )
        changes = []
        identity = {}
        name = " ".join(p for p in (self.patient_given_name, self.patient_family_name) if p)
        if name and name != patient.name:
            identity["name"] = name
        if self.patient_birthdate and self.patient_birthdate != patient.social_birthdate:
            identity["social_birthdate"] = self.patient_birthdate
        if identity:
            patient.write(identity)
            changes.append(self.env._("identity updated"))
        if not case:
            return "done" if identity else "ignored", self.env._(
                "The patient has no open case: only their identity is updated."
            )
        stay = self._find_stay(case, open_only=True)
        if stay and not stay.date_end:
            vals = {}
            if unit and unit != stay.unit_id:
                vals["unit_id"] = unit.id
            if self.room and self.room != stay.room:
                vals["room"] = self.room
            if vals:
                stay.write(vals)
                changes.append(
                    self.env._(
                        "unit %(unit)s, room %(room)s",
                        unit=stay.unit_id.name or "-",
                        room=stay.room or "-",
                    )
                )
            if self.expected_discharge_date:
                self._apply_expected_date(case, stay)
                changes.append(
                    self.env._(
                        "expected discharge on %(day)s",
                        day=format_date(self.env, self.expected_discharge_date),
                    )
                )
            self.episode_id = stay
        if not changes:
            return "ignored", self.env._("Nothing the hospital system owns has changed.")
        self._post(case, self.env._("updated: %(changes)s.", changes=", ".join(changes)))
        return "done", self.env._("Update applied to case %(case)s.", case=case.name)

    def _apply_a11(self, patient, case):
        admissions = self.env["social.his.admission"].search(
            [("patient_id", "=", patient.id), ("visit_number", "=", self.visit_number or False)]
        )
        admissions.unlink()
        if not case:
            return "ignored", self.env._("The patient has no open case.")
        stay = self._find_stay(case)
        if not stay:
            return "ignored", self.env._("No stay of this visit is known on the case.")
        plans = (
            self.env["social.discharge.plan"]
            .with_context(active_test=False)
            .search([("episode_id", "=", stay.id)])
        )
        if stay.his_created and not plans:
            self._post(
                case,
                self.env._(
                    "admission %(stay)s cancelled; the stay it had created is removed.",
                    stay=stay.his_visit_number or "",
                ),
            )
            stay.unlink()
        else:
            self._post(
                case,
                self.env._(
                    "admission %(stay)s cancelled; the stay is kept as a discharge plan "
                    "follows it: check it.",
                    stay=stay.his_visit_number or "",
                ),
            )
            self.episode_id = stay
        return "done", self.env._("Admission cancelled on case %(case)s.", case=case.name)

    def _apply_a12(self, patient, case):
        if not case:
            return "ignored", self.env._("The patient has no open case.")
        transfer = self.search(
            [
                ("company_id", "=", self.company_id.id),
                ("patient_key", "=", self.patient_key),
                ("visit_number", "=", self.visit_number or False),
                ("event_code", "=", "A02"),
                ("state", "=", "done"),
                ("cancelled", "=", False),
                ("episode_id", "!=", False),
            ],
            order="event_time desc, id desc",
            limit=1,
        )
        if not transfer:
            return "ignored", self.env._("No applied transfer of this stay to cancel.")
        stay = transfer.episode_id
        stay.write({"unit_id": transfer.previous_unit_id.id, "room": transfer.previous_room})
        transfer.cancelled = True
        self.episode_id = stay
        self._open_plans(case, stay).write({"unit_id": stay.unit_id.id})
        self._post(
            case,
            self.env._(
                "transfer cancelled: back to %(unit)s, room %(room)s.",
                unit=stay.unit_id.name or "-",
                room=stay.room or "-",
            ),
        )
        return "done", self.env._("Transfer cancelled on case %(case)s.", case=case.name)

    def _apply_a13(self, patient, case):
        if not case:
            return "ignored", self.env._("The patient has no open case.")
        stay = self._find_stay(case)
        if not stay or not stay.date_end:
            return "ignored", self.env._("No ended stay of this visit to reopen.")
        ended = stay.date_end
        stay.date_end = False
        self.episode_id = stay
        plans = self.env["social.discharge.plan"].search(
            [("episode_id", "=", stay.id), ("actual_discharge_date", "=", ended)]
        )
        for plan in plans:
            if plan.is_discharged:
                if case.user_id:
                    reader = plan._social_reader_env(case.user_id)
                    plan.activity_schedule(
                        "mail.mail_activity_data_todo",
                        summary=reader._("Discharge cancelled by the hospital"),
                        note=reader._(
                            "The hospital system cancelled the discharge: the patient is still "
                            "in hospital. Ask a manager to reopen the plan."
                        ),
                        user_id=case.user_id.id,
                    )
            else:
                plan.actual_discharge_date = False
        self._post(case, self.env._("discharge cancelled: the patient is still in hospital."))
        return "done", self.env._("Discharge cancelled on case %(case)s.", case=case.name)

    def _apply_a40(self):
        surviving = self._find_patient(self.patient_niss, self.patient_number)
        prior = self._find_patient(self.prior_patient_niss, self.prior_patient_number)
        patients = (surviving | prior).filtered("id")
        if not patients:
            return "ignored", self.env._(
                "No patient known to the social service has these numbers."
            )
        self.patient_id = surviving or prior
        flag_type = self.env.ref("social_his.flag_type_his_merge")
        cases = self.env["social.case"]
        for patient in patients:
            cases |= self.env["social.case"]._get_open_case(patient, self.company_id)
        reason = self.env._(
            "The hospital system merged patient %(prior)s into %(surviving)s: check whether "
            "these records are the same person; nothing was merged here.",
            prior=self.prior_patient_niss or self.prior_patient_number,
            surviving=self.patient_niss or self.patient_number,
        )
        for case in cases:
            self.env["social.case.flag"].create(
                {"case_id": case.id, "flag_type_id": flag_type.id, "reason": reason}
            )
            self._post(case, reason)
        self.case_id = cases[:1]
        return "done", reason

    # -- buttons and crons --------------------------------------------------------------------
    def action_retry(self):
        """Process again the messages in error (once the mapping or the case is fixed)."""
        self.check_access("write")
        messages = self.sudo().filtered(lambda m: m.state == "error")  # checked just above
        for message in messages.filtered("parse_error"):
            if not message.raw:
                continue
            tz = pytz.timezone(message.sender_id.tz or "UTC")
            parse = parse_hl7v2 if message.protocol == "hl7v2" else parse_fhir_bundle
            try:
                event = parse(message.raw, tz, message._system_env()._)
            except HisParseError:
                continue
            message.write(
                dict(
                    {name: getattr(event, name) for name in EVENT_FIELDS if name != "control_id"},
                    parse_error=False,
                )
            )
        messages.filtered(lambda m: not m.parse_error).write({"state": "received"})
        messages.filtered(lambda m: m.state == "received")._process()
        return True

    @api.model
    def _cron_process(self, limit=1000):
        # the job runs as the superuser (ir_cron_data.xml): every site's messages
        messages = self.search([("state", "=", "received")], limit=limit)
        for patient_messages in messages.grouped("patient_key").values():
            patient_messages._process()

    @api.model
    def _raw_retention_days(self):
        # a system parameter, read by the nightly job (``_cron_erase_raw``, the superuser)
        return int(self.env["ir.config_parameter"].get_param("social_his.raw_retention_days", 30))

    @api.model
    def _cron_erase_raw(self):
        """Erase the raw messages older than the retention setting; their metadata stays."""
        limit = fields.Datetime.now() - timedelta(days=self._raw_retention_days())
        # the nightly job runs as the superuser (ir_cron_data.xml): every site's messages
        old = self.search([("received_at", "<", limit), ("raw_erased", "=", False)])
        old.write({"raw": False, "raw_erased": True})
        # why a message could not be read may quote its text (a date of birth, a name): the
        # reason and the answer go with the text; the answer to a late repeat says so
        unreadable = old.filtered("parse_error")
        unreadable.write(
            {
                "reason": self.env._(
                    "The message could not be read; its text was erased after the retention period."
                )
            }
        )
        unreadable._set_reply()
        _logger.info("Erased the raw text of %s hospital system messages", len(old))
        return len(old)

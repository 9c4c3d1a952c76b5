from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date, format_datetime

from odoo.addons.social_case.models.social_privacy_mixin import social_action
from odoo.addons.social_case.models.social_procedure import OPEN_STATES

# What the portal shows of the case file, model by model: the only fields its pages read
# (``_portal_read``). Never notes, needs, assessments, scores, flags nor interventions.
PORTAL_FIELDS = {
    "social.case": ("name", "is_closed", "date_closed"),
    "social.procedure": (
        "name",
        "explanation",
        "required_documents",
        "state",
        "due_date",
        "user_id",
        "organisation_id",
    ),
    "social.consent": ("purpose_id", "given_by", "date_given", "valid_until", "state"),
    "social.discharge.request": (
        "partner_id",
        "state",
        "admission_date",
        "patient_answer",
        "patient_comment",
        "patient_answer_date",
    ),
}
# the next step of a procedure, by state: (what happens, who does it)
NEXT_STEPS = {
    "to_do": ("gather", "referent"),
    "submitted": ("answer", "organisation"),
    "awaiting_answer": ("answer", "organisation"),
    "appealed": ("appeal", "organisation"),
}


class SocialPortalAccess(models.Model):
    """A person's access to one case on the patient's portal: the patient, or a legal
    representative recorded on the case, invited by the referent.

    The portal user has no access right on the case file: the pages read, as the system,
    only what :data:`PORTAL_FIELDS` names, of the records :meth:`_portal_records` selects
    (procedures the referent shared, the patient's consents, the discharge proposals shared),
    and only through an access that is open (:meth:`_portal_is_open`); each read is written to
    the access log under the portal user's name. The access ends when the referent revokes
    it, or a set number of days after the case closes (Settings)."""

    _name = "social.portal.access"
    _description = "Patient Portal Access"
    _inherit = ["social.privacy.mixin"]
    _order = "date_invited desc, id desc"
    _check_company_auto = True
    _social_system_fields = (
        "user_id",
        "user_created",
        "date_invited",
        "invited_by_id",
        "date_revoked",
        "revoked_by_id",
    )

    case_id = fields.Many2one(
        "social.case", required=True, index=True, ondelete="restrict", check_company=True
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    patient_id = fields.Many2one(related="case_id.patient_id", store=True, index=True)
    # read as the system (a related field), whoever writes the access
    case_anonymised_on = fields.Date(related="case_id.anonymised_on")
    role = fields.Selection(
        [("patient", "The Patient"), ("representative", "Legal Representative")],
        required=True,
        default="patient",
    )
    contact_id = fields.Many2one(
        "social.case.contact",
        string="Representative",
        domain="[('case_id', '=', case_id), ('role', '=', 'legal_representative')]",
        ondelete="restrict",
        help="The legal representative recorded among the people around the patient.",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Person",
        required=True,
        index=True,
        ondelete="restrict",
        help="The patient, or the representative's contact, who logs in.",
    )
    email = fields.Char(string="Login E-mail")
    user_id = fields.Many2one("res.users", string="Portal User", readonly=True, index=True)
    user_created = fields.Boolean(
        string="User Made by the Invitation",
        readonly=True,
        help="The portal user was made for this access: it is archived once the person has no "
        "open access left.",
    )
    date_invited = fields.Datetime(string="Invited On", readonly=True)
    invited_by_id = fields.Many2one("res.users", readonly=True)
    date_revoked = fields.Datetime(string="Ended On", readonly=True)
    revoked_by_id = fields.Many2one("res.users", string="Ended By", readonly=True)
    requested_purpose_ids = fields.Many2many(
        "social.consent.purpose",
        string="Consents Asked",
        # a string domain: nothing for the registry to resolve when it sets the field up
        domain="[('portal_allowed', '=', True)]",
        help="The consents the service asks the person to give on the portal.",
    )
    # computed as the system: the case's closure, whoever reads the access
    state = fields.Selection(
        [("open", "Open"), ("closed_case", "Case Closed"), ("ended", "Ended")],
        compute="_compute_state",
        compute_sudo=True,
    )
    date_end = fields.Date(
        string="Readable Until",
        compute="_compute_state",
        compute_sudo=True,
        help="After the case closes, the page stays readable until this day.",
    )

    @api.depends("partner_id", "case_id")
    def _compute_display_name(self):
        for access in self:
            access.display_name = self.env._(
                "%(person)s on %(case)s",
                person=access.partner_id.name or "",
                case=access.case_id.name or "",
            )

    @api.depends("date_revoked", "case_id.is_closed", "case_id.date_closed")
    @api.depends_context("tz")
    def _compute_state(self):
        today = fields.Date.context_today(self)
        for access in self:
            case = access.case_id
            days = case.company_id.social_portal_days_after_closure
            access.date_end = (
                case.date_closed + timedelta(days=days)
                if case.is_closed and case.date_closed
                else False
            )
            if access.date_revoked or (access.date_end and access.date_end < today):
                access.state = "ended"
            elif case.is_closed:
                access.state = "closed_case"
            else:
                access.state = "open"

    @api.constrains("role", "contact_id", "partner_id", "case_id")
    def _check_person(self):
        for access in self:
            if access.case_anonymised_on:
                continue  # the access names the case's placeholder (``_portal_anonymise``)
            # the case's patient (``patient_id``, related), whether or not the user reads it
            if access.role == "patient" and access.partner_id != access.patient_id:
                raise ValidationError(
                    self.env._("The patient's access is given to the patient of the case.")
                )
            if access.role == "representative" and (
                access.contact_id.case_id != access.case_id
                or access.contact_id.role != "legal_representative"
                or access.contact_id.partner_id != access.partner_id
            ):
                raise ValidationError(
                    self.env._(
                        "A representative's access is given to a legal representative recorded "
                        "on the case, with their contact in the address book."
                    )
                )

    def _portal_anonymise(self):
        """The accesses of anonymised cases (``social.case._anonymise``, as the system): they
        name the case's placeholder instead of the person, keep no e-mail, and end."""
        now = fields.Datetime.now()
        for access in self:
            access.write(
                {
                    "partner_id": access.case_id.patient_id.id,
                    "email": False,
                    "date_revoked": access.date_revoked or now,
                }
            )

    def _portal_archive_users(self, forget=False):
        """Archive the users the invitations ``self`` made that have no other open access;
        with ``forget``, their login and password go too (the anonymisation). As the system."""
        users = self.filtered("user_created").user_id
        others = self.search([("user_id", "in", users.ids), ("id", "not in", self.ids)])
        users -= others.filtered(lambda a: a._portal_is_open()).user_id
        if not forget:
            users.write({"active": False})
            return
        for user in users:
            # as core's deletion of a portal account: no login, no password
            user.write({"active": False, "login": f"__anonymised_user_{user.id}", "password": ""})

    # -- the referent's buttons -------------------------------------------------------------
    @social_action("write")
    def action_revoke(self):
        """The page is no longer offered: the person cannot read the case any more."""
        for access in self:
            if access.date_revoked:
                raise UserError(
                    self.env._("%(access)s has already ended.", access=access.display_name)
                )
        self.write({"date_revoked": fields.Datetime.now(), "revoked_by_id": self.env.uid})
        for access in self:
            access.case_id.message_post(
                body=self.env._(
                    "The patient's portal is no longer offered to %(person)s.",
                    person=access.partner_id.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    @social_action("write")
    def action_resend_invitation(self):
        """The invitation e-mail again (a new link to choose a password)."""
        for access in self:
            if access.state == "ended":
                raise UserError(
                    self.env._("%(access)s has ended: invite the person again.", access=access)
                )
            access._send_invitation()
        return True

    def _send_invitation(self):
        self.ensure_one()
        # the portal user is the system's (the worker may not read nor write users), and so
        # is the e-mail: the link it carries signs the user up (``_portal_signup_url``)
        system = self.sudo().env
        user = self.user_id.with_env(system)
        user.partner_id.signup_prepare(signup_type="signup")
        template = system.ref("social_portal.mail_template_portal_invitation")
        template.with_context(lang=user.lang).send_mail(
            self.id, force_send=False, email_values={"email_to": self.email or user.email}
        )
        self.env["social.case.access.log"]._log(self.case_id, "portal_invite")

    def _portal_signup_url(self):
        """The invitation's link: choose a password, then land on the case's page."""
        self.ensure_one()
        # rendered by the invitation's template, sent as the system (``_send_invitation``)
        partner = self.user_id.partner_id
        # the page opens in the person's language, whatever their browser's
        lang = self.env["res.lang"]._get_data(code=self.user_id.lang)
        prefix = f"/{lang.url_code}" if lang and lang.url_code else ""
        return partner.with_context(signup_force_type_in_url="")._get_signup_url_for_action(
            url=f"{prefix}/my/social/{self.case_id.id}"
        )[partner.id]

    # -- what the portal shows, for the portal user ---------------------------------------
    def _portal_is_open(self):
        """Whether the person may read the case now (not ended, user active)."""
        self.ensure_one()
        return self.state != "ended" and self.user_id.active

    @api.model
    def _portal_accesses(self, user):
        """The open accesses of portal user ``user``, as the system: the one place the portal
        gains the rights it reads with; the ``_portal_*`` methods below run on its records."""
        accesses = self.sudo().search([("user_id", "=", user.id)])
        return accesses.filtered(lambda a: a._portal_is_open())

    def _portal_records(self):
        """{model: records} of the case that the portal shows, as the system."""
        self.ensure_one()
        case = self.case_id
        requests = self.env["social.discharge.request"].search(
            [("case_id", "=", case.id), ("patient_shared", "=", True)], order="id"
        )
        return {
            "social.case": case,
            "social.procedure": case.procedure_ids.filtered(
                lambda p: p.patient_shared and p.state != "cancelled"
            ),
            "social.consent": self.env["social.consent"].search(self._portal_consent_domain()),
            "social.discharge.request": requests,
        }

    def _portal_consent_domain(self):
        """The patient's consents of the site; a representative, who represents the patient on
        this case, sees those of this case and those recorded without a case."""
        case = self.case_id
        domain = [("patient_id", "=", case.patient_id.id), ("company_id", "=", case.company_id.id)]
        if self.role != "patient":
            domain.append(("case_id", "in", [case.id, False]))
        return domain

    def _portal_read(self, records):
        """The fields of :data:`PORTAL_FIELDS` of ``records`` (read as the system), written to
        the access log as read by the portal user."""
        fields_shown = PORTAL_FIELDS[records._name]
        rows = records.with_context(lang=self.env.lang).read(fields_shown)
        # in the portal user's name: the environment is the system's, its user the person
        self.env["social.case.access.log"]._log_reads(records, "portal", system=True)
        # shown as the person reads them: labels of choices, dates in their language
        for name in fields_shown:
            field = records._fields[name]
            if field.type == "selection":
                labels = dict(field._description_selection(self.env))
                for row in rows:
                    row[f"{name}_label"] = labels.get(row[name], "")
            elif field.type in ("date", "datetime"):
                for row in rows:
                    row[f"{name}_text"] = self._portal_format(row[name])
        return rows

    def _portal_format(self, value):
        if not value:
            return ""
        if isinstance(value, datetime):
            tz = self.env.user.tz or self.env.context.get("tz") or "Europe/Brussels"
            return format_datetime(self.env, value, tz=tz, dt_format="short")
        return format_date(self.env, value)

    def _portal_page(self):
        """Everything the case's page shows (plain values, never records)."""
        self.ensure_one()
        records = self._portal_records()
        case = records["social.case"]
        procedures = self._portal_read(records["social.procedure"])
        for row in procedures:
            step = NEXT_STEPS.get(row["state"])
            row["next_step"], row["next_by"] = step or (False, False)
            row["open"] = row["state"] in OPEN_STATES
        consents = self._portal_read(records["social.consent"])
        given = {row["purpose_id"][0] for row in consents if row["state"] == "valid"}
        asked = self.requested_purpose_ids.filtered(lambda p: p.id not in given)
        referent = case.user_id
        company = case.company_id
        return {
            "access": self,
            "case": self._portal_read(case)[0],
            "procedures": procedures,
            "consents": consents,
            "asked_purposes": [
                {"id": p.id, "name": p.name, "description": p.description or ""}
                for p in asked.with_context(lang=self.env.lang)
            ],
            "appointments": self._portal_appointments(),
            "proposals": self._portal_read(records["social.discharge.request"]),
            "referent": {
                "name": referent.name or "",
                "email": referent.email or company.email or "",
                "phone": company.phone or "",
            },
            "service": {"name": company.name, "phone": company.phone, "email": company.email},
            "plan": bool(self._portal_plan()),
            "survey_url": self._portal_survey_url(),
        }

    def _portal_appointments(self):
        """The case's meetings from yesterday on: when, where, with whom (not their notes)."""
        events = self.env["calendar.event"].search(
            [
                ("res_model", "=", "social.case"),
                ("res_id", "=", self.case_id.id),
                ("stop", ">=", fields.Datetime.now() - timedelta(days=1)),
            ],
            order="start",
        )
        return [
            {
                "when": self._portal_format(event.start_date if event.allday else event.start),
                "location": event.location or "",
                "with": event.user_id.name or "",
            }
            for event in events
        ]

    def _portal_plan(self):
        """The plan agreed with the patient (its current version), or nothing."""
        return self.env["social.case.plan"].search(
            [
                ("case_id", "=", self.case_id.id),
                ("is_current", "=", True),
                ("agreement_date", "!=", False),
            ],
            limit=1,
        )

    def _portal_survey_url(self):
        """The anonymous questionnaire of the closure, once the case is closed."""
        case = self.case_id
        if not case.is_closed or case.close_reason == "deceased" or not case.team_id:
            return False
        invitation = self.env["social.survey.invitation"]._issue(
            case.team_id, case.company_id, f"social.case,{case.id},{case.date_closed}"
        )
        if not case.survey_offered:
            case.survey_offered = True  # a fact the system records, as the printed sheet does
        return invitation._url()

    def _portal_document(self, kind):
        """(PDF, file name) of the rights sheet or the agreed plan, in the person's language."""
        self.ensure_one()
        case = self.case_id
        if kind == "rights-sheet":
            report, record = "social_case.action_report_rights_sheet", case
        elif kind == "plan" and (plan := self._portal_plan()):
            report, record = "social_case.action_report_case_plan", plan
        else:
            return None
        Report = self.env["ir.actions.report"].with_context(
            lang=self.env.lang, social_portal_shared_only=True
        )
        pdf, _type = Report._render_qweb_pdf(report, record.ids)
        self.env["social.case.access.log"]._log_reads(record, "portal", system=True)
        return pdf, f"{kind}-{case.name}.pdf"

    # -- what the person does on the portal -------------------------------------------------
    def _portal_consent(self, consent_id):
        consent = self._portal_records()["social.consent"].filtered(lambda c: c.id == consent_id)
        if not consent:
            raise UserError(self.env._("This consent is not one of yours."))
        return consent

    def _portal_person_label(self):
        if self.role == "representative":
            return self.env._("%(person)s, legal representative", person=self.partner_id.name or "")
        return self.env._("the patient")

    def _portal_text(self, value, label):
        """What the person typed, stripped; refused with a message if it cannot be saved
        (a NUL character, more than the provider's portal takes)."""
        return self.env["social.discharge.request"]._portal_parse_text(value, label, False)

    def _portal_withdraw(self, consent_id, reason):
        """The person withdraws one of the patient's consents, with a reason: recorded as the
        registry records any withdrawal, and the referent is told at once."""
        self.ensure_one()
        consent = self._portal_consent(consent_id)
        reason = self._portal_text(reason, self.env._("reason"))
        if not reason:
            raise UserError(self.env._("Say in a few words why you withdraw your consent."))
        if consent.state != "valid":
            raise UserError(self.env._("This consent no longer counts: nothing to withdraw."))
        consent.write(
            {
                "withdrawal_reason": self.env._(
                    "Withdrawn on the patient's portal by %(person)s: %(reason)s",
                    person=self._portal_person_label(),
                    reason=reason,
                )
            }
        )
        consent.action_withdraw()
        self._portal_tell_referent(
            self.env._(
                "%(purpose)s: consent withdrawn on the patient's portal",
                purpose=consent.purpose_id.name,
            ),
            reason,
        )
        return consent

    def _portal_give(self, purpose_id):
        """The person gives a consent that the service asked on the portal."""
        self.ensure_one()
        purpose = self.requested_purpose_ids.filtered(lambda p: p.id == purpose_id)
        if not purpose or not purpose.portal_allowed:
            raise UserError(self.env._("The service did not ask for this consent here."))
        today = fields.Date.context_today(self)
        consent = self.env["social.consent"].create(
            {
                "case_id": self.case_id.id,
                "purpose_id": purpose.id,
                "given_by": "patient" if self.role == "patient" else "representative",
                "representative_name": self.partner_id.name if self.role != "patient" else False,
                "method": "portal",
                "date_given": today,
                "valid_until": today + relativedelta(months=purpose.validity_months)
                if purpose.validity_months
                else False,
                "recorded_by_id": self.env.uid,
            }
        )
        self.requested_purpose_ids = [(3, purpose.id)]
        self._portal_tell_referent(
            self.env._("%(purpose)s: consent given on the patient's portal", purpose=purpose.name),
            self._portal_person_label(),
        )
        return consent

    def _portal_proposal(self, request_id):
        proposal = self._portal_records()["social.discharge.request"].filtered(
            lambda r: r.id == request_id
        )
        if not proposal:
            raise UserError(self.env._("This proposal is not one of yours."))
        return proposal

    def _portal_answer_proposal(self, request_id, answer, comment):
        """The person accepts or refuses a provider's admission that the referent shared."""
        self.ensure_one()
        proposal = self._portal_proposal(request_id)
        if answer not in ("accepted", "refused"):
            raise UserError(self.env._("Accept or refuse the proposal."))
        if proposal.patient_answer:
            raise UserError(self.env._("You already answered this proposal."))
        if proposal.state != "accepted":
            raise UserError(self.env._("This proposal is no longer open."))
        comment = self._portal_text(comment, self.env._("comment"))
        if answer == "refused" and not comment:
            raise UserError(self.env._("Say in a few words why you refuse."))
        proposal.write(
            {
                "patient_answer": answer,
                "patient_comment": comment,
                "patient_answer_date": fields.Datetime.now(),
            }
        )
        labels = dict(proposal._fields["patient_answer"]._description_selection(self.env))
        self._portal_tell_referent(
            self.env._(
                "%(provider)s: %(answer)s on the patient's portal",
                provider=proposal.partner_id.name,
                answer=labels[answer],
            ),
            comment or self._portal_person_label(),
            record=proposal,
        )
        return proposal

    def _portal_tell_referent(self, summary, note, record=None):
        """A message in the case's (or ``record``'s) chatter and an activity for the referent."""
        case = self.case_id
        target = record or case
        target.message_post(
            body=self.env._("%(summary)s (%(note)s)", summary=summary, note=note),
            subtype_xmlid="mail.mt_note",
            author_id=self.partner_id.id,
        )
        if case.user_id:
            target.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=fields.Date.context_today(self),
                summary=summary,
                user_id=case.user_id.id,
            )

    # -- the nightly end of the pages of closed cases ---------------------------------------
    @api.model
    def _cron_end_closed(self):
        """Accesses of cases closed long enough: ended, and the users made for them archived."""
        # the nightly job runs as the superuser (ir_cron_data.xml): every site's accesses
        accesses = self.search([("date_revoked", "=", False)])
        ended = accesses.filtered(lambda a: a.state == "ended")
        now = datetime.combine(fields.Date.context_today(self), time())
        ended.write({"date_revoked": now})
        # a user the invitations made, with no open access left, can no longer log in
        ended._portal_archive_users()
        return ended

from odoo import api, fields, models, tools
from odoo.exceptions import UserError, ValidationError

from ..const import COORDINATOR
from .social_privacy_mixin import social_action
from .social_privacy_thread import CHATTER_FIELDS

# the transitions a referral may take; anything else is refused, also over RPC
REFERRAL_TRANSITIONS = {
    "new": {"triaged", "accepted", "redirected", "duplicate"},
    "triaged": {"accepted", "redirected", "duplicate", "new"},
    "accepted": set(),
    "redirected": {"triaged"},
    "duplicate": {"triaged"},
}


class SocialReferral(models.Model):
    """A request for the social service about a patient (signalement)."""

    _name = "social.referral"
    _description = "Referral to the Social Service"
    _inherit = [
        "social.privacy.thread",
        "mail.thread",
        "mail.activity.mixin",
        "social.patient.identifiers.mixin",
    ]
    _order = "date desc, id desc"
    _check_company_auto = True
    # what the referring nurse or doctor reads of their referral: never the case itself
    _social_care_fields = (
        "name",
        "company_id",
        "date",
        "patient_id",
        "patient_birthdate",
        "patient_homonym_count",
        "language_id",
        "referrer_type",
        "requested_by_id",
        "unit_id",
        "channel",
        "reason",
        "urgency",
        "urgency_reason",
        "state",
        "redirect_note",
        "first_contact_date",
        "case_reference",
        "referent_name",
        "create_uid",
        "create_date",
        "write_date",
        *CHATTER_FIELDS,
    )
    # erased by the anonymisation with the free texts: the date of birth copied here
    _social_identifying_fields = ("patient_birthdate",)
    # triage is the coordinator's: linking to a case, the outcome, its date
    _social_group_fields = dict.fromkeys(
        ("state", "case_id", "redirect_note", "duplicate_of_id", "triage_user_id"),
        COORDINATOR,
    )
    _social_transitions = REFERRAL_TRANSITIONS
    _social_system_fields = (
        "name",
        "date",
        "requested_by_id",
        "state",
        "case_id",
        "redirect_note",
        "duplicate_of_id",
        "triage_user_id",
    )
    _social_sequence = "social.referral"

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/", index="trigram"
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    date = fields.Datetime(
        string="Referred On", required=True, default=fields.Datetime.now, index=True, readonly=True
    )
    patient_id = fields.Many2one(
        "res.partner",
        index=True,
        tracking=True,
        check_company=True,
        domain="[('is_company', '=', False)]",
    )
    referrer_type = fields.Selection(
        [
            ("patient", "The Patient"),
            ("family", "Family or Relative"),
            ("doctor", "Doctor"),
            ("nurse", "Nurse"),
            ("team_member", "Care Team Member"),
            ("administrative", "Administrative Service"),
        ],
        string="Requested By (role)",
        required=True,
        default="nurse",
    )
    patient_birthdate = fields.Date(
        string="Date of Birth",
        help="The patient's date of birth, when known: it tells two people of the same name "
        "apart, and the case opened for the patient starts from it.",
    )
    language_id = fields.Many2one(
        "social.language",
        string="Patient's Language",
        help="The language the patient speaks, when the referrer knows it: the coordinator "
        "proposes a social worker who speaks it.",
    )
    patient_homonym_count = fields.Integer(
        compute="_compute_patient_homonym_count",
        help="Other people of the address book with the patient's name and no other date of "
        "birth: a likely duplicate of the patient.",
    )
    # the social service's own: who the patient is for sure, and who they may already be
    patient_duplicate_ids = fields.Many2many(
        "res.partner",
        string="Likely Duplicates",
        compute="_compute_patient_duplicate_ids",
        help="Other contacts with the patient's name and no other date of birth.",
    )
    requested_by_id = fields.Many2one(
        "res.users",
        string="Referred By",
        default=lambda self: self.env.user,
        index=True,
        readonly=True,
    )
    unit_id = fields.Many2one(
        "social.unit", index=True, default=lambda self: self.env.user.social_unit_id
    )
    channel = fields.Selection(
        [("form", "Form"), ("phone", "Phone"), ("email", "E-mail")],
        required=True,
        default="form",
        index=True,
    )
    reason = fields.Text(required=True)
    urgency = fields.Selection(
        [("normal", "Normal"), ("urgent", "Urgent")],
        required=True,
        default="normal",
        index=True,
        tracking=True,
    )
    urgency_reason = fields.Selection(
        [
            ("violence", "Violence"),
            ("child_in_danger", "Child in Danger"),
            ("homelessness", "Homelessness"),
            ("end_of_life", "End of Life"),
            ("other", "Other"),
        ],
        string="Reason for Urgency",
    )
    state = fields.Selection(
        [
            ("new", "New"),
            ("triaged", "Triaged"),
            ("accepted", "Accepted"),
            ("redirected", "Redirected"),
            ("duplicate", "Duplicate"),
        ],
        string="Status",
        required=True,
        default="new",
        readonly=True,
        index=True,
        tracking=True,
        copy=False,
    )
    # auto_join: the record rules test the case in a JOIN, row by row. The care team's rule
    # (their own referrals) is OR'ed with the worker's (referrals of readable cases): as a
    # sub-query, PostgreSQL would build the set of every case the worker may read for each
    # query, even to read the one referral of a case form. Searching through the field
    # reaches no case the user may not read: its rules are those of the referral's case.
    case_id = fields.Many2one(
        "social.case",
        index=True,
        readonly=True,
        copy=False,
        auto_join=True,
        tracking=True,
        check_company=True,
        groups="social_case.group_social_worker",
    )
    redirect_note = fields.Text(string="Redirection Note", readonly=True, copy=False, tracking=True)
    duplicate_of_id = fields.Many2one("social.referral", readonly=True, copy=False)
    triage_user_id = fields.Many2one("res.users", string="Triaged By", readonly=True, copy=False)
    # whom the automation rule "remind of a referral not triaged" reminds (Settings)
    triage_reminder_user_id = fields.Many2one(
        related="company_id.social_triage_user_id", string="Coordinator Reminded"
    )
    first_contact_date = fields.Datetime(
        string="First Contact",
        compute="_compute_first_contact",
        store=True,
        help="Date of the first intervention logged on the case after the referral.",
    )
    hours_to_first_contact = fields.Float(
        string="Hours to First Contact",
        compute="_compute_first_contact",
        store=True,
        aggregator="avg",
    )
    # what the referrer may know of the case: its reference and its referent, nothing else
    case_reference = fields.Char(compute="_compute_case_summary")
    referent_name = fields.Char(compute="_compute_case_summary", string="Referent")

    # -- computes ------------------------------------------------------------------
    @api.depends("case_id", "date", "case_id.intervention_ids.date")
    def _compute_first_contact(self):
        referrals = self.filtered("case_id")
        first = {}
        if referrals:
            interventions = self.env["social.intervention"].search(
                [
                    ("case_id", "in", referrals.case_id.ids),
                    ("date", ">=", min(referrals.mapped("date"))),
                ],
                order="date asc",
            )
            for referral in referrals:
                first[referral.id] = next(
                    (
                        i.date
                        for i in interventions
                        if i.case_id == referral.case_id and i.date >= referral.date
                    ),
                    False,
                )
        for referral in self:
            contact = first.get(referral.id, False)
            referral.first_contact_date = contact
            referral.hours_to_first_contact = (
                round((contact - referral.date).total_seconds() / 3600.0, 2) if contact else 0.0
            )

    @api.depends("patient_id.name", "patient_birthdate")
    def _compute_patient_homonym_count(self):
        # one count per referral: the form shows one, the lists never read it
        for referral in self:
            referral.patient_homonym_count = len(
                referral._patient_likely_duplicates(readable=False)
            )

    def _patient_likely_duplicates(self, readable=True):
        """The likely duplicates of the patient: those the user may read, or all of them (as
        the system, ``readable=False``) for a count that names no one."""
        self.ensure_one()
        if not self.patient_id:
            return self.env["res.partner"]
        if readable:
            return self.patient_id._social_readable_duplicates(
                self.patient_birthdate, self.company_id
            )
        return self.patient_id._social_likely_duplicates(self.patient_birthdate, self.company_id)

    @api.depends("patient_id.name", "patient_birthdate")
    def _compute_patient_duplicate_ids(self):
        for referral in self:
            referral.patient_duplicate_ids = referral._patient_likely_duplicates()

    @api.depends_context("uid")
    @api.depends("state")
    def _compute_case_summary(self):
        # the referrer sees the reference and the referent of the case, never the case itself:
        # read them as superuser, but only for referrals the user may read
        self.case_reference = self.referent_name = False
        # (a restricted or minor's case is named only to who may read it)
        stored = self.filtered(lambda r: isinstance(r.id, int))
        stored.check_access("read")
        stored_sudo = stored.sudo()  # checked just above: the case's reference, as the system
        cases = stored_sudo.case_id
        readable = cases.with_env(self.env)._filtered_access("read") if cases else cases
        for referral, case in zip(stored, [r.case_id for r in stored_sudo], strict=True):
            if case.confidentiality != "normal" and case not in readable:
                continue
            referral.case_reference = case.name or False
            referral.referent_name = case.user_id.name or False

    @api.depends("name")
    def _compute_display_name(self):
        # the reference comes from the sequence on save: until then say what is being written
        for referral in self:
            referral.display_name = (
                referral.name
                if referral.name and referral.name != "/"
                else self.env._("New Referral")
            )

    # -- constraints -------------------------------------------------------------
    @api.constrains("urgency", "urgency_reason")
    def _check_urgency_reason(self):
        for referral in self:
            if referral.urgency == "urgent" and not referral.urgency_reason:
                raise ValidationError(
                    self.env._(
                        "Referral %(ref)s is urgent: give the reason for the urgency.",
                        ref=referral.name,
                    )
                )

    # -- CRUD --------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        referrals = super().create(vals_list)
        referrals._record_patient_birthdate()
        return referrals

    def write(self, vals):
        result = super().write(vals)
        if vals.get("patient_birthdate") or vals.get("patient_id"):
            self._record_patient_birthdate()
        return result

    def _record_patient_birthdate(self):
        """The date of birth given on a referral is kept on the patient when it is not known
        yet (the referrer may create patients without editing the address book)."""
        for referral in self.filtered(lambda r: r.patient_birthdate and r.patient_id):
            # the referrer follows the patient of her referral: she reads the date of birth
            if not referral.patient_id.social_birthdate:
                referral.patient_id._social_set_identifiers(
                    {"social_birthdate": referral.patient_birthdate}
                )

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A referral from an e-mail sent to the service's alias."""
        # the reference comes from the sequence, not from the subject
        values = dict(custom_values or {}, name="/")
        subject = msg_dict.get("subject") or ""
        body = tools.html2plaintext(msg_dict.get("body") or "").strip()
        values.setdefault("reason", "\n\n".join(part for part in (subject, body) if part) or "-")
        values.setdefault("channel", "email")
        author = self.env["res.users"].search(
            [
                (
                    "email_normalized",
                    "=",
                    tools.email_normalize(msg_dict.get("email_from") or ""),
                )
            ],
            limit=1,
        )
        values.setdefault("requested_by_id", author.id or False)
        if author and author.has_group("social_case.group_social_care"):
            values.setdefault("referrer_type", "team_member")
        if "urgent" in subject.lower():
            values.setdefault("urgency", "urgent")
            values.setdefault("urgency_reason", "other")
        return super().message_new(msg_dict, custom_values=values)

    # -- state flow --------------------------------------------------------------
    @social_action("read")
    def action_send(self):
        """Confirm to the referrer that the referral reached the social service, and by whom it
        will be followed up, then show their open referrals."""
        self.ensure_one()
        # the referrer may know who follows the patient, never the case itself (found as
        # the system)
        case = self.env["social.case"]._get_open_case(self.patient_id, self.company_id)
        # a restricted or minor's case is not named, nor its referent
        if case.user_id and case.confidentiality == "normal":
            message = self.env._(
                "%(ref)s is sent. %(referent)s, the social worker who follows %(patient)s, "
                "will take it up.",
                ref=self.name,
                referent=case.user_id.name,
                patient=self.patient_id.name,
            )
        else:
            message = self.env._(
                "%(ref)s is sent. The social service's coordinator triages it and names the "
                "social worker who will follow %(patient)s: you will see the name here.",
                ref=self.name,
                patient=self.patient_id.name,
            )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "social_case.social_referral_action_mine"
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Sent to the social service"),
                "message": message,
                "type": "success",
                "sticky": False,
                "next": action,
            },
        }

    @social_action("read")
    def action_triage(self):
        self.write({"state": "triaged", "triage_user_id": self.env.uid})
        return True

    @social_action("read")
    def action_reset(self):
        self.write({"state": "triaged"})
        return True

    @social_action("read")
    def action_open_triage_wizard(self):
        self.ensure_one()
        self.check_access("write")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Triage %(ref)s", ref=self.name),
            "res_model": "social.referral.triage",
            "view_mode": "form",
            "target": "new",
            "context": {"default_referral_id": self.id},
        }

    def _action_accept(self, case):
        """Attach the referral to ``case`` (new or the patient's open case)."""
        self._social_check_transition("accepted")
        for referral in self:
            if not referral.patient_id:
                raise UserError(
                    self.env._(
                        "Referral %(ref)s names no patient: set the patient first.",
                        ref=referral.name,
                    )
                )
        # the case may be restricted: the coordinator checks its patient without reading it
        Case = self.env["social.case"]
        if not Case._social_are_cases_of([(case, referral.patient_id) for referral in self]):
            wrong = next(r for r in self if not Case._social_are_cases_of([(case, r.patient_id)]))
            raise UserError(
                self.env._(
                    "The case chosen is not the case of %(patient)s.",
                    patient=wrong.patient_id.display_name,
                )
            )
        # the patient's open case, checked above, may be one the coordinator may not read
        # (restricted): joining it is the triage's decision, not a link the caller chose
        self._social_as_system().write(
            {"state": "accepted", "case_id": case.id, "triage_user_id": self.env.uid}
        )
        return True

    def _action_same_person(self, partner):
        """Move the referral from a second contact to the person already known."""
        self.ensure_one()
        if partner not in self._patient_likely_duplicates():
            raise UserError(
                self.env._("%(name)s is not a likely duplicate of the patient.", name=partner.name)
            )
        previous = self.patient_id
        self.write({"patient_id": partner.id})
        self.message_post(
            body=self._social_system_env()._(
                "The patient is the same person as contact %(partner)s (#%(id)s): the "
                "referral was moved from contact #%(previous)s.",
                partner=partner.name,
                id=partner.id,
                previous=previous.id,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return True

    def _action_redirect(self, note):
        if not (note or "").strip():
            raise UserError(self.env._("Say where the referral was redirected and why."))
        self.write({"state": "redirected", "redirect_note": note, "triage_user_id": self.env.uid})
        return True

    def _action_mark_duplicate(self, original=None):
        if original and original in self:
            raise UserError(self.env._("A referral cannot be a duplicate of itself."))
        self.write(
            {
                "state": "duplicate",
                "duplicate_of_id": original.id if original else False,
                "triage_user_id": self.env.uid,
            }
        )
        return True

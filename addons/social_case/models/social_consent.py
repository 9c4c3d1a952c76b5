from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .social_privacy_mixin import social_action

# the terms of a consent: locked once it is recorded (a correction = withdraw + new)
LOCKED_FIELDS = (
    "patient_id",
    "case_id",
    "company_id",
    "purpose_id",
    "legal_basis",
    "basis_reason",
    "given_by",
    "representative_name",
    "method",
    "date_given",
    "valid_until",
)
# what a recorded exception may rest on instead of the patient's consent (GDPR art. 6, 9)
EXCEPTION_BASES = ("vital_interest", "legal_obligation")


class SocialConsent(models.Model):
    """The patient's consent to share what the social service knows, for one purpose.

    A consent is never deleted, archived nor edited: it is valid, expires, or is withdrawn
    (by the patient or their representative, with a reason). Where data leaves the service, the
    code asks :meth:`_check_sharing` once for all the patients concerned.

    Example::

        consents = env["social.consent"]._check_sharing(plans.patient_id, "discharge_provider")
    """

    _name = "social.consent"
    _description = "Patient Consent"
    _inherit = ["social.privacy.thread", "mail.thread", "mail.activity.mixin"]
    _order = "date_given desc, id desc"
    _check_company_auto = True
    _social_identifying_fields = ("representative_name", "document_filename")
    _social_system_fields = ("recorded_by_id", "recorded_on", "withdrawn_on", "withdrawn_by_id")

    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    patient_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        tracking=True,
        domain="[('is_company', '=', False)]",
    )
    case_id = fields.Many2one(
        "social.case",
        index=True,
        tracking=True,
        check_company=True,
        help="The case file under which the consent was asked, if any.",
    )
    purpose_id = fields.Many2one(
        "social.consent.purpose", required=True, index=True, tracking=True, ondelete="restrict"
    )
    purpose_code = fields.Char(related="purpose_id.code")
    legal_basis = fields.Selection(
        [
            ("consent", "Patient's Consent"),
            ("vital_interest", "Exception: Vital Interest"),
            ("legal_obligation", "Exception: Legal Obligation"),
        ],
        default="consent",
        required=True,
        tracking=True,
        help="An exception lets data leave without the patient's consent; its reason is "
        "reviewed by the head of the service.",
    )
    basis_reason = fields.Text(
        string="Reason for the Exception",
        tracking=True,
        help="Why the patient could not be asked, or which law obliges the service.",
    )
    given_by = fields.Selection(
        [("patient", "The Patient"), ("representative", "Legal Representative")],
        default="patient",
        tracking=True,
    )
    representative_name = fields.Char(string="Representative", tracking=True)
    method = fields.Selection(
        [("oral", "Oral"), ("written", "Written (signed)")],
        string="How",
        default="oral",
        tracking=True,
    )
    document = fields.Binary(string="Signed Document", attachment=True)
    document_filename = fields.Char()
    date_given = fields.Date(
        string="Given On", required=True, default=fields.Date.context_today, tracking=True
    )
    valid_until = fields.Date(tracking=True, help="Empty: valid until withdrawn.")
    recorded_by_id = fields.Many2one(
        "res.users",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.user,
    )
    recorded_on = fields.Datetime(readonly=True, default=fields.Datetime.now)
    withdrawn_on = fields.Date(readonly=True, tracking=True, copy=False)
    withdrawn_by_id = fields.Many2one(
        "res.users", string="Withdrawal Recorded By", readonly=True, tracking=True, copy=False
    )
    withdrawal_reason = fields.Text(
        tracking=True, copy=False, help="Who withdrew the consent and why."
    )
    state = fields.Selection(
        [("valid", "Valid"), ("expired", "Expired"), ("withdrawn", "Withdrawn")],
        compute="_compute_state",
        store=True,
        index=True,
        tracking=True,
    )

    @api.depends("purpose_id", "patient_id", "date_given")
    def _compute_display_name(self):
        for consent in self:
            consent.display_name = self.env._(
                "%(purpose)s (%(date)s)",
                purpose=consent.purpose_id.name or "",
                date=consent.date_given or "",
            )

    @api.depends("withdrawn_on", "valid_until")
    def _compute_state(self):
        today = fields.Date.context_today(self)
        for consent in self:
            if consent.withdrawn_on:
                consent.state = "withdrawn"
            elif consent.valid_until and consent.valid_until < today:
                consent.state = "expired"
            else:
                consent.state = "valid"

    @api.constrains("legal_basis", "basis_reason", "given_by", "representative_name", "method")
    def _check_terms(self):
        for consent in self:
            if consent.legal_basis in EXCEPTION_BASES:
                if not (consent.basis_reason or "").strip():
                    raise ValidationError(
                        self.env._("An exception to the patient's consent needs its reason.")
                    )
                continue
            if not consent.given_by or not consent.method:
                raise ValidationError(self.env._("Record who gave the consent, and how."))
            if (
                consent.given_by == "representative"
                and not (consent.representative_name or "").strip()
            ):
                raise ValidationError(self.env._("Name the legal representative who consented."))

    @api.constrains("date_given", "valid_until")
    def _check_dates(self):
        for consent in self:
            if consent.valid_until and consent.valid_until < consent.date_given:
                raise ValidationError(
                    self.env._("A consent cannot end before the day it was given.")
                )

    @api.constrains("case_id", "patient_id")
    def _check_case_patient(self):
        # the case may be restricted: its patient is compared without reading the case
        pairs = [(consent.case_id, consent.patient_id) for consent in self if consent.case_id]
        if not self.env["social.case"]._social_are_cases_of(pairs):
            raise ValidationError(self.env._("The consent's patient is the patient of its case."))

    @api.onchange("purpose_id", "date_given")
    def _onchange_purpose_validity(self):
        if self.purpose_id.validity_months and self.date_given and not self.valid_until:
            self.valid_until = self.date_given + relativedelta(
                months=self.purpose_id.validity_months
            )

    @api.onchange("case_id")
    def _onchange_case_id(self):
        if self.case_id:
            self.patient_id = self.case_id.patient_id

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            case_id = vals.get("case_id") or self.env.context.get("default_case_id")
            if case_id and not vals.get("patient_id"):
                vals["patient_id"] = self.env["social.case"].browse(case_id).patient_id.id
            if case_id and not vals.get("company_id"):
                vals["company_id"] = self.env["social.case"].browse(case_id).company_id.id
        return super().create(vals_list)

    def write(self, vals):
        if "active" in vals and not self.env.su:
            raise UserError(
                self.env._(
                    "A consent is never archived: the law keeps it. Withdraw it, with the "
                    "date and the reason, to end it."
                )
            )
        if not self.env.su:
            locked = set(vals) & set(LOCKED_FIELDS)
            if locked:
                raise UserError(
                    self.env._(
                        "The terms of a consent are locked once it is recorded: withdraw it "
                        "and record a new one to correct it."
                    )
                )
            if "document" in vals and any(consent.document for consent in self):
                raise UserError(self.env._("The signed document of a consent cannot be replaced."))
            if "withdrawal_reason" in vals and any(c.state == "withdrawn" for c in self):
                raise UserError(self.env._("The consent is already withdrawn."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_evidence(self):
        raise UserError(
            self.env._(
                "A consent is never deleted: the law keeps it. Withdraw it, with the date and "
                "the reason, to end it."
            )
        )

    def _social_anonymise_values(self, placeholder):
        vals = super()._social_anonymise_values(placeholder)
        # the terms stay complete: who consented becomes anonymous, not missing
        if self.given_by == "representative":
            vals["representative_name"] = self.env._("Anonymised")
        if self.legal_basis in EXCEPTION_BASES:
            vals["basis_reason"] = self.env._("Anonymised")
        return vals

    # -- actions ------------------------------------------------------------------------
    @social_action("read")
    def action_withdraw(self):
        """The patient (or their representative) withdraws: nothing more leaves, from now."""
        for consent in self:
            if consent.state == "withdrawn":
                raise UserError(
                    self.env._("%(consent)s is already withdrawn.", consent=consent.display_name)
                )
            if not (consent.withdrawal_reason or "").strip():
                raise UserError(
                    self.env._("Write who withdrew the consent, and why, before withdrawing it.")
                )
        self.write(
            {"withdrawn_on": fields.Date.context_today(self), "withdrawn_by_id": self.env.uid}
        )
        # the addons' reactions are the system's: the person withdrawing may not read nor
        # write every request that relied on the consents
        consents = self.sudo()
        consents._on_withdraw()
        consents._on_end()
        return True

    @social_action("read")
    def action_renew(self):
        """A new consent with the same terms, from today (the old one stays as it was)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {
                "default_patient_id": self.patient_id.id,
                "default_case_id": self.case_id.id,
                "default_purpose_id": self.purpose_id.id,
                "default_given_by": self.given_by,
                "default_representative_name": self.representative_name,
                "default_method": self.method,
            },
        }

    # -- business methods -------------------------------------------------------------------
    def _on_withdraw(self):
        """Hook: each addon flags the open requests that relied on the withdrawn consents.
        Called as the system (``action_withdraw``)."""
        return True

    def _on_end(self):
        """Hook: the consents stopped counting (withdrawn, or expired when the nightly job
        runs); each addon stops showing the patient where only the consent allowed it.
        Called as the system (``action_withdraw``, the nightly job)."""
        return True

    @api.model
    def _valid_consents(self, patients, purpose_code):
        """The consents (and recorded exceptions) valid today for ``purpose_code`` of
        ``patients``, in one query whatever their number. Called as the system
        (``_check_sharing``): a consent covers the patient, whoever recorded it."""
        today = fields.Date.context_today(self)
        return self.with_context(active_test=True).search(
            [
                ("patient_id", "in", patients.ids),
                ("purpose_id.code", "=", purpose_code),
                ("withdrawn_on", "=", False),
                ("date_given", "<=", today),
                "|",
                ("valid_until", "=", False),
                ("valid_until", ">=", today),
            ]
        )

    @api.model
    def _check_sharing(self, patients, purpose_code, raise_if_missing=True):
        """{patient id: consent} for ``patients`` and the purpose ``purpose_code``: the one
        place that decides whether data may leave the service (SECURITY.md T20).

        Raises a ``UserError`` naming the patients without a valid consent or recorded
        exception, unless ``raise_if_missing`` is False. A constant number of queries."""
        # read as the system: a consent covers the patient, whoever recorded it, and the
        # purpose is named to a sender who may not be a social worker
        system = self.sudo()
        consents = system._valid_consents(patients, purpose_code)
        found = {}
        for consent in consents:
            found.setdefault(consent.patient_id.id, consent)
        missing = patients.filtered(lambda patient: patient.id not in found)
        if missing and raise_if_missing:
            purpose = system.env["social.consent.purpose"].search(
                [("code", "=", purpose_code)], limit=1
            )
            raise UserError(
                self.env._(
                    "No valid consent of %(patients)s for %(purpose)s: record the patient's "
                    "consent, or an exception with its reason, before sharing.",
                    patients=", ".join(missing.mapped("name")),
                    purpose=purpose.name or purpose_code,
                )
            )
        return found

    @api.model
    def _cron_refresh_state(self):
        """Consents whose end date passed become expired (checks compare with today anyway)."""
        today = fields.Date.context_today(self)
        consents = self.search([("state", "=", "valid"), ("valid_until", "<", today)])
        # what depends on the state (a liaison request's consent) follows
        consents.modified(["valid_until"])
        self.env.flush_all()
        consents._on_end()

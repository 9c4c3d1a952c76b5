from datetime import timedelta

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.osv import expression
from odoo.tools import SQL, create_index

from .social_privacy_mixin import social_action

# days without contact after which a case of no team goes quiet (a team sets its own)
QUIET_DAYS = 30


# the patient's situation: what a new case takes from the last one (social_case_situation.py)
# and what the anonymisation erases
SITUATION_FIELDS = (
    "household_type",
    "dependants_count",
    "income_source",
    "insurer_id",
    "insurer_member_number",
    "has_increased_reimbursement",
    "residence_status",
    "housing",
    "language_id",
    "interpreter_needed",
    "legal_protection",
    "autonomy",
    "patient_birthdate",
)


class SocialCase(models.Model):
    _name = "social.case"
    _description = "Social Case"
    _inherit = [
        "social.privacy.thread",
        "mail.thread",
        "mail.activity.mixin",
        "social.patient.identifiers.mixin",
    ]
    _order = "priority desc, date_open desc, id desc"
    _check_company_auto = True
    # the retention (social_case_retention.py) and the situation a new case takes from the
    # last one (social_case_situation.py) are in files of their own; the declarations of
    # the privacy layer below name their fields too
    # the care team and liaison providers never read a case (no access right either)
    _social_care_fields = ()
    # the head of the service decides what is kept past the retention period
    _social_group_fields = {"legal_hold": "social_case.group_social_manager"}
    _social_system_fields = ("name", "anonymised_on")
    _social_sequence = "social.case"
    # the patient's situation: erased by the anonymisation (the free texts are, anyway)
    _social_identifying_fields = SITUATION_FIELDS

    # -- identity -------------------------------------------------------------
    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/", index="trigram"
    )
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    patient_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain="[('is_company', '=', False)]",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Referent",
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        check_company=True,
        help="The one social worker who follows the patient across the whole care pathway.",
    )
    coworker_ids = fields.Many2many(
        "res.users",
        "social_case_coworker_rel",
        "case_id",
        "user_id",
        string="Co-workers",
        check_company=True,
    )
    team_id = fields.Many2one("social.team", index=True, tracking=True, check_company=True)
    stage_id = fields.Many2one(
        "social.case.stage",
        index=True,
        tracking=True,
        ondelete="restrict",
        group_expand="_read_group_expand_full",
        default=lambda self: self._default_stage_id(),
        copy=False,
    )
    is_closed = fields.Boolean(related="stage_id.is_closed", store=True, index=True)
    priority = fields.Selection(
        [("0", "Normal"), ("1", "Important"), ("2", "Urgent")],
        default="0",
        index=True,
        tracking=True,
    )
    color = fields.Integer()
    date_open = fields.Date(string="Opened On", required=True, default=fields.Date.context_today)
    date_closed = fields.Date(string="Closed On", tracking=True, copy=False)
    close_reason = fields.Selection(
        [
            ("goal_reached", "Goals reached"),
            ("transferred", "Transferred to another service"),
            ("refused", "Patient declined follow-up"),
            ("moved", "Patient moved away"),
            ("deceased", "Patient deceased"),
            ("other", "Other"),
        ],
        tracking=True,
        copy=False,
    )
    beneficiary_type = fields.Selection(
        [
            ("patient", "Patient"),
            ("staff", "Hospital Staff Member"),
            ("relative", "Relative of a Patient"),
        ],
        string="Beneficiary",
        default="patient",
        required=True,
        index=True,
        help="The social service helps the hospital's patients, their relatives and the "
        "members of its staff.",
    )
    confidentiality = fields.Selection(
        [("normal", "Normal"), ("restricted", "Restricted"), ("minor", "Minor")],
        default="normal",
        required=True,
        index=True,
        tracking=True,
        help="Restricted and minors' cases are visible only to their referent and co-workers.",
    )
    summary = fields.Html(string="Situation Summary", sanitize_style=True)

    # -- the patient's situation ----------------------------------------------
    household_type = fields.Selection(
        [
            ("single", "Single"),
            ("couple", "Couple"),
            ("cohabitant", "Cohabitant"),
            ("single_parent", "Single Parent"),
            ("institution", "Lives in an Institution"),
        ],
        string="Household",
    )
    dependants_count = fields.Integer(string="Dependants")
    income_source = fields.Selection(
        [
            ("work", "Work Income"),
            ("unemployment", "Unemployment Benefit"),
            ("sickness", "Sickness or Disability Benefit"),
            ("pension", "Pension"),
            ("integration_income", "Social Integration Income (CPAS/OCMW)"),
            ("disability_allowance", "Disability Allowance"),
            ("none", "No Income"),
            ("other", "Other"),
        ]
    )
    insurer_id = fields.Many2one(
        "res.partner",
        string="Health Insurer",
        domain="[('is_company', '=', True)]",
        check_company=True,
    )
    insurer_member_number = fields.Char()
    has_increased_reimbursement = fields.Boolean(
        string="Increased Reimbursement (BIM/VIPO)",
        help="The patient already has the increased reimbursement status.",
    )
    residence_status = fields.Selection(
        [
            ("belgian", "Belgian National"),
            ("eu", "EU Citizen"),
            ("resident", "Residence Permit"),
            ("asylum_seeker", "Asylum Seeker"),
            ("irregular", "No Legal Residence"),
            ("other", "Other"),
        ]
    )
    housing = fields.Selection(
        [
            ("owner", "Owner"),
            ("tenant_private", "Tenant (private)"),
            ("tenant_social", "Tenant (social housing)"),
            ("family", "Housed by Family"),
            ("institution", "Institution"),
            ("shelter", "Shelter"),
            ("homeless", "Homeless"),
        ]
    )
    language_id = fields.Many2one("social.language")
    interpreter_needed = fields.Boolean()
    legal_protection = fields.Selection(
        [
            ("none", "None"),
            ("property", "Administration of Property"),
            ("person", "Administration of the Person"),
            ("both", "Property and Person"),
            ("guardianship", "Guardianship (minor)"),
        ],
        default="none",
    )
    autonomy = fields.Selection(
        [
            ("autonomous", "Autonomous"),
            ("partial", "Needs Some Help"),
            ("dependent", "Dependent"),
        ],
        string="Autonomy in Daily Living",
    )
    patient_zip = fields.Char(related="patient_id.zip", string="Patient's Postal Code")

    # -- the work --------------------------------------------------------------
    need_ids = fields.One2many("social.case.need", "case_id", string="Needs")
    contact_ids = fields.One2many(
        "social.case.contact", "case_id", string="People Around the Patient"
    )
    intervention_ids = fields.One2many("social.intervention", "case_id", string="Interventions")
    episode_ids = fields.One2many("social.case.episode", "case_id", string="Episodes")
    note_ids = fields.One2many("social.case.note", "case_id", string="Notes")
    referral_ids = fields.One2many("social.referral", "case_id", string="Referrals")
    plan_ids = fields.One2many("social.case.plan", "case_id", string="Plan Versions")
    plan_id = fields.Many2one("social.case.plan", string="Current Plan", compute="_compute_plan_id")
    plan_overdue_count = fields.Integer(
        string="Overdue Plan Actions",
        compute="_compute_plan_overdue_count",
        help="Actions of the current plan still to do whose due date has passed.",
    )
    # computed, not a plain one2many: Odoo searches a one2many's lines without their
    # record rules, which would tell who may not read the other case that a link exists
    link_ids = fields.One2many(
        "social.case.link",
        string="Linked Cases of the Household",
        compute="_compute_link_ids",
        search="_search_link_ids",
        help="The cases of the patient's household you may read, with the relation.",
    )
    flag_ids = fields.One2many("social.case.flag", "case_id", string="Flags")
    referent_history_ids = fields.One2many(
        "social.case.referent",
        "case_id",
        string="Referents",
        help="Who followed the case, from when to when, and why the referent changed.",
    )
    cover_user_ids = fields.Many2many(
        "res.users",
        string="Covered By",
        compute="_compute_cover_user_ids",
        # the referent's absences are read as the system: a worker reads only their own
        compute_sudo=True,
        search="_search_cover_user_ids",
        help="The colleagues who cover the referent's absence today: they read and act on "
        "the case until the absence ends.",
    )
    flag_type_ids = fields.Many2many(
        "social.case.flag.type",
        string="Current Flags",
        compute="_compute_flag_type_ids",
        search="_search_flag_type_ids",
        help="The flags the team sees on the case: set, not removed, not past their end date.",
    )
    access_grant_ids = fields.One2many(
        "social.case.access.grant",
        "case_id",
        string="Emergency Accesses",
        groups="social_case.group_social_manager",
    )
    waiting_answer = fields.Boolean(
        string="Waiting for an Answer",
        index=True,
        tracking=True,
        help="Set while the case waits on someone outside the service "
        "(insurer, CPAS, family, a provider); shown by the 'Waiting for an Answer' filter.",
    )
    meeting_count = fields.Integer(compute="_compute_meeting_count", string="Meetings")
    attachment_count = fields.Integer(compute="_compute_attachment_count", string="Documents")
    consent_ids = fields.One2many("social.consent", "case_id", string="Consents")
    consent_count = fields.Integer(compute="_compute_consent_count", string="Valid Consents")
    # tell the story once: the patient's other cases the user may read, latest first
    previous_case_ids = fields.Many2many(
        "social.case",
        string="Earlier Cases",
        compute="_compute_previous_case_ids",
        help="The patient's other cases of this site that you may read, the latest first.",
    )
    previous_case_count = fields.Integer(
        string="Number of Earlier Cases", compute="_compute_previous_case_ids"
    )
    intervention_count = fields.Integer(compute="_compute_intervention_stats")
    intervention_minutes = fields.Integer(
        string="Time Spent (minutes)", compute="_compute_intervention_stats"
    )
    # what a worker needs on the caseload card: where the patient is and when they last spoke
    current_stay_id = fields.Many2one(
        "social.case.episode",
        string="Current Hospital Stay",
        compute="_compute_current_stay",
        help="The patient's hospital stay under way: the latest one not ended.",
    )
    current_unit_id = fields.Many2one("social.unit", string="Unit", compute="_compute_current_stay")
    current_room = fields.Char(string="Room", compute="_compute_current_stay")
    expected_discharge_date = fields.Date(
        string="Expected Discharge", compute="_compute_current_stay"
    )
    last_contact_date = fields.Datetime(
        string="Last Contact", compute="_compute_last_contact", store=True, index=True
    )
    days_since_contact = fields.Integer(
        string="Days Since Last Contact", compute="_compute_days_since_contact"
    )
    # stored dates the automation rules are triggered on (data/social_automation_data.xml)
    quiet_date = fields.Date(
        string="Quiet On",
        compute="_compute_quiet_dates",
        store=True,
        index=True,
        help="The day an open case has had no contact for its team's number of days since the "
        "last contact (or its opening): its referent is reminded.",
    )
    escalation_date = fields.Date(
        string="Team Leader Told On",
        compute="_compute_quiet_dates",
        store=True,
        index=True,
        help="Twice as many days without contact: the team leader is told.",
    )
    is_quiet = fields.Boolean(
        string="Quiet",
        compute="_compute_is_quiet",
        store=True,
        index=True,
        help="No contact for the team's number of days: refreshed every night.",
    )
    team_leader_id = fields.Many2one(related="team_id.leader_id", string="Team Leader")

    _sql_constraints = [
        ("name_company_unique", "UNIQUE(name, company_id)", "A case with this reference exists."),
        (
            "dependants_count_positive",
            "CHECK(dependants_count >= 0)",
            "The number of dependants cannot be negative.",
        ),
        (
            "dates_ordered",
            "CHECK(date_closed IS NULL OR date_closed >= date_open)",
            "A case cannot be closed before it was opened.",
        ),
    ]

    def init(self):
        # the lists and the caseload read the cases in this order, LIMIT 80: an index in the
        # same order lets PostgreSQL stop at the 80th readable case instead of sorting them all
        create_index(
            self.env.cr,
            "social_case_list_order_index",
            self._table,
            ["priority DESC", "date_open DESC", "id DESC"],
        )
        # one open case per patient and site, even under concurrent triage: checked at commit,
        # so that the constraint below answers first with its message
        self.env.cr.execute(
            SQL(
                "SELECT 1 FROM pg_constraint WHERE conname = %s",
                "social_case_one_open_per_patient",
            )
        )
        if not self.env.cr.fetchone():
            # the unique index of earlier versions gives way to the constraint
            self.env.cr.execute(SQL("DROP INDEX IF EXISTS social_case_one_open_per_patient"))
            self.env.cr.execute(
                SQL(
                    "ALTER TABLE social_case ADD CONSTRAINT social_case_one_open_per_patient "
                    "EXCLUDE USING btree (patient_id WITH =, company_id WITH =) "
                    "WHERE (active AND NOT is_closed) DEFERRABLE INITIALLY DEFERRED"
                )
            )

    # -- defaults, computes ----------------------------------------------------
    @api.depends("name", "confidentiality")
    @api.depends_context("uid")
    def _compute_display_name(self):
        # Odoo names the value of a many2one as superuser: the reference of a restricted or
        # minor's case is shown only to who may read it (T5, T18)
        hidden = self.browse()
        if self.env.su and self.env.uid != SUPERUSER_ID:
            confidential = self.filtered(lambda c: c.id and c.confidentiality != "normal")
            if confidential:
                hidden = confidential - confidential.with_env(self.env(su=False))._filtered_access(
                    "read"
                )
        for case in self:
            case.display_name = self.env._("Restricted case") if case in hidden else case.name

    @api.model
    def _default_stage_id(self):
        return self.env["social.case.stage"].search([("is_closed", "=", False)], limit=1)

    @api.depends("intervention_ids.duration")
    def _compute_intervention_stats(self):
        data = {
            case.id: (count, minutes)
            for case, count, minutes in self.env["social.intervention"]._read_group(
                [("case_id", "in", self.ids)], ["case_id"], ["__count", "duration:sum"]
            )
        }
        for case in self:
            case.intervention_count, case.intervention_minutes = data.get(case.id, (0, 0))

    @api.depends("plan_ids.is_current")
    def _compute_plan_id(self):
        for case in self:
            case.plan_id = case.plan_ids.filtered("is_current")[:1]

    @api.depends_context("tz")
    def _compute_plan_overdue_count(self):
        counts = self.env["social.case.plan.action"]._overdue_counts("case_id", self.ids)
        for case in self:
            case.plan_overdue_count = counts.get(case._origin.id or case.id, 0)

    @api.depends("user_id", "confidentiality", "company_id")
    @api.depends_context("uid", "tz")
    def _compute_cover_user_ids(self):
        absences = self.env["social.absence"].search(
            [("user_id", "in", self.user_id.ids), ("is_current", "=", True)]
        )
        for case in self:
            case.cover_user_ids = absences.filtered(
                lambda a, case=case: (
                    case.confidentiality == "normal"
                    and a.user_id == case.user_id
                    and a.company_id == case.company_id
                )
            ).cover_user_id

    def _search_cover_user_ids(self, operator, value):
        """The normal cases whose referent is absent today and covered by the users
        ``value`` (the record rules ask it of every case model: kept for the day)."""
        ids = [value] if isinstance(value, int) else value
        if operator not in ("in", "=") or not isinstance(ids, (list, tuple)):
            raise UserError(self.env._("Search the cases covered by a colleague with a user."))
        if not all(isinstance(id_, int) for id_ in ids):
            raise UserError(self.env._("Search the cases covered by a colleague with a user."))
        covered = self.env["social.absence"]._covered_referents(ids)
        return [("confidentiality", "=", "normal"), ("user_id", "in", covered)]

    def _compute_link_ids(self):
        links = self.env["social.case.link"].search([("case_id", "in", self._origin.ids)])
        for case in self:
            case.link_ids = links.filtered(lambda link, case=case: link.case_id == case._origin)

    def _search_link_ids(self, operator, value):
        """Cases by the links the user may read (the links' rules ask both cases)."""
        Link = self.env["social.case.link"]
        if operator in ("any", "not any"):
            domain, positive = value, operator == "any"
        elif operator in ("=", "!=") and value is False:
            domain, positive = [], operator == "!="
        elif operator in ("in", "not in", "=", "!="):
            ids = value if isinstance(value, (list, tuple)) else [value]
            domain, positive = [("id", "in", list(ids))], operator in ("in", "=")
        else:
            raise UserError(self.env._("Search the cases by their household links."))
        case_ids = Link.search(domain).case_id.ids
        return [("id", "in" if positive else "not in", case_ids)]

    @api.depends("flag_ids.flag_type_id", "flag_ids.active", "flag_ids.date_until")
    @api.depends_context("tz")
    def _compute_flag_type_ids(self):
        types = self.env["social.case.flag"]._current_types(self._origin.ids)
        for case in self:
            case.flag_type_ids = [Command.set(types.get(case._origin.id, []))]

    def _search_flag_type_ids(self, operator, value):
        if operator not in ("in", "not in", "=", "!=", "ilike", "not ilike"):
            raise UserError(self.env._("Search the cases by the flags they show."))
        Flag = self.env["social.case.flag"]
        positive = operator in ("in", "=", "ilike")
        if operator in ("ilike", "not ilike"):
            flags = [("flag_type_id.name", "ilike", value), *Flag._current_domain()]
            return [("flag_ids", "any" if positive else "not any", flags)]
        if value is False:
            # no flag showing, or at least one
            return [("flag_ids", "not any" if positive else "any", Flag._current_domain())]
        values = value if isinstance(value, (list, tuple)) else [value]
        flags = [("flag_type_id", "in", list(values)), *Flag._current_domain()]
        return [("flag_ids", "any" if positive else "not any", flags)]

    @api.depends("episode_ids.date_end", "episode_ids.unit_id", "episode_ids.room")
    def _compute_current_stay(self):
        stays = self.env["social.case.episode"].search(
            [
                ("case_id", "in", self.ids),
                ("episode_type", "=", "hospital_stay"),
                ("date_end", "=", False),
            ]
        )
        current = {}
        for stay in stays:  # ordered latest first
            current.setdefault(stay.case_id.id, stay)
        for case in self:
            stay = current.get(case.id, self.env["social.case.episode"])
            case.current_stay_id = stay
            case.current_unit_id = stay.unit_id
            case.current_room = stay.room
            case.expected_discharge_date = stay.expected_end_date

    @api.depends("intervention_ids.date")
    def _compute_last_contact(self):
        data = dict(
            self.env["social.intervention"]._read_group(
                [("case_id", "in", self.ids)], ["case_id"], ["date:max"]
            )
        )
        for case in self:
            case.last_contact_date = data.get(case) or False

    @api.depends("last_contact_date")
    def _compute_days_since_contact(self):
        now = fields.Datetime.now()
        for case in self:
            last = case.last_contact_date
            case.days_since_contact = (now - last).days if last else 0

    @api.depends("last_contact_date", "date_open", "is_closed", "team_id.quiet_days")
    def _compute_quiet_dates(self):
        for case in self:
            since = case.last_contact_date.date() if case.last_contact_date else case.date_open
            days = case.team_id.quiet_days or QUIET_DAYS
            if case.is_closed or not since:
                case.quiet_date = case.escalation_date = False
                continue
            case.quiet_date = since + timedelta(days=days)
            case.escalation_date = since + timedelta(days=2 * days)

    @api.depends("quiet_date")
    def _compute_is_quiet(self):
        today = fields.Date.context_today(self)
        for case in self:
            case.is_quiet = bool(case.quiet_date and case.quiet_date <= today)

    @api.model
    def _cron_refresh_quiet(self):
        """Every night: the cases that went quiet, or woke up, since yesterday, in one
        UPDATE whatever the number of cases (the rest of the day, a contact recomputes its
        case's dates)."""
        self.env.flush_all()
        today = fields.Date.context_today(self)
        self.env.cr.execute(
            SQL(
                """UPDATE social_case SET is_quiet = (quiet_date IS NOT NULL AND quiet_date <= %s)
                    WHERE is_quiet IS DISTINCT FROM
                          (quiet_date IS NOT NULL AND quiet_date <= %s)
                RETURNING id""",
                today,
                today,
            )
        )
        changed = self.browse(row[0] for row in self.env.cr.fetchall())
        self.env.invalidate_all()
        return changed

    def _compute_meeting_count(self):
        data = dict(
            self.env["calendar.event"]._read_group(
                [("res_model", "=", self._name), ("res_id", "in", self.ids)],
                ["res_id"],
                ["__count"],
            )
        )
        for case in self:
            case.meeting_count = data.get(case.id, 0)

    def _compute_attachment_count(self):
        data = dict(
            self.env["ir.attachment"]._read_group(
                [("res_model", "=", self._name), ("res_id", "in", self.ids)],
                ["res_id"],
                ["__count"],
            )
        )
        for case in self:
            case.attachment_count = data.get(case.id, 0)

    @api.depends("patient_id", "company_id")
    @api.depends_context("uid")
    def _compute_previous_case_ids(self):
        # one search for every case shown; record rules keep out what the user may not read
        others = self.search(
            [
                ("patient_id", "in", self.patient_id.ids),
                ("company_id", "in", self.company_id.ids),
            ],
            order="date_open desc, id desc",
        )
        for case in self:
            previous = others.filtered(
                lambda other, case=case: (
                    other.patient_id == case.patient_id
                    and other.company_id == case.company_id
                    and other.id != case.id
                    and other.date_open <= (case.date_open or other.date_open)
                )
            )
            case.previous_case_ids = previous
            case.previous_case_count = len(previous)

    @api.depends("consent_ids.state")
    def _compute_consent_count(self):
        data = dict(
            self.env["social.consent"]._read_group(
                [("case_id", "in", self.ids), ("state", "=", "valid")], ["case_id"], ["__count"]
            )
        )
        for case in self:
            case.consent_count = data.get(case, 0)

    # -- constraints -------------------------------------------------------------
    @api.constrains("patient_id", "company_id", "stage_id", "active")
    def _check_one_open_case_per_patient(self):
        open_cases = self.filtered(lambda c: c.active and not c.is_closed)
        if not open_cases:
            return
        # the other open case may be one the user may not read
        clashes = self._social_count(
            [
                ("id", "not in", open_cases.ids),
                ("patient_id", "in", open_cases.patient_id.ids),
                ("company_id", "in", open_cases.company_id.ids),
                ("is_closed", "=", False),
            ],
            ["patient_id", "company_id"],
        )
        for case in open_cases:
            if (case.patient_id, case.company_id) in clashes:
                case._raise_open_case_exists(case.patient_id)

    def _raise_open_case_exists(self, patient):
        """The one message of the invariant "one open case per patient and site" (also kept
        by the exclusion constraint ``social_case_one_open_per_patient``). It names neither
        the open case nor its referent: the user may not be allowed to read them."""
        raise ValidationError(
            self.env._(
                "%(patient)s already has an open social case. Add this follow-up to that case, "
                "or ask the coordinator to hand it over to you.",
                patient=patient.display_name,
            )
        )

    # -- CRUD --------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        cases = super().create(vals_list)
        cases.filtered("user_id")._social_record_referents(opened=True)
        return cases

    def write(self, vals):
        if "stage_id" in vals:
            stage = self.env["social.case.stage"].browse(vals["stage_id"])
            if stage.is_closed and "date_closed" not in vals:
                vals["date_closed"] = fields.Date.context_today(self)
            elif not stage.is_closed:
                vals.setdefault("date_closed", False)
        moved = self.browse()
        if "user_id" in vals:
            moved = self.filtered(lambda case: case.user_id.id != (vals["user_id"] or False))
        result = super().write(vals)
        if moved:
            moved._social_record_referents(self.env.context.get("social_referent_reason"))
        return result

    def _social_record_referents(self, reason=False, opened=False):
        """The referents' history of cases just opened (``opened``: the first line, from
        the opening) or whose referent just changed: the current line of each ends today, a
        new one starts with the new referent and the reason (three queries for any number
        of cases)."""
        # the history is written by the system only: no user writes it
        History = self.env["social.case.referent"].sudo()
        today = self.env["social.absence"]._today()
        if not opened:
            current = History.search([("case_id", "in", self.ids), ("date_to", "=", False)])
            current.filtered(lambda line: line.date_from <= today).write({"date_to": today})
            # a case opened on a later day than today's in the user's time zone
            for line in current.filtered(lambda line: line.date_from > today):
                line.date_to = line.date_from
        History.create(
            [
                {
                    "case_id": case.id,
                    "user_id": case.user_id.id,
                    "date_from": case.date_open if opened else today,
                    "reason": reason or False,
                    "changed_by_id": self.env.uid,
                }
                for case in self
                if case.user_id
            ]
        )

    @social_action("read")
    def action_view_access_log(self):
        self.ensure_one()
        if not self.env.user.has_group("social_case.group_social_manager"):
            raise AccessError(
                self.env._("Only the head of the social service reads the access log.")
            )
        self.check_access("read")
        action = self.env["ir.actions.actions"]._for_xml_id(
            "social_case.social_case_access_log_action"
        )
        action["domain"] = [("case_id", "=", self.id)]
        action["context"] = {}
        return action

    # -- actions -------------------------------------------------------------------

    @social_action("read")
    def action_view_meetings(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.actions"]._for_xml_id("calendar.action_calendar_event")
        action["domain"] = [("res_model", "=", self._name), ("res_id", "=", self.id)]
        action["context"] = self._get_meeting_context()
        return action

    @social_action("read")
    def action_schedule_meeting(self):
        self.ensure_one()
        action = self.action_view_meetings()
        action["views"] = [(False, "form")]
        action["view_mode"] = "form"
        return action

    @social_action("read")
    def action_log_intervention(self):
        """The intervention in a dialog of its own: saving the dialog stores it, whether
        or not the case is saved afterwards."""
        self.ensure_one()
        self.check_access("write")
        form = self.env.ref("social_case.social_intervention_view_form_dialog")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Log an Intervention"),
            "res_model": "social.intervention",
            "view_mode": "form",
            "views": [(form.id, "form")],
            "target": "new",
            "context": {"default_case_id": self.id},
        }

    def _get_meeting_context(self):
        partners = self.env.user.partner_id | self.user_id.partner_id | self.coworker_ids.partner_id
        return {
            "default_res_model": self._name,
            "default_res_id": self.id,
            "default_res_model_id": self.env["ir.model"]._get_id(self._name),
            # the meeting is named after the case reference, never after the patient
            "default_name": self.env._("Meeting %(case)s", case=self.name),
            "default_partner_ids": partners.ids,
            "default_privacy": "private",
        }

    @social_action("write")
    def action_open_plan(self):
        """The case's current plan, made now if the case has none."""
        self.ensure_one()
        plan = self.plan_id or self.env["social.case.plan"].create({"case_id": self.id})
        return plan._get_form_action()

    @social_action("read")
    def action_view_consents(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id("social_case.social_consent_action")
        action["domain"] = [("patient_id", "=", self.patient_id.id)]
        action["context"] = {"default_case_id": self.id, "search_default_filter_valid": 1}
        return action

    @social_action("read")
    def action_view_attachments(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.actions"]._for_xml_id("base.action_attachment")
        action["domain"] = [("res_model", "=", self._name), ("res_id", "=", self.id)]
        action["context"] = {"default_res_model": self._name, "default_res_id": self.id}
        return action

    # -- business methods ------------------------------------------------------------
    @api.model
    def _get_open_case(self, patients, company):
        """The open case of a patient (of one of ``patients``) in a company, or an empty
        recordset: found and handed back as the system's, the one open case whoever may
        read it (the triage, the referrer's confirmation); the callers name it only to who
        may read it."""
        if not patients:
            return self.browse()
        # the one open case, whoever may read it (see above)
        return self.sudo().search(
            [
                ("patient_id", "in", patients.ids),
                ("company_id", "=", company.id),
                ("is_closed", "=", False),
            ],
            limit=1,
        )

    @api.model
    def _social_are_cases_of(self, pairs):
        """Whether, in each (case, contact) of ``pairs``, the contact is the patient of the
        case: the check of records tied to a case and to its patient (consents, referrals),
        made for whoever writes them, even on cases they may not read (restricted). One
        query for the batch (``_social_count``); only the answer comes out, never a case."""
        pairs = {(case.id, patient.id) for case, patient in pairs}
        if not all(case_id and patient_id for case_id, patient_id in pairs):
            return False
        if not pairs:
            return True
        domain = expression.OR([[("id", "=", c), ("patient_id", "=", p)] for c, p in pairs])
        return self.with_context(active_test=False)._social_count(domain)[()] == len(pairs)

    @api.model
    def _get_open_caseload(self, users):
        """{user id: number of open cases they are referent of}, in one query.

        Counted as superuser: balancing caseloads must count the restricted cases too,
        and only a number per user comes out.
        """
        if not users:
            return {}
        if not self.env.user.has_group("social_case.group_social_coordinator"):
            raise AccessError(self.env._("Only coordinators compare caseloads."))
        # restricted cases counted too: only a number per user comes out
        counts = self.with_context(active_test=True)._social_count(
            [("user_id", "in", users.ids), ("is_closed", "=", False)], ["user_id"]
        )
        return {user.id: count for (user,), count in counts.items()}

import pytz

from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError
from odoo.osv import expression

REASONS = [
    ("leave", "Leave"),
    ("sickness", "Sick leave"),
    ("training", "Training"),
    ("other", "Other"),
]


class SocialAbsence(models.Model):
    """A social worker's absence and the colleague who covers it.

    From the first to the last day (in the user's time zone), the covering colleague reads
    and acts on the normal cases the absent worker is referent of (``cover_user_ids`` on
    ``social.case``, in the record rules of the case and of every record that follows
    it), their reads logged as "cover"; the activities of those cases due in the period are
    routed to them, and the ones left undone go back when the absence ends. Restricted and
    minors' cases are not covered: their referent names co-workers for them."""

    _name = "social.absence"
    _description = "Absence of a Social Worker"
    # on the privacy layer for its checks of what a client sends (no case data: not logged)
    _inherit = ["social.privacy.mixin"]
    _social_log_reads = False
    _order = "date_from desc, id desc"
    _check_company_auto = True

    user_id = fields.Many2one(
        "res.users",
        string="Absent Worker",
        required=True,
        index=True,
        ondelete="cascade",
        default=lambda self: self.env.user,
    )
    cover_user_id = fields.Many2one(
        "res.users",
        string="Covered By",
        required=True,
        index=True,
        ondelete="cascade",
        domain="[('id', 'in', eligible_cover_ids)]",
        help="The colleague who reads and acts on the absent worker's cases during the "
        "absence: a social worker of one of their teams, at the same site.",
    )
    # computed as the system: the absent worker's teams, at a site the user may not work in
    eligible_cover_ids = fields.Many2many(
        "res.users",
        compute="_compute_eligible_cover_ids",
        compute_sudo=True,
        string="Eligible Colleagues",
    )
    date_from = fields.Date(string="From", required=True, index=True)
    date_to = fields.Date(string="To", required=True, index=True)
    reason = fields.Selection(REASONS, required=True, default="leave")
    note = fields.Char(help="What the colleague should know: urgent cases, handover...")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)
    is_current = fields.Boolean(
        string="In Force", compute="_compute_is_current", search="_search_is_current"
    )
    # counted as the system: the activities routed for the absence, whoever may read them
    routed_activity_count = fields.Integer(
        string="Routed Activities", compute="_compute_routed_activity_count", compute_sudo=True
    )

    # -- computes ----------------------------------------------------------------------
    @api.depends("user_id", "company_id", "user_id.social_team_ids.member_ids")
    def _compute_eligible_cover_ids(self):
        for absence in self:
            absence.eligible_cover_ids = absence._eligible_covers()

    @api.depends("date_from", "date_to", "active")
    @api.depends_context("uid", "tz")
    def _compute_is_current(self):
        today = self._today()
        for absence in self:
            absence.is_current = bool(
                absence.active
                and absence.date_from
                and absence.date_to
                and absence.date_from <= today <= absence.date_to
            )

    def _search_is_current(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise ValidationError(self.env._("Search the absences in force with yes or no."))
        today = self._today()
        domain = [("active", "=", True), ("date_from", "<=", today), ("date_to", ">=", today)]
        return domain if (operator == "=") == value else ["!", "&", "&", *domain]

    def _compute_routed_activity_count(self):
        groups = dict(
            self.env["mail.activity"]._read_group(
                [("social_absence_id", "in", self.ids)], ["social_absence_id"], ["__count"]
            )
        )
        for absence in self:
            absence.routed_activity_count = groups.get(absence, 0)

    @api.model
    def _today(self):
        """Today in the current user's time zone (their preference, else the browser's)."""
        tz = self.env.user.tz or self.env.context.get("tz") or "UTC"
        if tz not in pytz.all_timezones_set:
            tz = "UTC"
        return fields.Datetime.now().astimezone(pytz.utc).astimezone(pytz.timezone(tz)).date()

    def _eligible_covers(self):
        """Who may cover the absence: the social workers of the absent worker's teams at the
        absence's site, as triage offers them as referents; never the worker themselves."""
        self.ensure_one()
        teams = self.env["social.team"].search(
            [("member_ids", "in", self.user_id.ids), ("company_id", "=", self.company_id.id)]
        )
        return teams._get_referents() - self.user_id

    # -- constraints -------------------------------------------------------------------
    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for absence in self:
            if absence.date_to < absence.date_from:
                raise ValidationError(self.env._("An absence cannot end before it starts."))
            if (absence.date_to - absence.date_from).days > 366:
                raise ValidationError(
                    self.env._(
                        "An absence covered by a colleague lasts a year at most: hand the "
                        "cases over instead (Transfer Caseload)."
                    )
                )

    @api.constrains("user_id", "cover_user_id", "company_id")
    def _check_cover(self):
        worker_group = self.env.ref("social_case.group_social_worker")
        for absence in self:
            if worker_group not in absence.user_id.groups_id:
                raise ValidationError(
                    self.env._(
                        "%(user)s is not a social worker: only a social worker's absence is "
                        "covered.",
                        user=absence.user_id.name,
                    )
                )
            if absence.cover_user_id == absence.user_id:
                raise ValidationError(self.env._("A worker cannot cover their own absence."))
            if absence.cover_user_id not in absence.eligible_cover_ids:
                raise ValidationError(
                    self.env._(
                        "%(cover)s cannot cover %(user)s: choose a social worker of one of "
                        "%(user)s's teams at %(site)s.",
                        cover=absence.cover_user_id.name,
                        user=absence.user_id.name,
                        site=absence.company_id.name,
                    )
                )

    @api.constrains("user_id", "date_from", "date_to", "active")
    def _check_no_overlap(self):
        for absence in self.filtered("active"):
            # every absence of the worker, including those the user may not read
            overlapping = self._social_count(
                [
                    ("id", "!=", absence.id),
                    ("user_id", "=", absence.user_id.id),
                    ("date_from", "<=", absence.date_to),
                    ("date_to", ">=", absence.date_from),
                ]
            )
            if overlapping[()]:
                raise ValidationError(
                    self.env._(
                        "%(user)s already has an absence in these dates: change it instead.",
                        user=absence.user_id.name,
                    )
                )

    # -- CRUD --------------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        absences = super().create(vals_list)
        absences._route_activities()
        self.env.registry.clear_cache()  # who covers whom: ``_covered_referents``
        return absences

    def write(self, vals):
        routed = {"user_id", "cover_user_id", "date_from", "date_to", "active"} & set(vals)
        if routed:
            # what was routed under the old terms goes back before the new ones apply
            self._return_activities()
        result = super().write(vals)
        if routed:
            self._route_activities()
            self.env.registry.clear_cache()  # who covers whom: ``_covered_referents``
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_return_activities(self):
        self._return_activities()

    def unlink(self):
        result = super().unlink()
        # after the deletion: a rule read in between would keep the absence's cover
        self.env.registry.clear_cache()  # who covers whom: ``_covered_referents``
        return result

    # -- cover -------------------------------------------------------------------------
    @api.model
    def _covered_referents(self, user_ids):
        """The ids of the workers whose absence ``user_ids`` cover today. The record rules of
        every case model ask it, as the rules of a team ask the user's teams: kept until
        today ends or an absence changes (which clears Odoo's caches, as a group does)."""
        return list(self._covered_referents_on(tuple(sorted(set(user_ids))), self._today()))

    @api.model
    @tools.ormcache("user_ids", "today")
    def _covered_referents_on(self, user_ids, today):
        absences = (
            self.sudo()  # the record rules ask it: no user reads every absence
            .with_context(active_test=True)
            .search(
                [
                    ("cover_user_id", "in", user_ids),
                    ("date_from", "<=", today),
                    ("date_to", ">=", today),
                ]
            )
        )
        return tuple(sorted(set(absences.user_id.ids)))

    def _covered_cases_domain(self):
        """The cases an absence covers: the absent worker's normal cases at its site."""
        return expression.OR(
            [
                [
                    ("user_id", "=", absence.user_id.id),
                    ("company_id", "=", absence.company_id.id),
                    ("confidentiality", "=", "normal"),
                ]
                for absence in self
            ]
            or [expression.FALSE_DOMAIN]
        )

    # -- activities --------------------------------------------------------------------
    def _route_activities(self):
        """Give the colleague the activities of the covered cases that fall due in the
        period and are assigned to the absent worker, for the absences in force today
        (before the first day the colleague may not read the cases yet)."""
        # routed by the system: the colleague may not read the cases nor their activities yet
        absences = self.sudo()
        Activity = absences.env["mail.activity"]
        Case = absences.env["social.case"].with_context(active_test=False)
        for absence in absences.filtered("is_current"):
            cases = Case._search(absence._covered_cases_domain())
            activities = Activity.search(
                [
                    ("res_model", "=", "social.case"),
                    ("res_id", "in", cases),
                    ("user_id", "=", absence.user_id.id),
                    ("date_deadline", ">=", absence.date_from),
                    ("date_deadline", "<=", absence.date_to),
                ]
            )
            if activities:
                # routed by the system: the colleague reads these cases while it is in force
                activities.with_context(mail_activity_quick_update=True).write(
                    {"user_id": absence.cover_user_id.id, "social_absence_id": absence.id}
                )

    def _return_activities(self):
        """The routed activities left undone go back to the absent worker."""
        # given back by the system: the absent worker's activities, read by no one else
        absences = self.sudo()
        for absence in absences:
            activities = absences.env["mail.activity"].search(
                [("social_absence_id", "=", absence.id)]
            )
            if activities:
                activities.with_context(mail_activity_quick_update=True).write(
                    {"user_id": absence.user_id.id, "social_absence_id": False}
                )

    # -- anonymisation (social.case._anonymise) ---------------------------------------
    @api.model
    def _social_anonymise_handover_notes(self, cases):
        """Empty the handover notes that may name the patients of ``cases``, which are
        anonymised: those of the absences of a worker who followed one of them, during its
        follow-up. Who was absent, when, and who covered stay."""
        # called by ``social.case._anonymise``, as the system (its ``self`` is sudo)
        referents = self.env["social.case.referent"].search([("case_id", "in", cases.ids)])
        today = fields.Date.context_today(self)
        # {user id: [(first, last day)]} of the cases they followed
        periods = {}
        for line in referents:
            case = line.case_id
            periods.setdefault(line.user_id.id, []).append(
                (case.date_open, case.date_closed or today)
            )
        if not periods:
            return
        spans = [span for user_spans in periods.values() for span in user_spans]
        absences = self.with_context(active_test=False).search(
            [
                ("user_id", "in", list(periods)),
                ("note", "!=", False),
                ("date_from", "<=", max(end for _start, end in spans)),
                ("date_to", ">=", min(start for start, _end in spans)),
            ]
        )
        absences.filtered(
            lambda absence: any(
                start <= absence.date_to and absence.date_from <= end
                for start, end in periods[absence.user_id.id]
            )
        ).write({"note": False})

    @api.model
    def _cron_route_activities(self):
        """Daily: the absences that ended give back what was left, those that started
        route what falls due."""
        # the nightly job runs as the superuser (ir_cron_data.xml): every absence, every
        # routed activity
        Absence = self.with_context(active_test=False)
        routed = Absence.env["mail.activity"].search([("social_absence_id", "!=", False)])
        Absence.search(
            [("id", "in", routed.social_absence_id.ids), "!", ("is_current", "=", True)]
        )._return_activities()
        Absence.search([("active", "=", True), ("is_current", "=", True)])._route_activities()

    @api.model
    def _route_new_activities(self, activities):
        """Activities just created on a case for a worker covered today go to the colleague."""
        on_cases = activities
        # routed by the system: the colleague may not read the absent worker's activities
        absences = (
            self.sudo()
            .with_context(active_test=True)
            .search(
                [
                    ("user_id", "in", on_cases.user_id.ids),
                    ("is_current", "=", True),
                ]
            )
        )
        for absence in absences:
            mine = on_cases.filtered(
                lambda a, absence=absence: (
                    a.user_id == absence.user_id
                    and absence.date_from <= a.date_deadline <= absence.date_to
                )
            )
            if not mine:
                continue
            covered = set(
                absences.env["social.case"]
                .with_context(active_test=False)
                ._search([("id", "in", mine.mapped("res_id")), *absence._covered_cases_domain()])
            )
            mine = mine.filtered(lambda a, covered=covered: a.res_id in covered)
            if mine:
                mine.with_env(absences.env).with_context(mail_activity_quick_update=True).write(
                    {"user_id": absence.cover_user_id.id, "social_absence_id": absence.id}
                )

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .social_privacy_mixin import social_action

GOAL_STATUSES = [
    ("open", "Open"),
    ("achieved", "Achieved"),
    ("partly", "Partly Achieved"),
    ("not_achieved", "Not Achieved"),
    ("abandoned", "Abandoned"),
]
OWNER_TYPES = [
    ("referent", "Referent"),
    ("colleague", "Colleague"),
    ("patient", "Patient"),
    ("relative", "Relative"),
    ("provider", "Provider"),
    ("service", "Internal Service"),
]
# the owners who are users of the service, and those who are contacts
USER_OWNERS = ("referent", "colleague")
PARTNER_OWNERS = ("relative", "provider")
AGREEMENT_MODES = [
    ("signed", "Signed by the Patient"),
    ("oral", "Oral Agreement"),
    ("representative", "Through the Legal Representative"),
]
ACTION_STATES = [("todo", "To Do"), ("done", "Done"), ("cancelled", "Cancelled")]
ACTION_TRANSITIONS = {
    "todo": {"done", "cancelled"},
    "done": {"todo"},
    "cancelled": {"todo"},
}
PLAN_ACTIVITY = "mail.mail_activity_data_todo"


class SocialCasePlan(models.Model):
    """What the social worker and the patient agreed to do, by when, and who does it.

    One current version per case; a review makes version n+1, which carries the open goals
    and the actions still to do, and keeps the earlier version as it was."""

    _name = "social.case.plan"
    _description = "Case Plan"
    _inherit = ["social.privacy.thread", "mail.thread", "mail.activity.mixin"]
    _order = "case_id, version desc, id desc"
    _check_company_auto = True
    # set by the reviews and the agreement, never by hand
    _social_system_fields = (
        "version",
        "is_current",
        "previous_id",
        "agreement_user_id",
        "total_actions",
        "done_actions",
        "progress",
    )

    case_id = fields.Many2one(
        "social.case", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    patient_id = fields.Many2one(related="case_id.patient_id", string="Patient")
    user_id = fields.Many2one(related="case_id.user_id", string="Referent")
    version = fields.Integer(required=True, readonly=True, default=1, copy=False)
    is_current = fields.Boolean(
        string="Current Version", readonly=True, default=True, index=True, copy=False
    )
    previous_id = fields.Many2one(
        "social.case.plan", string="Previous Version", readonly=True, copy=False
    )
    review_date = fields.Date(
        compute="_compute_review_date",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="When the plan is reviewed with the patient: by default the team's review "
        "interval after the plan was made.",
    )
    agreement_date = fields.Date(string="Agreed On", tracking=True)
    agreement_mode = fields.Selection(
        AGREEMENT_MODES,
        string="How the Patient Agreed",
        tracking=True,
    )
    agreement_user_id = fields.Many2one(
        "res.users", string="Agreement Recorded By", readonly=True, copy=False
    )
    goal_ids = fields.One2many("social.case.plan.goal", "plan_id", string="Goals")
    plan_action_ids = fields.One2many("social.case.plan.action", "plan_id", string="Actions")
    total_actions = fields.Integer(
        string="Actions Counted", compute="_compute_progress", store=True, readonly=True
    )
    done_actions = fields.Integer(
        string="Actions Done", compute="_compute_progress", store=True, readonly=True
    )
    progress = fields.Float(
        compute="_compute_progress",
        store=True,
        readonly=True,
        aggregator="avg",
        help="Actions done out of the actions of the plan (cancelled ones not counted).",
    )
    overdue_count = fields.Integer(
        string="Overdue Actions",
        compute="_compute_overdue_count",
        help="Actions still to do whose due date has passed.",
    )

    @api.depends("case_id", "version")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for plan in self:
            plan.display_name = self.env._(
                "Plan %(case)s, version %(version)s",
                case=plan.case_id.name or "",
                version=plan.version,
            )

    @api.depends("case_id")
    def _compute_review_date(self):
        today = fields.Date.context_today(self)
        for plan in self:
            if not plan.review_date:
                months = plan.case_id.team_id.plan_review_months or 3
                plan.review_date = today + relativedelta(months=months)

    @api.depends("plan_action_ids.state")
    def _compute_progress(self):
        for plan in self:
            counted = plan.plan_action_ids.filtered(lambda a: a.state != "cancelled")
            done = counted.filtered(lambda a: a.state == "done")
            plan.total_actions = len(counted)
            plan.done_actions = len(done)
            plan.progress = 100.0 * len(done) / len(counted) if counted else 0.0

    @api.depends_context("tz")
    def _compute_overdue_count(self):
        counts = self.env["social.case.plan.action"]._overdue_counts("plan_id", self.ids)
        for plan in self:
            plan.overdue_count = counts.get(plan._origin.id or plan.id, 0)

    @api.constrains("case_id", "is_current")
    def _check_one_current_plan(self):
        current = self.filtered("is_current")
        if not current:
            return
        # every plan of the case, including those the user may not read
        counts = self._social_count(
            [("case_id", "in", current.case_id.ids), ("is_current", "=", True)], ["case_id"]
        )
        for plan in current:
            if counts.get((plan.case_id,), 0) > 1:
                raise ValidationError(
                    self.env._(
                        "Case %(case)s already has a current plan: review it to make a new "
                        "version.",
                        case=plan.case_id.name,
                    )
                )

    @api.constrains("agreement_date")
    def _check_agreement_date(self):
        today = fields.Date.context_today(self)
        for plan in self:
            if plan.agreement_date and plan.agreement_date > today:
                raise ValidationError(
                    self.env._("The patient's agreement cannot be dated in the future.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        plans = super().create(vals_list)
        plans._record_agreement()
        return plans

    def write(self, vals):
        self._check_editable()
        super().write(vals)
        if {"agreement_date", "agreement_mode"} & set(vals):
            self._record_agreement()
        return True

    def _record_agreement(self):
        """Who recorded the patient's agreement: the user who dated it and said how it was
        given, kept until the agreement itself changes."""
        for plan in self:
            user = self.env.user if plan.agreement_date and plan.agreement_mode else False
            if plan.agreement_user_id != (user or plan.agreement_user_id.browse()):
                plan._social_as_system().write({"agreement_user_id": user and user.id})

    def _check_editable(self):
        """A reviewed version is kept as it was agreed: only the current one changes."""
        if self.env.su:
            return
        old = self.filtered(lambda plan: not plan.is_current)
        if old:
            raise UserError(
                self.env._(
                    "Version %(version)s of this plan was reviewed: it is kept as it was "
                    "agreed. Change the current version of the plan.",
                    version=old[0].version,
                )
            )

    # -- buttons ------------------------------------------------------------------------
    @social_action("write")
    def action_review(self):
        """Make version n+1, carrying the open goals and the actions still to do; this
        version stays as it was agreed."""
        self.ensure_one()
        self._check_editable()
        if self.case_id.is_closed:
            raise UserError(
                self.env._(
                    "Case %(case)s is closed: its plan is not reviewed.", case=self.case_id.name
                )
            )
        today = fields.Date.context_today(self)
        months = self.case_id.team_id.plan_review_months or 3
        self.write({"is_current": False})
        new = self.create(
            {
                "case_id": self.case_id.id,
                "version": self.version + 1,
                "previous_id": self.id,
                "review_date": today + relativedelta(months=months),
            }
        )
        open_goals = self.goal_ids.filtered(lambda goal: goal.status == "open")
        copies = self.env["social.case.plan.goal"].create(
            [goal._prepare_carried_values(new) for goal in open_goals]
        )
        goal_map = dict(zip(open_goals, copies, strict=True))
        todo = self.plan_action_ids.filtered(lambda action: action.state == "todo")
        # the copies carry the owners' activities from now on
        todo.activity_id.unlink()
        self.env["social.case.plan.action"].create(
            [action._prepare_carried_values(new, goal_map) for action in todo]
        )
        body = self._social_system_env()._(
            "Plan reviewed: version %(version)s carries %(goals)s open goals and %(actions)s "
            "actions to do.",
            version=new.version,
            goals=len(open_goals),
            actions=len(todo),
        )
        self.message_post(body=body, subtype_xmlid="mail.mt_note")
        new.message_post(body=body, subtype_xmlid="mail.mt_note")
        return new._get_form_action()

    @social_action("read")
    def action_print_agreement(self):
        self.ensure_one()
        return self.env.ref("social_case.action_report_case_plan").report_action(self)

    def _get_form_action(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    # -- the plan the patient reads -----------------------------------------------------
    def _report_lang(self):
        """The language of "what we agreed": the patient's papers' (fr, nl or en)."""
        self.ensure_one()
        return self.case_id.rights_sheet_lang or self.env.lang


class SocialCasePlanGoal(models.Model):
    _name = "social.case.plan.goal"
    _description = "Goal of a Case Plan"
    _inherit = ["social.privacy.mixin"]
    _order = "plan_id, sequence, id"
    _check_company_auto = True

    _social_identifying_fields = ("name",)

    plan_id = fields.Many2one(
        "social.case.plan", required=True, index=True, ondelete="cascade", check_company=True
    )
    case_id = fields.Many2one(related="plan_id.case_id", store=True, index=True)
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    need_id = fields.Many2one(
        "social.case.need",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="[('case_id', '=', case_id)]",
    )
    name = fields.Char(string="Goal", required=True)
    target_date = fields.Date()
    status = fields.Selection(GOAL_STATUSES, required=True, default="open")
    outcome = fields.Text(help="What came of the goal, in a few words.")
    plan_action_ids = fields.One2many("social.case.plan.action", "goal_id", string="Actions")

    @api.constrains("need_id", "plan_id")
    def _check_need_of_the_case(self):
        for goal in self:
            if goal.need_id.case_id != goal.plan_id.case_id:
                raise ValidationError(self.env._("A goal answers a need of the plan's own case."))

    @api.model_create_multi
    def create(self, vals_list):
        goals = super().create(vals_list)
        goals.plan_id._check_editable()
        return goals

    def write(self, vals):
        self.plan_id._check_editable()
        result = super().write(vals)
        if "plan_id" in vals:
            self.plan_id._check_editable()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_reviewed(self):
        self.plan_id._check_editable()

    def _prepare_carried_values(self, plan):
        self.ensure_one()
        return {
            "plan_id": plan.id,
            "sequence": self.sequence,
            "need_id": self.need_id.id,
            "name": self.name,
            "target_date": self.target_date,
        }


class SocialCasePlanAction(models.Model):
    _name = "social.case.plan.action"
    _description = "Action of a Case Plan"
    _inherit = ["social.privacy.mixin"]
    _order = "plan_id, date_due asc nulls last, id"
    _check_company_auto = True
    _social_transitions = ACTION_TRANSITIONS
    _social_system_fields = ("state", "date_done", "activity_id")
    _social_identifying_fields = ("name", "owner_name")

    plan_id = fields.Many2one(
        "social.case.plan", required=True, index=True, ondelete="cascade", check_company=True
    )
    goal_id = fields.Many2one(
        "social.case.plan.goal",
        index=True,
        ondelete="set null",
        domain="[('plan_id', '=', plan_id)]",
    )
    case_id = fields.Many2one(related="plan_id.case_id", store=True, index=True)
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    name = fields.Char(string="Action", required=True)
    owner_type = fields.Selection(
        OWNER_TYPES, string="Who Does It", required=True, default="referent"
    )
    owner_user_id = fields.Many2one(
        "res.users",
        string="Owner",
        compute="_compute_owner_user_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        check_company=True,
        domain="[('share', '=', False)]",
        help="A user of the hospital: the action becomes their activity, on its due date.",
    )
    owner_partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        index=True,
        # a relative or a provider of the directory, never another patient of the service
        domain="[('social_is_patient', '=', False)]",
    )
    owner_name = fields.Char(
        string="Service or Person",
        help="The internal service, or who does it when no contact is kept.",
    )
    owner_display = fields.Char(string="Owner of the Action", compute="_compute_owner_display")
    date_due = fields.Date(string="Due Date", index=True)
    state = fields.Selection(
        ACTION_STATES, required=True, default="todo", readonly=True, index=True, copy=False
    )
    date_done = fields.Date(readonly=True, copy=False)
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )
    procedure_id = fields.Many2one(
        "social.procedure",
        index="btree_not_null",
        ondelete="set null",
        domain="[('case_id', '=', case_id)]",
    )
    intervention_id = fields.Many2one(
        "social.intervention",
        index="btree_not_null",
        ondelete="set null",
        domain="[('case_id', '=', case_id)]",
    )
    activity_id = fields.Many2one("mail.activity", readonly=True, ondelete="set null", copy=False)

    @api.depends("owner_type", "plan_id")
    def _compute_owner_user_id(self):
        for action in self:
            if action.owner_type == "referent":
                action.owner_user_id = action.plan_id.case_id.user_id
            elif action.owner_type != "colleague":
                action.owner_user_id = False

    @api.depends("owner_type", "owner_user_id", "owner_partner_id", "owner_name")
    @api.depends_context("lang")
    def _compute_owner_display(self):
        labels = dict(self._fields["owner_type"]._description_selection(self.env))
        for action in self:
            who = (
                action.owner_user_id.name
                or action.owner_partner_id.name
                or action.owner_name
                or (action.owner_type == "patient" and action.plan_id.patient_id.name)
            )
            kind = labels.get(action.owner_type, "")
            action.owner_display = f"{kind}: {who}" if who and kind else who or kind

    @api.depends("state", "date_due")
    @api.depends_context("tz")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for action in self:
            action.is_overdue = bool(
                action.state == "todo" and action.date_due and action.date_due < today
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search the overdue actions with Overdue is set."))
        domain = self._overdue_domain()
        if (operator == "=") == value:
            return domain
        return [("id", "not in", self._search(domain))]

    def _overdue_domain(self):
        today = fields.Date.context_today(self)
        return [("state", "=", "todo"), ("date_due", "<", today), ("plan_id.is_current", "=", True)]

    @api.model
    def _overdue_counts(self, field, ids):
        """{id: overdue actions} of the current plans, grouped by ``field`` (``plan_id``
        or ``case_id``): one query for every record of a form or a kanban."""
        ids = [id_ for id_ in ids if isinstance(id_, int)]
        if not ids:
            return {}
        groups = self._read_group(
            [(field, "in", ids), *self._overdue_domain()], [field], ["__count"]
        )
        return {record.id: count for record, count in groups}

    @api.constrains("owner_type", "owner_user_id", "owner_partner_id", "owner_name")
    def _check_owner(self):
        for action in self:
            if action.owner_type in USER_OWNERS and not action.owner_user_id:
                raise ValidationError(
                    self.env._(
                        "Choose the colleague who does the action %(action)s.", action=action.name
                    )
                )
            if action.owner_user_id and action.owner_user_id.share:
                raise ValidationError(
                    self.env._("The owner of an action is a user of the hospital.")
                )
            if action.owner_type in PARTNER_OWNERS and not (
                action.owner_partner_id or action.owner_name
            ):
                raise ValidationError(
                    self.env._("Say who does the action %(action)s.", action=action.name)
                )
            if action.owner_type == "service" and not action.owner_name:
                raise ValidationError(
                    self.env._(
                        "Name the service that does the action %(action)s.", action=action.name
                    )
                )

    @api.constrains("goal_id", "plan_id", "procedure_id", "intervention_id")
    def _check_same_case(self):
        for action in self:
            if action.goal_id and action.goal_id.plan_id != action.plan_id:
                raise ValidationError(self.env._("An action serves a goal of its own plan."))
            for linked in (action.procedure_id, action.intervention_id):
                if linked and linked.case_id != action.plan_id.case_id:
                    raise ValidationError(
                        self.env._(
                            "%(record)s belongs to another case: link a record of the plan's case.",
                            record=linked._description,
                        )
                    )

    @api.model_create_multi
    def create(self, vals_list):
        actions = super().create(vals_list)
        actions.plan_id._check_editable()
        actions._sync_activity()
        return actions

    def write(self, vals):
        self.plan_id._check_editable()
        result = super().write(vals)
        if "plan_id" in vals:
            self.plan_id._check_editable()
        if set(vals) & {"name", "owner_type", "owner_user_id", "date_due", "plan_id", "state"}:
            self._sync_activity()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_reviewed(self):
        self.plan_id._check_editable()

    def unlink(self):
        self.activity_id.unlink()
        return super().unlink()

    # -- buttons ------------------------------------------------------------------------
    @social_action("write")
    def action_done(self):
        return self._set_state("done")

    @social_action("write")
    def action_cancel(self):
        return self._set_state("cancelled")

    @social_action("write")
    def action_reopen(self):
        return self._set_state("todo")

    def _social_activity_done(self, env):
        """The owner ticked the action's activity (``mail.activity._action_done``): they mark
        the action done, in their environment ``env``."""
        self.with_env(env).action_done()

    def _set_state(self, state):
        self.plan_id._check_editable()
        self._social_check_transition(state)
        date_done = fields.Date.context_today(self) if state == "done" else False
        self.write({"state": state, "date_done": date_done})
        return True

    # -- the owners' activities ---------------------------------------------------------
    def _sync_activity(self):
        """An action to do, owned by a user of the hospital, is that user's activity on
        the plan, on the action's due date; done, it is marked done; otherwise dropped."""
        todo_type = self.env.ref(PLAN_ACTIVITY)
        for action in self:
            activity = action.activity_id
            wanted = action.state == "todo" and action.owner_user_id
            if not wanted:
                if activity and action.state == "done":
                    activity.action_feedback(
                        feedback=self.env._("Action done: %(action)s", action=action.name)
                    )
                elif activity:
                    activity.unlink()
                continue
            deadline = (
                action.date_due or action.plan_id.review_date or fields.Date.context_today(self)
            )
            if activity:
                values = {
                    "date_deadline": deadline,
                    "user_id": action.owner_user_id.id,
                    "summary": action.name,
                }
                changed = {
                    key: value
                    for key, value in values.items()
                    if (activity[key].id if key == "user_id" else activity[key]) != value
                }
                if changed:
                    activity.write(changed)
                continue
            activity = action.plan_id.activity_schedule(
                activity_type_id=todo_type.id,
                date_deadline=deadline,
                summary=action.name,
                user_id=action.owner_user_id.id,
            )
            # a field only the system sets, on an action the user has just written
            action._social_as_system().write({"activity_id": activity.id})

    def _social_anonymise_values(self, placeholder):
        vals = super()._social_anonymise_values(placeholder)
        # who did it goes, not that a relative, a provider or a service did it
        if self.owner_type == "relative":
            vals["owner_partner_id"] = False
        partner = vals.get("owner_partner_id", self.owner_partner_id)
        if self.owner_type == "service" or (self.owner_type in PARTNER_OWNERS and not partner):
            vals["owner_name"] = self.env._("Anonymised")
        return vals

    def _prepare_carried_values(self, plan, goal_map):
        self.ensure_one()
        return {
            "plan_id": plan.id,
            "goal_id": goal_map[self.goal_id].id if self.goal_id in goal_map else False,
            "name": self.name,
            "owner_type": self.owner_type,
            "owner_user_id": self.owner_user_id.id,
            "owner_partner_id": self.owner_partner_id.id,
            "owner_name": self.owner_name,
            "date_due": self.date_due,
            "procedure_id": self.procedure_id.id,
            "intervention_id": self.intervention_id.id,
        }

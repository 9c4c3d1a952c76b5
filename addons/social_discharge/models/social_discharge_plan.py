from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from odoo.addons.social_case.const import WORKER
from odoo.addons.social_case.models.social_privacy_mixin import social_action

from .social_discharge_request import CONSENT_PURPOSE

# the purpose under which the patient's general practitioner receives the liaison letter
GP_CONSENT_PURPOSE = "gp"
# the context key of the purpose the liaison letter is printed for: the provider's, unless
# the letter is being sent to the GP (_liaison_letter_pdf)
LETTER_PURPOSE = "social_letter_purpose"


class LetterPurpose(str):
    """A purpose set by the server's own code: a text for JSON, but no client can send one,
    so that a printing URL's context cannot print the letter under another purpose."""


DESTINATION_TYPES = [
    ("home", "Home"),
    ("home_services", "Home with Services"),
    ("home_hospitalisation", "Home Hospitalisation"),
    ("nursing_home", "Nursing Home"),
    ("rehabilitation", "Rehabilitation"),
    ("convalescence", "Convalescence"),
    ("palliative_unit", "Palliative Unit"),
    ("other_hospital", "Other Hospital"),
    ("family", "Family"),
    ("shelter", "Shelter"),
]


class SocialDischargePlan(models.Model):
    """Organisation of the discharge of a patient at the end of a hospital stay."""

    _name = "social.discharge.plan"
    _description = "Discharge Plan"
    _inherit = ["social.privacy.thread", "mail.thread", "mail.activity.mixin"]
    _order = "is_late desc, expected_discharge_date, id desc"
    _check_company_auto = True
    _social_system_fields = ("gp_informed_date",)
    # ARCHITECTURE.md: the care team sees the plan's status and dates, nothing else
    _social_care_fields = (
        "name",
        "active",
        "company_id",
        "patient_id",
        "user_id",
        "unit_id",
        "stage_id",
        "is_discharged",
        "admission_date",
        "expected_discharge_date",
        "medically_ready_date",
        "actual_discharge_date",
        "is_late",
        "delay_days",
        "readiness",
    )
    # its buttons organise the discharge: for who may change the plan

    # -- identity -----------------------------------------------------------------
    name = fields.Char(string="Reference", compute="_compute_name", store=True)
    # named as the system: the care team reads the plan's name, not its case's reference
    display_name = fields.Char(
        compute="_compute_display_name",
        search="_search_display_name",
        compute_sudo=True,
    )
    active = fields.Boolean(default=True, tracking=True)
    case_id = fields.Many2one(
        "social.case",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    company_id = fields.Many2one(
        related="case_id.company_id", store=True, index=True, string="Company"
    )
    patient_id = fields.Many2one(
        related="case_id.patient_id", store=True, index=True, string="Patient"
    )
    user_id = fields.Many2one(related="case_id.user_id", store=True, index=True, string="Referent")
    episode_id = fields.Many2one(
        "social.case.episode",
        string="Hospital Stay",
        compute="_compute_episode_id",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
        tracking=True,
        ondelete="set null",
        domain="[('case_id', '=', case_id), ('episode_type', '=', 'hospital_stay')]",
        help="Hospital stay of the case this discharge ends: it proposes the admission date, the "
        "unit and the expected discharge date.",
    )
    unit_id = fields.Many2one(
        "social.unit",
        string="Hospital Unit",
        compute="_compute_unit_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
    )
    stage_id = fields.Many2one(
        "social.discharge.stage",
        index=True,
        tracking=True,
        ondelete="restrict",
        group_expand="_read_group_expand_full",
        default=lambda self: self._default_stage_id(),
        copy=False,
    )
    is_discharged = fields.Boolean(related="stage_id.is_done", store=True, index=True)
    color = fields.Integer()

    # -- dates ----------------------------------------------------------------------
    admission_date = fields.Date(
        compute="_compute_admission_date",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        tracking=True,
        index=True,
    )
    expected_discharge_date = fields.Date(
        compute="_compute_expected_discharge_date",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
        help="Proposed from the unit's target length of stay; change it when the team knows more.",
    )
    medically_ready_date = fields.Date(
        tracking=True, help="Day the doctors declared the patient fit to leave the hospital."
    )
    actual_discharge_date = fields.Date(tracking=True, copy=False, index=True)
    is_late = fields.Boolean(
        string="Late",
        compute="_compute_is_late",
        store=True,
        index=True,
        help="Past the expected discharge date and not discharged yet (refreshed every night).",
    )
    delay_days = fields.Integer(
        string="Delayed Days",
        compute="_compute_delay_days",
        help="Days between the medically ready date and the discharge (or today when the "
        "patient is still in hospital).",
    )
    delay_reason_id = fields.Many2one("social.discharge.delay.reason", tracking=True, index=True)

    # -- destination -----------------------------------------------------------------
    destination_type = fields.Selection(DESTINATION_TYPES, tracking=True, index=True)
    destination_partner_id = fields.Many2one(
        "res.partner",
        string="Receiving Provider",
        tracking=True,
        index=True,
        domain="[('social_is_patient', '=', False)]",
    )
    template_id = fields.Many2one(
        "social.discharge.template",
        string="Checklist Template",
        compute="_compute_template_id",
        store=True,
        readonly=False,
        domain="[('destination_type', '=', destination_type)]",
    )
    services_summary = fields.Text(
        string="Services Organised",
        help="Printed on the liaison letter for the receiving provider: only what they need.",
    )
    contact_info = fields.Text(
        string="Contacts",
        help="Family or close contacts the provider may call (printed on the liaison letter).",
    )

    # -- checklist and requests (social workers only) ------------------------------
    # the people around the patient, from the case
    gp_contact_id = fields.Many2one(
        "social.case.contact",
        string="General Practitioner",
        compute="_compute_gp_contact_id",
        help="The patient's general practitioner, from the people around the patient.",
    )
    letter_contact_ids = fields.Many2many(
        "social.case.contact",
        string="Named in the Letter",
        compute="_compute_gp_contact_id",
    )
    gp_informed_date = fields.Datetime(string="GP Informed On", readonly=True, copy=False)
    task_ids = fields.One2many(
        "social.discharge.task", "plan_id", string="Checklist", groups=WORKER
    )
    task_count = fields.Integer(compute="_compute_readiness", store=True, string="Tasks")
    task_done_count = fields.Integer(compute="_compute_readiness", store=True, string="Tasks Done")
    blocking_open_count = fields.Integer(
        compute="_compute_readiness", store=True, string="Blocking Tasks Open"
    )
    readiness = fields.Float(
        compute="_compute_readiness", store=True, help="Share of the checklist done (0-100)."
    )
    request_ids = fields.One2many(
        "social.discharge.request", "plan_id", string="Requests", groups=WORKER
    )
    request_count = fields.Integer(compute="_compute_request_count", groups=WORKER)
    discharge_event_id = fields.Many2one("calendar.event", copy=False, groups=WORKER)

    # -- defaults and computes --------------------------------------------------------
    @api.model
    def _default_stage_id(self):
        return self.env["social.discharge.stage"].search([("is_done", "=", False)], limit=1)

    @api.depends("case_id.name", "admission_date")
    def _compute_name(self):
        for plan in self:
            plan.name = (
                f"{plan.case_id.name or ''} / {plan.admission_date}"
                if plan.admission_date
                else plan.case_id.name
            )

    @api.depends("case_id.name", "admission_date")
    @api.depends_context("lang")
    def _compute_display_name(self):
        # the stored name keeps a sortable date; people read the date in their language.
        # The care team reads the plan's name, not its case: see ``display_name``
        for plan in self:
            reference = plan.case_id.name or ""
            plan.display_name = (
                f"{reference} / {format_date(self.env, plan.admission_date)}"
                if plan.admission_date
                else reference
            )

    @api.depends("case_id")
    def _compute_episode_id(self):
        """Propose the case's current hospital stay (the latest one not ended)."""
        plans = self.filtered(lambda p: p.case_id and p.episode_id.case_id != p.case_id)
        episodes = self.env["social.case.episode"].search(
            [
                ("case_id", "in", plans.case_id.ids),
                ("episode_type", "=", "hospital_stay"),
                ("date_end", "=", False),
            ],
            order="date_start desc, id desc",
        )
        for plan in self:
            if not plan.case_id:
                plan.episode_id = False
            elif plan in plans:
                plan.episode_id = episodes.filtered(lambda e, p=plan: e.case_id == p.case_id)[:1]

    @api.depends("episode_id")
    def _compute_unit_id(self):
        for plan in self:
            if plan.episode_id.unit_id:
                plan.unit_id = plan.episode_id.unit_id

    @api.depends("episode_id")
    def _compute_admission_date(self):
        for plan in self:
            if plan.episode_id:
                plan.admission_date = plan.episode_id.date_start
            elif not plan.admission_date:
                plan.admission_date = fields.Date.context_today(plan)

    @api.depends("admission_date", "unit_id", "episode_id")
    def _compute_expected_discharge_date(self):
        for plan in self:
            episode = plan.episode_id
            if (
                episode.expected_end_date
                and episode.date_start == plan.admission_date
                and (episode.unit_id or plan.unit_id) == plan.unit_id
            ):
                # the stay's own expected length, which the unit may have adjusted
                plan.expected_discharge_date = episode.expected_end_date
            elif plan.admission_date:
                days = plan.unit_id.target_length_of_stay or 0
                plan.expected_discharge_date = plan.admission_date + timedelta(days=days)
            else:
                plan.expected_discharge_date = False

    @api.depends("expected_discharge_date", "actual_discharge_date", "stage_id.is_done")
    def _compute_is_late(self):
        today = fields.Date.context_today(self)
        for plan in self:
            plan.is_late = bool(
                plan.expected_discharge_date
                and plan.expected_discharge_date < today
                and not plan.actual_discharge_date
                and not plan.stage_id.is_done
            )

    @api.depends("medically_ready_date", "actual_discharge_date")
    def _compute_delay_days(self):
        today = fields.Date.context_today(self)
        for plan in self:
            if plan.medically_ready_date:
                end = plan.actual_discharge_date or today
                plan.delay_days = max((end - plan.medically_ready_date).days, 0)
            else:
                plan.delay_days = 0

    @api.depends("destination_type")
    def _compute_template_id(self):
        templates = self.env["social.discharge.template"].search(
            [("destination_type", "in", list(set(self.mapped("destination_type"))))]
        )
        for plan in self:
            if plan.template_id.destination_type != plan.destination_type:
                plan.template_id = templates.filtered(
                    lambda t, p=plan: t.destination_type == p.destination_type
                )[:1]

    @api.depends("task_ids.state", "task_ids.is_blocking")
    def _compute_readiness(self):
        # a stored field: computed as the system (``compute_sudo``), whoever changed a task
        counts = {
            (plan.id, state, blocking): count
            for plan, state, blocking, count in self.env["social.discharge.task"]._read_group(
                [("plan_id", "in", self.ids), ("state", "!=", "cancelled")],
                ["plan_id", "state", "is_blocking"],
                ["__count"],
            )
        }
        for plan in self:
            done = sum(c for (p, s, _b), c in counts.items() if p == plan.id and s == "done")
            total = sum(c for (p, _s, _b), c in counts.items() if p == plan.id)
            plan.task_count = total
            plan.task_done_count = done
            plan.blocking_open_count = counts.get((plan.id, "todo", True), 0)
            plan.readiness = 100.0 * done / total if total else 0.0

    def _compute_request_count(self):
        counts = dict(
            self.env["social.discharge.request"]._read_group(
                [("plan_id", "in", self.ids)], ["plan_id"], ["__count"]
            )
        )
        for plan in self:
            plan.request_count = counts.get(plan, 0)

    # -- constraints ---------------------------------------------------------------------
    @api.constrains(
        "admission_date", "expected_discharge_date", "medically_ready_date", "actual_discharge_date"
    )
    def _check_dates(self):
        # name the fields by their labels on the form, in the user's language
        def label(fname):
            return self._fields[fname]._description_string(self.env)

        for plan in self:
            for fname in (
                "expected_discharge_date",
                "medically_ready_date",
                "actual_discharge_date",
            ):
                date = plan[fname]
                if date and plan.admission_date and date < plan.admission_date:
                    raise ValidationError(
                        self.env._(
                            "%(plan)s: “%(date)s” cannot be before “%(admission)s”.",
                            date=label(fname),
                            admission=label("admission_date"),
                            plan=plan.display_name,
                        )
                    )

    @api.constrains("case_id", "episode_id")
    def _check_episode_of_case(self):
        for plan in self.filtered("episode_id"):
            if (
                plan.episode_id.case_id != plan.case_id
                or plan.episode_id.episode_type != "hospital_stay"
            ):
                raise ValidationError(
                    self.env._(
                        "The discharge plan %(plan)s must follow a hospital stay of its own case.",
                        plan=plan.display_name,
                    )
                )

    @api.constrains("case_id", "stage_id", "active")
    def _check_one_open_plan_per_case(self):
        open_plans = self.filtered(lambda p: p.active and not p.stage_id.is_done)
        if not open_plans:
            return
        # one grouped count for the whole batch; each open plan counts itself once; the
        # other open plan may be one the user may not read
        open_per_case = self._social_count(
            [("case_id", "in", open_plans.case_id.ids), ("is_discharged", "=", False)],
            ["case_id"],
        )
        for plan in open_plans:
            if open_per_case.get((plan.case_id,), 0) > 1:
                raise ValidationError(
                    self.env._(
                        "Case %(case)s already has a discharge plan in progress: continue that "
                        "plan or archive it first.",
                        case=plan.case_id.name,
                    )
                )

    @api.constrains("case_id")
    def _check_case_open(self):
        for plan in self:
            if plan.case_id.is_closed:
                raise ValidationError(
                    self.env._(
                        "Case %(case)s is closed: reopen it to plan a discharge.",
                        case=plan.case_id.name,
                    )
                )

    # -- CRUD --------------------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        plans = super().create(vals_list)
        plans._sync_discharge_event()
        return plans

    def write(self, vals):
        if "stage_id" in vals and not self.env.context.get("social_discharge_confirmed"):
            stage = self.env["social.discharge.stage"].browse(vals["stage_id"])
            if stage.is_done and self.filtered(lambda p: not p.stage_id.is_done):
                raise UserError(
                    self.env._(
                        "Use the Discharge button to mark a patient as discharged: the discharge "
                        "date and the open checklist tasks are checked there."
                    )
                )
            if (
                not stage.is_done
                and self.filtered(lambda p: p.stage_id.is_done)
                and not self.env.user.has_group("social_case.group_social_manager")
            ):
                raise UserError(
                    self.env._(
                        "This patient has been discharged: only a manager can reopen the plan."
                    )
                )
        result = super().write(vals)
        if {"expected_discharge_date", "actual_discharge_date", "case_id"} & set(vals):
            self._sync_discharge_event()
        return result

    # -- actions ------------------------------------------------------------------------------
    @social_action("write")
    def action_apply_template(self):
        self.ensure_one()
        template = self.template_id
        if not template:
            raise UserError(self.env._("Choose a checklist template first."))
        existing = set(self.task_ids.template_line_id.ids)
        values = [
            vals
            for vals in template._prepare_task_values(self)
            if vals["template_line_id"] not in existing
        ]
        values += [vals for vals in self._gp_task_values() if vals]
        tasks = self.env["social.discharge.task"].create(values)
        self.message_post(
            body=self._social_system_env()._(
                "Checklist %(template)s applied: %(count)s tasks created.",
                template=template.name,
                count=len(tasks),
            )
        )
        return True

    @social_action("write")
    def action_discharge(self):
        """Mark the patient as discharged; ask for a reason when blocking tasks are open."""
        self.ensure_one()
        if self.stage_id.is_done:
            raise UserError(self.env._("%(plan)s is already discharged.", plan=self.display_name))
        # Nothing is written before the user confirms: cancelling the dialog leaves the plan as is.
        if self.blocking_open_count:
            return {
                "type": "ir.actions.act_window",
                "name": self.env._("Discharge with Open Blocking Tasks"),
                "res_model": "social.discharge.confirm.wizard",
                "view_mode": "form",
                "target": "new",
                "context": {"default_plan_id": self.id},
            }
        self._do_discharge()
        return True

    def _do_discharge(self, reason=None):
        self.ensure_one()
        if self.blocking_open_count and not reason:
            raise UserError(
                self.env._(
                    "%(count)s blocking tasks are still open: give the reason to discharge the "
                    "patient anyway.",
                    count=self.blocking_open_count,
                )
            )
        stage = self.env["social.discharge.stage"].search([("is_done", "=", True)], limit=1)
        if not stage:
            raise UserError(self.env._("No discharged stage is configured."))
        vals = {"stage_id": stage.id}
        if not self.actual_discharge_date:
            vals["actual_discharge_date"] = fields.Date.context_today(self)
        self.with_context(social_discharge_confirmed=True).write(vals)
        if reason:
            self.message_post(
                body=self._social_system_env()._(
                    "Discharged with %(count)s blocking tasks open. Reason: %(reason)s",
                    count=self.blocking_open_count,
                    reason=reason,
                )
            )
        self._end_hospital_stay()
        self._schedule_follow_up()

    def _end_hospital_stay(self):
        """The discharge ends the hospital stay the plan follows; the case itself stays open."""
        for plan in self:
            episode = plan.episode_id
            if (
                episode
                and not episode.date_end
                and plan.actual_discharge_date
                and plan.actual_discharge_date >= episode.date_start
            ):
                # who may write the plan may write the stays of its case (the same rules)
                episode.date_end = plan.actual_discharge_date

    def _schedule_follow_up(self):
        """Plan the call after discharge on the case, which stays open under its referent."""
        for plan in self:
            user = plan.case_id.user_id or self.env.user
            reader = plan._social_reader_env(user)
            plan.case_id.activity_schedule(
                "mail.mail_activity_data_call",
                date_deadline=plan.actual_discharge_date
                + timedelta(days=plan.company_id.social_discharge_follow_up_days),
                summary=reader._("Follow-up after discharge"),
                note=reader._(
                    "Call the patient to check that the services organised are in place."
                ),
                user_id=user.id,
            )

    def _sync_discharge_event(self):
        """One all-day event per plan in the referent's calendar, on the discharge date."""
        # the event is in the referent's private calendar, which the user may not write
        plans = self.sudo()
        Event = plans.env["calendar.event"]
        model = self.env["ir.model"]._get_id(self._name)
        for plan in plans:
            date = plan.actual_discharge_date or plan.expected_discharge_date
            if not date:
                continue
            referent = plan.case_id.user_id
            vals = {
                "name": self.env._("Discharge %(case)s", case=plan.case_id.name),
                "allday": True,
                "start": date,
                "stop": date,
                "start_date": date,
                "stop_date": date,
                "res_model_id": model,
                "res_id": plan.id,
                "privacy": "private",
            }
            if referent:
                vals.update(user_id=referent.id, partner_ids=[(6, 0, referent.partner_id.ids)])
            if plan.discharge_event_id:
                plan.discharge_event_id.write(vals)
            else:
                plan.discharge_event_id = Event.create(vals)

    @social_action("write")
    def action_schedule_meeting(self):
        """Family meeting, home visit...: a calendar event with the people concerned."""
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id("calendar.action_calendar_event")
        partners = self.user_id.partner_id | self.env.user.partner_id
        action["context"] = {
            "default_res_model_id": self.env["ir.model"]._get_id(self._name),
            "default_res_id": self.id,
            "default_partner_ids": partners.ids,
            "default_name": self.env._("Discharge meeting %(case)s", case=self.case_id.name),
            "default_privacy": "private",
            "default_start": fields.Datetime.now(),
        }
        action["domain"] = [("res_model", "=", self._name), ("res_id", "=", self.id)]
        action["views"] = [(False, "calendar"), (False, "list"), (False, "form")]
        action["view_mode"] = "calendar,list,form"
        return action

    @social_action("write")
    def action_find_providers(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Request Providers"),
            "res_model": "social.discharge.provider.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_plan_id": self.id},
        }

    @social_action("write")
    def action_view_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "social_discharge.social_discharge_request_action"
        )
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {"default_plan_id": self.id}
        return action

    def _social_consent_purpose(self):
        # what leaves the service from a plan is its liaison letter
        purpose = self.env.context.get(LETTER_PURPOSE)
        return purpose if type(purpose) is LetterPurpose else CONSENT_PURPOSE

    def _liaison_letter_pdf(self, purpose=CONSENT_PURPOSE):
        """(content, extension) of the liaison letter of one plan, sent for ``purpose``: the
        report refuses it without the patient's valid consent of that purpose."""
        self.ensure_one()
        report = self.env.ref("social_discharge.action_report_liaison_letter")
        report = report.with_context(**{LETTER_PURPOSE: LetterPurpose(purpose)})
        return report._render_qweb_pdf(report.report_name, self.ids)

    @social_action("write")
    def action_print_letter(self):
        self.ensure_one()
        # the letter is for the receiving provider: it leaves the service
        self._social_check_consent()
        return self.env.ref("social_discharge.action_report_liaison_letter").report_action(self)

    @api.depends("case_id.contact_ids.role", "case_id.contact_ids.in_letter")
    def _compute_gp_contact_id(self):
        for plan in self:
            contacts = plan.case_id.contact_ids
            plan.gp_contact_id = contacts.filtered(lambda c: c.role == "gp")[:1]
            plan.letter_contact_ids = contacts.filtered("in_letter")

    def _gp_task_values(self):
        """The checklist task "inform the general practitioner", when the case names one."""
        self.ensure_one()
        gp = self.gp_contact_id
        if not gp or self.task_ids.filtered(lambda t: t.contact_id == gp):
            return []
        return [
            {
                "plan_id": self.id,
                "name": self.env._("Send the liaison letter to the GP, %(name)s", name=gp.name),
                "sequence": 90,
                "user_id": (self.user_id or self.env.user).id,
                "date_deadline": self.expected_discharge_date or fields.Date.context_today(self),
                "contact_id": gp.id,
            }
        ]

    @social_action("write")
    def action_inform_gp(self):
        """Send the liaison letter to the patient's general practitioner, with the patient's
        consent (SECURITY.md T20), and tick the checklist task that asks for it."""
        self.ensure_one()
        gp = self.gp_contact_id
        if not gp:
            raise UserError(
                self.env._(
                    "The case names no general practitioner: add them among the people around "
                    "the patient."
                )
            )
        if not gp.email:
            raise UserError(
                self.env._(
                    "%(name)s has no e-mail address: phone them, then mark the task as done.",
                    name=gp.name,
                )
            )
        content, extension = self._liaison_letter_pdf(GP_CONSENT_PURPOSE)
        # an e-mail to the GP alone: they do not follow the plan nor read its chatter; the
        # e-mail and the letter are the system's, once the consent and the plan are checked
        system = self.sudo().env
        # the text is the template's, which an administrator edits and translates
        template = self.env.ref("social_discharge.mail_template_discharge_gp_letter")
        lang = template._render_lang(self.ids)[self.id]
        mail = system["mail.mail"].create(
            {
                "subject": template._render_field("subject", self.ids, set_lang=lang)[self.id],
                "body_html": template._render_field("body_html", self.ids, set_lang=lang)[self.id],
                "email_to": gp.email,
                "email_from": (self.user_id or self.env.user).email_formatted,
                "auto_delete": True,
            }
        )
        self.gp_informed_date = fields.Datetime.now()
        message = self.message_post(
            body=self._social_system_env()._(
                "Liaison letter sent to the general practitioner, %(name)s (%(email)s).",
                name=gp.name,
                email=gp.email,
            ),
        )
        # the letter belongs to the message that records it, read by who reads it (an
        # attachment of the plan is read by whoever reads the plan, the care team included),
        # and goes with the e-mail; one file, which anonymisation erases with the message
        letter = system["ir.attachment"].create(
            {
                "name": self.env._(
                    "Liaison letter %(case)s.%(ext)s", case=self.case_id.name, ext=extension
                ),
                "raw": content,
                "res_model": "mail.message",
                "res_id": message.id,
                "mimetype": "application/pdf" if extension == "pdf" else "text/html",
            }
        )
        (message.with_env(system) | mail.mail_message_id).attachment_ids = letter
        self.task_ids.filtered(lambda t: t.contact_id == gp and t.state == "todo").action_done()
        return True

    # -- cron --------------------------------------------------------------------------------
    @api.model
    def _cron_refresh_is_late(self):
        plans = self.search([("actual_discharge_date", "=", False), ("is_discharged", "=", False)])
        self.env.add_to_compute(self._fields["is_late"], plans)
        plans.flush_recordset(["is_late"])

    def _get_letter_services(self):
        """Names of the services organised, as printed for the receiving provider."""
        self.ensure_one()
        return self.task_ids.filtered(lambda t: t.state == "done").mapped("name")

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.social_case.models.social_privacy_mixin import social_action


class SocialDischargeTask(models.Model):
    """One thing to organise before the patient leaves, mirrored by an activity on the plan."""

    _name = "social.discharge.task"
    _description = "Discharge Checklist Task"
    _inherit = ["social.privacy.mixin"]
    _social_system_fields = ("state", "date_done", "activity_id")
    _order = "sequence, date_deadline, id"

    plan_id = fields.Many2one(
        "social.discharge.plan", required=True, ondelete="cascade", index=True
    )
    case_id = fields.Many2one(related="plan_id.case_id", store=True, index=True)
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Task", required=True)
    user_id = fields.Many2one("res.users", string="Responsible", required=True, index=True)
    date_deadline = fields.Date(string="Deadline", required=True, index=True)
    is_blocking = fields.Boolean(string="Blocking")
    state = fields.Selection(
        [("todo", "To Do"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="todo",
        required=True,
        readonly=True,
        index=True,
    )
    date_done = fields.Date(readonly=True, copy=False)
    template_line_id = fields.Many2one("social.discharge.template.line", index="btree_not_null")
    contact_id = fields.Many2one(
        "social.case.contact",
        string="Person to Inform",
        index="btree_not_null",
        ondelete="set null",
        help="The person around the patient this task informs (the general practitioner).",
    )
    activity_id = fields.Many2one(
        "mail.activity", copy=False, readonly=True, index="btree_not_null"
    )

    @api.constrains("user_id", "plan_id")
    def _check_user_reads_plan(self):
        for task in self:
            # in the companies the responsible person works in, not those selected by who
            # assigns the task
            plan = task.plan_id.with_user(task.user_id).with_context(
                allowed_company_ids=task.user_id.company_ids.ids
            )
            if not plan.has_access("read"):
                raise ValidationError(
                    self.env._(
                        "%(user)s cannot read %(plan)s: choose a responsible person who "
                        "follows this patient.",
                        user=task.user_id.name,
                        plan=task.plan_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        tasks = super().create(vals_list)
        tasks._create_activities()
        return tasks

    def write(self, vals):
        if {"name", "user_id", "date_deadline", "plan_id"} & set(vals) and self.filtered(
            lambda t: t.state != "todo"
        ):
            raise UserError(self.env._("A task that is done or cancelled cannot be changed."))
        result = super().write(vals)
        if {"name", "user_id", "date_deadline"} & set(vals):
            for task in self.filtered("activity_id"):
                task.activity_id.write(
                    {
                        "summary": task.name,
                        "user_id": task.user_id.id,
                        "date_deadline": task.date_deadline,
                    }
                )
        return result

    def _create_activities(self):
        for task in self.filtered(lambda t: t.state == "todo" and not t.activity_id):
            task.activity_id = task.plan_id.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=task.date_deadline,
                summary=task.name,
                user_id=task.user_id.id,
            )

    @social_action("write")
    def action_done(self):
        todo = self.filtered(lambda t: t.state == "todo")
        if self - todo:
            raise UserError(self.env._("Only tasks to do can be marked as done."))
        todo.write({"state": "done", "date_done": fields.Date.context_today(self)})
        activities = todo.activity_id.exists()
        todo.activity_id = False
        if activities:
            activities.action_feedback(feedback=self.env._("Checklist task done."))
        return True

    def _social_activity_done(self, env):
        """The assignee ticked the task's activity (``mail.activity._action_done``), who may
        not write the task: the task is done, written by the system (``self``)."""
        self.write({"state": "done", "date_done": self.env.cr.now().date()})

    @social_action("write")
    def action_cancel(self):
        todo = self.filtered(lambda t: t.state == "todo")
        if self - todo:
            raise UserError(self.env._("Only tasks to do can be cancelled."))
        todo.write({"state": "cancelled"})
        activities = todo.activity_id.exists()
        todo.activity_id = False
        activities.unlink()
        return True

    @social_action("write")
    def action_reset(self):
        done = self.filtered(lambda t: t.state != "todo")
        done.write({"state": "todo", "date_done": False})
        done._create_activities()
        return True

from datetime import timedelta

from odoo import api, fields, models

from .social_discharge_plan import DESTINATION_TYPES


class SocialDischargeTemplate(models.Model):
    """Checklist of what to organise for a destination (home with services, nursing home...)."""

    _name = "social.discharge.template"
    _description = "Discharge Checklist Template"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    destination_type = fields.Selection(DESTINATION_TYPES, required=True, index=True)
    line_ids = fields.One2many("social.discharge.template.line", "template_id", string="Tasks")
    active = fields.Boolean(default=True)

    def _prepare_task_values(self, plan):
        """Values of the tasks this template creates on ``plan``."""
        self.ensure_one()
        values = []
        reference = plan.expected_discharge_date or fields.Date.context_today(plan)
        for line in self.line_ids:
            user = line.user_id if line.responsible == "user" and line.user_id else plan.user_id
            values.append(
                {
                    "plan_id": plan.id,
                    "name": line.name,
                    "sequence": line.sequence,
                    "user_id": (user or self.env.user).id,
                    "date_deadline": reference + timedelta(days=line.deadline_days),
                    "is_blocking": line.is_blocking,
                    "template_line_id": line.id,
                }
            )
        return values


class SocialDischargeTemplateLine(models.Model):
    _name = "social.discharge.template.line"
    _description = "Discharge Checklist Template Task"
    _order = "sequence, id"

    template_id = fields.Many2one(
        "social.discharge.template", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Task", required=True, translate=True)
    responsible = fields.Selection(
        [("referent", "Referent of the Case"), ("user", "Specific User")],
        required=True,
        default="referent",
    )
    user_id = fields.Many2one("res.users")
    deadline_days = fields.Integer(
        string="Deadline (days)",
        help="Days relative to the expected discharge date: -2 means two days before.",
    )
    is_blocking = fields.Boolean(
        string="Blocking", help="The patient cannot leave before this task is done."
    )

    @api.onchange("responsible")
    def _onchange_responsible(self):
        if self.responsible == "referent":
            self.user_id = False

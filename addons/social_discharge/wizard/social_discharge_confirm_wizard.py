from odoo import api, fields, models
from odoo.exceptions import UserError


class SocialDischargeConfirmWizard(models.TransientModel):
    _name = "social.discharge.confirm.wizard"
    _description = "Confirm a Discharge with Blocking Tasks Open"

    plan_id = fields.Many2one("social.discharge.plan", required=True, ondelete="cascade")
    blocking_task_names = fields.Text(compute="_compute_blocking_task_names")
    reason = fields.Text(required=True)

    @api.depends("plan_id")
    def _compute_blocking_task_names(self):
        for wizard in self:
            tasks = wizard.plan_id.task_ids.filtered(lambda t: t.is_blocking and t.state == "todo")
            wizard.blocking_task_names = "\n".join(tasks.mapped("name"))

    def action_confirm(self):
        self.ensure_one()
        if not (self.reason or "").strip():
            raise UserError(self.env._("Give the reason for discharging with blocking tasks open."))
        self.plan_id._do_discharge(reason=self.reason.strip())
        return {"type": "ir.actions.act_window_close"}

from odoo import api, fields, models

from odoo.addons.social_case.const import WORKER
from odoo.addons.social_case.models.social_privacy_mixin import social_action


class SocialCase(models.Model):
    _inherit = "social.case"

    discharge_plan_ids = fields.One2many(
        "social.discharge.plan", "case_id", string="Discharge Plans", groups=WORKER
    )
    discharge_plan_count = fields.Integer(compute="_compute_discharge_plan_count", groups=WORKER)

    @api.depends("discharge_plan_ids")
    def _compute_discharge_plan_count(self):
        counts = dict(
            self.env["social.discharge.plan"]._read_group(
                [("case_id", "in", self.ids)], ["case_id"], ["__count"]
            )
        )
        for case in self:
            case.discharge_plan_count = counts.get(case, 0)

    @social_action("read")
    def action_view_discharge_plans(self):
        self.ensure_one()
        # an action naming a case is an oracle of its existence: only for who may read it
        self.check_access("read")
        action = self.env["ir.actions.actions"]._for_xml_id(
            "social_discharge.social_discharge_plan_action"
        )
        action["domain"] = [("case_id", "=", self.id)]
        action["context"] = {"default_case_id": self.id}
        # the case's plan itself, not a board of stages with one card somewhere in it
        plans = self.env["social.discharge.plan"].search([("case_id", "=", self.id)])
        if len(plans) <= 1:
            form = self.env.ref("social_discharge.social_discharge_plan_view_form")
            action.update(view_mode="form", views=[(form.id, "form")], res_id=plans.id)
        return action

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SocialCasePlanAction(models.Model):
    _inherit = "social.case.plan.action"

    discharge_request_id = fields.Many2one(
        "social.discharge.request",
        string="Request to a Provider",
        index="btree_not_null",
        ondelete="set null",
        domain="[('case_id', '=', case_id)]",
        help="The request to a provider that carries the action out: the action is done when "
        "the provider accepts the patient.",
    )

    @api.constrains("discharge_request_id", "plan_id")
    def _check_request_of_the_case(self):
        for action in self:
            request = action.discharge_request_id
            if request and request.case_id != action.plan_id.case_id:
                raise ValidationError(
                    self.env._(
                        "%(record)s belongs to another case: link a record of the plan's case.",
                        record=request._description,
                    )
                )

    def _prepare_carried_values(self, plan, goal_map):
        values = super()._prepare_carried_values(plan, goal_map)
        values["discharge_request_id"] = self.discharge_request_id.id
        return values

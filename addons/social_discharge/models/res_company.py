from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    social_discharge_follow_up_days = fields.Integer(
        string="Follow-up After Discharge (days)",
        default=7,
        help="Days after the discharge of the follow-up call planned on the case.",
    )

    @api.constrains("social_discharge_follow_up_days")
    def _check_social_discharge_days(self):
        for company in self:
            if company.social_discharge_follow_up_days < 0:
                raise ValidationError(
                    self.env._("The follow-up after discharge cannot be before the discharge.")
                )

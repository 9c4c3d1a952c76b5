from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    social_his_raw_retention_days = fields.Integer(
        string="Keep Raw Hospital Messages (days)",
        config_parameter="social_his.raw_retention_days",
        default=30,
        help="Days after which the text of a hospital system message is erased; what it "
        "was (event, control id, state) stays.",
    )

    @api.constrains("social_his_raw_retention_days")
    def _check_social_his_raw_retention_days(self):
        for settings in self:
            if settings.social_his_raw_retention_days < 1:
                raise ValidationError(
                    self.env._("Keep the raw hospital messages at least one day.")
                )

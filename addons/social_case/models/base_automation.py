from odoo import api, fields, models

from odoo.addons.base_automation.models.base_automation import TIME_TRIGGERS

from .social_privacy_mixin import privacy_models


class BaseAutomation(models.Model):
    _inherit = "base.automation"

    @api.model_create_multi
    def create(self, vals_list):
        automations = super().create(vals_list)
        automations._social_start_from_now()
        return automations

    def write(self, vals):
        switched_on = self.filtered(lambda a: not a.active) if vals.get("active") else None
        result = super().write(vals)
        if switched_on:
            switched_on._social_start_from_now()
        return result

    def _social_start_from_now(self):
        """A time-based rule on the social service's records, switched on, reminds of what
        falls due from now on: its first run does not go through years of history (a
        reminder for every case that went quiet since it was opened)."""
        ours = set(privacy_models(self.env))
        rules = self.filtered(
            lambda a: a.active and a.trigger in TIME_TRIGGERS and a.model_name in ours
        )
        if rules:
            rules.write({"last_run": fields.Datetime.now()})

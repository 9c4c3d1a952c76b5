from odoo import api, models


class SocialIntervention(models.Model):
    _inherit = "social.intervention"

    @api.model
    def load(self, fields, data):
        """An import of interventions (the patients seen once): the file active is
        computed again in a moment."""
        result = super().load(fields, data)
        if result.get("ids"):
            self.env["social.report.file.active"]._refresh_soon()
        return result

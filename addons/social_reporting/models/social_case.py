from odoo import api, models


class SocialCase(models.Model):
    _inherit = "social.case"

    @api.model
    def _cron_anonymise(self):
        """The file active computed again once the run is over: a case anonymised no
        longer names its patient, and the patient's later case is then their first."""
        cases = super()._cron_anonymise()
        if cases:
            self.env["social.report.file.active"]._refresh()
        return cases

    @api.model
    def load(self, fields, data):
        """An import of cases: the file active is computed again in a moment."""
        result = super().load(fields, data)
        if result.get("ids"):
            self.env["social.report.file.active"]._refresh_soon()
        return result

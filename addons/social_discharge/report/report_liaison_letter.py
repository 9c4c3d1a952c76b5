from odoo import api, models
from odoo.exceptions import AccessError


class ReportLiaisonLetter(models.AbstractModel):
    _name = "report.social_discharge.report_liaison_letter"
    _description = "Liaison Letter"

    @api.model
    def _get_report_values(self, docids, data=None):
        # the report's groups only hide the menu entry: check them before rendering anything
        # the groups of action_report_liaison_letter, which only administrators read
        if not self.env.su and not self.env.user.has_group("social_case.group_social_worker"):
            raise AccessError(self.env._("Only social workers can print liaison letters."))
        plans = self.env["social.discharge.plan"].browse(docids)
        plans.check_access("read")
        # the letter is printed to leave the service: by its button, its URL or a sending
        plans._social_check_consent()
        return {"doc_ids": docids, "doc_model": "social.discharge.plan", "docs": plans}

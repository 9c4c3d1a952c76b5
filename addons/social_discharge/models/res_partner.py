from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _social_access_export_sections(self, cases):
        sections = super()._social_access_export_sections(cases)
        plans = (
            self.env["social.discharge.plan"]
            .with_context(active_test=False)
            .search([("case_id", "in", cases.ids)])
        )
        sections["discharge_plans"] = self._social_export_rows(plans)
        sections["discharge_requests"] = self._social_export_rows(plans.request_ids)
        return sections

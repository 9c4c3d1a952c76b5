from odoo import api, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _social_patient_models(self):
        # the care team organising a discharge reads its plan, and opens its patient
        return dict(
            super()._social_patient_models(),
            **{"social.discharge.plan": "social_case.group_social_care"},
        )

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

from odoo import api, models
from odoo.exceptions import AccessError, MissingError


class ReportCasePlan(models.AbstractModel):
    _name = "report.social_case.report_case_plan"
    _description = "What We Agreed, for the Patient"

    @api.model
    def _get_report_values(self, docids, data=None):
        # the report's groups only hide the menu entry: check them before rendering anything
        if not self.env.su and not self.env.user.has_group("social_case.group_social_worker"):
            raise AccessError(self.env._("Only social workers print a patient's plan."))
        plans = self.env["social.case.plan"].browse(docids)
        if not plans or plans.exists() != plans:
            raise MissingError(self.env._("This plan does not exist: reload the page."))
        plans.check_access("read")
        # the plan leaves the file on paper: each printing is logged
        self.env["social.case.access.log"]._log_reads(plans, "export", system=True)
        return {"doc_ids": docids, "doc_model": "social.case.plan", "docs": plans}

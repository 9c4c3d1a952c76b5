from odoo import api, models
from odoo.exceptions import AccessError, MissingError


class ReportRightsSheet(models.AbstractModel):
    _name = "report.social_case.report_rights_sheet"
    _description = "Rights Sheet for the Patient"

    @api.model
    def _get_report_values(self, docids, data=None):
        # the report's groups only hide the menu entry: check them before rendering anything
        if not self.env.su and not self.env.user.has_group("social_case.group_social_worker"):
            raise AccessError(self.env._("Only social workers print a patient's rights sheet."))
        cases = self.env["social.case"].browse(docids)
        if not cases or cases.exists() != cases:
            raise MissingError(self.env._("This case does not exist: reload the page."))
        cases.check_access("read")
        # the sheet carries the patient's situation out of the file: it is logged
        self.env["social.case.access.log"]._log(cases, "export")
        return {"doc_ids": docids, "doc_model": "social.case", "docs": cases}

from odoo import api, models
from odoo.exceptions import AccessError


class ReportAccessExport(models.AbstractModel):
    _name = "report.social_case.report_access_export"
    _description = "Right of Access"

    @api.model
    def _get_report_values(self, docids, data=None):
        # the report's groups only hide the menu entry, and the URL accepts any "options":
        # who may print it is checked here, and what it says is read from the database only
        if not self.env.su and not self.env.user.has_group("social_case.group_social_manager"):
            raise AccessError(
                self.env._("Only the head of the social service exports a patient's file.")
            )
        patients = self.env["res.partner"].browse(docids).exists()[:1]
        # the Manager, checked above, exports every case, restricted ones included
        patient = patients.sudo().with_context(active_test=False)
        export = patient._social_access_export_data() if patient else {}
        # the export is evidence of who read the whole file, record by record, printed by
        # the Manager's button (as superuser) or by its URL; found as the system, as above
        patient.env["social.case.access.log"]._log_file_export(patients)
        return {
            "doc_ids": patients.ids,
            "doc_model": "res.partner",
            "docs": patients,
            "export": export,
        }

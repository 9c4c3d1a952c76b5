from odoo import api, models

from .res_company import MIN_SMALL_COUNT

K_PLACEHOLDER = "__SOCIAL_K__"


class SpreadsheetDashboard(models.Model):
    _inherit = "spreadsheet.dashboard"

    def get_readonly_dashboard(self):
        """The social service's dashboard masks counts of patients from 1 to k - 1 as
        "< k" for coordinators (its formulas hold the placeholder of k, replaced here by
        the site's threshold); a Manager sees the counts. The formulas apply the rule of
        ``tools/small_counts.py`` to tables of one column: a table's total is printed
        only when none of its counts is masked ("×" otherwise), and the hours, days and
        delays beside a masked count are left blank."""
        if self != self.env.ref(
            "social_reporting.spreadsheet_dashboard_head_of_service", raise_if_not_found=False
        ):
            return super().get_readonly_dashboard()
        # a clear refusal for who may not see it (not a failure on its missing file)
        self.check_access("read")
        result = super().get_readonly_dashboard()
        k = self.env.company.social_report_small_count or MIN_SMALL_COUNT
        if self.env.user.has_group("social_case.group_social_manager"):
            k = 1  # "count > 0 and count < 1" is never true: nothing is masked
        result["snapshot"] = self._social_replace_k(result["snapshot"], str(k))
        return result

    @api.model
    def _social_share_dashboard_file(self):
        """The dashboard's file is stored as an attachment of the company that installed
        the module; a coordinator of another site must read it too (the dashboard's own
        groups keep restricting who sees it). Called at install, as the superuser."""
        dashboard = self.env.ref("social_reporting.spreadsheet_dashboard_head_of_service")
        self.env["ir.attachment"].search(
            [
                ("res_model", "=", self._name),
                ("res_field", "=", "spreadsheet_binary_data"),
                ("res_id", "=", dashboard.id),
            ]
        ).company_id = False

    @classmethod
    def _social_replace_k(cls, node, k):
        if isinstance(node, dict):
            return {key: cls._social_replace_k(value, k) for key, value in node.items()}
        if isinstance(node, list):
            return [cls._social_replace_k(value, k) for value in node]
        if isinstance(node, str):
            return node.replace(K_PLACEHOLDER, k)
        return node

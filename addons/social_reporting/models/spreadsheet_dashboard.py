from odoo import models

from .res_company import MIN_SMALL_COUNT

K_PLACEHOLDER = "__SOCIAL_K__"


class SpreadsheetDashboard(models.Model):
    _inherit = "spreadsheet.dashboard"

    def get_readonly_dashboard(self):
        """The social service's dashboard masks counts of patients from 1 to k - 1 as
        "< k" for coordinators (its formulas hold the placeholder of k, replaced here by
        the site's threshold); a Manager sees the counts. Its tables print no totals, so
        no secondary masking is needed there (see ``tools/small_counts.py``)."""
        result = super().get_readonly_dashboard()
        if self != self.env.ref(
            "social_reporting.spreadsheet_dashboard_head_of_service", raise_if_not_found=False
        ):
            return result
        k = self.env.company.social_report_small_count or MIN_SMALL_COUNT
        if self.env.user.has_group("social_case.group_social_manager"):
            k = 1  # "count > 0 and count < 1" is never true: nothing is masked
        result["snapshot"] = self._social_replace_k(result["snapshot"], str(k))
        return result

    @classmethod
    def _social_replace_k(cls, node, k):
        if isinstance(node, dict):
            return {key: cls._social_replace_k(value, k) for key, value in node.items()}
        if isinstance(node, list):
            return [cls._social_replace_k(value, k) for value in node]
        if isinstance(node, str):
            return node.replace(K_PLACEHOLDER, k)
        return node

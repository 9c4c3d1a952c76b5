from collections import defaultdict

from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _social_access_export_sections(self, cases):
        sections = super()._social_access_export_sections(cases)
        aid = self.env["social.aid.request"].search([("case_id", "in", cases.ids)])
        closures = self.env["social.case.closure.request"].search([("case_id", "in", cases.ids)])
        sections["aid_requests"] = self._social_export_rows(aid)
        sections["closure_requests"] = self._social_export_rows(closures)
        sections["sign_offs"] = self._social_sign_off_rows(cases)
        return sections

    def _social_sign_off_rows(self, cases):
        """The sign-offs of the plans and requests of ``cases``: which record, which tier,
        who decided what, when, and the reviewer's comment."""
        reviews = self.env["tier.review"].search([("case_id", "in", cases.ids)])
        ids_by_model = defaultdict(list)
        for review in reviews:
            ids_by_model[review.model].append(review.res_id)
        # the names of each model's records, read together
        names = {
            (model, record.id): record.display_name
            for model, ids in ids_by_model.items()
            for record in self.env[model].browse(ids)
        }
        rows = self._social_export_rows(
            reviews, ["name", "status", "done_by", "reviewed_date", "comment"]
        )
        record_label = self.env._("Record")
        return [
            {record_label: names[review.model, review.res_id], **row}
            for review, row in zip(reviews, rows, strict=True)
        ]

from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _social_access_export_sections(self, cases):
        """The right of access names who was given the patient's portal, and until when (the
        reads on the portal are in the access log, with every other read)."""
        sections = super()._social_access_export_sections(cases)
        accesses = self.env["social.portal.access"].search([("case_id", "in", cases.ids)])
        sections["portal_accesses"] = self._social_export_rows(
            accesses,
            ["case_id", "partner_id", "role", "date_invited", "invited_by_id", "date_revoked"],
        )
        return sections

from odoo import models


class SocialCaseContact(models.Model):
    _inherit = "social.case.contact"

    def write(self, vals):
        result = super().write(vals)
        if {"role", "partner_id", "case_id"} & set(vals):
            # a person who no longer is the patient's legal representative on the case (the
            # mandate ended, another person was appointed) no longer reads it on the portal
            accesses = self.env["social.portal.access"].search(
                [("contact_id", "in", self.ids), ("date_revoked", "=", False)]
            )
            accesses.filtered(
                lambda a: (
                    a.contact_id.role != "legal_representative"
                    or a.contact_id.partner_id != a.partner_id
                    or a.contact_id.case_id != a.case_id
                )
            ).action_revoke()
        return result

from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _update_last_login(self):
        result = super()._update_last_login()
        # each login to the patient's portal is in the access log of the cases it opens
        if self.env.user.share:
            accesses = self.env["social.portal.access"]._portal_accesses(self.env.user)
            self.env["social.case.access.log"]._log(accesses.case_id, "portal_login")
        return result

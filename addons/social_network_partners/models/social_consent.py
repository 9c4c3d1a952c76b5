from odoo import models

OPEN_STATES = ("requested", "accepted", "scheduled")


class SocialConsent(models.Model):
    _inherit = "social.consent"

    def _on_withdraw(self):
        """The open liaison requests relying on a withdrawn consent disappear from the
        service at once (their consent is derived from the registry) and are flagged to
        their requester."""
        result = super()._on_withdraw()
        # the system's reaction: the person withdrawing may not read every request concerned
        requests = (
            self.env["social.liaison.request"]
            .sudo()
            .search([("consent_id", "in", self.ids), ("state", "in", OPEN_STATES)])
        )
        for request in requests:
            request._flag_consent_withdrawn()
        return result

from odoo import models

OPEN_STATES = ("requested", "accepted", "scheduled")


class SocialConsent(models.Model):
    _inherit = "social.consent"

    def _on_withdraw(self):
        """The open liaison requests relying on a withdrawn consent disappear from the
        service at once (their consent is derived from the registry) and are flagged to
        their requester."""
        result = super()._on_withdraw()
        # the system's reaction (``self`` is sudo): the person withdrawing may not read
        # every request concerned
        requests = self.env["social.liaison.request"].search(
            [("consent_id", "in", self.ids), ("state", "in", OPEN_STATES)]
        )
        for request in requests:
            request._flag_consent_withdrawn()
        return result

    def _on_end(self):
        """The visits planned under consents that no longer count keep their date and place
        in the assignee's calendar, not the patient's name."""
        result = super()._on_end()
        # the system's reaction, as on a withdrawal: the visits' titles (``_sync_event_name``)
        requests = (
            self.env["social.liaison.request"]
            .with_context(active_test=False)
            .search([("consent_id", "in", self.ids), ("event_id", "!=", False)])
        )
        requests._sync_event_name()
        return result

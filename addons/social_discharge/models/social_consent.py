from odoo import models

from .social_discharge_request import OPEN_STATES


class SocialConsent(models.Model):
    _inherit = "social.consent"

    def _on_withdraw(self):
        """The open discharge requests sent under a withdrawn consent are flagged to the
        patient's referent: the provider must be told that nothing more will follow."""
        result = super()._on_withdraw()
        # the system's reaction (``self`` is sudo): the person withdrawing may not write
        # every plan concerned
        requests = self.env["social.discharge.request"].search(
            [("consent_id", "in", self.ids), ("state", "in", OPEN_STATES)]
        )
        for request in requests:
            request._flag_consent_withdrawn()
        return result

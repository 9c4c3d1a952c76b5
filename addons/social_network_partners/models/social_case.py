from odoo import models

from odoo.addons.social_case.models.social_privacy_mixin import social_action


class SocialCase(models.Model):
    _inherit = "social.case"

    @social_action("read")
    def action_social_find_partner(self):
        """Open the partner search prefilled with the patient's postal code and language."""
        self.ensure_one()
        # an action naming a case is an oracle of its existence: only for who may read it
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "social_network_partners.social_partner_finder_action"
        )
        action["context"] = {"default_case_id": self.id}
        return action

from odoo import fields, models


def _landing_field(role):
    """The action a role lands on at the company selected (``res.company``)."""
    return fields.Many2one(related=f"company_id.social_landing_{role}_action_id", readonly=False)


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # one per role of SOCIAL_LANDINGS (res_users.py)
    social_landing_manager_action_id = _landing_field("manager")
    social_landing_coordinator_action_id = _landing_field("coordinator")
    social_landing_worker_action_id = _landing_field("worker")
    social_landing_care_action_id = _landing_field("care")
    social_landing_liaison_action_id = _landing_field("liaison")
    social_triage_user_id = fields.Many2one(
        related="company_id.social_triage_user_id", readonly=False
    )

from odoo import fields, models


def _landing_field(role, string):
    """The action a role lands on, as Settings name it (read by ``res.users``)."""
    return fields.Many2one(
        "ir.actions.act_window",
        string=string,
        config_parameter=f"social_case.landing_action_{role}",
    )


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # one per role of SOCIAL_LANDINGS (res_users.py)
    social_landing_manager_action_id = _landing_field("manager", "Head of Service Lands On")
    social_landing_coordinator_action_id = _landing_field("coordinator", "Coordinator Lands On")
    social_landing_worker_action_id = _landing_field("worker", "Social Worker Lands On")
    social_landing_care_action_id = _landing_field("care", "Care Team Lands On")
    social_landing_liaison_action_id = _landing_field("liaison", "Liaison Provider Lands On")
    social_triage_user_id = fields.Many2one(
        related="company_id.social_triage_user_id", readonly=False
    )

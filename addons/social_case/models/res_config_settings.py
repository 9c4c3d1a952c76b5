from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    social_landing_manager_action_id = fields.Many2one(
        "ir.actions.act_window",
        string="Head of Service Lands On",
        config_parameter="social_case.landing_action_manager",
    )
    social_landing_coordinator_action_id = fields.Many2one(
        "ir.actions.act_window",
        string="Coordinator Lands On",
        config_parameter="social_case.landing_action_coordinator",
    )
    social_landing_worker_action_id = fields.Many2one(
        "ir.actions.act_window",
        string="Social Worker Lands On",
        config_parameter="social_case.landing_action_worker",
    )
    social_landing_care_action_id = fields.Many2one(
        "ir.actions.act_window",
        string="Care Team Lands On",
        config_parameter="social_case.landing_action_care",
    )
    social_landing_liaison_action_id = fields.Many2one(
        "ir.actions.act_window",
        string="Liaison Provider Lands On",
        config_parameter="social_case.landing_action_liaison",
    )

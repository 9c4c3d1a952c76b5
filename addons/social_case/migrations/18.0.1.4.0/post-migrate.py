from odoo import SUPERUSER_ID, api

ROLES = ("manager", "coordinator", "worker", "care", "liaison")


def migrate(cr, version):
    """The screen each role lands on is a setting of each site now, as the service's other
    settings are: the screens the hospital had chosen for the whole database become each
    site's, and the system parameters go."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    Parameter = env["ir.config_parameter"]
    companies = env["res.company"].with_context(active_test=False).search([])
    keys = [f"social_case.landing_action_{role}" for role in ROLES]
    for role, key in zip(ROLES, keys, strict=True):
        value = Parameter.get_param(key) or ""
        action = env["ir.actions.act_window"].browse(int(value) if value.isdigit() else [])
        if action.exists():
            companies.write({f"social_landing_{role}_action_id": action.id})
    Parameter.search([("key", "in", keys)]).unlink()

from odoo import SUPERUSER_ID, api

SETTINGS = {
    "social_network_partners.availability_stale_days": "social_partner_stale_days",
    "social_network_partners.recent_use_days": "social_partner_recent_use_days",
}


def migrate(cr, version):
    """The directory's two delays are settings of each site now, as the other settings of
    the service are: the days the hospital had chosen for the whole database become each
    site's, and the system parameters go."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    Parameter = env["ir.config_parameter"]
    companies = env["res.company"].with_context(active_test=False).search([])
    for key, field in SETTINGS.items():
        days = Parameter.get_param(key)
        if days and days.isdigit():
            companies.write({field: int(days)})
    for xmlid in (
        "social_network_partners.config_availability_stale_days",
        "social_network_partners.config_recent_use_days",
    ):
        record = env.ref(xmlid, raise_if_not_found=False)
        if record:
            record.unlink()
    Parameter.search([("key", "in", list(SETTINGS))]).unlink()

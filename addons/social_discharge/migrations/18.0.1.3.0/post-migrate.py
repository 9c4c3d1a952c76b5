from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """The follow-up after discharge is a setting of each site now, as the portal's and the
    retention's are: the delay the hospital had chosen for the whole database becomes each
    site's, and the system parameter goes."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    Parameter = env["ir.config_parameter"]
    days = Parameter.get_param("social_discharge.follow_up_days")
    if days and days.isdigit():
        env["res.company"].with_context(active_test=False).search([]).write(
            {"social_discharge_follow_up_days": int(days)}
        )
    record = env.ref("social_discharge.config_follow_up_days", raise_if_not_found=False)
    if record:
        record.unlink()
    Parameter.search([("key", "=", "social_discharge.follow_up_days")]).unlink()

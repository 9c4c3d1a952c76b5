from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """The reminder of a provider's unanswered request is an automation rule now, whose
    delay an administrator changes in Automation Rules: the daily job and the setting in
    days of the earlier release go, and a delay the hospital had chosen is kept."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    rule = env.ref("social_discharge.automation_request_unanswered", raise_if_not_found=False)
    days = env["ir.config_parameter"].get_param("social_discharge.reminder_days")
    if rule and days and days.isdigit() and days != "3":
        rule.trg_date_range = int(days) * 24
    for xmlid in (
        "social_discharge.ir_cron_remind_unanswered",
        "social_discharge.config_reminder_days",
    ):
        record = env.ref(xmlid, raise_if_not_found=False)
        if record:
            record.unlink()
    env["ir.config_parameter"].search([("key", "=", "social_discharge.reminder_days")]).unlink()

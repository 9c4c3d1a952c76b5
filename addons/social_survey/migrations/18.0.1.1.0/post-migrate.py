from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """The questionnaire takes its own survey type, under its own rules; invitations no
    longer expire, so the cron that purged them goes."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    survey = env.ref("social_survey.survey_social_service", raise_if_not_found=False)
    if survey:
        survey.survey_type = "social_service"
    cron = env.ref("social_survey.ir_cron_purge_survey_invitations", raise_if_not_found=False)
    if cron:
        cron.unlink()
    env["ir.model.data"].search(
        [("module", "=", "social_survey"), ("name", "=", "ir_cron_purge_survey_invitations")]
    ).unlink()

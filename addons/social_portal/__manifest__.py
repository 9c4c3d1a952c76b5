# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Social Portal",
    "summary": "The patient's own page, on Odoo's portal: the procedures the referent shared "
    "and why, their consents (withdraw one, give one the service asks), their appointments, "
    "the discharge proposals to accept or refuse, the rights sheet and the agreed plan; "
    "for the patient or their legal representative, invited per case, every read logged",
    "version": "18.0.1.0.0",
    "category": "Services/Social Service",
    "website": "https://github.com/hospital-social-service/social-service",
    "author": "Hospital Social Service contributors",
    "maintainers": [],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["social_discharge", "social_survey", "portal", "auth_totp_portal"],
    "data": [
        "security/ir.model.access.csv",
        "security/social_portal_rules.xml",
        "data/ir_cron_data.xml",
        "data/mail_template_data.xml",
        "wizard/social_portal_invite_views.xml",
        "views/social_portal_access_views.xml",
        "views/social_case_views.xml",
        "views/social_procedure_views.xml",
        "views/social_discharge_request_views.xml",
        "views/social_consent_purpose_views.xml",
        "views/res_config_settings_views.xml",
        "views/social_portal_templates.xml",
    ],
    "demo": ["demo/social_portal_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "social_portal/static/src/js/tours/*.js",
        ],
    },
    "installable": True,
}

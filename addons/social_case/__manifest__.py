# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Social Case",
    "summary": "Hospital social service: referrals, social case files with one "
    "referent across the patient's pathway, interventions, procedures, rights",
    "version": "18.0.1.0.0",
    "category": "Services/Social Service",
    "website": "https://github.com/hospital-social-service/social-service",
    "author": "Hospital Social Service contributors",
    "maintainers": [],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "application": True,
    "depends": ["mail", "contacts", "calendar"],
    "data": [
        "security/social_security.xml",
        "security/ir.model.access.csv",
        "security/social_case_rules.xml",
        "data/ir_sequence_data.xml",
        "data/mail_alias_data.xml",
        "data/ir_cron_data.xml",
        "data/social_case_stage_data.xml",
        "data/social_language_data.xml",
        "data/social_territory_data.xml",
        "data/social_need_type_data.xml",
        "data/social_intervention_type_data.xml",
        "views/social_case_views.xml",
        "views/social_referral_views.xml",
        "views/social_team_views.xml",
        "views/social_config_views.xml",
        "views/social_menus.xml",
    ],
    "demo": [
        "demo/social_case_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "social_case/static/src/js/tours/*.js",
        ],
    },
    "installable": True,
}

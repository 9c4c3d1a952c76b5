# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Social Discharge Planning",
    "summary": "Discharge planning: destinations, checklists, requests to providers, "
    "delayed-discharge days, liaison letter",
    "version": "18.0.1.1.0",
    "category": "Services/Social Service",
    "website": "https://github.com/hospital-social-service/social-service",
    "author": "Hospital Social Service contributors",
    "maintainers": [],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["social_case", "social_network_partners", "portal"],
    "data": [
        "security/ir.model.access.csv",
        "security/social_discharge_rules.xml",
        "data/social_discharge_stage_data.xml",
        "data/social_discharge_delay_reason_data.xml",
        "data/social_discharge_refusal_reason_data.xml",
        "data/social_partner_type_data.xml",
        "data/social_discharge_template_data.xml",
        "data/ir_config_parameter_data.xml",
        "data/ir_cron_data.xml",
        "report/social_discharge_report.xml",
        "data/mail_template_data.xml",
        "views/social_discharge_plan_views.xml",
        "views/social_discharge_request_views.xml",
        "views/social_case_plan_views.xml",
        "views/social_discharge_config_views.xml",
        "wizard/social_discharge_wizard_views.xml",
        "views/res_config_settings_views.xml",
        "views/social_discharge_menus.xml",
        "views/social_discharge_portal_templates.xml",
    ],
    "demo": [
        "demo/social_discharge_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "social_discharge/static/src/js/tours/*.js",
        ],
    },
    "installable": True,
}

# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Social Reporting",
    "summary": "Activity reporting of the hospital social service: caseloads, "
    "interventions, time spent listening and on paperwork",
    "version": "18.0.1.0.0",
    "category": "Services/Social Service",
    "website": "https://github.com/hospital-social-service/social-service",
    "author": "Hospital Social Service contributors",
    "maintainers": [],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["social_discharge", "social_approval", "spreadsheet_dashboard", "report_xlsx"],
    "data": [
        "security/ir.model.access.csv",
        "security/social_reporting_rules.xml",
        "data/social_reporting_dashboard.xml",
        "data/ir_cron_data.xml",
        "views/res_config_settings_views.xml",
        "views/social_report_intervention_views.xml",
        "views/social_report_caseload_views.xml",
        "views/social_report_file_active_views.xml",
        "views/social_report_referral_views.xml",
        "views/social_report_procedure_views.xml",
        "views/social_report_discharge_views.xml",
        "views/social_report_discharge_request_views.xml",
        "views/social_report_liaison_views.xml",
        "report/annual_report.xml",
        "wizard/social_report_annual_wizard_views.xml",
        "views/social_reporting_menus.xml",
    ],
    "assets": {
        "spreadsheet.o_spreadsheet": [
            "social_reporting/static/src/bundle/*.js",
        ],
        "web.assets_tests": [
            "social_reporting/static/src/js/tours/*.js",
        ],
    },
    "demo": ["demo/social_reporting_demo.xml"],
    "installable": True,
}

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
    "depends": ["social_case"],
    "data": [
        "security/ir.model.access.csv",
        "security/social_reporting_rules.xml",
        "views/res_config_settings_views.xml",
        "views/social_report_intervention_views.xml",
        "views/social_report_caseload_views.xml",
        "views/social_reporting_menus.xml",
    ],
    "installable": True,
}

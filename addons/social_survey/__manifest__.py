# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Social Survey",
    "summary": "The patient judges the social service: an anonymous questionnaire at the "
    "closure of a case, with Odoo's survey, and its results by team with small counts masked",
    "version": "18.0.1.2.0",
    "category": "Services/Social Service",
    "website": "https://github.com/hospital-social-service/social-service",
    "author": "Hospital Social Service contributors",
    "maintainers": [],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["social_case", "social_reporting", "survey"],
    "data": [
        "security/ir.model.access.csv",
        "security/social_survey_rules.xml",
        "security/survey_rules.xml",
        "security/social_assessment_rules.xml",
        "data/survey_data.xml",
        "data/mail_template_data.xml",
        "data/social_assessment_data.xml",
        "data/social_assessment_automation_data.xml",
        "report/social_survey_invitation_report.xml",
        "views/social_case_views.xml",
        "views/social_survey_results_views.xml",
        "views/social_assessment_views.xml",
    ],
    "demo": ["demo/social_survey_demo.xml"],
    "assets": {
        "web.assets_tests": ["social_survey/static/src/js/tours/*.js"],
    },
    "installable": True,
}

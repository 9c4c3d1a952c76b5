# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Social Approval",
    "summary": "Sign-off by the team's coordinator with OCA's tier validation: the case "
    "plan becomes active once approved, financial aid requests approved by the coordinator "
    "and the head of service above a threshold, a case closed once its closure is signed "
    "off; reviews read only by who may read the case",
    "version": "18.0.1.0.0",
    "category": "Services/Social Service",
    "website": "https://github.com/hospital-social-service/social-service",
    "author": "Hospital Social Service contributors",
    "maintainers": [],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["social_case", "base_tier_validation"],
    "data": [
        "security/ir.model.access.csv",
        "security/tier_review_rules.xml",
        "security/social_aid_request_rules.xml",
        "security/social_case_closure_request_rules.xml",
        "data/ir_sequence_data.xml",
        "data/tier_definition_data.xml",
        "views/social_case_plan_views.xml",
        "views/social_aid_request_views.xml",
        "views/social_case_closure_request_views.xml",
    ],
    "demo": ["demo/social_approval_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "social_approval/static/src/js/tours/*.js",
        ],
    },
    "installable": True,
}

# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Social Network Partners",
    "summary": "Directory of external partners, find a partner, liaison requests to volunteers, "
    "chaplaincy and other internal services",
    "version": "18.0.1.2.0",
    "category": "Services/Social Service",
    "website": "https://github.com/hospital-social-service/social-service",
    "author": "Hospital Social Service contributors",
    "maintainers": [],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["social_case", "base_import"],
    "data": [
        "security/ir.model.access.csv",
        "security/social_network_partners_rules.xml",
        "data/social_network_partners_data.xml",
        "data/social_partner_type_data.xml",
        "data/social_liaison_service_data.xml",
        "views/social_partner_type_views.xml",
        "views/res_partner_views.xml",
        "views/social_partner_evaluation_views.xml",
        "views/social_liaison_service_views.xml",
        "views/social_liaison_request_views.xml",
        "views/social_case_views.xml",
        "views/res_config_settings_views.xml",
        "wizard/social_partner_finder_views.xml",
        "views/social_network_partners_menus.xml",
    ],
    "demo": [
        "demo/social_partner_demo.xml",
        "demo/social_liaison_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "social_network_partners/static/src/js/tours/*.js",
        ],
    },
    "installable": True,
}

# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Social Network Partners",
    "summary": "Directory of external partners, find a partner, liaison requests to volunteers, chaplaincy and other internal services",
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
    ],
    "installable": True,
}

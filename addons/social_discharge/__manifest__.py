# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Social Discharge Planning",
    "summary": "Discharge planning: destinations, checklists, requests to providers, delayed-discharge days, liaison letter",
    "version": "18.0.1.0.0",
    "category": "Services/Social Service",
    "website": "https://github.com/hospital-social-service/social-service",
    "author": "Hospital Social Service contributors",
    "maintainers": [],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["social_case"],
    "data": [],
    "installable": True,
}

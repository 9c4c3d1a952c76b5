from odoo import fields, models


def _landing_field(string):
    """The action a role of the social service lands on at the site (``res.users``)."""
    return fields.Many2one("ir.actions.act_window", string=string, ondelete="set null")


class ResCompany(models.Model):
    _inherit = "res.company"

    social_retention_years = fields.Integer(
        string="Case Retention (years)",
        default=10,
        help="Years after a case's closure before it is anonymised. 0: never.",
    )
    # one per role of SOCIAL_LANDINGS (res_users.py); empty: the role's own screen
    social_landing_manager_action_id = _landing_field("Head of Service Lands On")
    social_landing_coordinator_action_id = _landing_field("Coordinator Lands On")
    social_landing_worker_action_id = _landing_field("Social Worker Lands On")
    social_landing_care_action_id = _landing_field("Care Team Lands On")
    social_landing_liaison_action_id = _landing_field("Liaison Provider Lands On")
    social_triage_user_id = fields.Many2one(
        "res.users",
        string="Coordinator Reminded of Referrals",
        domain=[("share", "=", False)],
        help="Who is reminded of a referral still to triage after a working day "
        "(the automation rule Social Service: remind of a referral not triaged). "
        "Empty: nobody is reminded.",
    )

from odoo import fields, models
from odoo.tools import SQL

from ._selection import selection_of

CHANNELS = selection_of("social.referral", "channel")
ROLES = selection_of("social.referral", "referrer_type")
URGENCIES = selection_of("social.referral", "urgency")
STATES = selection_of("social.referral", "state")


class SocialReportReferral(models.Model):
    """Referrals for pivot and graph: when, from whom, how, from which unit, how urgent,
    their outcome and the hours until the first contact. No patient, no reason.

    A query on ``social_referral``: every column is stored on the referral (the first
    contact is computed and stored when an intervention is logged), but the team, the
    case's, through a LEFT JOIN on its primary key that PostgreSQL removes from a query
    that does not read it."""

    _name = "social.report.referral"
    _description = "Referrals Analysis"
    _auto = False
    _inherit = ["social.report.mixin"]
    _order = "date desc"

    date = fields.Datetime(string="Referred On", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    referrer_type = fields.Selection(ROLES, string="Source", readonly=True)
    channel = fields.Selection(CHANNELS, readonly=True)
    unit_id = fields.Many2one("social.unit", readonly=True)
    team_id = fields.Many2one("social.team", readonly=True)
    urgency = fields.Selection(URGENCIES, readonly=True)
    state = fields.Selection(STATES, string="Outcome", readonly=True)
    contacted = fields.Boolean(readonly=True)
    hours_to_first_contact = fields.Float(
        string="Hours to First Contact", digits=(16, 1), readonly=True, aggregator="avg"
    )
    referral_count = fields.Integer(string="Referrals", readonly=True, aggregator="sum")
    contacted_count = fields.Integer(
        string="Referrals Contacted",
        readonly=True,
        aggregator="sum",
        help="Referrals whose patient was contacted: the hours to first contact are theirs.",
    )

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT r.id, r.date, r.company_id, r.referrer_type, r.channel, r.unit_id,
                   r.urgency, r.state, c.team_id,
                   r.first_contact_date IS NOT NULL AS contacted,
                   CASE WHEN r.first_contact_date IS NOT NULL
                        THEN r.hours_to_first_contact END AS hours_to_first_contact,
                   1 AS referral_count,
                   (r.first_contact_date IS NOT NULL)::int AS contacted_count
              FROM social_referral r
              LEFT JOIN social_case c ON c.id = r.case_id
            """
        )

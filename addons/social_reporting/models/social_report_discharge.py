from odoo import fields, models
from odoo.tools import SQL

from ._selection import selection_of

DESTINATION_TYPES = selection_of("social.discharge.plan", "destination_type")
REQUEST_STATES = selection_of("social.discharge.request", "state")


class SocialReportDischarge(models.Model):
    """Discharge plans: destination, expected against actual dates, and the days a patient
    medically ready stayed in hospital with their reason. A query on
    ``social_discharge_plan`` (and its case's team); the delay is a column so that it can
    be summed."""

    _name = "social.report.discharge"
    _description = "Discharge Analysis"
    _auto = False
    _inherit = ["social.report.mixin"]
    _order = "actual_discharge_date desc"

    # a row of a restricted or minor's case: for the Manager only (security/)
    restricted = fields.Boolean(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    team_id = fields.Many2one("social.team", readonly=True)
    user_id = fields.Many2one("res.users", string="Referent", readonly=True)
    unit_id = fields.Many2one("social.unit", readonly=True)
    destination_type = fields.Selection(DESTINATION_TYPES, string="Destination", readonly=True)
    delay_reason_id = fields.Many2one(
        "social.discharge.delay.reason", string="Reason for Delay", readonly=True
    )
    is_discharged = fields.Boolean(string="Discharged", readonly=True)
    ready_not_discharged = fields.Boolean(
        string="Medically Ready, Still in Hospital", readonly=True
    )
    admission_date = fields.Date(readonly=True)
    medically_ready_date = fields.Date(readonly=True)
    expected_discharge_date = fields.Date(string="Expected Discharge", readonly=True)
    actual_discharge_date = fields.Date(string="Actual Discharge", readonly=True)
    delay_days = fields.Integer(string="Delayed Days", readonly=True, aggregator="sum")
    days_after_expected = fields.Integer(
        string="Days After Expected Date", readonly=True, aggregator="avg"
    )
    plan_count = fields.Integer(string="Discharge Plans", readonly=True, aggregator="sum")

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT p.id,
                   COALESCE(c.confidentiality != 'normal', false) AS restricted,
                   p.company_id, c.team_id, p.user_id, p.unit_id, p.destination_type,
                   p.delay_reason_id, p.is_discharged,
                   p.medically_ready_date IS NOT NULL
                       AND p.actual_discharge_date IS NULL
                       AND NOT COALESCE(p.is_discharged, false) AS ready_not_discharged,
                   p.admission_date, p.medically_ready_date,
                   p.expected_discharge_date, p.actual_discharge_date,
                   CASE WHEN p.medically_ready_date IS NOT NULL
                        THEN GREATEST(COALESCE(p.actual_discharge_date, CURRENT_DATE)
                                      - p.medically_ready_date, 0)
                        ELSE 0 END AS delay_days,
                   p.actual_discharge_date - p.expected_discharge_date
                       AS days_after_expected,
                   1 AS plan_count
              FROM social_discharge_plan p
              LEFT JOIN social_case c ON c.id = p.case_id
             WHERE p.active
            """
        )


class SocialReportDischargeRequest(models.Model):
    """Requests to providers (nursing homes, home care...): which provider, its answer, the
    hours it took and why it refused. Grouped by provider, it is the use of the partner
    directory.

    Per provider type, a provider of several types counts under its first type (in the
    types' order: sequence, then name), so that every request is counted once and the
    totals of a pivot by type are the number of requests. A request is answered once the
    provider accepted, put the patient on its waiting list or refused (in its portal or
    through the worker), even if it was withdrawn afterwards. The acceptance rate is 100
    for an accepted request, 0 for another answered one and empty while no answer came:
    its average is the accepted among the answered of any group, as "Accepted" over
    "Answered". The hours to an answer run from the sending to the moment the first answer
    was recorded (a place on the waiting list, then accepted: the waiting list's)."""

    _name = "social.report.discharge.request"
    _description = "Provider Requests Analysis"
    _auto = False
    _inherit = ["social.report.mixin"]
    _order = "date_sent desc"

    # a row of a restricted or minor's case: for the Manager only (security/)
    restricted = fields.Boolean(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    team_id = fields.Many2one("social.team", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Provider", readonly=True)
    partner_type_id = fields.Many2one("social.partner.type", string="Provider Type", readonly=True)
    need_type_id = fields.Many2one("social.need.type", string="Need", readonly=True)
    state = fields.Selection(REQUEST_STATES, string="Answer", readonly=True)
    refusal_reason_id = fields.Many2one("social.discharge.refusal.reason", readonly=True)
    date_sent = fields.Date(string="Sent On", readonly=True)
    date_answer = fields.Date(string="Answered On", readonly=True)
    answered_at = fields.Datetime(string="First Answer At", readonly=True)
    answered_count = fields.Integer(string="Answered", readonly=True, aggregator="sum")
    accepted_count = fields.Integer(string="Accepted", readonly=True, aggregator="sum")
    refused_count = fields.Integer(string="Refused", readonly=True, aggregator="sum")
    days_to_answer = fields.Integer(string="Days to an Answer", readonly=True, aggregator="avg")
    hours_to_answer = fields.Float(
        string="Hours to the First Answer", digits=(16, 1), readonly=True, aggregator="avg"
    )
    acceptance_rate = fields.Float(
        string="Acceptance Rate (%)",
        digits=(16, 1),
        readonly=True,
        aggregator="avg",
        help="Accepted requests among the answered ones (accepted, waiting list or refused).",
    )
    request_count = fields.Integer(string="Requests", readonly=True, aggregator="sum")

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT r.id,
                   COALESCE(c.confidentiality != 'normal', false) AS restricted,
                   r.company_id, c.team_id, r.partner_id, r.need_type_id, r.state,
                   -- a sub-query in the select list, not a join: PostgreSQL runs it
                   -- only for a read that uses the provider type
                   (SELECT rel.type_id
                      FROM res_partner_social_partner_type_rel rel
                      JOIN social_partner_type t ON t.id = rel.type_id
                     WHERE rel.partner_id = r.partner_id
                     ORDER BY t.sequence, t.name->>'en_US', t.id
                     LIMIT 1) AS partner_type_id,
                   CASE WHEN r.state = 'refused' THEN r.refusal_reason_id
                        END AS refusal_reason_id,
                   r.date_sent::date AS date_sent, r.date_answer, r.answered_at,
                   CASE WHEN r.answered_at IS NOT NULL
                             OR r.state IN ('accepted', 'refused', 'waiting')
                        THEN 1 ELSE 0 END AS answered_count,
                   CASE WHEN r.state = 'accepted' THEN 1 ELSE 0 END AS accepted_count,
                   CASE WHEN r.state = 'refused' THEN 1 ELSE 0 END AS refused_count,
                   r.date_answer - r.date_sent::date AS days_to_answer,
                   CASE WHEN r.answered_at IS NOT NULL
                        THEN GREATEST(EXTRACT(EPOCH FROM r.answered_at - r.date_sent)
                                      / 3600.0, 0)
                        END AS hours_to_answer,
                   CASE WHEN r.state = 'accepted' THEN 100.0
                        WHEN r.answered_at IS NOT NULL
                          OR r.state IN ('refused', 'waiting') THEN 0.0
                        END AS acceptance_rate,
                   1 AS request_count
              FROM social_discharge_request r
              LEFT JOIN social_case c ON c.id = r.case_id
             WHERE r.state != 'draft'
            """
        )

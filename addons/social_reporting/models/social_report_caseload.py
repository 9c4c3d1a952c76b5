from odoo import fields, models
from odoo.tools import SQL


class SocialReportCaseload(models.Model):
    """Cases by worker, team and stage, for caseload balancing. No patient data.

    The team's ceiling comes through a LEFT JOIN on the team's primary key, which
    PostgreSQL removes from every query that does not read it."""

    _name = "social.report.caseload"
    _description = "Caseload Analysis"
    _auto = False
    _inherit = ["social.report.mixin"]
    _order = "date_open desc"

    # a row of a restricted or minor's case: for the Manager only (security/)
    restricted = fields.Boolean(readonly=True)
    user_id = fields.Many2one("res.users", string="Referent", readonly=True)
    team_id = fields.Many2one("social.team", readonly=True)
    stage_id = fields.Many2one("social.case.stage", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date_open = fields.Date(string="Opened On", readonly=True)
    date_closed = fields.Date(string="Closed On", readonly=True)
    is_closed = fields.Boolean(string="Closed", readonly=True)
    priority = fields.Selection(
        [("0", "Normal"), ("1", "Important"), ("2", "Urgent")], readonly=True
    )
    case_count = fields.Integer(string="Cases", readonly=True, aggregator="sum")
    open_days = fields.Integer(string="Days Open", readonly=True, aggregator="avg")
    quiet_count = fields.Integer(
        string="Gone Quiet",
        readonly=True,
        aggregator="sum",
        help="Open cases with no contact for their team's number of days.",
    )
    review_overdue_count = fields.Integer(
        string="Plan Reviews Overdue",
        readonly=True,
        aggregator="sum",
        help="Open cases whose current plan was due for review before today.",
    )
    action_overdue_count = fields.Integer(
        string="Overdue Plan Actions",
        readonly=True,
        aggregator="sum",
        help="Actions of the open cases' current plans still to do after their due date.",
    )
    plan_waiting_count = fields.Integer(
        string="Plans Waiting for Sign-off",
        readonly=True,
        aggregator="sum",
        help="Open cases whose plan waits for the coordinator's sign-off.",
    )
    ceiling = fields.Integer(
        string="Caseload Ceiling",
        readonly=True,
        aggregator="max",
        help="The team's ceiling of open cases per social worker.",
    )

    @property
    def _table_query(self):
        # "today" is the reader's day, as everywhere else in the service, not the database's UTC
        today = fields.Date.context_today(self)
        return SQL(
            """
            SELECT c.id, c.confidentiality != 'normal' AS restricted,
                   c.user_id, c.team_id, c.stage_id, c.company_id,
                   c.date_open, c.date_closed, c.is_closed, c.priority,
                   1 AS case_count,
                   COALESCE(c.date_closed, %(today)s) - c.date_open AS open_days,
                   (c.is_quiet AND NOT c.is_closed)::int AS quiet_count,
                   (NOT c.is_closed AND EXISTS (
                       SELECT 1 FROM social_case_plan p
                        WHERE p.case_id = c.id AND p.is_current
                          AND p.review_date < %(today)s
                   ))::int AS review_overdue_count,
                   CASE WHEN c.is_closed THEN 0 ELSE (
                       SELECT count(*) FROM social_case_plan_action a
                         JOIN social_case_plan p ON p.id = a.plan_id AND p.is_current
                        WHERE p.case_id = c.id AND a.state = 'todo' AND a.date_due < %(today)s
                   ) END AS action_overdue_count,
                   (NOT c.is_closed AND EXISTS (
                       SELECT 1 FROM social_case_plan p
                         JOIN tier_review r ON r.model = 'social.case.plan' AND r.res_id = p.id
                        WHERE p.case_id = c.id AND p.state = 'draft'
                          AND r.status IN ('waiting', 'pending')
                   ))::int AS plan_waiting_count,
                   t.caseload_ceiling AS ceiling
              FROM social_case c
              LEFT JOIN social_team t ON t.id = c.team_id
             WHERE c.active
            """,
            today=today,
        )

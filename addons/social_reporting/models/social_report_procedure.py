from odoo import fields, models
from odoo.tools import SQL

from ._selection import selection_of

STATES = selection_of("social.procedure", "state")


class SocialReportProcedure(models.Model):
    """Administrative procedures: type, outcome, days until the organisation's answer and
    the amounts obtained. A query on ``social_procedure``, and its
    case's team and confidentiality (a LEFT JOIN on the case's primary key)."""

    _name = "social.report.procedure"
    _description = "Procedures Analysis"
    _auto = False
    _inherit = ["social.report.mixin"]
    _order = "submission_date desc"

    # a row of a restricted or minor's case: for the Manager only (security/)
    restricted = fields.Boolean(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    team_id = fields.Many2one("social.team", readonly=True)
    user_id = fields.Many2one("res.users", string="Social Worker", readonly=True)
    type_id = fields.Many2one("social.procedure.type", string="Procedure Type", readonly=True)
    state = fields.Selection(STATES, string="Outcome", readonly=True)
    waiting = fields.Boolean(string="Waiting for an Answer", readonly=True)
    submission_date = fields.Date(readonly=True)
    answer_date = fields.Date(readonly=True)
    days_to_answer = fields.Integer(string="Days to an Answer", readonly=True, aggregator="avg")
    days_waiting = fields.Integer(string="Days Since Submission", readonly=True, aggregator="avg")
    amount = fields.Float(string="Amount Obtained", readonly=True, aggregator="sum")
    procedure_count = fields.Integer(string="Procedures", readonly=True, aggregator="sum")

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT p.id,
                   COALESCE(c.confidentiality != 'normal', false) AS restricted,
                   p.company_id, c.team_id, p.user_id, p.type_id, p.state,
                   p.state IN ('submitted', 'awaiting_answer', 'appealed') AS waiting,
                   p.submission_date, p.answer_date,
                   p.answer_date - p.submission_date AS days_to_answer,
                   CASE WHEN p.state IN ('submitted', 'awaiting_answer', 'appealed')
                        THEN CURRENT_DATE - p.submission_date END AS days_waiting,
                   CASE WHEN p.state = 'granted' THEN p.amount ELSE 0 END AS amount,
                   1 AS procedure_count
              FROM social_procedure p
              LEFT JOIN social_case c ON c.id = p.case_id
            """
        )

from odoo import fields, models
from odoo.tools import SQL


class SocialReportIntervention(models.Model):
    """Interventions for pivot and graph: who did what, for how long, listening or paperwork.

    Carries no patient and no note: only what activity figures need. The kind, the site
    and the worker are stored on the intervention; the team is the case's, through a LEFT
    JOIN on the case's primary key, which PostgreSQL removes from any query that does not
    read the team (join removal), so that a pivot by worker or type reads one table.
    """

    _name = "social.report.intervention"
    _description = "Interventions Analysis"
    _auto = False
    _inherit = ["social.report.mixin"]
    _order = "date desc"

    # a row of a restricted or minor's case: for the Manager only (security/)
    restricted = fields.Boolean(readonly=True)
    date = fields.Datetime(readonly=True)
    user_id = fields.Many2one("res.users", string="Social Worker", readonly=True)
    team_id = fields.Many2one("social.team", readonly=True)
    type_id = fields.Many2one("social.intervention.type", string="Intervention Type", readonly=True)
    kind = fields.Selection(
        [("listening", "Listening and Support"), ("paperwork", "Administrative Work")],
        readonly=True,
    )
    company_id = fields.Many2one("res.company", readonly=True)
    duration = fields.Integer(string="Minutes", readonly=True, aggregator="sum")
    hours = fields.Float(
        string="Time Spent (hours)", digits=(16, 1), readonly=True, aggregator="sum"
    )
    intervention_count = fields.Integer(string="Interventions", readonly=True, aggregator="sum")

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT i.id, COALESCE(c.confidentiality != 'normal', false) AS restricted,
                   i.date, i.user_id, c.team_id, i.type_id, i.kind,
                   i.company_id, i.duration, i.duration / 60.0 AS hours,
                   1 AS intervention_count
              FROM social_intervention i
              LEFT JOIN social_case c ON c.id = i.case_id
             WHERE i.active
            """
        )

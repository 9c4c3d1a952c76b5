from odoo import fields, models, tools
from odoo.tools import SQL


class SocialReportFileActive(models.Model):
    """The *file active*: one row per case and per month in which the case was open at some
    point (opened on or before the month's last day, not closed before its first day). No
    patient, only the site, team and referent of the case. The figures, each summed or
    counted so that any grouping by month, quarter or year gives the right number:

    - **patients followed**: the distinct cases of the rows (a case is one patient followed
      by one site's service; a patient whose case was closed and a new one opened in the
      same month counts twice);
    - **new patients**: 1 in the month a case is opened when it is the patient's first case
      at the site (a patient coming back with a new case is followed, not new);
    - **patients seen once**: 1 in the month of the case's only intervention, for a case
      with exactly one (non-archived) intervention in its whole life. A count of "one act
      in the period" cannot be summed across months (one act in March and one in April
      would be twice "seen once" in the year); a case's only act falls in exactly one month;
    - **cases closed**: 1 in the month of the case's closing date.

    This view is the definition of these figures: the annual report's chapter reads it."""

    _name = "social.report.file.active"
    _description = "File Active Analysis"
    _auto = False
    _inherit = ["social.report.mixin"]
    _order = "date desc"

    date = fields.Date(string="Month", readonly=True)
    company_id = fields.Many2one("res.company", string="Site", readonly=True)
    team_id = fields.Many2one("social.team", readonly=True)
    user_id = fields.Many2one("res.users", string="Referent", readonly=True)
    case_ref = fields.Integer(
        string="Patients Followed",
        readonly=True,
        aggregator="count_distinct",
        help="Cases open at some point of the period.",
    )
    new_count = fields.Integer(
        string="New Patients",
        readonly=True,
        aggregator="sum",
        help="Cases opened in the period that are the patient's first case at the site.",
    )
    seen_once_count = fields.Integer(
        string="Patients Seen Once",
        readonly=True,
        aggregator="sum",
        help="Cases with exactly one intervention in their whole life, "
        "counted in the month of that intervention.",
    )
    closed_count = fields.Integer(string="Cases Closed", readonly=True, aggregator="sum")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                    SELECT row_number() OVER () AS id,
                           m.month::date AS date, c.company_id, c.team_id, c.user_id,
                           c.id AS case_ref,
                           CASE WHEN m.month = date_trunc('month', c.date_open)
                                 AND NOT EXISTS (
                                     SELECT 1 FROM social_case e
                                      WHERE e.patient_id = c.patient_id
                                        AND e.company_id = c.company_id AND e.active
                                        AND (e.date_open, e.id) < (c.date_open, c.id))
                                THEN 1 ELSE 0 END AS new_count,
                           CASE WHEN m.month = date_trunc('month', once.date)
                                THEN 1 ELSE 0 END AS seen_once_count,
                           CASE WHEN m.month = date_trunc('month', c.date_closed)
                                THEN 1 ELSE 0 END AS closed_count
                      FROM social_case c
                     CROSS JOIN LATERAL generate_series(
                           date_trunc('month', c.date_open),
                           date_trunc('month', COALESCE(c.date_closed, CURRENT_DATE)),
                           interval '1 month') AS m(month)
                      LEFT JOIN (
                           SELECT i.case_id, min(i.date) AS date
                             FROM social_intervention i
                            WHERE i.active
                            GROUP BY i.case_id
                           HAVING count(*) = 1) once ON once.case_id = c.id
                     WHERE c.active
                )
                """,
                SQL.identifier(self._table),
            )
        )

from odoo import api, fields, models, tools
from odoo.tools import SQL, format_datetime

REFRESHED_PARAM = "social_reporting.file_active_refreshed"


class SocialReportFileActive(models.Model):
    """The *file active*: one row per case and per month in which the case was open at some
    point (opened on or before the month's last day, not closed before its first day). No
    patient and no case: only the site, team and referent of the case, and a number that
    tells the rows of one case apart without naming it (``case_ref``, from the case's id
    and the database's secret). A restricted or minor's case's rows are the Manager's. The
    figures, each summed or counted so that any grouping by month, quarter or year gives
    the right number:

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

    This view is the definition of these figures: the annual report's chapter reads it.

    It is a *materialised* view, refreshed every night by a scheduled action, after each
    anonymisation run and each import of cases or interventions, and on demand from the
    annual report's wizard (:meth:`_refresh`). A month row is a case crossed with
    a calendar: a live view would rebuild the rows of every month of every case, and count
    each case's interventions, on each read (for 100,000 cases, half a million rows and a
    million interventions behind each pivot), and no filter on the month could narrow that
    work. Stored, the rows are read by month through an index. The figures are those of
    the last refresh: the file active is a monthly count, and the night's refresh gives
    every open case the month that has just begun; the analysis, the wizard and the report
    say when they were computed (:meth:`_refreshed_text`)."""

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
    # a row of a restricted or minor's case: for the Manager only (security/)
    restricted = fields.Boolean(readonly=True)
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
        # not a ``_table_query`` as the other analyses: that query is run inside every read,
        # and cannot be stored and refreshed at night
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE MATERIALIZED VIEW %s AS (
                    -- the rows name no case: a case is counted by a number made from its
                    -- id and the database's secret, which the readers cannot turn back
                    SELECT row_number() OVER (ORDER BY k.case_ref, m.month) AS id,
                           m.month::date AS date, c.company_id, c.team_id, c.user_id,
                           k.case_ref, c.confidentiality != 'normal' AS restricted,
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
                     CROSS JOIN LATERAL (SELECT %s AS case_ref) k
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
                self._case_ref_sql(SQL("c.id")),
            )
        )
        # the unique index lets a refresh run CONCURRENTLY, without blocking the readers
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX %s ON %s (id)",
                SQL.identifier(f"{self._table}_id_uniq"),
                SQL.identifier(self._table),
            )
        )
        self.env.cr.execute(
            SQL(
                "CREATE INDEX %s ON %s (date, company_id)",
                SQL.identifier(f"{self._table}_date_index"),
                SQL.identifier(self._table),
            )
        )
        self._set_refreshed()

    @api.model
    def _case_ref_sql(self, case_id):
        """The number that stands for the case ``case_id`` (an SQL expression) in the rows:
        48 bits of a digest of its id and the database's secret."""
        return SQL(
            """('x' || substr(md5(COALESCE((SELECT value FROM ir_config_parameter
                                             WHERE key = 'database.secret'), '')
                                  || '-' || %s), 1, 12))::bit(48)::bigint""",
            case_id,
        )

    @api.model
    def _case_refs(self, cases):
        """The numbers that stand for ``cases`` in the rows, for the system's own checks."""
        self.env.cr.execute(
            SQL(
                "SELECT %s FROM unnest(%s::int[]) AS ids(id)",
                self._case_ref_sql(SQL("ids.id")),
                list(cases.ids),
            )
        )
        return [row[0] for row in self.env.cr.fetchall()]

    def _set_refreshed(self):
        # a system parameter: only administrators read or write them
        self.env["ir.config_parameter"].sudo().set_param(
            REFRESHED_PARAM, fields.Datetime.to_string(fields.Datetime.now())
        )

    @api.model
    def _refreshed_at(self):
        """When the figures were last computed (a datetime, or False)."""
        value = self.env["ir.config_parameter"].sudo().get_param(REFRESHED_PARAM)  # see above
        return fields.Datetime.to_datetime(value) if value else False

    @api.model
    def _refreshed_text(self):
        """When the figures were last computed, as the user reads it (their language and
        time zone), or False."""
        refreshed = self._refreshed_at()
        return format_datetime(self.env, refreshed, dt_format="short") if refreshed else False

    @api.model
    def action_open_analysis(self):
        """The analysis, named with the moment its figures were computed: they are those of
        the last computation, not of this minute."""
        action = self.env["ir.actions.actions"]._for_xml_id(
            "social_reporting.social_report_file_active_action"
        )
        moment = self._refreshed_text()
        if moment:
            action["name"] = action["display_name"] = self.env._(
                "File Active Analysis, computed on %s", moment
            )
        return action

    @api.model
    def _refresh_soon(self):
        """Have the scheduled action compute the figures again in a moment, once the
        transaction that changed the cases is committed (an import rolled back as a test
        leaves nothing to do)."""
        cron = self.env.ref("social_reporting.ir_cron_refresh_file_active", False)
        if cron:
            # the scheduled actions are the system's: a user who imports may not read them
            cron.sudo()._trigger()

    @api.model
    def _refresh(self):
        """Compute the file active again from the cases and interventions as they are now.
        Readers keep reading the previous figures until the new ones are ready."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL("REFRESH MATERIALIZED VIEW CONCURRENTLY %s", SQL.identifier(self._table))
        )
        self._set_refreshed()
        self.invalidate_model()

    @api.model
    def _cron_refresh(self):
        self._refresh()

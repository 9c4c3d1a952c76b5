"""The annual activity report ("rapport d'activité") as an XLSX workbook, through OCA's
``report_xlsx``: one sheet per chapter, each with its tables, their totals and a native
Excel chart. The figures are SQL aggregates over the stored columns of the reported
tables; every table of counts goes through :func:`mask_small_counts` when the report is
for publication."""

from datetime import timedelta

from odoo import models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_date, format_datetime

from ..tools.small_counts import mask_small_counts

TOP_PROVIDERS = 25


def _average(value):
    """An SQL average as printed: one decimal, blank when there was nothing to average."""
    return round(float(value), 1) if value is not None else ""


class Table:
    """A table of counts (``counts``, rows × columns, with totals) and, per row, figures
    that are not counts of people (hours, days, amounts): those are left blank on a row
    whose total is masked, so that an average of two patients is not printed either; a rate
    of the row's counts (``count_ratios``) is left blank as soon as one of them is masked."""

    def __init__(
        self, title, rows, columns, counts, extra_columns=(), extras=None, count_ratios=()
    ):
        self.title, self.rows, self.columns, self.counts = title, rows, columns, counts
        self.extra_columns = list(extra_columns)
        self.extras = extras or [[] for _row in rows]
        # the extra columns worked out from the row's counts (a rate): blank on a row where
        # any count is masked
        self.count_ratios = set(count_ratios)
        self.mask = None


class AnnualReportXlsx(models.AbstractModel):
    _name = "report.social_reporting.annual_report"
    _inherit = "report.report_xlsx.abstract"
    _description = "Annual Activity Report (XLSX)"

    # -- figures ----------------------------------------------------------------------
    def _params(self, wizard):
        return {
            "start": wizard.date_from,
            "end": wizard.date_to + timedelta(days=1),
            "companies": wizard.company_ids.ids,
            "teams": wizard.team_ids.ids,
            "lang": wizard.lang,
        }

    def _rows(self, query, params):
        self.env.cr.execute(SQL(query, **params))
        return self.env.cr.fetchall()

    def _label(self, model, field, value):
        return dict(self.env[model]._fields[field]._description_selection(self.env)).get(
            value, value or ""
        )

    @staticmethod
    def _pivot(rows, columns, records):
        """``records`` of (row key, column key, count) as a dense table in the given order."""
        index = {key: i for i, key in enumerate(rows)}
        col_index = {key: j for j, key in enumerate(columns)}
        counts = [[0] * len(columns) for _row in rows]
        for row, col, count in records:
            counts[index[row]][col_index[col]] += count
        return counts

    TEAM_FILTER = """(cardinality(%(teams)s::int[]) = 0 OR c.team_id = ANY(%(teams)s))"""

    def _file_active(self, params):
        """The file active of the months the period touches, read from the analysis's view
        (``social.report.file.active``), which defines each figure."""
        records = self._rows(
            """
            SELECT COALESCE(tm.name->>%(lang)s, tm.name->>'en_US', ''),
                   sum(f.new_count),
                   count(DISTINCT f.case_ref) - sum(f.new_count),
                   sum(f.closed_count),
                   sum(f.seen_once_count)
              FROM social_report_file_active f
              LEFT JOIN social_team tm ON tm.id = f.team_id
             WHERE f.company_id = ANY(%(companies)s)
               AND (cardinality(%(teams)s::int[]) = 0 OR f.team_id = ANY(%(teams)s))
               AND f.date >= date_trunc('month', %(start)s::date) AND f.date < %(end)s
             GROUP BY 1 ORDER BY 1
            """,
            params,
        )
        env = self.env
        return [
            Table(
                env._("Patients followed (file active) per team"),
                [r[0] or env._("No team") for r in records],
                [env._("New in the period"), env._("Followed before or returning")],
                [[r[1], r[2]] for r in records],
            ),
            Table(
                env._("Cases closed and patients seen once, per team"),
                [r[0] or env._("No team") for r in records],
                [env._("Closed"), env._("Seen once")],
                [[r[3], r[4]] for r in records],
            ),
        ]

    def _referrals(self, params):
        records = self._rows(
            f"""
            SELECT to_char(r.date, 'YYYY-MM'), r.referrer_type, count(*),
                   sum(r.hours_to_first_contact) FILTER (WHERE r.first_contact_date IS NOT NULL),
                   count(*) FILTER (WHERE r.first_contact_date IS NOT NULL)
              FROM social_referral r
              LEFT JOIN social_case c ON c.id = r.case_id
             WHERE r.company_id = ANY(%(companies)s) AND {self.TEAM_FILTER}
               AND r.date >= %(start)s AND r.date < %(end)s
             GROUP BY 1, 2 ORDER BY 1, 2
            """,
            params,
        )
        months = sorted({r[0] for r in records})
        roles = [
            key for key, _label in self.env["social.referral"]._fields["referrer_type"].selection
        ]
        roles = [role for role in roles if any(r[1] == role for r in records)]
        hours = {month: [0.0, 0] for month in months}
        for month, _role, _count, total_hours, contacted in records:
            hours[month][0] += total_hours or 0.0
            hours[month][1] += contacted
        return [
            Table(
                self.env._("Referrals per month and source"),
                months,
                [self._label("social.referral", "referrer_type", role) for role in roles],
                self._pivot(months, roles, [(r[0], r[1], r[2]) for r in records]),
                [self.env._("Hours to first contact (average)")],
                [[round(hours[m][0] / hours[m][1], 1) if hours[m][1] else ""] for m in months],
            )
        ]

    def _interventions(self, params):
        records = self._rows(
            f"""
            SELECT COALESCE(t.name->>%(lang)s, t.name->>'en_US'), i.kind, count(*),
                   sum(i.duration)
              FROM social_intervention i
              JOIN social_intervention_type t ON t.id = i.type_id
              LEFT JOIN social_case c ON c.id = i.case_id
             WHERE i.active AND i.company_id = ANY(%(companies)s) AND {self.TEAM_FILTER}
               AND i.date >= %(start)s AND i.date < %(end)s
             GROUP BY 1, 2 ORDER BY 2, 1
            """,
            params,
        )
        return [
            Table(
                self.env._("Acts per type"),
                [r[0] for r in records],
                [self.env._("Acts")],
                [[r[2]] for r in records],
                [self.env._("Kind"), self.env._("Hours")],
                [
                    [self._label("social.intervention.type", "kind", r[1]), round(r[3] / 60.0, 1)]
                    for r in records
                ],
            )
        ]

    def _time(self, params):
        records = self._rows(
            f"""
            SELECT i.kind, sum(i.duration)
              FROM social_intervention i
              LEFT JOIN social_case c ON c.id = i.case_id
             WHERE i.active AND i.company_id = ANY(%(companies)s) AND {self.TEAM_FILTER}
               AND i.date >= %(start)s AND i.date < %(end)s
             GROUP BY 1 ORDER BY 1
            """,
            params,
        )
        return [
            (self._label("social.intervention.type", "kind", r[0]), round(r[1] / 60.0, 1))
            for r in records
        ]

    def _procedures(self, params):
        records = self._rows(
            f"""
            SELECT COALESCE(t.name->>%(lang)s, t.name->>'en_US'),
                   count(*) FILTER (WHERE p.state = 'granted'),
                   count(*) FILTER (WHERE p.state = 'refused'),
                   count(*) FILTER (WHERE p.state IN ('submitted', 'awaiting_answer', 'appealed')),
                   count(*) FILTER (WHERE p.state IN ('to_do', 'cancelled')),
                   avg(p.answer_date - p.submission_date),
                   sum(p.amount) FILTER (WHERE p.state = 'granted')
              FROM social_procedure p
              JOIN social_procedure_type t ON t.id = p.type_id
              LEFT JOIN social_case c ON c.id = p.case_id
             WHERE p.company_id = ANY(%(companies)s) AND {self.TEAM_FILTER}
               AND p.submission_date >= %(start)s AND p.submission_date < %(end)s
             GROUP BY 1 ORDER BY 1
            """,
            params,
        )
        env = self.env
        return [
            Table(
                env._("Procedures per type and outcome"),
                [r[0] for r in records],
                [
                    env._("Granted"),
                    env._("Refused"),
                    env._("Waiting for an answer"),
                    env._("Other"),
                ],
                [list(r[1:5]) for r in records],
                [env._("Days to an answer (average)"), env._("Amounts obtained")],
                [[_average(r[5]), float(r[6] or 0)] for r in records],
            )
        ]

    def _discharges(self, params):
        by_destination = self._rows(
            f"""
            SELECT p.destination_type, count(*),
                   sum(GREATEST(p.actual_discharge_date - p.medically_ready_date, 0)),
                   avg(p.actual_discharge_date - p.expected_discharge_date)
              FROM social_discharge_plan p
              LEFT JOIN social_case c ON c.id = p.case_id
             WHERE p.active AND p.company_id = ANY(%(companies)s) AND {self.TEAM_FILTER}
               AND p.actual_discharge_date >= %(start)s AND p.actual_discharge_date < %(end)s
             GROUP BY 1 ORDER BY 1
            """,
            params,
        )
        by_reason = self._rows(
            f"""
            SELECT COALESCE(d.name->>%(lang)s, d.name->>'en_US'), count(*),
                   sum(p.actual_discharge_date - p.medically_ready_date)
              FROM social_discharge_plan p
              JOIN social_discharge_delay_reason d ON d.id = p.delay_reason_id
              LEFT JOIN social_case c ON c.id = p.case_id
             WHERE p.active AND p.company_id = ANY(%(companies)s) AND {self.TEAM_FILTER}
               AND p.actual_discharge_date >= %(start)s AND p.actual_discharge_date < %(end)s
               AND p.actual_discharge_date > p.medically_ready_date
             GROUP BY 1 ORDER BY 1
            """,
            params,
        )
        env = self.env
        return [
            Table(
                env._("Discharges per destination"),
                [
                    self._label("social.discharge.plan", "destination_type", r[0])
                    or env._("Not recorded")
                    for r in by_destination
                ],
                [env._("Discharges")],
                [[r[1]] for r in by_destination],
                [env._("Delayed days"), env._("Days after the expected date (average)")],
                [[r[2] or 0, _average(r[3])] for r in by_destination],
            ),
            Table(
                env._("Delayed discharges per reason"),
                [r[0] for r in by_reason],
                [env._("Delayed discharges")],
                [[r[1]] for r in by_reason],
                [env._("Delayed days")],
                [[r[2] or 0] for r in by_reason],
            ),
        ]

    # a request the provider answered: accepted, waiting list or refused, even if withdrawn
    ANSWERED = """(r.answered_at IS NOT NULL OR r.state IN ('accepted', 'refused', 'waiting'))"""

    def _partners(self, params):
        """Per provider, its requests by answer, its acceptance rate among the answered and
        the hours to its first answer; the refusals by reason. Past the first
        ``TOP_PROVIDERS``, the providers are one line whose rate and hours come from their
        sums, not from their own rates."""
        records = self._rows(
            f"""
            SELECT COALESCE(pa.name, ''),
                   count(*) FILTER (WHERE r.state = 'accepted'),
                   count(*) FILTER (WHERE r.state != 'accepted' AND {self.ANSWERED}),
                   count(*) FILTER (WHERE NOT {self.ANSWERED}),
                   COALESCE(sum(GREATEST(EXTRACT(EPOCH FROM r.answered_at - r.date_sent)
                                         / 3600.0, 0)) FILTER (WHERE r.answered_at IS NOT NULL),
                            0),
                   count(r.answered_at)
              FROM social_discharge_request r
              JOIN res_partner pa ON pa.id = r.partner_id
              LEFT JOIN social_case c ON c.id = r.case_id
             WHERE r.company_id = ANY(%(companies)s) AND {self.TEAM_FILTER}
               AND r.date_sent >= %(start)s AND r.date_sent < %(end)s
             GROUP BY 1 ORDER BY count(*) DESC, 1
            """,
            params,
        )
        reasons = self._rows(
            f"""
            SELECT COALESCE(rr.name->>%(lang)s, rr.name->>'en_US'), count(*)
              FROM social_discharge_request r
              LEFT JOIN social_discharge_refusal_reason rr ON rr.id = r.refusal_reason_id
              LEFT JOIN social_case c ON c.id = r.case_id
             WHERE r.state = 'refused'
               AND r.company_id = ANY(%(companies)s) AND {self.TEAM_FILTER}
               AND r.date_sent >= %(start)s AND r.date_sent < %(end)s
             GROUP BY rr.id ORDER BY min(rr.sequence) NULLS LAST, 1
            """,
            params,
        )
        env = self.env
        top, rest = records[:TOP_PROVIDERS], records[TOP_PROVIDERS:]
        rows = [list(r) for r in top]
        if rest:
            rows.append([env._("Other providers"), *(sum(r[i] for r in rest) for i in range(1, 6))])
        return [
            Table(
                env._("Requests to providers and their answers"),
                [r[0] for r in rows],
                [env._("Accepted"), env._("Answered, not accepted"), env._("Not answered")],
                [[r[1], r[2], r[3]] for r in rows],
                [env._("Acceptance rate (%)"), env._("Hours to the first answer (average)")],
                [
                    [
                        _average(100.0 * r[1] / (r[1] + r[2]) if r[1] + r[2] else None),
                        _average(float(r[4]) / r[5] if r[5] else None),
                    ]
                    for r in rows
                ],
                # the rate of a line with a masked count would give that count away
                count_ratios={0},
            ),
            Table(
                env._("Refusals per reason"),
                [r[0] or env._("No reason from the list") for r in reasons],
                [env._("Refusals")],
                [[r[1]] for r in reasons],
            ),
        ]

    def _liaison(self, params):
        records = self._rows(
            f"""
            SELECT COALESCE(s.name->>%(lang)s, s.name->>'en_US'),
                   count(*) FILTER (WHERE l.state = 'done'),
                   count(*) FILTER (WHERE l.state IN ('requested', 'accepted', 'scheduled')),
                   count(*) FILTER (WHERE l.state IN ('declined', 'cancelled')),
                   avg(EXTRACT(EPOCH FROM l.date_done - l.create_date) / 3600.0)
              FROM social_liaison_request l
              JOIN social_liaison_service s ON s.id = l.service_id
              LEFT JOIN social_case c ON c.id = l.case_id
             WHERE l.company_id = ANY(%(companies)s) AND {self.TEAM_FILTER}
               AND l.create_date >= %(start)s AND l.create_date < %(end)s
             GROUP BY 1 ORDER BY 1
            """,
            params,
        )
        env = self.env
        return [
            Table(
                env._("Liaison requests per service"),
                [r[0] for r in records],
                [env._("Done"), env._("In progress"), env._("Declined or cancelled")],
                [list(r[1:4]) for r in records],
                [env._("Hours to the visit (average)")],
                [[_average(r[4])] for r in records],
            )
        ]

    def _plans_and_aid(self, params):
        """The financial aid signed off, by fund, and the goals of the case plans by
        outcome, per need: what the service obtained and what the patients achieved."""
        aid = self._rows(
            f"""
            SELECT a.fund,
                   count(*) FILTER (WHERE a.state IN ('approved', 'paid')),
                   count(*) FILTER (WHERE a.state = 'refused'),
                   count(*) FILTER (WHERE a.state = 'submitted'),
                   sum(a.amount) FILTER (WHERE a.state IN ('approved', 'paid'))
              FROM social_aid_request a
              LEFT JOIN social_case c ON c.id = a.case_id
             WHERE a.company_id = ANY(%(companies)s) AND {self.TEAM_FILTER}
               AND a.date_submitted >= %(start)s AND a.date_submitted < %(end)s
             GROUP BY 1 ORDER BY 1
            """,
            params,
        )
        statuses = ["achieved", "partly", "not_achieved", "abandoned", "open"]
        goals = self._rows(
            f"""
            SELECT COALESCE(t.name->>%(lang)s, t.name->>'en_US'), g.status, count(*)
              FROM social_case_plan_goal g
              JOIN social_case_plan p ON p.id = g.plan_id AND p.is_current
              JOIN social_case c ON c.id = p.case_id
              JOIN social_case_need n ON n.id = g.need_id
              JOIN social_need_type t ON t.id = n.need_type_id
             WHERE g.company_id = ANY(%(companies)s) AND {self.TEAM_FILTER}
               AND c.date_open < %(end)s
               AND (c.date_closed IS NULL OR c.date_closed >= %(start)s)
             GROUP BY 1, 2 ORDER BY 1
            """,
            params,
        )
        env = self.env
        needs = sorted({row[0] for row in goals})
        return [
            Table(
                env._("Financial aid signed off, by fund"),
                [self._label("social.aid.request", "fund", r[0]) for r in aid],
                [env._("Granted"), env._("Refused"), env._("Waiting for the sign-off")],
                [list(r[1:4]) for r in aid],
                [env._("Amounts granted")],
                [[float(r[4] or 0)] for r in aid],
            ),
            Table(
                env._("Goals of the case plans, per need and outcome"),
                needs,
                [self._label("social.case.plan.goal", "status", s) for s in statuses],
                self._pivot(needs, statuses, goals),
            ),
        ]

    def _chapters(self, wizard):
        """(sheet name, tables, chart type) per chapter, in the order of the workbook."""
        params = self._params(wizard)
        env = self.env
        file_active = self._file_active(params)
        referrals = self._referrals(params)
        interventions = self._interventions(params)
        procedures = self._procedures(params)
        discharges = self._discharges(params)
        partners = self._partners(params)
        liaison = self._liaison(params)
        plans = self._plans_and_aid(params)
        return {
            "file_active": file_active,
            "referrals": referrals,
            "interventions": interventions,
            "time": self._time(params),
            "procedures": procedures,
            "discharges": discharges,
            "partners": partners,
            "liaison": liaison,
            "plans": plans,
            "sheets": [
                (env._("Referrals"), referrals, "column"),
                (env._("File Active"), file_active, "bar"),
                (env._("Interventions and Time"), interventions, "bar"),
                (env._("Procedures"), procedures, "bar"),
                (env._("Discharge"), discharges, "bar"),
                (env._("Partners"), partners, "bar"),
                (env._("Liaison"), liaison, "bar"),
                (env._("Plans and Aid"), plans, "bar"),
            ],
        }

    # -- workbook ---------------------------------------------------------------------
    def _formats(self, workbook):
        return {
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "heading": workbook.add_format({"bold": True, "bg_color": "#E8EEF4", "border": 1}),
            "cell": workbook.add_format({"border": 1}),
            "total": workbook.add_format({"bold": True, "border": 1, "bg_color": "#F4F4F4"}),
            "note": workbook.add_format({"italic": True, "font_color": "#555555"}),
        }

    def _write_table(self, sheet, row, table, k, masked, formats):
        """Write ``table`` at ``row`` with its totals; return the next free row and the
        range of its count cells (for a chart)."""
        env = self.env
        sheet.write(row, 0, table.title, formats["heading"])
        row += 1
        n = len(table.columns)
        # a table of one column has no row total: it would repeat that column
        row_total = n > 1
        header = [
            "",
            *table.columns,
            *([env._("Total")] if row_total else []),
            *table.extra_columns,
        ]
        for j, text in enumerate(header):
            sheet.write(row, j, text, formats["heading"])
        first = row + 1
        extra = 1 + n + row_total
        if not table.rows:
            sheet.write(first, 0, env._("Nothing in this period"), formats["note"])
            return first + 2, None
        mask = table.mask

        def label(i, j, value):
            return mask.label(i, j) if mask else value

        for i, name in enumerate(table.rows):
            r = first + i
            sheet.write(r, 0, name, formats["cell"])
            for j in range(n):
                sheet.write(r, 1 + j, label(i, j, table.counts[i][j]), formats["cell"])
            if row_total:
                sheet.write(r, 1 + n, label(i, None, sum(table.counts[i])), formats["total"])
            row_hidden = bool(mask and mask.row_totals[i] is not None)
            count_hidden = bool(mask and any(mask.is_masked(i, j) for j in range(n)))
            for e, value in enumerate(table.extras[i]):
                hidden = row_hidden or (count_hidden and e in table.count_ratios)
                sheet.write(r, extra + e, "" if hidden else value, formats["cell"])
        r = first + len(table.rows)
        sheet.write(r, 0, env._("Total"), formats["total"])
        for j in range(n):
            column_sum = sum(row_counts[j] for row_counts in table.counts)
            sheet.write(r, 1 + j, label(None, j, column_sum), formats["total"])
        if row_total:
            sheet.write(r, 1 + n, label(None, None, sum(map(sum, table.counts))), formats["total"])
        return r + 2, (first, r - 1, n)

    def _add_chart(self, workbook, sheet, sheet_name, kind, table, cells, anchor):
        first, last, n = cells
        chart = workbook.add_chart({"type": kind, **({"subtype": "stacked"} if n > 1 else {})})
        for j in range(n):
            chart.add_series(
                {
                    "name": [sheet_name, first - 1, 1 + j],
                    "categories": [sheet_name, first, 0, last, 0],
                    "values": [sheet_name, first, 1 + j, last, 1 + j],
                }
            )
        chart.set_title({"name": table.title})
        chart.set_legend({"position": "bottom"})
        sheet.insert_chart(anchor, 2 + n + (n > 1) + len(table.extra_columns), chart)

    def _write_summary(self, workbook, wizard, chapters, k, masked, formats):
        """The first sheet: the period, the masking rule and the key figures, each the
        total of a chapter's table as that table prints it."""
        env = self.env
        sheet = workbook.add_worksheet(env._("Summary"))
        sheet.set_landscape()
        sheet.fit_to_pages(1, 0)
        sheet.set_column(0, 0, 48)
        sheet.set_column(1, 1, 16)
        self._write_summary_heading(sheet, wizard, k, masked, formats)
        figures = self._summary_figures(chapters, k)
        sheet.write(6, 0, env._("Key figures"), formats["heading"])
        sheet.write(6, 1, env._("Value"), formats["heading"])
        for i, (name, value) in enumerate(figures):
            sheet.write(7 + i, 0, name, formats["cell"])
            sheet.write(7 + i, 1, value, formats["cell"])
        if chapters["time"]:
            self._write_time_chart(workbook, sheet, 7 + len(figures) + 2, chapters, formats)

    def _write_summary_heading(self, sheet, wizard, k, masked, formats):
        """The title, the companies, the period, the teams and the masking rule."""
        env = self.env
        sheet.write(0, 0, env._("Annual activity report of the social service"), formats["title"])
        sheet.write(1, 0, ", ".join(wizard.company_ids.mapped("name")))
        sheet.write(
            2,
            0,
            env._(
                "From %(start)s to %(end)s",
                start=format_date(env, wizard.date_from),
                end=format_date(env, wizard.date_to),
            ),
        )
        if wizard.team_ids:
            sheet.write(3, 0, env._("Teams: %s", ", ".join(wizard.team_ids.mapped("name"))))
        note = (
            env._(
                'For publication: counts from 1 to %(last)s are shown as "< %(k)s", and '
                'cells marked "×" are masked so that they cannot be worked out from the totals.',
                last=k - 1,
                k=k,
            )
            if masked
            else env._("Internal version: no count is masked. Do not publish.")
        )
        sheet.write(4, 0, note, formats["note"])
        refreshed = env["social.report.file.active"]._refreshed_at()
        if refreshed:
            sheet.write(
                5,
                0,
                env._(
                    "File active computed on %s",
                    format_datetime(env, refreshed, dt_format="short"),
                ),
                formats["note"],
            )

    def _summary_figures(self, chapters, k):
        """The key figures: (name, value) pairs, each value as its chapter prints it."""
        env = self.env

        def total(table, column=None):
            """A total of a table as the table prints it: masked there, masked here."""
            if column is None:
                value = sum(map(sum, table.counts))
                return table.mask.label(None, None) if table.mask else value
            value = sum(row[column] for row in table.counts)
            return table.mask.label(None, column) if table.mask else value

        file_active, closed = chapters["file_active"]
        discharges = chapters["discharges"][0]
        figures = [
            (env._("Patients followed (file active)"), total(file_active)),
            (env._("New patients"), total(file_active, 0)),
            (env._("Patients seen once"), total(closed, 1)),
            (env._("Cases closed"), total(closed, 0)),
            (env._("Referrals"), total(chapters["referrals"][0])),
            (env._("Interventions (acts)"), total(chapters["interventions"][0])),
        ]
        figures += [(env._("Hours: %s", kind), hours) for kind, hours in chapters["time"]]
        figures += [
            (env._("Procedures submitted"), total(chapters["procedures"][0])),
            (env._("Procedures granted"), total(chapters["procedures"][0], 0)),
            (env._("Discharges"), total(discharges)),
            (
                env._("Delayed days after the patient was medically ready"),
                # the days of fewer than k discharges are not printed either: say why
                env._("Masked: fewer than %(k)s discharges", k=k)
                if discharges.mask and discharges.mask.grand_total
                else sum(e[0] or 0 for e in discharges.extras),
            ),
            (env._("Requests to providers"), total(chapters["partners"][0])),
            (env._("Liaison requests"), total(chapters["liaison"][0])),
            (env._("Financial aid granted"), total(chapters["plans"][0], 0)),
            (env._("Goals of the plans achieved"), total(chapters["plans"][1], 0)),
        ]
        return figures

    def _write_time_chart(self, workbook, sheet, first, chapters, formats):
        """The hours per kind of time from row ``first``, and their pie chart below."""
        env = self.env
        sheet.write(first, 0, env._("Time spent listening and on paperwork"), formats["heading"])
        sheet.write(first, 1, env._("Hours"), formats["heading"])
        for i, (kind, hours) in enumerate(chapters["time"]):
            sheet.write(first + 1 + i, 0, kind, formats["cell"])
            sheet.write(first + 1 + i, 1, hours, formats["cell"])
        chart = workbook.add_chart({"type": "pie"})
        name = sheet.get_name()
        last = first + len(chapters["time"])
        chart.add_series(
            {
                "name": env._("Time spent listening and on paperwork"),
                "categories": [name, first + 1, 0, last, 0],
                "values": [name, first + 1, 1, last, 1],
            }
        )
        chart.set_title({"name": env._("Time spent listening and on paperwork")})
        sheet.insert_chart(last + 2, 0, chart, {"x_scale": 0.9, "y_scale": 0.8})

    def generate_xlsx_report(self, workbook, data, wizards):
        if len(wizards) != 1:
            raise UserError(
                self.env._("Print the annual report from its window, one report at a time.")
            )
        wizard = wizards
        wizard._check_options()
        wizard._log_unmasked()
        self = self.with_context(lang=wizard.lang)
        wizard = wizard.with_context(lang=wizard.lang)
        k, masked = wizard._small_count(), wizard.for_publication
        formats = self._formats(workbook)
        # the file active as it is now, not as the last night's computation left it
        self.env["social.report.file.active"]._refresh()
        chapters = self._chapters(wizard)
        for _name, tables, _kind in chapters["sheets"]:
            for table in tables:
                table.mask = mask_small_counts(table.counts, k) if masked and table.rows else None
        self._write_summary(workbook, wizard, chapters, k, masked, formats)
        for sheet_name, tables, kind in chapters["sheets"]:
            sheet = workbook.add_worksheet(sheet_name)
            sheet.set_landscape()
            sheet.fit_to_pages(1, 0)
            sheet.set_column(0, 0, 36)
            sheet.set_column(1, 12, 14)
            row = 0
            for table in tables:
                top = row
                row, cells = self._write_table(sheet, row, table, k, masked, formats)
                if cells:
                    self._add_chart(workbook, sheet, sheet.get_name(), kind, table, cells, top)
                    row = max(row, top + 16)

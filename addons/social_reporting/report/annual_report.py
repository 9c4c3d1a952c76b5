"""The annual activity report ("rapport d'activité") as an XLSX workbook, through OCA's
``report_xlsx``: one sheet per chapter, each with its tables, their totals and a native
Excel chart. The figures are SQL aggregates over the stored columns of the reported
tables; every table of counts goes through :func:`mask_small_counts` when the report is
for publication.

The summary's key figures, for publication
------------------------------------------
Each key figure (patients followed, new patients, referrals...) is a total published on
its own, not a cell of a table: it is masked by the small-count rule alone, ``"< k"`` from
1 to ``k - 1``, zero and ``k`` or more printed as they are. It gets no secondary ``"×"`` of
its own: nothing printed beside it is added to it or subtracted from it.

Each is also a total of its chapter's table, which the reader has in the same workbook.
Where that table masks the total as secondary (``"×"``, to protect a small count), the
summary prints the number only if every count the table masks still cannot be worked out
with it known, together with the chapter's other key figures printed before it
(:func:`stays_protected`); else it prints ``"×"`` as the table does. The table of two
teams ``2, 1`` and ``3, 0`` (new patients, patients followed before) masks its grand total
(6) and its first column's (5): the summary prints the 5 new patients, since every count
masked in the table still has other possible values; it does not print the 6 patients
followed, which would give away that one patient was followed from before.

The delayed days of the discharges are a sum over patients: less the days the chapter
prints, they give the days it leaves blank beside a masked count. They are printed when
the discharges whose days are blank number none or at least ``k``."""

from datetime import datetime, time, timedelta

from odoo import models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_date

from ..tools.small_counts import (
    PRIMARY,
    SECONDARY_MARK,
    cell_label,
    mask_small_counts,
    stays_protected,
)

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

    TEAM_FILTER = """(cardinality(%(teams)s::int[]) = 0 OR c.team_id = ANY(%(teams)s))"""

    # -- figures: one dict per chapter, each read from the analysis that defines it ------
    def _analysis(self, model, params):
        """The analysis ``model`` as the report counts it, and the domain of the report's
        sites and teams. Every row of those sites, restricted cases included: the options
        were checked (:meth:`_check_options`) and the report prints counts, no row."""
        domain = [("company_id", "in", params["companies"])]
        if params["teams"]:
            domain.append(("team_id", "in", params["teams"]))
        return self.env[model].sudo(), domain

    @staticmethod
    def _period(field, params, moment=False):
        """The domain of the report's period on ``field`` (a date, or a moment in UTC)."""
        start, end = params["start"], params["end"]
        if moment:
            start, end = datetime.combine(start, time.min), datetime.combine(end, time.min)
        return [(field, ">=", start), (field, "<", end)]

    def _file_active_figures(self, params):
        """Per team: the patients followed, the new ones, the cases closed and the patients
        seen once, in the months the period touches (``social.report.file.active``)."""
        FileActive, domain = self._analysis("social.report.file.active", params)
        domain += [("date", ">=", params["start"].replace(day=1)), ("date", "<", params["end"])]
        teams = {}
        for team, followed, new, closed, once in FileActive._read_group(
            domain,
            ["team_id"],
            ["case_ref:count_distinct", "new_count:sum", "closed_count:sum", "seen_once_count:sum"],
        ):
            figures = teams.setdefault(
                team.name or "", {"followed": 0, "new": 0, "closed": 0, "seen_once": 0}
            )
            for key, value in zip(figures, (followed, new, closed, once), strict=True):
                figures[key] += value
        teams = dict(sorted(teams.items()))
        return {"teams": teams, **self._sums(teams, "followed", "new", "closed", "seen_once")}

    @staticmethod
    def _sums(rows, *keys):
        return {key: sum(row[key] for row in rows.values()) for key in keys}

    def _referral_figures(self, params):
        """Per month (UTC), the referrals per source and the average hours to the first
        contact of those contacted (``social.report.referral``)."""
        Referral, domain = self._analysis("social.report.referral", params)
        domain += self._period("date", params, moment=True)
        months = {}
        for month, role, count in Referral.with_context(tz="UTC")._read_group(
            domain, ["date:month", "referrer_type"], ["referral_count:sum"]
        ):
            roles = months.setdefault(month.strftime("%Y-%m"), {})
            roles[role] = roles.get(role, 0) + count
        hours = {
            month.strftime("%Y-%m"): value
            for month, value in Referral.with_context(tz="UTC")._read_group(
                domain, ["date:month"], ["hours_to_first_contact:avg"]
            )
        }
        months = {
            month: {"roles": roles, "hours": hours.get(month)}
            for month, roles in sorted(months.items())
        }
        return {
            "months": months,
            "total": sum(sum(m["roles"].values()) for m in months.values()),
        }

    def _intervention_figures(self, params):
        """The acts and minutes per type, and the minutes per kind of time
        (``social.report.intervention``)."""
        Intervention, domain = self._analysis("social.report.intervention", params)
        domain += self._period("date", params, moment=True)
        types = {}
        for type_, kind, acts, minutes in Intervention._read_group(
            domain, ["type_id", "kind"], ["intervention_count:sum", "duration:sum"]
        ):
            if type_:
                types[kind or "", type_.name] = {"acts": acts, "minutes": minutes}
        minutes = dict(Intervention._read_group(domain, ["kind"], ["duration:sum"]))
        return {
            "types": dict(sorted(types.items())),
            "minutes": {kind: minutes[kind] for kind in sorted(minutes, key=str)},
            "total": sum(t["acts"] for t in types.values()),
        }

    PROCEDURE_OUTCOMES = {
        "granted": "granted",
        "refused": "refused",
        "submitted": "waiting",
        "awaiting_answer": "waiting",
        "appealed": "waiting",
        "to_do": "other",
        "cancelled": "other",
    }

    def _procedure_figures(self, params):
        """Per type, the procedures submitted in the period by outcome, the average days to
        an answer and the amounts granted (``social.report.procedure``)."""
        Procedure, domain = self._analysis("social.report.procedure", params)
        domain += self._period("submission_date", params)
        types = {}
        for type_, state, count in Procedure._read_group(
            [*domain, ("type_id", "!=", False)], ["type_id", "state"], ["procedure_count:sum"]
        ):
            figures = types.setdefault(
                type_.name, {"granted": 0, "refused": 0, "waiting": 0, "other": 0}
            )
            outcome = self.PROCEDURE_OUTCOMES.get(state)
            if outcome:
                figures[outcome] += count
        for type_, days, amount in Procedure._read_group(
            [*domain, ("type_id", "!=", False)], ["type_id"], ["days_to_answer:avg", "amount:sum"]
        ):
            types[type_.name].update(days=days, amount=amount)
        types = dict(sorted(types.items()))
        return {
            "types": types,
            "total": sum(
                sum(t[k] for k in ("granted", "refused", "waiting", "other"))
                for t in types.values()
            ),
            "granted": sum(t["granted"] for t in types.values()),
        }

    def _discharge_figures(self, params):
        """The discharges of the period per destination, with their delayed days and days
        after the expected date, and the delayed ones per reason
        (``social.report.discharge``)."""
        Discharge, domain = self._analysis("social.report.discharge", params)
        domain += self._period("actual_discharge_date", params)
        destinations = {
            destination or "": {"discharges": count, "delayed_days": days, "after": after}
            for destination, count, days, after in Discharge._read_group(
                domain,
                ["destination_type"],
                ["plan_count:sum", "delay_days:sum", "days_after_expected:avg"],
            )
        }
        reasons = {}
        for reason, count, days in Discharge._read_group(
            [*domain, ("delay_reason_id", "!=", False), ("delay_days", ">", 0)],
            ["delay_reason_id"],
            ["plan_count:sum", "delay_days:sum"],
        ):
            figures = reasons.setdefault(reason.name, {"discharges": 0, "delayed_days": 0})
            figures["discharges"] += count
            figures["delayed_days"] += days
        return {
            "destinations": dict(sorted(destinations.items())),
            "reasons": dict(sorted(reasons.items())),
            **self._sums(destinations, "discharges", "delayed_days"),
        }

    def _provider_figures(self, params):
        """Per provider, most asked first, its requests sent in the period by answer and
        the hours to its first answers; the refusals per reason
        (``social.report.discharge.request``)."""
        Request, domain = self._analysis("social.report.discharge.request", params)
        domain += self._period("date_sent", params)
        providers = [
            (
                partner.name or "",
                {
                    "accepted": accepted,
                    "answered": answered - accepted,
                    "unanswered": requests - answered,
                    "hours": hours or 0.0,
                    "timed": timed,
                },
            )
            for partner, requests, answered, accepted, hours, timed in Request._read_group(
                [*domain, ("partner_id", "!=", False)],
                ["partner_id"],
                [
                    "request_count:sum",
                    "answered_count:sum",
                    "accepted_count:sum",
                    "hours_to_answer:sum",
                    "hours_to_answer:count",
                ],
            )
        ]
        providers.sort(
            key=lambda p: (-sum(p[1][k] for k in ("accepted", "answered", "unanswered")), p[0])
        )
        reasons = Request._read_group(
            [*domain, ("state", "=", "refused")], ["refusal_reason_id"], ["refused_count:sum"]
        )
        reasons.sort(key=lambda r: (not r[0], r[0].sequence, r[0].name or ""))
        return {
            "providers": dict(providers),
            "reasons": {reason.name or "": count for reason, count in reasons},
            "total": sum(
                sum(p[k] for k in ("accepted", "answered", "unanswered")) for _n, p in providers
            ),
        }

    LIAISON_OUTCOMES = {
        "done": "done",
        "requested": "in_progress",
        "accepted": "in_progress",
        "scheduled": "in_progress",
        "declined": "closed",
        "cancelled": "closed",
    }

    def _liaison_figures(self, params):
        """Per service, the liaison requests of the period by outcome and the average hours
        to the visit (``social.report.liaison``)."""
        Liaison, domain = self._analysis("social.report.liaison", params)
        domain += [*self._period("date", params, moment=True), ("service_id", "!=", False)]
        services = {}
        for service, state, count in Liaison._read_group(
            domain, ["service_id", "state"], ["request_count:sum"]
        ):
            figures = services.setdefault(service.name, {"done": 0, "in_progress": 0, "closed": 0})
            outcome = self.LIAISON_OUTCOMES.get(state)
            if outcome:
                figures[outcome] += count
        for service, hours in Liaison._read_group(domain, ["service_id"], ["hours_to_done:avg"]):
            services[service.name]["hours"] = hours
        services = dict(sorted(services.items()))
        return {
            "services": services,
            "total": sum(
                sum(s[k] for k in ("done", "in_progress", "closed")) for s in services.values()
            ),
        }

    def _aid_figures(self, params):
        """The financial aid submitted in the period, by fund: granted (signed off or paid),
        refused, waiting, and the amounts granted. No analysis defines it."""
        records = self._rows(
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
        funds = {
            fund: {"granted": granted, "refused": refused, "waiting": waiting, "amount": amount}
            for fund, granted, refused, waiting, amount in records
        }
        return {"funds": funds, **self._sums(funds, "granted")}

    GOAL_STATUSES = ("achieved", "partly", "not_achieved", "abandoned", "open")

    def _goal_figures(self, params):
        """The goals of the current plans of the cases open in the period, per need and
        outcome. No analysis defines them."""
        records = self._rows(
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
        needs = {}
        for need, status, count in records:
            statuses = needs.setdefault(need, dict.fromkeys(self.GOAL_STATUSES, 0))
            if status in statuses:
                statuses[status] += count
        needs = dict(sorted(needs.items()))
        return {"needs": needs, "achieved": sum(n["achieved"] for n in needs.values())}

    def _figures(self, wizard):
        """Every figure of the report, a dict per chapter, before any masking or layout."""
        params = self._params(wizard)
        return {
            "file_active": self._file_active_figures(params),
            "referrals": self._referral_figures(params),
            "interventions": self._intervention_figures(params),
            "procedures": self._procedure_figures(params),
            "discharges": self._discharge_figures(params),
            "partners": self._provider_figures(params),
            "liaison": self._liaison_figures(params),
            "aid": self._aid_figures(params),
            "goals": self._goal_figures(params),
        }

    # -- tables: the figures as the workbook lays them out ------------------------------
    def _file_active_tables(self, figures):
        env = self.env
        teams = figures["teams"]
        names = [name or env._("No team") for name in teams]
        return [
            Table(
                env._("Patients followed (file active) per team"),
                names,
                [env._("New in the period"), env._("Followed before or returning")],
                [[t["new"], t["followed"] - t["new"]] for t in teams.values()],
            ),
            Table(
                env._("Cases closed and patients seen once, per team"),
                names,
                [env._("Closed"), env._("Seen once")],
                [[t["closed"], t["seen_once"]] for t in teams.values()],
            ),
        ]

    def _referral_tables(self, figures):
        months = figures["months"]
        order = [
            key for key, _label in self.env["social.referral"]._fields["referrer_type"].selection
        ]
        roles = [role for role in order if any(role in m["roles"] for m in months.values())]
        return [
            Table(
                self.env._("Referrals per month and source"),
                list(months),
                [self._label("social.referral", "referrer_type", role) for role in roles],
                [[m["roles"].get(role, 0) for role in roles] for m in months.values()],
                [self.env._("Hours to first contact (average)")],
                [[_average(m["hours"])] for m in months.values()],
            )
        ]

    def _intervention_tables(self, figures):
        types = figures["types"]
        return [
            Table(
                self.env._("Acts per type"),
                [name for _kind, name in types],
                [self.env._("Acts")],
                [[t["acts"]] for t in types.values()],
                [self.env._("Kind"), self.env._("Hours")],
                [
                    [
                        self._label("social.intervention.type", "kind", kind),
                        round(t["minutes"] / 60.0, 1),
                    ]
                    for (kind, _name), t in types.items()
                ],
            )
        ]

    def _time(self, figures):
        """(kind of time, hours) pairs, for the summary and its chart."""
        return [
            (self._label("social.intervention.type", "kind", kind), round(minutes / 60.0, 1))
            for kind, minutes in figures["minutes"].items()
        ]

    def _procedure_tables(self, figures):
        env = self.env
        types = figures["types"]
        return [
            Table(
                env._("Procedures per type and outcome"),
                list(types),
                [
                    env._("Granted"),
                    env._("Refused"),
                    env._("Waiting for an answer"),
                    env._("Other"),
                ],
                [[t["granted"], t["refused"], t["waiting"], t["other"]] for t in types.values()],
                [env._("Days to an answer (average)"), env._("Amounts obtained")],
                [[_average(t["days"]), float(t["amount"] or 0)] for t in types.values()],
            )
        ]

    def _discharge_tables(self, figures):
        env = self.env
        destinations, reasons = figures["destinations"], figures["reasons"]
        return [
            Table(
                env._("Discharges per destination"),
                [
                    self._label("social.discharge.plan", "destination_type", key)
                    or env._("Not recorded")
                    for key in destinations
                ],
                [env._("Discharges")],
                [[d["discharges"]] for d in destinations.values()],
                [env._("Delayed days"), env._("Days after the expected date (average)")],
                [[d["delayed_days"], _average(d["after"])] for d in destinations.values()],
            ),
            Table(
                env._("Delayed discharges per reason"),
                list(reasons),
                [env._("Delayed discharges")],
                [[r["discharges"]] for r in reasons.values()],
                [env._("Delayed days")],
                [[r["delayed_days"]] for r in reasons.values()],
            ),
        ]

    def _provider_tables(self, figures):
        """Past the first ``TOP_PROVIDERS``, the providers are one line whose rate and hours
        come from their sums, not from their own rates."""
        env = self.env
        providers = list(figures["providers"].items())
        rows = providers[:TOP_PROVIDERS]
        rest = [p for _name, p in providers[TOP_PROVIDERS:]]
        if rest:
            rows.append((env._("Other providers"), {k: sum(p[k] for p in rest) for k in rest[0]}))
        return [
            Table(
                env._("Requests to providers and their answers"),
                [name for name, _p in rows],
                [env._("Accepted"), env._("Answered, not accepted"), env._("Not answered")],
                [[p["accepted"], p["answered"], p["unanswered"]] for _n, p in rows],
                [env._("Acceptance rate (%)"), env._("Hours to the first answer (average)")],
                [
                    [
                        _average(
                            100.0 * p["accepted"] / (p["accepted"] + p["answered"])
                            if p["accepted"] + p["answered"]
                            else None
                        ),
                        _average(p["hours"] / p["timed"] if p["timed"] else None),
                    ]
                    for _n, p in rows
                ],
                # the rate of a line with a masked count would give that count away
                count_ratios={0},
            ),
            Table(
                env._("Refusals per reason"),
                [name or env._("No reason from the list") for name in figures["reasons"]],
                [env._("Refusals")],
                [[count] for count in figures["reasons"].values()],
            ),
        ]

    def _liaison_tables(self, figures):
        env = self.env
        services = figures["services"]
        return [
            Table(
                env._("Liaison requests per service"),
                list(services),
                [env._("Done"), env._("In progress"), env._("Declined or cancelled")],
                [[s["done"], s["in_progress"], s["closed"]] for s in services.values()],
                [env._("Hours to the visit (average)")],
                [[_average(s.get("hours"))] for s in services.values()],
            )
        ]

    def _plan_tables(self, aid, goals):
        """The financial aid signed off, by fund, and the goals of the case plans by
        outcome, per need: what the service obtained and what the patients achieved."""
        env = self.env
        funds = aid["funds"]
        return [
            Table(
                env._("Financial aid signed off, by fund"),
                [self._label("social.aid.request", "fund", fund) for fund in funds],
                [env._("Granted"), env._("Refused"), env._("Waiting for the sign-off")],
                [[f["granted"], f["refused"], f["waiting"]] for f in funds.values()],
                [env._("Amounts granted")],
                [[float(f["amount"] or 0)] for f in funds.values()],
            ),
            Table(
                env._("Goals of the case plans, per need and outcome"),
                list(goals["needs"]),
                [self._label("social.case.plan.goal", "status", s) for s in self.GOAL_STATUSES],
                [list(statuses.values()) for statuses in goals["needs"].values()],
            ),
        ]

    def _chapters(self, wizard):
        """The figures, and (sheet name, tables, chart type) per chapter in the order of
        the workbook."""
        env = self.env
        figures = self._figures(wizard)
        file_active = self._file_active_tables(figures["file_active"])
        referrals = self._referral_tables(figures["referrals"])
        interventions = self._intervention_tables(figures["interventions"])
        procedures = self._procedure_tables(figures["procedures"])
        discharges = self._discharge_tables(figures["discharges"])
        partners = self._provider_tables(figures["partners"])
        liaison = self._liaison_tables(figures["liaison"])
        plans = self._plan_tables(figures["aid"], figures["goals"])
        return {
            "figures": figures,
            "file_active": file_active,
            "referrals": referrals,
            "interventions": interventions,
            "time": self._time(figures["interventions"]),
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
        moment = env["social.report.file.active"]._refreshed_text()
        if moment:
            sheet.write(5, 0, env._("File active computed on %s", moment), formats["note"])

    def _summary_figures(self, chapters, k):
        """The key figures: (name, value) pairs, each total masked on its own (see the
        module's docstring)."""
        env = self.env
        # {table: the positions of its totals the summary prints}
        printed = {}

        def total(table, column=None):
            """A total of a table, masked alone; ``"×"`` where printing it would give away
            a count that its table masks."""
            counts = table.counts
            if column is None:
                value = sum(map(sum, counts))
            else:
                value = sum(row[column] for row in counts)
            if not table.mask:
                return value
            if 0 < value < k:
                return cell_label(value, PRIMARY, k)
            m, n = len(counts), len(counts[0])
            # a table of one column: its total and its column's are the one number
            cells = {(m, n), (m, 0)} if n == 1 else {(m, n if column is None else column)}
            shown = printed.setdefault(id(table), set())
            if not stays_protected(table.mask, shown | cells):
                return SECONDARY_MARK
            shown |= cells
            return value

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
                self._summary_delayed_days(discharges, k),
            ),
            (env._("Requests to providers"), total(chapters["partners"][0])),
            (env._("Liaison requests"), total(chapters["liaison"][0])),
            (env._("Financial aid granted"), total(chapters["plans"][0], 0)),
            (env._("Goals of the plans achieved"), total(chapters["plans"][1], 0)),
        ]
        return figures

    def _summary_delayed_days(self, discharges, k):
        """The delayed days of the discharges, or why they are not printed: their sum, less
        the days the chapter prints, gives the days it leaves blank beside a masked count,
        those of fewer than k discharges when the blank rows hold fewer."""
        mask = discharges.mask
        blank = sum(
            row[0]
            for i, row in enumerate(discharges.counts)
            if mask and mask.row_totals[i] is not None
        )
        if 0 < blank < k:
            return self.env._("Masked: fewer than %(k)s discharges", k=k)
        return sum(e[0] or 0 for e in discharges.extras)

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
        # the file active as last computed (every night, after an anonymisation run or an
        # import, or by Refresh Now in the wizard): the summary says when; computing it
        # here would make every print wait for the whole service's cases (14 s at 100,000)
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

"""The analyses of social_reporting, each grouped read beside the SQL GROUP BY giving the
same numbers, and the annual activity report (XLSX) beside the same SQL aggregates written
by plain xlsxwriter."""

import io
from datetime import date

import xlsxwriter
from registry import operation

MANAGER = "bench.manager"
REFERRALS = ("referrals", "SELECT count(*) FROM social_referral")
INTERVENTIONS = ("interventions", "SELECT count(*) FROM social_intervention")
PROCEDURES = ("procedures", "SELECT count(*) FROM social_procedure")
PLANS = ("plans", "SELECT count(*) FROM social_discharge_plan")
REQUESTS = ("requests", "SELECT count(*) FROM social_discharge_request")
LIAISON = ("liaison requests", "SELECT count(*) FROM social_liaison_request")
YEAR = (date(date.today().year - 1, 1, 1), date(date.today().year - 1, 12, 31))


def manager(env):
    uid = env["res.users"].search([("login", "=", MANAGER)]).id
    return {
        "uid": uid,
        "companies": env["res.users"].browse(uid).company_ids.ids,
        "start": YEAR[0],
        "end": YEAR[1],
    }


def grouped(env, model, groupby, measures, domain=()):
    rows = env[model]._read_group(list(domain), groupby, measures)
    return {
        tuple(getattr(v, "id", v) or None for v in row[: len(groupby)]): tuple(
            round(float(x or 0), 1) for x in row[len(groupby) :]
        )
        for row in rows
    }


def fetched(cr, query, ctx, keys):
    cr.execute(query, ctx)
    return {
        tuple(row[:keys]): tuple(round(float(x or 0), 1) for x in row[keys:])
        for row in cr.fetchall()
    }


def analysis(name, size, model, groupby, measures, query, domain=()):
    op = operation(name, size, user=MANAGER, setup=manager)(
        lambda env, ctx: grouped(env, model, groupby, measures, domain)
    )
    op.sql(lambda cr, ctx: fetched(cr, query, ctx, len(groupby)))


analysis(
    "referral analysis, unit x source, head of service",
    REFERRALS,
    "social.report.referral",
    ["unit_id", "referrer_type"],
    ["referral_count:sum", "hours_to_first_contact:avg"],
    """SELECT unit_id, referrer_type, count(*),
              avg(CASE WHEN first_contact_date IS NOT NULL THEN hours_to_first_contact END)
         FROM social_referral WHERE company_id = ANY(%(companies)s) GROUP BY 1, 2""",
)
CASES = ("cases", "SELECT count(*) FROM social_case")
analysis(
    "file active analysis, team, last year, head of service",
    CASES,
    "social.report.file.active",
    ["team_id"],
    ["case_ref:count_distinct", "new_count:sum", "seen_once_count:sum", "closed_count:sum"],
    """WITH once AS (
            SELECT case_id, min(date) AS date FROM social_intervention
             WHERE active GROUP BY case_id HAVING count(*) = 1),
            c AS (
            SELECT c.*, date_trunc('month', c.date_open) AS first_month,
                   date_trunc('month', COALESCE(c.date_closed, CURRENT_DATE)) AS last_month
              FROM social_case c
             WHERE c.active AND c.company_id = ANY(%(companies)s))
       SELECT c.team_id, count(*),
              count(*) FILTER (WHERE c.first_month >= %(start)s AND c.first_month <= %(end)s
                                 AND c.first_month <= c.last_month
                                 AND NOT EXISTS (
                                     SELECT 1 FROM social_case e
                                      WHERE e.patient_id = c.patient_id
                                        AND e.company_id = c.company_id AND e.active
                                        AND (e.date_open, e.id) < (c.date_open, c.id))),
              count(once.case_id) FILTER (
                  WHERE date_trunc('month', once.date) BETWEEN %(start)s AND %(end)s
                    AND date_trunc('month', once.date) BETWEEN c.first_month AND c.last_month),
              count(*) FILTER (WHERE c.date_closed BETWEEN %(start)s AND %(end)s
                                 AND c.first_month <= c.last_month)
         FROM c LEFT JOIN once ON once.case_id = c.id
        WHERE GREATEST(c.first_month, %(start)s) <= LEAST(c.last_month, %(end)s)
        GROUP BY 1""",
    [("date", ">=", YEAR[0]), ("date", "<=", YEAR[1])],
)


@operation("file active, the nightly computation (materialised view)", CASES)
def file_active_refresh(env, ctx):
    env["social.report.file.active"]._refresh()
    env.cr.execute("SELECT count(*) FROM social_report_file_active")
    return env.cr.fetchone()


@file_active_refresh.sql
def _(cr, ctx):
    cr.execute("REFRESH MATERIALIZED VIEW CONCURRENTLY social_report_file_active")
    cr.execute("SELECT count(*) FROM social_report_file_active")
    return cr.fetchone()


analysis(
    "intervention analysis, team x kind, head of service",
    INTERVENTIONS,
    "social.report.intervention",
    ["team_id", "kind"],
    ["intervention_count:sum", "hours:sum"],
    """SELECT c.team_id, i.kind, count(*), sum(i.duration / 60.0)
         FROM social_intervention i JOIN social_case c ON c.id = i.case_id
        WHERE i.active AND i.company_id = ANY(%(companies)s) GROUP BY 1, 2""",
)
analysis(
    "intervention analysis, worker x type, hours, head of service",
    INTERVENTIONS,
    "social.report.intervention",
    ["user_id", "type_id"],
    ["hours:sum"],
    """SELECT user_id, type_id, sum(duration / 60.0)
         FROM social_intervention
        WHERE active AND company_id = ANY(%(companies)s) GROUP BY 1, 2""",
)
analysis(
    "procedure analysis, type x outcome, head of service",
    PROCEDURES,
    "social.report.procedure",
    ["type_id", "state"],
    ["procedure_count:sum", "days_to_answer:avg", "amount:sum"],
    """SELECT type_id, state, count(*), avg(answer_date - submission_date),
              sum(CASE WHEN state = 'granted' THEN amount ELSE 0 END)
         FROM social_procedure WHERE company_id = ANY(%(companies)s) GROUP BY 1, 2""",
)
analysis(
    "discharge analysis, destination x reason, head of service",
    PLANS,
    "social.report.discharge",
    ["destination_type", "delay_reason_id"],
    ["plan_count:sum", "delay_days:sum"],
    """SELECT destination_type, delay_reason_id, count(*),
              sum(CASE WHEN medically_ready_date IS NOT NULL
                       THEN GREATEST(COALESCE(actual_discharge_date, CURRENT_DATE)
                                     - medically_ready_date, 0) ELSE 0 END)
         FROM social_discharge_plan
        WHERE active AND company_id = ANY(%(companies)s) GROUP BY 1, 2""",
)
analysis(
    "provider requests analysis, need x answer, head of service",
    REQUESTS,
    "social.report.discharge.request",
    ["need_type_id", "state"],
    ["request_count:sum", "accepted_count:sum", "days_to_answer:avg"],
    """SELECT need_type_id, state, count(*), count(*) FILTER (WHERE state = 'accepted'),
              avg(date_answer - date_sent::date)
         FROM social_discharge_request
        WHERE state != 'draft' AND company_id = ANY(%(companies)s) GROUP BY 1, 2""",
)
analysis(
    "provider requests analysis, provider x answer (thousands of groups), head of service",
    REQUESTS,
    "social.report.discharge.request",
    ["partner_id", "state"],
    ["request_count:sum", "accepted_count:sum", "days_to_answer:avg"],
    """SELECT partner_id, state, count(*), count(*) FILTER (WHERE state = 'accepted'),
              avg(date_answer - date_sent::date)
         FROM social_discharge_request
        WHERE state != 'draft' AND company_id = ANY(%(companies)s) GROUP BY 1, 2""",
)
analysis(
    "provider requests analysis, provider type x answer, head of service",
    REQUESTS,
    "social.report.discharge.request",
    ["partner_type_id", "state"],
    ["request_count:sum", "accepted_count:sum", "days_to_answer:avg"],
    """SELECT (SELECT rel.type_id
                 FROM res_partner_social_partner_type_rel rel
                 JOIN social_partner_type t ON t.id = rel.type_id
                WHERE rel.partner_id = r.partner_id
                ORDER BY t.sequence, t.name->>'en_US', t.id LIMIT 1),
              state, count(*), count(*) FILTER (WHERE state = 'accepted'),
              avg(date_answer - date_sent::date)
         FROM social_discharge_request r
        WHERE state != 'draft' AND company_id = ANY(%(companies)s) GROUP BY 1, 2""",
)
analysis(
    "liaison analysis, service x outcome, head of service",
    LIAISON,
    "social.report.liaison",
    ["service_id", "state"],
    ["request_count:sum", "hours_to_done:avg"],
    """SELECT service_id, state, count(*),
              avg(EXTRACT(EPOCH FROM date_done - create_date) / 3600.0)
         FROM social_liaison_request WHERE company_id = ANY(%(companies)s) GROUP BY 1, 2""",
)


# -- the annual activity report -------------------------------------------------------------
def annual_setup(env):
    ctx = manager(env)
    ctx["wizard_values"] = {
        "date_from": YEAR[0],
        "date_to": YEAR[1],
        "company_ids": [(6, 0, ctx["companies"])],
        "lang": "en_US",
    }
    return ctx


def cells_of(content):
    """Every written cell of a workbook, as (sheet, row, col, value), from its XML."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(content))
    return {
        (sheet.title, cell.row, cell.column, cell.value)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value not in (None, "")
    }


@operation(
    "annual activity report (XLSX), head of service",
    INTERVENTIONS,
    user=MANAGER,
    setup=annual_setup,
)
def annual_report(env, ctx):
    wizard = env["social.report.annual.wizard"].create(ctx["wizard_values"])
    content, _kind = env["ir.actions.report"]._render_xlsx(
        "social_reporting.annual_report", wizard.ids, {}
    )
    return content


@annual_report.sql
def _annual_report_raw(cr, ctx):
    """The same SQL aggregates (the report's own queries, run once each) and the same
    cells, written by xlsxwriter with no Odoo in between: no wizard, no report action."""
    from odoo import SUPERUSER_ID, api

    from odoo.addons.social_reporting.tools.small_counts import mask_small_counts

    env = api.Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
    report = env["report.social_reporting.annual_report"]
    wizard = env["social.report.annual.wizard"].new(ctx["wizard_values"])
    chapters = report._chapters(wizard)
    k = 5
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output)
    for table_list in [t for _n, t, _k in chapters["sheets"]]:
        for table in table_list:
            table.mask = mask_small_counts(table.counts, k) if table.rows else None
    formats = report._formats(workbook)
    report._write_summary(workbook, wizard, chapters, k, True, formats)
    for sheet_name, tables, kind in chapters["sheets"]:
        sheet = workbook.add_worksheet(sheet_name)
        row = 0
        for table in tables:
            top = row
            row, cells = report._write_table(sheet, row, table, k, True, formats)
            if cells:
                report._add_chart(workbook, sheet, sheet.get_name(), kind, table, cells, top)
                row = max(row, top + 16)
    workbook.close()
    return output.getvalue()


@annual_report.compare
def _(orm, sql):
    return cells_of(orm) == cells_of(sql)

"""The daily screens of the social service, rights screening, find a partner, discharge
plans and the reporting pivots, each beside the raw SQL that returns the same rows."""

import importlib.util
from pathlib import Path

from registry import operation

ROOT = Path(__file__).resolve().parents[2]

# the specifications the web client sends, shared with the tests and the load test
_SPECS = ROOT / "addons" / "social_case" / "tests" / "web_client_specs.py"
_spec = importlib.util.spec_from_file_location("web_client_specs", _SPECS)
web_client_specs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(web_client_specs)
FORM_SPEC, KANBAN_SPEC = web_client_specs.FORM_SPEC, web_client_specs.KANBAN_SPEC

# data sizes, counted in the database when the table is printed
CASES = ("cases", "SELECT count(*) FROM social_case")
INTERVENTIONS = ("interventions", "SELECT count(*) FROM social_intervention")
PATIENTS = ("patients", "SELECT count(*) FROM res_partner WHERE NOT is_company")
DIRECTORY = ("partners", "SELECT count(*) FROM res_partner WHERE social_is_partner")
PLANS = ("plans", "SELECT count(*) FROM social_discharge_plan")

WORKER = "bench.worker01"
MANAGER = "bench.manager"
SUPERUSER = "__system__"

LIST_SPEC = {
    "name": {},
    "patient_id": {"fields": {"display_name": {}}},
    "user_id": {"fields": {"display_name": {}}},
    "team_id": {"fields": {"display_name": {}}},
    "stage_id": {"fields": {"display_name": {}}},
    "priority": {},
    "activity_ids": {"fields": {}},
    "activity_date_deadline": {},
    "date_open": {},
}
PLAN_LIST_SPEC = {
    "is_late": {},
    "is_discharged": {},
    "name": {},
    "patient_id": {"fields": {"display_name": {}}},
    "user_id": {"fields": {"display_name": {}}},
    "unit_id": {"fields": {"display_name": {}}},
    "stage_id": {"fields": {"display_name": {}}},
    "destination_type": {},
    "expected_discharge_date": {},
    "actual_discharge_date": {},
    "delay_days": {},
    "readiness": {},
    "activity_ids": {"fields": {}},
}
CASE_ORDER = "c.priority DESC, c.date_open DESC, c.id DESC"


def uid_of(env, login):
    return env["res.users"].search([("login", "=", login)]).id


def listing(result):
    return result["length"], [record["id"] for record in result["records"]]


# the columns a case list or the caseload shows, with the names of what they point to
CASE_ROWS = """
    SELECT c.id, c.name, c.priority, c.color, c.confidentiality, c.date_open,
           p.complete_name, up.name, t.name->>'en_US', s.name->>'en_US',
           (SELECT array_agg(a.id ORDER BY a.date_deadline) FROM mail_activity a
             WHERE a.res_model = 'social.case' AND a.res_id = c.id),
           (SELECT min(a.date_deadline) FROM mail_activity a
             WHERE a.res_model = 'social.case' AND a.res_id = c.id)
      FROM social_case c
      JOIN res_partner p ON p.id = c.patient_id
      LEFT JOIN res_users u ON u.id = c.user_id
      LEFT JOIN res_partner up ON up.id = u.partner_id
      LEFT JOIN social_team t ON t.id = c.team_id
      LEFT JOIN social_case_stage s ON s.id = c.stage_id
"""


def sql_listing(cr, where, params, order=CASE_ORDER):
    """(count, ids of the first 80) of the cases matching ``where``, reading their columns."""
    cr.execute(f"SELECT count(*) FROM social_case c WHERE {where}", params)
    count = cr.fetchone()[0]
    cr.execute(f"{CASE_ROWS} WHERE {where} ORDER BY {order} LIMIT 80", params)
    return count, [row[0] for row in cr.fetchall()]


# what a social worker reads (rule "own and team cases"), in plain SQL
WORKER_CASES = """c.active AND c.company_id = ANY(%(companies)s) AND (
    c.user_id = %(uid)s
    OR EXISTS (SELECT 1 FROM social_case_coworker_rel r
                WHERE r.case_id = c.id AND r.user_id = %(uid)s)
    OR (c.confidentiality = 'normal' AND c.team_id IN (
        SELECT t.id FROM social_team t JOIN social_team_member_rel m ON m.team_id = t.id
         WHERE t.share_cases AND m.user_id = %(uid)s)))"""
# what the head of service reads (rule "manager"), in plain SQL
MANAGER_CASES = """c.active AND c.company_id = ANY(%(companies)s) AND (
    c.confidentiality = 'normal' OR c.user_id = %(uid)s
    OR EXISTS (SELECT 1 FROM social_case_coworker_rel r
                WHERE r.case_id = c.id AND r.user_id = %(uid)s)
    OR EXISTS (SELECT 1 FROM social_case_access_grant g
                WHERE g.case_id = c.id AND g.user_id = %(uid)s AND g.active))"""


def people(env):
    worker, manager = uid_of(env, WORKER), uid_of(env, MANAGER)
    companies = env["res.users"].browse(worker).company_ids.ids
    return {"worker": worker, "manager": manager, "companies": companies}


# -- My caseload --------------------------------------------------------------------------
@operation("My caseload kanban, social worker", CASES, user=WORKER, setup=people)
def caseload(env, ctx):
    Case = env["social.case"].with_context(force_search_count=1)
    domain = [("user_id", "=", env.uid), ("is_closed", "=", False)]
    return listing(Case.web_search_read(domain, KANBAN_SPEC, limit=80))


@caseload.sql
def _caseload(cr, ctx):
    params = dict(ctx, uid=ctx["worker"])
    return sql_listing(cr, WORKER_CASES + " AND c.user_id = %(uid)s AND NOT c.is_closed", params)


# -- the case form, as worker, manager and superuser ---------------------------------------
def big_case(env):
    ctx = people(env)
    env.cr.execute(
        """SELECT i.case_id FROM social_intervention i JOIN social_case c ON c.id = i.case_id
            WHERE c.user_id = %s GROUP BY i.case_id ORDER BY count(*) DESC LIMIT 1""",
        (ctx["worker"],),
    )
    ctx["case"] = env.cr.fetchone()[0]
    env.cr.execute("SELECT count(*) FROM social_intervention WHERE case_id = %s", (ctx["case"],))
    ctx["interventions"] = env.cr.fetchone()[0]
    return ctx


def case_form(env, ctx):
    result = env["social.case"].browse(ctx["case"]).web_read(FORM_SPEC)[0]
    return result["name"], len(result["intervention_ids"])


def case_form_sql(cr, ctx):
    cr.execute(
        """SELECT c.name, p.name, u.login, t.name, s.name FROM social_case c
             JOIN res_partner p ON p.id = c.patient_id
             LEFT JOIN res_users u ON u.id = c.user_id
             LEFT JOIN social_team t ON t.id = c.team_id
             LEFT JOIN social_case_stage s ON s.id = c.stage_id WHERE c.id = %s""",
        (ctx["case"],),
    )
    name = cr.fetchone()[0]
    cr.execute(
        """SELECT i.id, i.date, i.duration, i.note, ty.name, pa.name, u.login
             FROM social_intervention i JOIN social_intervention_type ty ON ty.id = i.type_id
             LEFT JOIN res_partner pa ON pa.id = i.partner_id JOIN res_users u ON u.id = i.user_id
            WHERE i.case_id = %s AND i.active ORDER BY i.date DESC, i.id DESC""",
        (ctx["case"],),
    )
    interventions = cr.fetchall()
    for table, order in (
        ("social_case_need", "id"),
        ("social_case_episode", "date_start DESC"),
        ("social_case_note", "id DESC"),
        ("social_referral", "date DESC"),
    ):
        cr.execute(
            f"SELECT * FROM {table} WHERE case_id = %s ORDER BY {order} LIMIT 40", (ctx["case"],)
        )
        cr.fetchall()
    return name, len(interventions)


for _login, _who in (
    (WORKER, "social worker"),
    (MANAGER, "head of service"),
    (SUPERUSER, "superuser"),
):
    _op = operation(
        f"case form with 200 interventions, {_who}",
        INTERVENTIONS,
        user=_login,
        setup=big_case,
        group="case form",
    )(case_form)
    _op.sql(case_form_sql)


# -- case list filters -------------------------------------------------------------------
@operation(
    "'urgent + open' filter on the case list, head of service", CASES, user=MANAGER, setup=people
)
def urgent_open(env, ctx):
    Case = env["social.case"].with_context(force_search_count=1)
    domain = [("priority", "=", "2"), ("is_closed", "=", False)]
    return listing(Case.web_search_read(domain, LIST_SPEC, limit=80))


@urgent_open.sql
def _urgent_open(cr, ctx):
    params = dict(ctx, uid=ctx["manager"])
    return sql_listing(cr, MANAGER_CASES + " AND c.priority = '2' AND NOT c.is_closed", params)


@operation("search cases by patient name, head of service", PATIENTS, user=MANAGER, setup=people)
def by_patient(env, ctx):
    Case = env["social.case"].with_context(force_search_count=1)
    return listing(Case.web_search_read([("patient_id", "ilike", "lambert")], LIST_SPEC, limit=80))


@by_patient.sql
def _by_patient(cr, ctx):
    params = dict(ctx, uid=ctx["manager"], name="%lambert%")
    where = MANAGER_CASES + (
        " AND c.patient_id IN (SELECT id FROM res_partner WHERE complete_name ILIKE %(name)s)"
    )
    return sql_listing(cr, where, params)


@operation("search cases by reference, head of service", CASES, user=MANAGER, setup=people)
def by_reference(env, ctx):
    Case = env["social.case"].with_context(force_search_count=1)
    return listing(Case.web_search_read([("name", "ilike", "BENCH/0421")], LIST_SPEC, limit=80))


@by_reference.sql
def _by_reference(cr, ctx):
    params = dict(ctx, uid=ctx["manager"], name="%BENCH/0421%")
    return sql_listing(cr, MANAGER_CASES + " AND c.name ILIKE %(name)s", params)


@operation("open cases list + count, social worker", CASES, user=WORKER, setup=people)
def open_cases(env, ctx):
    Case = env["social.case"].with_context(force_search_count=1)
    return listing(Case.web_search_read([("is_closed", "=", False)], LIST_SPEC, limit=80))


@open_cases.sql
def _open_cases(cr, ctx):
    return sql_listing(cr, WORKER_CASES + " AND NOT c.is_closed", dict(ctx, uid=ctx["worker"]))


# -- rights screening --------------------------------------------------------------------
def screening_batch(env):
    """10,000 normal cases, and the SQL of each right's rule on them (built by the ORM)."""
    from odoo.osv import expression

    ctx = people(env)
    env.cr.execute(
        "SELECT id FROM social_case WHERE confidentiality = 'normal' AND active "
        "AND company_id = ANY(%s) ORDER BY id DESC LIMIT 10000",
        (ctx["companies"],),
    )
    ctx["ids"] = [row[0] for row in env.cr.fetchall()]
    Case = env["social.case"].sudo().with_context(active_test=False)
    ctx["rules"] = []
    for right in env["social.right"].search([]):
        query = Case._search(
            expression.AND([[("id", "in", ctx["ids"])], right._get_eligibility_domain()])
        )
        ctx["rules"].append((right.id, query.select()))
    return ctx


def screening_pairs(cases):
    return {(case.id, right.id) for case in cases for right in case.suggested_right_ids}


@operation(
    "rights screening, read through the field, head of service",
    "10,000 cases",
    user=MANAGER,
    setup=screening_batch,
)
def screening_field(env, ctx):
    return screening_pairs(env["social.case"].browse(ctx["ids"]))


def screening_sql(cr, ctx):
    cr.execute(
        """SELECT DISTINCT case_id, right_id FROM social_procedure
            WHERE case_id = ANY(%s) AND right_id IS NOT NULL
              AND state IN ('to_do', 'submitted', 'awaiting_answer', 'granted', 'appealed')""",
        (ctx["ids"],),
    )
    claimed = set(cr.fetchall())
    pairs = set()
    for right_id, query in ctx["rules"]:
        cr.execute(query)
        pairs.update((row[0], right_id) for row in cr.fetchall())
    return pairs - claimed


screening_field.sql(screening_sql)


@operation(
    "rights screening, compute called on the batch, head of service",
    "10,000 cases",
    user=MANAGER,
    setup=screening_batch,
)
def screening_compute(env, ctx):
    cases = env["social.case"].browse(ctx["ids"])
    cases._compute_suggested_right_ids()
    return screening_pairs(cases)


screening_compute.sql(screening_sql)


# -- find a partner ----------------------------------------------------------------------
def finder_setup(env):
    ctx = people(env)
    env.cr.execute(
        """SELECT r.need_type_id, count(*) FROM res_partner_social_need_type_rel r
            GROUP BY 1 ORDER BY 2 DESC LIMIT 1"""
    )
    ctx["need"] = env.cr.fetchone()[0]
    ctx["zip"] = "1030"
    ctx["language"] = env["social.language"].search([], limit=1).id
    ctx["stale_days"] = env.company.social_partner_stale_days
    ctx["recent_days"] = env.company.social_partner_recent_use_days
    return ctx


@operation("find a partner, social worker", DIRECTORY, user=WORKER, setup=finder_setup)
def find_partner(env, ctx):
    finder = env["social.partner.finder"].create(
        {"need_type_id": ctx["need"], "zip_code": ctx["zip"], "language_id": ctx["language"]}
    )
    finder.action_search()
    return [line.partner_id.id for line in finder.line_ids]


@find_partner.sql
def _find_partner(cr, ctx):
    cr.execute(
        """
        SELECT p.id FROM res_partner p
          JOIN res_partner_social_need_type_rel n
            ON n.partner_id = p.id AND n.need_type_id = %(need)s
          LEFT JOIN LATERAL (SELECT count(*) AS uses FROM social_intervention i
                              WHERE i.partner_id = p.id AND i.active
                                AND i.date >= now() at time zone 'UTC'
                                             - make_interval(days => %(recent_days)s)) u ON true
         WHERE p.active AND p.social_is_partner
         ORDER BY NOT EXISTS (SELECT 1 FROM res_partner_social_territory_rel r
                                JOIN social_territory t ON t.id = r.territory_id
                               WHERE r.partner_id = p.id AND t.zip = %(zip)s),
                  NOT EXISTS (SELECT 1 FROM res_partner_social_language_rel l
                               WHERE l.partner_id = p.id AND l.language_id = %(language)s),
                  COALESCE(p.social_capacity, 0) <= 0, COALESCE(p.social_waiting_days, 0),
                  -COALESCE(p.social_rating_avg, 0), -u.uses, p.name, p.id
         LIMIT 50
        """,
        ctx,
    )
    return [row[0] for row in cr.fetchall()]


# -- discharge plans ---------------------------------------------------------------------
@operation("discharge plan list + count, social worker", PLANS, user=WORKER, setup=people)
def plan_list(env, ctx):
    Plan = env["social.discharge.plan"].with_context(force_search_count=1)
    return listing(Plan.web_search_read([], PLAN_LIST_SPEC, limit=80))


@plan_list.sql
def _plan_list(cr, ctx):
    where = "p.active AND p.case_id IN (SELECT c.id FROM social_case c WHERE " + WORKER_CASES + ")"
    order = "p.is_late DESC, p.expected_discharge_date, p.id DESC"
    cr.execute(
        f"SELECT count(*) FROM social_discharge_plan p WHERE {where}", dict(ctx, uid=ctx["worker"])
    )
    count = cr.fetchone()[0]
    cr.execute(
        f"""SELECT p.id, p.name, p.is_late, p.is_discharged, p.destination_type,
                   p.expected_discharge_date, p.actual_discharge_date, p.readiness,
                   pa.complete_name, up.name, un.name->>'en_US', st.name->>'en_US'
              FROM social_discharge_plan p
              JOIN res_partner pa ON pa.id = p.patient_id
              LEFT JOIN res_users u ON u.id = p.user_id
              LEFT JOIN res_partner up ON up.id = u.partner_id
              LEFT JOIN social_unit un ON un.id = p.unit_id
              LEFT JOIN social_discharge_stage st ON st.id = p.stage_id
             WHERE {where} ORDER BY {order} LIMIT 80""",
        dict(ctx, uid=ctx["worker"]),
    )
    return count, [row[0] for row in cr.fetchall()]


# -- reporting (social_reporting) -----------------------------------------------------------
def groups(result, keys, measures):
    rows = set()
    for group in result:
        key = tuple(group[k][0] if group[k] else None for k in keys)
        rows.add((*key, *(round(group[m] or 0, 1) for m in measures)))
    return rows


@operation(
    "caseload analysis, referent x stage, head of service", CASES, user=MANAGER, setup=people
)
def caseload_pivot(env, ctx):
    result = env["social.report.caseload"].read_group(
        [], ["case_count:sum"], ["user_id", "stage_id"], lazy=False
    )
    return groups(result, ("user_id", "stage_id"), ("case_count",))


@caseload_pivot.sql
def _caseload_pivot(cr, ctx):
    cr.execute(
        """SELECT user_id, stage_id, count(*) FROM social_case
            WHERE active AND company_id = ANY(%(companies)s) GROUP BY 1, 2""",
        ctx,
    )
    return {(u, s, round(float(n), 1)) for u, s, n in cr.fetchall()}


@operation(
    "intervention analysis, worker x type, head of service",
    INTERVENTIONS,
    user=MANAGER,
    setup=people,
)
def intervention_pivot(env, ctx):
    result = env["social.report.intervention"].read_group(
        [], ["duration:sum", "intervention_count:sum"], ["user_id", "type_id"], lazy=False
    )
    return groups(result, ("user_id", "type_id"), ("duration", "intervention_count"))


@intervention_pivot.sql
def _intervention_pivot(cr, ctx):
    cr.execute(
        """SELECT user_id, type_id, sum(duration), count(*) FROM social_intervention
            WHERE active AND company_id = ANY(%(companies)s) GROUP BY 1, 2""",
        ctx,
    )
    return {(u, t, round(float(d), 1), round(float(n), 1)) for u, t, d, n in cr.fetchall()}

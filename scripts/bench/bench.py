#!/usr/bin/env python3
"""The benchmark of the hospital group: build ``social_bench`` once, then print one table.

Run through ``make bench`` (which copies the installed test template into
``social_bench``, updates the addons when they changed, then calls this script with the
virtualenv's Python)::

    make bench                         # the table, medians of 5 runs
    make bench ARGS="--rebuild"        # throw the database away and build it again
    make bench ARGS="--scale 0.1"      # a tenth of the hospital group (quick check)
    make bench ARGS="-k form --runs 9" # only the operations whose name holds "form"

The operations live in ``ops_*.py`` beside this file; ``registry.py`` says how to add one.
"""

import argparse
import importlib
import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
# the Odoo source first, as odoo-bin does: OCA wheels installed into the virtualenv put an
# `odoo/addons` folder in site-packages, which would otherwise hide the editable Odoo
if os.environ.get("SOCIAL_ODOO_SRC"):
    sys.path.insert(1, os.environ["SOCIAL_ODOO_SRC"])

import generate  # noqa: E402
import registry  # noqa: E402


def load_operations():
    for path in sorted(HERE.glob("ops_*.py")):
        importlib.import_module(path.stem)
    return registry.OPERATIONS


def open_registry(config, database):
    import odoo
    from odoo.tools import config as odoo_config

    odoo_config.parse_config(["-c", config, "-d", database, "--log-level=warn"])
    odoo.service.server.load_server_wide_modules()
    return odoo.modules.registry.Registry(database)


def built_scale(cr):
    cr.execute("SELECT value FROM ir_config_parameter WHERE key = 'social_bench.scale'")
    row = cr.fetchone()
    return float(row[0]) if row else None


def build(reg, scale):
    from odoo import SUPERUSER_ID, api

    started = time.monotonic()
    with reg.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        generate.Generator(env, scale).generate()
        env["ir.config_parameter"].set_param("social_bench.scale", str(scale))
        env.flush_all()
        cr.commit()
    with reg.cursor() as cr:
        differences = generate.verify(api.Environment(cr, SUPERUSER_ID, {}))
    if differences:
        print("\n".join(differences[:30]), file=sys.stderr)
        sys.exit(f"[bench] {len(differences)} stored fields differ from the ORM's computation")
    # fresh statistics for the planner, as autovacuum would give them a little later
    import psycopg2

    from odoo.sql_db import connection_info_for

    _name, info = connection_info_for(reg.db_name)
    connection = psycopg2.connect(**info)
    connection.autocommit = True
    connection.cursor().execute("VACUUM ANALYZE")
    connection.close()
    print(f"[bench] database {reg.db_name} built in {time.monotonic() - started:.0f} s", flush=True)


def user_env(cr, login, context=None):
    from odoo import SUPERUSER_ID, api

    if login == "__system__":
        return api.Environment(cr, SUPERUSER_ID, context or {})
    cr.execute("SELECT id FROM res_users WHERE login = %s", (login,))
    row = cr.fetchone()
    if not row:
        sys.exit(f"[bench] no user {login} in the database")
    return api.Environment(cr, row[0], context or {})


SESSION = []  # statements run on every cursor before measuring (SET jit ...)


def prepared(cr):
    for statement in SESSION:
        cr.execute(statement)
    return cr


def setup(reg, op):
    from odoo import SUPERUSER_ID, api

    ctx = {}
    with reg.cursor() as cr:
        if op.setup_fn:
            ctx = op.setup_fn(api.Environment(cr, SUPERUSER_ID, {})) or {}
        cr.rollback()
    return ctx


def run_orm(reg, op, ctx):
    """(ms, queries, result) of one run of ``op`` as its user, in a new cursor and cache."""
    with reg.cursor() as cr:
        env = user_env(prepared(cr), op.user)
        env.invalidate_all()
        env.transaction.clear()
        start_count = cr.sql_log_count
        started = time.perf_counter()
        result = op.orm(env, ctx)
        env.flush_all()
        elapsed = time.perf_counter() - started
        queries = cr.sql_log_count - start_count
        cr.rollback()
    return elapsed * 1000, queries, result


def measure(reg, op, runs):
    """(orm median ms, sql median ms, queries, same result)"""
    ctx = setup(reg, op)
    orm_times, sql_times, queries = [], [], 0
    orm_result = sql_result = None
    for run in range(runs + 1):
        elapsed_ms, queries, orm_result = run_orm(reg, op, ctx)
        if run:
            orm_times.append(elapsed_ms)
        if op.sql_fn:
            with reg.cursor() as cr:
                prepared(cr)
                started = time.perf_counter()
                sql_result = op.sql_fn(cr, ctx)
                elapsed = time.perf_counter() - started
                cr.rollback()
            if run:
                sql_times.append(elapsed * 1000)
    same = None
    if op.sql_fn:
        same = op.compare_fn(orm_result, sql_result) if op.compare_fn else orm_result == sql_result
    return (
        statistics.median(orm_times),
        statistics.median(sql_times) if sql_times else None,
        queries,
        same,
    )


def size_label(reg, size):
    """A size is a text, or (unit, SQL counting it) counted now."""
    if isinstance(size, str):
        return size
    unit, query = size
    with reg.cursor() as cr:
        cr.execute(query)
        return f"{cr.fetchone()[0]:,} {unit}"


def privacy_cost(reg, ops, runs):
    """{operation: its cost of privacy}: the same screen as each user against the same
    screen as the superuser, which no rule nor field group slows. The users' runs alternate
    with the superuser's, round by round in a turning order, and the cost is the median of
    each round's ratio: a machine that slows down or speeds up between one user's runs and
    the next user's does not enter the ratio, as it would between medians taken in turn."""
    baseline = next((op for op in ops if op.user == "__system__"), None)
    if baseline is None:
        return {}
    contexts = {op: setup(reg, op) for op in ops}
    ratios = {op: [] for op in ops if op is not baseline}
    for run in range(runs + 1):
        turn = run % len(ops)
        times = {op: run_orm(reg, op, contexts[op])[0] for op in ops[turn:] + ops[:turn]}
        if run:
            for op, values in ratios.items():
                values.append(times[op] / times[baseline])
    return {op: statistics.median(values) for op, values in ratios.items()}


def print_privacy_cost(reg, measured, runs):
    groups = {}
    for op in measured:
        if op.group:
            groups.setdefault(op.group, []).append(op)
    for group, ops in groups.items():
        costs = ", ".join(
            f"{op.name.rsplit(', ', 1)[-1]} {cost:.2f} ×"
            for op, cost in privacy_cost(reg, ops, runs).items()
        )
        if costs:
            print(
                f"[bench] the cost of privacy, {group} against the superuser (the users "
                f"alternating, median of {runs} rounds' ratios): {costs}",
                flush=True,
            )


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", default="social_bench")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("-k", dest="keyword", help="only the operations whose name holds this")
    parser.add_argument("--skip", help="leave out the operations whose name holds this")
    parser.add_argument("--build-only", action="store_true")
    parser.add_argument(
        "--jit",
        choices=("on", "off"),
        help="PostgreSQL's JIT for the runs (default: the database's)",
    )
    args = parser.parse_args(argv)

    reg = open_registry(args.config, args.database)
    with reg.cursor() as cr:
        scale = built_scale(cr)
    if scale is None:
        build(reg, args.scale)
    elif scale != args.scale:
        print(
            f"[bench] {args.database} holds the hospital group at scale {scale} "
            f"(--rebuild to build it at {args.scale})",
            flush=True,
        )
    if args.build_only:
        return 0
    if args.jit:
        SESSION.append(f"SET jit = {args.jit}")
    with reg.cursor() as cr:
        prepared(cr)
        cr.execute("SHOW jit")
        jit = cr.fetchone()[0]
        cr.execute("SHOW server_version")
        version = cr.fetchone()[0]
    load = os.getloadavg()
    print(
        f"[bench] PostgreSQL {version}, jit={jit}; medians of {args.runs} runs; "
        f"{os.cpu_count()} cores, load average {load[0]:.2f} (1 min) before the runs "
        "(other processes of the machine included)",
        flush=True,
    )
    rows, measured = [], {}
    header = ("operation", "size", "ORM ms", "SQL ms", "ratio", "queries")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header), flush=True)
    for op in load_operations():
        if args.keyword and args.keyword.lower() not in op.name.lower():
            continue
        if args.skip and args.skip.lower() in op.name.lower():
            continue
        orm_ms, sql_ms, queries, same = measure(reg, op, args.runs)
        ratio = f"{orm_ms / sql_ms:.1f} ×" if sql_ms else "–"
        mark = "" if same in (None, True) else " ≠"
        row = (
            op.name + mark,
            size_label(reg, op.size),
            f"{orm_ms:,.1f}",
            f"{sql_ms:,.1f}" if sql_ms is not None else "–",
            ratio,
            str(queries),
        )
        rows.append(row)
        measured[op] = orm_ms
        print("| " + " | ".join(row) + " |", flush=True)
    print_privacy_cost(reg, measured, args.runs)
    print(f"[bench] load average {os.getloadavg()[0]:.2f} (1 min) after the runs", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

#!/usr/bin/env python3
"""Scale out on PostgreSQL streaming replication (``make replica``), locally.

Starts the private primary of ``make drill`` (``.state/drill/postgresql``, with its database
``social_drill``; built on first use), makes a streaming replica of it with
``pg_basebackup -R`` into ``.state/drill/replica`` (Unix sockets only: nothing listens on
the network), starts it as a hot standby, then serves Odoo ``--workers=3`` against both:
``db_host``/``db_port`` the primary, ``db_replica_host``/``db_replica_port`` the replica.

Odoo 18 opens a read-only cursor on the replica for the routes declared ``readonly`` (the
JSON-RPC ``call_kw`` of a method marked ``@api.readonly``: ``web_search_read``,
``web_read_group``, ``read_group``, ``search_read``, ``name_search``…), and a read/write
cursor on the primary for everything else. Both servers log every statement during the
proof; the script then counts, in each log, the reporting reads, the case list reads and
the writes: the reads must be on the replica only, the writes on the primary only. It
finishes with a short locust run of the social worker's day and the share of statements
each server answered, and the replica's replay lag.
"""

import argparse
import json
import os
import re
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "scripts" / "load"))
sys.path.insert(0, str(ROOT / "scripts" / "drill"))

import drill  # noqa: E402
from devenv.cluster import PrivateCluster, system_pg_bindir, wheel_pg_bindir  # noqa: E402
from devenv.odoo import odoo_source  # noqa: E402
from devenv.pg import apply_pg_settings, sql  # noqa: E402
from devenv.venv import venv_python  # noqa: E402
from run_load import Odoo, figures, free_port, run_locust  # noqa: E402


def say(message):
    print(f"[replica] {message}", flush=True)


def start_replica(primary, env, port):
    replica = PrivateCluster(drill.DRILL / "replica", port, primary.bindir)
    replica.pgdir.mkdir(parents=True, exist_ok=True)
    replica.run.mkdir(parents=True, exist_ok=True)
    replica._owner = replica._as_owner()
    if not (replica.data / "standby.signal").is_file():
        shutil.rmtree(replica.data, ignore_errors=True)
        say(f"pg_basebackup of the primary into {replica.data}")
        started = time.monotonic()
        replica._pg(
            "pg_basebackup",
            "-D",
            str(replica.data),
            "-h",
            str(primary.run),
            "-p",
            str(primary.port),
            "-U",
            "odoo",
            "-R",
            "-X",
            "stream",
            "-c",
            "fast",
        )
        say(f"base backup taken in {time.monotonic() - started:.0f} s")
    if replica._pg("pg_ctl", "-D", str(replica.data), "status", check=False):
        options = (
            f"-k {replica.run} -c listen_addresses='' -p {replica.port} "
            "-c hot_standby=on -c log_statement=all -c log_line_prefix='%m [%p] %d '"
        )
        replica._pg(
            "pg_ctl",
            "-D",
            str(replica.data),
            "-l",
            str(replica.pgdir / "server.log"),
            "-o",
            options,
            "-w",
            "start",
        )
    return replica


def log_size(cluster):
    path = cluster.pgdir / "server.log"
    return path.stat().st_size if path.exists() else 0


def log_since(cluster, offset):
    with open(cluster.pgdir / "server.log", errors="replace") as handle:
        handle.seek(offset)
        return handle.read()


PATTERNS = {
    "intervention analysis (read_group)": r'FROM "social_report_intervention"',
    # the search of the list and the fetch of its column, in one statement
    "case list (web_search_read)": (
        r'SELECT "social_case"."id", "social_case"."name" FROM "social_case"'
    ),
    "new intervention (INSERT)": r'INSERT INTO "social_intervention"',
}


class Client(drill.Writer):
    def __init__(self, url, login):
        super().__init__(url, login, None, [])

    def login_as(self):
        return self.rpc(
            "/web/session/authenticate",
            {"db": drill.DB, "login": self.login, "password": self.login},
        )["uid"]


def start_primary(src):
    """The drill's primary, started, with its database; (cluster, env, Odoo's config)."""
    drill.DRILL.mkdir(parents=True, exist_ok=True)
    bindir = system_pg_bindir() or wheel_pg_bindir()
    port_file = drill.DRILL / "port"
    port = int(port_file.read_text()) if port_file.is_file() else free_port()
    port_file.write_text(str(port))
    primary = PrivateCluster(drill.DRILL / "postgresql", port, bindir)
    env = primary.start(dict(os.environ))
    config = drill.drill_config(src, primary)
    drill.prepare_database(src, env, config, 0.05)
    apply_pg_settings(env, drill.DB)
    return primary, env, config


def start_and_configure_replica(primary, env, config):
    """The replica of ``primary``, started, and named in Odoo's configuration."""
    replica_port_file = drill.DRILL / "replica-port"
    replica_port = (
        int(replica_port_file.read_text()) if replica_port_file.is_file() else free_port()
    )
    replica_port_file.write_text(str(replica_port))
    replica = start_replica(primary, env, replica_port)
    renv = replica.env(dict(os.environ))
    state = sql(renv, "SELECT pg_is_in_recovery()")[0][0]
    say(f"replica on {replica.run} port {replica.port}, in recovery: {state}")
    with open(config, "a") as handle:
        handle.write(f"db_replica_host = {replica.run}\ndb_replica_port = {replica.port}\n")
    return replica


def prove_routing(odoo, primary, replica, report, failures):
    """A reporting read, a case list read and a write: which server ran each."""
    manager, worker = Client(odoo.url, "bench.manager"), Client(odoo.url, "bench.worker01")
    manager.login_as()
    uid = worker.login_as()
    offsets = (log_size(primary), log_size(replica))
    manager.call(
        "social.report.intervention",
        "read_group",
        [],
        ["duration:sum"],
        ["user_id", "type_id"],
        lazy=False,
    )
    cases = worker.call(
        "social.case",
        "web_search_read",
        [("user_id", "=", uid), ("is_closed", "=", False)],
        {"name": {}},
        limit=80,
    )["records"]
    types = worker.call("social.intervention.type", "search_read", [], ["id"])
    worker.call(
        "social.intervention",
        "create",
        [{"case_id": cases[0]["id"], "type_id": types[0]["id"], "duration": 10}],
    )
    time.sleep(1)
    logs = (log_since(primary, offsets[0]), log_since(replica, offsets[1]))
    routing = {}
    for label, pattern in PATTERNS.items():
        routing[label] = {
            "primary": len(re.findall(pattern, logs[0])),
            "replica": len(re.findall(pattern, logs[1])),
        }
    report["routing"] = routing
    for label, where in routing.items():
        expected = "primary" if "INSERT" in label else "replica"
        other = "replica" if expected == "primary" else "primary"
        if not where[expected] or where[other]:
            failures.append(f"{label}: {where}")


def share_of_a_day(args, odoo, primary, replica, env, report):
    """The social worker's day, and who answered it; the replica's replay lag."""
    offsets = (log_size(primary), log_size(replica))
    rows = run_locust(
        argparse.Namespace(locust=args.locust, database=drill.DB),
        odoo.url,
        args.users,
        args.duration,
        drill.DRILL / "replica_locust",
    )
    total = figures(next(r for r in rows if r["Name"] == "Aggregated"))
    logs = (log_since(primary, offsets[0]), log_since(replica, offsets[1]))
    counts = [len(re.findall(r"LOG:  statement: (SELECT|WITH)", log)) for log in logs]
    report["locust"] = dict(total, users=args.users, duration=args.duration)
    report["selects_primary"], report["selects_replica"] = counts
    lag = sql(
        env,
        "SELECT COALESCE(EXTRACT(epoch FROM max(replay_lag)), 0)::float FROM pg_stat_replication",
    )
    report["replay_lag_s"] = float(lag[0][0]) if lag else None


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", default="60s", help="the locust run against both")
    parser.add_argument("--users", type=int, default=12)
    parser.add_argument("--locust", required=True)
    args = parser.parse_args(argv)
    src = odoo_source()
    primary, env, config = start_primary(src)
    replica = start_and_configure_replica(primary, env, config)
    sql(env, "ALTER SYSTEM SET log_statement = 'all'")
    sql(env, "SELECT pg_reload_conf()")
    odoo_args = argparse.Namespace(
        port=None,
        out=str(drill.DRILL),
        odoo_python=str(venv_python()),
        odoo_bin=str(src / "odoo-bin"),
        config=str(config),
        database=drill.DB,
    )
    odoo = Odoo(odoo_args)
    report, failures = {}, []
    try:
        odoo.wait()
        say(f"Odoo --workers=3 on {odoo.url}, primary + replica")
        prove_routing(odoo, primary, replica, report, failures)
        share_of_a_day(args, odoo, primary, replica, env, report)
    finally:
        odoo.stop()
        sql(env, "ALTER SYSTEM RESET log_statement")
        sql(env, "SELECT pg_reload_conf()")
        replica.stop()
        primary.stop()
    (drill.DRILL / "replica-report.json").write_text(json.dumps(report, indent=1))
    say(json.dumps(report, indent=1))
    for failure in failures:
        say(f"FAILED: {failure}")
    say("reads on the replica, writes on the primary" if not failures else "routing failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

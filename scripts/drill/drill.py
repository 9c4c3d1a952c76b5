#!/usr/bin/env python3
"""Faults and recovery, scripted (``make drill``), on a private PostgreSQL cluster.

Never touches the machine's shared PostgreSQL: the drill starts a cluster of its own under
``.state/drill/`` (the installed server binaries, else those of the pgserver wheel, as
``scripts/devenv`` does), installs the addons with a small hospital group of the
benchmark into ``social_drill``, serves it with Odoo ``--workers=3`` on 127.0.0.1, and
while six social workers write (procedures, each with its creation message and deadline
activity, and interventions):

1. kills one busy Odoo worker (SIGKILL, mid-request);
2. stops PostgreSQL for 10 s, then starts it again, and measures how long until the
   next write succeeds;
3. checks afterwards that no write is partial and none that was acknowledged is lost;
4. dumps the database with Odoo's own backup (``odoo.service.db.dump_db``, SQL and
   filestore in one zip), restores it as ``social_drill_restored`` (``restore_db``) and
   compares the row counts of every table and the checksum of every filestore file.

Exits non-zero when an invariant fails or the service is not back within 30 s.
"""

import argparse
import hashlib
import http.cookiejar
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "scripts" / "load"))

from devenv.cluster import PrivateCluster, system_pg_bindir, wheel_pg_bindir  # noqa: E402
from devenv.common import ADDONS, MODULES, STATE  # noqa: E402
from devenv.odoo import addons_digest, odoo_bin, odoo_source  # noqa: E402
from devenv.pg import apply_pg_settings, database_exists, sql  # noqa: E402
from devenv.venv import venv_python  # noqa: E402
from run_load import Odoo, free_port  # noqa: E402

DB = "social_drill"
RESTORED = "social_drill_restored"
WRITERS = 6
BACK_WITHIN = 30  # seconds
DRILL = STATE / "drill"


def say(message):
    print(f"[drill] {message}", flush=True)


# ---------------------------------------------------------------- the cluster and Odoo
def drill_config(src, cluster):
    path = DRILL / "odoo-drill.conf"
    addons = [str(src / "odoo" / "addons"), str(src / "addons"), str(ADDONS)]
    path.write_text(
        "\n".join(
            [
                "[options]",
                f"addons_path = {','.join(addons)}",
                f"data_dir = {DRILL / 'data'}",
                f"db_host = {cluster.run}",
                f"db_port = {cluster.port}",
                "db_user = odoo",
                "list_db = False",
                "admin_passwd = False",
                "log_level = warn",
                "max_cron_threads = 0",
            ]
        )
        + "\n"
    )
    return path


def psql(env, query, dbname=DB):
    return sql(env, query, dbname=dbname)


def prepare_database(src, env, config, scale):
    if database_exists(env, DB) and psql(
        env, "SELECT 1 FROM ir_config_parameter WHERE key = 'social_bench.scale'"
    ):
        stamp = DRILL / "addons.stamp"
        wanted = addons_digest(src)
        if not stamp.is_file() or stamp.read_text() != wanted:
            say(f"the addons changed: updating them in {DB}")
            odoo_bin(
                src,
                config,
                "-d",
                DB,
                "-u",
                ",".join(MODULES),
                "--stop-after-init",
                "--no-http",
                env=env,
            )
            stamp.write_text(wanted)
        say(f"reusing {DB}")
        return
    sql(env, f'DROP DATABASE IF EXISTS "{DB}"')
    say(f"installing the addons with demo data into {DB}")
    odoo_bin(
        src,
        config,
        "-d",
        DB,
        "-i",
        ",".join(MODULES),
        "--stop-after-init",
        "--no-http",
        env=env,
    )
    say(f"building the hospital group at scale {scale}")
    code = subprocess.call(
        [
            str(venv_python()),
            str(ROOT / "scripts" / "bench" / "bench.py"),
            "-c",
            str(config),
            "-d",
            DB,
            "--scale",
            str(scale),
            "--build-only",
        ],
        env=dict(env, SOCIAL_ODOO_SRC=str(src)),
    )
    if code:
        sys.exit("[drill] the hospital group could not be built")
    (DRILL / "addons.stamp").write_text(addons_digest(src))


# ---------------------------------------------------------------- the writers
class Writer(threading.Thread):
    """A social worker creating procedures and interventions on their open cases."""

    def __init__(self, url, login, stop, journal):
        super().__init__(daemon=True)
        self.url, self.login, self.stop, self.journal = url, login, stop, journal
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.cases, self.types, self.procedure_types = [], [], []

    def rpc(self, path, params):
        payload = json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1, "params": params})
        request = urllib.request.Request(
            self.url + path, payload.encode(), {"Content-Type": "application/json"}
        )
        with self.opener.open(request, timeout=30) as response:
            body = json.loads(response.read())
        if "error" in body:
            raise RuntimeError(body["error"].get("data", {}).get("message", "error"))
        return body["result"]

    def call(self, model, method, *args, **kwargs):
        return self.rpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def setup(self):
        uid = self.rpc(
            "/web/session/authenticate", {"db": DB, "login": self.login, "password": self.login}
        )["uid"]
        self.cases = self.call(
            "social.case", "search", [("user_id", "=", uid), ("is_closed", "=", False)], limit=20
        )
        self.types = self.call("social.intervention.type", "search", [])
        self.procedure_types = self.call(
            "social.procedure.type", "search", [("default_delay", ">", 0)]
        )

    def run(self):
        while not self.stop.is_set():
            try:
                if not self.cases:
                    self.setup()
                    continue
                case = random.choice(self.cases)
                if random.random() < 0.5:
                    kind = "procedure"
                    rid = self.call(
                        "social.procedure",
                        "create",
                        [{"case_id": case, "type_id": random.choice(self.procedure_types)}],
                    )
                else:
                    kind = "intervention"
                    rid = self.call(
                        "social.intervention",
                        "create",
                        [
                            {
                                "case_id": case,
                                "type_id": random.choice(self.types),
                                "duration": 20,
                                "note": "drill",
                            }
                        ],
                    )
                rid = rid[0] if isinstance(rid, list) else rid
                self.journal.append((time.monotonic(), "ok", kind, rid))
            except Exception as error:  # noqa: BLE001 - every failure is journaled
                self.journal.append((time.monotonic(), "error", type(error).__name__, None))
                if "Session" in str(error) or "session" in str(error):
                    self.cases = []
                time.sleep(0.2)


def workers_of(master):
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            children.append(int(stat.parent.name))
    return children


def cpu_time(pid):
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except OSError:
        return 0


def first_ok_after(journal, moment):
    return next((t for t, status, *_ in sorted(journal) if status == "ok" and t > moment), None)


# ---------------------------------------------------------------- checks
def check_invariants(env, journal, since):
    failures = []
    acknowledged = {
        kind: {rid for _t, s, kind_, rid in journal if s == "ok" and kind_ == kind}
        for kind in ("procedure", "intervention")
    }
    for kind, table in (("procedure", "social_procedure"), ("intervention", "social_intervention")):
        ids = acknowledged[kind]
        if ids:
            found = psql(
                env, f"SELECT count(*) FROM {table} WHERE id IN ({','.join(map(str, ids))})"
            )[0][0]
            if found != len(ids):
                failures.append(f"{len(ids) - found} acknowledged {kind}s are missing")
    rows = psql(
        env,
        f"""
        SELECT p.id,
               (SELECT count(*) FROM mail_message m
                 WHERE m.model = 'social.procedure' AND m.res_id = p.id),
               (SELECT count(*) FROM mail_activity a
                 WHERE a.res_model = 'social.procedure' AND a.res_id = p.id)
          FROM social_procedure p
         WHERE p.create_date >= '{since}' AND p.state = 'to_do' AND p.due_date IS NOT NULL
        """,
    )
    partial = [r for r in rows if r[1] < 1 or r[2] != 1]
    if partial:
        failures.append(f"{len(partial)} procedures without their creation message or deadline")
    orphans = psql(
        env,
        f"""
        SELECT count(*) FROM mail_activity a WHERE a.res_model = 'social.procedure'
           AND a.create_date >= '{since}'
           AND NOT EXISTS (SELECT 1 FROM social_procedure p WHERE p.id = a.res_id)
        """,
    )[0][0]
    if orphans:
        failures.append(f"{orphans} deadline activities of a procedure that does not exist")
    return failures, len(rows), len(acknowledged["procedure"]) + len(acknowledged["intervention"])


def table_counts(env, dbname):
    tables = [
        row[0]
        for row in psql(
            env,
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
            dbname=dbname,
        )
    ]
    union = " UNION ALL ".join(f"SELECT '{t}', count(*) FROM \"{t}\"" for t in tables)
    return dict(psql(env, union, dbname=dbname))


def filestore_digest(path):
    digests = {}
    for file in sorted(Path(path).rglob("*")):
        if file.is_file():
            digests[str(file.relative_to(path))] = hashlib.sha1(file.read_bytes()).hexdigest()
    return digests


DUMP_RESTORE = """
import sys
sys.path.insert(0, sys.argv[1])
import odoo
from odoo.tools import config
config.parse_config(["-c", sys.argv[2], "--log-level=warn"])
# this process is no server: the database manager's functions are called directly
config["list_db"] = True
from odoo.service import db
with open(sys.argv[4], "wb") as stream:
    db.dump_db(sys.argv[3], stream, "zip")
if db.exp_db_exist(sys.argv[5]):
    db.exp_drop(sys.argv[5])
db.restore_db(sys.argv[5], sys.argv[4], copy=True)
"""


def backup_restore(src, env, config):
    dump = DRILL / f"{DB}.zip"
    started = time.monotonic()
    subprocess.check_call(
        [
            str(venv_python()),
            "-c",
            DUMP_RESTORE,
            str(src),
            str(config),
            DB,
            str(dump),
            RESTORED,
        ],
        env=env,
    )
    elapsed = time.monotonic() - started
    before, after = table_counts(env, DB), table_counts(env, RESTORED)
    store = DRILL / "data" / "filestore"
    files_before, files_after = filestore_digest(store / DB), filestore_digest(store / RESTORED)
    differences = [t for t in before if before[t] != after.get(t)]
    return {
        "seconds": round(elapsed, 1),
        "dump_mb": round(dump.stat().st_size / 1e6, 1),
        "tables": len(before),
        "rows": sum(before.values()),
        "tables_differing": differences,
        "files": len(files_before),
        "files_identical": files_before == files_after,
    }


# ---------------------------------------------------------------- the drill
def start_cluster(src):
    """The drill's private cluster, started; (cluster, the environment that reaches it)."""
    DRILL.mkdir(parents=True, exist_ok=True)
    bindir = system_pg_bindir() or wheel_pg_bindir()
    port_file = DRILL / "port"
    port = int(port_file.read_text()) if port_file.is_file() else free_port()
    port_file.write_text(str(port))
    cluster = PrivateCluster(DRILL / "postgresql", port, bindir)
    env = cluster.start(dict(os.environ))
    say(f"private cluster {cluster.pgdir} ({bindir}), socket {cluster.run}, port {port}")
    return cluster, env


def kill_a_worker(odoo, journal, report):
    """Step 1: one busy Odoo worker killed (SIGKILL) in the middle of a request."""
    workers = workers_of(odoo.process.pid)
    before = {pid: cpu_time(pid) for pid in workers}
    time.sleep(0.3)
    busy = max(workers, key=lambda pid: cpu_time(pid) - before[pid])
    killed_at = time.monotonic()
    os.kill(busy, signal.SIGKILL)
    say(f"killed Odoo worker {busy} (SIGKILL) among {len(workers)}")
    time.sleep(8)
    back = first_ok_after(journal, killed_at)
    report["worker_killed_errors"] = sum(
        1 for t, s, *_ in journal if s == "error" and killed_at <= t < killed_at + 8
    )
    report["worker_killed_back_s"] = round(back - killed_at, 2) if back else None


def stop_postgres(cluster, outage, journal, report, failures):
    """Step 2: PostgreSQL down for ``outage`` seconds under load, and how long until the
    next write succeeds."""
    stopped_at = time.monotonic()
    cluster._pg("pg_ctl", "-D", str(cluster.data), "-m", "fast", "-w", "stop")
    say(f"PostgreSQL stopped; starting it again in {outage:.0f} s")
    time.sleep(outage)
    cluster._pg(
        "pg_ctl",
        "-D",
        str(cluster.data),
        "-l",
        str(cluster.pgdir / "server.log"),
        "-o",
        f"-k {cluster.run} -c listen_addresses='' -p {cluster.port}",
        "-w",
        "start",
    )
    started_at = time.monotonic()
    say("PostgreSQL started")
    deadline = started_at + BACK_WITHIN + 5
    while time.monotonic() < deadline and not first_ok_after(journal, started_at):
        time.sleep(0.2)
    back = first_ok_after(journal, started_at)
    report["pg_down_errors"] = sum(1 for t, s, *_ in journal if s == "error" and t >= stopped_at)
    report["pg_back_after_start_s"] = round(back - started_at, 2) if back else None
    report["pg_back_after_stop_s"] = round(back - stopped_at, 2) if back else None
    if not back or back - started_at > BACK_WITHIN:
        failures.append(f"the service was not back within {BACK_WITHIN} s of PostgreSQL's start")


def faults_under_load(odoo, cluster, outage, report, failures):
    """The writers, a worker killed, PostgreSQL stopped; returns the writers' journal."""
    odoo.wait()
    say(f"Odoo --workers=3 on {odoo.url}; {WRITERS} social workers writing")
    stop, journal = threading.Event(), []
    writers = [
        Writer(odoo.url, f"bench.worker{i:02d}", stop, journal) for i in range(1, WRITERS + 1)
    ]
    for writer in writers:
        writer.start()
    time.sleep(10)
    kill_a_worker(odoo, journal, report)
    stop_postgres(cluster, outage, journal, report, failures)
    time.sleep(5)
    stop.set()
    for writer in writers:
        writer.join(35)
    report["writes_acknowledged"] = sum(1 for _t, s, *_ in journal if s == "ok")
    report["requests_failed"] = sum(1 for _t, s, *_ in journal if s == "error")
    return journal


def check_backup(src, env, config, report, failures):
    """Step 4: Odoo's own backup and restore, the restored database compared."""
    say("dump with Odoo's backup (SQL and filestore), restore as " + RESTORED)
    report["backup"] = backup_restore(src, env, config)
    if report["backup"]["tables_differing"] or not report["backup"]["files_identical"]:
        failures.append(
            "the restored database differs: " + ", ".join(report["backup"]["tables_differing"])
        )
    sql(env, f'DROP DATABASE IF EXISTS "{RESTORED}"')
    shutil.rmtree(DRILL / "data" / "filestore" / RESTORED, ignore_errors=True)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.05)
    parser.add_argument("--outage", type=float, default=10.0, help="seconds PostgreSQL is down")
    args = parser.parse_args(argv)
    src = odoo_source()
    cluster, env = start_cluster(src)
    apply_pg_settings(env, "postgres")
    config = drill_config(src, cluster)
    prepare_database(src, env, config, args.scale)
    apply_pg_settings(env, DB)
    since = psql(env, "SELECT (now() AT TIME ZONE 'UTC')::text")[0][0]

    odoo_args = argparse.Namespace(
        port=None,
        out=str(DRILL),
        odoo_python=str(venv_python()),
        odoo_bin=str(src / "odoo-bin"),
        config=str(config),
        database=DB,
    )
    odoo = Odoo(odoo_args)
    report, failures = {}, []
    try:
        journal = faults_under_load(odoo, cluster, args.outage, report, failures)
    finally:
        odoo.stop()

    # 3. nothing partial, nothing acknowledged lost
    problems, checked, acknowledged = check_invariants(env, journal, since)
    failures += problems
    report["procedures_checked"] = checked

    check_backup(src, env, config, report, failures)
    cluster.stop()

    (DRILL / "report.json").write_text(json.dumps(report, indent=1))
    say(json.dumps(report, indent=1))
    for failure in failures:
        say(f"FAILED: {failure}")
    say("every invariant holds" if not failures else f"{len(failures)} invariants failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

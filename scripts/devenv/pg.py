"""The PostgreSQL server of the commands: finding one (else starting a private cluster),
running SQL, the role of Odoo, and creating, copying, dropping and setting databases."""

import json
import shutil
import subprocess

from .cluster import PrivateCluster, system_pg_bindir, wheel_pg_bindir
from .common import STATE, fail, log
from .venv import venv_python


def psql_ok(env):
    probe = "import psycopg2; psycopg2.connect(dbname='postgres').close()"
    result = subprocess.run(
        [str(venv_python()), "-c", probe], env=env, capture_output=True, text=True
    )
    return result.returncode == 0


def ensure_postgres(env):
    """Return the environment with PG* variables of a reachable server."""
    if psql_ok(env):
        return ensure_role(env)
    bindir = system_pg_bindir() or wheel_pg_bindir()
    cluster = PrivateCluster(STATE / "postgresql", env.get("PGPORT", "5432"), bindir)
    env = cluster.start(env)
    if not psql_ok(env):
        fail(f"the private PostgreSQL cluster did not start: see {cluster.pgdir / 'server.log'}")
    return env


def sql(env, query, dbname="postgres", autocommit=True):
    code = (
        "import psycopg2, sys, json\n"
        f"c = psycopg2.connect(dbname={dbname!r}); c.autocommit = {autocommit}\n"
        "cr = c.cursor(); cr.execute(sys.argv[1])\n"
        "print(json.dumps(cr.fetchall() if cr.description else []))\n"
    )
    out = subprocess.check_output([str(venv_python()), "-c", code, query], env=env, text=True)
    return json.loads(out)


def ensure_role(env):
    """Odoo refuses the `postgres` role: give it a role of its own."""
    user = sql(env, "SELECT current_user")[0][0]
    if user != "postgres":
        return env
    if not sql(env, "SELECT 1 FROM pg_roles WHERE rolname = 'odoo'"):
        log("creating the PostgreSQL role 'odoo' (Odoo refuses to run as 'postgres')")
        sql(env, "CREATE ROLE odoo LOGIN CREATEDB")
    return dict(env, PGUSER="odoo")


def database_exists(env, name):
    return bool(sql(env, f"SELECT 1 FROM pg_database WHERE datname = '{name}'"))


def drop_database(env, name):
    sql(
        env,
        f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'",
    )
    sql(env, f'DROP DATABASE IF EXISTS "{name}"')
    shutil.rmtree(STATE / "data" / "filestore" / name, ignore_errors=True)


def copy_database(env, source, target):
    drop_database(env, target)
    sql(env, f'CREATE DATABASE "{target}" TEMPLATE "{source}"')
    store = STATE / "data" / "filestore"
    if (store / source).is_dir():
        shutil.copytree(store / source, store / target)


# PostgreSQL settings of an Odoo database of the social service (README, "PostgreSQL
# settings"): the record rules make plans whose estimated cost passes jit_above_cost for
# queries that run in a millisecond, and compiling them costs far more than running them
PG_DATABASE_SETTINGS = {"jit": "off"}


def apply_pg_settings(env, db):
    current = dict(
        row[0].split("=", 1)
        for row in sql(
            env,
            "SELECT unnest(setconfig) FROM pg_db_role_setting s "
            "JOIN pg_database d ON d.oid = s.setdatabase AND s.setrole = 0 "
            f"WHERE d.datname = '{db}'",
        )
    )
    for key, value in PG_DATABASE_SETTINGS.items():
        if current.get(key) != value:
            sql(env, f'ALTER DATABASE "{db}" SET {key} = {value}')

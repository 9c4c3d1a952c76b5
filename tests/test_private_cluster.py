"""With no PostgreSQL server to reach, the commands start a private cluster of their own.

This runs the path of a machine without PostgreSQL, even when one is installed: the server
binaries come from the pgserver wheel in the virtualenv, the cluster lives in a fresh folder
under .state/ on a spare port (as root, under the unprivileged system user), Odoo installs
social_case into it, then the cluster is stopped and removed.
"""

import importlib.util
import os
import pwd
import shutil
import subprocess
import sys

import psycopg2
import pytest
from harness import ROOT, odoo_bin

# scripts/devenv as the package `devenv`, without putting scripts/ on the path
DEVENV = ROOT / "scripts" / "devenv"
spec = importlib.util.spec_from_file_location(
    "devenv", DEVENV / "__init__.py", submodule_search_locations=[str(DEVENV)]
)
sys.modules["devenv"] = importlib.util.module_from_spec(spec)
spec.loader.exec_module(sys.modules["devenv"])
devenv_cluster = importlib.import_module("devenv.cluster")
devenv_common = importlib.import_module("devenv.common")
devenv_odoo = importlib.import_module("devenv.odoo")

DB = "social_private_cluster"


def devenv_dsn(env):
    return {"host": env["PGHOST"], "port": env["PGPORT"], "user": env["PGUSER"]}


@pytest.fixture
def cluster():
    pgdir = devenv_common.STATE / f"postgresql-test-{os.getpid()}"
    shutil.rmtree(pgdir, ignore_errors=True)
    cluster = devenv_cluster.PrivateCluster(
        pgdir, devenv_odoo.free_port(), devenv_cluster.wheel_pg_bindir(sys.executable)
    )
    try:
        yield cluster
    finally:
        cluster.stop()
        # the cluster may have moved to /tmp when its owner could not enter .state/
        for folder in {pgdir, cluster.pgdir, cluster.run}:
            shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(devenv_common.STATE / "data" / "filestore" / DB, ignore_errors=True)


def test_a_private_cluster_from_the_wheel_holds_an_odoo_database(cluster):
    src, config = os.environ["SOCIAL_ODOO_SRC"], os.environ["SOCIAL_ODOO_CONFIG"]
    env = cluster.start(dict(os.environ))
    if os.geteuid() == 0:
        # PostgreSQL refuses root: the cluster's files belong to the system user
        assert pwd.getpwuid(cluster.data.stat().st_uid).pw_name == devenv_cluster.PG_SYSTEM_USER

    command = [sys.executable, str(odoo_bin(src)), "-c", config, "-d", DB, "--no-http"]
    command += ["-i", "social_case", "--stop-after-init", "--without-demo=all"]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]

    connection = psycopg2.connect(dbname=DB, **devenv_dsn(env))
    try:
        with connection.cursor() as cr:
            cr.execute("SHOW server_version")
            assert cr.fetchone()[0].startswith("16.")  # the wheel's server, not the system's
            cr.execute("SELECT state FROM ir_module_module WHERE name = 'social_case'")
            assert cr.fetchone() == ("installed",)
            cr.execute("SELECT count(*) FROM social_case_stage")
            assert cr.fetchone()[0] >= 3
    finally:
        connection.close()

    cluster.stop()
    assert not (cluster.data / "postmaster.pid").exists()

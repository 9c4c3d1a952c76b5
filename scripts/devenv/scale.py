"""The commands at scale: bench (scripts/bench/), load (scripts/load/), drill
(scripts/drill/) and replica (scripts/replica/)."""

import subprocess
import sys

from .commands import prepare
from .common import ROOT, STATE, fail
from .odoo import odoo_config
from .templates import bench_database
from .venv import load_venv, venv_python


def run_bench(src, env, config, db, *args):
    command = [str(venv_python()), str(ROOT / "scripts" / "bench" / "bench.py")]
    env = dict(env, SOCIAL_ODOO_SRC=str(src))
    return subprocess.call(command + ["-c", str(config), "-d", db, *args], env=env, cwd=ROOT)


def cmd_bench(extra):
    """The benchmark database and the table of scripts/bench/bench.py."""
    src, env = prepare()
    config = odoo_config(src, "bench", log_level="warn", max_cron_threads=0)
    db = bench_database(src, env, config, rebuild="--rebuild" in extra)
    return run_bench(src, env, config, db, *(arg for arg in extra if arg != "--rebuild"))


def cmd_load(extra):
    """Odoo --workers=3 on 127.0.0.1 against the benchmark database, and locust (run_load.py)."""
    src, env = prepare()
    config = odoo_config(src, "bench", log_level="warn", max_cron_threads=0)
    db = bench_database(src, env, config)
    if run_bench(src, env, config, db, "--build-only"):
        fail("the benchmark database could not be built")
    command = [
        sys.executable,
        str(ROOT / "scripts" / "load" / "run_load.py"),
        "--odoo-python",
        str(venv_python()),
        "--odoo-bin",
        str(src / "odoo-bin"),
        "-c",
        str(config),
        "-d",
        db,
        "--locust",
        str(load_venv()),
        "--out",
        str(STATE / "load"),
        *extra,
    ]
    return subprocess.call(command, env=env, cwd=ROOT)


def cmd_drill(extra):
    """Faults and recovery on a private cluster under .state/drill (scripts/drill/drill.py)."""
    src, env = prepare()
    command = [sys.executable, str(ROOT / "scripts" / "drill" / "drill.py"), *extra]
    return subprocess.call(command, env=dict(env, ODOO_SRC=str(src)), cwd=ROOT)


def cmd_replica(extra):
    """A streaming replica of the drill's primary, Odoo on both (scripts/replica/replica.py)."""
    src, env = prepare()
    command = [sys.executable, str(ROOT / "scripts" / "replica" / "replica.py")]
    command += ["--locust", str(load_venv()), *extra]
    return subprocess.call(command, env=dict(env, ODOO_SRC=str(src)), cwd=ROOT)

"""Databases built once and copied: the template of the tests (the addons and their demo
data, rebuilt only when the addons change) and the benchmark database."""

import hashlib
import os
import shutil
import time

from .common import MODULES, ROOT, STATE, log
from .odoo import addons_digest, odoo_bin
from .pg import apply_pg_settings, copy_database, database_exists, drop_database, sql


def template_prefix():
    # one family of template databases per checkout, so that checkouts never drop each other's
    return f"social_tmpl_{hashlib.sha256(str(ROOT).encode()).hexdigest()[:6]}_"


def test_template(src, env, config):
    """A database with the addons and demo data, rebuilt only when they change:
    social_tmpl_<hash of the checkout's path>_<digest of the addons>."""
    prefix = template_prefix()
    name = f"{prefix}{addons_digest(src)}"
    if database_exists(env, name):
        log(f"reusing {name}: the addons did not change since it was installed")
        return name
    for (other,) in sql(env, f"SELECT datname FROM pg_database WHERE datname LIKE '{prefix}%'"):
        drop_database(env, other)
    building = name + "_new"
    drop_database(env, building)
    log(f"installing {', '.join(MODULES)} with demo data into a fresh database")
    started = time.monotonic()
    odoo_bin(src, config, "-d", building, "-i", ",".join(MODULES), "--stop-after-init", env=env)
    log(f"installed in {time.monotonic() - started:.0f} s")
    sql(env, f'ALTER DATABASE "{building}" RENAME TO "{name}"')
    store = STATE / "data" / "filestore"
    if (store / building).is_dir():
        shutil.rmtree(store / name, ignore_errors=True)
        (store / building).rename(store / name)
    return name


def update_if_changed(src, env, config, db):
    """Update the addons in ``db`` when their files changed since the last update."""
    stamp = STATE / f"run-{db}.stamp"
    wanted = addons_digest(src)
    if not stamp.is_file() or stamp.read_text() != wanted:
        log(f"the addons changed: updating them in {db}")
        odoo_bin(
            src,
            config,
            "-d",
            db,
            "-u",
            ",".join(MODULES),
            "--stop-after-init",
            "--no-http",
            env=env,
        )
        stamp.write_text(wanted)


def bench_database(src, env, config, rebuild=False):
    """The benchmark database: a copy of the test template (the addons and their demo
    data) where scripts/bench/ builds the hospital group on first use."""
    db = os.environ.get("BENCH_DB", "social_bench")
    if rebuild or not database_exists(env, db):
        template = test_template(src, env, config)
        log(f"creating {db} from {template}")
        copy_database(env, template, db)
        (STATE / f"run-{db}.stamp").write_text(addons_digest(src))
    else:
        update_if_changed(src, env, config, db)
    apply_pg_settings(env, db)
    return db

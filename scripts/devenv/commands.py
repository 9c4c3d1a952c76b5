"""The everyday commands: setup, run, test, lint, i18n."""

import os
import shutil
import subprocess

from .common import ADDONS, MODULES, ROOT, STATE, log
from .odoo import addons_digest, free_port, odoo_bin, odoo_config, odoo_source
from .pg import apply_pg_settings, copy_database, database_exists, drop_database, ensure_postgres
from .templates import test_template
from .venv import ensure_programs, ensure_pypi_addons, ensure_venv, venv_dir, venv_python


def prepare():
    """The Odoo source, the virtualenv, the OCA addons, the programs and PostgreSQL;
    returns the source tree and the environment that reaches PostgreSQL."""
    src = odoo_source()
    ensure_venv(src)
    ensure_pypi_addons()
    ensure_programs()
    env = ensure_postgres(dict(os.environ))
    return src, env


def cmd_setup():
    src, env = prepare()
    log(f"ready: Odoo source {src}, virtualenv {venv_dir()}")


def cmd_run(extra):
    src, env = prepare()
    db = os.environ.get("SOCIAL_DB", "social_service")
    port = os.environ.get("HTTP_PORT", "8069")
    config = odoo_config(src, "run", http_port=port, dbfilter=f"^{db}$")
    stamp = STATE / f"run-{db}.stamp"
    wanted = addons_digest(src)
    modules = ",".join(MODULES)
    if not database_exists(env, db):
        log(f"creating the database {db} with the addons and their demo data")
        stamp.unlink(missing_ok=True)
        odoo_bin(src, config, "-d", db, "-i", modules, "--stop-after-init", env=env)
        stamp.write_text(wanted)
    elif not stamp.is_file() or stamp.read_text() != wanted:
        log(f"the addons changed: updating them in {db}")
        odoo_bin(src, config, "-d", db, "-u", modules, "--stop-after-init", env=env)
        stamp.write_text(wanted)
    apply_pg_settings(env, db)
    log(f"Odoo on http://localhost:{port} - log in as admin / admin")
    log(
        "demo users (password = login): coordinator, socialworker, nurse, volunteer, manager, "
        "socialworker_schaerbeek"
    )
    os.execve(
        str(venv_python()),
        [str(venv_python()), str(src / "odoo-bin"), "-c", str(config), "-d", db, *extra],
        env,
    )


def cmd_test(extra):
    src, env = prepare()
    config = odoo_config(
        src,
        "test",
        http_port=os.environ.get("TEST_HTTP_PORT") or free_port(),
        log_level="warn",
        max_cron_threads=0,
    )
    template = test_template(src, env, config)
    db = f"social_test_{os.getpid()}"
    copy_database(env, template, db)
    apply_pg_settings(env, db)
    browser = next(
        (b for b in ("chromium", "google-chrome", "chromium-browser") if shutil.which(b)), None
    )
    if not browser:
        log("no Chromium or Chrome on PATH: browser tours will be reported as skipped")
    # the tests to run come from pytest.ini (testpaths) unless `extra` names some
    command = [
        str(venv_python()),
        "-m",
        "pytest",
        f"--odoo-config={config}",
        f"--odoo-database={db}",
        "--odoo-http",
        "--durations=15",
        *extra,
    ]
    env = dict(env, SOCIAL_ODOO_SRC=str(src), SOCIAL_ODOO_CONFIG=str(config))
    try:
        code = subprocess.call(command, env=env, cwd=ROOT)
    finally:
        drop_database(env, db)
    # nothing is printed after pytest's summary line: it is the last line of `make test`
    return code


MERGE_PO = """
import sys, polib
pot_path, *po_paths = sys.argv[1:]
pot = polib.pofile(pot_path)
for po_path in po_paths:
    lang = po_path.rsplit("/", 1)[-1][:-3]
    try:
        po = polib.pofile(po_path)
    except OSError:
        po = polib.POFile()
        po.metadata = dict(pot.metadata, Language=lang)
    po.merge(pot)
    po.metadata["Language"] = lang
    po.save(po_path)
    print(f"{po_path}: {po.percent_translated()}% translated")
"""


def cmd_i18n(extra):
    """Export each addon's terms to i18n/<addon>.pot and merge them into fr.po and nl.po."""
    src, env = prepare()
    config = odoo_config(src, "test", http_port=free_port(), log_level="warn")
    template = test_template(src, env, config)
    for module in extra or MODULES:
        i18n = ADDONS / module / "i18n"
        i18n.mkdir(exist_ok=True)
        pot = i18n / f"{module}.pot"
        odoo_bin(
            src,
            config,
            "-d",
            template,
            f"--i18n-export={pot}",
            f"--modules={module}",
            "--stop-after-init",
            "--no-http",
            env=env,
        )
        subprocess.check_call(
            [str(venv_python()), "-c", MERGE_PO, str(pot), str(i18n / "fr.po"), str(i18n / "nl.po")]
        )


def cmd_lint(extra):
    src = odoo_source()
    ensure_venv(src, lint=True)
    env = dict(os.environ, PATH=f"{venv_dir() / 'bin'}{os.pathsep}{os.environ['PATH']}")
    env.setdefault("PRE_COMMIT_HOME", str(STATE / "pre-commit"))
    return subprocess.call(
        [
            str(venv_dir() / "bin" / "pre-commit"),
            "run",
            "--all-files",
            "--show-diff-on-failure",
            *extra,
        ],
        env=env,
        cwd=ROOT,
    )

#!/usr/bin/env python3
"""Set up, run and test the hospital social service addons against a real Odoo 18.

Only the standard library is used here: this script creates the virtualenv that
holds everything else.

    python3 scripts/devenv.py run      # Odoo with the addons and demo data on :8069
    python3 scripts/devenv.py test     # every test, in a fresh database, then drop it
    python3 scripts/devenv.py lint     # the pre-commit checks
    python3 scripts/devenv.py setup    # only the virtualenv, Odoo source and PostgreSQL
    python3 scripts/devenv.py i18n [addon...]  # refresh i18n/*.pot, merge into fr.po, nl.po
    python3 scripts/devenv.py bench [--rebuild] [--scale S] [-k NAME]
                                       # the hospital group benchmark (scripts/bench/)
    python3 scripts/devenv.py load [--users 18] [--duration 10m] [--ramp 3,6,12]
                                       # locust against Odoo --workers=3 (scripts/load/)
    python3 scripts/devenv.py drill    # faults and recovery on a private cluster
    python3 scripts/devenv.py replica  # a streaming replica, reads routed to it by Odoo

Environment variables (all optional):
    ODOO_SRC        an Odoo 18.0 source tree (default: $XDG_CACHE_HOME/odoo/18.0,
                    downloaded there from github.com/odoo/odoo when missing)
    VENV            the virtualenv to use (default: .venv in the repository)
    PGHOST, PGPORT, PGUSER, PGPASSWORD
                    the PostgreSQL server (libpq defaults otherwise); when no server
                    answers, a private cluster is started in .state/postgresql
                    (with the server binaries of the pgserver wheel when PostgreSQL
                    is not installed; as root, under the system user odoo-pg)
    SOCIAL_STATE    the folder of the configuration, filestore and private cluster
                    (default: .state in the repository)
    SOCIAL_DB       the database of `run` (default: social_service)
    BENCH_DB        the database of `bench` (default: social_bench)
    HTTP_PORT       the port of `run` (default: 8069)
"""

import hashlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATE = Path(os.environ.get("SOCIAL_STATE") or ROOT / ".state")
ADDONS = ROOT / "addons"
MODULES = [
    "social_case",
    "social_network_partners",
    "social_discharge",
    "social_reporting",
    "social_survey",
    "social_approval",
]
ODOO_BRANCH = "18.0"
ODOO_GIT = "https://github.com/odoo/odoo.git"


def log(message):
    print(f"[social] {message}", flush=True)


def fail(message):
    print(f"[social] error: {message}", file=sys.stderr, flush=True)
    sys.exit(2)


def digest(paths, extra=""):
    """A hash of the content of files and folders (ignoring caches)."""
    sha = hashlib.sha256(extra.encode())
    for base in paths:
        base = Path(base)
        files = [base] if base.is_file() else sorted(base.rglob("*"))
        for path in files:
            if not path.is_file() or "__pycache__" in path.parts or path.suffix == ".pyc":
                continue
            sha.update(str(path.relative_to(ROOT)).encode())
            sha.update(path.read_bytes())
    return sha.hexdigest()[:12]


# ---------------------------------------------------------------- Odoo source


def odoo_source():
    explicit = os.environ.get("ODOO_SRC")
    if explicit:
        src = Path(explicit).expanduser()
        if not (src / "odoo-bin").is_file():
            fail(f"ODOO_SRC={src} holds no Odoo source tree (no odoo-bin there).")
        return src
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    src = cache / "odoo" / ODOO_BRANCH
    if (src / "odoo-bin").is_file():
        return src
    log(f"Odoo {ODOO_BRANCH} source not found: downloading it into {src} (about 500 MB)")
    src.parent.mkdir(parents=True, exist_ok=True)
    partial = src.with_name(src.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    command = ["git", "clone", "--depth", "1", "--branch", ODOO_BRANCH, ODOO_GIT, str(partial)]
    if not shutil.which("git") or subprocess.call(command) != 0:
        fail(
            f"could not download Odoo {ODOO_BRANCH}. Put an Odoo {ODOO_BRANCH} source tree at "
            f"{src} or point ODOO_SRC to one."
        )
    partial.rename(src)
    return src


# ---------------------------------------------------------------- virtualenv


def venv_dir():
    return Path(os.environ.get("VENV") or ROOT / ".venv")


def venv_python():
    return venv_dir() / "bin" / "python"


def ensure_venv(src, lint=False):
    venv = venv_dir()
    requirements = [ROOT / "requirements.txt"] + ([ROOT / "requirements-lint.txt"] if lint else [])
    stamp = venv / f".social-{'lint' if lint else 'base'}-stamp"
    wanted = digest(requirements, extra=f"{src}|{sys.version_info[:2]}")
    if stamp.is_file() and stamp.read_text() == wanted and venv_python().exists():
        return
    if not venv_python().exists():
        log(f"creating the virtualenv {venv}")
        subprocess.check_call([sys.executable, "-m", "venv", str(venv)])
    log("installing Python dependencies")
    pip = [str(venv_python()), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    for requirement in requirements:
        subprocess.check_call(pip + ["-r", str(requirement)])
    # Odoo itself, from its source tree, so that OCA addons from PyPI find it.
    subprocess.check_call(pip + ["--no-deps", "-e", str(src)])
    stamp.write_text(wanted)


def pypi_addons_dir():
    """The folder of the OCA addons of requirements-addons.txt, one per version of that
    file, so that checkouts sharing a virtualenv never remove each other's addons."""
    return venv_dir() / "addons-pypi" / digest([ROOT / "requirements-addons.txt"])


def ensure_pypi_addons():
    """OCA addons from PyPI (requirements-addons.txt), without their dependencies, in a
    folder of their own that goes on the addons path: inside site-packages, their
    odoo/addons folder would make "odoo" a namespace package and hide the source tree."""
    target = pypi_addons_dir()
    stamp = target / ".social-stamp"
    if stamp.is_file():
        return
    log("installing the OCA addons of requirements-addons.txt")
    building = target.with_name(target.name + ".partial")
    shutil.rmtree(building, ignore_errors=True)
    pip = [str(venv_python()), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    requirements = ROOT / "requirements-addons.txt"
    subprocess.check_call(pip + ["--no-deps", "--target", str(building), "-r", str(requirements)])
    (building / ".social-stamp").write_text(target.name)
    shutil.rmtree(target, ignore_errors=True)
    building.rename(target)


# ---------------------------------------------------------------- PostgreSQL


def psql_ok(env):
    probe = "import psycopg2; psycopg2.connect(dbname='postgres').close()"
    result = subprocess.run(
        [str(venv_python()), "-c", probe], env=env, capture_output=True, text=True
    )
    return result.returncode == 0


# PostgreSQL 16 server binaries on PyPI, used only when PostgreSQL is not installed
PG_WHEEL = "pgserver==0.1.4"
# the unprivileged system user that runs a private cluster when we are root
PG_SYSTEM_USER = "odoo-pg"


def system_pg_bindir():
    """The folder of the installed PostgreSQL's initdb, pg_ctl and postgres, if any."""
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    found = shutil.which("pg_ctl")
    if found:
        candidates.append(Path(found).resolve().parent)
    for bindir in candidates:
        if all((bindir / name).is_file() for name in ("initdb", "pg_ctl", "postgres")):
            return bindir
    return None


def wheel_pg_bindir(python=None):
    """The server binaries of the pgserver wheel, installed into the virtualenv on first use."""
    python = str(python or venv_python())
    probe = (
        "import importlib.util as u; s = u.find_spec('pgserver'); "
        "print(s.submodule_search_locations[0] if s else '')"
    )
    location = subprocess.check_output([python, "-c", probe], text=True).strip()
    if not location:
        log(f"PostgreSQL is not installed: installing its server binaries from {PG_WHEEL}")
        subprocess.check_call(
            [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
            + ["--no-deps", PG_WHEEL]
        )
        location = subprocess.check_output([python, "-c", probe], text=True).strip()
    return Path(location) / "pginstall" / "bin"


class PrivateCluster:
    """A PostgreSQL cluster of our own in `pgdir`, reached only through a Unix socket.

    PostgreSQL refuses to run as root: as root, the cluster belongs to the system user
    PG_SYSTEM_USER, created on first use, and its commands run under that user.

        cluster = PrivateCluster(STATE / "postgresql", 5432, system_pg_bindir())
        env = cluster.start(dict(os.environ))   # PGHOST, PGPORT, PGUSER of the cluster
        cluster.stop()
    """

    def __init__(self, pgdir, port, bindir):
        self.port, self.bindir = int(port), Path(bindir)
        self._owner = None
        self._place(Path(pgdir))

    def _place(self, pgdir):
        self.pgdir, self.data, self.run = pgdir, pgdir / "data", pgdir / "run"
        if len(str(self.run)) > 80:
            # a Unix socket path holds at most 107 bytes
            short = hashlib.sha256(str(self.pgdir).encode()).hexdigest()[:8]
            self.run = Path(tempfile.gettempdir()) / f"social-pg-{short}-run"

    def env(self, env):
        env = dict(env, PGHOST=str(self.run), PGPORT=str(self.port), PGUSER="odoo")
        env.pop("PGPASSWORD", None)
        return env

    def _as_owner(self):
        """preexec_fn that drops root for the cluster's owner (None when not root)."""
        if os.geteuid() != 0:
            return None
        import pwd

        try:
            user = pwd.getpwnam(PG_SYSTEM_USER)
        except KeyError:
            log(f"creating the system user {PG_SYSTEM_USER} (PostgreSQL refuses to run as root)")
            useradd = shutil.which("useradd")
            if not useradd:
                fail(f"cannot create the system user {PG_SYSTEM_USER}: no useradd on this system.")
            subprocess.check_call(
                [useradd, "--system", "--no-create-home", "--home-dir", "/nonexistent"]
                + ["--shell", "/usr/sbin/nologin", "--user-group", PG_SYSTEM_USER]
            )
            user = pwd.getpwnam(PG_SYSTEM_USER)

        def drop_root():
            os.setgroups([])
            os.setgid(user.pw_gid)
            os.setuid(user.pw_uid)

        def reachable(test, path):
            return not subprocess.run(["test", test, str(path)], preexec_fn=drop_root).returncode

        self._give(user)
        if not reachable("-w", self.pgdir):
            # a private parent folder (a checkout under /root, a mktemp -d): use /tmp instead
            short = hashlib.sha256(str(self.pgdir).encode()).hexdigest()[:8]
            moved = Path(tempfile.gettempdir()) / f"social-pg-{short}"
            log(f"{PG_SYSTEM_USER} cannot enter {self.pgdir}: the cluster goes to {moved}")
            self._place(moved)
            self.pgdir.mkdir(parents=True, exist_ok=True)
            self.run.mkdir(parents=True, exist_ok=True)
            self._give(user)
        if not reachable("-x", self.bindir / "postgres"):
            # the wheel's layout is kept: its binaries find their libraries in ../../../*.libs
            package = self.bindir.parent.parent
            copy = self.pgdir / "server"
            target = copy / package.name / self.bindir.parent.name / "bin"
            if not (target / "postgres").is_file():
                log(f"{PG_SYSTEM_USER} cannot run {self.bindir}: copying the server to {copy}")
                shutil.copytree(
                    self.bindir.parent, target.parent, symlinks=True, dirs_exist_ok=True
                )
                libs = package.with_name(package.name + ".libs")
                if libs.is_dir():
                    shutil.copytree(libs, copy / libs.name, symlinks=True, dirs_exist_ok=True)
            self.bindir = target
        if not (reachable("-w", self.pgdir) and reachable("-x", self.bindir / "postgres")):
            fail(
                f"the system user {PG_SYSTEM_USER} cannot reach {self.bindir} or {self.pgdir} "
                "(a parent folder is private, such as /root): put the checkout and its "
                "virtualenv in a folder others can enter, or set the PG* variables to reach "
                "a running server."
            )
        return drop_root

    def _give(self, user):
        for path in (self.pgdir, self.run):
            for entry in [path, *path.rglob("*")]:
                os.lchown(entry, user.pw_uid, user.pw_gid)

    def _pg(self, name, *args, check=True):
        command = [str(self.bindir / name), *args]
        result = subprocess.run(
            command,
            preexec_fn=self._owner,
            cwd=self.pgdir,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        if check and result.returncode:
            fail(f"{name} failed: {result.stderr.strip()} (log: {self.pgdir / 'server.log'})")
        return result.returncode

    def start(self, env):
        """Create the cluster if needed, start it, return `env` pointing to it."""
        self.pgdir.mkdir(parents=True, exist_ok=True)
        self.run.mkdir(parents=True, exist_ok=True)
        self._owner = self._as_owner()
        if not (self.data / "PG_VERSION").is_file():
            log(f"creating a private PostgreSQL cluster in {self.pgdir} ({self.bindir})")
            self._pg("initdb", "-D", str(self.data), "-U", "odoo", "--auth=trust", "-E", "UTF8")
        if self._pg("pg_ctl", "-D", str(self.data), "status", check=False):
            log(f"starting the private PostgreSQL cluster of {self.pgdir} on port {self.port}")
            options = f"-k {self.run} -c listen_addresses='' -p {self.port}"
            log_file = str(self.pgdir / "server.log")
            self._pg("pg_ctl", "-D", str(self.data), "-l", log_file, "-o", options, "-w", "start")
        return self.env(env)

    def stop(self):
        self._owner = self._as_owner()
        self._pg("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop", check=False)


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
    import json

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


def copy_database(env, source, target):
    drop_database(env, target)
    sql(env, f'CREATE DATABASE "{target}" TEMPLATE "{source}"')
    store = STATE / "data" / "filestore"
    if (store / source).is_dir():
        shutil.copytree(store / source, store / target)


# ---------------------------------------------------------------- Odoo


def odoo_config(src, name, **options):
    STATE.mkdir(exist_ok=True)
    addons_path = [str(src / "odoo" / "addons"), str(src / "addons"), str(ADDONS)]
    # OCA addons from PyPI (requirements-addons.txt), installed by ensure_pypi_addons
    pypi_addons = pypi_addons_dir() / "odoo" / "addons"
    if pypi_addons.is_dir():
        addons_path.append(str(pypi_addons))
    lines = [
        "[options]",
        f"addons_path = {','.join(addons_path)}",
        f"data_dir = {STATE / 'data'}",
        "list_db = False",
        "admin_passwd = False",
    ]
    lines += [f"{key} = {value}" for key, value in options.items()]
    path = STATE / f"odoo-{name}.conf"
    path.write_text("\n".join(lines) + "\n")
    return path


def odoo_bin(src, config, *args, env=None, check=True):
    command = [str(venv_python()), str(src / "odoo-bin"), "-c", str(config), *args]
    result = subprocess.run(command, env=env)
    if check and result.returncode:
        fail(f"odoo-bin {' '.join(args)} failed with exit code {result.returncode}")
    return result.returncode


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def template_prefix():
    # one family of template databases per checkout, so that checkouts never drop each other's
    return f"social_tmpl_{hashlib.sha256(str(ROOT).encode()).hexdigest()[:6]}_"


def addons_digest(src):
    return digest([ADDONS], extra=str(src))


# ---------------------------------------------------------------- printing


# The programs that the addons and their tests call, with the Debian package of each:
# Odoo prints PDF reports (the liaison letter, the rights sheet) with wkhtmltopdf, and
# the tests read the printed PDFs back with pdftotext.
PROGRAMS = {"wkhtmltopdf": "wkhtmltopdf", "pdftotext": "poppler-utils"}


def ensure_programs():
    """Install the Debian packages of the programs that are missing."""
    missing = sorted({pkg for prog, pkg in PROGRAMS.items() if not shutil.which(prog)})
    if not missing:
        return
    if shutil.which("apt-get"):
        prefix = [] if os.geteuid() == 0 else ["sudo", "-n"] if shutil.which("sudo") else None
        if prefix is not None:
            log(f"installing {', '.join(missing)}, which the reports and their tests need")
            env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
            apt = [*prefix, "apt-get", "-qq"]
            install = [*apt, "install", "-y", "--no-install-recommends", *missing]
            if not subprocess.call([*apt, "update"], env=env) and not subprocess.call(
                install, env=env, stdout=subprocess.DEVNULL
            ):
                return
    log(
        f"warning: {', '.join(missing)} could not be installed here, so Odoo cannot print "
        "PDF reports or the tests cannot read them. Install as root: "
        f"apt-get install {' '.join(missing)}."
    )


def prepare():
    src = odoo_source()
    ensure_venv(src)
    ensure_pypi_addons()
    ensure_programs()
    env = ensure_postgres(dict(os.environ))
    return src, env


# ---------------------------------------------------------------- commands


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


def test_template(src, env, config):
    """A database with the four addons and demo data, rebuilt only when they change."""
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
    """The benchmark database: a copy of the test template (the four addons and their demo
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


# locust, in a virtualenv of its own: its gevent must not replace the one Odoo runs with
LOCUST = "locust==2.47.0"


def load_venv():
    venv = STATE / "load-venv"
    locust = venv / "bin" / "locust"
    stamp = venv / ".social-load-stamp"
    if not locust.is_file() or not stamp.is_file() or stamp.read_text() != LOCUST:
        log(f"installing {LOCUST} into {venv}")
        subprocess.check_call([sys.executable, "-m", "venv", str(venv)])
        subprocess.check_call(
            [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
            + ["--disable-pip-version-check", LOCUST]
        )
        stamp.write_text(LOCUST)
    return locust


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


def main(argv):
    if not argv or argv[0] not in {
        "setup",
        "run",
        "test",
        "lint",
        "i18n",
        "bench",
        "load",
        "drill",
        "replica",
    }:
        print(__doc__)
        return 2
    command, extra = argv[0], argv[1:]
    if command == "setup":
        return cmd_setup()
    if command == "run":
        return cmd_run(extra)
    if command == "test":
        return cmd_test(extra)
    if command == "i18n":
        return cmd_i18n(extra)
    if command == "bench":
        return cmd_bench(extra)
    if command == "load":
        return cmd_load(extra)
    if command == "drill":
        return cmd_drill(extra)
    if command == "replica":
        return cmd_replica(extra)
    return cmd_lint(extra)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]) or 0)

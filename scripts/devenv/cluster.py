"""A private PostgreSQL cluster, for when no server answers (and for `make drill` and
`make replica`): the installed server binaries, else those of the pgserver wheel."""

import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .common import fail, log
from .venv import venv_python

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

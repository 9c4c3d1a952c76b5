"""The virtualenvs (Odoo's, and locust's of `load`), the OCA addons from PyPI, and the
Debian packages of the programs that the reports and their tests call."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .common import ROOT, STATE, digest, log


def venv_dir():
    return Path(os.environ.get("VENV") or ROOT / ".venv")


def venv_python():
    return venv_dir() / "bin" / "python"


def pip_install():
    return [str(venv_python()), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]


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
    pip = pip_install()
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
    requirements = ROOT / "requirements-addons.txt"
    subprocess.check_call(
        pip_install() + ["--no-deps", "--target", str(building), "-r", str(requirements)]
    )
    (building / ".social-stamp").write_text(target.name)
    shutil.rmtree(target, ignore_errors=True)
    building.rename(target)


# locust, in a virtualenv of its own: its gevent must not replace the one Odoo runs with
LOCUST = "locust==2.47.0"


def load_venv():
    """The virtualenv of locust (`make load`, `make replica`); returns its locust."""
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


# What the addons and their tests call (a program, or a file), with the Debian package of
# each: Odoo prints PDF reports (the liaison letter, the rights sheet) with wkhtmltopdf,
# the tests read the printed PDFs back with pdftotext, and Odoo runs the browser tours
# (every role's first day, desktop and phone) in Chromium, without which they are skipped,
# with the metrics of Arial (Liberation Sans): the width of a French or Dutch top bar is
# measured as the users' browsers draw it, not with the wider fonts of a bare machine.
PROGRAMS = {
    "wkhtmltopdf": "wkhtmltopdf",
    "pdftotext": "poppler-utils",
    "chromium": "chromium",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf": "fonts-liberation",
}


def _present(needed):
    return os.path.exists(needed) if needed.startswith("/") else shutil.which(needed)


def ensure_programs():
    """Install the Debian packages of the programs (and fonts) that are missing."""
    missing = sorted({pkg for needed, pkg in PROGRAMS.items() if not _present(needed)})
    if not missing:
        return
    if shutil.which("apt-get"):
        prefix = [] if os.geteuid() == 0 else ["sudo", "-n"] if shutil.which("sudo") else None
        if prefix is not None:
            log(f"installing {', '.join(missing)}, which the reports and the tests need")
            env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
            apt = [*prefix, "apt-get", "-qq"]
            install = [*apt, "install", "-y", "--no-install-recommends", *missing]
            if not subprocess.call([*apt, "update"], env=env) and not subprocess.call(
                install, env=env, stdout=subprocess.DEVNULL
            ):
                return
    log(
        f"warning: {', '.join(missing)} could not be installed here, so Odoo cannot print "
        "PDF reports, the tests cannot read them or the browser tours are skipped. Install "
        "as root: "
        f"apt-get install {' '.join(missing)}."
    )

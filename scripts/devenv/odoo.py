"""Odoo: its source tree (downloaded when missing), the configuration files of the
commands, and odoo-bin."""

import os
import shutil
import socket
import subprocess
from pathlib import Path

from .common import ADDONS, STATE, digest, fail, log
from .venv import pypi_addons_dir, venv_python

ODOO_BRANCH = "18.0"
ODOO_GIT = "https://github.com/odoo/odoo.git"


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


def addons_digest(src):
    """The version of the addons (and of the Odoo source they run on)."""
    return digest([ADDONS], extra=str(src))

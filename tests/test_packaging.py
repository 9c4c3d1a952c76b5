"""Each addon builds as a wheel with whool, and the wheels install next to an Odoo.

The wheels are installed into a fresh virtualenv with Odoo's source installed editable
(`pip install --no-deps -e`, in setuptools' compat mode); Odoo's own Python dependencies are
lent to it by the test virtualenv (a .pth line after its own site-packages), so that nothing
is downloaded twice.
"""

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from harness import ADDONS, ROOT

PIP = ["-m", "pip", "--disable-pip-version-check", "--quiet"]

# odoo.addons as odoo-bin sets it up (Odoo's own addons after the wheels): the addons
# import Odoo's, e.g. social_survey extends the survey app's controller
CHECK = """
import importlib.metadata as metadata, json
import odoo
from odoo.modules.module import initialize_sys_path
odoo.tools.config.parse_config([])
initialize_sys_path()
import odoo.addons.social_case, odoo.addons.social_discharge
import odoo.addons.social_network_partners, odoo.addons.social_reporting
import odoo.addons.social_survey, odoo.addons.social_approval
import odoo.addons.social_portal, odoo.addons.social_his
print(json.dumps({
    "file": odoo.addons.social_case.__file__,
    "odoo": odoo.__file__,
    "versions": {name: metadata.version(f"odoo-addon-{name}") for name in %r},
}))
"""


@pytest.fixture(scope="module")
def wheels(tmp_path_factory):
    dist = tmp_path_factory.mktemp("dist")
    addons = [str(ROOT / "addons" / addon) for addon in ADDONS]
    subprocess.run(
        [sys.executable, *PIP, "wheel", "--no-deps", "-w", str(dist), *addons],
        check=True,
        timeout=600,
    )
    return sorted(dist.glob("*.whl"))


def test_each_addon_is_a_wheel_named_after_it(wheels):
    names = sorted(wheel.name.split("-")[0] for wheel in wheels)
    assert names == [f"odoo_addon_{addon}" for addon in ADDONS]
    discharge = next(w for w in wheels if "social_discharge" in w.name)
    with zipfile.ZipFile(discharge) as archive:
        metadata = next(n for n in archive.namelist() if n.endswith("dist-info/METADATA"))
        text = archive.read(metadata).decode()
        # the wheel carries the addon's data files and its dependencies on the others
        assert "odoo/addons/social_discharge/report/social_discharge_report.xml" in (
            archive.namelist()
        )
    assert "Requires-Dist: odoo-addon-social_case==18.0.*" in text
    assert "Requires-Dist: odoo==18.0.*" in text


def test_the_wheels_install_into_a_fresh_virtualenv_with_odoo(wheels, tmp_path):
    src = os.environ["SOCIAL_ODOO_SRC"]
    if not (Path(src) / "setup.py").is_file():
        pytest.skip("needs Odoo's source tree (the official image has Odoo as a Debian package)")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    purelib = subprocess.check_output(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], text=True
    ).strip()
    # Odoo's dependencies, from the test virtualenv, after the fresh one's own packages
    with open(os.path.join(purelib, "zz_odoo_dependencies.pth"), "w") as pth:
        pth.write(sysconfig.get_paths()["purelib"] + "\n")
    # a path entry, not an import hook: the wheels' odoo/addons folder must not hide it
    editable = ["install", "--no-deps", "--config-settings", "editable_mode=compat", "-e", src]
    subprocess.run([python, *PIP, *editable], check=True, timeout=600)
    wheel_paths = [str(wheel) for wheel in wheels]
    subprocess.run([python, *PIP, "install", "--no-deps", *wheel_paths], check=True, timeout=600)

    result = subprocess.run(
        [python, "-c", CHECK % (ADDONS,)], capture_output=True, text=True, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr[-3000:]
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["file"].startswith(purelib), "social_case imported from outside the wheel"
    assert found["odoo"].startswith(src), "Odoo is the editable source install"
    for addon in ADDONS:
        manifest = (ROOT / "addons" / addon / "__manifest__.py").read_text()
        release = ".".join(found["versions"][addon].split(".")[:5])
        assert f'"{release}"' in manifest, (addon, found["versions"][addon])

"""A database made with the previous release upgrades to this one with every record kept.

The previous release is the last tag reachable from HEAD, else HEAD's parent (or
SOCIAL_UPGRADE_FROM, any git revision). Its addons are installed without demo data, a case
and the records around it are created with its code, then `-u` upgrades the four addons to
the working tree and every record is read back with its values.
"""

import configparser
import io
import json
import os
import shutil
import subprocess
import tarfile

import pytest
from harness import ADDONS, ROOT

CREATE = """
import json
ref = env.ref
worker = env["res.users"].create({"name": "Upgrade Worker", "login": "upgrade_worker",
    "groups_id": [(6, 0, ref("social_case.group_social_worker").ids)]})
volunteer = env["res.users"].create({"name": "Upgrade Volunteer", "login": "upgrade_volunteer",
    "groups_id": [(6, 0, (ref("base.group_user") | ref("social_case.group_social_liaison")).ids)]})
team = env["social.team"].create({"name": "Upgrade Team", "member_ids": [(6, 0, worker.ids)]})
unit = env["social.unit"].create({"name": "Upgrade Geriatrics", "target_length_of_stay": 9})
patient = env["res.partner"].create({"name": "Upgrade Patient", "zip": "1000", "city": "Brussels"})
referral = env["social.referral"].create({"patient_id": patient.id, "referrer_type": "nurse",
    "channel": "form", "unit_id": unit.id, "urgency": "normal",
    "reason": "Lives alone since the fall."})
case = env["social.case"].create({"patient_id": patient.id, "user_id": worker.id,
    "team_id": team.id, "dependants_count": 2, "summary": "Needs help at home."})
referral.case_id = case
intervention = env["social.intervention"].create({"case_id": case.id, "duration": 45,
    "type_id": ref("social_case.intervention_type_interview_patient").id,
    "note": "First interview at the bedside."})
plan = env["social.discharge.plan"].create({"case_id": case.id, "unit_id": unit.id,
    "admission_date": "2026-11-02", "destination_type": "home_services"})
service = env["social.liaison.service"].create({"name": "Upgrade Volunteering",
    "member_ids": [(6, 0, volunteer.ids)]})
liaison = env["social.liaison.request"].create({"service_id": service.id,
    "patient_id": patient.id, "case_id": case.id, "unit_id": unit.id, "room": "12",
    "purpose": "Company in the afternoon", "consent_given": True})
env.cr.commit()
print(json.dumps({"case": case.id, "referral": referral.id, "intervention": intervention.id,
    "plan": plan.id, "liaison": liaison.id}))
"""

READ = """
import json
ids = json.loads(%r)
case = env["social.case"].browse(ids["case"])
referral = env["social.referral"].browse(ids["referral"])
intervention = env["social.intervention"].browse(ids["intervention"])
plan = env["social.discharge.plan"].browse(ids["plan"])
liaison = env["social.liaison.request"].browse(ids["liaison"])
print(json.dumps({
    "case": [case.exists().name == case.name, case.patient_id.name, case.user_id.login,
             case.team_id.name, case.dependants_count, str(case.summary)],
    "referral": [referral.patient_id.name, referral.reason, referral.case_id.id, referral.state],
    "intervention": [intervention.case_id.id, intervention.duration, str(intervention.note),
                     intervention.type_id.id],
    "plan": [plan.case_id.id, plan.unit_id.name, str(plan.admission_date),
             str(plan.expected_discharge_date), plan.destination_type],
    "liaison": [liaison.case_id.id, liaison.service_id.name, liaison.room, liaison.purpose,
                liaison.state, liaison.consent_given],
}))
"""


def git(*args):
    return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True)


def previous_release():
    wanted = os.environ.get("SOCIAL_UPGRADE_FROM")
    if wanted:
        return wanted
    tag = git("describe", "--tags", "--abbrev=0", "HEAD")
    return tag.stdout.strip() if tag.returncode == 0 else "HEAD~1"


@pytest.fixture
def previous_addons(tmp_path):
    if not shutil.which("git") or git("rev-parse", "--git-dir").returncode:
        pytest.skip("the upgrade test needs git and the repository's history")
    revision = previous_release()
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", revision, "addons"],
        capture_output=True,
    )
    if archive.returncode:
        pytest.skip(f"no previous release to upgrade from ({revision}): a clone without history")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(tmp_path, filter="data")
    return revision, tmp_path / "addons"


def config_with_addons(config_path, addons, target):
    """The test configuration, with the given addons folder instead of the working tree's."""
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(config_path)
    paths = parser["options"]["addons_path"].split(",")
    ours = str(ROOT / "addons")
    parser["options"]["addons_path"] = ",".join(str(addons) if p == ours else p for p in paths)
    with open(target, "w") as file:
        parser.write(file)
    return target


def released_addons(addons):
    """Our addons that the release in ``addons`` has, and those it does not have yet."""
    released = [name for name in ADDONS if (addons / name / "__manifest__.py").is_file()]
    return released, [name for name in ADDONS if name not in released]


def upgrade_arguments(released, new):
    """odoo-bin arguments that upgrade the released addons and install the new ones."""
    return ["-u", ",".join(released), *(["-i", ",".join(new)] if new else [])]


def test_upgrade_from_the_previous_release_keeps_every_record(
    odoo_databases, stock_bare, previous_addons, tmp_path
):
    revision, addons = previous_addons
    previous = odoo_databases.__class__(
        odoo_databases.src,
        config_with_addons(odoo_databases.config, addons, tmp_path / "previous.conf"),
        odoo_databases.prefix,
    )
    db = odoo_databases.name("upgrade")
    odoo_databases.copy(stock_bare, db)
    released, new = released_addons(addons)
    previous.odoo(db, "-i", ",".join(released), "--stop-after-init", "--no-http")
    ids = json.loads(previous.shell(db, CREATE).strip().splitlines()[-1])
    before = json.loads(previous.shell(db, READ % json.dumps(ids)).strip().splitlines()[-1])

    odoo_databases.odoo(db, *upgrade_arguments(released, new), "--stop-after-init", "--no-http")

    states = odoo_databases.module_states(db)
    assert all(states[addon] == "installed" for addon in ADDONS), states
    versions = dict(odoo_databases.query(db, "SELECT name, latest_version FROM ir_module_module"))
    for addon in ADDONS:
        manifest = (ROOT / "addons" / addon / "__manifest__.py").read_text()
        assert f'"{versions[addon]}"' in manifest, f"{addon} was not upgraded from {revision}"
    after = json.loads(odoo_databases.shell(db, READ % json.dumps(ids)).strip().splitlines()[-1])
    assert after == before
    assert before["case"][1:4] == ["Upgrade Patient", "upgrade_worker", "Upgrade Team"]
    assert before["intervention"][1] == 45
    assert before["plan"][2:4] == ["2026-11-02", "2026-11-11"]
    assert before["liaison"][2:5] == ["12", "Company in the afternoon", "requested"]


CONSENTS = """
import json
liaison = env["social.liaison.request"].browse(%d)
consents = env["social.consent"].search([("patient_id", "=", liaison.patient_id.id)])
registry = [[c.state, c.purpose_id.code] for c in consents]
print(json.dumps({"consent_given": liaison.consent_given, "registry": registry}))
"""


def installed_release(revision, what, odoo_databases, stock_bare, tmp_path, suffix):
    """A new database with our addons as they were at ``revision``: (that release's Odoo,
    the database, the addons to upgrade, those to install); skipped where ``revision`` is
    not in this clone's history."""
    archive = revision and subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", revision, "addons"],
        capture_output=True,
    )
    if not archive or archive.returncode:
        pytest.skip(f"the release {what} is not in this clone's history")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(tmp_path, filter="data")
    previous = odoo_databases.__class__(
        odoo_databases.src,
        config_with_addons(odoo_databases.config, tmp_path / "addons", tmp_path / "old.conf"),
        odoo_databases.prefix,
    )
    db = odoo_databases.name(suffix)
    odoo_databases.copy(stock_bare, db)
    released, new = released_addons(tmp_path / "addons")
    previous.odoo(db, "-i", ",".join(released), "--stop-after-init", "--no-http")
    return previous, db, released, new


def release_before_the_consent_registry():
    added = git(
        "log", "--diff-filter=A", "--format=%H", "--", "addons/social_case/models/social_consent.py"
    ).stdout.split()
    return f"{added[-1]}^" if added else None


def test_liaison_consents_move_into_the_registry_on_upgrade(odoo_databases, stock_bare, tmp_path):
    """A database of the release that kept consent as a box on liaison requests: after the
    upgrade, every ticked box is a valid consent of the registry, and the box still shows it."""
    revision = release_before_the_consent_registry() if shutil.which("git") else None
    previous, db, released, new = installed_release(
        revision,
        "before the consent registry",
        odoo_databases,
        stock_bare,
        tmp_path,
        "upgrade_consent",
    )
    ids = json.loads(previous.shell(db, CREATE).strip().splitlines()[-1])
    tables = [row[0] for row in odoo_databases.query(db, "SELECT tablename FROM pg_tables")]
    assert "social_consent" not in tables

    odoo_databases.odoo(db, *upgrade_arguments(released, new), "--stop-after-init", "--no-http")

    after = json.loads(odoo_databases.shell(db, CONSENTS % ids["liaison"]).strip().splitlines()[-1])
    assert after["consent_given"] is True
    assert [state for state, _code in after["registry"]] == ["valid"]


INVITE = """
import json
team = env["social.team"].create({"name": "Upgrade Survey Team"})
invitation = env["social.survey.invitation"]._issue(team, env.company)
env.cr.commit()
print(json.dumps({"invitation": invitation.id}))
"""

QUESTIONNAIRE = """
import json
Invitation = env["social.survey.invitation"]
token = Invitation.browse(%d).token
print(json.dumps({
    "type": env.ref("social_survey.survey_social_service").survey_type,
    "cron": bool(env.ref("social_survey.ir_cron_purge_survey_invitations", False)),
    "opens": [bool(Invitation._redeem(token)), bool(Invitation._redeem(token))],
}))
"""


def test_the_questionnaire_takes_its_own_rules_on_upgrade(odoo_databases, stock_bare, tmp_path):
    """A database of the release whose questionnaire was an ordinary survey, and whose
    invitations expired: after the upgrade, the questionnaire has its own type, the purge of
    expired invitations is gone, and an invitation issued before opens one answer."""
    added = git(
        "log",
        "--diff-filter=A",
        "--format=%H",
        "--",
        "addons/social_survey/security/survey_rules.xml",
    ).stdout.split()
    revision = f"{added[-1]}^" if added else None
    previous, db, released, new = installed_release(
        revision,
        "before the questionnaire's own rules",
        odoo_databases,
        stock_bare,
        tmp_path,
        "upgrade_survey",
    )
    ids = json.loads(previous.shell(db, INVITE).strip().splitlines()[-1])

    odoo_databases.odoo(db, *upgrade_arguments(released, new), "--stop-after-init", "--no-http")

    query = QUESTIONNAIRE % ids["invitation"]
    after = json.loads(odoo_databases.shell(db, query).strip().splitlines()[-1])
    assert after == {"type": "social_service", "cron": False, "opens": [True, False]}


EXPORT = """
import json
ref = env.ref
manager = env["res.users"].create({"name": "Upgrade Manager", "login": "upgrade_manager",
    "groups_id": [(6, 0, ref("social_case.group_social_manager").ids)]})
patient = env["res.partner"].create({"name": "Upgrade Exported Patient"})
env["social.case"].create({"patient_id": patient.id, "summary": "Asked for their file."})
action = patient.with_user(manager).action_social_access_export()
lease = env["ir.attachment"].create({"name": "Lease contract.zip", "raw": b"PK lease",
    "mimetype": "application/zip", "res_model": "res.partner", "res_id": patient.id})
env.cr.commit()
print(json.dumps({"patient": patient.id, "url": action["url"], "lease": lease.id}))
"""

PARTNER_FILES = """
import json
files = env["ir.attachment"].search([("res_model", "=", "res.partner"), ("res_id", "=", %d)])
print(json.dumps(sorted(files.mapped("name"))))
"""


def test_stored_access_exports_go_on_upgrade(odoo_databases, stock_bare, tmp_path):
    """A database of the release that kept each right-of-access ZIP on the patient's contact:
    after the upgrade, the ZIP is gone and the contact's other files stay."""
    changed = git(
        "log", "--format=%H", "-S", "_social_access_export_zip", "--", "addons/social_case"
    ).stdout.split()
    revision = f"{changed[-1]}^" if changed else None
    previous, db, released, new = installed_release(
        revision,
        "that stored the right of access",
        odoo_databases,
        stock_bare,
        tmp_path,
        "upgrade_access_export",
    )
    ids = json.loads(previous.shell(db, EXPORT).strip().splitlines()[-1])
    assert ids["url"].startswith("/web/content/")
    before = json.loads(previous.shell(db, PARTNER_FILES % ids["patient"]).strip().splitlines()[-1])
    assert len(before) == 2 and "Lease contract.zip" in before

    odoo_databases.odoo(db, *upgrade_arguments(released, new), "--stop-after-init", "--no-http")

    query = PARTNER_FILES % ids["patient"]
    after = json.loads(odoo_databases.shell(db, query).strip().splitlines()[-1])
    assert after == ["Lease contract.zip"]

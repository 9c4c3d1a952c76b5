"""Each addon installs on a stock Odoo 18 on its own, all of them together, with and without
demo data, and uninstalls without taking the case files with it."""

import ast

import pytest
from harness import ADDONS, ROOT

import odoo


def manifest(addon):
    return ast.literal_eval((ROOT / "addons" / addon / "__manifest__.py").read_text())


def dependency_closure(addon):
    """Our addons that installing `addon` must bring along."""
    ours, todo = set(), [addon]
    while todo:
        name = todo.pop()
        if name in ADDONS and name not in ours:
            ours.add(name)
            todo.extend(manifest(name)["depends"])
    return ours


def test_the_addons_exist_and_depend_on_social_case():
    assert ADDONS == [
        "social_approval",
        "social_case",
        "social_discharge",
        "social_his",
        "social_network_partners",
        "social_portal",
        "social_reporting",
        "social_survey",
    ]
    for addon in ADDONS:
        data = manifest(addon)
        assert data["version"].startswith("18.0."), addon
        assert data["license"] in {"AGPL-3", "LGPL-3"}, addon
        if addon != "social_case":
            assert "social_case" in dependency_closure(addon), addon


@pytest.mark.parametrize("addon", ADDONS)
def test_each_addon_installs_alone_with_demo_data(odoo_databases, stock_odoo, addon):
    db = odoo_databases.name(f"alone_{addon}")
    odoo_databases.copy(stock_odoo["demo"], db)
    odoo_databases.odoo(db, "-i", addon, "--stop-after-init", "--no-http")
    states = odoo_databases.module_states(db)
    expected = dependency_closure(addon)
    for other in ADDONS:
        wanted = "installed" if other in expected else "uninstalled"
        assert states[other] == wanted, f"installing {addon}: {other} is {states[other]}"
    odoo_databases.drop(db)


def test_all_addons_install_without_demo_data(odoo_databases, stock_odoo):
    db = odoo_databases.name("all_bare")
    odoo_databases.copy(stock_odoo["bare"], db)
    odoo_databases.odoo(db, "-i", ",".join(ADDONS), "--stop-after-init", "--no-http")
    states = odoo_databases.module_states(db)
    assert all(states[addon] == "installed" for addon in ADDONS)
    # the workflow's data is there, the fictitious hospital is not
    stages = odoo_databases.query(db, "SELECT count(*) FROM social_case_stage")[0][0]
    assert stages >= 3
    demo = odoo_databases.query(
        db,
        "SELECT count(*) FROM ir_model_data WHERE module = 'social_case' AND name = 'case_maria'",
    )[0][0]
    assert demo == 0


def test_uninstalling_discharge_keeps_the_case_files(odoo_databases, stock_odoo):
    db = odoo_databases.name("uninstall")
    odoo_databases.copy(stock_odoo["bare"], db)
    odoo_databases.odoo(db, "-i", ",".join(ADDONS), "--stop-after-init", "--no-http")
    odoo_databases.shell(
        db,
        "patient = env['res.partner'].create({'name': 'Uninstall Test Patient'})\n"
        "case = env['social.case'].create({'patient_id': patient.id})\n"
        "env['social.consent'].create({'case_id': case.id, 'method': 'portal',\n"
        "    'purpose_id': env.ref('social_case.consent_purpose_gp').id})\n"
        "env['social.case.access.log']._log(case, 'portal_login', system=True)\n"
        "env.cr.commit()\n",
    )
    odoo_databases.shell(
        db,
        "env['ir.module.module'].search([('name', '=', 'social_discharge')])"
        ".button_immediate_uninstall()\n"
        "env.cr.commit()\n",
    )
    states = odoo_databases.module_states(db)
    assert states["social_discharge"] == "uninstalled"
    assert states["social_portal"] == "uninstalled"  # it needs social_discharge
    assert states["social_his"] == "uninstalled"  # so does the hospital system link
    assert states["social_case"] == "installed"
    # the evidence recorded through the patient's portal stays, in the registry's own terms
    kept = odoo_databases.query(
        db,
        "SELECT co.method, l.operation FROM social_consent co "
        "JOIN social_case c ON c.id = co.case_id JOIN res_partner p ON p.id = c.patient_id "
        "JOIN social_case_access_log l ON l.case_id = c.id "
        "WHERE p.name = 'Uninstall Test Patient'",
    )
    assert kept == [("written", "read")]
    cases = odoo_databases.query(
        db,
        "SELECT c.name FROM social_case c JOIN res_partner p ON p.id = c.patient_id "
        "WHERE p.name = 'Uninstall Test Patient'",
    )
    assert len(cases) == 1 and cases[0][0].startswith("SC/")


def test_the_test_database_has_every_addon_with_demo_data():
    db = odoo.tools.config["db_name"]
    registry = odoo.modules.registry.Registry(db)
    with registry.cursor() as cr:
        cr.execute("SELECT name, state, demo FROM ir_module_module WHERE name = ANY(%s)", [ADDONS])
        rows = {name: (state, demo) for name, state, demo in cr.fetchall()}
    assert rows == {addon: ("installed", True) for addon in ADDONS}

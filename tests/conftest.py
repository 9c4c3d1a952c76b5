import pytest
from harness import BASE_DEPENDENCIES, odoo_databases_fixture

odoo_databases = pytest.fixture(scope="session", name="odoo_databases")(odoo_databases_fixture)


@pytest.fixture(scope="session")
def stock_bare(odoo_databases):
    """A stock database (base, mail, contacts, calendar) without demo data."""
    bare = odoo_databases.name("stock_bare")
    odoo_databases.install(bare, BASE_DEPENDENCIES, demo=False)
    return bare


@pytest.fixture(scope="session")
def stock_odoo(odoo_databases, stock_bare):
    """Two stock databases (base, mail, contacts, calendar), with and without demo data."""
    demo = odoo_databases.name("stock_demo")
    odoo_databases.install(demo, BASE_DEPENDENCIES)
    return {"demo": demo, "bare": stock_bare}

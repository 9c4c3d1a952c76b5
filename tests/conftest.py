import pytest
from harness import odoo_databases_fixture

odoo_databases = pytest.fixture(scope="session", name="odoo_databases")(odoo_databases_fixture)

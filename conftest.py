"""pytest configuration shared by every addon's tests and the cross-addon tests."""

import pytest

import odoo


@pytest.fixture(scope="session")
def _odoo_http_server(request):
    # pytest-odoo starts (and stops) a server for every test module, which leaves no
    # server for the second module: serve HTTP from one thread for the whole session.
    if not request.config.getoption("--odoo-http"):
        yield
        return
    server = odoo.service.server.ThreadedServer(odoo.http.root)
    server.http_spawn()
    odoo.service.server.server = server
    try:
        yield
    finally:
        server.httpd.shutdown()
        odoo.service.server.server = None


@pytest.fixture(scope="module", autouse=True)
def load_http(_odoo_http_server):
    """Override of pytest-odoo's fixture of the same name."""
    yield

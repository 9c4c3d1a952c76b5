"""pytest configuration shared by every addon's tests and the cross-addon tests.

Odoo's test tags for pytest: `make test TAGS=...` and `-m` select tests as Odoo's runner does.
Each test gets its Odoo tags (`@tagged`, `standard`, `at_install`/`post_install`) and its
addon's name as pytest markers, so `-m "social_case and post_install"` works; `--odoo-tags`
takes Odoo's own `--test-tags` syntax (`[-][tag][/module][:class][.method]`). The
cross-addon tests of tests/ belong to the module `tests` and carry `standard`,
`post_install` and `cross_addon`.
"""

from types import SimpleNamespace

import pytest

import odoo
from odoo.tests.tag_selector import TagsSelector


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


CROSS_ADDON_TAGS = frozenset({"standard", "post_install", "cross_addon"})


def pytest_addoption(parser):
    parser.addoption(
        "--odoo-tags",
        default="",
        help="select tests like Odoo's --test-tags, e.g. '/social_case', "
        "'post_install,-at_install', '/social_discharge:TestLiaisonLetterPdf'",
    )


def _odoo_test(item):
    """What Odoo's tag selector reads of a test, for a unittest or a pytest item."""
    cls = getattr(item, "cls", None)
    if cls is not None and hasattr(cls, "test_tags"):
        return SimpleNamespace(
            test_tags=set(cls.test_tags),
            test_module=cls.test_module,
            test_class=cls.__name__,
            _testMethodName=item.name,
            __module__=cls.__module__,
        )
    return SimpleNamespace(
        test_tags=set(CROSS_ADDON_TAGS),
        test_module="tests",
        test_class=cls.__name__ if cls else None,
        _testMethodName=item.originalname or item.name,
        __module__=item.module.__name__ if item.module else "tests",
    )


def pytest_collection_modifyitems(config, items):
    spec = config.getoption("--odoo-tags")
    selector = TagsSelector(spec) if spec else None
    selected, deselected = [], []
    known = set()
    for item in items:
        test = _odoo_test(item)
        for marker in test.test_tags | {test.test_module}:
            if marker not in known:
                known.add(marker)
                config.addinivalue_line("markers", f"{marker}: Odoo test tag or addon")
            item.add_marker(marker)
        (selected if selector is None or selector.check(test) else deselected).append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = selected

"""Two social workers saving the same case at the same moment lose nothing.

Odoo runs each request in a REPEATABLE READ transaction and retries it on a serialization
failure (odoo.service.model.retrying): the second writer waits for the first, fails to
serialise, is replayed and then sees the first one's change.
"""

import threading

import pytest

import odoo
from odoo import SUPERUSER_ID, api
from odoo.service.model import retrying

WRITERS = 4


@pytest.fixture
def committed_case():
    registry = odoo.modules.registry.Registry(odoo.tools.config["db_name"])
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        patient = env["res.partner"].create({"name": "Concurrency Test Patient"})
        case = env["social.case"].create({"patient_id": patient.id, "dependants_count": 0})
        ids = case.id, patient.id
    yield registry, ids[0]
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        env["social.case"].browse(ids[0]).with_context(active_test=False).unlink()
        env["res.partner"].browse(ids[1]).unlink()


def test_concurrent_writes_on_one_case_are_serialised(committed_case):
    registry, case_id = committed_case
    start = threading.Barrier(WRITERS)
    errors = []

    def add_one_dependant():
        # the read-modify-write a form save does: a lost update would leave the count short
        def work(env):
            case = env["social.case"].browse(case_id)
            case.dependants_count = case.dependants_count + 1
            env.flush_all()

        try:
            with registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                start.wait()
                retrying(lambda: work(env), env)
        except Exception as error:  # reported below, with the thread's error
            errors.append(error)

    threads = [threading.Thread(target=add_one_dependant) for _ in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not errors, errors
    with registry.cursor() as cr:
        cr.execute("SELECT dependants_count FROM social_case WHERE id = %s", [case_id])
        assert cr.fetchone()[0] == WRITERS

"""A social worker's day against Odoo, for locust (run by ``make load``, headless).

Social workers (five in six users) open their caseload, open a case, log an intervention
on it and look for a partner; nurses refer a patient. Every call is the JSON-RPC call the
web client makes (``/web/dataset/call_kw/<model>/<method>``), as the bench users of
``social_bench`` (password = login). A call answering an error counts as a failure. Each
user logs in once when it starts (a login hashes the password, about a second of CPU):
the login and the catalogues it reads then are not requests of the day and are not
counted.

    locust -f scripts/load/locustfile.py --host http://127.0.0.1:PORT --headless -u 18 -t 10m
"""

import importlib.util
import itertools
import os
import random
from pathlib import Path

import requests
from locust import HttpUser, between, task

DATABASE = os.environ.get("LOAD_DB", "social_bench")
WORKERS = itertools.cycle(f"bench.worker{i:02d}" for i in range(1, 61))
NURSES = itertools.cycle(f"bench.nurse{i:02d}" for i in range(1, 11))

# the specifications the web client sends, shared with the tests and the benchmark
_SPECS = (
    Path(__file__).resolve().parents[2] / "addons" / "social_case" / "tests" / "web_client_specs.py"
)
_spec = importlib.util.spec_from_file_location("web_client_specs", _SPECS)
web_client_specs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(web_client_specs)
KANBAN, FORM = web_client_specs.KANBAN_SPEC, web_client_specs.FORM_SPEC


class OdooUser(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    logins = None

    def rpc(self, name, path, params):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": random.randint(1, 10**9),
            "params": params,
        }
        if name is None:
            # setting up the user (login, catalogues): not a request of the day, not counted;
            # the session cookie is then handed to the counted client
            if not hasattr(self, "setup_session"):
                self.setup_session = requests.Session()
            response = self.setup_session.post(self.host + path, json=payload, timeout=120)
            self.client.cookies.update(self.setup_session.cookies)
            return response.json().get("result")
        with self.client.post(path, json=payload, name=name, catch_response=True) as response:
            body = response.json() if response.status_code == 200 else {}
            if response.status_code != 200 or "error" in body:
                message = (body.get("error") or {}).get("data", {}).get("message") or response.text[
                    :200
                ]
                response.failure(message)
                return None
            return body.get("result")

    def call(self, name, model, method, *args, **kwargs):
        return self.rpc(
            name,
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def on_start(self):
        self.login = next(self.logins)
        result = self.rpc(
            None,
            "/web/session/authenticate",
            {"db": DATABASE, "login": self.login, "password": self.login},
        )
        self.uid = result and result.get("uid")


class SocialWorker(OdooUser):
    weight = 5
    logins = WORKERS

    def on_start(self):
        super().on_start()
        self.case_ids = []
        types = self.call(None, "social.intervention.type", "search_read", [], ["id"])
        needs = self.call(None, "social.need.type", "search_read", [], ["id"], limit=20)
        self.type_ids = [t["id"] for t in types or []]
        self.need_ids = [n["id"] for n in needs or []]

    @task(4)
    def open_my_caseload(self):
        result = self.call(
            "open my caseload",
            "social.case",
            "web_search_read",
            [("user_id", "=", self.uid), ("is_closed", "=", False)],
            KANBAN,
            limit=80,
            context={"force_search_count": 1},
        )
        if result:
            self.case_ids = [record["id"] for record in result["records"]]

    @task(4)
    def open_a_case(self):
        if self.case_ids:
            self.call(
                "open a case", "social.case", "web_read", [random.choice(self.case_ids)], FORM
            )

    @task(2)
    def log_an_intervention(self):
        if self.case_ids and self.type_ids:
            self.call(
                "log an intervention",
                "social.intervention",
                "create",
                [
                    {
                        "case_id": random.choice(self.case_ids),
                        "type_id": random.choice(self.type_ids),
                        "duration": random.choice((10, 15, 30, 45)),
                        "note": "Load test: phone call with the patient",
                    }
                ],
            )

    @task(1)
    def find_a_partner(self):
        if not self.need_ids:
            return
        finder = self.call(
            "find a partner",
            "social.partner.finder",
            "create",
            [{"need_type_id": random.choice(self.need_ids), "zip_code": "1030"}],
        )
        if finder:
            finder_id = finder[0] if isinstance(finder, list) else finder
            self.call("find a partner", "social.partner.finder", "action_search", [finder_id])


class Nurse(OdooUser):
    weight = 1
    logins = NURSES

    def on_start(self):
        super().on_start()
        patients = self.call(
            None, "res.partner", "search_read", [("is_company", "=", False)], ["id"], limit=200
        )
        self.patient_ids = [p["id"] for p in patients or []]

    @task
    def refer_a_patient(self):
        if self.patient_ids:
            self.call(
                "refer a patient",
                "social.referral",
                "create",
                [
                    {
                        "patient_id": random.choice(self.patient_ids),
                        "reason": "Load test: lives alone, discharge to organise",
                        "urgency": "normal",
                    }
                ],
            )

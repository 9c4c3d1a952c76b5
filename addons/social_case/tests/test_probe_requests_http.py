import json

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestProbeRequestsHttp(HttpCase):
    """SECURITY.md #12, #13: what a client logged in as a worker receives from the route
    the web client calls, /web/dataset/call_kw, when it sends a malformed request to a
    model of the privacy layer: a clear, translated error, nothing leaked, nothing written,
    and the worker goes on answering."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.worker = new_test_user(
            env, "t_junk_worker", groups="social_case.group_social_worker", lang="en_US"
        )
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.worker_fr = new_test_user(
            env, "t_junk_worker_fr", groups="social_case.group_social_worker", lang="fr_FR"
        )
        team = env["social.team"].create(
            {"name": "Junk Team", "member_ids": (cls.worker | cls.worker_fr).ids}
        )
        patient = env["res.partner"].create({"name": "Junk Request Patient"})
        cls.case = env["social.case"].create(
            {"patient_id": patient.id, "user_id": cls.worker.id, "team_id": team.id}
        )

    def call(self, model, method, args, kwargs=None):
        response = self.url_open(
            "/web/dataset/call_kw",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "id": 1,
                    "params": {
                        "model": model,
                        "method": method,
                        "args": args,
                        "kwargs": kwargs or {},
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        return response.json()

    def assertClearError(self, answer, *words):
        self.assertIn("error", answer, f"the junk request was answered: {answer!r:.200}")
        data = answer["error"]["data"]
        self.assertEqual(data["name"], "odoo.exceptions.UserError", data["message"])
        for word in words:
            self.assertIn(word, data["message"])
        self.assertNotIn("Junk Request Patient", json.dumps(answer))

    def test_junk_reads_and_searches_get_a_clear_error(self):
        self.authenticate("t_junk_worker", "t_junk_worker")
        # Odoo's own refusal of an order is already a clear UserError
        self.assertClearError(
            self.call("social.case", "search", [[]], {"order": "id; DROP TABLE social_case"}),
            "order",
        )
        junk = [
            ("search", [[("no_such_field", "=", 1)]], {}, "no_such_field"),
            ("search", [[]], {"limit": -1}, "LIMIT"),
            ("search_read", [[], ["no_such_field"]], {}, "no_such_field"),
            ("read_group", [[], ["__count"], ["no_such_field"]], {}, "no_such_field"),
            ("web_read", [self.case.ids, {"no_such_field": {}}], {}, "no_such_field"),
            ("read", [["x"], ["name"]], {}, "Social Case"),
        ]
        for method, args, kwargs, word in junk:
            self.assertClearError(
                self.call("social.case", method, args, kwargs),
                "Social Case cannot answer this request",
                word,
            )
        # the worker still answers, and reads what it may
        answer = self.call("social.case", "search_read", [[("id", "=", self.case.id)], ["name"]])
        self.assertEqual(answer["result"], [{"id": self.case.id, "name": self.case.name}])

    def test_the_error_is_in_the_users_language(self):
        self.authenticate("t_junk_worker_fr", "t_junk_worker_fr")
        answer = self.call("social.case", "search", [[("no_such_field", "=", 1)]])
        self.assertIn("ne peut pas répondre", answer["error"]["data"]["message"])

    def test_a_junk_write_writes_nothing(self):
        self.authenticate("t_junk_worker", "t_junk_worker")
        before = self.case.read(["summary", "priority"])
        for values in (
            {"summary": "nul\x00byte"},
            {"priority": 5},
            {"no_such_field": 1},
            {"summary": "x" * 200_000},
        ):
            answer = self.call("social.case", "write", [self.case.ids, values])
            self.assertIn("error", answer, values)
            self.assertIn(
                answer["error"]["data"]["name"],
                ("odoo.exceptions.UserError", "odoo.exceptions.ValidationError"),
            )
        self.env.invalidate_all()
        self.assertEqual(self.case.read(["summary", "priority"]), before)

    def test_the_system_mark_cannot_be_sent(self):
        """The mark of the environment in which the service's own code sets the fields
        only the system sets (a case's reference) cannot come with a request: sent in the
        context, it is a plain text, and the write is refused."""
        self.authenticate("t_junk_worker", "t_junk_worker")
        name = self.case.name
        for mark in (str(self.worker.id), self.worker.id, True):
            answer = self.call(
                "social.case",
                "write",
                [self.case.ids, {"name": "SC/FORGED/0002"}],
                {"context": {"social_system": mark}},
            )
            self.assertIn("error", answer, mark)
            self.assertEqual(answer["error"]["data"]["name"], "odoo.exceptions.AccessError")
            self.assertIn("Reference", answer["error"]["data"]["message"])
        self.env.invalidate_all()
        self.assertEqual(self.case.name, name)

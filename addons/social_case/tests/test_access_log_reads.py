from collections import Counter
from contextlib import contextmanager

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .common_probe import ProbeCommon


class AccessLogCommon(ProbeCommon):
    """The access log as the Manager reads it, and the lines a block of calls writes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.note_restricted = cls.env["social.case.note"].create(
            {
                "case_id": cls.case_restricted.id,
                "body": "<p>Disclosed violence at home</p>",
                "confidentiality": "restricted",
            }
        )
        cls.intervention_b = cls.env["social.intervention"].create(
            {
                "case_id": cls.case_b.id,
                "type_id": cls.env.ref("social_case.intervention_type_interview_patient").id,
                "user_id": cls.worker_b.id,
                "note": "Interview about the rent",
            }
        )
        cls.cases_b = cls.case_b | cls.case_restricted | cls.case_minor
        cls.env.flush_all()

    def lines(self):
        """The access log as the Manager reads it on his screen, newest first."""
        rows = self.rpc(
            self.manager,
            "social.case.access.log",
            "search_read",
            [[], ["user_id", "operation", "res_model", "res_id", "case_id", "patient_id"]],
        )
        return [
            (
                row["user_id"][0],
                row["operation"],
                row["res_model"],
                row["res_id"],
                row["case_id"] and row["case_id"][0],
                row["patient_id"] and row["patient_id"][0],
            )
            for row in rows
        ]

    @contextmanager
    def new_lines(self):
        """The lines of the access log written by the block, and the INSERTs into it."""
        before = Counter(self.lines())
        found = {"lines": [], "inserts": 0}
        queries = []
        yield_ = self._patchExecute(queries)
        next(yield_)
        try:
            yield found
        finally:
            for _rest in yield_:
                pass
        found["inserts"] = sum(
            "insert into social_case_access_log" in " ".join(query.lower().split())
            for query in queries
        )
        found["lines"] = sorted((Counter(self.lines()) - before).elements())

    def expected(self, user, operation, records):
        return sorted(
            (
                user.id,
                operation,
                record._name,
                record.id,
                record.case_id.id if record._name != "social.case" else record.id,
                (record if "patient_id" in record._fields else record.case_id).patient_id.id,
            )
            for record in records.sudo()
        )


@tagged("post_install", "-at_install")
class TestAccessLogReads(AccessLogCommon):
    """SECURITY.md T12: every read of a case file by a person is in the access log, whatever
    the method, written in one INSERT per request."""

    def test_read_of_a_case(self):
        with self.new_lines() as log:
            rows = self.rpc(self.worker_b, "social.case", "read", [self.case_b.ids, ["name"]])
        self.assertEqual(rows[0]["name"], self.case_b.name)
        self.assertEqual(log["lines"], self.expected(self.worker_b, "read", self.case_b))
        self.assertEqual(log["inserts"], 1)

    def test_search_read_of_cases(self):
        domain = [("id", "in", self.cases_b.ids)]
        with self.new_lines() as log:
            rows = self.rpc(self.worker_b, "social.case", "search_read", [domain, ["name"]])
        self.assertEqual(len(rows), 3)
        self.assertEqual(log["lines"], self.expected(self.worker_b, "read", self.cases_b))
        self.assertEqual(log["inserts"], 1)

    def test_web_read_of_three_cases_is_one_insert(self):
        spec = {"name": {}, "summary": {}}
        with self.new_lines() as log:
            rows = self.rpc(self.worker_b, "social.case", "web_read", [self.cases_b.ids, spec])
        self.assertEqual(len(rows), 3)
        self.assertEqual(log["lines"], self.expected(self.worker_b, "read", self.cases_b))
        self.assertEqual(log["inserts"], 1)
        # a list in the web client is read the same way
        with self.new_lines() as log:
            self.rpc(
                self.worker_b,
                "social.case",
                "web_search_read",
                [[("id", "in", self.cases_b.ids)], spec],
            )
        self.assertEqual(log["lines"], self.expected(self.worker_b, "read", self.cases_b))
        self.assertEqual(log["inserts"], 1)

    def test_the_form_is_an_opening(self):
        with self.new_lines() as log:
            self.rpc(self.worker_b, "social.case", "web_read", [self.case_b.ids, {"name": {}}])
        self.assertEqual(log["lines"], self.expected(self.worker_b, "open", self.case_b))

    def test_the_log_names_what_was_read(self):
        """The manager reads which record was opened, by its name, not only its kind; saving
        a new form logs the record saved, with its case and its patient."""
        spec = {"note": {}, "duration": {}}
        with self.new_lines() as log:
            self.rpc(
                self.worker_b, "social.intervention", "web_read", [self.intervention_b.ids, spec]
            )
            self.rpc(
                self.worker_b,
                "social.intervention",
                "onchange",
                [[], {}, [], {"case_id": {}, "type_id": {}, "duration": {}}],
                context={"default_case_id": self.case_b.id},
            )
            saved = self.rpc(
                self.worker_b,
                "social.intervention",
                "web_save",
                [
                    [],
                    {
                        "case_id": self.case_b.id,
                        "type_id": self.env.ref("social_case.intervention_type_phone_call").id,
                        "duration": 10,
                    },
                ],
                {"specification": spec},
            )
        new = self.env["social.intervention"].browse(saved[0]["id"])
        # no line of no case or no patient: every line is part of the patient's file
        self.assertEqual(
            log["lines"],
            sorted(
                self.expected(self.worker_b, "open", self.intervention_b)
                + self.expected(self.worker_b, "open", new)
            ),
        )
        rows = self.rpc(
            self.manager,
            "social.case.access.log",
            "search_read",
            [[("res_model", "=", "social.intervention")], ["res_id", "record_type"]],
            context={"lang": "en_US"},
        )
        names = {row["res_id"]: row["record_type"] for row in rows}
        kind = self.env["ir.model"]._get("social.intervention").name
        self.assertEqual(
            names[self.intervention_b.id], f"{kind}: {self.intervention_b.sudo().display_name}"
        )
        self.assertEqual(names[new.id], f"{kind}: {new.sudo().display_name}")
        self.assertIn(new.type_id.name, names[new.id])

    def test_export_of_cases(self):
        self.worker_b.groups_id |= self.env.ref("base.group_allow_export")
        with self.new_lines() as log:
            rows = self.rpc(
                self.worker_b, "social.case", "export_data", [self.cases_b.ids, ["name"]]
            )
        self.assertEqual(len(rows["datas"]), 3)
        self.assertEqual(log["lines"], self.expected(self.worker_b, "export", self.cases_b))
        self.assertEqual(log["inserts"], 1)

    def test_export_of_the_records_of_exported_cases(self):
        """An export with columns of the cases' notes and interventions exports those
        records too; a column of their reference only does not."""
        self.worker_b.groups_id |= self.env.ref("base.group_allow_export")
        columns = ["name", "note_ids/body", "intervention_ids/note"]
        with self.new_lines() as log:
            rows = self.rpc(
                self.worker_b, "social.case", "export_data", [self.cases_b.ids, columns]
            )
        self.assertIn("Disclosed violence at home", str(rows["datas"]))
        self.assertIn("Interview about the rent", str(rows["datas"]))
        exported = (self.cases_b, self.note_restricted, self.intervention_b)
        self.assertEqual(
            log["lines"],
            sorted(
                line
                for records in exported
                for line in self.expected(self.worker_b, "export", records)
            ),
        )
        self.assertEqual(log["inserts"], 1)
        with self.new_lines() as log:
            self.rpc(
                self.worker_b,
                "social.case",
                "export_data",
                [self.case_b.ids, ["name", "intervention_ids"]],
            )
        self.assertEqual(log["lines"], self.expected(self.worker_b, "export", self.case_b))

    def test_copy_data_under_emergency_access(self):
        self.env["social.case.break.glass"].with_user(self.manager).create(
            {"case_reference": self.case_restricted.name, "reason": "The judge needs it today."}
        ).action_confirm()
        with self.new_lines() as log:
            values = self.rpc(self.manager, "social.case", "copy_data", [self.case_restricted.ids])
        self.assertEqual(values[0]["patient_id"], self.patient_restricted.id)
        self.assertEqual(log["lines"], self.expected(self.manager, "read", self.case_restricted))

    def test_read_of_a_restricted_note(self):
        with self.new_lines() as log:
            rows = self.rpc(
                self.worker_b, "social.case.note", "read", [self.note_restricted.ids, ["body"]]
            )
        self.assertIn("violence", rows[0]["body"])
        self.assertEqual(log["lines"], self.expected(self.worker_b, "read", self.note_restricted))
        self.assertEqual(log["inserts"], 1)

    def test_what_is_not_a_read_of_the_file(self):
        """The reference of a record another one points at is not its content; a refused
        read, the server's own reads: no line."""
        with self.new_lines() as log:
            self.rpc(self.worker_b, "social.case", "read", [self.case_b.ids, ["display_name"]])
            self.rpc(
                self.worker_a,
                "social.case",
                "web_read",
                [self.case_a.ids, {"display_name": {}}],
            )
            with self.assertRaises(AccessError):
                self.rpc(self.worker_a, "social.case", "read", [self.case_b.ids, ["name"]])
            self.cases_b.sudo().read(["name"])
        self.assertEqual(log["lines"], [])
        self.assertEqual(log["inserts"], 0)


@tagged("post_install", "-at_install")
class TestAccessLogNewForms(AccessLogCommon):
    """A form opened on a new record (a new case, a new referral, an intervention or a note
    logged from a case) opens nobody's file: the calls of the web client write no "opened"
    line, and no line that names neither a case nor a patient."""

    def open_new_form(self, user, model, context=None):
        """The calls of the web client opening a new form of ``model`` as ``user``: the
        view, the defaults and values of the new record (onchange), a read of no record."""
        views = self.rpc(user, model, "get_views", [[(False, "form")]], context=context)
        spec = {name: {} for name in views["models"][model]["fields"]}
        self.rpc(user, model, "onchange", [[], {}, [], spec], context=context)
        self.rpc(user, model, "web_read", [[], spec], context=context)
        self.rpc(user, model, "default_get", [list(spec)], context=context)

    def test_a_new_form_writes_no_line_without_case_or_patient(self):
        forms = [
            (self.worker_b, "social.case", None),
            (self.worker_b, "social.referral", None),
            (self.nurse, "social.referral", None),
            (self.worker_b, "social.intervention", {"default_case_id": self.case_b.id}),
            (self.worker_b, "social.case.note", {"default_case_id": self.case_b.id}),
            (self.worker_b, "social.case.flag", {"default_case_id": self.case_b.id}),
        ]
        for user, model, context in forms:
            with self.subTest(user=user.login, model=model):
                with self.new_lines() as log:
                    self.open_new_form(user, model, context)
                self.assertFalse([line for line in log["lines"] if line[1] == "open"])
                self.assertFalse([line for line in log["lines"] if not line[4] and not line[5]])


@tagged("post_install", "-at_install")
class TestAccessLogRightOfAccess(AccessLogCommon, HttpCase):
    """The right-of-access file exports every record of the patient's file: each one is in
    the access log, in the one INSERT of the request."""

    def test_every_record_of_the_file_is_exported(self):
        Consent = self.env["social.consent"]
        consents = Consent.create(
            {
                "case_id": self.case_restricted.id,
                "purpose_id": self.env.ref("social_case.consent_purpose_gp").id,
            }
        )
        # a consent about the patient recorded outside the case is part of their file too
        consents |= Consent.create(
            {
                "patient_id": self.patient_restricted.id,
                "company_id": self.case_restricted.company_id.id,
                "purpose_id": self.env.ref("social_case.consent_purpose_volunteers").id,
            }
        )
        contact = self.env["social.case.contact"].create(
            {"case_id": self.case_restricted.id, "role": "family", "name": "Probe Brother"}
        )
        procedure = self.env["social.procedure"].create(
            {
                "case_id": self.case_restricted.id,
                "type_id": self.env.ref("social_case.procedure_type_insurer_regularisation").id,
            }
        )
        self.env.flush_all()
        self.authenticate(self.manager.login, self.manager.login)
        with self.new_lines() as log:
            response = self.url_open(f"/social_case/access_export/{self.patient_restricted.id}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/zip")
        exported = (self.case_restricted, self.note_restricted, contact, procedure, consents)
        for records in exported:
            with self.labelled(model=records._name):
                for line in self.expected(self.manager, "export", records):
                    self.assertIn(line, log["lines"])
        self.assertFalse([line for line in log["lines"] if line[1] != "export"])
        # nothing of another patient's file
        self.assertEqual({line[5] for line in log["lines"]}, {self.patient_restricted.id})
        self.assertEqual(log["inserts"], 1)

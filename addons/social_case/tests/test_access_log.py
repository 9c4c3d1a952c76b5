from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import SocialCaseCommon
from .test_performance import FORM_SPEC


@tagged("post_install", "-at_install")
class TestAccessLog(SocialCaseCommon):
    """SECURITY.md T12: who opened or exported which case, and when."""

    def _logs(self, case=None):
        # the reads of a request are written when it commits
        self.env.cr.flush()
        Log = self.env["social.case.access.log"].sudo()
        return Log.search([("case_id", "=", case.id)] if case else [])

    def test_opening_a_case_writes_one_line(self):
        before = self._logs()
        self.env.invalidate_all()
        result = self.case_north.with_user(self.worker).web_read(FORM_SPEC)
        self.assertEqual(result[0]["name"], self.case_north.name)
        logs = self._logs() - before
        # the records of the file shown on the form are read too, each with its line
        self.assertEqual(set(logs.mapped("operation")), {"open", "read"})
        self.assertEqual(logs.case_id, self.case_north)
        log = logs.filtered(lambda line: line.res_model == "social.case")
        self.assertEqual(len(log), 1)
        self.assertEqual(log.user_id, self.worker)
        self.assertEqual(log.case_id, self.case_north)
        self.assertEqual(log.case_reference, self.case_north.name)
        self.assertEqual(log.operation, "open")
        self.assertEqual(log.company_id, self.case_north.company_id)
        # the line is evidence of an access, not a copy of the file: no patient data in it,
        # only the link to the patient that lets the Manager answer "who read my file?"
        self.assertEqual(log.patient_id, self.patient_north)
        row = log.read()[0]
        del row["patient_id"]
        for value in row.values():
            self.assertNotIn(self.patient_north.name, str(value))

    def test_reads_that_are_not_an_opening_are_logged_as_reads(self):
        before = self._logs()
        Case = self.env["social.case"].with_user(self.worker)
        # a many2one pointing at the case, the server's own reads: not a read of the file
        self.case_north.with_user(self.worker).web_read({"display_name": {}})
        self.case_north.web_read(FORM_SPEC)
        self.assertEqual(self._logs(), before)
        # a list of cases, several cases at once: each case read
        Case.web_search_read([("id", "=", self.case_north.id)], {"name": {}})
        self._logs()  # another request
        (self.case_north | self.case_restricted).with_user(self.worker).web_read({"name": {}})
        log = self._logs() - before
        self.assertEqual(log.mapped("operation"), ["read"] * 3)
        self.assertEqual(log.case_id, self.case_north | self.case_restricted)

    def test_refused_opening_is_not_logged_as_an_opening(self):
        before = self._logs()
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            self.case_south.with_user(self.worker).web_read(FORM_SPEC)
        self.assertEqual(self._logs(), before)

    def test_export_is_logged(self):
        self.worker.groups_id |= self.env.ref("base.group_allow_export")
        cases = self.case_north | self.case_restricted
        rows = cases.with_user(self.worker).export_data(["name"])["datas"]
        self.assertEqual(len(rows), 2)
        log = self._logs().filtered(lambda line: line.operation == "export")
        self.assertEqual(log.case_id, cases)
        self.assertEqual(log.user_id, self.worker)
        # another team's case cannot be exported, and nothing is written
        with self.assertRaises(AccessError):
            self.case_south.with_user(self.worker).export_data(["name"])
        self.assertFalse(self._logs(self.case_south))

    def test_emergency_access_is_logged(self):
        self.env["social.case.break.glass"].with_user(self.manager).create(
            {"case_reference": self.case_minor.name, "reason": "The judge needs it today."}
        ).action_confirm()
        log = self._logs(self.case_minor)
        self.assertEqual(log.mapped("operation"), ["emergency"])
        self.assertEqual(log.user_id, self.manager)

    def test_only_the_manager_reads_and_nobody_changes(self):
        self.case_north.with_user(self.worker).web_read({"name": {}})
        log = self._logs(self.case_north)
        self.assertEqual(len(log), 1)
        Log = self.env["social.case.access.log"]
        for user in (self.worker, self.coordinator, self.nurse, self.volunteer):
            self.env.invalidate_all()
            self.assertFalse(Log.with_user(user).has_access("read"), user.login)
            with self.assertRaises(AccessError):
                log.with_user(user).read(["user_id"])
            with self.assertRaises(AccessError):
                Log.with_user(user).search_count([])
            with self.assertRaises(AccessError):
                log.with_user(user).write({"user_id": self.manager.id})
            with self.assertRaises(AccessError):
                log.with_user(user).unlink()
            with self.assertRaises(AccessError):
                Log.with_user(user).create(
                    {
                        "user_id": user.id,
                        "case_id": self.case_north.id,
                        "operation": "open",
                        "company_id": self.company.id,
                    }
                )
        # the manager reads it, but the evidence cannot be changed, not even by the manager
        self.env.invalidate_all()
        self.assertEqual(
            log.with_user(self.manager).read(["user_id"])[0]["user_id"][0], self.worker.id
        )
        with self.assertRaises(AccessError):
            log.with_user(self.manager).write({"user_id": self.manager.id})
        with self.assertRaises(AccessError):
            log.with_user(self.manager).sudo(False).unlink()
        self.env.invalidate_all()
        self.assertEqual(log.user_id, self.worker)
        action = self.case_north.with_user(self.manager).action_view_access_log()
        self.assertEqual(
            self.env["social.case.access.log"].with_user(self.manager).search(action["domain"]), log
        )
        with self.assertRaises(AccessError):
            self.case_north.with_user(self.worker).action_view_access_log()

    def test_each_line_says_what_was_read_in_the_reader_language(self):
        before = self._logs()
        self.env.invalidate_all()
        self.case_north.with_user(self.worker).web_read(FORM_SPEC)
        log = (self._logs() - before).filtered(lambda line: line.res_model == "social.case")
        # its kind and its name: which record of the file was read, never its content
        self.assertEqual(log.record_type, f"Social Case: {self.case_north.name}")
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(["social_case"], ["fr_FR"], overwrite=True)
        self.assertEqual(
            log.with_context(lang="fr_FR").record_type, f"Dossier social : {self.case_north.name}"
        )

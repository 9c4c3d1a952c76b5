from odoo.tests import HttpCase, tagged

from .common_probe import ProbeCommon

RIGHTS_SHEET = "social_case.report_rights_sheet"
ACCESS_EXPORT = "social_case.report_access_export"


@tagged("post_install", "-at_install")
class TestProbeReportUrls(ProbeCommon, HttpCase):
    """SECURITY.md #11: the report URLs of our PDF reports (/report/html, /report/pdf),
    typed by hand with the ids of records the user may not read, give nothing of them;
    malformed ids end in a refusal, never in a server error."""

    def _get(self, user, url):
        self.authenticate(user.login, user.login)
        return self.url_open(url, timeout=60)

    def _assert_nothing_shown(self, failures, user, url, secrets):
        with self.collect(failures, user=user.login, url=url):
            response = self._get(user, url)
            self.assertNotEqual(response.status_code, 200, "the report was rendered")
            self.assertLess(response.status_code, 500, "the server failed")
            for secret in secrets:
                self.assertNotIn(secret, response.text)

    def test_rights_sheet_of_an_unreadable_case_is_refused(self):
        """Another team's worker, a coordinator (restricted case), a nurse and a volunteer
        print the rights sheet of a case they may not read, alone or with one of theirs."""
        failures = []
        attackers = {
            self.worker_a: (self.case_b, self.case_restricted, self.case_minor, self.case_site_2),
            self.coordinator: (self.case_restricted, self.case_minor),
            self.nurse: (self.case_a, self.case_restricted),
            self.volunteer: (self.case_a,),
        }
        converters = ["html"]
        if self.env["ir.actions.report"].get_wkhtmltopdf_state() == "ok":
            converters.append("pdf")
        for user, cases in attackers.items():
            for case in cases:
                secrets = (case.patient_id.name,)
                for converter in converters:
                    for ids in (f"{case.id}", f"{self.case_a.id},{case.id}"):
                        url = f"/report/{converter}/{RIGHTS_SHEET}/{ids}"
                        self._assert_nothing_shown(failures, user, url, secrets)
        self.assertFalse(failures, "\n".join(failures))

    def test_rights_sheet_of_her_own_case_is_printed(self):
        """The referent prints the sheet of her case: the refusals above are not a
        broken report."""
        response = self._get(self.worker_a, f"/report/html/{RIGHTS_SHEET}/{self.case_a.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.patient_a.name, response.text)

    def test_malformed_report_ids_are_refused_cleanly(self):
        """Ids that do not exist, zero, negative, huge, letters or empty: no server
        error and no sheet."""
        failures = []
        for ids in ("999999999", "0", "-1", "abc", "1,abc", "99999999999999999999", ","):
            url = f"/report/html/{RIGHTS_SHEET}/{ids}"
            with self.collect(failures, url=url):
                response = self._get(self.worker_a, url)
                self.assertLess(response.status_code, 500, "the server failed")
                # at most an empty sheet: no file, no patient
                self.assertNotIn("Prepared for", response.text)
        self.assertFalse(failures, "\n".join(failures))

    def test_access_export_is_the_managers_only(self):
        """The right-of-access report of a patient, typed by hand by a worker, a
        coordinator and a nurse, with or without made-up options: only the Manager's
        export (a button) renders it."""
        failures = []
        patient = self.patient_restricted
        for user in (self.worker_a, self.worker_b, self.coordinator, self.nurse):
            for query in ("", '?options={"export": {"cases": [{"Reference": "SC/forged"}]}}'):
                url = f"/report/html/{ACCESS_EXPORT}/{patient.id}{query}"
                self._assert_nothing_shown(failures, user, url, (patient.name, "SC/forged"))
        self.assertFalse(failures, "\n".join(failures))

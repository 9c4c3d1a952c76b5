import io
import json
import socket
from urllib.parse import quote

from PyPDF2 import PdfReader

from odoo.tests import HttpCase, tagged

from .common import DischargeCase


@tagged("post_install", "-at_install")
class TestLiaisonLetterPdf(DischargeCase, HttpCase):
    """The liaison letter prints as a real PDF for its social worker, and for nobody else."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the test server answers one request at a time: while it prints, wkhtmltopdf cannot
        # fetch the stylesheets from it, so it is sent to a closed port and prints unstyled
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            closed_port = probe.getsockname()[1]
        cls.env["ir.config_parameter"].sudo().set_param(
            "report.url", f"http://127.0.0.1:{closed_port}"
        )
        cls.env["social.discharge.task"].create(
            {
                "plan_id": cls.plan.id,
                "name": "Home nursing twice a day",
                "user_id": cls.worker_a.id,
                "date_deadline": cls.today,
                "state": "done",
            }
        )

    def setUp(self):
        super().setUp()
        if self.env["ir.actions.report"].get_wkhtmltopdf_state() != "ok":
            self.skipTest("wkhtmltopdf is not installed: `make setup` installs it")

    def _print(self, login):
        self.authenticate(login, login)
        # outside tests Odoo always prints PDFs; in tests it prints HTML unless forced
        context = quote(json.dumps({"force_report_rendering": True}))
        return self.url_open(
            f"/report/pdf/social_discharge.report_liaison_letter/{self.plan.id}?context={context}",
            timeout=120,
        )

    def test_the_referent_social_worker_gets_the_letter_as_a_pdf(self):
        response = self._print(self.worker_a.login)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertTrue(response.content.startswith(b"%PDF-"))
        reader = PdfReader(io.BytesIO(response.content))
        text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
        for expected in (
            "Liaison Letter",
            self.case.name,
            "Patient Discharge",
            "Rue Neuve 1",
            "Cardiology Test",
            "Home nursing twice a day",
            self.worker_a.email,
        ):
            self.assertIn(expected, text)

    def test_care_team_and_volunteers_cannot_print_it(self):
        for login in (self.nurse.login, self.volunteer.login):
            with self.subTest(login=login), self.assertLogs("odoo.http", "WARNING"):
                response = self._print(login)
                self.assertEqual(response.status_code, 403)
                self.assertNotIn(b"Patient Discharge", response.content)

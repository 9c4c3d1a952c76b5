import socket
import subprocess
import tempfile

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import SocialCaseCommon


@tagged("post_install", "-at_install")
class TestRightsSheet(SocialCaseCommon):
    """From a case, the patient gets a plain-language sheet of the rights they probably have
    and have not claimed, and of the procedures under way with why each is needed, printed
    as a PDF in their language."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # wkhtmltopdf fetches no stylesheet from a server the test does not run
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        cls.env["ir.config_parameter"].sudo().set_param("report.url", f"http://127.0.0.1:{port}")
        cls.case_north.write({"household_type": "single_parent", "income_source": "none"})
        cls.env["social.procedure"].create(
            {
                "case_id": cls.case_north.id,
                "type_id": cls.env.ref("social_case.procedure_type_integration_income").id,
                "user_id": cls.worker.id,
            }
        )

    def setUp(self):
        super().setUp()
        if self.env["ir.actions.report"].get_wkhtmltopdf_state() != "ok":
            self.skipTest("wkhtmltopdf is not installed: `make setup` installs it")
        installed = {code for code, _name in self.env["res.lang"].get_installed()}
        if not {"fr_FR", "nl_BE"} <= installed:
            self.skipTest("French and Dutch are installed with the demo data")

    def _sheet_text(self, user, language, raw=False):
        case = self.case_north.with_user(user)
        case.language_id = self.env.ref(f"social_case.language_{language}")
        report = self.env.ref("social_case.action_report_rights_sheet")
        pdf, kind = (
            report.with_user(user)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(report.report_name, case.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF-"))
        with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
            file.write(pdf)
            file.flush()
            text = subprocess.run(
                ["pdftotext", *(["-layout"] if raw else []), file.name, "-"],
                capture_output=True,
                check=True,
                text=True,
            ).stdout
        return text if raw else " ".join(text.split())

    def test_the_sheet_speaks_french_to_a_french_speaking_patient(self):
        self.assertIn(
            self.env.ref("social_case.right_increased_reimbursement"),
            self.case_north.suggested_right_ids,
        )
        text = self._sheet_text(self.worker, "fr")
        for expected in (
            "Vos droits et les démarches en cours",
            "Test Patient North",
            "Droits que vous pouvez demander",
            "Intervention majorée (BIM)",
            "Qui l'accorde",
            "Mutualité",
            "Démarches en cours",
            "Demande de revenu d'intégration",
            "Pourquoi c'est nécessaire",
            "le CPAS accorde un revenu",
            "Votre assistant social",
            self.worker.name,
        ):
            self.assertIn(expected, text)
        self.assertNotIn("Rights you may claim", text)
        # the social worker's notes never reach the patient's sheet
        self.assertNotIn("Zebraline", text)
        # the printing is in the access log, as an export of the file
        log = self.env["social.case.access.log"].search(
            [("case_id", "=", self.case_north.id), ("operation", "=", "export")]
        )
        self.assertEqual(log.user_id, self.worker)

    def test_the_sheet_speaks_dutch_to_a_dutch_speaking_patient(self):
        text = self._sheet_text(self.worker, "nl")
        for expected in (
            "Uw rechten en de lopende stappen",
            "Verhoogde tegemoetkoming",
            "Aanvraag leefloon",
            "Waarom het nodig is",
            "Uw maatschappelijk werker",
        ):
            self.assertIn(expected, text)
        self.assertNotIn("Vos droits", text)

    def test_the_care_team_cannot_print_it(self):
        report = self.env.ref("social_case.action_report_rights_sheet")
        with self.assertRaises(AccessError):
            report.with_user(self.nurse)._render_qweb_html(report.report_name, self.case_north.ids)

    def test_the_sheet_names_the_hospital_and_lists_the_documents_one_per_line(self):
        company = self.case_north.company_id
        company.write(
            {
                "name": "Test Hospital Saint-Luc",
                "street": "Rue de la Clinique 12",
                "zip": "1200",
                "city": "Woluwe-Saint-Lambert",
                "phone": "+32 2 555 01 23",
            }
        )
        text = self._sheet_text(self.worker, "fr", raw=True)
        # the identity is in the page itself, not in a header wkhtmltopdf may not print
        for expected in ("Test Hospital Saint-Luc", "Rue de la Clinique 12", "+32 2 555 01 23"):
            self.assertIn(expected, text)
        lines = [line.strip() for line in text.splitlines()]
        for document in ("Carte d'identité", "Extraits bancaires des trois derniers mois"):
            self.assertIn(document, lines)

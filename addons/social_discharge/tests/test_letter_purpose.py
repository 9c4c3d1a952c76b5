import json
from urllib.parse import quote

from odoo.tests import HttpCase, tagged

from .test_probe_consent_exits import ConsentExitsCommon


@tagged("post_install", "-at_install")
class TestLetterPurposeFromTheUrl(ConsentExitsCommon, HttpCase):
    """SECURITY.md T20: the liaison letter printed from its URL is checked against the
    provider's consent, whatever purpose the URL's context names: only the server's own
    sending to the general practitioner prints it under the GP's consent."""

    def test_a_context_naming_the_gps_purpose_does_not_print_the_letter(self):
        gp = self.env.ref("social_case.consent_purpose_gp")
        self.rpc(
            self.worker_a,
            "social.consent",
            "create",
            [{"case_id": self.case_a.id, "purpose_id": gp.id}],
        )
        self.authenticate("probe_worker_a", "probe_worker_a")
        context = quote(json.dumps({"social_letter_purpose": "gp"}))
        url = f"/report/pdf/social_discharge.report_liaison_letter/{self.plan_a.id}"
        with self.assertLogs("odoo.http", "WARNING"):
            response = self.url_open(f"{url}?context={context}", timeout=120)
        self.assertNotEqual(response.status_code, 200)
        self.assertIn(b"No valid consent", response.content)
        self.assertNotIn(b"Liaison Letter", response.content)
        # the letter the server sends to the GP is printed under the GP's consent
        content, _extension = self.plan_a.with_user(self.worker_a)._liaison_letter_pdf("gp")
        self.assertIn(b"Probe Patient A", content)

import base64

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common import SocialServiceCommon

SECRET = b"Attestation CPAS - revenu d'integration - confidential"


@tagged("post_install", "-at_install")
class TestPrivacyAttachments(SocialServiceCommon, HttpCase):
    """SECURITY.md #7: the documents of a case reach only the people who may read it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.case = cls.case_a
        cls.attachment = (
            cls.env["ir.attachment"]
            .with_user(cls.worker_a)
            .create(
                {
                    "name": "attestation.txt",
                    "raw": SECRET,
                    "res_model": "social.case",
                    "res_id": cls.case.id,
                }
            )
        )

    def test_outsiders_cannot_read_or_search(self):
        for user in (self.nurse, self.worker_b):
            Attachment = self.env["ir.attachment"].with_user(user)
            self.env.invalidate_all()
            with self.assertRaises(AccessError):
                Attachment.browse(self.attachment.id).read(["datas", "name"])
            self.assertFalse(Attachment.search([("id", "=", self.attachment.id)]))
            self.assertFalse(Attachment.search([("res_model", "=", "social.case")]))
            self.assertFalse(Attachment.search_count([("name", "=", "attestation.txt")]))
        self.env.invalidate_all()
        self.assertEqual(
            base64.b64decode(self.attachment.with_user(self.worker_a).read(["datas"])[0]["datas"]),
            SECRET,
        )

    def test_web_content_refused_to_outsiders(self):
        url = f"/web/content/{self.attachment.id}?download=true"
        for user in (self.nurse, self.worker_b):
            self.authenticate(user.login, user.login)
            response = self.url_open(url)
            self.assertNotEqual(response.status_code, 200, user.login)
            self.assertNotIn(SECRET, response.content)
        self.authenticate(self.worker_a.login, self.worker_a.login)
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, SECRET)

    def test_no_public_or_link_shared_case_document(self):
        Attachment = self.env["ir.attachment"].with_user(self.worker_a)
        count = self.env["ir.attachment"].sudo().search_count([("res_model", "=", "social.case")])
        with self.assertRaises(UserError):
            Attachment.create(
                {
                    "name": "public.txt",
                    "raw": SECRET,
                    "res_model": "social.case",
                    "res_id": self.case.id,
                    "public": True,
                }
            )
        attachment = self.attachment.with_user(self.worker_a)
        with self.assertRaises(UserError):
            attachment.write({"public": True})
        with self.assertRaises(UserError):
            attachment.generate_access_token()
        self.env.invalidate_all()
        self.assertFalse(self.attachment.public)
        self.assertFalse(self.attachment.access_token)
        self.assertEqual(
            self.env["ir.attachment"].sudo().search_count([("res_model", "=", "social.case")]),
            count,
        )
        # a public document cannot be moved onto a case either
        other = self.env["ir.attachment"].create(
            {"name": "leaflet.txt", "raw": b"x", "public": True}
        )
        with self.assertRaises(UserError):
            other.write({"res_model": "social.case", "res_id": self.case.id})
        self.authenticate(None, None)
        self.assertNotEqual(self.url_open(f"/web/content/{self.attachment.id}").status_code, 200)

import importlib.util
import io
import json
import zipfile
from pathlib import Path

from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user, tagged

from .common_probe import ProbeCommon

MIGRATION = Path(__file__).parents[1] / "migrations" / "18.0.1.1.0" / "post-migrate.py"


@tagged("post_install", "-at_install")
class TestAccessExportHttp(ProbeCommon, HttpCase):
    """SECURITY.md, "documents made for one person": the right-of-access file is delivered
    to the Manager who asks for it and kept nowhere; only the access log line stays."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee = new_test_user(cls.env, "probe_employee", groups="base.group_user")
        cls.env["social.case.note"].create(
            {"case_id": cls.case_restricted.id, "body": "<p>Export: the rent is unpaid</p>"}
        )

    def _attachments_of(self, user, patient):
        return self.rpc(
            user,
            "ir.attachment",
            "search_read",
            [[("res_model", "=", "res.partner"), ("res_id", "=", patient.id)], ["name"]],
        )

    def test_export_is_delivered_not_stored(self):
        patient = self.patient_restricted
        action = self.rpc(self.manager, "res.partner", "action_social_access_export", [patient.ids])
        url = action["url"]
        # nothing is left on the patient's contact for the people who read it
        self.assertFalse(
            self.env["ir.attachment"]
            .sudo()
            .search([("res_model", "=", "res.partner"), ("res_id", "=", patient.id)])
        )
        outsiders = (self.nurse, self.employee, self.worker_a, self.worker_b, self.coordinator)
        for user in outsiders:
            with self.labelled(user=user.login):
                self.assertFalse(self._attachments_of(user, patient))
                self.authenticate(user.login, user.login)
                response = self.url_open(url, allow_redirects=False)
                self.assertIn(response.status_code, (403, 404), response.content[:200])
                self.assertNotIn(b"rent is unpaid", response.content)
                self.assertNotEqual(response.headers.get("Content-Type"), "application/zip")
        self.authenticate(self.manager.login, self.manager.login)
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/zip")
        self.assertNotIn(patient.name, response.headers.get("Content-Disposition", ""))
        archive = zipfile.ZipFile(io.BytesIO(response.content))
        data = json.loads(archive.read(next(n for n in archive.namelist() if n.endswith(".json"))))
        self.assertEqual(data["cases"][0]["Reference"], self.case_restricted.name)
        self.assertIn("rent is unpaid", json.dumps(data["notes"]))
        # still nothing stored, and the access log keeps who, when and which person
        self.assertFalse(
            self.env["ir.attachment"]
            .sudo()
            .search([("res_model", "=", "res.partner"), ("res_id", "=", patient.id)])
        )
        log = self.env["social.case.access.log"].search(
            [("patient_id", "=", patient.id), ("operation", "=", "export")]
        )
        self.assertEqual(log.user_id, self.manager)

    def test_export_of_several_people_is_refused(self):
        patients = self.patient_a | self.patient_b
        with self.assertRefused(exceptions=UserError) as caught:
            self.rpc(self.manager, "res.partner", "action_social_access_export", [patients.ids])
        self.assertIn("one person at a time", str(caught.exception))

    def test_export_of_an_unknown_or_other_site_person_is_refused(self):
        self.authenticate(self.manager.login, self.manager.login)
        for partner_id in (self.patient_site_2.id, 10**8):
            response = self.url_open(
                f"/social_case/access_export/{partner_id}", allow_redirects=False
            )
            self.assertIn(response.status_code, (403, 404), partner_id)
            self.assertNotEqual(response.headers.get("Content-Type"), "application/zip")

    def test_upgrade_removes_the_files_stored_by_earlier_releases(self):
        """Releases before 18.0.1.1.0 kept each right-of-access ZIP on the patient's contact,
        named after the day in the exporting Manager's language: the upgrade deletes them,
        and nothing else."""
        Attachment = self.env["ir.attachment"]

        def zip_file(name, model, record):
            return Attachment.create(
                {
                    "name": name,
                    "raw": b"PK\x03\x04 Probe: the whole file",
                    "mimetype": "application/zip",
                    "res_model": model,
                    "res_id": record.id,
                }
            )

        stored = (
            zip_file("Right of access 2026-11-30.zip", "res.partner", self.patient_restricted)
            | zip_file("Droit d'accès 2026-12-01.zip", "res.partner", self.patient_a)
            | zip_file("Recht op inzage 2026-12-02.zip", "res.partner", self.patient_b)
        )
        kept = zip_file("Lease contract.zip", "res.partner", self.patient_a) | zip_file(
            "Right of access 2026-11-30.zip", "social.case", self.case_a
        )
        self.assertEqual(len(self._attachments_of(self.worker_a, self.patient_a)), 2)
        spec = importlib.util.spec_from_file_location("post_migrate", MIGRATION)
        script = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(script)
        script.migrate(self.env.cr, "18.0.1.0.0")
        self.assertFalse(stored.exists())
        self.assertEqual(kept.exists(), kept)
        for patient in (self.patient_restricted, self.patient_b):
            self.assertFalse(self._attachments_of(self.manager, patient))
        self.assertEqual(
            [row["name"] for row in self._attachments_of(self.worker_a, self.patient_a)],
            ["Lease contract.zip"],
        )
        # the next garbage collection of the filestore removes their content from the disk
        Attachment._gc_file_store_unsafe()
        self.assertEqual(kept.mapped("raw"), [b"PK\x03\x04 Probe: the whole file"] * 2)

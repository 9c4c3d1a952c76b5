import io
import json
import zipfile

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common_probe import ProbeCommon


@tagged("post_install", "-at_install")
class TestAccessExport(ProbeCommon):
    """GDPR art. 15: the Manager exports everything the service holds on a patient."""

    def _export(self, user, patient):
        action = self.rpc(user, "res.partner", "action_social_access_export", [patient.ids])
        # the route that delivers it is tested over HTTP in test_access_export_http.py
        self.assertEqual(action["url"], f"/social_case/access_export/{patient.id}")
        name, content = patient.with_user(user)._social_access_export_zip()
        self.assertTrue(name.endswith(".zip"))
        archive = zipfile.ZipFile(io.BytesIO(content))
        names = archive.namelist()
        data = json.loads(archive.read(next(n for n in names if n.endswith(".json"))))
        readable = next(n for n in names if not n.endswith(".json"))
        return data, archive.read(readable)

    def test_export_holds_every_section_and_withholds_third_party_notes(self):
        env = self.env
        case = self.case_restricted  # even a restricted case: the patient has the right
        env["social.case.note"].create(
            {"case_id": case.id, "body": "<p>Export: asked for help with the rent</p>"}
        )
        env["social.case.note"].create(
            {
                "case_id": case.id,
                "body": "<p>Export: the neighbour confided her own illness</p>",
                "third_party_info": True,
                "third_party_reason": "Confided by the neighbour about herself",
            }
        )
        env["social.case.contact"].create(
            {"case_id": case.id, "role": "gp", "name": "Dr Export Verbeke"}
        )
        self.patient_restricted.sudo().social_niss = "90.10.11-222.50"
        env["social.case.need"].create(
            {"case_id": case.id, "need_type_id": env.ref("social_case.need_home_care").id}
        )
        env["social.consent"].create(
            {"case_id": case.id, "purpose_id": env.ref("social_case.consent_purpose_cpas").id}
        )
        env["social.case.access.log"].with_user(self.worker_b)._log(case, "open")
        for user in (self.worker_b, self.coordinator, self.nurse):
            with self.assertRefused(exceptions=AccessError):
                self.rpc(
                    user,
                    "res.partner",
                    "action_social_access_export",
                    [self.patient_restricted.ids],
                )
        data, readable = self._export(self.manager, self.patient_restricted)
        for section in (
            "patient",
            "cases",
            "episodes",
            "needs",
            "people_around",
            "interventions",
            "procedures",
            "notes",
            "withheld_notes",
            "consents",
            "access_log",
            "discharge_plans",
            "discharge_requests",
            "liaison_requests",
        ):
            self.assertIn(section, data)
        self.assertEqual(data["cases"][0]["Reference"], case.name)
        self.assertEqual(len(data["needs"]), 1)
        self.assertEqual(data["people_around"][0]["Name"], "Dr Export Verbeke")
        self.assertEqual(data["patient"][0]["National Number (NISS/INSZ)"], "90.10.11-222.50")
        self.assertEqual(len(data["consents"]), 1)
        bodies = json.dumps(data["notes"])
        self.assertIn("asked for help with the rent", bodies)
        self.assertNotIn("neighbour", bodies)
        self.assertEqual(
            [row["reason"] for row in data["withheld_notes"]],
            ["Confided by the neighbour about herself"],
        )
        self.assertNotIn(b"confided her own illness", readable)
        self.assertIn(b"asked for help with the rent", readable)
        operations = [row["Operation"] for row in data["access_log"]]
        self.assertIn("Opened", operations)
        # the export is itself logged, when the request commits
        env.cr.flush()
        log = env["social.case.access.log"].search(
            [("case_id", "=", case.id), ("operation", "=", "export")]
        )
        self.assertEqual(set(log.mapped("user_id")), {self.manager})
        self.assertIn(case, log.mapped("case_id"))

    def test_openings_of_notes_are_logged_and_filtered_by_patient(self):
        note = self.env["social.case.note"].create(
            {"case_id": self.case_a.id, "body": "<p>Log: a note</p>"}
        )
        self.rpc(self.worker_a, "social.case.note", "web_read", [note.ids, {"body": {}}])
        # reading only the name (a list, a many2one) is not an opening
        self.rpc(self.worker_a, "social.case.note", "web_read", [note.ids, {"display_name": {}}])
        logs = self.rpc(
            self.manager,
            "social.case.access.log",
            "search_read",
            [[("patient_id", "=", self.patient_a.id)], ["operation", "res_model", "user_id"]],
        )
        self.assertEqual(
            [(row["operation"], row["res_model"], row["user_id"][0]) for row in logs],
            [("open", "social.case.note", self.worker_a.id)],
        )
        with self.assertRaises(AccessError):
            self.rpc(self.worker_a, "social.case.access.log", "search", [[]])

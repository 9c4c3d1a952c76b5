import json

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common_probe import ProbeCommon


@tagged("post_install", "-at_install")
class TestAccessExport(ProbeCommon):
    """GDPR art. 15: the Manager exports everything the service holds on a patient."""

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
        data, readable = self.access_export(self.manager, self.patient_restricted)
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
            "plans",
            "plan_goals",
            "plan_actions",
            "flags",
            "referents",
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

    def test_export_holds_the_plan_the_flags_and_the_referents(self):
        """The plan agreed with the patient (its goals and actions), the flags on their case
        (removed ones too) and who followed them, with why the referent changed."""
        env = self.env
        case = self.case_a
        need = env["social.case.need"].create(
            {"case_id": case.id, "need_type_id": env.ref("social_case.need_home_care").id}
        )
        plan = env["social.case.plan"].with_user(self.worker_a).create({"case_id": case.id})
        goal = (
            env["social.case.plan.goal"]
            .with_user(self.worker_a)
            .create({"plan_id": plan.id, "need_id": need.id, "name": "Export: back home"})
        )
        env["social.case.plan.action"].with_user(self.worker_a).create(
            {
                "plan_id": plan.id,
                "goal_id": goal.id,
                "name": "Export: call the daughter",
                "owner_type": "relative",
                "owner_name": "Export Daughter",
            }
        )
        flag = (
            env["social.case.flag"]
            .with_user(self.worker_a)
            .create(
                {
                    "case_id": case.id,
                    "flag_type_id": env.ref("social_case.flag_type_interpreter").id,
                    "reason": "Export: speaks Dutch only",
                }
            )
        )
        flag.action_remove()
        colleague = new_test_user(env, "export_worker_a2", groups="social_case.group_social_worker")
        self.team_a.member_ids |= colleague
        case.with_context(
            social_referent_reason="Export: asked for a colleague"
        ).user_id = colleague
        data, readable = self.access_export(self.manager, self.patient_a)
        self.assertEqual([row["Version"] for row in data["plans"]], [1])
        self.assertEqual(
            [(row["Goal"], row["Status"]) for row in data["plan_goals"]],
            [("Export: back home", "Open")],
        )
        self.assertEqual(
            [(row["Action"], row["Service or Person"]) for row in data["plan_actions"]],
            [("Export: call the daughter", "Export Daughter")],
        )
        self.assertEqual(
            [(row["Reason"], row["Active"]) for row in data["flags"]],
            [("Export: speaks Dutch only", False)],
        )
        self.assertEqual(
            {(row["Referent"], row["Reason"]) for row in data["referents"]},
            {(colleague.name, "Export: asked for a colleague"), (self.worker_a.name, None)},
        )
        for text in (b"Export: back home", b"Export: speaks Dutch only", b"asked for a colleague"):
            self.assertIn(text, readable)

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

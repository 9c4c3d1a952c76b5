from odoo.tests import tagged

from .test_plan_sign_off import SignOffCommon


@tagged("post_install", "-at_install")
class TestAccessExportRequests(SignOffCommon):
    """The patient's file (right of access) holds the aid asked for them, the closure of
    their case and the sign-offs of both and of their plan, with the reviewers' comments."""

    def test_the_file_holds_the_requests_and_their_sign_offs(self):
        env = self.env
        env.company.social_aid_head_threshold = 500.0
        plan = self.make_plan(self.worker_a, self.case_a)
        self.rpc(self.worker_a, "social.case.plan", "request_validation", [plan.ids])
        self.decide(self.coordinator, plan, "validate_tier", "Export: realistic goals")
        aid_id = self.rpc(
            self.worker_a,
            "social.aid.request",
            "create",
            [
                {
                    "case_id": self.case_a.id,
                    "amount": 120.0,
                    "fund": "cpas",
                    "purpose": "Export: rent arrears",
                }
            ],
        )
        self.rpc(self.worker_a, "social.aid.request", "action_submit", [[aid_id]])
        aid = env["social.aid.request"].browse(aid_id)
        self.decide(self.coordinator, aid, "reject_tier", "Export: the CPAS pays it")
        action = self.rpc(self.worker_a, "social.case", "action_request_closure", [self.case_a.ids])
        self.rpc(
            self.worker_a,
            "social.case.closure.request",
            "create",
            [
                {
                    "close_reason": "goal_reached",
                    "outcome": "achieved",
                    "summary": "Export: home help twice a week",
                }
            ],
            context=action["context"],
        )
        data, readable = self.access_export(self.manager, self.patient_a)
        self.assertEqual(
            [(row["Purpose"], row["Amount"], row["State"]) for row in data["aid_requests"]],
            [("Export: rent arrears", 120.0, "Refused")],
        )
        self.assertEqual(
            [(row["Summary for the File"], row["State"]) for row in data["closure_requests"]],
            [("Export: home help twice a week", "Draft")],
        )
        self.assertEqual(
            sorted((row["Record"], row["Status"], row["Comments"]) for row in data["sign_offs"]),
            [
                (aid.name, "Rejected", "Export: the CPAS pays it"),
                (plan.display_name, "Approved", "Export: realistic goals"),
            ],
        )
        self.assertEqual({row["Done By"] for row in data["sign_offs"]}, {self.coordinator.name})
        for text in (b"Export: rent arrears", b"Export: home help", b"Export: the CPAS pays it"):
            self.assertIn(text, readable)
        # the other team's patient's file holds none of it
        other, _readable = self.access_export(self.manager, self.patient_b)
        self.assertEqual(
            (other["aid_requests"], other["closure_requests"], other["sign_offs"]), ([], [], [])
        )

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import DischargeCase

MODELS = [
    "social.discharge.plan",
    "social.discharge.task",
    "social.discharge.request",
    "social.discharge.template",
    "social.discharge.stage",
    "social.discharge.delay.reason",
]
# role -> model -> (read, write, create, unlink)
EXPECTED = {
    "volunteer": {m: (0, 0, 0, 0) for m in MODELS},
    "nurse": {
        "social.discharge.plan": (1, 0, 0, 0),
        "social.discharge.task": (0, 0, 0, 0),
        "social.discharge.request": (0, 0, 0, 0),
        "social.discharge.template": (0, 0, 0, 0),
        "social.discharge.stage": (1, 0, 0, 0),
        "social.discharge.delay.reason": (1, 0, 0, 0),
    },
    "worker_a": {
        "social.discharge.plan": (1, 1, 1, 0),
        "social.discharge.task": (1, 1, 1, 0),
        "social.discharge.request": (1, 1, 1, 0),
        "social.discharge.template": (1, 0, 0, 0),
        "social.discharge.stage": (1, 0, 0, 0),
        "social.discharge.delay.reason": (1, 0, 0, 0),
    },
    "manager": {m: (1, 1, 1, 1) for m in MODELS},
}


@tagged("post_install", "-at_install")
class TestDischargeSecurity(DischargeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan.action_apply_template()
        cls.request = cls.env["social.discharge.request"].create(
            {"plan_id": cls.plan.id, "partner_id": cls.providers[0].id, "channel": "phone"}
        )
        cls.request.action_send()
        cls.plan.message_post(body="Call with the nursing home about the price")

    def test_access_table(self):
        for role, expected in EXPECTED.items():
            user = getattr(self, role)
            for model, rights in expected.items():
                got = tuple(
                    int(self.env[model].with_user(user).has_access(op))
                    for op in ("read", "write", "create", "unlink")
                )
                self.assertEqual(got, rights, f"{role} on {model}")

    def test_no_access_line_without_group(self):
        lines = self.env["ir.model.access"].search(
            [("model_id.model", "=like", "social.discharge%"), ("group_id", "=", False)]
        )
        self.assertFalse(lines)

    def test_worker_sees_own_team_plans_only(self):
        self.env.invalidate_all()
        Plan = self.env["social.discharge.plan"]
        own = Plan.with_user(self.worker_a).search(
            [("id", "in", (self.plan | self.plan_restricted).ids)]
        )
        self.assertEqual(own, self.plan)
        self.assertEqual(
            Plan.with_user(self.worker_b).search_count([("id", "=", self.plan.id)]),
            0,
            "not their team, team B does not share",
        )
        with self.assertRaises(AccessError):
            self.plan.with_user(self.worker_b).read(["stage_id"])
        with self.assertRaises(AccessError):
            self.request.with_user(self.worker_b).read(["state"])
        with self.assertRaises(AccessError):
            self.plan.task_ids[0].with_user(self.worker_b).read(["name"])
        self.assertEqual(
            Plan.with_user(self.worker_b).search([("id", "=", self.plan_restricted.id)]),
            self.plan_restricted,
            "referent of the restricted case",
        )

    def test_coordinator_and_manager(self):
        self.env.invalidate_all()
        Plan = self.env["social.discharge.plan"]
        ids = (self.plan | self.plan_restricted).ids
        self.assertEqual(Plan.with_user(self.coordinator).search([("id", "in", ids)]), self.plan)
        # the head of service reaches a restricted case's plan only through an emergency access
        self.assertEqual(Plan.with_user(self.manager).search([("id", "in", ids)]), self.plan)
        self.env["social.case.break.glass"].with_user(self.manager).create(
            {
                "case_reference": self.plan_restricted.case_id.name,
                "reason": "The referent is absent and the family must be called today.",
            }
        ).action_confirm()
        self.env.invalidate_all()
        self.assertEqual(len(Plan.with_user(self.manager).search([("id", "in", ids)])), 2)

    def test_nurse_reads_stage_and_dates_not_correspondence(self):
        self.env.invalidate_all()
        plan = self.plan.with_user(self.nurse)
        values = plan.read(["stage_id", "expected_discharge_date", "readiness"])[0]
        self.assertEqual(values["stage_id"][0], self.plan.stage_id.id)
        self.assertEqual(values["expected_discharge_date"], self.plan.expected_discharge_date)
        with self.assertRaises(AccessError):
            plan.write({"expected_discharge_date": self.today})
        with self.assertRaises(AccessError):
            plan.read(["task_ids"])
        with self.assertRaises(AccessError):
            plan.read(["request_ids"])
        with self.assertRaises(AccessError):
            self.request.with_user(self.nurse).read(["state"])
        # the plan's chatter is not for the care team
        Message = self.env["mail.message"].with_user(self.nurse)
        self.assertEqual(
            Message.search_count(
                [("model", "=", "social.discharge.plan"), ("res_id", "=", self.plan.id)]
            ),
            0,
        )
        with self.assertRaises(AccessError):
            self.plan.message_ids[0].with_user(self.nurse).read(["body"])
        self.assertEqual(
            Message.search_count([("body", "ilike", "nursing home about the price")]), 0
        )
        # the worker still reads it
        self.assertTrue(
            self.env["mail.message"]
            .with_user(self.worker_a)
            .search_count([("model", "=", "social.discharge.plan"), ("res_id", "=", self.plan.id)])
        )
        # and the restricted case's plan stays hidden
        with self.assertRaises(AccessError):
            self.plan_restricted.with_user(self.nurse).read(["stage_id"])

    def test_liaison_reads_nothing(self):
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            self.plan.with_user(self.volunteer).read(["stage_id"])
        with self.assertRaises(AccessError):
            self.env["social.discharge.plan"].with_user(self.volunteer).search_count([])

    def test_worker_cannot_delete_but_archives(self):
        with self.assertRaises(AccessError):
            self.plan.with_user(self.worker_a).unlink()
        with self.assertRaises(AccessError):
            self.request.with_user(self.worker_a).unlink()
        self.plan.with_user(self.worker_a).action_archive()
        self.assertFalse(self.plan.active)
        self.request.with_user(self.worker_a).action_withdraw()
        self.assertEqual(self.request.state, "withdrawn")

    def test_letter_report_refused_to_care_team(self):
        report = self.env.ref("social_discharge.action_report_liaison_letter")
        bindings = (
            self.env["ir.actions.actions"]
            .with_user(self.nurse)
            .get_bindings("social.discharge.plan")
        )
        self.assertNotIn(report.id, [a["id"] for a in bindings.get("report", [])])
        for user in (self.nurse, self.volunteer, self.worker_b):
            self.env.invalidate_all()
            with self.assertRaises(AccessError, msg=user.login):
                report.with_user(user)._render_qweb_html(report.report_name, self.plan.ids)
        html = report.with_user(self.worker_a)._render_qweb_html(report.report_name, self.plan.ids)
        self.assertIn("Patient Discharge", str(html[0]))

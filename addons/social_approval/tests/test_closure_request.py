from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .test_plan_sign_off import BUTTONS, SignOffCommon


@tagged("post_install", "-at_install")
class TestClosureRequest(SignOffCommon):
    """A case is closed through a closure request that the coordinator signs off; the
    sign-off closes the case with the reason, and the summary goes to its chatter."""

    def ask_closure(self, user, case):
        action = self.rpc(user, "social.case", "action_request_closure", [case.ids])
        request_id = self.rpc(
            user,
            "social.case.closure.request",
            "create",
            [
                {
                    "close_reason": "goal_reached",
                    "outcome": "achieved",
                    "summary": "Home help twice a week, the GP follows",
                }
            ],
            context=action["context"],
        )
        return self.env["social.case.closure.request"].browse(request_id)

    def test_the_case_closes_only_after_the_sign_off(self):
        closed = self.env.ref("social_case.stage_closed")
        # the referent cannot close the case by hand
        with self.assertRefused(self.case_a, exceptions=(UserError,)) as caught:
            self.rpc(
                self.worker_a, "social.case", "write", [self.case_a.ids, {"stage_id": closed.id}]
            )
        self.assertIn("closure request", str(caught.exception))
        request = self.ask_closure(self.worker_a, self.case_a)
        self.assertEqual(request.case_id, self.case_a)
        self.rpc(self.worker_a, "social.case.closure.request", "action_submit", [request.ids])
        self.env.invalidate_all()
        self.assertEqual(request.state, "submitted")
        self.assertFalse(self.case_a.is_closed)
        with self.assertRefused(request, exceptions=(AccessError,)):
            self.rpc(self.worker_a, "social.case.closure.request", "validate_tier", [request.ids])
        # the request stays as it was asked
        with self.assertRefused(request):
            self.rpc(
                self.worker_a,
                "social.case.closure.request",
                "write",
                [request.ids, {"summary": "Changed"}],
            )
        # asking again opens the same request
        action = self.rpc(self.worker_a, "social.case", "action_request_closure", [self.case_a.ids])
        self.assertEqual(action["res_id"], request.id)
        self.decide(self.coordinator, request, "validate_tier", "Agreed, well done")
        self.env.invalidate_all()
        self.assertEqual(request.state, "approved")
        self.assertTrue(self.case_a.is_closed)
        self.assertEqual(self.case_a.close_reason, "goal_reached")
        self.assertTrue(self.case_a.date_closed)
        case_notes = self.notes(self.case_a)
        self.assertTrue(any("Home help twice a week" in body for body in case_notes))
        self.assertTrue(any("Agreed, well done" in body for body in self.notes(request)))

    def test_a_refused_closure_leaves_the_case_open(self):
        request = self.ask_closure(self.worker_a, self.case_a)
        self.rpc(self.worker_a, "social.case.closure.request", "action_submit", [request.ids])
        self.decide(self.coordinator, request, "reject_tier", "The discharge is not organised")
        self.env.invalidate_all()
        self.assertEqual(request.state, "refused")
        self.assertFalse(self.case_a.is_closed)
        self.rpc(self.worker_a, "social.case.closure.request", "action_draft", [request.ids])
        self.rpc(
            self.worker_a,
            "social.case.closure.request",
            "write",
            [request.ids, {"summary": "Discharge organised with home nursing"}],
        )
        self.rpc(self.worker_a, "social.case.closure.request", "action_submit", [request.ids])
        self.decide(self.coordinator, request, "validate_tier", "Fine")
        self.env.invalidate_all()
        self.assertTrue(self.case_a.is_closed)

    def test_who_asks_reads_and_signs_off(self):
        request = self.ask_closure(self.worker_a, self.case_a)
        self.rpc(self.worker_a, "social.case.closure.request", "action_submit", [request.ids])
        for user in (self.worker_b, self.nurse, self.volunteer, self.chaplain):
            with self.assertRefused(request, exceptions=(AccessError,)):
                self.rpc(user, "social.case.closure.request", "read", [request.ids, ["summary"]])
            for method in (*BUTTONS, "action_submit", "action_draft"):
                with self.assertRefused(request, self.case_a):
                    self.rpc(user, "social.case.closure.request", method, [request.ids])
            with self.assertRefused(self.case_a):
                self.rpc(user, "social.case", "action_request_closure", [self.case_a.ids])
        # another team's worker cannot ask the closure of a case they may not read
        with self.assertRefused(self.case_a):
            self.ask_closure(self.worker_b, self.case_a)
        # the state is the buttons'
        draft = self.env["social.case.closure.request"].browse(
            self.rpc(
                self.worker_a,
                "social.case.closure.request",
                "create",
                [
                    {
                        "case_id": self.case_a.id,
                        "close_reason": "moved",
                        "outcome": "not_applicable",
                        "summary": "Moved to Liège",
                    }
                ],
            )
        )
        with self.assertRefused(draft):
            self.rpc(
                self.worker_a,
                "social.case.closure.request",
                "write",
                [draft.ids, {"state": "approved"}],
            )

    def test_a_coordinator_closes_a_case_directly(self):
        closed = self.env.ref("social_case.stage_closed")
        self.rpc(
            self.coordinator,
            "social.case",
            "write",
            [self.case_a.ids, {"stage_id": closed.id, "close_reason": "moved"}],
        )
        self.env.invalidate_all()
        self.assertTrue(self.case_a.is_closed)

    def test_without_closure_tier_the_referent_closes(self):
        self.env["tier.definition"].search(
            [("model", "=", "social.case.closure.request")]
        ).active = False
        closed = self.env.ref("social_case.stage_closed")
        self.rpc(self.worker_a, "social.case", "write", [self.case_a.ids, {"stage_id": closed.id}])
        self.env.invalidate_all()
        self.assertTrue(self.case_a.is_closed)

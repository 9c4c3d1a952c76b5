from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .test_plan_sign_off import BUTTONS, SignOffCommon


@tagged("post_install", "-at_install")
class TestAidRequest(SignOffCommon):
    """A financial aid request over RPC, as each role: made by the referent's team,
    signed off by the coordinator, and by the head of service above the site's threshold."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.social_aid_head_threshold = 500.0

    def make_request(self, user, case, amount):
        request_id = self.rpc(
            user,
            "social.aid.request",
            "create",
            [{"case_id": case.id, "amount": amount, "fund": "cpas", "purpose": "Rent arrears"}],
        )
        return self.env["social.aid.request"].browse(request_id)

    def found(self, user, model, records):
        """What ``user`` finds of ``records`` by search: nothing, or refused."""
        try:
            return self.rpc(user, model, "search", [[("id", "in", records.ids)]])
        except AccessError:
            return []

    def test_below_the_threshold_the_coordinator_signs_off(self):
        request = self.make_request(self.worker_a, self.case_a, 300.0)
        self.assertTrue(request.name.startswith("AID/"))
        self.rpc(self.worker_a, "social.aid.request", "action_submit", [request.ids])
        self.env.invalidate_all()
        self.assertEqual(request.state, "submitted")
        self.assertEqual(request.review_ids.reviewer_ids, self.coordinator)
        # the referent cannot sign off their own request, nor change it once submitted
        with self.assertRefused(request, exceptions=(AccessError,)):
            self.rpc(self.worker_a, "social.aid.request", "validate_tier", [request.ids])
        with self.assertRefused(request):
            self.rpc(self.worker_a, "social.aid.request", "write", [request.ids, {"amount": 50.0}])
        self.decide(self.coordinator, request, "validate_tier", "Granted")
        self.env.invalidate_all()
        self.assertEqual(request.state, "approved")
        self.rpc(self.worker_a, "social.aid.request", "action_paid", [request.ids])
        self.env.invalidate_all()
        self.assertEqual(request.state, "paid")
        self.assertTrue(request.date_paid)
        self.assertTrue(any("Granted" in body for body in self.notes(request)))

    def test_above_the_threshold_the_head_of_service_signs_off_after(self):
        request = self.make_request(self.worker_a, self.case_a, 800.0)
        self.assertTrue(request.needs_head_approval)
        self.rpc(self.worker_a, "social.aid.request", "action_submit", [request.ids])
        self.env.invalidate_all()
        reviews = request.review_ids.sorted("sequence")
        self.assertEqual(len(reviews), 2)
        self.assertEqual(reviews[0].reviewer_ids, self.coordinator)
        self.assertIn(self.manager, reviews[1].reviewer_ids)
        # the head of service signs off after the coordinator, not before
        with self.assertRefused(request, exceptions=(AccessError,)):
            self.rpc(self.manager, "social.aid.request", "validate_tier", [request.ids])
        self.decide(self.coordinator, request, "validate_tier", "Fine for me")
        self.env.invalidate_all()
        self.assertEqual(request.state, "submitted")
        self.decide(self.manager, request, "validate_tier", "Granted by the head")
        self.env.invalidate_all()
        self.assertEqual(request.state, "approved")

    def test_the_threshold_is_set_in_settings(self):
        settings = Form(self.env["res.config.settings"])
        settings.social_aid_head_threshold = 1000.0
        settings.save().execute()
        self.assertEqual(self.env.company.social_aid_head_threshold, 1000.0)
        request = self.make_request(self.worker_a, self.case_a, 800.0)
        self.assertFalse(request.needs_head_approval)
        self.rpc(self.worker_a, "social.aid.request", "action_submit", [request.ids])
        self.env.invalidate_all()
        self.assertEqual(request.review_ids.reviewer_ids, self.coordinator)

    def test_a_refused_request_is_changed_and_submitted_again(self):
        request = self.make_request(self.worker_a, self.case_a, 800.0)
        self.rpc(self.worker_a, "social.aid.request", "action_submit", [request.ids])
        self.decide(self.coordinator, request, "reject_tier", "Ask the insurer first")
        self.env.invalidate_all()
        self.assertEqual(request.state, "refused")
        self.assertTrue(any("Ask the insurer first" in body for body in self.notes(request)))
        self.rpc(self.worker_a, "social.aid.request", "action_draft", [request.ids])
        self.rpc(
            self.worker_a,
            "social.aid.request",
            "write",
            [request.ids, {"fund": "insurer", "amount": 200.0}],
        )
        self.rpc(self.worker_a, "social.aid.request", "action_submit", [request.ids])
        self.decide(self.coordinator, request, "validate_tier", "Fine")
        self.env.invalidate_all()
        self.assertEqual(request.state, "approved")

    def test_who_creates_reads_and_signs_off(self):
        """Another team's worker, the care team and liaison providers neither make, read
        nor sign off a request; no state, reference or review is set by hand."""
        request = self.make_request(self.worker_a, self.case_a, 300.0)
        self.rpc(self.worker_a, "social.aid.request", "action_submit", [request.ids])
        for user in (self.worker_b, self.nurse, self.volunteer, self.chaplain):
            self.assertEqual(self.found(user, "social.aid.request", request), [])
            self.assertEqual(self.found(user, "tier.review", request.review_ids), [])
            with self.assertRefused(request, exceptions=(AccessError,)):
                self.rpc(user, "social.aid.request", "read", [request.ids, ["amount"]])
            with self.assertRefused(request):
                self.rpc(
                    user,
                    "social.aid.request",
                    "create",
                    [{"case_id": self.case_a.id, "amount": 10.0, "fund": "other", "purpose": "X"}],
                )
            for method in (*BUTTONS, "action_submit", "action_paid", "action_draft"):
                with self.assertRefused(request):
                    self.rpc(user, "social.aid.request", method, [request.ids])
        # the coordinator and the Manager read it
        for user in (self.coordinator, self.manager):
            rows = self.rpc(user, "social.aid.request", "read", [request.ids, ["amount"]])
            self.assertEqual(rows[0]["amount"], 300.0)
        draft = self.make_request(self.worker_a, self.case_a, 100.0)
        for vals in ({"state": "approved"}, {"name": "AID/FORGED"}, {"date_paid": "2026-01-01"}):
            with self.assertRefused(draft):
                self.rpc(self.worker_a, "social.aid.request", "write", [draft.ids, vals])
        with self.assertRefused(draft):
            self.rpc(self.worker_a, "social.aid.request", "write", [draft.ids, {"amount": -5.0}])
        # nor on a case the worker may not read
        with self.assertRefused(request):
            self.make_request(self.worker_a, self.case_b, 100.0)

    def test_the_case_shows_its_requests(self):
        self.make_request(self.worker_a, self.case_a, 100.0)
        rows = self.rpc(
            self.worker_a, "social.case", "read", [self.case_a.ids, ["aid_request_count"]]
        )
        self.assertEqual(rows[0]["aid_request_count"], 1)
        action = self.rpc(
            self.worker_a, "social.case", "action_open_aid_requests", [self.case_a.ids]
        )
        self.assertEqual(action["res_model"], "social.aid.request")

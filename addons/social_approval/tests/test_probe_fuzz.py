from odoo.tests import tagged

from odoo.addons.social_case.tests.fuzz import run_fuzz

from .test_plan_sign_off import SignOffCommon


@tagged("post_install", "-at_install")
class TestProbeFuzz(SignOffCommon):
    """SECURITY.md #13: crafted creates and writes of a financial aid request and of a
    closure request, as a worker and as a coordinator: a translated refusal or a plausible
    record, never a traceback nor a partial write."""

    def test_fuzz_aid_request(self):
        target = self.env["social.aid.request"].create(
            {"case_id": self.case_a.id, "amount": 120.0, "fund": "other", "purpose": "Fuzz"}
        )
        run_fuzz(
            self,
            "social.aid.request",
            lambda user: {
                "case_id": self.case_a.id,
                "amount": 50.0,
                "fund": "cpas",
                "purpose": "Fuzzed aid",
            },
            target,
        )

    def test_fuzz_closure_request(self):
        target = self.env["social.case.closure.request"].create(
            {
                "case_id": self.case_a.id,
                "close_reason": "moved",
                "outcome": "not_applicable",
                "summary": "Fuzz",
            }
        )
        run_fuzz(
            self,
            "social.case.closure.request",
            lambda user: {
                "case_id": self.case_a.id,
                "close_reason": "goal_reached",
                "outcome": "achieved",
                "summary": "Fuzzed closure",
            },
            target,
        )

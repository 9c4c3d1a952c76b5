from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import DischargeCase


@tagged("post_install", "-at_install")
class TestPlanRequests(DischargeCase):
    """An action of the case plan carried out by a request to a provider: linked to a
    request of the same case, done when the provider accepts, carried by a review."""

    def _request(self, plan=None, provider=None):
        return self.env["social.discharge.request"].create(
            {
                "plan_id": (plan or self.plan).id,
                "partner_id": (provider or self.providers[0]).id,
                "need_type_id": self.home_care.id,
            }
        )

    def _action(self, request, user=None):
        case_plan = self.env["social.case.plan"].search(
            [("case_id", "=", self.case.id), ("is_current", "=", True)]
        ) or self.env["social.case.plan"].create({"case_id": self.case.id})
        return (
            self.env["social.case.plan.action"]
            .with_user(user or self.worker_a)
            .create(
                {
                    "plan_id": case_plan.id,
                    "name": "Find home nursing",
                    "owner_type": "referent",
                    "discharge_request_id": request.id,
                }
            )
        )

    def test_the_action_is_done_when_the_provider_accepts(self):
        request = self._request()
        action = self._action(request)
        self.assertEqual(action.state, "todo")
        request.with_user(self.worker_a).action_send()
        self.assertEqual(action.state, "todo")
        request.with_user(self.worker_a).action_accept()
        self.assertEqual((action.state, action.date_done), ("done", self.today))

    def test_a_review_carries_the_link(self):
        request = self._request()
        action = self._action(request)
        plan = action.plan_id
        plan.with_user(self.worker_a).action_review()
        new = plan.case_id.plan_id
        self.assertNotEqual(new, plan)
        self.assertEqual(new.plan_action_ids.discharge_request_id, request)

    def test_only_a_request_of_the_plans_case(self):
        other = self._request(plan=self.plan_restricted)
        with self.assertRaises(ValidationError):
            self._action(other, user=self.env.user)
        # and the worker may not even name a request they may not read
        with self.assertRaises(AccessError):
            self._action(other)

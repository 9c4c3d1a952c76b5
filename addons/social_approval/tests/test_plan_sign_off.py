from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.social_case.tests.common_probe import ProbeCommon

# the public buttons of base_tier_validation on a record
BUTTONS = ("request_validation", "restart_validation", "validate_tier", "reject_tier")


class SignOffCommon(ProbeCommon):
    """The probe's roles, with the coordinator leading team A; team B has no leader."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team_a.leader_id = cls.coordinator
        cls.need_type = cls.env.ref("social_case.need_home_care")
        cls.env.flush_all()

    def make_plan(self, user, case):
        """``user`` makes a plan for ``case`` with one goal and one action, over RPC."""
        need = self.env["social.case.need"].create(
            {"case_id": case.id, "need_type_id": self.need_type.id}
        )
        plan_id = self.rpc(user, "social.case.plan", "create", [{"case_id": case.id}])
        goal_id = self.rpc(
            user,
            "social.case.plan.goal",
            "create",
            [{"plan_id": plan_id, "need_id": need.id, "name": "Home help twice a week"}],
        )
        self.rpc(
            user,
            "social.case.plan.action",
            "create",
            [
                {
                    "plan_id": plan_id,
                    "goal_id": goal_id,
                    "name": "Call the home help service",
                    "owner_type": "patient",
                }
            ],
        )
        return self.env["social.case.plan"].browse(plan_id)

    def decide(self, user, record, method, comment):
        """``user`` presses Sign Off or Refuse on ``record`` and writes ``comment`` in the
        wizard that opens, as the web client does."""
        action = self.rpc(user, record._name, method, [record.ids])
        self.assertEqual(action["res_model"], "comment.wizard")
        context = action["context"]
        wizard_id = self.rpc(
            user, "comment.wizard", "create", [{"comment": comment}], context=context
        )
        self.rpc(user, "comment.wizard", "add_comment", [[wizard_id]])

    def notes(self, record):
        self.env.invalidate_all()
        return [message.body for message in record.message_ids]


@tagged("post_install", "-at_install")
class TestPlanSignOff(SignOffCommon):
    def test_the_team_coordinator_signs_off_the_plan(self):
        """The referent asks for the sign-off; the plan stays a draft until the leader of
        the case's team signs it off with a comment; the request, the decision and the
        comment are in the plan's chatter."""
        plan = self.make_plan(self.worker_a, self.case_a)
        self.assertEqual(plan.state, "draft")
        self.assertEqual(plan.coordinator_id, self.coordinator)
        self.rpc(self.worker_a, "social.case.plan", "request_validation", [plan.ids])
        self.env.invalidate_all()
        self.assertEqual(plan.validation_status, "pending")
        self.assertEqual(plan.review_ids.reviewer_ids, self.coordinator)
        self.assertEqual(plan.review_ids.requested_by, self.worker_a)
        # the referent can neither activate it nor sign it off
        with self.assertRefused(plan):
            self.rpc(self.worker_a, "social.case.plan", "action_activate", [plan.ids])
        with self.assertRefused(plan, exceptions=(AccessError,)):
            self.rpc(self.worker_a, "social.case.plan", "validate_tier", [plan.ids])
        self.decide(self.coordinator, plan, "validate_tier", "Realistic goals, go ahead")
        self.env.invalidate_all()
        self.assertEqual(plan.state, "active")
        self.assertEqual(plan.validation_status, "validated")
        self.assertEqual(plan.review_ids.done_by, self.coordinator)
        self.assertEqual(plan.review_ids.comment, "Realistic goals, go ahead")
        notes = self.notes(plan)
        self.assertTrue(any("Sign-off asked of Probe Coordinator" in body for body in notes))
        signed = [body for body in notes if "Signed off by Probe Coordinator" in body]
        self.assertEqual(len(signed), 1, notes)
        self.assertIn("Realistic goals, go ahead", signed[0])
        # the coordinator was told: a recipient of the request
        request = plan.message_ids.filtered(lambda m: "Sign-off asked" in m.body)
        self.assertEqual(request.partner_ids, self.coordinator.partner_id)

    def test_a_refused_plan_stays_a_draft_until_asked_again(self):
        """Refused with a comment: the plan stays a draft and cannot be changed until the
        referent asks again; then the coordinator signs off the new request."""
        plan = self.make_plan(self.worker_a, self.case_a)
        self.rpc(self.worker_a, "social.case.plan", "request_validation", [plan.ids])
        # under sign-off, the plan is kept as it was asked
        with self.assertRefused(plan):
            self.rpc(
                self.worker_a,
                "social.case.plan",
                "write",
                [plan.ids, {"review_date": "2031-01-01"}],
            )
        # a context key of base_tier_validation does not lift it for a client
        with self.assertRefused(plan):
            self.rpc(
                self.worker_a,
                "social.case.plan",
                "write",
                [plan.ids, {"review_date": "2031-01-01"}],
                context={"skip_validation_check": True},
            )
        with self.assertRefused(plan):
            self.rpc(self.worker_a, "social.case.plan", "action_review", [plan.ids])
        # its goals and actions too
        goal = plan.goal_ids
        with self.assertRefused(plan, goal):
            self.rpc(self.worker_a, "social.case.plan.goal", "write", [goal.ids, {"name": "New"}])
        with self.assertRefused(plan):
            self.rpc(
                self.worker_a,
                "social.case.plan.action",
                "create",
                [{"plan_id": plan.id, "name": "Added while waiting", "owner_type": "patient"}],
            )
        self.decide(self.coordinator, plan, "reject_tier", "Add the daughter's role")
        self.env.invalidate_all()
        self.assertEqual(plan.state, "draft")
        self.assertEqual(plan.validation_status, "rejected")
        refused = [body for body in self.notes(plan) if "Sign-off refused by" in body]
        self.assertEqual(len(refused), 1)
        self.assertIn("Add the daughter", refused[0])
        self.rpc(self.worker_a, "social.case.plan", "restart_validation", [plan.ids])
        self.rpc(
            self.worker_a, "social.case.plan", "write", [plan.ids, {"review_date": "2031-01-01"}]
        )
        self.rpc(self.worker_a, "social.case.plan", "request_validation", [plan.ids])
        self.decide(self.coordinator, plan, "validate_tier", "Fine now")
        self.env.invalidate_all()
        self.assertEqual(plan.state, "active")
        # the refusal stays in the chatter after the reviews were asked again
        self.assertTrue(any("Add the daughter" in body for body in self.notes(plan)))

    def test_a_team_without_leader_is_signed_off_by_a_coordinator(self):
        plan = self.make_plan(self.worker_b, self.case_b)
        self.assertFalse(plan.coordinator_id)
        self.rpc(self.worker_b, "social.case.plan", "request_validation", [plan.ids])
        self.env.invalidate_all()
        self.assertIn(self.coordinator, plan.review_ids.reviewer_ids)
        self.assertNotIn(self.worker_b, plan.review_ids.reviewer_ids)
        self.decide(self.coordinator, plan, "validate_tier", "Agreed")
        self.env.invalidate_all()
        self.assertEqual(plan.state, "active")

    def test_a_sign_off_no_reviewer_may_read_is_refused(self):
        """A restricted case is read by its referent and co-workers only: the sign-off of
        its plan is refused, with the reason, while the team's coordinator cannot read it."""
        self.team_b.leader_id = self.coordinator
        plan = self.make_plan(self.worker_b, self.case_restricted)
        with self.assertRefused(plan, exceptions=(UserError,)) as caught:
            self.rpc(self.worker_b, "social.case.plan", "request_validation", [plan.ids])
        self.assertIn("no reviewer may read this record", str(caught.exception))
        # a co-worker, the coordinator reads it and signs it off
        self.case_restricted.coworker_ids = self.coordinator
        self.rpc(self.worker_b, "social.case.plan", "request_validation", [plan.ids])
        self.decide(self.coordinator, plan, "validate_tier", "Seen as co-worker")
        self.env.invalidate_all()
        self.assertEqual(plan.state, "active")

    def test_an_active_plan_is_reviewed_into_a_new_draft(self):
        """Reviewing an active plan keeps it, reviewed, with its sign-off; the new version
        is a draft that needs its own sign-off."""
        plan = self.make_plan(self.worker_a, self.case_a)
        self.rpc(self.worker_a, "social.case.plan", "request_validation", [plan.ids])
        self.decide(self.coordinator, plan, "validate_tier", "Go")
        action = self.rpc(self.worker_a, "social.case.plan", "action_review", [plan.ids])
        new = self.env["social.case.plan"].browse(action["res_id"])
        self.env.invalidate_all()
        self.assertEqual(plan.state, "reviewed")
        self.assertEqual(plan.review_ids.status, "approved")
        self.assertEqual(new.state, "draft")
        self.assertTrue(new.need_validation)
        self.assertFalse(new.review_ids)

    def test_without_tier_the_referent_activates(self):
        """An administrator who removes the tiers lets the referent activate a plan."""
        self.env["tier.definition"].search([("model", "=", "social.case.plan")]).active = False
        plan = self.make_plan(self.worker_a, self.case_a)
        self.rpc(self.worker_a, "social.case.plan", "action_activate", [plan.ids])
        self.env.invalidate_all()
        self.assertEqual(plan.state, "active")


@tagged("post_install", "-at_install")
class TestProbeSignOff(SignOffCommon):
    """The reviews over RPC, as each role: read by the reviewers, the requester and who may
    read the plan; given only through the plan's buttons."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan = cls.plan_a = cls.env["social.case.plan"].create({"case_id": cls.case_a.id})
        cls.plan_a.with_user(cls.worker_a).request_validation()
        cls.env.flush_all()
        review = cls.plan_a.review_ids
        review.sudo().comment = "Probe secret comment"
        cls.review = review
        cls.env.flush_all()

    def test_reviews_are_read_as_the_plan_is(self):
        readers = {
            self.worker_a: True,  # the requester, of the team
            self.coordinator: True,  # the reviewer
            self.manager: True,
            self.worker_b: False,
            self.nurse: False,
            self.volunteer: False,
            self.chaplain: False,
        }
        failures = []
        domain = [("id", "=", self.review.id)]
        for user, reads in readers.items():
            with self.collect(failures, user=user.login):
                found = self.rpc(user, "tier.review", "search", [domain])
                self.assertEqual(bool(found), reads)
                count = self.rpc(
                    user, "tier.review", "search_count", [[("comment", "ilike", "Probe secret")]]
                )
                self.assertEqual(bool(count), reads)
                groups = self.rpc(
                    user,
                    "tier.review",
                    "read_group",
                    [[("model", "=", "social.case.plan")], ["status"], ["status"]],
                    {"lazy": False},
                )
                self.assertEqual(sum(g["__count"] for g in groups) > 0, reads)
                if reads:
                    rows = self.rpc(user, "tier.review", "read", [self.review.ids, ["comment"]])
                    self.assertEqual(rows[0]["comment"], "Probe secret comment")
                else:
                    with self.assertRaises(AccessError):
                        self.rpc(user, "tier.review", "read", [self.review.ids, ["comment"]])
        self.assertFalse(failures, "\n".join(failures))

    def test_a_portal_user_reads_no_review_of_ours(self):
        portal = self.env["res.users"].create(
            {
                "name": "Probe Portal",
                "login": "probe_portal",
                "groups_id": [(6, 0, self.env.ref("base.group_portal").ids)],
            }
        )
        self.assertEqual(
            self.rpc(portal, "tier.review", "search", [[("id", "=", self.review.id)]]), []
        )

    def test_reviews_are_given_through_the_buttons_only(self):
        """Writing, creating or deleting a review by hand, or through the plan's fields,
        is refused to everyone, the reviewer included."""
        plan, review = self.plan_a, self.review
        definition = review.definition_id
        for user in (self.worker_a, self.coordinator, self.worker_b, self.nurse):
            with self.assertRefused(plan, review):
                self.rpc(user, "tier.review", "write", [review.ids, {"status": "approved"}])
            with self.assertRefused(plan, review):
                self.rpc(user, "tier.review", "unlink", [review.ids])
            with self.assertRefused(plan, review):
                self.rpc(
                    user,
                    "tier.review",
                    "create",
                    [
                        {
                            "model": "social.case.plan",
                            "res_id": plan.id,
                            "definition_id": definition.id,
                            "status": "approved",
                        }
                    ],
                )
        for vals in (
            {"state": "active"},
            {"review_ids": [(1, review.id, {"status": "approved"})]},
            {"review_ids": [(5, 0, 0)]},
        ):
            with self.assertRefused(plan, review):
                self.rpc(self.worker_a, "social.case.plan", "write", [plan.ids, vals])

    def test_the_buttons_refused_to_who_may_not(self):
        """Another team's worker, a nurse and a volunteer press every sign-off button of
        the plan: refused, nothing changed; the requester cannot sign off their own
        request, nor through a wizard forged with the review."""
        plan, review = self.plan_a, self.review
        for user in (self.worker_b, self.nurse, self.volunteer):
            for method in BUTTONS:
                with self.assertRefused(plan, review):
                    self.rpc(user, "social.case.plan", method, [plan.ids])
        for user in (self.worker_a, self.worker_b):
            with self.assertRefused(plan, review):
                wizard = self.rpc(
                    user,
                    "comment.wizard",
                    "create",
                    [
                        {
                            "comment": "Forged",
                            "res_model": "social.case.plan",
                            "res_id": plan.id,
                            "review_ids": [(6, 0, review.ids)],
                            "validate_reject": "validate",
                        }
                    ],
                )
                self.rpc(user, "comment.wizard", "add_comment", [[wizard]])
        # asked twice
        with self.assertRefused(plan, review, exceptions=(UserError, ValidationError)):
            self.rpc(self.worker_a, "social.case.plan", "request_validation", [plan.ids])

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_probe import ProbeCommon
from .fuzz import implausible_numbers, run_fuzz

PLAN_MODELS = ("social.case.plan", "social.case.plan.goal", "social.case.plan.action")


def plan_problems(record):
    problems = implausible_numbers(record)
    if record._name == "social.case.plan" and not 0 <= record.progress <= 100:
        problems.append(f"progress={record.progress}")
    return problems


@tagged("post_install", "-at_install")
class TestProbePlan(ProbeCommon):
    """The case plan, its goals and its actions over RPC, as each role: readable and
    writable exactly where the case is, system fields refused, a reviewed version kept as
    it was agreed, crafted values refused cleanly."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        need_type = env.ref("social_case.need_home_care")
        cls.plans = {}
        for key, case in (
            ("a", cls.case_a),
            ("b", cls.case_b),
            ("restricted", cls.case_restricted),
            ("site_2", cls.case_site_2),
        ):
            need = env["social.case.need"].create(
                {"case_id": case.id, "need_type_id": need_type.id}
            )
            plan = env["social.case.plan"].create({"case_id": case.id})
            goal = env["social.case.plan.goal"].create(
                {"plan_id": plan.id, "need_id": need.id, "name": f"Probe goal {key}"}
            )
            action = env["social.case.plan.action"].create(
                {
                    "plan_id": plan.id,
                    "goal_id": goal.id,
                    "name": f"Probe action {key}",
                    "owner_type": "patient",
                }
            )
            cls.plans[key] = (plan, goal, action, need)
        env.flush_all()

    def _records(self, key):
        plan, goal, action, _need = self.plans[key]
        return {
            "social.case.plan": plan,
            "social.case.plan.goal": goal,
            "social.case.plan.action": action,
        }

    def _reads(self, user, model, record):
        """Whether ``user`` finds and reads ``record`` over RPC (search, read, count)."""
        try:
            found = self.rpc(user, model, "search", [[("id", "=", record.id)]])
            count = self.rpc(user, model, "search_count", [[("id", "=", record.id)]])
        except AccessError:
            found, count = [], 0
        try:
            self.rpc(user, model, "read", [record.ids, ["display_name"]])
            read = True
        except AccessError:
            read = False
        self.assertEqual(bool(found), read, f"{user.login} {model}: search and read disagree")
        self.assertEqual(bool(count), read, f"{user.login} {model}: count and read disagree")
        return read

    def test_every_role_reads_the_plans_of_the_cases_it_reads(self):
        """A worker reads the plans of their team's cases, not another team's, a restricted
        case's or another site's; the coordinator and the Manager the normal cases' of their
        site; the care team and liaison providers none."""
        expected = {
            self.worker_a: {"a"},
            self.worker_b: {"b", "restricted"},
            self.coordinator: {"a", "b"},
            self.manager: {"a", "b"},
            self.nurse: set(),
            self.volunteer: set(),
            self.chaplain: set(),
        }
        failures = []
        for user, keys in expected.items():
            for key in self.plans:
                for model, record in self._records(key).items():
                    with self.collect(failures, user=user.login, plan=key, model=model):
                        self.assertEqual(self._reads(user, model, record), key in keys)
        self.assertFalse(failures, "\n".join(failures))

    def test_writes_refused_where_the_case_is_not_readable(self):
        """Another team's worker, the care team and a volunteer cannot change a plan, add a
        goal or an action to it, or make a plan on a case they may not read."""
        plan, goal, action, need = self.plans["a"]
        for user in (self.worker_b, self.nurse, self.volunteer):
            with self.assertRefused(plan, goal, action):
                self.rpc(
                    user, "social.case.plan", "write", [plan.ids, {"review_date": "2030-01-01"}]
                )
            with self.assertRefused(goal):
                self.rpc(user, "social.case.plan.goal", "write", [goal.ids, {"name": "Forged"}])
            with self.assertRefused(action):
                self.rpc(user, "social.case.plan.action", "write", [action.ids, {"name": "Forged"}])
            with self.assertRefused(plan):
                self.rpc(
                    user,
                    "social.case.plan.action",
                    "create",
                    [{"plan_id": plan.id, "name": "Forged", "owner_type": "patient"}],
                )
            with self.assertRefused(plan):
                self.rpc(user, "social.case.plan", "action_review", [plan.ids])
        # a worker of team A on team B's case
        case_b_plan = self.plans["b"][0]
        with self.assertRefused(case_b_plan):
            self.rpc(self.worker_a, "social.case.plan", "create", [{"case_id": self.case_b.id}])
        # nor deleted, but by the Manager
        for model, record in self._records("a").items():
            with self.assertRefused(record, exceptions=(AccessError,)):
                self.rpc(self.worker_a, model, "unlink", [record.ids])

    def test_the_worker_works_on_the_plan(self):
        """The referent adds a goal and an action, ticks the action done: the progress and
        the date done are the system's."""
        plan, _goal, _action, need = self.plans["a"]
        goal_id = self.rpc(
            self.worker_a,
            "social.case.plan.goal",
            "create",
            [{"plan_id": plan.id, "need_id": need.id, "name": "Home help twice a week"}],
        )
        action_id = self.rpc(
            self.worker_a,
            "social.case.plan.action",
            "create",
            [
                {
                    "plan_id": plan.id,
                    "goal_id": goal_id,
                    "name": "Call the home help service",
                    "owner_type": "referent",
                    "date_due": "2030-01-15",
                }
            ],
        )
        self.rpc(self.worker_a, "social.case.plan.action", "action_done", [[action_id]])
        action = self.env["social.case.plan.action"].browse(action_id)
        self.assertEqual(action.state, "done")
        self.assertTrue(action.date_done)
        self.assertEqual(plan.done_actions, 1)
        self.assertEqual(plan.progress, 50.0)

    def test_system_fields_refused(self):
        """Version, current flag, previous version, progress and who recorded the
        agreement are the system's; so are an action's state, date done and activity."""
        plan, _goal, action, _need = self.plans["a"]
        other = self.plans["b"][0]
        forged = [
            ("social.case.plan", plan, "version", 7),
            ("social.case.plan", plan, "is_current", False),
            ("social.case.plan", plan, "previous_id", other.id),
            ("social.case.plan", plan, "progress", 100.0),
            ("social.case.plan", plan, "done_actions", 3),
            ("social.case.plan", plan, "agreement_user_id", self.worker_b.id),
            ("social.case.plan.action", action, "state", "done"),
            ("social.case.plan.action", action, "date_done", "2020-01-01"),
        ]
        failures = []
        for user in (self.worker_a, self.coordinator):
            for model, record, name, value in forged:
                with self.collect(failures, user=user.login, field=name):
                    with self.assertRefused(record):
                        self.rpc(user, model, "write", [record.ids, {name: value}])
        # and a new plan does not start as a later version
        with self.collect(failures, create="version"):
            with self.assertRefused(plan):
                self.rpc(
                    self.worker_a,
                    "social.case.plan",
                    "create",
                    [{"case_id": self.case_a.id, "version": 4, "is_current": False}],
                )
        self.assertFalse(failures, "\n".join(failures))

    def test_a_reviewed_version_is_kept_as_agreed(self):
        """After a review, the old version, its goals and its actions refuse any change
        with a clear message, and its actions' buttons too."""
        plan, goal, action, _need = self.plans["a"]
        self.rpc(self.worker_a, "social.case.plan", "action_review", [plan.ids])
        self.assertFalse(plan.is_current)
        for model, record, vals in (
            ("social.case.plan", plan, {"review_date": "2031-01-01"}),
            ("social.case.plan.goal", goal, {"status": "achieved"}),
            ("social.case.plan.action", action, {"name": "Rewritten"}),
        ):
            with self.assertRefused(record) as caught:
                self.rpc(self.worker_a, model, "write", [record.ids, vals])
            self.assertIsInstance(caught.exception, UserError)
            self.assertIn("kept as it was agreed", str(caught.exception))
        with self.assertRefused(action):
            self.rpc(self.worker_a, "social.case.plan.action", "action_cancel", [action.ids])
        with self.assertRefused(plan):
            self.rpc(self.worker_a, "social.case.plan", "action_review", [plan.ids])
        # still readable, with the new version, on the case
        rows = self.rpc(
            self.worker_a, "social.case", "read", [self.case_a.ids, ["plan_ids", "plan_id"]]
        )
        self.assertEqual(len(rows[0]["plan_ids"]), 2)
        self.assertNotEqual(rows[0]["plan_id"][0], plan.id)

    def test_an_action_is_assigned_only_to_who_may_read_the_case(self):
        """An action owned by a colleague becomes their activity: a worker of another
        team, who may not read the case, cannot be made its owner (SECURITY.md T10)."""
        plan = self.plans["a"][0]
        with self.assertRefused(plan):
            self.rpc(
                self.worker_a,
                "social.case.plan.action",
                "create",
                [
                    {
                        "plan_id": plan.id,
                        "name": "Visit",
                        "owner_type": "colleague",
                        "owner_user_id": self.worker_b.id,
                        "date_due": "2030-02-01",
                    }
                ],
            )

    def test_fuzz_plan(self):
        run_fuzz(
            self,
            "social.case.plan",
            lambda user: {"case_id": self.case_free().id},
            self.plans["a"][0],
            plan_problems,
        )

    def test_fuzz_goal(self):
        plan, _goal, _action, need = self.plans["a"]
        run_fuzz(
            self,
            "social.case.plan.goal",
            lambda user: {"plan_id": plan.id, "need_id": need.id, "name": "Fuzzed goal"},
            self.plans["a"][1],
        )

    def test_fuzz_action(self):
        plan = self.plans["a"][0]
        run_fuzz(
            self,
            "social.case.plan.action",
            lambda user: {"plan_id": plan.id, "name": "Fuzzed action", "owner_type": "patient"},
            self.plans["a"][2],
        )

    def case_free(self):
        """A case of team A without a plan, for a new plan to be made on."""
        if not hasattr(self, "_case_free"):
            self._case_free = self.env["social.case"].create(
                {
                    "patient_id": self.person_new.id,
                    "user_id": self.worker_a.id,
                    "team_id": self.team_a.id,
                }
            )
            self.env.flush_all()
        return self._case_free

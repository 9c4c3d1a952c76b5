from odoo.tests import tagged

from .common import SocialCaseCommon
from .web_client_specs import FORM_SPEC, KANBAN_SPEC, PLAN_FORM_SPEC

# measured on Odoo 18.0: they must not grow with the number of cases, notes or interventions;
# each includes the one INSERT of its lines in the access log, when the request commits
FORM_QUERIES = 38
CASELOAD_QUERIES = 16
PLAN_FORM_QUERIES = 15


@tagged("post_install", "-at_install")
class TestPerformance(SocialCaseCommon):
    def _fill(self, size):
        env = self.env(context=dict(self.env.context, tracking_disable=True))
        patients = env["res.partner"].create(
            [{"name": f"Perf Patient {size}-{i}", "zip": "9301"} for i in range(size)]
        )
        cases = env["social.case"].create(
            [
                {"patient_id": p.id, "user_id": self.worker.id, "team_id": self.team_north.id}
                for p in patients
            ]
        )
        case = cases[0]
        env["social.intervention"].create(
            [
                {"case_id": case.id, "type_id": self.interview.id, "duration": 15 + i % 30}
                for i in range(size)
            ]
        )
        env["social.case.note"].create(
            [
                {"case_id": case.id, "body": f"<p>note {i}</p>", "confidentiality": "restricted"}
                for i in range(size)
            ]
        )
        env["social.case.need"].create(
            [
                {"case_id": case.id, "need_type_id": self.env.ref("social_case.need_home_care").id}
                for i in range(min(size, 20))
            ]
        )
        env["social.case.episode"].create(
            [{"case_id": case.id, "date_start": "2025-01-01"} for i in range(min(size, 20))]
        )
        # a reviewed plan and its current version, goals and actions that grow with the data
        plan = env["social.case.plan"].create({"case_id": case.id})
        plan.action_review()
        plan = case.plan_id
        need = case.need_ids[0]
        goals = env["social.case.plan.goal"].create(
            [
                {"plan_id": plan.id, "need_id": need.id, "name": f"goal {i}"}
                for i in range(min(size, 20))
            ]
        )
        env["social.case.plan.action"].create(
            [
                {
                    "plan_id": plan.id,
                    "goal_id": goals[i % len(goals)].id,
                    "name": f"action {i}",
                    "owner_type": "patient",
                    "date_due": "2025-01-01",
                }
                for i in range(min(size, 40))
            ]
        )
        # the newest cases, shown first, have a follow-up and flags each
        flag_types = self.env.ref("social_case.flag_type_interpreter") | self.env.ref(
            "social_case.flag_type_aggression"
        )
        for other in cases[-10:]:
            other.activity_schedule("mail.mail_activity_data_todo", user_id=self.worker.id)
        # the case of a couple: the other one's case is linked
        env["social.case.link"].create(
            {"case_id": case.id, "linked_case_id": cases[1].id, "relation": "spouse"}
        )
        env["social.case.flag"].create(
            [
                {"case_id": other.id, "flag_type_id": flag_type.id, "reason": "perf"}
                for other in cases[-10:] | case
                for flag_type in flag_types
            ]
        )
        return case

    def _count(self, case):
        """Queries to open the case form, then to load My Caseload, with an empty cache."""
        # the pager counts the records in both cases, as when a user pages through them
        Case = self.env["social.case"].with_user(self.worker).with_context(force_search_count=1)
        domain = [("user_id", "=", self.worker.id), ("is_closed", "=", False)]
        self.env.cr.flush()
        self.env.invalidate_all()
        start = self.env.cr.sql_log_count
        result = Case.browse(case.id).web_read(FORM_SPEC)
        self.env.cr.flush()  # the request commits: the access log's one INSERT
        form = self.env.cr.sql_log_count - start
        self.assertEqual(result[0]["name"], case.name)
        self.env.invalidate_all()
        start = self.env.cr.sql_log_count
        caseload = Case.web_search_read(domain, KANBAN_SPEC, limit=80)
        self.env.cr.flush()
        kanban = self.env.cr.sql_log_count - start
        self.assertEqual(len(caseload["records"]), min(caseload["length"], 80))
        return form, kanban, len(result[0]["intervention_ids"]), caseload["length"]

    def _measure(self, size):
        case = self._fill(size)
        # the first run fills the caches that do not depend on the data (rules, groups, refs)
        self._count(case)
        form, kanban, interventions, cases = self._count(case)
        self.assertEqual(interventions, size)
        self.assertGreaterEqual(cases, size)
        return form, kanban

    def test_query_count_does_not_grow(self):
        small = self._measure(10)
        big = self._measure(200)
        self.assertEqual(small, big, "queries (form, caseload) grow with the data")
        self.assertEqual(small, (FORM_QUERIES, CASELOAD_QUERIES))
        # the same figures through Odoo's own counter
        case = self._fill(50)
        self._count(case)
        Case = self.env["social.case"].with_user(self.worker).with_context(force_search_count=1)
        self.env.invalidate_all()
        with self.assertQueryCount(FORM_QUERIES):
            Case.browse(case.id).web_read(FORM_SPEC)
        domain = [("user_id", "=", self.worker.id), ("is_closed", "=", False)]
        self.env.invalidate_all()
        with self.assertQueryCount(CASELOAD_QUERIES):
            Case.web_search_read(domain, KANBAN_SPEC, limit=80)

    def _plan_form_queries(self, size):
        case = self._fill(size)
        Plan = self.env["social.case.plan"].with_user(self.worker)
        self.env.cr.flush()
        self.env.invalidate_all()
        Plan.browse(case.plan_id.id).web_read(PLAN_FORM_SPEC)
        self.env.cr.flush()
        self.env.invalidate_all()
        start = self.env.cr.sql_log_count
        result = Plan.browse(case.plan_id.id).web_read(PLAN_FORM_SPEC)
        self.env.cr.flush()
        self.assertEqual(len(result[0]["plan_action_ids"]), min(size, 40))
        return self.env.cr.sql_log_count - start

    def test_plan_form_query_count_does_not_grow(self):
        """The plan form costs the same with 10 or 40 actions: no query per goal or action."""
        small = self._plan_form_queries(10)
        big = self._plan_form_queries(200)
        self.assertEqual(small, big, "queries of the plan form grow with its goals and actions")
        self.assertEqual(small, PLAN_FORM_QUERIES)
        # the same figure through Odoo's own counter
        case = self._fill(50)
        plan = self.env["social.case.plan"].with_user(self.worker).browse(case.plan_id.id)
        plan.web_read(PLAN_FORM_SPEC)
        self.env.invalidate_all()
        with self.assertQueryCount(PLAN_FORM_QUERIES):
            plan.web_read(PLAN_FORM_SPEC)

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.social_case.tests.common_probe import REFUSALS, ProbeCommon
from odoo.addons.social_case.tests.fuzz import run_fuzz

INVITATION_SHEET = "social_survey.report_survey_invitation"


class ProbeSurveyCommon(ProbeCommon):
    """The probe's cases, closed, with an anonymous answer of team B and a pending
    invitation printed for team B's patient."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        closed = env.ref("social_case.stage_closed")
        for case in (cls.case_a, cls.case_b, cls.case_restricted):
            case.write({"stage_id": closed.id, "close_reason": "goal_reached"})
        cls.survey = env.ref("social_survey.survey_social_service")
        Invitation = env["social.survey.invitation"]
        cls.invitation_b = Invitation._issue(cls.team_b, env.company, "probe-pending")
        answer_invitation = Invitation._issue(cls.team_b, env.company, "probe-answered")
        cls.answer_b = env["social.survey.invitation"]._redeem(answer_invitation.token)
        question = cls.survey.question_ids.filtered(lambda q: q.question_type == "simple_choice")[
            :1
        ]
        cls.answer_b.sudo()._save_lines(question, question.suggested_answer_ids[0].id)
        cls.answer_b.sudo()._mark_done()
        env.flush_all()


@tagged("post_install", "-at_install")
class TestProbeSurveyAnswers(ProbeSurveyCommon):
    """SECURITY.md T3, T18: the answers, their lines and the invitations' tokens are
    out of reach of every role; the results say only masked counts of one's own sites."""

    def test_answers_and_tokens_unreadable(self):
        """Workers, a coordinator, a nurse and a volunteer search, read, count and group
        the answers, their lines and the invitations (whose token opens an answer)."""
        failures = []
        targets = {
            "survey.user_input": self.answer_b,
            "survey.user_input.line": self.answer_b.user_input_line_ids,
            "social.survey.invitation": self.invitation_b,
        }
        users = (self.worker_a, self.worker_b, self.coordinator, self.nurse, self.volunteer)
        for user in users:
            for model, records in targets.items():
                calls = {
                    "search_count": ("search_count", [[]]),
                    "search_read": ("search_read", [[], ["id"]]),
                    "read": ("read", [records.ids]),
                    "read_group": ("read_group", [[], ["id:count"], []]),
                }
                for path, (method, args) in calls.items():
                    with self.collect(failures, user=user.login, model=model, path=path):
                        try:
                            result = self.rpc(user, model, method, args)
                        except REFUSALS:
                            continue
                        if method == "read_group":
                            result = sum(group["__count"] for group in result)
                        self.assertFalse(result, f"answered {result!r:.200}")
        self.assertFalse(failures, "\n".join(failures))

    def test_manager_reads_no_token(self):
        """The head of the service may count the invitations pending, not read their
        token: with it she could answer in the patient's place."""
        failures = []
        calls = {
            "read": ("read", [self.invitation_b.ids, ["token"]]),
            "search_read": ("search_read", [[], ["token"]]),
            "search": ("search", [[("token", "=", self.invitation_b.token)]]),
            "read_group": ("read_group", [[], ["token"], ["token"]]),
        }
        for path, (method, args) in calls.items():
            with self.collect(failures, path=path):
                with self.assertRefused(self.invitation_b):
                    self.rpc(self.manager, "social.survey.invitation", method, args)
        count = self.rpc(self.manager, "social.survey.invitation", "search_count", [[]])
        self.assertGreaterEqual(count, 1)
        self.assertFalse(failures, "\n".join(failures))

    def test_no_invitation_for_an_unreadable_case(self):
        """Another team's worker, a coordinator (restricted case) and a nurse print or
        send the questionnaire of a closed case they may not read, or create an
        invitation directly: no invitation is issued."""
        failures = []
        attackers = {
            self.worker_a: (self.case_b, self.case_restricted),
            self.coordinator: (self.case_restricted,),
            self.nurse: (self.case_a, self.case_b),
            self.volunteer: (self.case_a,),
        }
        Invitation = self.env["social.survey.invitation"].sudo()
        before = Invitation.search_count([])
        for user, cases in attackers.items():
            for case in cases:
                for method in ("action_print_survey_invitation", "action_send_survey_invitation"):
                    with self.collect(failures, user=user.login, case=case.id, method=method):
                        with self.assertRefused(case) as caught:
                            self.rpc(user, "social.case", method, [case.ids])
                        self.assertNotIn(case.sudo().patient_id.name, str(caught.exception))
            with self.collect(failures, user=user.login, method="create"):
                vals = {
                    "token": "forged-token",
                    "survey_id": self.survey.id,
                    "team_id": self.team_a.id,
                    "company_id": self.env.company.id,
                }
                with self.assertRefused():
                    self.rpc(user, "social.survey.invitation", "create", [vals])
        self.assertEqual(Invitation.search_count([]), before, "an invitation was issued")
        self.assertFalse(
            any((self.case_a | self.case_b | self.case_restricted).mapped("survey_offered"))
        )
        self.assertFalse(failures, "\n".join(failures))

    def test_results_of_a_site_one_does_not_work_in(self):
        """A coordinator asks for the results of a site she does not work in: refused,
        and nothing of that site's answers is computed for her."""
        with self.assertRefused() as caught:
            self.rpc(
                self.coordinator,
                "social.survey.results",
                "create",
                [{"company_id": self.company_2.id}],
            )
        self.assertNotIn(self.company_2.name, str(caught.exception))

    def test_results_of_another_coordinator(self):
        """A coordinator reads the results another coordinator opened (ids follow each
        other): they are hers only."""
        other = new_test_user(
            self.env, "probe_coordinator_2", groups="social_case.group_social_coordinator"
        )
        results_id = self.rpc(other, "social.survey.results", "create", [{}])
        with self.assertRefused():
            self.rpc(self.coordinator, "social.survey.results", "read", [[results_id]])

    def test_results_are_for_coordinators(self):
        """Workers, a nurse and a volunteer open the results."""
        failures = []
        for user in (self.worker_a, self.worker_b, self.nurse, self.volunteer):
            with self.collect(failures, user=user.login):
                with self.assertRefused():
                    self.rpc(user, "social.survey.results", "create", [{}])
        self.assertFalse(failures, "\n".join(failures))

    def test_malformed_results_requests(self):
        """Junk periods and sites end in a clear refusal, never a traceback; a period that
        ends before it starts counts nothing."""
        failures = []
        for vals in (
            {"date_from": "not a date"},
            {"date_to": "2025-02-30"},
            {"date_from": "0001-01-01"},
            {"date_from": 20250101},
            {"company_id": "1"},
            {"company_id": 10**9},
            {"company_id": [1, 2]},
            {"no_such_field": 1},
        ):
            with self.collect(failures, vals=vals):
                with self.assertRefused():
                    self.rpc(self.coordinator, "social.survey.results", "create", [vals])
        with self.collect(failures, vals="backwards"):
            results_id = self.rpc(
                self.coordinator,
                "social.survey.results",
                "create",
                [{"date_from": "2030-01-01", "date_to": "2020-01-01"}],
            )
            [values] = self.rpc(
                self.coordinator, "social.survey.results", "read", [[results_id], ["answer_count"]]
            )
            self.assertEqual(values["answer_count"], 0)
        self.assertFalse(failures, "\n".join(failures))

    def test_fuzz_results(self):
        """Crafted values on every field of the results (create and write)."""
        target = self.env["social.survey.results"].with_user(self.coordinator).create({})
        run_fuzz(self, "social.survey.results", lambda user: {}, target)

    def test_fuzz_invitation(self):
        """Crafted invitations: no worker or coordinator creates or changes one."""
        run_fuzz(
            self,
            "social.survey.invitation",
            lambda user: {
                "token": "fuzzed",
                "survey_id": self.survey.id,
                "team_id": self.team_a.id,
                "company_id": self.env.company.id,
            },
            self.invitation_b,
        )
        self.assertEqual(
            self.env["social.survey.invitation"].search_count([("token", "=", "fuzzed")]), 0
        )


@tagged("post_install", "-at_install")
class TestProbeSurveyUrls(ProbeSurveyCommon, HttpCase):
    """The sheet with the questionnaire's link, typed by hand for a case one may not
    read, issues nothing; junk tokens open nothing."""

    def test_invitation_sheet_of_an_unreadable_case(self):
        Invitation = self.env["social.survey.invitation"].sudo()
        before = Invitation.search_count([])
        failures = []
        for user, case in (
            (self.worker_a, self.case_b),
            (self.worker_a, self.case_restricted),
            (self.nurse, self.case_a),
        ):
            self.authenticate(user.login, user.login)
            for ids in (str(case.id), f"{self.case_a.id},{case.id}"):
                with self.collect(failures, user=user.login, ids=ids):
                    response = self.url_open(f"/report/html/{INVITATION_SHEET}/{ids}")
                    self.assertNotEqual(response.status_code, 200)
                    self.assertLess(response.status_code, 500)
                    self.assertNotIn("/social/survey/", response.text)
        self.assertEqual(Invitation.search_count([]), before, "an invitation was issued")
        self.assertFalse(failures, "\n".join(failures))

    def test_junk_tokens_open_nothing(self):
        failures = []
        before = self.env["social.survey.invitation"].search_count([])
        self.authenticate(None, None)
        for token in ("x", "a" * 5000, "' OR 1=1 --", "é" * 30, self.answer_b.access_token):
            with self.collect(failures, token=token[:20]):
                response = self.url_open(f"/social/survey/{token}", allow_redirects=False)
                self.assertEqual(response.status_code, 404)
        self.assertEqual(self.env["social.survey.invitation"].search_count([]), before)
        self.assertFalse(failures, "\n".join(failures))

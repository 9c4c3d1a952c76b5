import re

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.social_case.tests.common_probe import REFUSALS

from .test_probe_survey import INVITATION_SHEET, ProbeSurveyCommon

SURVEY_USER = "survey.group_survey_user"


class ProbeSurveyAppCommon(ProbeSurveyCommon):
    """The probe's users as Odoo installs them: the Surveys app's User group for every
    internal user, and an officer of the Surveys app with no role in the service."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        survey_user = cls.env.ref(SURVEY_USER)
        for user in (cls.nurse, cls.volunteer, cls.worker_a, cls.coordinator, cls.manager):
            user.groups_id = [Command.link(survey_user.id)]
        cls.officer = new_test_user(
            cls.env,
            "probe_survey_officer",
            groups="base.group_user,survey.group_survey_manager",
            email="probe_survey_officer@hospital.example",
        )
        cls.questions = cls.survey.question_ids
        cls.choices = cls.questions.suggested_answer_ids

    def _targets(self):
        return {
            "survey.user_input": self.answer_b,
            "survey.user_input.line": self.answer_b.user_input_line_ids,
            "survey.survey": self.survey,
            "survey.question": self.questions,
            "survey.question.answer": self.choices,
        }


@tagged("post_install", "-at_install")
class TestProbeSurveyApp(ProbeSurveyAppCommon):
    """SECURITY.md, "The questionnaire under its own rules": the questionnaire's answers
    are not in reach of the Surveys app's users and officers, nor of any role."""

    def test_no_one_reads_an_answer(self):
        """Every role, the head of the service included, and an officer of the Surveys
        app search, read and group the answers and their lines: nothing comes out."""
        failures = []
        users = (
            self.nurse,
            self.volunteer,
            self.worker_a,
            self.worker_b,
            self.coordinator,
            self.manager,
            self.officer,
        )
        for user in users:
            for model in ("survey.user_input", "survey.user_input.line"):
                records = self._targets()[model]
                self.assertTrue(records)
                for path, (method, args) in {
                    "search_read": ("search_read", [[], ["id", "create_date"]]),
                    "search_count": ("search_count", [[("id", "in", records.ids)]]),
                    "read": ("read", [records.ids, ["create_date"]]),
                    "read_group": ("read_group", [[("id", "in", records.ids)], ["id:count"], []]),
                }.items():
                    with self.collect(failures, user=user.login, model=model, path=path):
                        try:
                            result = self.rpc(user, model, method, args)
                        except REFUSALS:
                            continue
                        if method == "read_group":
                            result = sum(group["__count"] for group in result)
                        if method == "search_read":
                            result = [r for r in result if r["id"] in records.ids]
                        self.assertFalse(result, f"answered {result!r:.200}")
        self.assertFalse(failures, "\n".join(failures))

    def test_the_surveys_app_does_not_open_the_questionnaire(self):
        """A nurse, a volunteer, a worker, a coordinator (all Surveys: User) and an
        officer of the Surveys app list, read or rename the questionnaire, its questions
        and choices: nothing, refused."""
        failures = []
        for user in (self.nurse, self.volunteer, self.worker_a, self.coordinator, self.officer):
            for model in ("survey.survey", "survey.question", "survey.question.answer"):
                records = self._targets()[model]
                with self.collect(failures, user=user.login, model=model, path="search_read"):
                    try:
                        found = self.rpc(user, model, "search_read", [[], ["id"]])
                    except REFUSALS:
                        found = []
                    self.assertFalse({r["id"] for r in found} & set(records.ids))
                with self.collect(failures, user=user.login, model=model, path="read"):
                    with self.assertRefused():
                        self.rpc(user, model, "read", [records.ids[:1], ["display_name"]])
                name = "title" if model != "survey.question.answer" else "value"
                with self.collect(failures, user=user.login, model=model, path="write"):
                    with self.assertRefused(records[:1]):
                        self.rpc(user, model, "write", [records.ids[:1], {name: "Renamed"}])
            with self.collect(failures, user=user.login, path="invite"):
                with self.assertRefused():
                    self.rpc(user, "survey.survey", "action_send_survey", [self.survey.ids])
        self.assertFalse(failures, "\n".join(failures))

    def test_the_manager_words_the_questionnaire(self):
        """The head of the service, who words the questionnaire, reads and renames it,
        but reads none of its answers."""
        self.rpc(self.manager, "survey.survey", "write", [self.survey.ids, {"title": "Worded"}])
        self.assertEqual(self.survey.title, "Worded")
        with self.assertRefused():
            self.rpc(self.manager, "survey.user_input", "read", [self.answer_b.ids, ["state"]])

    def test_demo_care_team_and_volunteer_are_not_survey_users(self):
        for xmlid in ("social_case.user_nurse", "social_case.user_volunteer"):
            user = self.env.ref(xmlid, raise_if_not_found=False)
            if user:
                self.assertFalse(user.has_group(SURVEY_USER), xmlid)


@tagged("post_install", "-at_install")
class TestProbeSurveyAppUrls(ProbeSurveyAppCommon, HttpCase):
    """Odoo's own pages of the questionnaire, and its invitations, typed by hand."""

    def _sheet_token(self, user, case):
        self.authenticate(user.login, user.login)
        response = self.url_open(f"/report/html/{INVITATION_SHEET}/{case.id}")
        self.assertEqual(response.status_code, 200)
        return re.search(r"/social/survey/([\w-]+)", response.text).group(1)

    def test_results_print_and_test_pages_refused(self):
        """The Surveys app's results, printing, test and retry pages of the questionnaire,
        asked for by its users, an officer, the head of the service and anonymously."""
        token, answer_token = self.survey.access_token, self.answer_b.access_token
        urls = (
            f"/survey/results/{self.survey.id}",
            f"/survey/results/{self.survey.id}?finished=true",
            f"/survey/print/{token}",
            f"/survey/print/{token}?answer_token={answer_token}",
            f"/survey/print/{token}?review=True&answer_token={answer_token}",
            f"/survey/test/{token}",
            f"/survey/retry/{token}/{answer_token}",
        )
        failures = []
        answers_before = self.env["survey.user_input"].search_count([])
        for user in (
            self.volunteer,
            self.nurse,
            self.coordinator,
            self.manager,
            self.officer,
            None,
        ):
            login = user.login if user else None
            self.authenticate(login, login)
            for url in urls:
                with self.collect(failures, user=login, url=url):
                    response = self.url_open(url)
                    if "/web/login" in response.url:
                        # the pages for logged-in users send the anonymous to the login
                        self.assertIsNone(user)
                        continue
                    self.assertIn(response.status_code, (403, 404), response.text[:200])
                    self.assertNotIn(self.choices[0].value, response.text)
        self.assertEqual(self.env["survey.user_input"].search_count([]), answers_before)
        self.assertFalse(failures, "\n".join(failures))

    def test_other_surveys_keep_their_pages(self):
        """The block is the questionnaire's only: an officer still reads the results of
        another survey."""
        other = self.env["survey.survey"].create({"title": "Canteen"})
        self.authenticate(self.officer.login, self.officer.login)
        self.assertEqual(self.url_open(f"/survey/results/{other.id}").status_code, 200)

    def test_one_closure_one_answer(self):
        """The sheet of a closure printed twice, and the e-mail, give one invitation; its
        link opens one answer, then nothing, however often it is printed again."""
        Invitation = self.env["social.survey.invitation"].sudo()
        before = Invitation.search_count([])
        first = self._sheet_token(self.worker_a, self.case_a)
        second = self._sheet_token(self.worker_a, self.case_a)
        self.assertEqual(first, second)
        self.rpc(self.worker_a, "social.case", "action_send_survey_invitation", [self.case_a.ids])
        mail = self.env["mail.mail"].search([("email_to", "=", self.patient_a.email)])
        self.assertIn(f"/social/survey/{first}", mail.body_html)
        self.assertEqual(Invitation.search_count([]), before + 1)
        # nothing of the invitation dates it
        invitation = Invitation.search([("token", "=", first)])
        dates = [n for n, f in invitation._fields.items() if f.type in ("date", "datetime")]
        self.assertEqual(dates, [])

        answers = self.env["survey.user_input"].search_count([])
        self.authenticate(None, None)
        response = self.url_open(f"/social/survey/{first}", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.env["survey.user_input"].search_count([]), answers + 1)
        # answered again, from the same sheet or from one printed again: refused
        again = self._sheet_token(self.worker_a, self.case_a)
        self.assertEqual(again, first)
        self.authenticate(None, None)
        for _attempt in range(2):
            response = self.url_open(f"/social/survey/{again}", allow_redirects=False)
            self.assertEqual(response.status_code, 404)
        self.assertEqual(self.env["survey.user_input"].search_count([]), answers + 1)
        # another closure is another invitation
        self.assertNotEqual(self._sheet_token(self.worker_b, self.case_b), first)

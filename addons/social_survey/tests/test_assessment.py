from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.social_case.tests.common_probe import REFUSALS, ProbeCommon
from odoo.addons.social_case.tests.fuzz import run_fuzz

# the queries of the case form's Assessments tab (tests/test_assessment.py), measured
ASSESSMENT_TAB_QUERIES = 11


class AssessmentCommon(ProbeCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.isar = cls.env.ref("social_survey.survey_isar")
        cls.epices = cls.env.ref("social_survey.survey_epices")

    @classmethod
    def fill(cls, case, key, yes, user=None):
        """An assessment of ``case`` started by ``user`` (the referent) from the case, its
        questions numbered from 1 answered "yes" when in ``yes``, "no" otherwise, then
        completed in the survey screen (which works as the system, with the answer's token)."""
        user = user or case.user_id
        survey = cls.env.ref(f"social_survey.survey_{key}")
        assessment = (
            cls.env["social.assessment"]
            .with_user(user)
            .create({"case_id": case.id, "survey_id": survey.id})
        )
        action = assessment.action_start()
        answer = assessment.sudo().user_input_id
        assert answer.access_token in action["url"]
        for number in range(1, len(survey.question_ids) + 1):
            question = cls.env.ref(f"social_survey.survey_{key}_q{number}")
            choice = cls.env.ref(
                f"social_survey.survey_{key}_q{number}_{'yes' if number in yes else 'no'}"
            )
            answer._save_lines(question, choice.id)
        answer._mark_done()
        cls.env.invalidate_all()
        return assessment


@tagged("post_install", "-at_install")
class TestAssessmentScores(AssessmentCommon):
    """ISAR and EPICES scored as their authors publish them, computed here by hand."""

    def test_isar_counts_a_point_per_answer_at_risk_and_is_at_risk_from_2(self):
        low = self.env.ref("social_survey.survey_isar_band_low")
        risk = self.env.ref("social_survey.survey_isar_band_risk")
        # items 1-3, 5 and 6 count on "yes", item 4 ("do you see well?") on "no"
        cases = {
            # sees well, nothing else: 0
            (4,): (0, low),
            # no answer "yes" at all: sees badly, 1
            (): (1, low),
            # needed help before (1), sees well: 1
            (1, 4): (1, low),
            # needed help before (1), more help since (2), sees well: 2, at risk
            (1, 2, 4): (2, risk),
            # help before, more since, hospitalised, sees badly, memory, > 3 drugs: 6
            (1, 2, 3, 5, 6): (6, risk),
        }
        for yes, (score, band) in cases.items():
            assessment = self.fill(self.case_a, "isar", yes)
            self.assertEqual((assessment.score, assessment.band_id), (score, band), yes)

    def test_epices_adds_the_published_weights_to_the_intercept(self):
        ok = self.env.ref("social_survey.survey_epices_band_ok")
        precarious = self.env.ref("social_survey.survey_epices_band_precarious")
        cases = {
            # every answer "no": the intercept alone
            (): (75.14, precarious),
            # every answer "yes": 75.14 + 10.06 - 11.83 - 8.28 - 8.28 + 14.80 - 6.51 - 7.10
            # - 7.10 - 9.47 - 9.47 - 7.10
            tuple(range(1, 12)): (24.86, ok),
            # the least deprived: every protective "yes", no social worker, no difficulty
            (2, 3, 4, 6, 7, 8, 9, 10, 11): (0.0, ok),
            # the most deprived: a social worker and difficulties only
            (1, 5): (100.0, precarious),
            # insurance, couple, owner, family, material help:
            # 75.14 - 11.83 - 8.28 - 8.28 - 9.47 - 7.10 = 30.18, just precarious (>= 30.17)
            (2, 3, 4, 9, 11): (30.18, precarious),
            # and some sport: 30.18 - 6.51 = 23.67
            (2, 3, 4, 6, 9, 11): (23.67, ok),
            # social worker, insurance, difficulties, family, material help:
            # 75.14 + 10.06 - 11.83 + 14.80 - 9.47 - 7.10 = 71.60
            (1, 2, 5, 9, 11): (71.60, precarious),
        }
        for yes, (score, band) in cases.items():
            assessment = self.fill(self.case_a, "epices", yes)
            self.assertAlmostEqual(assessment.score, score, places=2, msg=yes)
            self.assertEqual(assessment.band_id, band, yes)

    def test_the_change_since_the_previous_one_and_what_lands_on_the_case(self):
        case = self.case_a
        first = self.fill(case, "epices", (1, 2, 5, 9, 11))
        self.assertFalse(first.previous_id)
        self.assertFalse(first.has_previous)
        self.assertEqual(case.last_assessment_id, first)
        # an ISAR in between is another type: not the EPICES's previous one
        isar = self.fill(case, "isar", (1, 2, 4))
        self.assertEqual(case.last_assessment_id, isar)
        self.assertEqual(
            case.assessment_band_id, self.env.ref("social_survey.survey_isar_band_risk")
        )
        second = self.fill(case, "epices", (2, 3, 4, 9, 11))
        self.assertEqual(second.previous_id, first)
        # 30.18 - 71.60
        self.assertAlmostEqual(second.score_change, -41.42, places=2)
        self.assertEqual(case.last_assessment_id, second)
        self.assertAlmostEqual(case.assessment_score, 30.18, places=2)
        self.assertEqual(
            case.assessment_band_id, self.env.ref("social_survey.survey_epices_band_precarious")
        )
        # EPICES is repeated every 6 months, ISAR not at all
        self.assertIn(second.date, self._todays())
        self.assertEqual(second.next_date, second.date + relativedelta(months=6))
        self.assertFalse(isar.next_date)
        self.assertEqual(case.next_assessment_date, second.next_date)
        # and the case's chatter says it, to who reads the case
        bodies = case.message_ids.mapped("body")
        self.assertTrue(any("EPICES" in body and "30.18" in body for body in bodies), bodies)

    def _todays(self):
        """Today where the worker is, and in UTC (they differ before midnight in Brussels)."""
        worker = self.case_a.user_id
        return {fields.Date.today(), fields.Date.context_today(self.case_a.with_user(worker))}

    def test_an_unfinished_assessment_scores_nothing_and_continues_where_it_was(self):
        assessment = (
            self.env["social.assessment"]
            .with_user(self.worker_a)
            .create({"case_id": self.case_a.id, "survey_id": self.isar.id})
        )
        self.assertEqual(assessment.state, "new")
        first = assessment.action_start()
        answer = assessment.sudo().user_input_id
        self.assertEqual(answer.social_case_id, self.case_a)
        self.assertEqual(answer.partner_id, self.worker_a.partner_id)
        # started again: the same answer, not a second one
        self.assertEqual(assessment.action_start()["url"], first["url"])
        self.assertFalse(self.case_a.last_assessment_id)
        self.assertFalse(assessment.score)

    def test_a_completed_assessment_is_not_started_again_nor_on_a_closed_case(self):
        done = self.fill(self.case_a, "isar", (4,))
        with self.assertRaises(UserError):
            done.with_user(self.worker_a).action_start()
        self.case_a.write({"stage_id": self.env.ref("social_case.stage_closed").id})
        self.case_a.close_reason = "goal_reached"
        with self.assertRaises(UserError):
            self.case_a.with_user(self.worker_a).action_start_assessment()
        self.assertFalse(self.case_a.next_assessment_date)

    def test_an_assessment_is_made_with_an_assessment_type_only(self):
        other = self.env["survey.survey"].create({"title": "Satisfaction"})
        with self.assertRefused():
            self.rpc(
                self.worker_a,
                "social.assessment",
                "create",
                [{"case_id": self.case_a.id, "survey_id": other.id}],
            )

    def test_an_assessment_due_in_a_week_reminds_the_referent(self):
        assessment = self.fill(self.case_a, "epices", ())
        due = self.case_a.next_assessment_date
        self.assertEqual(due, assessment.next_date)
        kind = self.env.ref("social_survey.mail_activity_type_assessment_due")

        def reminders():
            return self.env["mail.activity"].search(
                [
                    ("res_model", "=", "social.case"),
                    ("res_id", "=", self.case_a.id),
                    ("activity_type_id", "=", kind.id),
                ]
            )

        Automation = self.env["base.automation"]
        with freeze_time(datetime.combine(due - timedelta(days=8), time(6, 0))):
            Automation._check()
        self.assertFalse(reminders())
        with freeze_time(datetime.combine(due - timedelta(days=7), time(6, 0))):
            Automation._check()
        self.assertEqual(reminders().user_id, self.worker_a)

    def test_the_patient_s_file_holds_the_assessments_and_their_answers(self):
        """Right of access: each assessment with its score and band, and each answer as
        the patient gave it, choices and words."""
        isar = self.isar
        comment = self.env["survey.question"].create(
            {
                "survey_id": isar.id,
                "title": "In the patient's words",
                "question_type": "text_box",
                "sequence": 100,
            }
        )
        assessment = (
            self.env["social.assessment"]
            .with_user(self.worker_a)
            .create({"case_id": self.case_a.id, "survey_id": isar.id})
        )
        assessment.action_start()
        answer = assessment.sudo().user_input_id
        for number in range(1, 7):
            choice = "yes" if number in (1, 2, 4) else "no"
            answer._save_lines(
                self.env.ref(f"social_survey.survey_isar_q{number}"),
                self.env.ref(f"social_survey.survey_isar_q{number}_{choice}").id,
            )
        answer._save_lines(comment, "Export: my neighbour does the shopping")
        answer._mark_done()
        data, readable = self.access_export(self.manager, self.patient_a)
        self.assertEqual(
            [(row["Assessment Type"], row["Score"], row["Band"]) for row in data["assessments"]],
            [(isar.title, 2.0, self.env.ref("social_survey.survey_isar_band_risk").name)],
        )
        answers = {row["Question"]: row["Answer"] for row in data["assessment_answers"]}
        self.assertEqual(len(answers), 7)
        self.assertEqual(
            answers["In the patient's words"], "Export: my neighbour does the shopping"
        )
        first = self.env.ref("social_survey.survey_isar_q1")
        self.assertEqual(
            answers[first.title], self.env.ref("social_survey.survey_isar_q1_yes").value
        )
        self.assertEqual({row["Assessment"] for row in data["assessment_answers"]}, {isar.title})
        self.assertIn(b"my neighbour does the shopping", readable)


@tagged("post_install", "-at_install")
class TestProbeAssessments(AssessmentCommon):
    """SECURITY.md T1-T3, T6: an assessment, its answer and the lines of its answer are read
    by who may read the case, through every read path; not by a nurse, a volunteer, a worker
    of another team, nor by an officer or a manager of Odoo's Surveys app."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        survey_groups = "base.group_user,survey.group_survey_user"
        cls.officer = new_test_user(cls.env, "probe_survey_officer", groups=survey_groups)
        cls.survey_manager = new_test_user(
            cls.env, "probe_survey_manager", groups="base.group_user,survey.group_survey_manager"
        )
        # a nurse, as Odoo makes every internal user, is an officer of the Surveys app too
        cls.nurse.write({"groups_id": [(4, cls.env.ref("survey.group_survey_user").id)]})
        cls.assessment_a = cls.fill(cls.case_a, "isar", (1, 2, 4))
        cls.assessment_restricted = cls.fill(cls.case_restricted, "epices", (1, 5))
        cls.env.flush_all()

    def targets(self, assessment):
        answer = assessment.user_input_id
        return {
            "social.assessment": assessment,
            "survey.user_input": answer,
            "survey.user_input.line": answer.user_input_line_ids,
        }

    def _reads(self, user, model, records):
        """What ``user`` gets of ``records`` through search, read, count and grouping."""
        domain = [("id", "in", records.ids)]
        seen = {}
        for path, (method, args) in {
            "search_count": ("search_count", [domain]),
            "search_read": ("search_read", [domain, ["id"]]),
            "read": ("read", [records.ids, ["display_name"]]),
            "read_group": ("read_group", [domain, ["id:count"], []]),
        }.items():
            try:
                result = self.rpc(user, model, method, args)
            except REFUSALS:
                seen[path] = 0
                continue
            if method == "read_group":
                result = sum(group["__count"] for group in result)
            elif isinstance(result, list):
                result = len(result)
            seen[path] = result
        return seen

    def _assert_reads(self, assessment, readers, others):
        failures = []
        for model, records in self.targets(assessment).items():
            self.assertTrue(records)
            count = len(records)
            for user in readers:
                with self.collect(failures, user=user.login, model=model, reads=True):
                    seen = self._reads(user, model, records)
                    self.assertEqual(set(seen.values()), {count}, seen)
            for user in others:
                with self.collect(failures, user=user.login, model=model, reads=False):
                    seen = self._reads(user, model, records)
                    self.assertEqual(set(seen.values()), {0}, seen)
        self.assertFalse(failures, "\n".join(failures))

    def test_read_by_who_reads_the_case_only(self):
        self._assert_reads(
            self.assessment_a,
            # the head of the service reads every normal case, as the coordinator
            readers=(self.worker_a, self.coordinator, self.manager),
            others=(self.nurse, self.volunteer, self.officer, self.survey_manager, self.worker_b),
        )

    def test_a_restricted_case_s_assessment_by_its_referent_only(self):
        self._assert_reads(
            self.assessment_restricted,
            readers=(self.worker_b,),
            others=(self.worker_a, self.coordinator, self.manager, self.officer, self.nurse),
        )

    def test_no_one_sets_a_score_nor_makes_an_answer_of_their_own(self):
        for values in (
            {"score": 0},
            {"band_id": self.env.ref("social_survey.survey_isar_band_low").id},
            {"user_input_id": self.assessment_restricted.user_input_id.id},
            {"case_id": self.case_b.id},
        ):
            with self.assertRefused(self.assessment_a):
                self.rpc(
                    self.worker_a, "social.assessment", "write", [self.assessment_a.ids, values]
                )
        with self.assertRefused():
            self.rpc(
                self.worker_a,
                "survey.user_input",
                "create",
                [{"survey_id": self.isar.id, "social_case_id": self.case_a.id}],
            )
        with self.assertRefused():
            self.rpc(
                self.officer,
                "survey.user_input",
                "create",
                [{"survey_id": self.isar.id, "social_case_id": self.case_a.id}],
            )
        # another team's worker neither starts nor opens the answers of a case not theirs
        for method in ("action_start", "action_view_answers"):
            with self.assertRefused(self.assessment_a):
                self.rpc(self.worker_b, "social.assessment", method, [self.assessment_a.ids])

    def test_fuzz(self):
        """Crafted assessments (SECURITY.md test 13): only clear refusals, nothing half
        written, no score nor answer set by hand."""
        run_fuzz(
            self,
            "social.assessment",
            lambda user: {"case_id": self.case_a.id, "survey_id": self.isar.id},
            self.assessment_a,
        )
        self.env.invalidate_all()
        self.assertEqual(self.assessment_a.score, 2)
        self.assertEqual(self.assessment_a.case_id, self.case_a)

    def test_the_assessment_types_are_read_by_the_service_written_by_its_head(self):
        domain = [("survey_type", "=", "social_assessment")]
        for user in (self.officer, self.survey_manager, self.nurse, self.volunteer):
            for model, path in (
                ("survey.survey", domain),
                ("survey.question", [("survey_id.survey_type", "=", "social_assessment")]),
            ):
                try:
                    count = self.rpc(user, model, "search_count", [path])
                except REFUSALS:
                    count = 0
                self.assertEqual(count, 0, f"{user.login} reads {model}")
            with self.assertRefused(self.isar):
                self.rpc(user, "survey.survey", "write", [self.isar.ids, {"title": "Changed"}])
        self.assertGreaterEqual(
            self.rpc(self.worker_a, "survey.survey", "search_count", [domain]), 2
        )
        with self.assertRefused(self.isar):
            self.rpc(self.worker_a, "survey.survey", "write", [self.isar.ids, {"title": "Changed"}])
        self.rpc(
            self.manager, "survey.survey", "write", [self.isar.ids, {"social_repeat_months": 3}]
        )
        self.assertEqual(self.isar.social_repeat_months, 3)
        # an assessment type stays filled in from the case only
        with self.assertRefused():
            self.rpc(
                self.manager, "survey.survey", "write", [self.isar.ids, {"access_mode": "public"}]
            )


@tagged("post_install", "-at_install")
class TestProbeAssessmentPages(AssessmentCommon, HttpCase):
    """Odoo's survey pages: an assessment's answers are printed for who reads the case,
    whoever holds the link; its answers are never counted across cases on the results page
    nor retaken outside of their case."""

    def test_answers_printed_for_the_case_s_readers_only(self):
        assessment = self.fill(self.case_a, "isar", (1, 2, 4))
        action = assessment.with_user(self.worker_a).action_view_answers()
        answer = assessment.user_input_id
        self.assertIn(answer.access_token, action["url"])
        officer = new_test_user(
            self.env, "probe_pages_officer", groups="base.group_user,survey.group_survey_manager"
        )
        for user, status in (
            (self.worker_a, 200),
            (self.coordinator, 200),
            (self.worker_b, 404),
            (self.nurse, 404),
            (officer, 404),
            (None, 404),
        ):
            login = user.login if user else None
            self.authenticate(login, login)
            with self.labelled(user=login):
                response = self.url_open(action["url"])
                self.assertEqual(response.status_code, status)
                if status == 200:
                    self.assertIn("In general, do you see well?", response.text)
        self.authenticate(self.worker_a.login, self.worker_a.login)
        for url in (
            f"/survey/results/{self.isar.id}",
            f"/survey/retry/{self.isar.access_token}/{answer.access_token}",
            f"/survey/print/{self.isar.access_token}",
        ):
            with self.labelled(url=url):
                self.assertEqual(self.url_open(url).status_code, 404)

    def test_the_worker_fills_it_in_odoo_s_survey_screen(self):
        """Started from the case, answered and submitted in Odoo's own survey pages by the
        referent: the score lands on the case, in her day."""
        action = self.case_a.with_user(self.worker_a).action_start_assessment()
        self.assertEqual(action["context"], {"default_case_id": self.case_a.id})
        assessment = (
            self.env["social.assessment"]
            .with_user(self.worker_a)
            .with_context(**action["context"])
            .create({"survey_id": self.epices.id})
        )
        url = assessment.action_start()["url"]
        answer = assessment.sudo().user_input_id
        self.authenticate(self.worker_a.login, self.worker_a.login)
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        survey_token, answer_token = self.epices.access_token, answer.access_token
        self.make_jsonrpc_request(f"/survey/begin/{survey_token}/{answer_token}", {})
        # EPICES: insurance, couple, owner, family, material help "yes": 30.18
        yes = (2, 3, 4, 9, 11)
        post = {}
        for number in range(1, 12):
            question = self.env.ref(f"social_survey.survey_epices_q{number}")
            choice = self.env.ref(
                f"social_survey.survey_epices_q{number}_{'yes' if number in yes else 'no'}"
            )
            post[str(question.id)] = str(choice.id)
        self.make_jsonrpc_request(f"/survey/submit/{survey_token}/{answer_token}", post)
        self.env.invalidate_all()
        self.assertEqual(assessment.state, "done")
        self.assertAlmostEqual(self.case_a.assessment_score, 30.18, places=2)
        self.assertEqual(
            self.case_a.assessment_band_id,
            self.env.ref("social_survey.survey_epices_band_precarious"),
        )
        self.assertEqual(
            assessment.date,
            fields.Date.context_today(self.case_a.with_user(self.worker_a)),
        )
        # the end page gives no percentage nor pass or fail
        done = self.url_open(url)
        self.assertNotIn("You scored", done.text)
        self.assertNotIn("failed the test", done.text)


@tagged("post_install", "-at_install")
class TestAssessmentQueries(AssessmentCommon):
    def test_the_case_s_assessments_cost_the_same_whatever_their_number(self):
        """The case form's Assessments tab: as many queries for two assessments as for
        seven."""
        spec = {
            "last_assessment_id": {"fields": {"display_name": {}}},
            "assessment_score": {},
            "assessment_band_id": {"fields": {"display_name": {}}},
            "assessment_band_color": {},
            "next_assessment_date": {},
            "assessment_ids": {
                "fields": {
                    "survey_id": {"fields": {"display_name": {}}},
                    "date": {},
                    "score": {},
                    "band_color": {},
                    "band_id": {"fields": {"display_name": {}}},
                    "score_change": {},
                    "state": {},
                    "user_input_id": {"fields": {}},
                }
            },
        }
        Case = self.env["social.case"].with_user(self.worker_a)

        def count():
            self.env.invalidate_all()
            self.env.cr.flush()
            start = self.env.cr.sql_log_count
            Case.browse(self.case_a.id).web_read(spec)
            self.env.cr.flush()
            return self.env.cr.sql_log_count - start

        # the last one is read first, then the others
        self.fill(self.case_a, "epices", (1, 5))
        self.fill(self.case_a, "isar", (1,))
        count()
        two = count()
        for _ in range(5):
            self.fill(self.case_a, "epices", (1, 5))
        count()
        self.assertEqual(count(), two)
        self.assertEqual(two, ASSESSMENT_TAB_QUERIES)

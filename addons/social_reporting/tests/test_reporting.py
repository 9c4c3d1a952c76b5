from datetime import timedelta

from lxml import etree

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.social_case.tests.common import SocialServiceCommon


@tagged("post_install", "-at_install")
class TestSocialReporting(SocialServiceCommon):
    """The common roles, with a worker of a team of their own, whose figures the tests
    read."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.worker = new_test_user(cls.env, "rep_worker", groups="social_case.group_social_worker")
        cls.team = cls.env["social.team"].create(
            {"name": "Reporting Team", "member_ids": [(6, 0, cls.worker.ids)]}
        )
        cls.listening = cls.env.ref("social_case.intervention_type_interview_patient")
        cls.paperwork = cls.env.ref("social_case.intervention_type_administrative_task")
        cls.cases = cls.env["social.case"].create(
            [
                {
                    "patient_id": cls.env["res.partner"].create({"name": f"Report Patient {n}"}).id,
                    "user_id": cls.worker.id,
                    "team_id": cls.team.id,
                }
                for n in range(3)
            ]
        )
        cls.env["social.intervention"].create(
            [
                {
                    "case_id": cls.cases[0].id,
                    "type_id": cls.listening.id,
                    "duration": 45,
                    "user_id": cls.worker.id,
                },
                {
                    "case_id": cls.cases[1].id,
                    "type_id": cls.listening.id,
                    "duration": 30,
                    "user_id": cls.worker.id,
                },
                {
                    "case_id": cls.cases[1].id,
                    "type_id": cls.paperwork.id,
                    "duration": 20,
                    "user_id": cls.worker.id,
                },
            ]
        )

    def test_time_spent_listening_and_on_paperwork(self):
        """The head of service sees 75 minutes of listening and 20 of paperwork for the worker."""
        report = self.env["social.report.intervention"].with_user(self.coordinator)
        groups = report._read_group(
            [("user_id", "=", self.worker.id)], ["kind"], ["duration:sum", "intervention_count:sum"]
        )
        totals = {kind: (minutes, count) for kind, minutes, count in groups}
        self.assertEqual(totals, {"listening": (75, 2), "paperwork": (20, 1)})

    def test_analyses_show_hours_and_one_count(self):
        """The analysis shows time in hours and counts once, not "Count" next to "Cases"."""
        report = self.env["social.report.intervention"].with_user(self.coordinator)
        [(hours,)] = report._read_group([("user_id", "=", self.worker.id)], [], ["hours:sum"])
        self.assertAlmostEqual(hours, 95 / 60, places=2)
        self.assertEqual(report._fields["hours"].string, "Time Spent (hours)")
        for model in ("social.report.intervention", "social.report.caseload"):
            for view_type in ("pivot", "graph"):
                arch = etree.fromstring(
                    self.env[model]
                    .with_user(self.coordinator)
                    .get_view(view_type=view_type)["arch"]
                )
                counts = arch.xpath(
                    "//field[@name='intervention_count' or @name='case_count'][not(@invisible)]"
                )
                with self.subTest(model=model, view=view_type):
                    self.assertFalse(counts, "a count duplicates the built-in Count measure")

    def test_archived_interventions_are_not_counted(self):
        intervention = self.cases[0].intervention_ids
        intervention.active = False
        self.env.flush_all()  # the report is an SQL view: it reads what is in the database
        report = self.env["social.report.intervention"].with_user(self.coordinator)
        [(minutes,)] = report._read_group([("user_id", "=", self.worker.id)], [], ["duration:sum"])
        self.assertEqual(minutes, 50)

    def test_caseload_per_worker_counts_quiet_cases_and_overdue_reviews(self):
        """The head of service sees, per worker, the cases gone quiet and the plan reviews
        overdue: numbers, not the cases."""
        today = fields.Date.context_today(self.env.user)
        self.team.quiet_days = 5
        # the first case had a contact today; the second none for 10 days, the third none
        # since it was opened a month ago
        self.cases[1:].write({"date_open": today - timedelta(days=30)})
        self.cases[1].intervention_ids.write({"date": fields.Datetime.now() - timedelta(days=10)})
        self.env["social.case.plan"].create(
            {"case_id": self.cases[0].id, "review_date": today - timedelta(days=1)}
        )
        self.env["social.case"]._cron_refresh_quiet()
        report = self.env["social.report.caseload"].with_user(self.coordinator)
        [(quiet, overdue)] = report._read_group(
            [("user_id", "=", self.worker.id)], [], ["quiet_count:sum", "review_overdue_count:sum"]
        )
        self.assertEqual((quiet, overdue), (2, 1))
        # a closed case counts for neither
        self.cases[1].stage_id = self.env.ref("social_case.stage_closed")
        self.env.flush_all()
        [(quiet,)] = report._read_group([("user_id", "=", self.worker.id)], [], ["quiet_count:sum"])
        self.assertEqual(quiet, 1)

    def test_caseload_per_worker_counts_overdue_actions_and_plans_waiting_for_sign_off(self):
        """The head of service sees, per worker, the plan actions left after their due date
        and the plans the coordinator has not signed off yet."""
        today = fields.Date.context_today(self.env.user)
        self.team.leader_id = self.coordinator
        Plan = self.env["social.case.plan"]
        late = Plan.create({"case_id": self.cases[0].id})
        self.env["social.case.plan.action"].create(
            [
                {"plan_id": late.id, "name": name, "owner_type": "referent", "date_due": due}
                for name, due in (
                    ("Call the insurer", today - timedelta(days=3)),
                    ("Ask the CPAS", today - timedelta(days=1)),
                    ("Visit the flat", today),
                )
            ]
        )
        waiting = Plan.create({"case_id": self.cases[1].id})
        waiting.with_user(self.worker).request_validation()
        report = self.env["social.report.caseload"].with_user(self.coordinator)

        def figures():
            self.env.flush_all()
            [row] = report._read_group(
                [("user_id", "=", self.worker.id)],
                [],
                ["action_overdue_count:sum", "plan_waiting_count:sum"],
            )
            return row

        self.assertEqual(figures(), (2, 1))
        # signed off, the plan no longer waits; an action done is no longer overdue
        action = waiting.with_user(self.coordinator).validate_tier()
        self.env["comment.wizard"].with_user(self.coordinator).with_context(
            **action["context"]
        ).create({"comment": "Agreed"}).add_comment()
        late.plan_action_ids.filtered(lambda a: a.name == "Ask the CPAS").with_user(
            self.worker
        ).action_done()
        self.assertEqual(waiting.state, "active")
        self.assertEqual(figures(), (1, 0))

    def test_caseload_per_worker_counts_open_cases_only(self):
        closed = self.env.ref("social_case.stage_closed")
        self.cases[2].stage_id = closed
        self.env.flush_all()
        report = self.env["social.report.caseload"].with_user(self.coordinator)
        [(count,)] = report._read_group(
            [("user_id", "=", self.worker.id), ("is_closed", "=", False)], [], ["case_count:sum"]
        )
        self.assertEqual(count, 2)

    def test_reports_are_for_coordinators_and_managers(self):
        for user in (self.worker, self.nurse):
            for model in ("social.report.intervention", "social.report.caseload"):
                with self.assertRaises(AccessError):
                    self.env[model].with_user(user).search_read([], ["user_id"])

    def test_reports_carry_no_patient(self):
        for model in ("social.report.intervention", "social.report.caseload"):
            fields = self.env[model]._fields
            self.assertFalse(
                {"patient_id", "case_id", "note"} & set(fields), f"{model} exposes patient data"
            )

    def test_other_site_is_not_counted(self):
        other_company = self.env["res.company"].create({"name": "Other Site"})
        other_user = new_test_user(
            self.env,
            "rep_other_site",
            groups="social_case.group_social_coordinator",
            company_id=other_company.id,
            company_ids=[(6, 0, other_company.ids)],
        )
        report = self.env["social.report.caseload"].with_user(other_user)
        self.assertEqual(report.search_count([("user_id", "=", self.worker.id)]), 0)

    def test_pivot_groups_keep_the_order_of_their_records(self):
        """The pivot orders stages by their sequence and workers by name, as Odoo would,
        though the database groups on the stored ids alone."""
        other = new_test_user(
            self.env, "rep_worker_aaa", groups="social_case.group_social_worker", name="Aaa Worker"
        )
        closed = self.env.ref("social_case.stage_closed")
        first = self.env["social.case.stage"].search([], order="sequence, id", limit=1)
        self.cases[0].stage_id = closed
        self.cases[1].stage_id = first
        self.env["social.case"].create(
            {
                "patient_id": self.env["res.partner"].create({"name": "Report Patient A"}).id,
                "user_id": other.id,
            }
        )
        report = self.env["social.report.caseload"].with_user(self.coordinator)
        domain = [("user_id", "in", (self.worker | other).ids)]
        groups = report.read_group(domain, ["case_count:sum"], ["user_id", "stage_id"], lazy=False)
        self.assertEqual(
            [(g["user_id"][1], g["stage_id"][0], g["case_count"]) for g in groups],
            [
                ("Aaa Worker", first.id, 1),
                (self.worker.name, first.id, 2),  # the third case starts in the first stage
                (self.worker.name, closed.id, 1),
            ],
        )

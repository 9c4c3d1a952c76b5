import socket
import subprocess
import tempfile
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import SocialCaseCommon


@tagged("post_install", "-at_install")
class TestCasePlan(SocialCaseCommon):
    """What the worker and the patient agreed: goals answering the case's needs, actions
    with an owner and a due date, the owners' activities, the reviews that make a new
    version, the overdue actions on the plan and on the case."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["social.case.plan"])
        cls.need_money = cls.env["social.case.need"].create(
            {
                "case_id": cls.case_north.id,
                "need_type_id": cls.env.ref("social_case.need_home_care").id,
            }
        )

    def _plan(self, user=None):
        Plan = self.env["social.case.plan"].with_user(user or self.worker)
        return Plan.create({"case_id": self.case_north.id})

    def _action(self, plan, **vals):
        values = {"plan_id": plan.id, "name": "Call the insurer", "owner_type": "referent"}
        values.update(vals)
        return self.env["social.case.plan.action"].with_user(self.worker).create(values)

    def _activities(self, plan, user):
        return self.env["mail.activity"].search(
            [("res_model", "=", plan._name), ("res_id", "=", plan.id), ("user_id", "=", user.id)]
        )

    def test_review_date_follows_the_team(self):
        """A plan is reviewed after its team's interval: 3 months unless the team says."""
        plan = self._plan()
        self.assertEqual(plan.review_date, self.today + relativedelta(months=3))
        self.assertEqual(plan.version, 1)
        self.assertTrue(plan.is_current)
        self.team_north.plan_review_months = 6
        plan.action_review()
        self.assertEqual(self.case_north.plan_id.review_date, self.today + relativedelta(months=6))

    def test_one_current_plan_per_case(self):
        self._plan()
        with self.assertRaisesText(ValidationError, "already has a current plan"):
            self._plan()

    def test_a_goal_answers_a_need_of_the_case(self):
        plan = self._plan()
        other_need = self.env["social.case.need"].create(
            {
                "case_id": self.case_south.id,
                "need_type_id": self.env.ref("social_case.need_home_care").id,
            }
        )
        with self.assertRaisesText(ValidationError, "need of the plan's own case"):
            self.env["social.case.plan.goal"].create(
                {"plan_id": plan.id, "need_id": other_need.id, "name": "Wrong need"}
            )

    def test_owner_activity_follows_the_action(self):
        """An action of the referent or of a colleague is their activity on its due date;
        a new due date or owner moves it; done, it is marked done; cancelled, it goes.
        The patient's or a relative's actions make no activity."""
        plan = self._plan()
        due = self.today + timedelta(days=10)
        action = self._action(plan, date_due=due)
        activity = self._activities(plan, self.worker)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.date_deadline, due)
        self.assertEqual(activity.summary, "Call the insurer")
        self.assertEqual(action.activity_id, activity)
        # moved to a colleague of the team, on another date
        later = due + timedelta(days=5)
        action.write(
            {"owner_type": "colleague", "owner_user_id": self.worker_b.id, "date_due": later}
        )
        self.assertFalse(self._activities(plan, self.worker))
        self.assertEqual(self._activities(plan, self.worker_b).date_deadline, later)
        # done: the activity is done, recorded in the plan's chatter
        action.action_done()
        self.assertEqual(action.state, "done")
        self.assertEqual(action.date_done, self.today)
        self.assertFalse(self._activities(plan, self.worker_b))
        self.assertTrue(
            plan.message_ids.filtered(
                lambda m: m.mail_activity_type_id and "Call the insurer" in (m.body or "")
            )
        )
        # the patient's own action is no one's activity
        self._action(plan, name="Bring the insurance card", owner_type="patient", date_due=due)
        self.assertEqual(
            self.env["mail.activity"].search_count(
                [("res_model", "=", plan._name), ("res_id", "=", plan.id)]
            ),
            0,
        )
        # a cancelled action drops its activity
        cancelled = self._action(plan, name="Ask the CPAS", date_due=due)
        self.assertTrue(cancelled.activity_id)
        cancelled.action_cancel()
        self.assertFalse(self._activities(plan, self.worker))

    def test_owner_ticks_the_activity_done(self):
        """The colleague marks the activity done from their activities: the action is done."""
        plan = self._plan()
        action = self._action(
            plan, owner_type="colleague", owner_user_id=self.worker_b.id, date_due=self.today
        )
        action.activity_id.with_user(self.worker_b).action_feedback(feedback="Called")
        self.assertEqual(action.state, "done")
        self.assertEqual(action.date_done, self.today)
        self.assertEqual(plan.progress, 100.0)

    def test_progress_and_overdue(self):
        """Progress counts the actions done out of those not cancelled; overdue actions of
        the current plan are counted on the plan and on the case."""
        plan = self._plan()
        past = self.today - timedelta(days=2)
        late = self._action(plan, name="Late one", owner_type="patient", date_due=past)
        self._action(
            plan, name="Later one", owner_type="patient", date_due=self.today + timedelta(days=3)
        )
        done = self._action(plan, name="Done one", owner_type="patient", date_due=past)
        dropped = self._action(plan, name="Dropped", owner_type="patient", date_due=past)
        done.action_done()
        dropped.action_cancel()
        self.env.invalidate_all()
        self.assertEqual((plan.total_actions, plan.done_actions), (3, 1))
        self.assertAlmostEqual(plan.progress, 100.0 / 3, places=2)
        self.assertEqual(plan.overdue_count, 1)
        self.assertEqual(self.case_north.plan_overdue_count, 1)
        self.assertEqual(
            self.env["social.case.plan.action"].search(
                [("plan_id", "=", plan.id), ("is_overdue", "=", True)]
            ),
            late,
        )
        late.action_done()
        self.env.invalidate_all()
        self.assertEqual(self.case_north.plan_overdue_count, 0)

    def test_review_carries_open_items_and_keeps_the_old_version(self):
        """Reviewing makes version 2 with the open goals and the actions to do (their
        activities moved to the copies); version 1 stays as it was, readable, unchangeable."""
        plan = self._plan()
        Goal = self.env["social.case.plan.goal"].with_user(self.worker)
        open_goal = Goal.create(
            {"plan_id": plan.id, "need_id": self.need_north.id, "name": "Home care"}
        )
        met_goal = Goal.create(
            {"plan_id": plan.id, "need_id": self.need_money.id, "name": "Insurer"}
        )
        todo = self._action(plan, goal_id=open_goal.id, date_due=self.today + timedelta(days=4))
        finished = self._action(plan, goal_id=met_goal.id, name="Send the form")
        finished.action_done()
        met_goal.write({"status": "achieved", "outcome": "Insured again"})
        plan.with_user(self.worker).action_review()

        new = self.case_north.plan_id
        self.assertNotEqual(new, plan)
        self.assertEqual((new.version, new.previous_id), (2, plan))
        self.assertEqual(new.goal_ids.mapped("name"), ["Home care"])
        self.assertEqual(new.goal_ids.status, "open")
        self.assertEqual(new.plan_action_ids.mapped("name"), ["Call the insurer"])
        self.assertEqual(new.plan_action_ids.goal_id, new.goal_ids)
        self.assertEqual(new.plan_action_ids.state, "todo")
        # one activity, on the new version
        self.assertEqual(len(self._activities(new, self.worker)), 1)
        self.assertFalse(self._activities(plan, self.worker))
        # the old version is as it was, and refuses changes
        self.assertFalse(plan.is_current)
        self.assertEqual(plan.goal_ids, open_goal | met_goal)
        self.assertEqual(todo.state, "todo")
        self.assertEqual(self.case_north.plan_ids, plan | new)
        for record, vals in (
            (plan.with_user(self.worker), {"review_date": self.today}),
            (open_goal.with_user(self.worker), {"status": "abandoned"}),
            (todo.with_user(self.worker), {"date_due": self.today}),
        ):
            with self.assertRaisesText(UserError, "kept as it was agreed"):
                record.write(vals)
        with self.assertRaisesText(UserError, "kept as it was agreed"):
            Goal.create({"plan_id": plan.id, "need_id": self.need_north.id, "name": "Late"})
        # both chatters say what the review did
        for version in (plan, new):
            self.assertIn(
                "version 2 carries 1 open goals and 1 actions", version.message_ids[0].body
            )

    def test_agreement_is_recorded_with_who_recorded_it(self):
        plan = self._plan()
        plan.with_user(self.worker).write({"agreement_date": self.today, "agreement_mode": "oral"})
        self.assertEqual(plan.agreement_user_id, self.worker)
        with self.assertRaisesText(ValidationError, "future"):
            plan.with_user(self.worker).agreement_date = self.today + timedelta(days=1)

    def test_the_case_opens_its_plan(self):
        """The Plan tab's button makes the case's first plan, then opens the same one."""
        case = self.case_north.with_user(self.worker)
        action = case.action_open_plan()
        plan = self.env["social.case.plan"].browse(action["res_id"])
        self.assertEqual((plan.case_id, plan.version), (self.case_north, 1))
        self.assertEqual(case.action_open_plan()["res_id"], plan.id)


@tagged("post_install", "-at_install")
class TestCasePlanReport(SocialCaseCommon):
    """ "What we agreed", printed for the patient in their language, each printing logged."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        cls.env["ir.config_parameter"].sudo().set_param("report.url", f"http://127.0.0.1:{port}")
        Plan = cls.env["social.case.plan"].with_user(cls.worker)
        cls.plan = Plan.create({"case_id": cls.case_north.id})
        cls.env["social.case.plan.goal"].with_user(cls.worker).create(
            {"plan_id": cls.plan.id, "need_id": cls.need_north.id, "name": "Zebraline home help"}
        )
        cls.env["social.case.plan.action"].with_user(cls.worker).create(
            {"plan_id": cls.plan.id, "name": "Zebraline insurance card", "owner_type": "patient"}
        )

    def setUp(self):
        super().setUp()
        if self.env["ir.actions.report"].get_wkhtmltopdf_state() != "ok":
            self.skipTest("wkhtmltopdf is not installed: `make setup` installs it")
        installed = {code for code, _name in self.env["res.lang"].get_installed()}
        if not {"fr_FR", "nl_BE"} <= installed:
            self.skipTest("French and Dutch are installed with the demo data")

    def _text(self, language):
        self.case_north.with_user(self.worker).language_id = self.env.ref(
            f"social_case.language_{language}"
        )
        report = self.env.ref("social_case.action_report_case_plan")
        pdf, kind = (
            report.with_user(self.worker)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(report.report_name, self.plan.ids)
        )
        self.assertEqual(kind, "pdf")
        with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
            file.write(pdf)
            file.flush()
            text = subprocess.run(
                ["pdftotext", file.name, "-"], capture_output=True, check=True, text=True
            ).stdout
        return " ".join(text.split())

    def _log_lines(self):
        self.env.cr.flush()  # the request commits: the reads are written
        return self.env["social.case.access.log"].search_count(
            [
                ("res_model", "=", "social.case.plan"),
                ("res_id", "=", self.plan.id),
                ("operation", "=", "export"),
                ("user_id", "=", self.worker.id),
            ]
        )

    def test_french_and_dutch_and_logged(self):
        before = self._log_lines()
        text = self._text("fr")
        for expected in (
            "Ce que nous avons convenu ensemble",
            "Test Patient North",
            "Zebraline home help",
            "Qui fait quoi",
            "Vous",
        ):
            self.assertIn(expected, text)
        self.assertEqual(self._log_lines(), before + 1)
        text = self._text("nl")
        for expected in ("Wat we samen afgesproken hebben", "Wie doet wat", "U"):
            self.assertIn(expected, text)
        self.assertEqual(self._log_lines(), before + 2)

    def test_not_printed_by_another_team(self):
        report = self.env.ref("social_case.action_report_case_plan")
        with self.assertRaises(AccessError):
            report.with_user(self.worker_south).with_context(
                force_report_rendering=True
            )._render_qweb_pdf(report.report_name, self.plan.ids)

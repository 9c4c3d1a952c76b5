from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import SocialServiceCommon


@tagged("post_install", "-at_install")
class TestProcedure(SocialServiceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.patient = cls.env["res.partner"].create({"name": "Nadia Procedure Test"})
        cls.case = cls.env["social.case"].create(
            {"patient_id": cls.patient.id, "user_id": cls.worker_a.id, "team_id": cls.team_a.id}
        )
        cls.today = fields.Date.context_today(cls.env["social.procedure"])
        cls.deadline_type = cls.env.ref("social_case.mail_activity_type_procedure_deadline")

    def _procedure(self, user=None, **vals):
        values = {"case_id": self.case.id, "type_id": self.aid.id}
        values.update(vals)
        return self.env["social.procedure"].with_user(user or self.worker_a).create(values)

    def _deadline_activities(self, procedure):
        procedure.invalidate_recordset()
        return procedure.sudo().activity_ids.filtered(
            lambda a: a.activity_type_id == self.deadline_type
        )

    # -- filled from the type ------------------------------------------------------
    def test_type_fills_explanation_organisation_due_date(self):
        fedasil = self.env.ref("social_case.procedure_type_fedasil_requisition")
        procedure = self._procedure(type_id=fedasil.id)
        self.assertEqual(procedure.name, fedasil.name)
        self.assertEqual(procedure.explanation, fedasil.explanation)
        self.assertTrue(procedure.explanation, "The worker must see why the procedure is needed")
        self.assertEqual(procedure.required_documents, fedasil.required_documents)
        self.assertEqual(procedure.organisation_id, self.env.ref("social_case.partner_fedasil"))
        self.assertEqual(procedure.due_date, self.today + relativedelta(days=fedasil.default_delay))
        self.assertEqual(procedure.state, "to_do")

    # -- state flow ---------------------------------------------------------------
    def test_full_flow_with_appeal(self):
        procedure = self._procedure()
        self.flush_tracking()
        steps = [
            (procedure.action_submit, "submitted"),
            (procedure.action_await_answer, "awaiting_answer"),
            (procedure.action_refuse, "refused"),
            (procedure.action_appeal, "appealed"),
            (procedure.action_grant, "granted"),
        ]
        for action, state in steps:
            action()
            self.flush_tracking()
            self.assertEqual(procedure.state, state)
            if state == "submitted":
                self.assertEqual(procedure.submission_date, self.today)
            if state == "refused":
                self.assertEqual(procedure.answer_date, self.today)
        tracked = procedure.sudo().message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "state"
        )
        self.assertEqual(len(tracked), 5, "Every change of state is tracked in the chatter")
        self.assertEqual(
            set(tracked.mapped("new_value_char")),
            {"Submitted", "Awaiting Answer", "Refused", "Appealed", "Granted"},
        )

    def test_cancel_and_reopen(self):
        procedure = self._procedure()
        procedure.action_cancel()
        self.assertEqual(procedure.state, "cancelled")
        procedure.action_reopen()
        self.assertEqual(procedure.state, "to_do")

    def test_wrong_transitions_are_refused(self):
        procedure = self._procedure()
        with self.assertRaisesRegex(UserError, "cannot be granted: it is To Do"):
            procedure.action_grant()
        with self.assertRaisesRegex(UserError, "cannot be refused: it is To Do"):
            procedure.action_refuse()
        with self.assertRaisesRegex(UserError, "An appeal is only possible after a refusal"):
            procedure.action_appeal()
        with self.assertRaisesRegex(UserError, "Submit it first"):
            procedure.action_await_answer()
        procedure.action_submit()
        with self.assertRaisesRegex(UserError, "Only a cancelled procedure can be reopened"):
            procedure.write({"state": "to_do"})
        with self.assertRaisesRegex(UserError, "An appeal is only possible after a refusal"):
            procedure.action_appeal()
        procedure.action_grant()
        with self.assertRaisesRegex(UserError, "cannot be cancelled: it is already Granted"):
            procedure.action_cancel()
        with self.assertRaisesRegex(UserError, "cannot be refused: it is Granted"):
            procedure.write({"state": "refused"})
        self.assertEqual(procedure.state, "granted")

    # -- deadline activity ----------------------------------------------------------
    def test_due_date_creates_and_moves_the_activity(self):
        due = self.today + relativedelta(days=12)
        procedure = self._procedure(due_date=due)
        activity = self._deadline_activities(procedure)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.date_deadline, due)
        self.assertEqual(activity.user_id, self.worker_a)

        later = self.today + relativedelta(days=40)
        procedure.write({"due_date": later, "user_id": self.coordinator.id})
        moved = self._deadline_activities(procedure)
        self.assertEqual(moved, activity, "The same activity is moved, not duplicated")
        self.assertEqual(moved.date_deadline, later)
        self.assertEqual(moved.user_id, self.coordinator)

        procedure.action_submit()
        self.assertEqual(len(self._deadline_activities(procedure)), 1)
        procedure.action_grant()
        self.assertFalse(self._deadline_activities(procedure), "Answered: the activity is done")
        done = self.env["mail.message"].search(
            [
                ("model", "=", "social.procedure"),
                ("res_id", "=", procedure.id),
                ("mail_activity_type_id", "=", self.deadline_type.id),
            ]
        )
        self.assertTrue(done, "The deadline activity is marked done in the chatter")

    def test_removing_due_date_or_cancelling_drops_the_activity(self):
        procedure = self._procedure(due_date=self.today + relativedelta(days=5))
        self.assertTrue(self._deadline_activities(procedure))
        procedure.due_date = False
        self.assertFalse(self._deadline_activities(procedure))
        procedure.due_date = self.today + relativedelta(days=6)
        self.assertTrue(self._deadline_activities(procedure))
        procedure.action_cancel()
        self.assertFalse(self._deadline_activities(procedure))

    # -- constraints ------------------------------------------------------------------
    def test_amount_cannot_be_negative(self):
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self._procedure(amount=-10.0)

    def test_dates_must_be_coherent(self):
        with self.assertRaisesRegex(ValidationError, "answered before it was submitted"):
            self._procedure(
                submission_date=self.today - relativedelta(days=2),
                answer_date=self.today - relativedelta(days=5),
            )
        with self.assertRaisesRegex(ValidationError, "submitted in the future"):
            self._procedure(submission_date=self.today + relativedelta(days=1))
        procedure = self._procedure()
        procedure.action_submit()
        with self.assertRaisesRegex(ValidationError, "answered before it was submitted"):
            procedure.answer_date = self.today - relativedelta(days=1)

    def test_no_procedure_on_closed_case(self):
        closed = self.env["social.case.stage"].search([("is_closed", "=", True)], limit=1)
        self.case.stage_id = closed
        with self.assertRaisesRegex(ValidationError, "is closed: reopen it"):
            self._procedure()

    # -- access -------------------------------------------------------------------------
    def test_care_team_and_liaison_see_nothing(self):
        procedure = self._procedure()
        self.env.invalidate_all()
        for user in (self.nurse, self.volunteer):
            Procedure = self.env["social.procedure"].with_user(user)
            self.assertFalse(Procedure.has_access("read"), user.login)
            with self.assertRaises(AccessError):
                Procedure.search([])
            with self.assertRaises(AccessError):
                procedure.with_user(user).read(["explanation"])
            with self.assertRaises(AccessError):
                Procedure.create({"case_id": self.case.id, "type_id": self.aid.id})

    def test_worker_of_another_team_sees_nothing(self):
        procedure = self._procedure(amount=120.0)
        self.env.invalidate_all()
        Procedure = self.env["social.procedure"].with_user(self.worker_b)
        domain = [("case_id", "=", self.case.id)]
        self.assertFalse(Procedure.search(domain))
        self.assertEqual(Procedure.search_count(domain), 0)
        self.assertFalse(Procedure.read_group(domain, ["amount:sum"], ["state"]))
        self.assertFalse(Procedure.name_search(procedure.name))
        with self.assertRaises(AccessError):
            procedure.with_user(self.worker_b).read(["name"])
        with self.assertRaises(AccessError):
            Procedure.create({"case_id": self.case.id, "type_id": self.aid.id})

    def test_restricted_case_hidden_from_team_but_not_referent(self):
        procedure = self._procedure()
        teammate = new_test_user(self.env, "t_proc_mate", groups="social_case.group_social_worker")
        self.team_a.member_ids = [(4, teammate.id)]
        self.env.invalidate_all()
        self.assertEqual(
            self.env["social.procedure"].with_user(teammate).search([("id", "=", procedure.id)]),
            procedure.with_user(teammate),
        )
        self.case.confidentiality = "restricted"
        self.env.invalidate_all()
        Mate = self.env["social.procedure"].with_user(teammate)
        self.assertEqual(Mate.search_count([("id", "=", procedure.id)]), 0)
        Coordinator = self.env["social.procedure"].with_user(self.coordinator)
        self.assertEqual(Coordinator.search_count([("id", "=", procedure.id)]), 0)
        self.assertEqual(
            self.env["social.procedure"]
            .with_user(self.worker_a)
            .search_count([("id", "=", procedure.id)]),
            1,
        )

    def test_worker_cannot_delete_manager_can_and_it_is_logged(self):
        procedure = self._procedure()
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            procedure.with_user(self.worker_a).unlink()
        procedure.with_user(self.worker_a).action_cancel()
        self.assertEqual(procedure.state, "cancelled")
        name = procedure.name
        procedure.with_user(self.manager).unlink()
        self.assertFalse(procedure.exists())
        self.assertIn(name, self.case.message_ids[0].body)
        self.assertIn("deleted", self.case.message_ids[0].body)

    def test_case_smart_button_counts_procedures(self):
        self._procedure()
        self._procedure(type_id=self.env.ref("social_case.procedure_type_billing_problem").id)
        self.case.invalidate_recordset()
        self.assertEqual(self.case.with_user(self.worker_a).procedure_count, 2)
        action = self.case.with_user(self.worker_a).action_view_procedures()
        self.assertEqual(
            self.env["social.procedure"].with_user(self.worker_a).search_count(action["domain"]), 2
        )

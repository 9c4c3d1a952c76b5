from datetime import timedelta

from odoo import fields
from odoo.tests import Form, HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestFirstDayOnAPhone(HttpCase):
    """Each role logs in on a phone and lands on its own work."""

    browser_size = "375x740"
    touch_enabled = True

    def setUp(self):
        super().setUp()
        self.ward = self.env["social.unit"].create(
            {"name": "Tour Ward", "target_length_of_stay": 5}
        )

    def _user(self, login, groups, action):
        return new_test_user(
            self.env,
            login,
            groups=groups,
            name=login.replace("_", " ").title(),
            action_id=self.env.ref(action).id,
            tz="Europe/Brussels",
        )

    def test_social_worker_lands_on_her_caseload_cards(self):
        worker = self._user(
            "tour_day_worker",
            "social_case.group_social_worker",
            "social_case.social_case_action_my",
        )
        patient = self.env["res.partner"].create({"name": "Tour Caseload Patient"})
        case = self.env["social.case"].create({"patient_id": patient.id, "user_id": worker.id})
        self.env["social.case.episode"].create(
            {
                "case_id": case.id,
                "unit_id": self.ward.id,
                "room": "12",
                "date_start": fields.Date.today() - timedelta(days=2),
            }
        )
        self.env["social.intervention"].create(
            {
                "case_id": case.id,
                "type_id": self.env.ref("social_case.intervention_type_phone_call").id,
                "user_id": worker.id,
                "date": fields.Datetime.now() - timedelta(days=3),
                "duration": 15,
                "note": "Tour earlier call",
            }
        )
        self.assertEqual(case.days_since_contact, 3)
        self.start_tour("/odoo", "social_first_day_worker_tour", login="tour_day_worker")
        # the new intervention's dialog opened nobody's file; the case was opened
        self.assertNoLogLineOfNobodysFile(worker)
        opened = self.env["social.case.access.log"].search(
            [
                ("user_id", "=", worker.id),
                ("operation", "=", "open"),
                ("res_model", "=", case._name),
            ]
        )
        self.assertEqual(opened.case_id, case)
        # stored when the dialog was saved: the case itself was never saved
        logged = case.intervention_ids.filtered(lambda i: i.note == "Tour call with the daughter.")
        self.assertEqual(logged.duration, 20)
        self.assertEqual(logged.user_id, worker)
        # the earlier call corrected in its dialog is stored too, the case never saved
        earlier = case.intervention_ids.filtered(lambda i: i.note == "Tour earlier call")
        self.assertEqual(earlier.duration, 35)
        self.assertEqual(logged.type_id, self.env.ref("social_case.intervention_type_phone_call"))

    def test_social_worker_sees_her_interventions_as_cards(self):
        worker = self._user(
            "tour_day_interventions",
            "social_case.group_social_worker",
            "social_case.social_case_action_my",
        )
        patient = self.env["res.partner"].create({"name": "Tour Interventions Patient"})
        case = self.env["social.case"].create({"patient_id": patient.id, "user_id": worker.id})
        self.env["social.intervention"].create(
            {
                "case_id": case.id,
                "type_id": self.env.ref("social_case.intervention_type_phone_call").id,
                "user_id": worker.id,
                "duration": 25,
            }
        )
        self.start_tour(
            "/odoo/action-social_case.social_intervention_action",
            "social_interventions_phone_tour",
            login="tour_day_interventions",
        )

    def test_the_tabs_of_a_case_are_cards_on_a_phone(self):
        """Plan, notes, consents, referrals and procedures of a case: cards at 375 px."""
        worker = self._user(
            "tour_day_tabs", "social_case.group_social_worker", "social_case.social_case_action_my"
        )
        nurse = self._user(
            "tour_day_tabs_nurse",
            "social_case.group_social_care",
            "social_case.social_referral_action_refer",
        )
        coordinator = self._user(
            "tour_day_tabs_coordinator",
            "social_case.group_social_coordinator",
            "social_case.social_referral_action_triage",
        )
        team = self.env["social.team"].create(
            {"name": "Tour Tabs Team", "member_ids": [(6, 0, worker.ids)]}
        )
        patient = self.env["res.partner"].create({"name": "Tour Tabs Patient"})
        referral = (
            self.env["social.referral"]
            .with_user(nurse)
            .create({"patient_id": patient.id, "unit_id": self.ward.id, "reason": "Rent."})
        )
        triage = Form(
            self.env["social.referral.triage"]
            .with_user(coordinator)
            .with_context(default_referral_id=referral.id)
        )
        triage.team_id = team
        triage.user_id = worker
        triage.save().action_confirm()
        case = self.env["social.case"].search([("patient_id", "=", patient.id)])
        self.assertEqual(case.referral_ids, referral)
        as_worker = case.with_user(worker)
        as_worker.action_open_plan()
        NeedType = self.env["social.need.type"]
        housing, debts = NeedType.create([{"name": "Tour Housing"}, {"name": "Tour Debts"}])
        self.env["social.case.need"].with_user(worker).create(
            {"case_id": case.id, "need_type_id": housing.id}
        )
        self.env["social.case.note"].with_user(worker).create(
            {"case_id": case.id, "body": "<p>Tour note about the rent</p>"}
        )
        self.env["social.consent"].with_user(worker).create(
            {
                "case_id": case.id,
                "patient_id": patient.id,
                "purpose_id": self.env.ref("social_case.consent_purpose_discharge_provider").id,
                "given_by": "patient",
            }
        )
        self.env["social.procedure"].with_user(worker).create(
            {
                "case_id": case.id,
                "type_id": self.env.ref("social_case.procedure_type_financial_aid").id,
                "name": "Tour Income Support",
            }
        )
        self.start_tour("/odoo", "social_case_tabs_phone_tour", login="tour_day_tabs")
        # what the dialogs saved is stored, though the case itself was never saved
        self.assertEqual(case.need_ids.need_type_id, housing | debts)
        self.assertIn("Tour note written on a phone", "".join(case.note_ids.mapped("body")))
        self.assertEqual(len(case.note_ids), 2)
        self.assertEqual(case.procedure_ids.reference, "TOUR-REF-7")
        volunteers = self.env.ref("social_case.consent_purpose_volunteers")
        self.assertEqual(
            case.consent_ids.filtered(lambda c: c.purpose_id == volunteers).state, "valid"
        )

    def test_coordinator_lands_on_the_referrals_to_triage(self):
        self._user(
            "tour_day_coordinator",
            "social_case.group_social_coordinator",
            "social_case.social_referral_action_triage",
        )
        patient = self.env["res.partner"].create({"name": "Tour Triage Patient"})
        self.env["social.referral"].create(
            {
                "patient_id": patient.id,
                "unit_id": self.ward.id,
                "reason": "Needs a place in a nursing home.",
                "date": fields.Datetime.now() - timedelta(days=3),
            }
        )
        self.start_tour("/odoo", "social_first_day_coordinator_tour", login="tour_day_coordinator")

    def test_coordinator_sees_likely_duplicates_as_cards(self):
        """A patient followed in a case and a second contact of the same name: the referral
        and its triage show the likely duplicate as a card, nothing scrolls sideways."""
        self._user(
            "tour_day_dup_coordinator",
            "social_case.group_social_coordinator",
            "social_case.social_referral_action_triage",
        )
        worker = self._user(
            "tour_day_dup_worker",
            "social_case.group_social_worker",
            "social_case.social_case_action_my",
        )
        Partner = self.env["res.partner"]
        followed = Partner.create({"name": "Tour Homonym", "social_birthdate": "1950-03-04"})
        self.env["social.case"].create({"patient_id": followed.id, "user_id": worker.id})
        second = Partner.create({"name": "Tour Homonym"})
        referral = self.env["social.referral"].create(
            {"patient_id": second.id, "unit_id": self.ward.id, "reason": "Lives alone."}
        )
        self.assertEqual(referral.patient_duplicate_ids, followed)
        self.start_tour(
            "/odoo", "social_triage_duplicates_phone_tour", login="tour_day_dup_coordinator"
        )

    def test_head_of_service_lands_on_the_referrals_to_triage(self):
        self._user(
            "tour_day_manager",
            "social_case.group_social_manager",
            "social_case.social_referral_action_triage",
        )
        patient = self.env["res.partner"].create({"name": "Tour Triage Patient"})
        self.env["social.referral"].create(
            {
                "patient_id": patient.id,
                "unit_id": self.ward.id,
                "reason": "Needs a place in a nursing home.",
                "date": fields.Datetime.now() - timedelta(days=3),
            }
        )
        self.start_tour("/odoo", "social_first_day_coordinator_tour", login="tour_day_manager")

    def test_nurse_refers_a_new_patient_in_five_actions(self):
        nurse = self._user(
            "tour_day_nurse",
            "social_case.group_social_care,base.group_partner_manager",
            "social_case.social_referral_action_refer",
        )
        nurse.social_unit_id = self.ward
        self.start_tour("/odoo", "social_first_day_nurse_tour", login="tour_day_nurse")
        referral = self.env["social.referral"].search([("create_uid", "=", nurse.id)])
        self.assertEqual(len(referral), 1)
        self.assertEqual(referral.patient_id.name, "Tour New Patient")
        # the patient was created once, in the dialog
        self.assertEqual(
            self.env["res.partner"].search_count([("name", "=", "Tour New Patient")]), 1
        )
        self.assertFalse(referral.patient_id.is_company)
        self.assertEqual(referral.unit_id, self.ward)
        self.assertEqual(referral.state, "new")

    def test_nurse_leaves_her_landing_form_untouched(self):
        """The landing form is not a change before she types, lists no patient before a
        letter, and discarding it leads to her referrals."""
        nurse = self._user(
            "tour_day_nurse_leaves",
            "social_case.group_social_care,base.group_partner_manager",
            "social_case.social_referral_action_refer",
        )
        nurse.social_unit_id = self.ward
        self.env["res.partner"].create({"name": "Tour Known Patient"})
        self.start_tour("/odoo", "social_first_day_nurse_leaves_tour", login=nurse.login)
        self.assertFalse(self.env["social.referral"].search([("create_uid", "=", nurse.id)]))
        self.assertNoLogLineOfNobodysFile(nurse)

    def assertNoLogLineOfNobodysFile(self, user):
        """A new form opens nobody's file: no line of the access log without a case and a
        patient, nothing "opened" but records of a file."""
        lines = self.env["social.case.access.log"].search([("user_id", "=", user.id)])
        self.assertFalse(lines.filtered(lambda line: not line.case_id and not line.patient_id))

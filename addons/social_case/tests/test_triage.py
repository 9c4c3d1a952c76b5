import pytz

from odoo.api import call_kw
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged, users

from .common import SocialCaseCommon


@tagged("post_install", "-at_install")
class TestTriage(SocialCaseCommon):
    def _referral(self, patient, **values):
        return (
            self.env["social.referral"]
            .with_user(self.nurse)
            .create({"patient_id": patient.id, "reason": "Needs help at home", **values})
        )

    def _wizard(self, referral):
        return Form(
            self.env["social.referral.triage"]
            .with_user(self.coordinator)
            .with_context(default_referral_id=referral.id)
        )

    def test_new_case_gets_team_of_the_postal_code_and_least_loaded_referent(self):
        # worker follows case_north and the restricted case; worker_b the minor's case only
        referral = self._referral(self.patient_new)
        wizard = self._wizard(referral)
        self.assertEqual(wizard.decision, "new_case")
        self.assertEqual(wizard.team_id, self.team_north)
        self.assertEqual(wizard.user_id, self.worker_b)
        self.assertEqual(wizard.user_caseload, 1)
        self.assertFalse(wizard.caseload_warning)
        action = wizard.save().action_confirm()
        case = referral.sudo().case_id
        # the coordinator is told who follows the patient and goes back to the queue
        self.assertIn(case.name, action["params"]["message"])
        self.assertIn(self.worker_b.name, action["params"]["message"])
        self.assertEqual(action["params"]["next"]["name"], "To Triage")
        self.assertEqual(case.patient_id, self.patient_new)
        self.assertEqual(case.user_id, self.worker_b)
        self.assertEqual(case.team_id, self.team_north)
        self.assertEqual(referral.state, "accepted")
        self.assertIn(referral.name, case.message_ids[0].body)
        # a patient of the south: the south team and its only member
        other = self.env["res.partner"].create({"name": "Test Patient Forest", "zip": "9302"})
        wizard = self._wizard(self._referral(other))
        self.assertEqual(wizard.team_id, self.team_south)
        self.assertEqual(wizard.user_id, self.worker_south)

    def test_never_a_second_case_for_a_patient(self):
        self.referred_by_the_nurse(self.case_north)
        referral = self._referral(self.patient_north)
        wizard = self._wizard(referral)
        self.assertEqual(wizard.existing_case_id, self.case_north)
        # the dialog names who follows the open case it proposes
        self.assertEqual(wizard.existing_case_referent, self.case_north.user_id.name)
        wizard.decision = "new_case"
        wizard.user_id = self.worker_b
        with self.assertRaisesText(UserError, "already has an open social case"):
            wizard.save().action_confirm()
        self.assertEqual(referral.state, "new")
        self.assertEqual(
            self.env["social.case"].search_count([("patient_id", "=", self.patient_north.id)]), 1
        )
        # even a restricted case the coordinator cannot read is found and reused (the nurse
        # referred its patient before)
        self.referred_by_the_nurse(self.case_restricted)
        referral = self._referral(self.patient_restricted)
        wizard = self._wizard(referral)
        self.assertEqual(wizard.decision, "existing_case")
        wizard.save().action_confirm()
        self.assertEqual(referral.sudo().case_id, self.case_restricted)
        # the model refuses a second open case however it is created
        with self.assertRaises(ValidationError):
            self.env["social.case"].with_user(self.coordinator).create(
                {"patient_id": self.patient_north.id}
            )

    def test_caseload_ceiling_warns_without_blocking(self):
        self.team_north.caseload_ceiling = 1
        referral = self._referral(self.patient_new)
        wizard = self._wizard(referral)
        self.assertEqual(wizard.user_id, self.worker_b)
        self.assertIn("ceiling of 1", wizard.caseload_warning)
        self.team_north.caseload_ceiling = 2
        wizard = self._wizard(referral)
        self.assertFalse(wizard.caseload_warning)
        self.team_north.caseload_ceiling = 1
        wizard = self._wizard(referral)
        wizard.save().action_confirm()
        self.assertEqual(referral.sudo().case_id.user_id, self.worker_b)

    @users("probe_coordinator")
    def test_caseload_counts_in_one_query(self):
        users = self.worker | self.worker_b | self.worker_south | self.coordinator
        Case = self.env["social.case"]
        Case._get_open_caseload(users)
        with self.assertQueryCount(probe_coordinator=1):
            caseload = Case._get_open_caseload(users)
        self.assertEqual(
            caseload, {self.worker.id: 2, self.worker_b.id: 1, self.worker_south.id: 1}
        )

    def test_redirect_and_duplicate(self):
        referral = self._referral(self.patient_new)
        wizard = self._wizard(referral)
        wizard.decision = "redirect"
        wizard.redirect_note = "Oriented to the palliative mobile team."
        wizard.save().action_confirm()
        self.assertEqual(referral.state, "redirected")
        self.assertEqual(referral.redirect_note, "Oriented to the palliative mobile team.")
        self.assertFalse(referral.sudo().case_id)
        self.referred_by_the_nurse(self.case_north)
        first = self._referral(self.patient_north)
        second = self._referral(self.patient_north)
        wizard = self._wizard(second)
        wizard.decision = "duplicate"
        wizard.duplicate_of_id = first
        wizard.save().action_confirm()
        self.assertEqual(second.state, "duplicate")
        self.assertEqual(second.duplicate_of_id, first)

    def test_child_in_danger_opens_a_minor_case(self):
        referral = self._referral(
            self.patient_new, urgency="urgent", urgency_reason="child_in_danger"
        )
        wizard = self._wizard(referral)
        self.assertEqual(wizard.confidentiality, "minor")
        wizard.save().action_confirm()
        case = referral.sudo().case_id
        self.assertEqual(case.confidentiality, "minor")
        self.assertEqual(case.priority, "2")
        self.env.invalidate_all()
        # the coordinator who opened it does not read it; the referent does
        self.assertFalse(
            self.env["social.case"].with_user(self.coordinator).search([("id", "=", case.id)])
        )
        self.assertTrue(case.with_user(case.user_id).read(["name"]))

    def test_only_the_social_workers_of_the_team_and_site_are_referents(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        other_site = self.env["res.company"].create({"name": "Test Other Site"})
        other_worker = new_test_user(
            self.env,
            "sc_worker_other_site",
            groups="social_case.group_social_worker",
            company_id=other_site.id,
            company_ids=[(6, 0, other_site.ids)],
        )
        # a team that lists a worker of the other site offers them nowhere
        self.team_north.sudo().write({"member_ids": [(4, self.manager.id)]})
        referral = self._referral(self.patient_new)
        wizard = self._wizard(referral).save()
        self.assertEqual(wizard.team_id, self.team_north)
        self.assertEqual(wizard.eligible_referent_ids, self.worker | self.worker_b | self.manager)
        self.team_north.sudo().write({"member_ids": [(3, self.manager.id)]})
        wizard = self._wizard(referral).save()
        self.assertEqual(wizard.eligible_referent_ids, self.worker | self.worker_b)
        self.assertEqual(wizard._fields["user_id"].domain, "[('id', 'in', eligible_referent_ids)]")
        admin = self.env.ref("base.user_admin")
        Triage = self.env["social.referral.triage"].with_user(self.coordinator)
        for outsider in (other_worker, admin, self.manager, self.worker_south):
            # what the browser sends when the coordinator picks the outsider anyway
            values = {"referral_id": referral.id, "decision": "new_case", "user_id": outsider.id}
            for lang, sentence in (
                ("en_US", f"{outsider.name} cannot be the referent: choose a social worker"),
                ("fr_FR", f"{outsider.name} ne peut pas être le référent : choisissez"),
            ):
                context = {"lang": lang, "allowed_company_ids": self.coordinator.company_ids.ids}
                wizard_id = call_kw(Triage, "create", [values], {"context": context})
                with self.assertRaisesText(UserError, sentence):
                    call_kw(Triage, "action_confirm", [[wizard_id]], {"context": context})
        self.assertEqual(referral.state, "new")
        self.assertFalse(referral.sudo().case_id)
        self.assertFalse(self.env["social.case"].search([("patient_id", "=", self.patient_new.id)]))

    def test_the_referral_unit_becomes_the_unit_of_the_hospital_stay(self):
        cardiology = self.env["social.unit"].create({"name": "Test Cardiology"})
        referral = self._referral(self.patient_new, unit_id=cardiology.id)
        self._wizard(referral).save().action_confirm()
        case = referral.sudo().case_id
        # the discharge plan proposes the case's current stay and its unit
        self.assertEqual(case.current_stay_id.episode_type, "hospital_stay")
        self.assertEqual(case.current_unit_id, cardiology)
        # on the day of the referral in the coordinator's time zone (not UTC's: from 23:00
        # UTC it is already the next day in Brussels)
        zone = pytz.timezone(self.coordinator.tz or "UTC")
        day = pytz.utc.localize(referral.date).astimezone(zone).date()
        self.assertEqual(case.current_stay_id.date_start, day)
        # into an open case whose stay names no unit yet: the stay gets the unit, no second
        stay = self.env["social.case.episode"].create({"case_id": self.case_north.id})
        self.referred_by_the_nurse(self.case_north)
        referral = self._referral(self.patient_north, unit_id=cardiology.id)
        self._wizard(referral).save().action_confirm()
        self.assertEqual(stay.unit_id, cardiology)
        self.assertEqual(self.case_north.episode_ids, stay)

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSocialServiceMenuTour(HttpCase):
    def test_menu_tour(self):
        """A social worker logs in and opens the Social Service app."""
        new_test_user(self.env, "tour_worker", groups="social_case.group_social_worker")
        self.start_tour("/odoo", "social_case_menu_tour", login="tour_worker")


@tagged("post_install", "-at_install")
class TestReferralToInterventionTour(HttpCase):
    """The nurse refers, the coordinator triages, the referent logs the first contact."""

    def setUp(self):
        super().setUp()
        territory = self.env["social.territory"].create({"name": "Tourville", "zip": "9401"})
        self.nurse = new_test_user(self.env, "tour_nurse", groups="social_case.group_social_care")
        self.coordinator = new_test_user(
            self.env, "tour_coordinator", groups="social_case.group_social_coordinator"
        )
        self.referent = new_test_user(
            self.env,
            "tour_referent",
            groups="social_case.group_social_worker",
            name="Tour Referent",
        )
        self.env["social.team"].create(
            {
                "name": "Tour Team",
                "member_ids": [(6, 0, self.referent.ids)],
                "territory_ids": [(6, 0, territory.ids)],
            }
        )
        self.patient = self.env["res.partner"].create({"name": "Aaa Tour Patient", "zip": "9401"})

    def _run(self):
        self.start_tour(
            "/odoo/action-social_case.social_referral_action_refer",
            "social_referral_refer_tour",
            login="tour_nurse",
        )
        referral = self.env["social.referral"].search([("patient_id", "=", self.patient.id)])
        self.assertEqual(len(referral), 1)
        self.assertEqual(referral.create_uid, self.nurse)
        self.assertEqual(referral.state, "new")
        self.start_tour(
            f"/odoo/action-social_case.social_referral_action/{referral.id}",
            "social_referral_triage_tour",
            login="tour_coordinator",
        )
        self.assertEqual(referral.state, "accepted")
        case = referral.case_id
        self.assertEqual(case.user_id, self.referent)
        self.start_tour(
            "/odoo/action-social_case.social_intervention_action/new",
            "social_intervention_log_tour",
            login="tour_referent",
        )
        self.assertEqual(case.intervention_count, 1)
        self.assertEqual(case.intervention_ids.duration, 25)
        self.assertTrue(referral.first_contact_date)

    def test_desktop(self):
        self._run()

    def test_phone(self):
        self.browser_size = "375x667"
        self.touch_enabled = True
        self._run()


@tagged("post_install", "-at_install")
class TestLinesCorrectedFromTheCase(HttpCase):
    """An intervention and a person around the patient opened from the case's lists and
    corrected in their dialogs are stored when the dialog is saved, on a desk and on a phone:
    the case itself is never saved."""

    def _run(self):
        worker = new_test_user(
            self.env,
            "tour_correcting_worker",
            groups="social_case.group_social_worker",
            tz="Europe/Brussels",
        )
        patient = self.env["res.partner"].create({"name": "Tour Correction Patient"})
        case = self.env["social.case"].create({"patient_id": patient.id, "user_id": worker.id})
        call = self.env["social.intervention"].create(
            {
                "case_id": case.id,
                "type_id": self.env.ref("social_case.intervention_type_phone_call").id,
                "user_id": worker.id,
                "duration": 10,
                "note": "Tour call to correct",
            }
        )
        daughter = self.env["social.case.contact"].create(
            {"case_id": case.id, "role": "family", "name": "Tour Daughter", "phone": "+32 470"}
        )
        self.start_tour(
            f"/odoo/action-social_case.social_case_action/{case.id}",
            "social_case_lines_edit_tour",
            login="tour_correcting_worker",
        )
        self.env.invalidate_all()
        self.assertEqual(call.duration, 35)
        self.assertEqual(call.case_id, case)
        self.assertEqual(daughter.phone, "+32 470 99 88 77")
        self.assertEqual(case.contact_ids, daughter)

    def test_desktop(self):
        self._run()

    def test_phone(self):
        self.browser_size = "375x667"
        self.touch_enabled = True
        self._run()

from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSocialNetworkTours(HttpCase):
    def test_social_worker_finds_a_nursing_home(self):
        case = self.env.ref("social_case.case_maria")
        partner_type = self.env.ref("social_network_partners.partner_type_nursing_home")
        home = self.env.ref("social_network_partners.partner_mr_saint_joseph")
        self.assertIn(partner_type, home.social_partner_type_ids)
        self.start_tour("/odoo", "social_find_partner_tour", login="socialworker")
        logged = case.intervention_ids.filtered(lambda i: i.partner_id == home)
        self.assertEqual(len(logged), 1)
        self.assertEqual(
            logged.type_id, self.env.ref("social_case.intervention_type_partner_contact")
        )
        self.assertEqual(logged.user_id, self.env.ref("social_case.user_socialworker"))

    def test_social_worker_finds_a_partner_on_a_phone(self):
        self.browser_size = "375x667"
        self.touch_enabled = True
        self.start_tour(
            "/odoo/action-social_case.social_case_action",
            "social_find_partner_phone_tour",
            login="socialworker",
        )

    def test_volunteer_on_a_phone(self):
        request = self.env.ref("social_network_partners.liaison_request_volunteer_accepted")
        volunteer = self.env.ref("social_case.user_volunteer")
        self.assertEqual(request.assignee_id, volunteer)
        self.browser_size = "375x667"
        self.touch_enabled = True
        self.start_tour("/odoo", "social_liaison_volunteer_tour", login="volunteer")
        self.assertEqual(request.state, "done")
        self.assertIn("brought magazines", request.report)
        # the Cases menu is not in what the web client loads for the volunteer
        menus = self.env["ir.ui.menu"].with_user(volunteer).load_menus(debug=False)
        self.assertNotIn(self.env.ref("social_case.social_menu_cases").id, menus)
        self.assertIn(self.env.ref("social_network_partners.social_liaison_request_menu").id, menus)


@tagged("post_install", "-at_install")
class TestVolunteerFirstDay(HttpCase):
    browser_size = "375x740"
    touch_enabled = True

    def test_volunteer_sees_the_visit_date_and_marks_it_done(self):
        volunteer = new_test_user(
            self.env,
            "tour_day_volunteer",
            groups="base.group_user,social_case.group_social_liaison",
            action_id=self.env.ref("social_network_partners.social_liaison_request_action_mine").id,
            tz="Europe/Brussels",
        )
        service = self.env["social.liaison.service"].create(
            {"name": "Tour Volunteering", "member_ids": [(6, 0, volunteer.ids)]}
        )
        patient = self.env["res.partner"].create({"name": "Tour Visit Patient"})
        request = self.env["social.liaison.request"].create(
            {
                "service_id": service.id,
                "patient_id": patient.id,
                "room": "7",
                "purpose": "Company in the afternoon",
                "consent_given": True,
                "assignee_id": volunteer.id,
                "visit_datetime": fields.Datetime.now() + timedelta(days=1),
            }
        )
        request.with_user(volunteer).action_accept()
        self.assertEqual(request.state, "accepted")
        self.start_tour("/odoo", "social_first_day_volunteer_tour", login="tour_day_volunteer")
        self.assertEqual(request.state, "done")
        self.assertIn("played cards", request.report)

    def test_volunteer_is_asked_the_date_and_the_report_in_the_action(self):
        """Schedule Visit and Mark Done ask what they need in a dialog: no error dialog.
        What the volunteer may not change is not offered as an input."""
        volunteer = new_test_user(
            self.env,
            "tour_ask_volunteer",
            groups="base.group_user,social_case.group_social_liaison",
            action_id=self.env.ref("social_network_partners.social_liaison_request_action_mine").id,
            tz="Europe/Brussels",
        )
        service = self.env["social.liaison.service"].create(
            {"name": "Tour Ask Volunteering", "member_ids": [(6, 0, volunteer.ids)]}
        )
        patient = self.env["res.partner"].create({"name": "Tour Ask Patient"})
        request = self.env["social.liaison.request"].create(
            {
                "service_id": service.id,
                "patient_id": patient.id,
                "purpose": "Company in the afternoon",
                "consent_given": True,
                "assignee_id": volunteer.id,
            }
        )
        request.with_user(volunteer).action_accept()
        self.assertFalse(request.visit_datetime)
        self.start_tour(
            "/odoo", "social_volunteer_asked_in_the_action_tour", login="tour_ask_volunteer"
        )
        self.assertEqual(request.state, "done")
        self.assertEqual(request.visit_datetime.year, 2030)
        self.assertEqual(request.event_id.user_id, volunteer)
        self.assertEqual(request.report, "Visited, read the newspaper together.")
        self.assertEqual(request.purpose, "Company in the afternoon")

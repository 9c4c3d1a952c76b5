from datetime import timedelta

from lxml import etree

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import SocialNetworkCommon


@tagged("post_install", "-at_install")
class TestLiaisonFlow(SocialNetworkCommon):
    def test_full_flow_by_the_volunteer(self):
        request = self._make_request(user=self.nurse)
        self.assertEqual(request.state, "requested")
        self.assertTrue(request.name.startswith("LR/"))
        self.assertEqual(request.consent_user_id, self.nurse)
        self.assertTrue(request.consent_date)
        mine = request.with_user(self.volunteer)
        mine.action_accept()
        self.assertEqual(request.state, "accepted")
        self.assertEqual(request.assignee_id, self.volunteer)
        visit = fields.Datetime.now().replace(microsecond=0) + timedelta(days=1)
        mine.write({"visit_datetime": visit})
        mine.action_schedule()
        self.assertEqual(request.state, "scheduled")
        self.assertEqual(request.event_id.start, visit)
        self.assertEqual(request.event_id.partner_ids, self.volunteer.partner_id)
        self.assertEqual(request.event_id.privacy, "private")
        # moving the visit moves the event
        mine.write({"visit_datetime": visit + timedelta(hours=2)})
        self.assertEqual(request.event_id.start, visit + timedelta(hours=2))
        # no report yet: the button asks for it in a dialog, nothing moves
        asked = mine.action_done()
        self.assertEqual(asked["target"], "new")
        self.assertEqual(asked["res_id"], request.id)
        self.assertEqual(request.state, "scheduled")
        mine.write({"report": "Visited, she would like another visit."})
        mine.action_done()
        self.assertEqual(request.state, "done")
        self.assertTrue(request.date_done)
        self.assertIn(self.volunteer.partner_id, request.message_partner_ids)

    def test_wrong_transitions_refused(self):
        request = self._make_request()
        with self.assertRaises(UserError):
            request.action_done()
        with self.assertRaises(UserError):
            request.action_schedule()
        request.action_cancel()
        self.assertEqual(request.state, "cancelled")
        for action in ("action_accept", "action_decline", "action_done"):
            with self.assertRaises(UserError):  # ValidationError is a UserError
                getattr(request, action)()
        self.assertEqual(request.state, "cancelled")
        with self.assertRaises(UserError):
            self.env["social.liaison.request"].create(
                {
                    "service_id": self.service_volunteering.id,
                    "patient_id": self.patient.id,
                    "purpose": "x",
                    "state": "done",
                }
            )

    def test_consent_required_before_acting(self):
        request = self._make_request(consent_given=False)
        with self.assertRaises(ValidationError):
            request.write({"assignee_id": self.volunteer.id, "state": "accepted"})
        self.assertEqual(request.state, "requested")
        request.consent_given = True
        request.with_user(self.volunteer).action_accept()
        with self.assertRaises(UserError):
            request.consent_given = False

    def test_schedule_needs_a_date(self):
        request = self._make_request(assignee_id=self.volunteer.id)
        request.action_accept()
        # the button asks for the date in a dialog whose only input is the date
        asked = request.with_user(self.volunteer).action_schedule()
        self.assertEqual(asked["target"], "new")
        view = self.env["ir.ui.view"].browse(asked["views"][0][0])
        self.assertIn('name="visit_datetime" required="1"', view.arch)
        self.assertEqual(request.state, "accepted")
        # called without the dialog, the date is still required
        with self.assertRaises(ValidationError):
            request.write({"state": "scheduled"})
        self.assertFalse(request.event_id)

    def test_report_is_short(self):
        request = self._make_request(assignee_id=self.volunteer.id)
        request.action_accept()
        with self.assertRaises(ValidationError):
            request.write({"report": "x" * 1001})
        self.assertFalse(request.report)

    def test_assignee_must_belong_to_the_service(self):
        with self.assertRaises(ValidationError):
            self._make_request(assignee_id=self.chaplain.id)

    def test_volunteer_cannot_cancel_or_rewrite_the_request(self):
        request = self._make_request(assignee_id=self.volunteer.id)
        mine = request.with_user(self.volunteer)
        with self.assertRaises(AccessError):
            mine.action_cancel()
        with self.assertRaises(AccessError):
            mine.write({"purpose": "Something else"})
        with self.assertRaises(AccessError):
            mine.write({"consent_given": True, "room": "999"})
        self.assertEqual(request.room, "101")
        mine.action_decline()
        self.assertEqual(request.state, "declined")

    def test_requester_cancel_archives_the_volunteer_event(self):
        request = self._make_request(user=self.nurse)
        mine = request.with_user(self.volunteer)
        mine.action_accept()
        mine.write({"visit_datetime": fields.Datetime.now() + timedelta(days=1)})
        mine.action_schedule()
        event = request.event_id
        self.assertEqual(event.user_id, self.volunteer)
        request.with_user(self.nurse).action_cancel()
        self.assertEqual(request.state, "cancelled")
        self.assertFalse(event.active)

    def test_demo_has_every_state(self):
        states = set(self.env["social.liaison.request"].search([]).mapped("state"))
        self.assertEqual(
            states, {"requested", "accepted", "scheduled", "done", "declined", "cancelled"}
        )

    def test_a_new_request_is_titled_new_request_until_saved(self):
        if "fr_FR" not in dict(self.env["res.lang"].get_installed()):
            self.skipTest("French is installed with the demo data")
        views = (
            self.env["social.liaison.request"]
            .with_user(self.nurse)
            .with_context(lang="fr_FR")
            .get_views([(False, "form")])
        )
        titles = etree.fromstring(views["views"]["form"]["arch"]).xpath(
            "//div[hasclass('oe_title')]/h1"
        )
        # the reference ("/" until saved) only once there is one; a title before that
        self.assertEqual(titles[0].get("invisible"), "not id")
        self.assertEqual(titles[0].xpath("./field/@name"), ["name"])
        self.assertEqual(titles[1].get("invisible"), "id")
        self.assertEqual(titles[1].text, "Nouvelle demande")
        request = self._make_request(user=self.nurse)
        self.assertTrue(request.name.startswith("LR/"))

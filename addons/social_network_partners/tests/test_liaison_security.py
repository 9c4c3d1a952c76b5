from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import SocialNetworkCommon

FORBIDDEN = ("case_id", "patient_id")
ALLOWED = ("patient_name", "unit_id", "room", "language_id", "purpose", "service_id", "state")


@tagged("post_install", "-at_install")
class TestLiaisonSecurity(SocialNetworkCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.request = cls._make_request(user=cls.worker_a)
        cls.no_consent = cls._make_request(user=cls.worker_a, consent_given=False)
        cls.chaplain_request = cls._make_request(
            user=cls.nurse,
            service_id=cls.service_chaplaincy.id,
            case_id=False,
            faith="Catholic",
        )
        cls.request.message_post(body="Agreed with the nurse for the afternoon.")

    def setUp(self):
        super().setUp()
        self.env.invalidate_all()

    def test_access_rights_per_role(self):
        expected = {
            # user: (read, write, create, unlink)
            "volunteer": (True, True, False, False),
            "nurse": (True, True, True, False),
            "worker_a": (True, True, True, False),
            "manager": (True, True, True, True),
            "plain_user": (False, False, False, False),
        }
        model = self.env["social.liaison.request"]
        for name, rights in expected.items():
            user = getattr(self, name)
            got = tuple(
                model.with_user(user).has_access(op) for op in ("read", "write", "create", "unlink")
            )
            self.assertEqual(got, rights, name)

    def test_volunteer_sees_only_consented_requests_of_their_service(self):
        requests = self.env["social.liaison.request"].with_user(self.volunteer)
        visible = requests.search([])
        self.assertIn(self.request, visible)
        self.assertNotIn(self.no_consent, visible)
        self.assertNotIn(self.chaplain_request, visible)
        self.assertEqual(
            requests.search_count([("id", "in", [self.no_consent.id, self.chaplain_request.id])]),
            0,
        )
        names = [name for _id, name in requests.name_search(self.no_consent.name)]
        self.assertNotIn(self.no_consent.name, names)
        with self.assertRaises(AccessError):
            self.no_consent.with_user(self.volunteer).read(["purpose"])
        # the chaplain sees the chaplaincy request, with the faith
        chaplain_view = self.chaplain_request.with_user(self.chaplain)
        self.assertEqual(chaplain_view.faith, "Catholic")
        self.assertNotIn(
            self.request, self.env["social.liaison.request"].with_user(self.chaplain).search([])
        )

    def test_assignee_outside_the_service_sees_it(self):
        self.service_chaplaincy.member_ids = [(4, self.volunteer.id)]
        self.chaplain_request.assignee_id = self.volunteer
        self.service_chaplaincy.member_ids = [(3, self.volunteer.id)]
        self.env.invalidate_all()
        self.assertIn(
            self.chaplain_request,
            self.env["social.liaison.request"].with_user(self.volunteer).search([]),
        )

    def test_volunteer_reads_the_minimum_only(self):
        mine = self.request.with_user(self.volunteer)
        with self.assertRaises(UserError):  # no export right by default
            mine.export_data(["name"])
        self.volunteer.groups_id = [(4, self.env.ref("base.group_allow_export").id)]
        self.env.invalidate_all()
        values = mine.read(list(ALLOWED))[0]
        self.assertEqual(values["patient_name"], "Test Patient Liaison")
        self.assertEqual(values["room"], "101")
        fields_desc = mine.fields_get()
        for fname in FORBIDDEN:
            self.assertNotIn(fname, fields_desc)
            with self.assertRaises(AccessError):
                mine.read([fname])
            with self.assertRaises(AccessError):
                mine.web_read({fname: {"fields": {"display_name": {}}}})
            with self.assertRaises(AccessError):
                mine.search_read([], [fname])
            with self.assertRaises(AccessError):
                mine.export_data([fname])
            with self.assertRaises(AccessError):
                mine.export_data([f"{fname}/id"])
        # no oracle through search on the case or the patient's address
        with self.assertRaises(AccessError):
            mine.search([("case_id.summary", "ilike", "Confidential")])
        with self.assertRaises(AccessError):
            mine.search([("patient_id.street", "ilike", "Secrète")])
        # reading everything readable does not bring the case nor the address
        everything = mine.read()[0]
        self.assertNotIn("case_id", everything)
        self.assertNotIn("patient_id", everything)
        self.assertNotIn("Rue Secrète 1", str(everything))
        self.assertNotIn(self.case.name, str(everything))
        exported = mine.export_data(["name", "patient_name", "room", "purpose"])["datas"]
        self.assertEqual(exported[0][1], "Test Patient Liaison")

    def test_volunteer_cannot_reach_the_case(self):
        with self.assertRaises(AccessError):
            self.case.with_user(self.volunteer).read(["name"])
        self.assertFalse(self.env["social.case"].with_user(self.volunteer).has_access("read"))
        # the case's chatter and attachments stay closed
        message = self.case.message_post(body="Social notes about debts")
        with self.assertRaises(AccessError):
            message.with_user(self.volunteer).read(["body"])
        attachment = self.env["ir.attachment"].create(
            {
                "name": "income.pdf",
                "raw": b"%PDF",
                "res_model": "social.case",
                "res_id": self.case.id,
            }
        )
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            attachment.with_user(self.volunteer).read(["datas"])
        self.assertFalse(
            self.env["ir.attachment"]
            .with_user(self.volunteer)
            .search([("res_model", "=", "social.case"), ("res_id", "=", self.case.id)])
        )

    def test_chatter_of_the_request_carries_no_case_detail(self):
        messages = (
            self.env["mail.message"]
            .with_user(self.volunteer)
            .search([("model", "=", "social.liaison.request"), ("res_id", "=", self.request.id)])
        )
        self.assertTrue(messages)
        text = " ".join(str(m.body) for m in messages)
        self.assertNotIn(self.case.name, text)
        self.assertNotIn("Confidential", text)
        # the restricted fields are not tracked: their values never reach the chatter
        self.request.sudo().case_id = False
        self.env.flush_all()
        tracked = self.request.sudo().message_ids.tracking_value_ids.field_id.mapped("name")
        self.assertNotIn("case_id", tracked)
        self.assertNotIn("patient_id", tracked)
        # messages of a request the volunteer may not see stay closed
        hidden = self.no_consent.message_post(body="Waiting for the patient's answer")
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            hidden.with_user(self.volunteer).read(["body"])

    def test_attachments_of_hidden_requests_stay_closed(self):
        attachment = self.env["ir.attachment"].create(
            {
                "name": "note.txt",
                "raw": b"x",
                "res_model": "social.liaison.request",
                "res_id": self.no_consent.id,
            }
        )
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            attachment.with_user(self.volunteer).read(["datas"])

    def test_calendar_event_carries_the_minimum(self):
        self.request.with_user(self.volunteer).action_accept()
        self.request.with_user(self.volunteer).write({"visit_datetime": "2030-01-10 14:00:00"})
        self.request.with_user(self.volunteer).action_schedule()
        event = self.request.event_id
        self.env.invalidate_all()
        seen = event.with_user(self.volunteer).read(["name", "location", "description"])[0]
        self.assertIn("Test Patient Liaison", seen["name"])
        self.assertIn("101", seen["location"])
        for value in seen.values():
            self.assertNotIn("Secrète", str(value))
            self.assertNotIn(self.case.name, str(value))
        # an employee outside the visit cannot read the event, find it or count it
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            event.with_user(self.plain_user).read(["name", "location"])
        Event = self.env["calendar.event"].with_user(self.plain_user)
        self.assertFalse(Event.search_count([("name", "ilike", "Test Patient Liaison")]))
        self.assertFalse(Event.search_count([("id", "=", event.id)]))

    def test_what_a_liaison_provider_can_see_of_partners(self):
        """Liaison providers see organisations and colleagues in the address book, never a
        patient's record: not through the request, not by id, not by searching."""
        partners = self.env["res.partner"].with_user(self.volunteer)
        self.assertNotIn("patient_id", self.request.with_user(self.volunteer).fields_get())
        home = self._make_partner("Home seen by volunteer", social_capacity=5)
        self.env.invalidate_all()
        self.assertEqual(home.with_user(self.volunteer).read(["name"])[0]["name"], home.name)
        with self.assertRaises(AccessError):
            home.with_user(self.volunteer).read(["social_capacity"])
        colleague = self.nurse.partner_id.with_user(self.volunteer)
        self.assertEqual(colleague.read(["name"])[0]["name"], self.nurse.name)
        with self.assertRaises(AccessError):
            self.patient.with_user(self.volunteer).read(["street", "zip", "city"])
        self.assertFalse(partners.search([("id", "=", self.patient.id)]))
        self.assertFalse(partners.search_count([("name", "=", self.patient.name)]))
        self.assertFalse(partners.name_search(self.patient.name))

    def test_care_team_sees_own_requests(self):
        mine = self._make_request(user=self.nurse, case_id=False)
        requests = self.env["social.liaison.request"].with_user(self.nurse)
        self.assertEqual(requests.search([("id", "in", [mine.id, self.request.id])]), mine)
        with self.assertRaises(AccessError):
            self.request.with_user(self.nurse).read(["purpose"])
        # the nurse sees the patient, not the case
        self.assertEqual(mine.with_user(self.nurse).patient_id, self.patient)
        self.assertNotIn("case_id", requests.fields_get())

    def test_worker_sees_requests_of_their_cases(self):
        # made by someone else (the head of the service), on the worker's case
        other_worker_request = self._make_request(user=self.manager)
        self.assertIn(
            other_worker_request,
            self.env["social.liaison.request"].with_user(self.worker_a).search([]),
        )
        self.assertNotIn(
            other_worker_request,
            self.env["social.liaison.request"].with_user(self.worker_b).search([]),
        )

    def test_liaison_list_query_count(self):
        """web_search_read of the volunteer's list: same query count for 10 and 100 requests."""
        spec = {name: {} for name in ("name", "patient_name", "room", "visit_datetime", "state")}
        spec.update(
            {
                "service_id": {"fields": {"display_name": {}}},
                "unit_id": {"fields": {"display_name": {}}},
                "language_id": {"fields": {"display_name": {}}},
                "assignee_id": {"fields": {"display_name": {}}},
            }
        )
        requests = self.env["social.liaison.request"].with_user(self.volunteer)
        for count in (10, 100):
            existing = requests.search_count([])
            self.env["social.liaison.request"].create(
                [
                    {
                        "service_id": self.service_volunteering.id,
                        "patient_id": self.patient.id,
                        "unit_id": self.env.ref("social_case.unit_geriatrics").id,
                        "room": str(i),
                        "language_id": self.lang_fr.id,
                        "purpose": "Company",
                        "consent_given": True,
                    }
                    for i in range(count - existing)
                ]
            )
            self.env.invalidate_all()
            requests.web_search_read([], spec, limit=200)  # warm up
            self.env.invalidate_all()
            with self.assertQueryCount(7):
                result = requests.web_search_read([], spec, limit=200)
            self.assertEqual(result["length"], count)

from contextlib import suppress

from odoo.fields import Command
from odoo.tests import tagged

from .common_probe import REFUSALS, ProbeCommon
from .fuzz import run_fuzz

# a name no other record carries: any count above zero comes from the probed contacts
SECRET = "Zorglubette"


@tagged("post_install", "-at_install")
class TestProbeCaseContact(ProbeCommon):
    """The people around the patient (``social.case.contact``) follow the case: who may not
    read the case finds, reads, counts, groups, creates, moves and edits none of them,
    through the model or through the lines of a case, and no error names them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Contact = cls.env["social.case.contact"]

        def contact(case, name, **vals):
            return Contact.create(
                {"case_id": case.id, "name": f"{SECRET} {name}", "role": "family", **vals}
            )

        cls.contact_a = contact(cls.case_a, "Own", phone="+32 2 000 00 01")
        cls.contact_b = contact(cls.case_b, "Team B", phone="+32 2 000 00 02")
        cls.contact_restricted = contact(
            cls.case_restricted, "Restricted", is_main_relay=True, phone="+32 2 000 00 03"
        )
        cls.contact_minor = contact(cls.case_minor, "Minor", role="legal_representative")
        cls.contact_site_2 = Contact.with_company(cls.company_2).create(
            {"case_id": cls.case_site_2.id, "name": f"{SECRET} Site 2", "role": "carer"}
        )
        cls.env.flush_all()

    def _visible(self, user, contact):
        """What ``user`` learns of ``contact`` through each read path."""
        seen = {}
        domain = [("name", "ilike", contact.name)]
        calls = {
            "search": ("search", [domain], {}),
            "search_count": ("search_count", [domain], {}),
            "search_read": ("search_read", [domain, ["name", "phone"]], {}),
            "name_search": ("name_search", [contact.name], {}),
            "read_group": ("read_group", [domain, ["name"], ["case_id"]], {"lazy": False}),
            "read": ("read", [contact.ids, ["name", "phone", "case_id"]], {}),
        }
        for path, (method, args, kwargs) in calls.items():
            try:
                result = self.rpc(user, "social.case.contact", method, args, kwargs)
            except REFUSALS:
                result = None
            if method == "read_group":
                result = sum(group["__count"] for group in result or [])
            elif isinstance(result, list):
                result = len(result)
            seen[path] = result or 0
        return seen

    def test_non_readers_find_no_contact(self):
        """Every role searches, counts, reads, groups and name-searches the people around
        the patient of cases it may not read (another team's, restricted, a minor's,
        another site's); the readers of the case find them."""
        hidden = {
            self.worker_a: (
                self.contact_b,
                self.contact_restricted,
                self.contact_minor,
                self.contact_site_2,
            ),
            self.coordinator: (self.contact_restricted, self.contact_minor, self.contact_site_2),
            self.manager: (self.contact_restricted, self.contact_minor, self.contact_site_2),
            self.nurse: (self.contact_a, self.contact_b, self.contact_restricted),
            self.volunteer: (self.contact_a, self.contact_restricted),
        }
        visible = {
            self.worker_a: (self.contact_a,),
            self.worker_b: (self.contact_b, self.contact_restricted, self.contact_minor),
            self.coordinator: (self.contact_a, self.contact_b),
        }
        failures = []
        for user, contacts in hidden.items():
            for contact in contacts:
                with self.collect(failures, user=user.login, contact=contact.name):
                    seen = self._visible(user, contact)
                    self.assertFalse(any(seen.values()), f"seen through {seen}")
        for user, contacts in visible.items():
            for contact in contacts:
                with self.collect(failures, user=user.login, contact=contact.name):
                    seen = self._visible(user, contact)
                    self.assertTrue(all(seen.values()), f"a reader misses it: {seen}")
        self.assertFalse(failures, "\n".join(failures))

    def test_no_contact_created_on_an_unreadable_case(self):
        """A worker of another team, a coordinator (restricted case), a nurse and a
        volunteer create a person around the patient on a case they may not read, as a
        main relay too: the error must not say the case already has one."""
        failures = []
        attackers = {
            self.worker_a: (self.case_b, self.case_restricted, self.case_minor, self.case_site_2),
            self.coordinator: (self.case_restricted, self.case_minor),
            self.nurse: (self.case_a, self.case_restricted),
            self.volunteer: (self.case_a, self.case_restricted),
        }
        for user, cases in attackers.items():
            for case in cases:
                for relay in (False, True):
                    vals = {
                        "case_id": case.id,
                        "name": "Forged Person",
                        "role": "family",
                        "is_main_relay": relay,
                    }
                    with self.collect(failures, user=user.login, case=case.id, relay=relay):
                        with self.assertRefused(case) as caught:
                            self.rpc(user, "social.case.contact", "create", [vals])
                        message = str(caught.exception)
                        self.assertNotIn(case.sudo().name, message, "the error names the case")
                        self.assertNotIn(SECRET, message, "the error names a contact")
                        count = self.env["social.case.contact"].search_count(
                            [("name", "=", "Forged Person")]
                        )
                        self.assertEqual(count, 0)
        self.assertFalse(failures, "\n".join(failures))

    def test_no_contact_moved_or_edited_across_cases(self):
        """A worker moves her own contact onto another team's or a restricted case, edits
        or takes over their contacts through the lines of her own case (update, link,
        delete, unlink commands), or writes them directly."""
        failures = []
        foreign = (self.contact_b, self.contact_restricted, self.contact_minor)
        for case in (self.case_b, self.case_restricted):
            with self.collect(failures, path="move own contact", case=case.id):
                with self.assertRefused(self.contact_a, case):
                    self.rpc(
                        self.worker_a,
                        "social.case.contact",
                        "write",
                        [self.contact_a.ids, {"case_id": case.id}],
                    )
        for contact in foreign:
            commands = {
                "update": [Command.update(contact.id, {"phone": "+32 2 999 99 99"})],
                "link": [Command.link(contact.id)],
                "delete": [Command.delete(contact.id)],
                "unlink": [Command.unlink(contact.id)],
                "set": [Command.set([self.contact_a.id, contact.id])],
            }
            for path, command in commands.items():
                with self.collect(failures, path=path, contact=contact.name):
                    with self.assertRefused(contact, self.case_a):
                        self.rpc(
                            self.worker_a,
                            "social.case",
                            "write",
                            [self.case_a.ids, {"contact_ids": command}],
                        )
            for method, args in (
                ("write", [contact.ids, {"phone": "+32 2 999 99 99"}]),
                ("unlink", [contact.ids]),
                ("copy", [contact.ids, {"case_id": self.case_a.id}]),
            ):
                with self.collect(failures, path=method, contact=contact.name):
                    with self.assertRefused(contact):
                        self.rpc(self.worker_a, "social.case.contact", method, args)
        self.assertFalse(failures, "\n".join(failures))

    def test_contact_of_another_site_is_not_copied_into_a_case(self):
        """A worker names as a person around her patient a contact of another site: the
        name and phone that the stored compute would copy as superuser stay out of her
        reach, and the refusal does not name the other site's contact."""
        self.patient_site_2.sudo().phone = "+32 2 777 77 77"
        vals = {"case_id": self.case_a.id, "partner_id": self.patient_site_2.id, "role": "family"}
        with self.assertRefused(self.case_a) as caught:
            self.rpc(self.worker_a, "social.case.contact", "create", [vals])
        message = str(caught.exception)
        self.assertNotIn(self.patient_site_2.name, message)
        self.assertNotIn("777", message)
        contacts = self.env["social.case.contact"].search([("case_id", "=", self.case_a.id)])
        self.assertEqual(contacts, self.contact_a)

    def test_attachments_on_unreadable_contacts_refused(self):
        """Another team's worker and a nurse attach a document to a contact of a case they
        may not read, and look for the documents of such contacts."""
        self.env["ir.attachment"].create(
            {
                "name": "guardianship.pdf",
                "raw": b"judgement",
                "res_model": "social.case.contact",
                "res_id": self.contact_restricted.id,
            }
        )
        failures = []
        for user in (self.worker_a, self.nurse, self.volunteer):
            vals = {
                "name": "forged.txt",
                "raw": b"x",
                "res_model": "social.case.contact",
                "res_id": self.contact_restricted.id,
            }
            with self.collect(failures, user=user.login, path="create"):
                with self.assertRefused(self.contact_restricted):
                    self.rpc(user, "ir.attachment", "create", [vals])
            with self.collect(failures, user=user.login, path="search"):
                domain = [("res_model", "=", "social.case.contact")]
                try:
                    count = self.rpc(user, "ir.attachment", "search_count", [domain])
                except REFUSALS:
                    count = 0
                self.assertEqual(count, 0, "documents of hidden contacts are counted")
        self.assertFalse(failures, "\n".join(failures))

    def test_fuzz_contact(self):
        """Crafted values on every field of a person around the patient."""
        run_fuzz(
            self,
            "social.case.contact",
            lambda user: {"case_id": self.case_a.id, "name": "Fuzzed Person"},
            self.contact_a,
        )

    def test_only_the_manager_deletes_people_and_needs(self):
        """SECURITY.md #16: the worker of the case removes neither a person around the
        patient nor a need, through the model or the case's lines; the Manager may."""
        need = self.env["social.case.need"].create(
            {
                "case_id": self.case_a.id,
                "need_type_id": self.env["social.need.type"].search([], limit=1).id,
            }
        )
        for model, record, field in (
            ("social.case.contact", self.contact_a, "contact_ids"),
            ("social.case.need", need, "need_ids"),
        ):
            with self.subTest(model=model):
                with self.assertRefused(record):
                    self.rpc(self.worker_a, model, "unlink", [record.ids])
                with self.assertRefused(record):
                    self.rpc(
                        self.worker_a,
                        "social.case",
                        "write",
                        [self.case_a.ids, {field: [Command.delete(record.id)]}],
                    )
                self.assertTrue(record.exists())
                self.rpc(self.manager, model, "unlink", [record.ids])
                self.assertFalse(record.exists())


@tagged("post_install", "-at_install")
class TestProbePatientIdentity(ProbeCommon):
    """The national number and the patient number (unique per site), the cases of a
    person and the last situation: none of them is a way into a case one may not read."""

    NISS = "71.02.15-123.59"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.patient_restricted.write(
            {"social_niss": cls.NISS, "social_patient_number": "P-SECRET-1"}
        )
        cls.env["social.case.contact"].create(
            {
                "case_id": cls.case_restricted.id,
                "name": "Zorglubette Aunt",
                "phone": "+32 2 000 00 09",
            }
        )
        cls.case_restricted.write(
            {"stage_id": cls.env.ref("social_case.stage_closed").id, "close_reason": "goal_reached"}
        )
        cls.env.flush_all()

    def test_identifiers_hidden_from_care_team_and_providers(self):
        """A nurse and a volunteer read, search and group the national and patient
        numbers of the address book."""
        failures = []
        for user in (self.nurse, self.volunteer):
            for name in ("social_niss", "social_patient_number"):
                calls = {
                    "read": ("read", [self.patient_restricted.ids, [name]], {}),
                    "search": ("search", [[(name, "!=", False)]], {}),
                    "read_group": ("read_group", [[], [name], [name]], {}),
                    "order": ("search", [[]], {"order": f"{name} desc", "limit": 1}),
                }
                for path, (method, args, kwargs) in calls.items():
                    with self.collect(failures, user=user.login, field=name, path=path):
                        with self.assertRefused():
                            self.rpc(user, "res.partner", method, args, kwargs)
        self.assertFalse(failures, "\n".join(failures))

    def test_cases_of_a_person_are_no_oracle(self):
        """Another team's worker searches the address book through the cases of each
        person (restricted, a minor's): the count tells whether a patient is followed."""
        failures = []
        domains = {
            "restricted": [("social_case_ids.confidentiality", "=", "restricted")],
            "minor": [("social_case_ids.confidentiality", "=", "minor")],
            "referent": [("social_case_ids.user_id", "=", self.worker_b.id)],
        }
        for label, domain in domains.items():
            with self.collect(failures, domain=label):
                count = self.rpc(self.worker_a, "res.partner", "search_count", [domain])
                self.assertEqual(count, 0, "partners counted through hidden cases")
        with self.collect(failures, path="social_case_count"):
            try:
                [values] = self.rpc(
                    self.worker_a,
                    "res.partner",
                    "read",
                    [self.patient_restricted.ids, ["social_case_count", "social_case_ids"]],
                )
            except REFUSALS:
                values = {}  # the contact of a patient she does not follow: out of reach
            self.assertFalse(values.get("social_case_count"))
            self.assertFalse(values.get("social_case_ids"))
        self.assertFalse(failures, "\n".join(failures))

    def test_duplicate_identifier_names_no_one(self):
        """A worker gives the national or patient number of a restricted case's patient to
        another person: the refusal names neither that patient nor their case."""
        failures = []
        for name, value in (("social_niss", self.NISS), ("social_patient_number", "P-SECRET-1")):
            for method, args in (
                ("create", [{"name": "Probe Copycat", name: value}]),
                ("write", [self.patient_free.ids, {name: value}]),
            ):
                with self.collect(failures, field=name, method=method):
                    with self.assertRefused(self.patient_free) as caught:
                        self.rpc(self.worker_a, "res.partner", method, args)
                    message = str(caught.exception)
                    for secret in (
                        self.patient_restricted.name,
                        self.case_restricted.name,
                        self.worker_b.name,
                    ):
                        self.assertNotIn(secret, message)
        self.assertFalse(failures, "\n".join(failures))

    def test_malformed_identifiers_are_refused_cleanly(self):
        """Junk national numbers (wrong type, too long, NUL bytes, letters) end in a clear
        refusal, never in a traceback."""
        failures = []
        for value in (12345678901, ["71021512359"], "x" * 5000, "71.02.15\x00123.59", "abc"):
            with self.collect(failures, value=repr(value)[:40]):
                with self.assertRefused(self.patient_free):
                    self.rpc(
                        self.worker_a,
                        "res.partner",
                        "write",
                        [self.patient_free.ids, {"social_niss": value}],
                    )
        self.assertFalse(failures, "\n".join(failures))

    def test_last_situation_comes_only_from_readable_cases(self):
        """Worker A opens a case for the patient of worker B's closed restricted case and
        starts it from the last situation: nothing of the restricted case, not even its
        people around the patient, comes into hers."""
        new_case = self.env["social.case"].create(
            {
                "patient_id": self.patient_restricted.id,
                "user_id": self.worker_a.id,
                "team_id": self.team_a.id,
            }
        )
        with suppress(*REFUSALS):
            self.rpc(
                self.worker_a, "social.case", "action_start_from_last_situation", [new_case.ids]
            )
        self.env.invalidate_all()
        self.assertFalse(new_case.contact_ids, "the restricted case's contacts were copied")
        [values] = self.rpc(
            self.worker_a, "social.case", "read", [new_case.ids, ["previous_case_count"]]
        )
        self.assertEqual(values["previous_case_count"], 0)

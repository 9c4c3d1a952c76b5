from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from .common_probe import REFUSALS, ProbeCommon

NISS = "62.01.15-456.15"
NISS_OTHER = "75.12.24-789.53"
DUPLICATE = "A person with this number is already known to the service; ask the coordinator."


@tagged("post_install", "-at_install")
class TestProbeIdentity(ProbeCommon):
    """SECURITY.md T16, T18, T22: a patient's contact is seen by the sites and teams that
    follow them and by who referred them, not by the group; identifiers are changed only
    on a contact one may write; the duplicate guard tells nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        # a social worker of the other site, in a team of her own there
        cls.worker_site_2 = new_test_user(
            env,
            "probe_worker_site_2",
            groups="social_case.group_social_worker",
            company_id=cls.company_2.id,
            company_ids=[(6, 0, cls.company_2.ids)],
            name="Probe Worker Site 2",
        )
        cls.employee = new_test_user(env, "probe_employee", groups="base.group_user")
        cls.patient_a.sudo().write(
            {
                "social_niss": NISS,
                "social_patient_number": "P-1001",
                "social_birthdate": "1962-01-15",
                "street": "Rue Probe 12",
                "city": "Schaerbeek",
            }
        )
        cls.patient_restricted.sudo().write(
            {"social_niss": NISS_OTHER, "social_patient_number": "P-2002"}
        )
        cls.doctor = env["res.partner"].create({"name": "Probe Doctor Lambert"})
        env.flush_all()
        env.cr.precommit.run()  # the tracking of the set-up, not of the calls tested

    def _finds(self, user, partner):
        """What ``user`` learns of ``partner`` through every way of finding a contact."""
        found = {}
        niss = partner.sudo().social_niss
        for name, method, args, kwargs in (
            ("name_search", "name_search", [], {"name": partner.name}),
            ("search by name", "search", [[("name", "=", partner.name)]], {}),
            ("search_count", "search_count", [[("id", "=", partner.id)]], {}),
            ("read address", "read", [partner.ids, ["name", "street", "city"]], {}),
            (
                "web_search_read",
                "web_search_read",
                [[("name", "=", partner.name)], {"display_name": {}, "street": {}}],
                {},
            ),
            (
                "search_read by national number",
                "search_read",
                [[("social_niss", "=", niss)], ["name", "street"]],
                {},
            ),
        ):
            if name == "search_read by national number" and not niss:
                continue
            try:
                result = self.rpc(user, "res.partner", method, args, kwargs)
            except REFUSALS:
                continue
            if isinstance(result, dict):
                result = result.get("records")
            if result:
                found[name] = result
        return found

    def test_a_patient_is_seen_by_who_follows_them_only(self):
        """The worker of the other site, the worker of another team, the volunteer, an
        employee outside the service and the nurse find nothing of the patient followed by
        team A at the main site; team A, the coordinator and the Manager do."""
        failures = []
        for user in (self.worker_site_2, self.worker_b, self.volunteer, self.employee, self.nurse):
            with self.collect(failures, user=user.login, patient="followed by team A"):
                self.assertFalse(self._finds(user, self.patient_a))
        # the coordinator reads every normal case, not a minor's
        with self.collect(failures, user="coordinator", patient="minor"):
            self.assertFalse(self._finds(self.coordinator, self.patient_minor))
        for user in (self.worker_a, self.coordinator, self.manager):
            with self.collect(failures, user=user.login, patient="followed by team A"):
                found = self._finds(user, self.patient_a)
                self.assertIn("read address", found)
                self.assertEqual(found["read address"][0]["street"], "Rue Probe 12")
                self.assertIn("search_read by national number", found)
        with self.collect(failures, user="manager", patient="minor"):
            self.assertIn("read address", self._finds(self.manager, self.patient_minor))
        # the nurse sees the patient she referred; everyone sees the professionals (liaison
        # providers see organisations and colleagues only, as before)
        with self.collect(failures, user="nurse", patient="referred by her"):
            self.assertIn("read address", self._finds(self.nurse, self.patient_free))
        for user in (self.worker_site_2, self.worker_b, self.employee, self.nurse):
            with self.collect(failures, user=user.login, partner="doctor"):
                self.assertIn("read address", self._finds(user, self.doctor))
        self.assertFalse(failures, "\n".join(failures))

    def test_no_one_lists_the_numbered_patients_of_the_group(self):
        """A worker lists the contacts that carry a national number: she gets those she
        follows, never the other team's or the other site's patients."""
        self.patient_site_2.sudo().social_niss = "80.03.01-123.93"
        self.env.flush_all()
        for user, expected in (
            (self.worker_b, {self.patient_restricted.id}),
            (self.worker_site_2, set()),
            (self.worker_a, {self.patient_a.id}),
        ):
            with self.labelled(user=user.login):
                rows = self.rpc(
                    user,
                    "res.partner",
                    "search_read",
                    [[("social_niss", "!=", False)], ["name", "social_patient_number"]],
                )
                self.assertEqual({row["id"] for row in rows}, expected)

    def test_the_site_that_follows_a_patient_sees_them(self):
        """The other site's case of a patient has no referent yet: its social workers do not
        see the patient; once one of them follows the case, she does."""
        self.assertFalse(self._finds(self.worker_site_2, self.patient_site_2))
        self.case_site_2.user_id = self.worker_site_2
        self.env.flush_all()
        self.assertTrue(self.patient_site_2.social_is_patient)
        self.assertIn("read address", self._finds(self.worker_site_2, self.patient_site_2))

    def test_identifiers_are_changed_only_on_a_contact_one_may_write(self):
        """Creating a referral writes the numbers given on the patient's contact: the nurse
        cannot overwrite those of a restricted case's patient, nor a worker those of
        another team's patient; the numbers stay as they were."""
        attacks = (
            (self.nurse, self.patient_restricted, {"patient_niss": "80.03.01-123.93"}),
            (self.worker_a, self.patient_restricted, {"patient_niss": "80.03.01-123.93"}),
            (self.worker_a, self.patient_b, {"patient_number": "P-9999"}),
            (self.worker_site_2, self.patient_a, {"patient_number": "P-9999"}),
        )
        failures = []
        for user, patient, values in attacks:
            with self.collect(failures, user=user.login, patient=patient.name, values=values):
                with self.assertRefused(patient, self.patient_a, self.patient_restricted):
                    self.rpc(
                        user,
                        "social.referral",
                        "create",
                        [dict(values, patient_id=patient.id, reason="Probe: falls at home")],
                    )
        self.assertEqual(self.patient_restricted.sudo().social_niss, NISS_OTHER)
        self.assertEqual(self.patient_a.sudo().social_patient_number, "P-1001")
        self.assertFalse(self.patient_b.sudo().social_patient_number)
        self.assertFalse(failures, "\n".join(failures))
        # the team that follows the patient sets them
        self.rpc(
            self.worker_a, "social.case", "write", [self.case_a.ids, {"patient_number": "P-7"}]
        )
        self.assertEqual(self.patient_a.sudo().social_patient_number, "P-7")

    def test_a_record_is_linked_only_to_what_one_may_read(self):
        """A worker records a consent for another team's patient, or links an intervention
        of her case to a patient she does not follow: refused at create, with the same
        message as at write."""
        purpose = self.env["social.consent.purpose"].search([], limit=1)
        Consent = self.env["social.consent"]
        before = Consent.sudo().search_count([("patient_id", "=", self.patient_b.id)])
        with self.assertRefused(self.patient_b, exceptions=(AccessError,)) as caught:
            self.rpc(
                self.worker_a,
                "social.consent",
                "create",
                [{"patient_id": self.patient_b.id, "purpose_id": purpose.id}],
            )
        self.assertIn("choose a record you may read", str(caught.exception))
        self.assertEqual(
            Consent.sudo().search_count([("patient_id", "=", self.patient_b.id)]), before
        )
        for method, args in (
            (
                "create",
                [
                    {
                        "case_id": self.case_a.id,
                        "type_id": self.interview.id,
                        "partner_id": self.patient_b.id,
                    }
                ],
            ),
            ("write", [self.intervention_a.ids, {"partner_id": self.patient_b.id}]),
        ):
            with self.labelled(method=method):
                with self.assertRefused(self.intervention_a, exceptions=(AccessError,)) as caught:
                    self.rpc(self.worker_a, "social.intervention", method, args)
                self.assertIn("choose a record you may read", str(caught.exception))

    def test_the_duplicate_guard_finds_across_the_group_and_tells_nothing(self):
        """A worker of the other site, or of another team, types a number the service
        already knows: refused with one message that names neither the person, nor the
        number, nor the site."""
        failures = []
        stranger = self.env["res.partner"].create({"name": "Probe Newcomer"})
        attempts = (
            (self.worker_b, "social.case", "write", [self.case_b.ids, {"patient_niss": NISS}]),
            (
                self.worker_site_2,
                "res.partner",
                "create",
                [
                    {
                        "name": "Probe Newcomer 2",
                        "company_id": self.company_2.id,
                        "social_niss": NISS,
                    }
                ],
            ),
            (
                self.worker_b,
                "social.referral",
                "create",
                [{"patient_id": stranger.id, "reason": "Probe", "patient_number": "P-1001"}],
            ),
        )
        for user, model, method, args in attempts:
            with self.collect(failures, user=user.login, model=model, method=method):
                with self.assertRefused(self.patient_a, exceptions=(ValidationError,)) as caught:
                    self.rpc(user, model, method, args)
                message = str(caught.exception)
                self.assertEqual(message, DUPLICATE)
        self.assertFalse(failures, "\n".join(failures))

    def test_a_likely_duplicate_is_counted_but_named_only_to_who_may_read_it(self):
        """A homonym of a patient the coordinator may not read (a minor's case) is counted
        on the referral, so that the triage warns, but neither named nor opened."""
        Partner = self.env["res.partner"].with_user(self.coordinator)
        with self.assertRaises(AccessError):
            Partner.browse(self.patient_minor.id).read(["name"])
        homonym = Partner.create({"name": self.patient_minor.name})
        referral_id = self.rpc(
            self.coordinator,
            "social.referral",
            "create",
            [{"patient_id": homonym.id, "reason": "Probe homonym"}],
        )
        [read] = self.rpc(
            self.coordinator,
            "social.referral",
            "web_read",
            [
                [referral_id],
                {
                    "patient_homonym_count": {},
                    "patient_duplicate_ids": {"fields": {"display_name": {}}},
                },
            ],
        )
        self.assertEqual(read["patient_homonym_count"], 1)
        self.assertEqual(read["patient_duplicate_ids"], [])

    def test_partner_contacted_offers_no_patient(self):
        """The professionals a worker contacted for an intervention: her own patient, the
        other team's patients are not offered, the doctor is."""
        field = self.rpc(self.worker_a, "social.intervention", "fields_get", [["partner_id"]], {})[
            "partner_id"
        ]
        self.assertIn("('social_is_patient', '=', False)", str(field.get("domain")))
        offered = {
            partner_id
            for partner_id, _name in self.rpc(
                self.worker_a,
                "res.partner",
                "name_search",
                [],
                {"name": "Probe", "args": [("social_is_patient", "=", False)]},
            )
        }
        self.assertIn(self.doctor.id, offered)
        self.assertFalse(
            offered & {self.patient_a.id, self.patient_b.id, self.patient_free.id},
            "a patient is offered as a partner contacted",
        )

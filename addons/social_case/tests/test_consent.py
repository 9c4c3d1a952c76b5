from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged, users

from .common_probe import ProbeCommon


@tagged("post_install", "-at_install")
class TestConsentRegistry(ProbeCommon):
    """The consent registry, through the RPC entry point, as each role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.purpose = cls.env.ref("social_case.consent_purpose_discharge_provider")
        cls.chaplaincy = cls.env.ref("social_case.consent_purpose_chaplaincy")

    def _record(self, user, **values):
        vals = {
            "case_id": self.case_a.id,
            "purpose_id": self.purpose.id,
            "given_by": "patient",
            "method": "oral",
        }
        vals.update(values)
        consent_id = self.rpc(user, "social.consent", "create", [vals])
        return self.env["social.consent"].browse(consent_id)

    def test_referent_records_a_consent_of_their_case(self):
        consent = self._record(self.worker_a)
        self.assertEqual(consent.patient_id, self.patient_a)
        self.assertEqual(consent.company_id, self.case_a.company_id)
        self.assertEqual(consent.recorded_by_id, self.worker_a)
        self.assertEqual(consent.state, "valid")
        self.assertEqual(self.case_a.consent_count, 1)
        found = self.env["social.consent"]._check_sharing(self.patient_a, "discharge_provider")
        self.assertEqual(found, {self.patient_a.id: consent})

    def test_other_team_neither_reads_nor_records(self):
        consent = self._record(self.worker_a)
        self.assertFalse(self.rpc(self.worker_b, "social.consent", "search", [[]]))
        with self.assertRaises(AccessError):
            self.rpc(self.worker_b, "social.consent", "read", [consent.ids, ["purpose_id"]])
        with self.assertRefused():
            self._record(self.worker_b)
        # the care team and liaison providers have no access to the registry at all
        for user in (self.nurse, self.volunteer):
            with self.assertRaises(AccessError):
                self.rpc(user, "social.consent", "search", [[]])
        # a restricted case's consent: its referent reads it, the Manager does not
        restricted = self._record(self.worker_b, case_id=self.case_restricted.id)
        self.assertEqual(self.rpc(self.worker_b, "social.consent", "search", [[]]), restricted.ids)
        ours = [("patient_id", "in", (self.patient_a | self.patient_restricted).ids)]
        self.assertEqual(self.rpc(self.manager, "social.consent", "search", [ours]), consent.ids)

    def test_the_consent_is_of_the_cases_patient(self):
        """A consent tied to a case is the case's patient's, checked for a batch at once and
        on a restricted case its referent reads (the Manager, who does not, is not asked):
        a batch with one wrong patient writes nothing."""
        Consent = self.env["social.consent"]
        neighbour = self.env["res.partner"].create({"name": "Probe Neighbour"})
        with self.assertRefused() as refused:
            self._record(self.worker_a, patient_id=neighbour.id)
        self.assertIn("patient of its case", str(refused.exception))
        vals = {"purpose_id": self.purpose.id, "given_by": "patient", "method": "oral"}
        right = [
            dict(vals, case_id=self.case_b.id, patient_id=self.patient_b.id),
            dict(vals, case_id=self.case_restricted.id, patient_id=self.patient_restricted.id),
        ]
        wrong = [right[0], dict(right[1], patient_id=self.patient_b.id)]
        before = Consent.search_count([])
        with self.assertRefused() as refused:
            self.rpc(self.worker_b, "social.consent", "create", [wrong])
        self.assertIn("patient of its case", str(refused.exception))
        self.assertEqual(Consent.search_count([]), before)
        created = self.rpc(self.worker_b, "social.consent", "create", [right])
        self.assertEqual(
            Consent.browse(created).mapped("patient_id"), self.patient_b | self.patient_restricted
        )

    def test_terms_are_locked_once_given(self):
        consent = self._record(self.worker_a)
        for vals in (
            {"purpose_id": self.chaplaincy.id},
            {"valid_until": "2099-01-01"},
            {"date_given": "2001-01-01"},
            {"given_by": "representative", "representative_name": "Someone"},
            {"patient_id": self.patient_b.id},
        ):
            for user in (self.worker_a, self.manager):
                with self.assertRefused(consent), self.labelled(vals=vals, user=user.login):
                    self.rpc(user, "social.consent", "write", [consent.ids, vals])
        # the audit fields are the system's
        for vals in ({"withdrawn_on": "2020-01-01"}, {"recorded_by_id": self.worker_b.id}):
            with self.assertRefused(consent):
                self.rpc(self.worker_a, "social.consent", "write", [consent.ids, vals])
        with self.assertRefused():
            self._record(self.worker_a, recorded_by_id=self.worker_b.id)

    def test_nothing_is_deleted_nor_archived(self):
        consent = self._record(self.worker_a)
        for user in (self.worker_a, self.coordinator, self.manager):
            with self.assertRefused(consent):
                self.rpc(user, "social.consent", "unlink", [consent.ids])
        # only a withdrawal ends a consent (test_evidence.py)
        with self.assertRefused(consent, exceptions=UserError):
            self.rpc(self.worker_a, "social.consent", "action_archive", [consent.ids])
        self.assertTrue(consent.active)

    def test_who_gave_it_and_how(self):
        with self.assertRefused():
            self._record(self.worker_a, given_by="representative")
        consent = self._record(
            self.worker_a,
            given_by="representative",
            representative_name="Marie Dupont (administratrice de biens)",
            method="written",
            document="JVBERi0xLjQK",
            document_filename="consent.pdf",
        )
        self.assertEqual(consent.representative_name, "Marie Dupont (administratrice de biens)")
        self.assertTrue(consent.document)
        with self.assertRefused(consent):
            self.rpc(self.worker_a, "social.consent", "write", [consent.ids, {"document": "AAAA"}])
        with self.assertRefused():
            self._record(self.worker_a, date_given="2026-01-10", valid_until="2026-01-01")

    def test_exception_needs_its_reason(self):
        with self.assertRefused():
            self._record(self.worker_a, legal_basis="vital_interest")
        exception = self._record(
            self.worker_a,
            legal_basis="vital_interest",
            basis_reason="Unconscious patient, no relative reachable, discharge to a nursing home",
        )
        found = self.env["social.consent"]._check_sharing(self.patient_a, "discharge_provider")
        self.assertEqual(found[self.patient_a.id], exception)
        exceptions = self.rpc(
            self.manager, "social.consent", "search", [[("legal_basis", "!=", "consent")]]
        )
        self.assertEqual(exceptions, exception.ids)

    def test_withdrawal_stops_sharing_and_is_tracked(self):
        consent = self._record(self.worker_a)
        with self.assertRefused(consent):
            self.rpc(self.worker_a, "social.consent", "action_withdraw", [consent.ids])
        self.rpc(
            self.worker_a,
            "social.consent",
            "write",
            [consent.ids, {"withdrawal_reason": "The patient changed her mind at the bedside"}],
        )
        with self.assertRefused(consent):
            self.rpc(self.worker_b, "social.consent", "action_withdraw", [consent.ids])
        self.rpc(self.worker_a, "social.consent", "action_withdraw", [consent.ids])
        self.assertEqual(consent.state, "withdrawn")
        self.assertEqual(consent.withdrawn_by_id, self.worker_a)
        self.assertEqual(consent.withdrawn_on, fields.Date.context_today(self.env.user))
        with self.assertRaisesRegex(UserError, "Probe Patient A"):
            self.env["social.consent"]._check_sharing(self.patient_a, "discharge_provider")
        with self.assertRefused(consent):
            self.rpc(self.worker_a, "social.consent", "action_withdraw", [consent.ids])
        with self.assertRefused(consent):
            self.rpc(
                self.worker_a, "social.consent", "write", [consent.ids, {"withdrawal_reason": "x"}]
            )
        self.env.flush_all()
        tracked = consent.message_ids.tracking_value_ids.field_id.mapped("name")
        self.assertIn("state", tracked)
        self.assertIn("withdrawal_reason", tracked)
        self.assertIn("withdrawn_on", tracked)

    def test_expiry_against_today_and_by_the_cron(self):
        today = fields.Date.context_today(self.env.user)
        consent = self._record(self.worker_a, valid_until=str(today + timedelta(days=10)))
        Consent = self.env["social.consent"]
        self.assertTrue(Consent._check_sharing(self.patient_a, "discharge_provider"))
        with freeze_time(today + timedelta(days=20)):
            # the check compares with today even before the nightly job ran
            with self.assertRaises(UserError):
                Consent._check_sharing(self.patient_a, "discharge_provider")
            self.assertEqual(consent.state, "valid")
            Consent._cron_refresh_state()
            self.assertEqual(consent.state, "expired")
            missing = Consent._check_sharing(
                self.patient_a, "discharge_provider", raise_if_missing=False
            )
            self.assertEqual(missing, {})

    @users("probe_worker_a")
    def test_check_sharing_is_batched(self):
        patients = (
            self.env["res.partner"]
            .sudo()
            .create([{"name": f"Batch patient {i}"} for i in range(50)])
        )
        self.env["social.consent"].sudo().create(
            [
                {"patient_id": p.id, "purpose_id": self.purpose.id, "given_by": "patient"}
                for p in patients
            ]
        )
        Consent = self.env["social.consent"]
        # the first call fills the caches that do not depend on the data (rules, groups)
        Consent._check_sharing(patients[-1:], "discharge_provider")
        self.env.invalidate_all()
        # the user's time zone, the search, the consents' patients: as many for 1 as for 50
        with self.assertQueryCount(probe_worker_a=4):
            Consent._check_sharing(patients[:1], "discharge_provider")
        self.env.invalidate_all()
        with self.assertQueryCount(probe_worker_a=4):
            found = Consent._check_sharing(patients, "discharge_provider")
        self.assertEqual(len(found), 50)

    def test_purposes_are_the_managers(self):
        with self.assertRaises(AccessError):
            self.rpc(
                self.worker_a, "social.consent.purpose", "create", [{"name": "X", "code": "x"}]
            )
        with self.assertRaises(ValidationError):
            self.rpc(
                self.manager, "social.consent.purpose", "create", [{"name": "X", "code": "cpas"}]
            )

from odoo.tests import tagged

from .common_probe import REFUSALS, ProbeCommon


@tagged("post_install", "-at_install")
class TestProbeErrorOracles(ProbeCommon):
    """SECURITY.md T18: an error never names a record the user may not read."""

    def _secrets(self, case):
        return (case.name, case.user_id.name)

    def _assert_refused_silently(self, failures, label, case, call, records=None):
        with self.collect(failures, **label):
            with self.assertRefused(records if records is not None else case) as caught:
                call()
            message = str(caught.exception)
            for secret in self._secrets(case):
                self.assertNotIn(secret, message, f"the error names {secret!r}: {message}")

    def test_opening_a_case_does_not_name_the_restricted_open_case(self):
        """A worker opens a case for a patient, to learn from the error whether the patient
        already has a (restricted, minor's) case, its reference and who follows it."""
        failures = []
        for case in (self.case_restricted, self.case_minor, self.case_b):
            vals = {"patient_id": case.patient_id.id, "user_id": self.worker_a.id}
            self._assert_refused_silently(
                failures,
                {"create": case.confidentiality},
                case,
                lambda v=vals: self.rpc(self.worker_a, "social.case", "create", [v]),
            )
            # the same through a write: move her own case onto that patient
            vals = {"patient_id": case.patient_id.id}
            self._assert_refused_silently(
                failures,
                {"write": case.confidentiality},
                case,
                lambda v=vals: self.rpc(
                    self.worker_a, "social.case", "write", [self.case_a.ids, v]
                ),
            )
        self.assertFalse(failures, "\n".join(failures))

    def test_triage_wizard_does_not_name_the_restricted_open_case(self):
        """A coordinator, who may not read restricted cases, triages a referral for the
        patient of a restricted case: neither the wizard's fields nor its error name the
        case or its referent."""
        # registered by the coordinator, who received the patient's first referral: the
        # nurse of the ward does not follow this patient and cannot choose them
        referral = (
            self.env["social.referral"]
            .with_user(self.coordinator)
            .create({"patient_id": self.patient_restricted.id, "reason": "Bruises again"})
        )
        failures = []
        wizard_id = self.rpc(
            self.coordinator,
            "social.referral.triage",
            "create",
            [{"referral_id": referral.id, "decision": "new_case"}],
        )
        self.env.invalidate_all()
        with self.collect(failures, path="wizard fields"):
            try:
                [values] = self.rpc(
                    self.coordinator, "social.referral.triage", "read", [[wizard_id]]
                )
            except REFUSALS:
                values = {}
            shown = {
                name: value
                for name, value in values.items()
                if any(secret in str(value) for secret in self._secrets(self.case_restricted))
            }
            self.assertFalse(shown, f"the triage wizard shows {shown}")
        self._assert_refused_silently(
            failures,
            {"path": "triage confirm"},
            self.case_restricted,
            lambda: self.rpc(
                self.coordinator, "social.referral.triage", "action_confirm", [[wizard_id]]
            ),
            records=referral,
        )
        # joining the restricted case: the confirmation does not name it either
        wizard_id = self.rpc(
            self.coordinator,
            "social.referral.triage",
            "create",
            [{"referral_id": referral.id, "decision": "existing_case"}],
        )
        result = self.rpc(
            self.coordinator, "social.referral.triage", "action_confirm", [[wizard_id]]
        )
        with self.collect(failures, path="triage into the open case"):
            message = str(result["params"]["message"])
            self.assertEqual(referral.sudo().case_id, self.case_restricted)
            for secret in self._secrets(self.case_restricted):
                self.assertNotIn(secret, message)
        self.assertFalse(failures, "\n".join(failures))

    def test_starting_a_right_does_not_name_the_case(self):
        """A worker starts the procedure of a right with the id of a restricted case of
        another worker in the context (social_case_id): the refusal must not give the
        case's reference, which turns case ids into references."""
        right = self.env["social.right"].search([], limit=1)
        failures = []
        for case in (self.case_restricted, self.case_minor):
            self._assert_refused_silently(
                failures,
                {"case": case.confidentiality},
                case,
                lambda c=case: self.rpc(
                    self.worker_a,
                    "social.right",
                    "action_start_procedure",
                    [right.ids],
                    context={"social_case_id": c.id},
                ),
            )
        self.assertFalse(failures, "\n".join(failures))

from odoo.tests import tagged

from .common_probe import ProbeCommon
from .fuzz import MINUTES_PER_WORKING_DAY, implausible_numbers, run_fuzz


def intervention_problems(record):
    problems = implausible_numbers(record)
    if not 0 < record.duration <= MINUTES_PER_WORKING_DAY:
        problems.append(f"duration={record.duration} minutes")
    return problems


@tagged("post_install", "-at_install")
class TestProbeFuzz(ProbeCommon):
    """SECURITY.md #13: generated create and write calls by a worker and a coordinator end
    in success or a clean refusal, never in a traceback, a partial write or an implausible
    value saved."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.referral_worker = (
            cls.env["social.referral"]
            .with_user(cls.worker_a)
            .create({"patient_id": cls.person_new.id, "reason": "Own referral"})
        )

    def test_fuzz_case(self):
        """Crafted values on every field of a case (create and write)."""
        run_fuzz(
            self,
            "social.case",
            lambda user: {"patient_id": self.person_new.id, "user_id": self.worker_a.id},
            self.case_a,
        )

    def test_fuzz_referral(self):
        """Crafted values on every field of a referral (create and write)."""
        run_fuzz(
            self,
            "social.referral",
            lambda user: {"patient_id": self.person_new.id, "reason": "Fuzzed referral"},
            self.referral_worker,
        )

    def test_fuzz_intervention(self):
        """Crafted values on every field of an intervention, whose duration (in minutes)
        must stay within a working day."""
        run_fuzz(
            self,
            "social.intervention",
            lambda user: {"case_id": self.case_a.id, "type_id": self.interview.id},
            self.intervention_a,
            intervention_problems,
        )

    def test_fuzz_procedure(self):
        """Crafted values on every field of a procedure, whose amount cannot be negative."""
        run_fuzz(
            self,
            "social.procedure",
            lambda user: {"case_id": self.case_a.id, "type_id": self.aid.id},
            self.procedure_a,
        )

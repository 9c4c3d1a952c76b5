from odoo.tests import tagged

from .common_probe import REFUSALS, ProbeCommon


@tagged("post_install", "-at_install")
class TestProbeReferralCreate(ProbeCommon):
    """SECURITY.md T16: creating a referral checks what writing one checks."""

    def _referral_count(self, **values):
        self.env.invalidate_all()
        domain = [(name, "=", value) for name, value in values.items()]
        return self.env["social.referral"].sudo().search_count(domain)

    def test_worker_cannot_create_a_referral_linked_to_a_case(self):
        """A social worker creates a referral already attached to a case: to the restricted
        and minor's cases of another worker (to read their reference, referent and first
        contact through it), and even to her own case (only triage links a referral)."""
        failures = []
        for case in (self.case_restricted, self.case_minor, self.case_b, self.case_a):
            with self.collect(failures, case=case.name, confidentiality=case.confidentiality):
                before = self._referral_count(case_id=case.id)
                with self.assertRefused(case):
                    self.rpc(
                        self.worker_a,
                        "social.referral",
                        "create",
                        [{"patient_id": case.patient_id.id, "reason": "x", "case_id": case.id}],
                    )
                self.assertEqual(self._referral_count(case_id=case.id), before)
        self.assertFalse(failures, "\n".join(failures))

    def test_referral_reveals_nothing_of_an_unreadable_case(self):
        """A worker holds a referral she created that points at a restricted or minor's case
        of another worker (forged, or triaged there since): reading it gives neither the
        case's reference, nor its referent, nor the date of its first contact."""
        self.env["social.intervention"].create(
            {
                "case_id": self.case_restricted.id,
                "type_id": self.interview.id,
                "user_id": self.worker_b.id,
                "date": "2025-01-02 10:00:00",
            }
        )
        failures = []
        for case in (self.case_restricted, self.case_minor):
            referral = (
                self.env["social.referral"]
                .with_user(self.worker_a)
                .sudo()
                .create({"patient_id": case.patient_id.id, "reason": "x", "case_id": case.id})
            )
            referral.sudo().write({"date": "2025-01-01 09:00:00"})
            self.env.flush_all()
            self.env.invalidate_all()
            # the time of the first contact is the referral's own measure, not the case's
            fields = ["case_reference", "referent_name", "case_id", "display_name"]
            with self.collect(failures, case=case.name):
                values = {}
                for name in fields:  # one by one: a refused field reveals nothing
                    try:
                        [row] = self.rpc(
                            self.worker_a, "social.referral", "read", [referral.ids, [name]]
                        )
                    except REFUSALS:
                        continue
                    values[name] = row[name]
                # the link itself is the referral's outcome; what it must not tell is the case
                link = values.pop("case_id", False)
                leaked = {
                    name: values[name]
                    for name in values
                    if values.get(name) and name != "display_name"
                }
                if link and (case.name in str(link[1]) or "Probe Worker B" in str(link[1])):
                    leaked["case_id"] = link
                leaked |= {
                    name: value
                    for name, value in values.items()
                    if isinstance(value, str) and (case.name in value or "Probe Worker B" in value)
                }
                self.assertFalse(leaked, f"the referral tells {leaked}")
        self.assertFalse(failures, "\n".join(failures))

    def test_care_team_cannot_create_a_triaged_referral(self):
        """A nurse creates a referral that is born accepted, triaged by someone, dated in
        2000 (to skew the time-to-first-contact KPI) or attached to a case."""
        forged = [
            {"state": "accepted"},
            {"state": "triaged"},
            {"triage_user_id": self.coordinator.id},
            {"date": "2000-01-01 08:00:00"},
            {"case_id": self.case_b.id},
            {"redirect_note": "Sent elsewhere"},
            {"duplicate_of_id": self.referral_nurse.id},
        ]
        failures = []
        for values in forged:
            with self.collect(failures, values=values):
                vals = dict(values, patient_id=self.patient_free.id, reason="Needs help")
                before = self._referral_count(create_uid=self.nurse.id)
                with self.assertRefused(self.referral_nurse):
                    self.rpc(self.nurse, "social.referral", "create", [vals])
                self.assertEqual(self._referral_count(create_uid=self.nurse.id), before)
        self.assertFalse(failures, "\n".join(failures))

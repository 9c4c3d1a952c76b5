from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common_probe import ProbeCommon


@tagged("post_install", "-at_install")
class TestProbeSystemFields(ProbeCommon):
    """SECURITY.md T19: references, timing and company are set by the system, not by a
    crafted RPC call of a worker or a coordinator."""

    def _base_vals(self, model):
        if model == "social.case":
            partner = self.env["res.partner"].create({"name": "Probe Patient Forged"})
            return {"patient_id": partner.id, "user_id": self.worker_a.id}
        if model == "social.intervention":
            return {"case_id": self.case_a.id, "type_id": self.interview.id}
        if model == "social.procedure":
            return {"case_id": self.case_a.id, "type_id": self.aid.id}
        return {"patient_id": self.person_new.id, "reason": "Forged referral"}

    def _forged(self):
        later = "2031-06-01 12:00:00"
        return [
            ("social.case", "name", "SC/FORGED/0001"),
            ("social.case", "company_id", self.company_2.id),
            ("social.intervention", "company_id", self.company_2.id),
            ("social.procedure", "company_id", self.company_2.id),
            # stored copies of the case's patient: another patient than the case's
            ("social.intervention", "patient_id", self.patient_restricted.id),
            ("social.procedure", "patient_id", self.patient_restricted.id),
            ("social.referral", "requested_by_id", self.nurse_2.id),
            ("social.referral", "date", "2000-01-01 08:00:00"),
            ("social.referral", "hours_to_first_contact", 0.5),
            ("social.referral", "first_contact_date", later),
            ("social.referral", "company_id", self.company_2.id),
            ("social.referral", "name", "REF/FORGED/0001"),
        ]

    def _count(self, model):
        self.env.invalidate_all()
        return self.env[model].sudo().with_context(active_test=False).search_count([])

    def test_system_fields_refused_on_create(self):
        """Worker and coordinator create records with a chosen reference, a referral dated
        in 2000 or "requested by" a colleague, a forged time to first contact, or on a site
        they do not work in."""
        failures = []
        for user in (self.worker_a, self.coordinator):
            for model, name, value in self._forged():
                with self.collect(failures, user=user.login, model=model, field=name):
                    vals = dict(self._base_vals(model), **{name: value})
                    before = self._count(model)
                    with self.assertRefused(self.case_a):
                        self.rpc(user, model, "create", [vals])
                    self.assertEqual(self._count(model), before)
        self.assertFalse(failures, "\n".join(failures))

    def test_system_fields_refused_on_write(self):
        """Worker and coordinator rewrite the reference of a case, move a case, an
        intervention or a procedure to another site or to another patient than their
        case's, or rewrite who referred a patient, when and how fast the first contact
        came."""
        referral = (
            self.env["social.referral"]
            .with_user(self.worker_a)
            .create({"patient_id": self.person_new.id, "reason": "Own referral"})
        )
        targets = {
            "social.case": self.case_a,
            "social.intervention": self.intervention_a,
            "social.procedure": self.procedure_a,
            "social.referral": referral,
        }
        failures = []
        for user in (self.worker_a, self.coordinator):
            for model, name, value in self._forged():
                record = targets[model]
                with self.collect(failures, user=user.login, model=model, field=name):
                    before = self.stored_values(self.case_a)
                    with self.assertRefused(record):
                        self.rpc(user, model, "write", [record.ids, {name: value}])
                    self.assertEqual(self.stored_values(self.case_a), before)
        self.assertFalse(failures, "\n".join(failures))

    def test_manager_and_system_may_still_set_them(self):
        """Control: the refusals above are about who asks, the fields stay usable by the
        system (sudo)."""
        referral = self.referral_nurse.sudo()
        referral.write({"date": "2025-01-01 08:00:00", "requested_by_id": self.nurse_2.id})
        self.env.invalidate_all()
        self.assertEqual(referral.requested_by_id, self.nurse_2)
        self.assertEqual(str(referral.date), "2025-01-01 08:00:00")

    def test_the_system_mark_is_for_one_user(self):
        """Code that runs as the system for one user and then acts as another user
        (``with_user``) acts as that user: their writes are checked again."""
        case = self.case_a.with_user(self.coordinator)._social_as_system()
        with self.assertRaises(AccessError):
            case.with_user(self.worker_a).write({"name": "SC/FORGED/0003"})
        # control: for the user it was made for, the mark lets the service's code set it
        case.write({"name": "SC/SYSTEM/0003"})
        self.env.invalidate_all()
        self.assertEqual(self.case_a.name, "SC/SYSTEM/0003")

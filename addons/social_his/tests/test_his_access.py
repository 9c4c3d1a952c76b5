from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import HisCommon


@tagged("post_install", "-at_install")
class TestHisAccess(HisCommon):
    """The inbox names patients: the Manager and the hospital system integration read it,
    no other role; the integration sees no case."""

    def test_who_reads_the_inbox(self):
        message = self.receive(self.hl7("A01", self.day0))
        readers = {self.manager: True, self.his_user: True}
        others = (
            self.coordinator,
            self.worker_a,
            self.worker_b,
            self.nurse,
            self.volunteer,
            self.provider,
        )
        for user in others:
            readers[user] = False
        for user, allowed in readers.items():
            with self.labelled(user=user.login):
                if allowed:
                    rows = self.rpc(
                        user,
                        "social.his.message",
                        "search_read",
                        [[("sender_id", "=", self.sender.id)], ["control_id", "patient_number"]],
                    )
                    self.assertEqual([row["id"] for row in rows], message.ids)
                else:
                    for method, args in (
                        ("search_read", [[], ["control_id"]]),
                        ("read", [message.ids, ["patient_number"]]),
                        ("search_count", [[]]),
                    ):
                        with self.assertRaises(AccessError):
                            self.rpc(user, "social.his.message", method, args)
                    with self.assertRaises(AccessError):
                        self.rpc(user, "social.his.message", "action_retry", [message.ids])

    def test_senders_and_keys(self):
        for user in (self.coordinator, self.worker_a, self.nurse, self.volunteer, self.provider):
            with self.labelled(user=user.login), self.assertRaises(AccessError):
                self.rpc(user, "social.his.sender", "search_read", [[], ["name"]])
        # the hash of the key is read by nobody over RPC, not even the integration
        for user in (self.manager, self.his_user):
            with self.labelled(user=user.login), self.assertRaises(AccessError):
                self.rpc(user, "social.his.sender", "read", [self.sender.ids, ["key_hash"]])
        # only the integration generates a key; the manager does not
        action = self.rpc(
            self.his_user, "social.his.sender", "action_generate_key", [self.sender.ids]
        )
        self.assertEqual(action["res_model"], "social.his.sender.key")
        with self.assertRaises(AccessError):
            self.rpc(self.manager, "social.his.sender", "action_generate_key", [self.sender.ids])

    def test_the_integration_sees_no_case(self):
        self.receive(self.hl7("A01", self.day0))
        for model in (
            "social.case",
            "social.case.episode",
            "social.discharge.plan",
            "social.his.admission",
        ):
            with self.labelled(model=model), self.assertRaises(AccessError):
                self.rpc(self.his_user, model, "search_read", [[], ["id"]])

    def test_admitted_known_list_is_for_the_coordinator(self):
        self.receive(self.hl7("A01", self.day0, patient_number="P-2002"))
        for user in (self.coordinator, self.manager):
            with self.labelled(user=user.login):
                rows = self.rpc(
                    user,
                    "social.his.admission",
                    "search_read",
                    [[("patient_id", "=", self.patient_known.id)], ["room"]],
                )
                self.assertEqual(len(rows), 1)
        for user in (self.worker_a, self.nurse, self.volunteer, self.provider, self.his_user):
            with self.labelled(user=user.login), self.assertRaises(AccessError):
                self.rpc(user, "social.his.admission", "search_read", [[], ["room"]])

    def test_what_the_hospital_said_is_not_rewritten(self):
        message = self.receive(self.hl7("A01", self.day0, patient_number="P-2002"))
        admission = self.env["social.his.admission"].search(
            [("patient_id", "=", self.patient_known.id)]
        )
        forged = {"patient_number": "P-1001", "state": "error", "raw": "MSH|forged"}
        for user in (self.his_user, self.manager):
            with self.labelled(user=user.login), self.assertRaises(AccessError):
                self.rpc(user, "social.his.message", "write", [message.ids, forged])
        for user in (self.coordinator, self.manager):
            with self.labelled(user=user.login), self.assertRaises(AccessError):
                self.rpc(
                    user,
                    "social.his.admission",
                    "write",
                    [admission.ids, {"patient_id": self.patient_a.id, "room": "1"}],
                )
        self.env.invalidate_all()
        self.assertEqual((message.patient_number, message.state), ("P-2002", "done"))
        self.assertEqual(admission.patient_id, self.patient_known)
        # the coordinator marks it seen, the button's only change
        self.rpc(self.coordinator, "social.his.admission", "action_done", [admission.ids])
        self.env.invalidate_all()
        self.assertEqual(admission.state, "done")

    def test_unit_codes_configured_without_code(self):
        unit = self.env["social.unit"].create({"name": "Probe Pneumology"})
        for user in (self.his_user, self.manager):
            with self.labelled(user=user.login):
                self.rpc(
                    user,
                    "social.his.unit.map",
                    "create",
                    [{"code": f"PNEU-{user.id}", "unit_id": unit.id}],
                )
        with self.assertRaises(AccessError):
            self.rpc(
                self.coordinator,
                "social.his.unit.map",
                "create",
                [{"code": "PNEU-X", "unit_id": unit.id}],
            )

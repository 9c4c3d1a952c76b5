from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common_probe import ProbeCommon


@tagged("post_install", "-at_install")
class TestEvidence(ProbeCommon):
    """SECURITY.md, "evidence that cannot be bent": consents, the record of an emergency
    access and the emergency access itself hold, through the RPC entry point."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.consent = (
            cls.env["social.consent"]
            .with_user(cls.worker_b)
            .create(
                {
                    "case_id": cls.case_b.id,
                    "purpose_id": cls.env.ref("social_case.consent_purpose_discharge_provider").id,
                    "given_by": "patient",
                    "method": "oral",
                }
            )
        )

    def _break_glass(self, user, case, context=None):
        wizard_id = self.rpc(
            user,
            "social.case.break.glass",
            "create",
            [{"case_reference": case.name, "reason": "Court order received this morning."}],
            context=context,
        )
        return self.rpc(
            user, "social.case.break.glass", "action_confirm", [[wizard_id]], context=context
        )

    # -- consents end by a withdrawal only ----------------------------------------------
    def test_consent_is_never_archived(self):
        for user in (self.worker_b, self.coordinator, self.manager):
            for method, args in (
                ("write", [self.consent.ids, {"active": False}]),
                ("action_archive", [self.consent.ids]),
            ):
                with self.assertRefused(self.consent, exceptions=UserError):
                    self.rpc(user, "social.consent", method, args)
        self.assertTrue(self.consent.active)
        self.assertEqual(
            self.env["social.consent"]._check_sharing(self.patient_b, "discharge_provider"),
            {self.patient_b.id: self.consent},
        )

    def test_consent_is_never_deleted(self):
        for user in (self.worker_b, self.coordinator, self.manager):
            with self.assertRefused(self.consent, exceptions=(UserError, AccessError)):
                self.rpc(user, "social.consent", "unlink", [self.consent.ids])
        self.assertTrue(self.consent.exists())

    # -- the record of an emergency access ---------------------------------------------
    def test_emergency_access_message_is_immutable(self):
        self._break_glass(self.manager, self.case_restricted)
        message = self.case_restricted.message_ids.filtered(
            lambda m: "Court order received" in (m.body or "")
        )
        self.assertEqual(len(message), 1)
        for method, args in (
            ("write", [message.ids, {"body": "<p>Nothing happened</p>"}]),
            ("unlink", [message.ids]),
        ):
            with self.assertRefused(message, exceptions=(UserError, AccessError)):
                self.rpc(self.manager, "mail.message", method, args)
        # the chatter's own edit (the pencil on a message, an empty body deletes it)
        Case = self.env["social.case"].with_user(self.manager)
        with self.assertRefused(message, exceptions=UserError):
            Case.browse(self.case_restricted.id)._message_update_content(message, "")
        self.assertIn("Court order received", message.body)

    # -- the emergency access ends at its time ------------------------------------------
    def test_grant_ends_at_its_expiry_without_the_cron(self):
        self._break_glass(self.manager, self.case_restricted)
        self.assertEqual(
            self.rpc(self.manager, "social.case", "read", [self.case_restricted.ids, ["name"]])[0][
                "name"
            ],
            self.case_restricted.name,
        )
        grant = self.env["social.case.access.grant"].search(
            [("case_id", "=", self.case_restricted.id)]
        )
        grant.date_expiry = fields.Datetime.now() - timedelta(minutes=1)
        self.assertTrue(grant.active)  # the cron did not run
        with self.assertRaises(AccessError):
            self.rpc(self.manager, "social.case", "read", [self.case_restricted.ids, ["name"]])
        self.assertFalse(
            self.rpc(
                self.manager, "social.case", "search", [[("id", "=", self.case_restricted.id)]]
            )
        )
        self.assertFalse(
            self.rpc(
                self.manager,
                "social.procedure",
                "search",
                [[("id", "=", self.procedure_restricted.id)]],
            )
        )

    def test_emergency_access_with_both_sites_selected(self):
        manager = new_test_user(
            self.env,
            "probe_manager_two_sites",
            groups="social_case.group_social_manager",
            company_ids=[(6, 0, (self.env.company | self.company_2).ids)],
        )
        patient = self.env["res.partner"].create(
            {"name": "Probe Patient Site 2 Restricted", "company_id": self.company_2.id}
        )
        case = self.env["social.case"].create(
            {
                "patient_id": patient.id,
                "company_id": self.company_2.id,
                "user_id": False,
                "confidentiality": "restricted",
            }
        )
        both = {"allowed_company_ids": (self.env.company | self.company_2).ids}
        for target in (self.case_restricted, case):
            action = self._break_glass(manager, target, context=both)
            self.assertEqual(action["res_id"], target.id)
            rows = self.rpc(manager, "social.case", "read", [target.ids, ["name"]], context=both)
            self.assertEqual(rows[0]["name"], target.name)

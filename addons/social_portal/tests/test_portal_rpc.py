"""The patient's portal user over RPC (SECURITY.md, the portal patient's row): a valid login
reads and writes nothing of the case file, their own included, by any model or method."""

from contextlib import contextmanager

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.social_case.models.social_privacy_mixin import privacy_models

from .common import PortalPatientCase

REFUSED = (AccessError, UserError, ValidationError)


@tagged("post_install", "-at_install")
class TestPatientPortalRpc(PortalPatientCase):
    @contextmanager
    def refused(self):
        """The call is refused with an error a client reads (``rpc`` rolls it back)."""
        try:
            yield
        except REFUSED:
            return
        self.fail("the call was not refused")

    def portal_users(self):
        return {"patient": self.patient_user, "representative": self.guardian_user}

    def test_no_model_of_the_layer_reads_anything(self):
        for role, user in self.portal_users().items():
            for model in privacy_models(self.env):
                with self.labelled(role=role, model=model):
                    try:
                        rows = self.rpc(user, model, "search_read", [[]], {"fields": ["id"]})
                    except REFUSED:
                        continue
                    # the provider's rule lets a portal user search requests: none are theirs
                    self.assertEqual(rows, [], f"{role} reads {model}")

    def test_own_records_are_not_readable_by_id_either(self):
        own = {
            "social.case": self.case,
            "social.procedure": self.shared,
            "social.consent": self.consent,
            "social.portal.access": self.access,
            "social.discharge.request": self.request_a,
        }
        for model, record in own.items():
            with self.labelled(model=model), self.refused():
                self.rpc(self.patient_user, model, "read", [record.ids, ["display_name"]])

    def test_nothing_written_through_rpc(self):
        user = self.patient_user
        attempts = [
            ("social.consent", "action_withdraw", [self.consent.ids], {}),
            ("social.consent", "write", [self.consent.ids, {"withdrawal_reason": "x"}], {}),
            (
                "social.consent",
                "create",
                [{"case_id": self.case.id, "purpose_id": self.discharge_purpose.id}],
                {},
            ),
            ("social.portal.access", "write", [self.access.ids, {"date_revoked": False}], {}),
            (
                "social.portal.access",
                "create",
                [{"case_id": self.case_b.id, "partner_id": self.patient.id}],
                {},
            ),
            ("social.procedure", "write", [self.hidden.ids, {"patient_shared": True}], {}),
            (
                "social.discharge.request",
                "write",
                [self.request_a.ids, {"patient_answer": "accepted"}],
                {},
            ),
            ("social.case", "message_post", [self.case.ids], {"body": "hello"}),
            ("social.portal.invite", "create", [{"case_id": self.case.id}], {}),
        ]
        for model, method, args, kwargs in attempts:
            with self.labelled(model=model, method=method), self.refused():
                self.rpc(user, model, method, args, kwargs)
        self.env.invalidate_all()
        self.assertEqual(self.consent.state, "valid")
        self.assertFalse(self.hidden.patient_shared)
        self.assertFalse(self.request_a.patient_answer)

    def test_chatter_meetings_documents_of_the_case_are_hidden(self):
        self.case.message_post(body="Internal: about the son", subtype_xmlid="mail.mt_note")
        self.env["ir.attachment"].create(
            {
                "name": "assessment.txt",
                "raw": b"x",
                "res_model": "social.case",
                "res_id": self.case.id,
            }
        )
        user = self.patient_user
        for model, domain in (
            ("mail.message", [("model", "=", "social.case"), ("res_id", "=", self.case.id)]),
            ("ir.attachment", [("res_model", "=", "social.case"), ("res_id", "=", self.case.id)]),
            ("calendar.event", [("id", "=", self.meeting.id)]),
            ("mail.activity", [("res_model", "=", "social.case")]),
            ("mail.followers", [("res_model", "=", "social.case")]),
        ):
            with self.labelled(model=model):
                try:
                    rows = self.rpc(user, model, "search_read", [domain], {"fields": ["id"]})
                except REFUSED:
                    continue
                self.assertEqual(rows, [])

    def test_other_patients_contacts_are_hidden(self):
        rows = self.rpc(
            self.patient_user,
            "res.partner",
            "search_read",
            [[("id", "in", (self.patient_a | self.patient_b | self.patient).ids)]],
            {"fields": ["name"]},
        )
        self.assertEqual([row["name"] for row in rows], [self.patient.name])

    def test_workers_set_nothing_the_portal_records(self):
        """What the person answered on the portal is theirs: no worker writes it by hand."""
        for values in (
            {"patient_answer": "accepted"},
            {"patient_comment": "forged"},
            {"patient_shared": True},
        ):
            with self.labelled(values=values), self.refused():
                self.rpc(
                    self.worker_a, "social.discharge.request", "write", [self.request_a.ids, values]
                )
        with self.refused():
            self.rpc(
                self.worker_a,
                "social.portal.access",
                "write",
                [self.access.ids, {"user_id": self.worker_b.id}],
            )
        # worker B reads no access of worker A's cases
        rows = self.rpc(
            self.worker_b,
            "social.portal.access",
            "search_read",
            [[("case_id", "=", self.case.id)]],
            {"fields": ["email"]},
        )
        self.assertEqual(rows, [])
        # the care team reads none
        with self.refused():
            self.rpc(self.nurse, "social.portal.access", "search_read", [[]], {"fields": ["email"]})

    def test_referent_revokes_and_the_person_reads_nothing_more(self):
        self.rpc(self.worker_a, "social.portal.access", "action_revoke", [self.access.ids])
        self.assertEqual(self.access.state, "ended")
        self.assertEqual(self.access.revoked_by_id, self.worker_a)
        self.assertFalse(self.env["social.portal.access"]._portal_accesses(self.patient_user))
        with self.assertRaisesRegex(UserError, "already ended"):
            self.rpc(self.worker_a, "social.portal.access", "action_revoke", [self.access.ids])

import contextlib

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from .test_probe_discharge import ProbeDischargeCommon


class ConsentExitsCommon(ProbeDischargeCommon):
    """A discharge request to a nursing home, and the patient's consent to share with it
    missing, withdrawn or valid."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.purpose = cls.env.ref("social_case.consent_purpose_discharge_provider")
        cls.request_a = cls.env["social.discharge.request"].create(
            {"plan_id": cls.plan_a.id, "partner_id": cls.provider.id, "channel": "email"}
        )
        cls.template = cls.env.ref("social_discharge.mail_template_discharge_request")

    def _consent(self, user=None, **values):
        """The patient's consent, recorded by ``user`` (the referent) over RPC."""
        vals = {"case_id": self.case_a.id, "purpose_id": self.purpose.id, "given_by": "patient"}
        vals.update(values)
        return self.env["social.consent"].browse(
            self.rpc(user or self.worker_a, "social.consent", "create", [vals])
        )

    def _withdraw(self, consent):
        self.withdraw_consent(self.worker_a, consent, "The patient refuses the nursing home")

    def _without_consent(self):
        """The two cases where nothing may reach the provider, in turn: the patient never
        consented, then consented and withdrew."""
        yield "no consent"
        self._withdraw(self._consent())
        yield "withdrawn"

    def _subscribe_provider(self):
        return self.rpc(
            self.worker_a,
            "social.discharge.request",
            "message_subscribe",
            [self.request_a.ids],
            {"partner_ids": self.provider.ids},
        )

    def _post(self, **kwargs):
        values = {
            "body": "Probe: the patient's daughter will call you about the room",
            "message_type": "comment",
            "subtype_xmlid": "mail.mt_comment",
        }
        values.update(kwargs)
        return self.rpc(
            self.worker_a, "social.discharge.request", "message_post", [self.request_a.ids], values
        )

    def _provider_mail(self):
        """The e-mails and notifications addressed to the provider so far."""
        self.env.flush_all()
        mails = self.env["mail.mail"].sudo().search([("recipient_ids", "in", self.provider.ids)])
        notifications = (
            self.env["mail.notification"].sudo().search([("res_partner_id", "=", self.provider.id)])
        )
        return mails, notifications


@tagged("post_install", "-at_install")
class TestProbeConsentExits(ConsentExitsCommon):
    """SECURITY.md T20: the chatter, its followers and its composer reach the provider of a
    discharge request only under the patient's valid consent, as the button does."""

    def test_posting_to_the_provider_needs_the_consent(self):
        for label in self._without_consent():
            with self.labelled(case=label):
                with self.assertRefused(self.request_a, exceptions=UserError) as caught:
                    self._post(partner_ids=self.provider.ids)
                self.assertIn("consent", str(caught.exception))
                self.assertEqual(
                    self._provider_mail(), (self.env["mail.mail"], self.env["mail.notification"])
                )
        self._consent()
        message = self._post(partner_ids=self.provider.ids)
        mails, notifications = self._provider_mail()
        self.assertEqual(notifications.mail_message_id, message)
        self.assertEqual(notifications.notification_type, "email")
        self.assertEqual(len(mails), 1)

    def test_an_e_mail_queued_before_the_withdrawal_does_not_leave(self):
        consent = self._consent()
        self._post(partner_ids=self.provider.ids)
        queued, _notifications = self._provider_mail()
        self.assertEqual(len(queued), 1)
        # as the mail queue holds it, waiting for the next run of the scheduler
        queued.write({"state": "outgoing", "auto_delete": False})
        # the patient withdraws before the mail queue runs: the e-mail is cancelled, not sent
        self._withdraw(consent)
        queued._send()
        self.assertEqual(queued.state, "cancel")
        self.assertIn("consent", queued.failure_reason)
        # under a valid consent, the same e-mail leaves
        self._consent()
        self._post(partner_ids=self.provider.ids)
        second = self._provider_mail()[0] - queued
        second.write({"state": "outgoing", "auto_delete": False})
        second._send()
        self.assertNotEqual(second.state, "cancel")
        self.assertNotIn("consent", second.failure_reason or "")

    def test_the_queue_checks_the_consent_once_per_request_not_per_e_mail(self):
        consent = self._consent()
        for _index in range(3):
            self._post(partner_ids=self.provider.ids)
        queued = self._provider_mail()[0]
        self.assertEqual(len(queued), 3)
        queued.write({"state": "outgoing", "auto_delete": False})
        self._withdraw(consent)
        counts = {}
        for mails in (queued[:1], queued):
            self.env.invalidate_all()
            queries = []
            with contextlib.contextmanager(self._patchExecute)(queries):
                withheld = mails._social_withheld()
            self.assertEqual(withheld, mails)
            counts[len(mails)] = len(queries)
        self.assertEqual(counts[3], counts[1], "the consent is read again for each e-mail")

    def test_following_then_commenting_needs_the_consent(self):
        with self.assertRefused(self.request_a, exceptions=UserError):
            self._subscribe_provider()
        consent = self._consent()
        self._subscribe_provider()
        first = self._post()
        self.assertEqual(self._provider_mail()[1].mail_message_id, first)
        # the patient withdraws: the provider, still a follower, receives nothing more
        self._withdraw(consent)
        self.assertIn(self.provider, self.request_a.message_partner_ids)
        second = self._post()
        self.assertTrue(second.exists())
        mails, notifications = self._provider_mail()
        self.assertEqual(notifications.mail_message_id, first)
        self.assertEqual(len(mails), 1)
        with self.assertRefused(self.request_a, exceptions=UserError):
            self._subscribe_provider()

    def _compose(self, mode="comment"):
        context = {
            "default_model": "social.discharge.request",
            "default_res_ids": self.request_a.ids,
            "default_template_id": self.template.id,
            "default_composition_mode": mode,
        }
        wizard_id = self.rpc(self.worker_a, "mail.compose.message", "create", [{}], context=context)
        return self.rpc(self.worker_a, "mail.compose.message", "action_send_mail", [[wizard_id]])

    def test_the_composer_with_the_requests_template_needs_the_consent(self):
        for label in self._without_consent():
            for mode in ("comment", "mass_mail"):
                with self.labelled(case=label, mode=mode):
                    with self.assertRefused(self.request_a, exceptions=UserError):
                        self._compose(mode)
                    self.assertFalse(self._provider_mail()[0])
        self._consent()
        self._compose()
        message = self.request_a.message_ids[0]
        self.assertIn("Request for a patient leaving hospital", message.subject)
        self.assertIn(self.provider, message.partner_ids)
        mails, notifications = self._provider_mail()
        self.assertEqual(notifications.mail_message_id, message)
        self.assertEqual(len(mails), 1)
        self._compose("mass_mail")
        self.assertEqual(len(self._provider_mail()[0]), 2)

    def test_the_composer_in_mass_mode_reaches_no_one_outside_the_file(self):
        self._consent()
        wizard_id = self.rpc(
            self.worker_a,
            "mail.compose.message",
            "create",
            [{"body": "Probe", "subject": "Probe"}],
            context={
                "default_model": "social.discharge.request",
                "default_res_ids": self.request_a.ids,
                "default_composition_mode": "mass_mail",
                "default_partner_ids": [self.worker_b.partner_id.id],
            },
        )
        with self.assertRefused(self.request_a, exceptions=UserError):
            self.rpc(self.worker_a, "mail.compose.message", "action_send_mail", [[wizard_id]])

    def test_withdrawing_the_request_after_the_consent_e_mails_nothing(self):
        consent = self._consent()
        self.rpc(self.worker_a, "social.discharge.request", "action_send", [self.request_a.ids])
        sent = self._provider_mail()
        self._withdraw(consent)
        self.rpc(self.worker_a, "social.discharge.request", "action_withdraw", [self.request_a.ids])
        self.assertEqual(self.request_a.state, "withdrawn")
        self.assertEqual(self._provider_mail(), sent)
        bodies = "".join(self.request_a.message_ids.mapped("body"))
        self.assertIn("tell Probe Nursing Home that the place is no longer needed", bodies)


@tagged("post_install", "-at_install")
class TestProbeConsentLetterUrl(ConsentExitsCommon, HttpCase):
    """The liaison letter, refused by its button without consent, is refused by its URL."""

    def _print(self):
        self.authenticate("probe_worker_a", "probe_worker_a")
        return self.url_open(
            f"/report/pdf/social_discharge.report_liaison_letter/{self.plan_a.id}", timeout=120
        )

    def test_the_letters_url_needs_the_consent(self):
        for label in self._without_consent():
            with self.labelled(case=label), self.assertLogs("odoo.http", "WARNING"):
                response = self._print()
                self.assertNotEqual(response.status_code, 200)
                self.assertIn(b"No valid consent", response.content)
                self.assertNotIn(b"Liaison Letter", response.content)
        self._consent()
        response = self._print()
        self.assertEqual(response.status_code, 200)
        self.assertIn(b"Liaison Letter", response.content)
        self.assertIn(b"Probe Patient A", response.content)

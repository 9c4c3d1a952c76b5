from odoo.tests import tagged

from .test_probe_discharge import ProbeDischargeCommon

# what the shipped e-mail templates put in a subject or a body, of the patient's file
SECRETS = ("Probe Patient Restricted", "Probe Patient B")


@tagged("post_install", "-at_install")
class TestProbeTemplates(ProbeDischargeCommon):
    """SECURITY.md T8: an e-mail template rendered on a record shows the record's data. The
    preview of a template (Settings > Email Templates > Preview) and the composer (Send
    message with a template) render it as their user: who may not read a plan or a request
    reads nothing of it through them, whatever id they send."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan_b = cls.env["social.discharge.plan"].create({"case_id": cls.case_b.id})
        cls.request_b = cls.env["social.discharge.request"].create(
            {"plan_id": cls.plan_b.id, "partner_id": cls.provider.id}
        )
        cls.gp_letter = cls.env.ref("social_discharge.mail_template_discharge_gp_letter")
        cls.request_template = cls.env.ref("social_discharge.mail_template_discharge_request")
        cls.env.flush_all()

    def _targets(self):
        return [
            (self.gp_letter, self.plan_restricted),
            (self.gp_letter, self.plan_b),
            (self.request_template, self.request_restricted),
            (self.request_template, self.request_b),
        ]

    def assertNothingOf(self, text, **label):
        with self.labelled(**label):
            for secret in SECRETS:
                self.assertNotIn(secret, str(text or ""))

    def _preview(self, user, template, record):
        """What ``user`` reads in the preview of ``template`` on ``record``, or the
        refusal's text."""
        try:
            preview_id = self.rpc(
                user,
                "mail.template.preview",
                "create",
                [{"mail_template_id": template.id, "resource_ref": f"{record._name},{record.id}"}],
            )
            [values] = self.rpc(
                user,
                "mail.template.preview",
                "read",
                [[preview_id], ["subject", "body_html", "email_to", "partner_ids", "error_msg"]],
            )
        except Exception as error:  # noqa: BLE001 - a refusal's text is read too
            return str(error)
        return values

    def test_the_preview_shows_nothing_of_a_record_its_user_may_not_read(self):
        for user in (self.worker_a, self.nurse, self.volunteer):
            for template, record in self._targets():
                self.assertNothingOf(
                    self._preview(user, template, record),
                    user=user.login,
                    template=template.name,
                    record=record.display_name,
                )

    def test_the_preview_shows_the_record_to_who_may_read_it(self):
        values = self._preview(self.worker_b, self.gp_letter, self.plan_b)
        self.assertIn("Probe Patient B", values["subject"])
        self.assertFalse(values["error_msg"])

    def test_the_composer_renders_nothing_of_a_record_its_user_may_not_read(self):
        for user in (self.worker_a, self.nurse):
            for template, record in self._targets():
                label = {"user": user.login, "record": record.display_name}
                try:
                    wizard_id = self.rpc(
                        user,
                        "mail.compose.message",
                        "create",
                        [{}],
                        context={
                            "default_model": record._name,
                            "default_res_ids": record.ids,
                            "default_template_id": template.id,
                            "default_composition_mode": "comment",
                        },
                    )
                    values = self.rpc(
                        user,
                        "mail.compose.message",
                        "read",
                        [[wizard_id], ["subject", "body", "partner_ids"]],
                    )
                except Exception as error:  # noqa: BLE001 - a refusal's text is read too
                    values = str(error)
                self.assertNothingOf(values, **label)
                # and nothing was posted on the record
                self.assertNotIn(
                    user.partner_id, record.sudo().message_ids.author_id, f"{label}: posted"
                )

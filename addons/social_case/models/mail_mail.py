from odoo import api, models
from odoo.exceptions import UserError

from .social_privacy_mixin import privacy_models


class MailMail(models.Model):
    _inherit = "mail.mail"

    @api.model_create_multi
    def create(self, vals_list):
        mails = super().create(vals_list)
        mails._social_check_recipients()
        return mails

    def _social_check_recipients(self):
        """The last guard of what leaves by e-mail from a record on the privacy layer (the
        composer in mass mode writes e-mails without posting): its recipients pass the
        record's sharing check, and no bare address receives it (SECURITY.md T20)."""
        guarded = set(privacy_models(self.env, threads_only=True))
        for mail in self.sudo():
            if mail.model not in guarded or not mail.res_id:
                continue
            if mail.email_to or mail.email_cc:
                raise UserError(
                    self.env._(
                        "An e-mail about a case file goes to people known to the service, "
                        "never to a bare address."
                    )
                )
            record = self.env[mail.model].sudo().browse(mail.res_id)
            record._social_check_sharing(mail.recipient_ids.ids, public=False)

    def _social_anonymise_mail(self):
        """What an anonymisation leaves of an e-mail about the patient: who sent it to whom
        and when; an e-mail still waiting to leave is cancelled, never sent empty."""
        mails = self.sudo()
        mails.filtered(lambda m: m.state in ("outgoing", "exception")).write({"state": "cancel"})
        mails.write({"subject": False, "body_html": "", "body": ""})

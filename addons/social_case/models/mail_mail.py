from collections import defaultdict

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

    def _send(self, *args, **kwargs):
        # the consent is checked again when the e-mail leaves: one queued while it was valid
        # and withdrawn since is cancelled, not sent (SECURITY.md T20)
        withheld = self._social_withheld()
        reason = self.env._("Not sent: the patient's consent no longer allows it.")
        withheld.write({"state": "cancel", "failure_reason": reason})
        return super(MailMail, self - withheld)._send(*args, **kwargs)

    def _social_by_record(self):
        """{record on the privacy layer: its e-mails among ``self``}, as the system: the mail
        queue is the system's, and so are the records it is about, checked whoever made or
        sends the e-mail."""
        mails = self.sudo()
        guarded = set(privacy_models(mails.env, threads_only=True))
        by_record = defaultdict(mails.browse)
        for mail in mails:
            if mail.model in guarded and mail.res_id:
                by_record[mails.env[mail.model].browse(mail.res_id)] |= mail
        return by_record

    def _social_withheld(self):
        """The e-mails of ``self`` about a record on the privacy layer whose recipients its
        sharing check refuses today."""
        withheld = self.browse()
        # the consent and the readers of each record are checked once, for all its e-mails
        for record, mails in self._social_by_record().items():
            mails = mails.filtered("recipient_ids")
            if not mails:
                continue
            refused, outsiders = record.exists()._social_sharing_refusals(mails.recipient_ids.ids)
            withheld |= mails.filtered(lambda mail, r=refused | outsiders: mail.recipient_ids & r)
        return withheld

    def _social_check_recipients(self):
        """The last guard of what leaves by e-mail from a record on the privacy layer (the
        composer in mass mode writes e-mails without posting): its recipients pass the
        record's sharing check, and no bare address receives it (SECURITY.md T20)."""
        for record, mails in self._social_by_record().items():
            if any(mail.email_to or mail.email_cc for mail in mails):
                raise UserError(
                    self.env._(
                        "An e-mail about a case file goes to people known to the service, "
                        "never to a bare address."
                    )
                )
            record._social_check_sharing(mails.recipient_ids.ids, public=False)

    def _social_anonymise_mail(self):
        """What an anonymisation (run as the system) leaves of an e-mail about the patient:
        who sent it to whom and when; one still waiting to leave is cancelled, never sent."""
        self.filtered(lambda m: m.state in ("outgoing", "exception")).write({"state": "cancel"})
        self.write({"subject": False, "body_html": "", "body": ""})

from odoo import models


class MailMail(models.Model):
    _inherit = "mail.mail"

    def _social_anonymise_mail(self):
        """What an anonymisation leaves of an e-mail about the patient: who sent it to whom
        and when; an e-mail still waiting to leave is cancelled, never sent empty."""
        mails = self.sudo()
        mails.filtered(lambda m: m.state in ("outgoing", "exception")).write({"state": "cancel"})
        mails.write({"subject": False, "body_html": "", "body": ""})

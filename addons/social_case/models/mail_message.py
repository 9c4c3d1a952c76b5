from odoo import models
from odoo.exceptions import UserError

from ..const import MANAGER
from .social_privacy_mixin import privacy_models

# what a message says, who said it, when and where: the record of a case file
CONTENT_FIELDS = {
    "attachment_ids",
    "author_guest_id",
    "author_id",
    "body",
    "date",
    "email_from",
    "is_internal",
    "message_type",
    "model",
    "partner_ids",
    "res_id",
    "subject",
    "subtype_id",
    "tracking_value_ids",
}


class MailMessage(models.Model):
    _inherit = "mail.message"

    def _social_check_file_messages(self):
        """Messages in the chatter of a case file are part of the file: only a Manager edits
        or deletes them, and nobody the record of an emergency access, evidence of what the
        Manager did (code running as superuser is trusted)."""
        if self.env.su:
            return
        messages = self.sudo()  # the subtype and record of every message, readable or not
        evidence = self.env["ir.model.data"]._xmlid_to_res_id(
            "social_case.mt_case_emergency_access"
        )
        if any(message.subtype_id.id == evidence for message in messages):
            raise UserError(
                self.env._(
                    "This message records an emergency access: it is evidence and cannot be "
                    "edited or deleted."
                )
            )
        guarded = set(privacy_models(self.env, threads_only=True))
        if not self.env.user.has_group(MANAGER) and any(m.model in guarded for m in messages):
            raise UserError(
                self.env._(
                    "Messages of a case file are part of its record: only a Social Service "
                    "Manager can edit or delete them."
                )
            )

    def _social_hidden_chatters(self):
        """Models on the privacy layer whose chatter the user may not read: the chatter of a
        record is read by who may read its messages field (the care team reads a discharge
        plan's dates, never its correspondence)."""
        return {
            model
            for model in privacy_models(self.env, threads_only=True)
            if not self.env[model]._fields["message_ids"].is_accessible(self.env)
        }

    def _find_allowed_model_wise(self, doc_model, doc_dict):
        if doc_model in self._social_hidden_chatters():
            return set()
        return super()._find_allowed_model_wise(doc_model, doc_dict)

    def _get_forbidden_access(self, operation):
        forbidden = super()._get_forbidden_access(operation)
        if operation != "read" or self.env.su or not (chatters := self._social_hidden_chatters()):
            return forbidden
        author = self.env.user.partner_id
        # the model and author of each message are read to decide, as the system
        others = (self - forbidden).sudo()
        hidden = others.filtered(lambda m: m.model in chatters and m.author_id != author)
        return forbidden + self.browse(hidden.ids)

    def write(self, vals):
        if CONTENT_FIELDS & set(vals):
            self._social_check_file_messages()
        return super().write(vals)

    def unlink(self):
        self._social_check_file_messages()
        return super().unlink()

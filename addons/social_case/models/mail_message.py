from odoo import models
from odoo.exceptions import UserError

MANAGER_GROUP = "social_case.group_social_manager"
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
        """Messages in the chatter of a case file are part of the file: only a Manager
        may edit or delete them (code running as superuser is trusted)."""
        if self.env.su or self.env.user.has_group(MANAGER_GROUP):
            return
        guarded = self.env.registry["social.chatter.guard"]._inherit_children
        if any(message.model in guarded for message in self.sudo()):
            raise UserError(
                self.env._(
                    "Messages of a case file are part of its record: only a Social Service "
                    "Manager can edit or delete them."
                )
            )

    def write(self, vals):
        if CONTENT_FIELDS & set(vals):
            self._social_check_file_messages()
        return super().write(vals)

    def unlink(self):
        self._social_check_file_messages()
        return super().unlink()

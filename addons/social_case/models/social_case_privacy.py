from odoo import api, models
from odoo.exceptions import UserError

# context keys that would silence the chatter: the audit trail of a case ignores them
SILENCING_KEYS = ("tracking_disable", "mail_notrack", "mail_create_nolog")
MANAGER_GROUP = "social_case.group_social_manager"


class SocialChatterGuard(models.AbstractModel):
    """Chatter of a case file: an audit trail that only the people who may read the file
    take part in. Followers, recipients and activity assignees must be able to read the
    record; tracking cannot be silenced by the context; only a Manager edits messages."""

    _name = "social.chatter.guard"
    _description = "Social Service Chatter Guard"
    _inherit = ["mail.thread"]

    # -- the audit cannot be silenced ------------------------------------------------
    def _social_audited(self):
        if any(self.env.context.get(key) for key in SILENCING_KEYS):
            return self.with_context(**dict.fromkeys(SILENCING_KEYS, False))
        return self

    @api.model_create_multi
    def create(self, vals_list):
        records = super(SocialChatterGuard, self._social_audited()).create(vals_list)
        return records.with_env(self.env)

    def write(self, vals):
        return super(SocialChatterGuard, self._social_audited()).write(vals)

    # -- only readers take part ---------------------------------------------------------
    def _social_outsiders(self, partner_ids):
        """Partners among ``partner_ids`` with no internal user allowed to read every
        record of ``self``."""
        partners = self.env["res.partner"].sudo().browse(partner_ids).exists()
        records = self.sudo(False).exists()
        outsiders = self.env["res.partner"]
        for partner in partners:
            users = partner.with_context(active_test=False).user_ids.filtered(
                lambda user: not user.share and (user.active or user._is_superuser())
            )
            if not any(
                records.with_user(user)._filtered_access("read") == records for user in users
            ):
                outsiders |= partner
        return outsiders

    def _social_check_partners(self, partner_ids, public=True):
        if not self or not partner_ids:
            return
        if public and not self.env.su:
            # who may not read the file learns nothing about it, not even its reference
            self.check_access("read")
        outsiders = self._social_outsiders(partner_ids)
        if outsiders:
            raise UserError(
                self.env._(
                    "%(partners)s cannot follow, receive or be assigned anything about this "
                    "file: only people allowed to read it can.",
                    partners=", ".join(outsiders.mapped("display_name")),
                )
            )

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        if self and partner_ids and not self.env.su:
            self.check_access("read")  # instead of a silent False for users without access
        return super().message_subscribe(partner_ids=partner_ids, subtype_ids=subtype_ids)

    def _message_subscribe(self, partner_ids=None, subtype_ids=None, customer_ids=None):
        self._social_check_partners(partner_ids, public=False)
        return super()._message_subscribe(
            partner_ids=partner_ids, subtype_ids=subtype_ids, customer_ids=customer_ids
        )

    def message_post(self, **kwargs):
        self._social_check_partners(kwargs.get("partner_ids"))
        return super().message_post(**kwargs)

    def message_notify(self, **kwargs):
        self._social_check_partners(kwargs.get("partner_ids"))
        return super().message_notify(**kwargs)

    def _message_auto_subscribe_notify(self, partner_ids, template):
        # the "you have been assigned" notice is sent by the system: the author may just
        # have handed the case over and lost access to it
        return super(SocialChatterGuard, self.sudo())._message_auto_subscribe_notify(
            partner_ids, template
        )

    def _message_update_content(
        self, message, body, attachment_ids=None, partner_ids=None, strict=True, **kwargs
    ):
        self._social_check_partners(partner_ids)
        return super()._message_update_content(
            message,
            body,
            attachment_ids=attachment_ids,
            partner_ids=partner_ids,
            strict=strict,
            **kwargs,
        )

    # -- messages are part of the file ----------------------------------------------------
    def _social_may_edit_messages(self):
        return self.env.is_superuser() or self.env.user.has_group(MANAGER_GROUP)

    def _check_can_update_message_content(self, messages):
        if not self._social_may_edit_messages():
            raise UserError(
                self.env._(
                    "Messages of a case file are part of its record: only a Social Service "
                    "Manager can edit or delete them."
                )
            )
        return super()._check_can_update_message_content(messages)


class SocialCase(models.Model):
    _name = "social.case"
    _inherit = ["social.chatter.guard", "social.case"]

    @api.private
    def init(self):
        # schema maintenance at install and update, never a remote call
        return super().init()

    def action_view_procedures(self):
        self.check_access("read")
        return super().action_view_procedures()


class SocialProcedure(models.Model):
    _name = "social.procedure"
    _inherit = ["social.chatter.guard", "social.procedure"]

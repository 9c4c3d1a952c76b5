from odoo import api, models
from odoo.exceptions import UserError

# the chatter and activities of a record (mail.thread, mail.activity.mixin)
CHATTER_FIELDS = (
    "message_is_follower",
    "message_follower_ids",
    "message_partner_ids",
    "message_ids",
    "has_message",
    "message_needaction",
    "message_needaction_counter",
    "message_has_error",
    "message_has_error_counter",
    "message_attachment_count",
    "activity_ids",
    "activity_state",
    "activity_user_id",
    "activity_type_id",
    "activity_type_icon",
    "activity_date_deadline",
    "my_activity_date_deadline",
    "activity_summary",
    "activity_exception_decoration",
    "activity_exception_icon",
    "activity_calendar_event_id",
)
# context keys that would silence the chatter: the audit trail ignores them
SILENCING_KEYS = ("tracking_disable", "mail_notrack", "mail_create_nolog")


class SocialPrivacyThread(models.AbstractModel):
    """The privacy layer of a model with a chatter (decision 6 of ``social_privacy_mixin``):
    an audit trail that the context cannot silence, that only a Manager edits, and that only
    the people who may read the record take part in, with the consent registry's rule for
    outsiders (SECURITY.md T8, T20). A model shares its records by naming the consent purpose
    that allows it and the partners it goes to::

        def _social_consent_purpose(self):
            return "discharge"

        def _social_sharing_partners(self):
            return self.provider_id.member_ids
    """

    _name = "social.privacy.thread"
    _description = "Social Service Privacy Layer (chatter)"
    _inherit = ["social.privacy.mixin", "mail.thread"]

    def _social_audited(self):
        if any(self.env.context.get(key) for key in SILENCING_KEYS):
            return self.with_context(**dict.fromkeys(SILENCING_KEYS, False))
        return self

    @api.model_create_multi
    def create(self, vals_list):
        records = super(SocialPrivacyThread, self._social_audited()).create(vals_list)
        return records.with_env(self.env)

    def write(self, vals):
        return super(SocialPrivacyThread, self._social_audited()).write(vals)

    # -- sharing with outsiders, under the patient's consent ----------------------------------
    def _social_consent_purpose(self):
        """The code of the ``social.consent.purpose`` under which the record may reach someone
        outside the service; False: nothing may."""
        return False

    def _social_sharing_partners(self):
        """Partners outside the service the records go to once the patient consented."""
        return self.env["res.partner"]

    def _social_by_purpose(self):
        """{purpose code: records} of ``self``, without the records that share nothing."""
        groups = {}
        for record in self.sudo():  # the purpose is the record's, whoever asks
            if purpose := record._social_consent_purpose():
                groups[purpose] = groups.get(purpose, record.browse()) | record
        return groups

    def _social_consented(self):
        """The records of ``self`` whose patient has, today, a valid consent of the records'
        purpose in the registry (or a recorded exception): one query a purpose."""
        consented = self.browse()
        for purpose, records in self._social_by_purpose().items():
            found = self.env["social.consent"]._check_sharing(
                records.patient_id, purpose, raise_if_missing=False
            )
            consented |= records.filtered(lambda r, f=found: r.patient_id.id in f)
        return consented.with_env(self.env)

    def _social_check_consent(self):
        """Refuse, naming the patients, unless the patient of every record of ``self`` gave
        a valid consent of the record's purpose (SECURITY.md T20)."""
        shared = self.browse()
        for purpose, records in self._social_by_purpose().items():
            self.env["social.consent"]._check_sharing(records.patient_id, purpose)
            shared |= records
        if self - shared:
            raise UserError(self.env._("Nothing of this file may leave the social service."))

    # -- who takes part -----------------------------------------------------------------------
    def _social_takes_part(self, user):
        """Whether ``user`` may read every record of ``self`` and its chatter, in the
        companies ``user`` works in (not those the current user selected)."""
        records = (
            self.exists().with_user(user).with_context(allowed_company_ids=user.company_ids.ids)
        )
        return records._fields["message_ids"].is_accessible(records.env) and (
            records._filtered_access("read") == records
        )

    def _social_sharing_refusals(self, partner_ids):
        """(partners outside the service without the patient's valid consent, partners who
        may not read the records) among ``partner_ids``: the decision of
        ``_social_check_sharing``, without raising."""
        # who the partners are and what the records share is the system's to know
        records = self.sudo()
        partners = records.env["res.partner"].browse(partner_ids).exists()
        wanted = {record: record._social_sharing_partners() & partners for record in records}
        consented = records._social_consented() if any(wanted.values()) else records.browse()
        refused = self.env["res.partner"]
        shared = partners  # shared with by every record, consent given
        for record, mine in wanted.items():
            if record not in consented:
                refused |= mine
            shared &= mine
        outsiders = self.env["res.partner"]
        for partner in partners - shared:
            users = partner.with_context(active_test=False).user_ids.filtered(
                lambda user: not user.share and (user.active or user._is_superuser())
            )
            if not any(self._social_takes_part(user) for user in users):
                outsiders |= partner
        return refused, outsiders

    def _social_check_sharing(self, partner_ids, public=True):
        """The one check of who may receive, follow or be assigned anything of ``self``: a
        partner outside the service only while the patient's consent of the records' purpose
        is valid, anyone else only when they may read the records and their chatter."""
        if not self or not partner_ids:
            return
        if public and not self.env.su:
            # who may not read the file learns nothing about it, not even its reference
            self.check_access("read")
        refused, outsiders = self._social_sharing_refusals(partner_ids)
        if refused:
            raise UserError(
                self.env._(
                    "No valid consent of the patient allows sharing this file with "
                    "%(partners)s: record the patient's consent, or an exception with its "
                    "reason, before sending anything.",
                    partners=self._social_partner_names(refused),
                )
            )
        if outsiders:
            raise UserError(
                self.env._(
                    "%(partners)s cannot follow, receive or be assigned anything about this "
                    "file: only people allowed to read it can.",
                    partners=self._social_partner_names(outsiders),
                )
            )

    def _social_partner_names(self, partners):
        """The names of ``partners`` that the user may read, for an error message."""
        readable = partners.with_env(self.env)._filtered_access("read")
        return ", ".join(readable.mapped("display_name")) or self.env._("Someone")

    # -- mail.thread's entries ----------------------------------------------------------------
    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        if self and not self.env.su:
            self.check_access("read")  # instead of a silent False for users without access
            self.check_field_access_rights("read", ["message_follower_ids"])
        return super().message_subscribe(partner_ids=partner_ids, subtype_ids=subtype_ids)

    def _message_subscribe(self, partner_ids=None, subtype_ids=None, customer_ids=None):
        self._social_check_sharing(partner_ids, public=False)
        return super()._message_subscribe(partner_ids, subtype_ids, customer_ids)

    def message_post(self, **kwargs):
        self._social_check_sharing(kwargs.get("partner_ids"))
        return super().message_post(**kwargs)

    def message_notify(self, **kwargs):
        self._social_check_sharing(kwargs.get("partner_ids"))
        return super().message_notify(**kwargs)

    def _message_update_content(
        self, message, body, attachment_ids=None, partner_ids=None, *args, **kwargs
    ):
        self._social_check_sharing(partner_ids)
        return super()._message_update_content(
            message, body, attachment_ids, partner_ids, *args, **kwargs
        )

    def _notify_get_recipients(self, message, msg_vals, **kwargs):
        # a follower who lost access since (a case handed over) is not notified any more,
        # nor a provider once the patient's consent was withdrawn or expired
        recipients = super()._notify_get_recipients(message, msg_vals, **kwargs)
        if not self or not recipients:
            return recipients
        records = self.sudo()  # what the records share is the system's to know
        sharing = set(records._social_sharing_partners().ids)
        allowed = (
            set(records._social_consented()._social_sharing_partners().ids) if sharing else set()
        )
        readers = {}
        kept = []
        for recipient in recipients:
            uid = recipient.get("uid")
            if recipient["id"] in allowed:
                kept.append(recipient)
                continue
            if recipient["id"] in sharing or not uid or recipient.get("ushare"):
                continue
            if uid not in readers:
                readers[uid] = self._social_takes_part(self.env["res.users"].browse(uid))
            if readers[uid]:
                kept.append(recipient)
        return kept

    def _message_auto_subscribe_notify(self, partner_ids, template):
        # the "you have been assigned" notice is sent by the system: the author may just
        # have handed the case over and lost access to it
        return super(SocialPrivacyThread, self.sudo())._message_auto_subscribe_notify(
            partner_ids, template
        )

    def _check_can_update_message_content(self, messages):
        # the chatter hands the messages over as superuser: check them as the user
        messages.with_env(self.env)._social_check_file_messages()
        return super()._check_can_update_message_content(messages)

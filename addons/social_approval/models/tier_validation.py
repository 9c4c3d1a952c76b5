from odoo import models
from odoo.exceptions import AccessError, UserError

from odoo.addons.social_case.models.social_privacy_mixin import social_action

# context keys of base_tier_validation that lift its checks: for our code only
LIFTING_KEYS = ("skip_validation_check", "skip_check_state_condition")


class SocialApprovalMixin(models.AbstractModel):
    """base_tier_validation on a model of the privacy layer: the sign-off of a record of
    the social service by the reviewers its ``tier.definition`` records name.

    The model also inherits ``social.privacy.thread``, lists ``state`` and ``review_ids``
    in its ``_social_system_fields`` and calls ``_social_approval_entry()`` first in its
    ``write``. What this adds to base_tier_validation:

    - its buttons are declared like ours (``@social_action``): asking for a sign-off needs
      write access to the record, approving or refusing needs read access and a pending
      review of one's own;
    - a reviewer who may not read the record is refused when the sign-off is asked;
    - every request, decision and comment is a note in the record's chatter;
    - ``_social_signed_off()`` runs once every review is approved (a plan becomes active).

    Example::

        class SocialAidRequest(models.Model):
            _name = "social.aid.request"
            _inherit = ["social.privacy.thread", "social.approval.mixin"]
            _state_from = ["submitted"]
            _state_to = ["approved"]
    """

    _name = "social.approval.mixin"
    _description = "Sign-off of a Record of the Social Service"
    _inherit = ["tier.validation"]
    # our forms place the buttons and the reviews themselves
    _tier_validation_manual_config = True
    # a state that none of our models has: base_tier_validation deletes the reviews of a
    # record moved to it, and a sign-off's history is kept
    _cancel_state = "social_never"

    def _social_approval_entry(self):
        """``self`` without the context keys that lift base_tier_validation's checks,
        unless our own code sends them."""
        if self.env.su or self._social_marked():
            return self
        if any(self.env.context.get(key) for key in LIFTING_KEYS):
            return self.with_context(**dict.fromkeys(LIFTING_KEYS, False))
        return self

    # -- the buttons of base_tier_validation, declared -------------------------------------
    @social_action("write")
    def request_validation(self):
        self = self._social_approval_entry()
        for record in self:
            if record.review_ids.filtered(lambda r: r.status in ("waiting", "pending")):
                raise UserError(
                    self.env._(
                        "%(record)s already waits for its sign-off.", record=record.display_name
                    )
                )
        reviews = super().request_validation()
        for record in self:
            mine = reviews.filtered(lambda r, rec=record: r.res_id == rec.id)
            record._social_check_reviewers(mine)
            if mine:
                record._social_post_request(mine)
        return reviews

    @social_action("write")
    def restart_validation(self):
        return super(SocialApprovalMixin, self._social_approval_entry()).restart_validation()

    @social_action("read")
    def validate_tier(self):
        self._social_check_can_review()
        return super().validate_tier()

    @social_action("read")
    def reject_tier(self):
        self._social_check_can_review()
        return super().reject_tier()

    def _social_check_can_review(self):
        for record in self:
            if not record.can_review:
                raise AccessError(
                    self.env._(
                        "%(record)s waits for no sign-off of yours.", record=record.display_name
                    )
                )

    def _social_check_reviewers(self, reviews):
        """Refuse a sign-off that no reviewer may read the record to give."""
        self.ensure_one()
        for review in reviews:
            if not any(self._social_takes_part(user) for user in review.reviewer_ids):
                names = ", ".join(review.reviewer_ids.mapped("name"))
                raise UserError(
                    self.env._(
                        "%(tier)s: no reviewer may read this record (%(reviewers)s). Ask the "
                        "administrator to change the tier definition, or give the reviewer "
                        "access to the case.",
                        tier=review.name,
                        reviewers=names or self.env._("nobody"),
                    )
                )

    # -- decisions in the chatter --------------------------------------------------------
    def _social_post_request(self, reviews):
        env = self._social_system_env()
        names = ", ".join(reviews.reviewer_ids.mapped("name"))
        self.message_post(
            body=env._("Sign-off asked of %(reviewers)s.", reviewers=names),
            subtype_xmlid="mail.mt_note",
            partner_ids=reviews.reviewer_ids.partner_id.ids,
        )

    def _social_my_open_reviews(self, tiers):
        reviews = tiers or self.review_ids
        return reviews.filtered(
            lambda r: r.status in ("waiting", "pending") and self.env.user in r.reviewer_ids
        )

    def _social_post_decision(self, reviews, status):
        env = self._social_system_env()
        user = self.env.user.name
        for review in reviews.filtered(lambda r: r.status == status):
            if status == "approved":
                body = env._("Signed off by %(user)s (%(tier)s).", user=user, tier=review.name)
            else:
                body = env._(
                    "Sign-off refused by %(user)s (%(tier)s).", user=user, tier=review.name
                )
            if review.comment:
                body = env._(
                    "%(decision)s Comment: %(comment)s", decision=body, comment=review.comment
                )
            self.message_post(body=body, subtype_xmlid="mail.mt_note")

    def _validate_tier(self, tiers=False):
        mine = self._social_my_open_reviews(tiers)
        result = super()._validate_tier(tiers)
        self._social_post_decision(mine, "approved")
        # computed before the reviews existed, and not recomputed by base_tier_validation
        self.invalidate_recordset(["need_validation", "review_ids"])
        if self.validation_status == "validated" and not self.env.context.get(
            "social_approval_signing_off"
        ):
            self.with_context(social_approval_signing_off=True)._social_signed_off()
        return result

    def _rejected_tier(self, tiers=False):
        mine = self._social_my_open_reviews(tiers)
        result = super()._rejected_tier(tiers)
        self._social_post_decision(mine, "rejected")
        return result

    def _social_signed_off(self):
        """What happens once every review of ``self`` is approved (one record)."""
        return True

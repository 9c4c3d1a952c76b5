from odoo import models
from odoo.exceptions import AccessError


class CommentWizard(models.TransientModel):
    _inherit = "comment.wizard"

    def add_comment(self):
        """The comment of a sign-off of the social service: only on the caller's own
        pending reviews of the record, which they may read; then written as the system."""
        self.ensure_one()
        Review = self.env["tier.review"]
        if not Review._social_reviewed_model(self.res_model):
            return super().add_comment()
        record = self.env[self.res_model].browse(self.res_id).exists()
        if not record:
            raise AccessError(self.env._("This record no longer exists."))
        record.check_access("read")
        # the reviewers read their reviews (tier_review_rule_user): one they may not read
        # is not theirs
        reviews = self.review_ids._filtered_access("read")
        if (
            not reviews
            or reviews != self.review_ids
            or any(
                review.model != self.res_model
                or review.res_id != record.id
                or review.status not in ("waiting", "pending")
                or self.env.user not in review.reviewer_ids
                for review in reviews
            )
            or not record.can_review
        ):
            raise AccessError(record.env._("This record waits for no sign-off of yours."))
        system = self.with_context(**record._social_as_system().env.context)
        return super(CommentWizard, system).add_comment()

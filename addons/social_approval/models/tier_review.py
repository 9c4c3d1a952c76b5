from odoo import api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.social_case.models.social_privacy_mixin import (
    SYSTEM_KEY,
    SocialPrivacyMixin,
    _SystemMark,
)


class TierReview(models.Model):
    """A review of a record of the social service is read as the record is: the record
    rules follow the review's case (``case_id``, set only for our models), and only the
    record's buttons (``validate_tier``, ``reject_tier``, ``request_validation``...)
    create, change or delete it; base_tier_validation lets every internal user do both."""

    _inherit = "tier.review"

    case_id = fields.Many2one(
        "social.case",
        string="Social Case",
        compute="_compute_case_id",
        store=True,
        index="btree_not_null",
        ondelete="cascade",
        help="The case of the reviewed record, when it is a record of the social service.",
    )

    @api.model
    def _social_reviewed_model(self, model):
        """Whether reviews of ``model`` are the social service's."""
        return bool(model) and model in self.env and isinstance(self.env[model], SocialPrivacyMixin)

    @api.depends("model", "res_id")
    def _compute_case_id(self):
        for review in self:
            case = self.env["social.case"]
            if review.res_id and self._social_reviewed_model(review.model):
                record = self.env[review.model].browse(review.res_id).exists()
                case = record.case_id if "case_id" in record._fields else case
            review.case_id = case

    def _social_check_by_buttons(self, models=()):
        """Refuse a change made by hand to a review of the social service (``self``, or a
        new one of ``models``): the decision is the reviewer's, through the record's buttons."""
        if self.env.su:
            return
        mark = self.env.context.get(SYSTEM_KEY)
        if isinstance(mark, _SystemMark) and mark == str(self.env.uid):
            return
        # the reviewed model of each review, as the system: the refusal must not depend
        # on what the user may read
        models = set(models) | set(self.sudo().mapped("model"))
        if any(self._social_reviewed_model(model) for model in models):
            raise AccessError(
                self.env._(
                    "A sign-off of the social service is asked, given or refused with the "
                    "buttons of its record, not by hand."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._social_check_by_buttons({vals.get("model") for vals in vals_list})
        return super().create(vals_list)

    def write(self, vals):
        self._social_check_by_buttons({vals.get("model")})
        return super().write(vals)

    def unlink(self):
        self._social_check_by_buttons()
        return super().unlink()

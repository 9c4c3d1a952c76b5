from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.social_case.models.social_privacy_mixin import social_action


class SocialApprovalRequest(models.AbstractModel):
    """A request about a case that its team's coordinator signs off (``tier.definition``):
    submitted, then approved or refused by its tiers, and kept as it was submitted until it
    is refused. The financial aid and the closure requests are ones."""

    _name = "social.approval.request"
    _description = "Request Signed Off by the Coordinator"
    _inherit = ["social.approval.mixin"]
    _state_field = "state"
    _state_from = ["submitted"]
    _state_to = ["approved"]
    # fields that still change once the request is submitted (its followers, activities)
    _social_unlocked_fields = ("message_follower_ids", "activity_ids")

    @api.depends("case_id.team_id.leader_id")
    def _compute_coordinator_id(self):
        for request in self:
            request.coordinator_id = request.case_id.team_id.leader_id

    def write(self, vals):
        records = self._social_approval_entry()
        if set(vals) - set(self._social_unlocked_fields) and not self.env.su:
            states = dict(self._fields["state"]._description_selection(self.env))
            for request in records:
                if request.state not in ("draft", "refused") and not request._social_marked():
                    raise UserError(
                        self.env._(
                            "%(request)s is %(state)s: it is kept as it was submitted.",
                            request=request.display_name,
                            state=states.get(request.state, request.state),
                        )
                    )
        return super(SocialApprovalRequest, records).write(vals)

    def _social_check_submit(self):
        """Refuse to submit ``self`` (one request) when it cannot be, with the reason."""

    @social_action("write")
    def action_submit(self):
        """Submit the request: its sign-off is asked of the reviewers of its tiers."""
        today = fields.Date.context_today(self)
        for request in self:
            request._social_check_submit()
            request.write({"state": "submitted", "date_submitted": today})
            request.invalidate_recordset(["need_validation"])
            if request.need_validation:
                request.request_validation()
            else:
                request._social_signed_off()
        return True

    @social_action("write")
    def action_draft(self):
        """A refused request, changed and submitted again."""
        self.with_context(skip_validation_check=True).write({"state": "draft"})
        self.review_ids.unlink()
        return True

    def _social_signed_off(self):
        """Every tier approved: the request is approved."""
        self.ensure_one()
        if self.state == "submitted":
            self.with_context(skip_validation_check=True).write({"state": "approved"})
        return True

    def _rejected_tier(self, tiers=False):
        result = super()._rejected_tier(tiers)
        if self.state == "submitted":
            self.with_context(skip_validation_check=True).write({"state": "refused"})
        return result

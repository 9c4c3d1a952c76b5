from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.social_case.models.social_case_plan import SocialCasePlan as CasePlan
from odoo.addons.social_case.models.social_privacy_mixin import social_action

PLAN_STATES = [("draft", "Draft"), ("active", "Active"), ("reviewed", "Reviewed")]
PLAN_TRANSITIONS = {"draft": {"active", "reviewed"}, "active": {"reviewed"}}


class SocialCasePlan(models.Model):
    """A case plan is a draft until the leader of the case's team signs it off; then it
    is active, until a review replaces it by a new version."""

    _name = "social.case.plan"
    _inherit = ["social.case.plan", "social.approval.mixin"]
    _social_system_fields = CasePlan._social_system_fields + ("state", "review_ids")
    _social_transitions = PLAN_TRANSITIONS
    _state_field = "state"
    _state_from = ["draft"]
    _state_to = ["active"]

    state = fields.Selection(
        PLAN_STATES,
        required=True,
        default="draft",
        readonly=True,
        index=True,
        copy=False,
        tracking=True,
        help="A plan is active once the team's coordinator signed it off.",
    )
    coordinator_id = fields.Many2one(
        "res.users",
        string="Team Coordinator",
        compute="_compute_coordinator_id",
        help="The leader of the case's team, who signs off the plan.",
    )

    @api.depends("case_id.team_id.leader_id")
    def _compute_coordinator_id(self):
        for plan in self:
            plan.coordinator_id = plan.case_id.team_id.leader_id

    def write(self, vals):
        return super(SocialCasePlan, self._social_approval_entry()).write(vals)

    def _check_editable(self):
        """A plan waiting for its sign-off is kept as it was asked: its goals and actions
        too (the plan's own fields are base_tier_validation's)."""
        super()._check_editable()
        if self.env.su or self._social_marked():
            return
        waiting = self.filtered(lambda plan: plan.validation_status in ("waiting", "pending"))
        if waiting:
            raise UserError(
                self.env._(
                    "%(plan)s waits for its sign-off: it is kept as it was asked until the "
                    "coordinator signs it off or refuses it.",
                    plan=waiting[0].display_name,
                )
            )

    @social_action("write")
    def action_activate(self):
        """Make the plan active: base_tier_validation refuses while a sign-off is needed
        and not given."""
        for plan in self:
            plan._check_editable()
        self.with_context(social_approval_signing_off=True).write({"state": "active"})
        return True

    @social_action("write")
    def action_review(self):
        for plan in self:
            if plan.validation_status in ("waiting", "pending"):
                raise UserError(
                    self.env._(
                        "%(plan)s waits for its sign-off: the coordinator approves or "
                        "refuses it before it is reviewed.",
                        plan=plan.display_name,
                    )
                )
        # the old version keeps its sign-off as it was: its reviews are its history
        kept = self.with_context(skip_validation_check=True)
        kept.write({"state": "reviewed"})
        return super(SocialCasePlan, kept).action_review()

    def _social_signed_off(self):
        self.ensure_one()
        if self.state == "draft" and self.is_current:
            self.write({"state": "active"})
        return True

from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from ..models.social_case_access_grant import GRANT_HOURS


class SocialCaseBreakGlass(models.TransientModel):
    """Emergency ("break-the-glass") access of a manager to a restricted or minor's case."""

    _name = "social.case.break.glass"
    _description = "Emergency Access to a Restricted Case"

    case_reference = fields.Char()
    reason = fields.Text(
        required=True, help="Why you need this case now; the referent will read it."
    )

    def action_confirm(self):
        self.ensure_one()
        if not self.env.user.has_group("social_case.group_social_manager"):
            raise AccessError(
                self.env._("Only the head of the social service may open a restricted case.")
            )
        if len((self.reason or "").strip()) < 10:
            raise UserError(
                self.env._("Give the reason of the emergency access in a full sentence.")
            )
        # the manager cannot read the case yet: look it up by its exact reference only, and
        # grant the access as the system (below, in the case's environment)
        case = (
            self.env["social.case"]
            .sudo()
            .search(
                [
                    ("name", "=", (self.case_reference or "").strip()),
                    ("company_id", "in", self.env.user.company_ids.ids),
                ],
                limit=1,
            )
        )
        if not case:
            raise UserError(
                self.env._("No case has the reference %(ref)s.", ref=self.case_reference)
            )
        if case.confidentiality == "normal":
            raise UserError(
                self.env._("Case %(ref)s is not restricted: open it directly.", ref=case.name)
            )
        case.env["social.case.access.grant"].create(
            {"case_id": case.id, "user_id": self.env.uid, "reason": self.reason}
        )
        self.env["social.case.access.log"]._log(case, "emergency")
        case.message_post(
            body=case._social_system_env()._(
                "Emergency access opened by %(user)s for %(hours)s hours. Reason: %(reason)s",
                user=self.env.user.name,
                hours=GRANT_HOURS,
                reason=self.reason,
            ),
            author_id=self.env.user.partner_id.id,
            partner_ids=(case.user_id.partner_id | case.coworker_ids.partner_id).ids,
            subtype_xmlid="social_case.mt_case_emergency_access",
        )
        self.env["social.case"].invalidate_model()
        return {
            "type": "ir.actions.act_window",
            "res_model": "social.case",
            "res_id": case.id,
            "view_mode": "form",
            "target": "current",
        }

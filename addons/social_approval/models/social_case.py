from odoo import fields, models

from odoo.addons.social_case.models.social_privacy_mixin import social_action


class SocialCase(models.Model):
    _inherit = "social.case"

    aid_request_ids = fields.One2many(
        "social.aid.request", "case_id", string="Financial Aid Requests"
    )
    aid_request_count = fields.Integer(string="Financial Aid", compute="_compute_aid_request_count")

    def _compute_aid_request_count(self):
        counts = dict(
            self.env["social.aid.request"]._read_group(
                [("case_id", "in", self.ids)], ["case_id"], ["__count"]
            )
        )
        for case in self:
            case.aid_request_count = counts.get(case._origin, 0)

    @social_action("read")
    def action_open_aid_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "social_approval.social_aid_request_action"
        )
        action["domain"] = [("case_id", "=", self.id)]
        action["context"] = {"default_case_id": self.id}
        return action

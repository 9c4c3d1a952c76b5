from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.social_case.models.social_privacy_mixin import social_action


class SocialCase(models.Model):
    _inherit = "social.case"

    aid_request_ids = fields.One2many(
        "social.aid.request", "case_id", string="Financial Aid Requests"
    )
    aid_request_count = fields.Integer(string="Financial Aid", compute="_compute_aid_request_count")
    closure_request_ids = fields.One2many(
        "social.case.closure.request", "case_id", string="Closure Requests"
    )

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

    def _anonymise(self):
        # a plan or a request still waiting for its sign-off loses its free texts all the
        # same: base_tier_validation refuses any other write to it
        return super(SocialCase, self.with_context(skip_validation_check=True))._anonymise()

    def _social_anonymise_linked_records(self):
        # the sign-offs of the cases' plans and requests: a reviewer's comment is about the
        # patient; who decided what, and when, stays (``self`` is the anonymisation's, the
        # system's)
        self.env["tier.review"].search([("case_id", "in", self.ids)]).write({"comment": False})
        return super()._social_anonymise_linked_records()

    # -- a case is closed through its closure request ------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        self._social_check_closing([vals.get("stage_id") for vals in vals_list])
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("stage_id"):
            self._social_check_closing([vals["stage_id"]])
        return super().write(vals)

    def _social_check_closing(self, stage_ids):
        """Refuse to close a case by hand while a tier signs off closures: the referent asks
        for the closure, the coordinator (who may also close a case) signs it off."""
        if self.env.su or self._social_marked():
            return
        stages = self.env["social.case.stage"].browse([s for s in stage_ids if s]).exists()
        if not any(stages.mapped("is_closed")):
            return
        if self.env.user.has_group("social_case.group_social_coordinator"):
            return
        if self.env["tier.definition"].search_count(
            [("model", "=", "social.case.closure.request")], limit=1
        ):
            raise UserError(
                self.env._(
                    "A case is closed through a closure request that the coordinator signs "
                    "off: press Request Closure on the case."
                )
            )

    @social_action("write")
    def action_request_closure(self):
        self.ensure_one()
        request = self.closure_request_ids.filtered(lambda r: r.state in ("draft", "submitted"))
        action = {
            "type": "ir.actions.act_window",
            "res_model": "social.case.closure.request",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }
        if request:
            action["res_id"] = request[:1].id
        else:
            action["context"] = {"default_case_id": self.id}
        return action

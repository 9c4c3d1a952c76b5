from odoo import api, fields, models

from odoo.addons.social_case.models.social_privacy_mixin import social_action


class SocialCase(models.Model):
    _inherit = "social.case"

    portal_access_ids = fields.One2many(
        "social.portal.access", "case_id", string="Patient's Portal"
    )
    portal_access_count = fields.Integer(compute="_compute_portal_access_count")

    @api.depends("portal_access_ids")
    def _compute_portal_access_count(self):
        for case in self:
            case.portal_access_count = len(case.portal_access_ids)

    @social_action("write")
    def action_portal_invite(self):
        """The referent offers the patient's portal to the patient or their representative."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Invite to the Patient's Portal"),
            "res_model": "social.portal.invite",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_case_id": self.id},
        }

    def _rights_sheet_procedures(self):
        procedures = super()._rights_sheet_procedures()
        # the sheet downloaded from the patient's portal names the procedures shared only
        if self.env.context.get("social_portal_shared_only"):
            procedures = procedures.filtered("patient_shared")
        return procedures

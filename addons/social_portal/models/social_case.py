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

    # -- anonymisation --------------------------------------------------------------------
    def _social_case_records(self):
        # the accesses are anonymised after the case (``_anonymise``): until then each names
        # the patient or the representative it was given to
        records = super()._social_case_records()
        return [r for r in records if r._name != "social.portal.access"]

    def _social_identity_kept(self, partners):
        # called by the anonymisation, as the system (``_anonymise``)
        kept = super()._social_identity_kept(partners)
        # a user the portal invitations made does not keep the patient's identity: it goes
        # with the accesses (``social.portal.access._portal_archive_users``)
        made = (
            self.env["social.portal.access"]
            .search([("user_created", "=", True), ("user_id.partner_id", "in", kept.ids)])
            .user_id
        )
        return kept.filtered(lambda p: p.is_company or p.user_ids - made)

    def _social_anonymise_linked_records(self):
        # the invitation e-mails name the person invited: they go with the case
        accesses = self.env["social.portal.access"].search([("case_id", "in", self.ids)])
        return [*super()._social_anonymise_linked_records(), accesses]

    def _anonymise(self):
        # as the superuser, nightly (``_cron_anonymise``): every access of the cases
        accesses = self.portal_access_ids
        # the users go first: Odoo archives no person whose user is active
        accesses._portal_archive_users(forget=True)
        super()._anonymise()
        accesses._portal_anonymise()
        return True

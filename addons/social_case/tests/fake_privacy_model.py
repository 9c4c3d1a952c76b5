from odoo import fields, models

from ..models.social_privacy_mixin import social_action


class SocialPrivacyFakeRecord(models.Model):
    """A model of the privacy layer that declares one of each of its lists, to prove the
    mixin's rules apart from any model of the service (loaded for the tests only)."""

    _name = "social.privacy.fake.record"
    _inherit = ["social.privacy.mixin"]
    _description = "Privacy layer test record"
    _social_care_fields = ("name", "case_id", "state")
    _social_system_fields = ("reference",)
    _social_group_fields = {"priority": "social_case.group_social_coordinator"}
    _social_transitions = {"draft": {"open"}, "open": {"done", "draft"}, "done": set()}

    name = fields.Char()
    note = fields.Text()
    reference = fields.Char(readonly=True)
    priority = fields.Integer()
    amount = fields.Float()
    date = fields.Date()
    state = fields.Selection(
        [("draft", "Draft"), ("open", "Open"), ("done", "Done")], default="draft"
    )
    case_id = fields.Many2one("social.case")
    patient_id = fields.Many2one("res.partner", related="case_id.patient_id", store=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)

    @social_action("write")
    def action_open(self):
        self.write({"state": "open", "reference": "REF/1"})

    @social_action("write")
    def action_reopen_as(self, user):
        """What the button writes for another user is checked as that user's."""
        self.with_user(user).write({"reference": "REF/2"})


class SocialPrivacyFakeUndeclared(models.Model):
    _name = "social.privacy.fake.undeclared"
    _inherit = ["social.privacy.mixin"]
    _description = "Privacy layer test record with an undeclared button"

    name = fields.Char()

    def action_forgotten(self):
        return True

from odoo import models

PLAN_MODELS = ("social.discharge.plan", "social.discharge.request")


class MailMessage(models.Model):
    _inherit = "mail.message"

    def _find_allowed_model_wise(self, doc_model, doc_dict):
        # discharge correspondence is for social workers only, even when a care-team user may
        # read the plan itself
        if doc_model in PLAN_MODELS and not self.env.user.has_group(
            "social_case.group_social_worker"
        ):
            return set()
        return super()._find_allowed_model_wise(doc_model, doc_dict)

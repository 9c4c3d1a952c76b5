from odoo import api, models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    @api.model
    def _social_todo_models(self):
        # an activity done from the activity menu checks its discharge task too
        return [*super()._social_todo_models(), "social.discharge.task"]

from odoo import models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        # the owner ticks the activity of a plan's action: the action is done
        actions = (
            self.env["social.case.plan.action"]
            .sudo()
            .search([("activity_id", "in", self.ids), ("state", "=", "todo")])
        )
        if actions:
            actions.write({"activity_id": False})
        result = super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        if actions:
            actions.sudo(False).with_env(self.env).action_done()
        return result

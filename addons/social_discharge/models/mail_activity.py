from odoo import models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        # an activity done from the activity menu checks its discharge task too, as the
        # system: the assignee may not write the task
        tasks = (
            self.env["social.discharge.task"]
            .sudo()
            .search([("activity_id", "in", self.ids), ("state", "=", "todo")])
        )
        if tasks:
            tasks.write({"activity_id": False})
            tasks.write({"state": "done", "date_done": self.env.cr.now().date()})
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)

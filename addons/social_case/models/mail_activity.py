from odoo import api, fields, models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    social_absence_id = fields.Many2one(
        "social.absence",
        string="Routed for the Absence",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        copy=False,
        help="The absence of a social worker for which the activity was given to the "
        "colleague who covers it; it goes back to the worker if it is left undone.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        activities = super().create(vals_list)
        # an activity falling due during a referent's absence goes to the colleague covering
        on_cases = activities.filtered(lambda a: a.res_model == "social.case" and a.user_id)
        if on_cases:
            self.env["social.absence"]._route_new_activities(on_cases)
        return activities

    @api.model
    def _social_todo_models(self):
        """The models of the to-dos an activity stands for (``activity_id``, ``state``
        'todo'): ticking the activity ticks its to-do (``_social_activity_done``)."""
        return ["social.case.plan.action"]

    def _action_done(self, feedback=False, attachment_ids=None):
        # the to-dos of the activities, found and unlinked by the system: who ticks the
        # activity may not write the link (a field the system alone sets) nor the to-do
        system = self.sudo().env
        todos = [
            system[name].search([("activity_id", "in", self.ids), ("state", "=", "todo")])
            for name in self._social_todo_models()
        ]
        for records in todos:
            records.write({"activity_id": False})
        result = super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        for records in todos:
            if records:
                records._social_activity_done(self.env)
        return result

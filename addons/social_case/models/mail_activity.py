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

    def _action_done(self, feedback=False, attachment_ids=None):
        # the owner ticks a plan action's activity: the system unlinks it from the action (a
        # field the system alone sets), then the owner marks the action done
        actions = (
            self.env["social.case.plan.action"]
            .sudo()
            .search([("activity_id", "in", self.ids), ("state", "=", "todo")])
        )
        if actions:
            actions.write({"activity_id": False})
        result = super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        if actions:
            actions.with_env(self.env).action_done()
        return result

from odoo import api, models
from odoo.exceptions import AccessError
from odoo.osv import expression

from .social_privacy_mixin import privacy_models


def _models_of(domain):
    """The models a domain of only AND'ed conditions (a form's meeting count) restricts
    ``res_model`` to, or None: the other models' readable records need not be searched."""
    if not domain or not all(isinstance(leaf, list | tuple) and len(leaf) == 3 for leaf in domain):
        return None
    models = None
    for field, operator, value in domain:
        if field == "res_model" and operator == "=" and isinstance(value, str):
            models = {value} if models is None else models & {value}
    return models


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

    @api.model
    def _social_visible_domain(self, models=None):
        """A meeting linked to a record on the privacy layer is seen by its attendees and by
        who may read the record, nobody else; ``models``: the only ones a search is about."""
        guarded = privacy_models(self.env)
        domains = [
            [("res_model", "not in", guarded)],
            [("res_model", "=", False)],
            [("partner_ids", "in", self.env.user.partner_id.ids)],
        ]
        for model in guarded if models is None else [m for m in guarded if m in models]:
            Model = self.env[model].with_context(active_test=False)
            if Model.has_access("read"):
                domains.append([("res_model", "=", model), ("res_id", "in", Model._search([]))])
        return expression.OR(domains)

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if not self.env.su:
            domain = expression.AND([domain, self._social_visible_domain(_models_of(domain))])
        return super()._search(domain, offset, limit, order)

    def _social_check_linked_records(self):
        """Only who may read a record links a meeting to it."""
        if self.env.su:
            return
        guarded = set(privacy_models(self.env))
        for event in self.sudo():  # the record of every meeting, whether readable or not
            if event.res_model in guarded and event.res_id:
                record = self.env[event.res_model].browse(event.res_id)
                if not record.exists() or not record.has_access("read"):
                    raise AccessError(
                        self.env._("You can only plan meetings on files you may read.")
                    )

    @api.model_create_multi
    def create(self, vals_list):
        events = super().create(vals_list)
        events._social_check_linked_records()
        return events

    def write(self, vals):
        result = super().write(vals)
        if {"res_model", "res_model_id", "res_id"} & set(vals):
            self._social_check_linked_records()
        return result

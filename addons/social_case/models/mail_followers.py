from odoo import api, models
from odoo.osv import expression

from .social_privacy_mixin import privacy_models


class MailFollowers(models.Model):
    _inherit = "mail.followers"

    @api.model
    def _social_visible_domain(self):
        """Followers of a record on the privacy layer are visible only to who may read the
        record: otherwise they tell that a case exists and, grouped, every caseload."""
        guarded = privacy_models(self.env, threads_only=True)
        domains = [[("res_model", "not in", guarded)]]
        for model in guarded:
            Model = self.env[model].with_context(active_test=False)
            followers_field = Model._fields["message_follower_ids"]
            if Model.has_access("read") and followers_field.is_accessible(self.env):
                domains.append([("res_model", "=", model), ("res_id", "in", Model._search([]))])
        return expression.OR(domains)

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if not self.env.su:
            domain = expression.AND([domain, self._social_visible_domain()])
        return super()._search(domain, offset, limit, order)

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if result or self.env.su or not self._ids:
            return result
        # the followers of a record the user may not read are as hidden as from a search: the
        # domain holds the user's own searches, applied to every follower given
        domain = expression.AND([[("id", "in", self._ids)], self._social_visible_domain()])
        forbidden = self - self.sudo().search(domain)
        if not forbidden:
            return None
        return forbidden, lambda: self.env["ir.model.access"]._make_access_error(
            self._name, operation
        )

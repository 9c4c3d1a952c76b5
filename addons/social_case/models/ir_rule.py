from odoo import api, models, tools
from odoo.osv import expression
from odoo.tools import Query
from odoo.tools.query import _SQL_JOINS


class IrRule(models.Model):
    _inherit = "ir.rule"

    @api.model
    def _social_apply(self, model, query, mode="read"):
        """Add the record rules of ``model`` to ``query`` as ``_apply_ir_rules`` does, with
        their SQL parsed once (``_social_rules_sql``); False when Odoo must add them."""
        rules_sql = self._social_rules_sql(
            model._name,
            mode,
            self.env["social.absence"]._today(),
            self.env.context.get("active_test", True),
        )
        if rules_sql is None:
            return False
        if rules_sql:
            joins, condition = rules_sql
            for alias, table, on in joins:
                query.add_join("LEFT JOIN", alias, table, on)
            query.add_where(condition)
        return True

    @api.model
    @tools.ormcache(
        "self.env.uid",
        "self.env.su",
        "model_name",
        "mode",
        "today",
        "active_test",
        "tuple(self._compute_domain_context_values())",
    )
    def _social_rules_sql(self, model_name, mode, today, active_test):
        """The record rules of ``model_name`` for the current user as SQL: (left joins,
        condition), False without rules, None when they must be parsed at each request.

        A case form applies the rules of the case and of its records a few dozen times, and
        parsing their domains costs more than running them. Their SQL depends only on what
        ``_compute_domain`` depends on, kept in the same cache (renewed when a rule, a group
        or a user's groups change), on today (the absences' cover) and on ``active_test``:
        the rules' searches return subqueries and read no record, and an emergency access
        ends at its expiry as PostgreSQL compares it (``social.case.access.grant``). A
        hierarchy (child_of, parent_of) is read while parsing: parsed at each request."""
        domain = self._compute_domain(model_name, mode)
        if not domain:
            return False
        if "child_of" in repr(domain) or "parent_of" in repr(domain):
            return None
        model = self.env[model_name].sudo().with_context(active_test=active_test)
        query = Query(model.env, model._table, model._table_sql)
        expression.expression(domain, model, model._table, query)
        joins = []
        for alias, (kind, table, on) in query._joins.items():
            if kind != _SQL_JOINS["LEFT JOIN"]:
                return None
            joins.append((alias, table, on))
        return tuple(joins), query.where_clause

from odoo import api, fields, models, tools
from odoo.osv import expression
from odoo.tools import Query
from odoo.tools.query import _SQL_JOINS


class IrRule(models.Model):
    _inherit = "ir.rule"

    @api.model
    def _social_apply(self, model, query, mode="read"):
        """Add the record rules of ``model`` to ``query`` as ``_apply_ir_rules`` does, with
        their SQL parsed once (``_social_rules_sql``); False when Odoo must add them."""
        # the day of the user's time zone changes on a quarter of an hour of UTC's
        now = fields.Datetime.now()
        quarter = now.replace(minute=now.minute - now.minute % 15, second=0, microsecond=0)
        rules_sql = self._social_rules_sql(
            model._name, mode, quarter, self.env.context.get("active_test", True)
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
    def _social_forbidden(self, records, operation):
        """The records of ``records`` (stored ones) that the record rules keep from
        ``operation``, as PostgreSQL evaluates the rules in one query with their kept SQL:
        Odoo evaluates them in Python record by record, computing every field of their paths
        (whom a user follows among them, which a case may have just changed)."""
        query = records._where_calc([("id", "in", records._ids)], active_test=False)
        records._apply_ir_rules(query, operation)
        allowed = set(query.get_result_ids())
        return records.filtered(lambda record: record.id not in allowed)

    @api.model
    @tools.ormcache(
        "self.env.uid",
        "self.env.su",
        "model_name",
        "mode",
        "quarter",
        "active_test",
        "tuple(self._compute_domain_context_values())",
    )
    def _social_rules_sql(self, model_name, mode, quarter, active_test):
        """The record rules of ``model_name`` for the current user as SQL: (left joins,
        condition), False without rules, None when they must be parsed at each request.

        A case form applies the rules of the case and of its records a few dozen times, and
        parsing their domains costs more than running them. Their SQL depends only on what
        ``_compute_domain`` depends on, kept in the same cache (renewed when a rule, a group
        or a user's groups change), on today (the absences' cover, in the user's time zone:
        kept for a quarter of an hour at most) and on ``active_test``:
        the rules' searches return subqueries and read no record, and an emergency access
        ends at its expiry as PostgreSQL compares it (``social.case.access.grant``). A
        hierarchy (child_of, parent_of) is read while parsing: parsed at each request,
        but for the sites' (Odoo refuses to change it, and a new site renews the cache)."""
        domain = self._compute_domain(model_name, mode)
        if not domain:
            return False
        # parsed as the system, as Odoo's _apply_ir_rules parses them: the rules' own
        # searches take the user's environment back where they need it
        model = self.env[model_name].sudo().with_context(active_test=active_test)
        if self._social_reads_hierarchy(model, domain):
            return None
        query = Query(model.env, model._table, model._table_sql)
        expression.expression(domain, model, model._table, query)
        joins = []
        for alias, (kind, table, on) in query._joins.items():
            if kind != _SQL_JOINS["LEFT JOIN"]:
                return None
            joins.append((alias, table, on))
        return tuple(joins), query.where_clause

    @api.model
    def _social_reads_hierarchy(self, model, domain):
        """Whether parsing ``domain`` on ``model`` reads a hierarchy other than the sites'."""
        for leaf in domain:
            if not isinstance(leaf, (list, tuple)) or len(leaf) != 3:
                continue
            path, operator, value = leaf
            comodel = model
            for name in str(path).split("."):
                field = comodel._fields.get(name)
                if field is None:
                    return True  # not a field: left to Odoo
                if field.relational:
                    comodel = model.env[field.comodel_name]
            if operator in ("child_of", "parent_of") and comodel._name != "res.company":
                return True
            if operator in ("any", "not any") and self._social_reads_hierarchy(comodel, value):
                return True
        return False

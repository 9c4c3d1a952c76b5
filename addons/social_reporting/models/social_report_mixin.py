from odoo import api, models, tools

FAST_ORDER = "social_report_group_order"


class SocialReportMixin(models.AbstractModel):
    """What every analysis of the social service shares: its groups are ordered in Python.

    The web client's pivot and graph call ``read_group`` without an order, which Odoo then
    orders by the groupings, following each many2one to its model's order (a worker's name,
    a stage's sequence): PostgreSQL must join the user and the partner, or the stage, to
    every row *before* it aggregates them, a join over a million interventions. Here the
    database groups on the stored columns alone, and the few resulting groups are put in
    the same order afterwards, from one small search per many2one."""

    _name = "social.report.mixin"
    _description = "Social Service Analysis"
    # a malformed request gets a translated error, as on every case model (clean_errors)
    _social_clean_errors = True

    def init(self):
        # An analysis is a query of its own (``_table_query``), read inside each request, as
        # Odoo's own analyses: a view left in the database by an earlier version would stop
        # any later change of the columns it reads. (The file active is a materialised view:
        # it has its own ``init``.)
        if not self._abstract and self._table_query is not None:
            tools.drop_view_if_exists(self.env.cr, self._table)

    @api.model
    @api.readonly
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):
        if orderby or offset or limit:
            return super().read_group(domain, fields, groupby, offset, limit, orderby, lazy)
        groups = super(SocialReportMixin, self.with_context(**{FAST_ORDER: True})).read_group(
            domain, fields, groupby, offset, limit, orderby, lazy
        )
        specs = [groupby] if isinstance(groupby, str) else list(groupby)
        return sorted(groups, key=self._social_group_key(groups, specs[:1] if lazy else specs))

    def _read_group_orderby(self, order, groupby_terms, query):
        if self.env.context.get(FAST_ORDER) and order == ",".join(groupby_terms):
            order = ""  # the stored values of the groupings, without following many2ones
        return super()._read_group_orderby(order, groupby_terms, query)

    def _social_group_key(self, groups, specs):
        ranks = {}
        for spec in specs:
            field = self._fields.get(spec.split(":")[0])
            if field and field.type == "many2one":
                ids = list({group[spec][0] for group in groups if group.get(spec)})
                comodel = self.env[field.comodel_name].with_context(active_test=False)
                ranks[spec] = {
                    id_: rank for rank, id_ in enumerate(comodel.search([("id", "in", ids)]).ids)
                }

        def key(group):
            parts = []
            for spec in specs:
                value = group.get(spec)
                missing = value in (False, None)
                if spec in ranks:
                    parts.append((missing, ranks[spec].get(value and value[0], len(ranks[spec]))))
                elif ":" in spec:
                    start = ((group.get("__range") or {}).get(spec) or {}).get("from") or ""
                    parts.append((missing, start))
                else:
                    parts.append((missing, str(value)))
            return parts

        return key

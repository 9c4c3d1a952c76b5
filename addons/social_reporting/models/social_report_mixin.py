import re
from datetime import date, datetime

from odoo import api, models
from odoo.exceptions import UserError
from odoo.models import READ_GROUP_AGGREGATE, READ_GROUP_TIME_GRANULARITY
from odoo.osv.expression import FALSE_LEAF, TRUE_LEAF

FAST_ORDER = "social_report_group_order"
INT_MAX = 2**31 - 1
DOMAIN_OPERATORS = ("&", "|", "!")
# "field", "field:granularity" (groupings), "field:aggregate" or "alias:aggregate(field)"
SPEC = re.compile(r"(\w+)(?::(\w+)(?:\((\w+)\))?)?")
ORDER_TERM = re.compile(
    r"\s*(\w+(?::\w+)?)(?:\s+(?:asc|desc))?(?:\s+nulls\s+(?:first|last))?\s*", re.I
)


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

    # -- what a request may ask (an analysis answers or refuses clearly, never fails) -----
    def _social_bad_request(self, what):
        return UserError(
            self.env._(
                "The analysis %(analysis)s cannot answer this request: %(what)s is not valid.",
                analysis=self._description,
                what=str(what)[:80],
            )
        )

    def _social_check_field_name(self, name, what=None):
        if not isinstance(name, str) or (name not in self._fields and name != "__count"):
            raise self._social_bad_request(what if what is not None else name)
        return self._fields.get(name)

    def _social_check_window(self, *numbers):
        for number in numbers:
            if number in (None, False):
                continue
            if isinstance(number, bool) or not isinstance(number, int):
                raise self._social_bad_request(number)
            if not 0 <= number <= INT_MAX:
                raise self._social_bad_request(number)

    def _social_check_order(self, order, allowed=None):
        if order in (None, False, ""):
            return
        if not isinstance(order, str):
            raise self._social_bad_request(order)
        for term in order.split(","):
            match = ORDER_TERM.fullmatch(term)
            if not match:
                raise self._social_bad_request(term)
            name = match.group(1)
            if allowed is not None and name not in allowed and name.split(":")[0] not in allowed:
                raise self._social_bad_request(term)
            self._social_check_field_name(name.split(":")[0], term)

    def _social_check_domain(self, domain):
        if domain in (None, False):
            return
        if not isinstance(domain, (list, tuple)):
            raise self._social_bad_request(domain)
        for leaf in domain:
            if leaf in DOMAIN_OPERATORS or leaf in (True, False):
                continue
            if isinstance(leaf, (list, tuple)) and tuple(leaf) in (TRUE_LEAF, FALSE_LEAF):
                continue
            if not isinstance(leaf, (list, tuple)) or len(leaf) != 3:
                raise self._social_bad_request(leaf)
            path, _operator, value = leaf
            if not isinstance(path, str):
                raise self._social_bad_request(leaf)
            field = self._social_check_field_name(path.split(".")[0], leaf)
            if field is not None and field.type in ("date", "datetime"):
                values = value if isinstance(value, (list, tuple)) else [value]
                for item in values:
                    self._social_check_date_value(field, item, leaf)

    def _social_check_date_value(self, field, value, leaf):
        if value in (False, None) or isinstance(value, (date, datetime)):
            return
        try:
            if not isinstance(value, str):
                raise ValueError(value)
            field.to_datetime(value) if field.type == "datetime" else field.to_date(value)
        except (ValueError, TypeError, OverflowError) as error:
            raise self._social_bad_request(leaf) from error

    def _social_check_groupby(self, groupby):
        specs = [groupby] if isinstance(groupby, str) else groupby
        if not isinstance(specs, (list, tuple)):
            raise self._social_bad_request(groupby)
        for spec in specs:
            match = SPEC.fullmatch(spec) if isinstance(spec, str) else None
            if not match or match.group(3):
                raise self._social_bad_request(spec)
            field = self._fields.get(match.group(1))
            if field is None or not field.store or not field.column_type:
                raise self._social_bad_request(spec)
            granularity = match.group(2)
            if granularity and (
                field.type not in ("date", "datetime")
                or granularity not in READ_GROUP_TIME_GRANULARITY
            ):
                raise self._social_bad_request(spec)

    def _social_check_aggregates(self, fields):
        if not isinstance(fields, (list, tuple)):
            raise self._social_bad_request(fields)
        for spec in fields:
            match = SPEC.fullmatch(spec) if isinstance(spec, str) else None
            if not match:
                raise self._social_bad_request(spec)
            name, aggregate, source = match.groups()
            if name == "__count" and not aggregate:
                continue
            if (source or name) not in self._fields:
                raise self._social_bad_request(spec)
            if aggregate and aggregate not in READ_GROUP_AGGREGATE:
                raise self._social_bad_request(spec)

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        self._social_check_domain(domain)
        self._social_check_window(offset, limit)
        self._social_check_order(order)
        return super()._search(domain, offset=offset, limit=limit, order=order)

    def _determine_fields_to_fetch(self, field_names, ignore_when_in_cache=False):
        for name in field_names or ():
            if not isinstance(name, str) or name not in self._fields:
                raise self._social_bad_request(name)
        return super()._determine_fields_to_fetch(field_names, ignore_when_in_cache)

    def read(self, fields=None, load="_classic_read"):
        if any(isinstance(i, bool) or not isinstance(i, int) for i in self._ids):
            raise self._social_bad_request(self._ids)
        return super().read(fields, load)

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):
        self._social_check_domain(domain)
        self._social_check_groupby(groupby)
        self._social_check_aggregates(fields)
        self._social_check_window(offset, limit)
        self._social_check_order(orderby)
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

"""What a read, search or grouping request may say: the one place where it is checked.

Any public method of a model is callable over RPC, with any arguments. What the ORM or
PostgreSQL would fail on (an unknown field, an order that is not one, a negative limit, a
date that is not a date, a grouping by a text, a specification that is not a dict...) is
refused here first, with one translated ``UserError`` that repeats what was sent and
nothing else, instead of a server traceback. What the web client sends stays valid:
domains with ``&``, ``|``, ``!``, ``(1, '=', 1)`` leaves, dotted paths, ``any`` sub-domains,
every Odoo operator; orders such as ``date desc, id`` or ``priority desc nulls last``;
groupings ``date:month``; aggregates ``duration:sum``, ``__count``, ``count_distinct``;
specifications with nested ``fields``, ``limit``, ``order`` and ``context``.

The privacy layer (``social.privacy.mixin``) applies these checks to every model that holds
case data, and the analyses of ``social_reporting`` to theirs. Each function takes the model
the request is sent to and raises ``bad_request(model, what)``.

Example::

    check_domain(self, domain)          # in _search
    check_order(self, order)
    check_window(self, offset, limit)
"""

import math
from collections.abc import Iterable
from datetime import date, datetime

from odoo.exceptions import UserError
from odoo.models import (
    READ_GROUP_AGGREGATE,
    READ_GROUP_ALL_TIME_GRANULARITY,
    READ_GROUP_NUMBER_GRANULARITY,
    BaseModel,
    NewId,
    regex_field_agg,
    regex_order,
    regex_read_group_spec,
)
from odoo.osv.expression import FALSE_LEAF, TERM_OPERATORS, TRUE_LEAF
from odoo.tools import SQL, Query

INT_MAX = 2**31 - 1
# LIMIT and OFFSET are bigints (the web client sends Number.MAX_SAFE_INTEGER as "no limit")
BIGINT_MAX = 2**63 - 1
DOMAIN_OPERATORS = ("&", "|", "!")
LEAF_OPERATORS = TERM_OPERATORS + ("<>", "==")
LIKE_OPERATORS = ("like", "not like", "ilike", "not ilike", "=like", "=ilike")
LIST_OPERATORS = ("in", "not in")
HIERARCHY_OPERATORS = ("child_of", "parent_of")
ANY_OPERATORS = ("any", "not any")
NAME_SEARCH_OPERATORS = ("=", "!=") + LIKE_OPERATORS
NUMERIC = ("integer", "float", "monetary")
TEXTUAL = ("char", "text", "html", "selection")
RELATIONAL = ("many2one", "one2many", "many2many")
# aggregates PostgreSQL computes on any column, and those that need numbers or booleans
ANY_TYPE_AGGREGATES = ("count", "count_distinct", "array_agg")
NUMERIC_AGGREGATES = ("sum", "avg")
BOOLEAN_AGGREGATES = ("bool_and", "bool_or")
SPECIFICATION_KEYS = {"fields", "limit", "order", "context"}
# values that our own code and Odoo's put in domains and that no client can send
INTERNAL_VALUES = (Query, SQL, BaseModel, NewId)


def bad_request(model, what):
    """The one refusal of a malformed request, naming only what the caller sent."""
    return UserError(
        model.env._(
            "%(model)s cannot answer this request: %(what)s is not valid.",
            model=model._description,
            what=str(what)[:80],
        )
    )


# -- records and fields -----------------------------------------------------------------
def check_ids(model, ids):
    for id_ in ids:
        if isinstance(id_, NewId):
            continue
        if isinstance(id_, bool) or not isinstance(id_, int) or not 0 < id_ <= INT_MAX:
            raise bad_request(model, id_)


def is_names(names):
    """Whether ``names`` is a collection of names (a list, a dict's keys), not one name."""
    return isinstance(names, Iterable) and not isinstance(names, (str, bytes, dict))


def check_field_names(model, names):
    """``names`` are fields of ``model`` (None or empty: all of them)."""
    if names in (None, False):
        return
    if not is_names(names):
        raise bad_request(model, names)
    for name in names:
        if not isinstance(name, str) or name not in model._fields:
            raise bad_request(model, name)


def check_names(model, names):
    """``names`` is a list of texts (``default_get``'s field names)."""
    if not is_names(names) or not all(isinstance(name, str) for name in names):
        raise bad_request(model, names)


def check_names_or_none(model, names):
    """``names`` is None or a list of texts (``fields_get``'s arguments)."""
    if names in (None, False):
        return
    if not is_names(names) or not all(isinstance(name, str) for name in names):
        raise bad_request(model, names)


# -- limits and orders -----------------------------------------------------------------
def check_window(model, *numbers):
    """Offsets, limits and counts: None, or an integer PostgreSQL takes."""
    for number in numbers:
        if number in (None, False):
            continue
        if isinstance(number, bool) or not isinstance(number, int) or not 0 <= number <= BIGINT_MAX:
            raise bad_request(model, number)


def order_terms(model, order):
    """The terms of ``order`` as (term, field name, func), refused when not an order."""
    if not isinstance(order, str) or not regex_order.match(order):
        raise bad_request(model, order)
    terms = []
    for part in order.split(","):
        match = regex_order.match(part)
        name = match["field"].strip('"')
        terms.append((part.strip(), name, match["property"], match["func"]))
    return terms


def check_order(model, order):
    """An order of ``search``: sortable fields of ``model``, asc/desc, nulls first/last."""
    if order in (None, False, ""):
        return
    for term, name, prop, func in order_terms(model, order):
        field = model._fields.get(name)
        if field is None or func:
            raise bad_request(model, term)
        if prop and not (field.type == "properties" or (field.type == "many2one" and prop == "id")):
            raise bad_request(model, term)
        if not prop and not field._description_sortable(model.env):
            raise bad_request(model, term)


# -- domains ---------------------------------------------------------------------------
def check_domain(model, domain):
    """A domain of ``model``: its structure, its paths, its operators and the type of its
    values, where PostgreSQL would refuse them (a text compared to a number or a date)."""
    if domain in (None, False):
        return
    if not isinstance(domain, (list, tuple)):
        raise bad_request(model, domain)
    expected = 1
    for leaf in domain:
        if expected == 0:
            expected = 1  # an implicit '&'
        if isinstance(leaf, str) and leaf in DOMAIN_OPERATORS:
            expected += 0 if leaf == "!" else 1
            continue
        expected -= 1
        check_leaf(model, leaf)
    if expected and domain:
        raise bad_request(model, domain)


def check_leaf(model, leaf):
    if not isinstance(leaf, (list, tuple)) or len(leaf) != 3:
        raise bad_request(model, leaf)
    if tuple(leaf) in (TRUE_LEAF, FALSE_LEAF):
        return
    path, operator, value = leaf
    if not isinstance(path, str) or not path or not isinstance(operator, str):
        raise bad_request(model, leaf)
    operator = operator.lower()
    if operator not in LEAF_OPERATORS:
        raise bad_request(model, leaf)
    names = path.split(".")
    current = model
    for index, name in enumerate(names):
        field = current._fields.get(name)
        if field is None:
            raise bad_request(model, leaf)
        if not field.store and not field.search and not field.related:
            raise bad_request(model, leaf)  # a computed field nobody can search on
        rest = names[index + 1 :]
        if not rest:
            check_leaf_value(model, current, field, operator, value, leaf)
            return
        if field.type == "properties":
            return
        if field.type in ("date", "datetime"):
            if rest[0] not in READ_GROUP_NUMBER_GRANULARITY or len(rest) > 1:
                raise bad_request(model, leaf)
            if operator in ANY_OPERATORS + HIERARCHY_OPERATORS + LIKE_OPERATORS:
                raise bad_request(model, leaf)
            for item in value if isinstance(value, (list, tuple)) else [value]:
                if isinstance(item, bool) or not isinstance(item, int):
                    raise bad_request(model, leaf)
            return
        if field.type not in RELATIONAL:
            raise bad_request(model, leaf)
        current = model.env[field.comodel_name]


def check_leaf_value(model, current, field, operator, value, leaf):
    if isinstance(value, INTERNAL_VALUES):
        return
    if operator in ANY_OPERATORS:
        if field.type not in RELATIONAL:
            raise bad_request(model, leaf)
        check_domain(model.env[field.comodel_name], value)
        if value in (None, False):
            raise bad_request(model, leaf)
        return
    if operator in HIERARCHY_OPERATORS:
        hierarchy = model.env[field.comodel_name] if field.type in RELATIONAL else current
        if field.type not in RELATIONAL and field.name != "id":
            raise bad_request(model, leaf)
        if hierarchy._parent_name not in hierarchy._fields:
            raise bad_request(model, leaf)  # no tree to go up or down
        values = value if isinstance(value, (list, tuple)) else [value]
        if not all(value_is_id_or_name(item) for item in values):
            raise bad_request(model, leaf)
        return
    if operator == "=?" and not value:
        return
    if isinstance(value, dict):
        raise bad_request(model, leaf)
    values = list(value) if is_names(value) else [value]
    like = operator in LIKE_OPERATORS
    for item in values:
        if isinstance(item, INTERNAL_VALUES) or item is None or item is False:
            continue
        if not value_fits(field, item, like):
            raise bad_request(model, leaf)


def value_is_id_or_name(value):
    if value is False or value is None or isinstance(value, INTERNAL_VALUES + (str,)):
        return True
    return isinstance(value, int) and not isinstance(value, bool)


def value_fits(field, value, like):
    """Whether PostgreSQL can compare ``field`` with ``value`` (not False nor None)."""
    if isinstance(value, (list, tuple, dict, set)):
        return False
    kind = field.type
    if isinstance(value, str) and "\x00" in value:
        return False  # PostgreSQL takes no NUL character
    if isinstance(value, float) and not math.isfinite(value):
        return False
    if like:
        return isinstance(value, str) or (isinstance(value, (int, float)) and kind in NUMERIC)
    if kind in NUMERIC:
        if isinstance(value, bool):
            return False
        if isinstance(value, int):
            return True
        return isinstance(value, float) and kind != "integer"
    if kind in ("many2one", "one2many", "many2many"):
        return value_is_id_or_name(value) and value is not True
    if kind in ("date", "datetime"):
        return date_fits(field, value)
    if kind == "boolean":
        return isinstance(value, (bool, int))
    if kind in TEXTUAL:
        return isinstance(value, str)
    return True  # binary, json, reference...: compared as Odoo does


def date_fits(field, value):
    if isinstance(value, (date, datetime)):
        return True
    if not isinstance(value, str):
        return False
    try:
        parsed = field.to_datetime(value) if field.type == "datetime" else field.to_date(value)
    except (ValueError, TypeError, OverflowError):
        return False
    return bool(parsed)


# -- groupings -------------------------------------------------------------------------
def check_groupby(model, groupby):
    """Groupings: stored fields (a many2many too), ``date:month`` on dates only."""
    specs = [groupby] if isinstance(groupby, str) else groupby
    if not isinstance(specs, (list, tuple)):
        raise bad_request(model, groupby)
    for spec in specs:
        match = regex_read_group_spec.fullmatch(spec) if isinstance(spec, str) else None
        if not match:
            raise bad_request(model, spec)
        name, _dot, prop, granularity = match.groups()
        field = model._fields.get(name)
        if field is None:
            raise bad_request(model, spec)
        if field.type == "properties":
            continue
        if prop or not field._description_groupable(model.env):
            raise bad_request(model, spec)
        if granularity and (
            field.type not in ("date", "datetime")
            or granularity not in READ_GROUP_ALL_TIME_GRANULARITY
        ):
            raise bad_request(model, spec)
    return specs


def aggregate_fits(field, func):
    while field.related and not field.store and field.related_field:
        field = field.related_field  # Odoo aggregates the column the related field copies
    if func == "recordset" or not field.store or not field.column_type:
        return False  # a recordset is no answer over RPC; an x2many has no column
    if func in ANY_TYPE_AGGREGATES:
        return True
    if func in NUMERIC_AGGREGATES:
        return field.type in NUMERIC
    if func in BOOLEAN_AGGREGATES:
        return field.type == "boolean"
    # min and max: any ordered column but booleans and translated (jsonb) texts
    if field.type in ("boolean", "binary", "json", "properties"):
        return False
    return not getattr(field, "translate", False)


def check_aggregates(model, fields):
    """The ``fields`` of ``read_group``: ``__count``, ``name``, ``name:agg``,
    ``alias:agg(name)``. Returns the names of the aggregates in the result."""
    if not isinstance(fields, (list, tuple)):
        raise bad_request(model, fields)
    names = set()
    for spec in fields:
        match = regex_field_agg.fullmatch(spec) if isinstance(spec, str) else None
        if not match:
            raise bad_request(model, spec)
        name, func, source = match.groups()
        if spec == "__count":
            continue
        field = model._fields.get(source or name)
        if field is None:
            raise bad_request(model, spec)
        if func and (func not in READ_GROUP_AGGREGATE or not aggregate_fits(field, func)):
            raise bad_request(model, spec)
        if source and not func:
            raise bad_request(model, spec)
        base = field.base_field
        if func or (base.store and base.column_type and field.aggregator):
            names.add(name)
    return names


def check_group_order(model, orderby, groupby, aggregated, lazy=True):
    """An order of ``read_group``: its groupings, its aggregates or ``__count``."""
    if orderby in (None, False, ""):
        return
    specs = list(groupby[:1] if lazy else groupby)
    allowed = {"__count"} | set(aggregated)
    allowed |= {spec.split(":")[0] for spec in specs}
    allowed |= {f"{spec.split(':')[0]}_count" for spec in specs}
    grouped = {spec.split(":")[0] for spec in specs}
    for term, name, prop, func in order_terms(model, orderby):
        if prop:
            raise bad_request(model, term)
        if func:
            field = model._fields.get(name)
            if name in grouped and func in READ_GROUP_ALL_TIME_GRANULARITY:
                continue
            if field is None or func not in READ_GROUP_AGGREGATE or not aggregate_fits(field, func):
                raise bad_request(model, term)
        elif name not in allowed:
            raise bad_request(model, term)


# -- the web client's specifications ---------------------------------------------------
def check_specification(model, specification):
    """A ``web_read``/``web_search_read`` specification: {field: {"fields": {...},
    "limit": n, "order": "...", "context": {...}}}, nested along relations."""
    if not isinstance(specification, dict):
        raise bad_request(model, specification)
    for name, spec in specification.items():
        field = model._fields.get(name) if isinstance(name, str) else None
        if field is None:
            raise bad_request(model, name)
        if spec in (None, False):
            continue  # Odoo reads the field's value alone
        if not isinstance(spec, dict) or set(spec) - SPECIFICATION_KEYS:
            raise bad_request(model, spec)
        comodel = model.env[field.comodel_name] if field.type in RELATIONAL else None
        if "context" in spec and not (
            isinstance(spec["context"], dict) and all(isinstance(k, str) for k in spec["context"])
        ):
            raise bad_request(model, spec["context"])
        if spec.get("limit") is not None:
            check_window(model, spec["limit"])
        if spec.get("order"):
            if comodel is None:
                raise bad_request(model, spec["order"])
            check_order(comodel, spec["order"])
        if "fields" in spec:
            if comodel is not None:
                check_specification(comodel, spec["fields"])
            elif field.type in ("reference", "many2one_reference"):
                if not isinstance(spec["fields"], dict):
                    raise bad_request(model, spec["fields"])
            else:
                raise bad_request(model, spec)


def check_read_group(model, domain, fields, groupby, offset, limit, orderby, lazy=True):
    """Every argument of ``read_group``."""
    check_domain(model, domain)
    specs = check_groupby(model, groupby)
    aggregated = check_aggregates(model, fields)
    check_window(model, offset, limit)
    check_group_order(model, orderby, specs, aggregated, lazy)


def check_progress_bar(model, group_by, progress_bar):
    """``read_progress_bar``: a grouping and {"field": name, "colors": {value: color}}."""
    if not isinstance(group_by, str) or not isinstance(progress_bar, dict):
        raise bad_request(model, progress_bar)
    if not isinstance(progress_bar.get("field"), str):
        raise bad_request(model, progress_bar)
    if not isinstance(progress_bar.get("colors"), dict):
        raise bad_request(model, progress_bar)
    check_groupby(model, [group_by, progress_bar["field"]])


def check_name_search(model, name, operator, limit):
    if not isinstance(name, str) or "\x00" in name:
        raise bad_request(model, name)
    if not isinstance(operator, str) or operator not in NAME_SEARCH_OPERATORS:
        raise bad_request(model, operator)
    check_window(model, limit)


# -- the other public methods of every model ------------------------------------------------
OPERATIONS = ("read", "write", "create", "unlink")
VIEW_TYPES = ("list", "form", "kanban", "search", "calendar", "pivot", "graph", "activity")
SEARCH_PANEL_TYPES = ("many2one", "many2many", "selection")


def check_operation(model, operation):
    """``has_access`` and ``check_access_rights``: one of Odoo's four operations."""
    if operation not in OPERATIONS:
        raise bad_request(model, operation)


def check_default(model, default):
    """``copy``'s ``default``: None, or values keyed by the model's fields (the values are
    then checked as those of a create)."""
    if default in (None, False):
        return
    if not isinstance(default, dict):
        raise bad_request(model, default)
    check_field_names(model, list(default))


def check_onchange(model, values, field_names, fields_spec):
    """``onchange``: the form's values, the fields that changed, its specification."""
    if not isinstance(values, dict):
        raise bad_request(model, values)
    check_field_names(model, list(values))
    if isinstance(field_names, str):
        field_names = [field_names]
    if not is_names(field_names):
        raise bad_request(model, field_names)
    check_field_names(model, field_names)
    check_specification(model, fields_spec)


def check_views(model, views, options):
    """``get_views``: ``[view id or False, view type]`` pairs and a dict of options."""
    if not is_names(views):
        raise bad_request(model, views)
    for view in views:
        if (
            not isinstance(view, (list, tuple))
            or len(view) != 2
            or not (view[0] in (None, False) or (isinstance(view[0], int) and view[0] > 0))
            or view[1] not in VIEW_TYPES
        ):
            raise bad_request(model, view)
    if options not in (None, False) and not isinstance(options, dict):
        raise bad_request(model, options)


def check_search_panel_field(model, field_name):
    """The search panel groups by a many2one, many2many or selection field of the model."""
    if not isinstance(field_name, str) or field_name not in model._fields:
        raise bad_request(model, field_name)
    if model._fields[field_name].type not in SEARCH_PANEL_TYPES:
        raise bad_request(model, field_name)


def check_name_create(model, name):
    """``name_create`` makes a record from its name alone: a text, for a model whose other
    required fields all have a default."""
    if not isinstance(name, str) or "\x00" in name:
        raise bad_request(model, name)
    rec_name = model._rec_name
    missing = [
        field.string
        for fname, field in model._fields.items()
        if field.required
        and fname != rec_name
        and not field.default
        and not field.compute
        and not field.related
        and f"default_{fname}" not in model.env.context
    ]
    if missing:
        raise UserError(
            model.env._(
                "A %(model)s cannot be made from a name alone: %(fields)s must be given.",
                model=model._description,
                fields=", ".join(missing),
            )
        )

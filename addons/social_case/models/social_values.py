"""What a form, an import or an API client sends is checked before it reaches the database
(SECURITY.md, decisions 3 and 7): input validation, apart from the privacy layer that calls it.

``check_values(model, vals)`` is called by the entry of the layer's ``create`` and ``write``:
types, required values, selections, lengths, NUL bytes, integer and float ranges, finite
numbers, dates between 1900 and 2200, existing related records, well-formed x2many commands
(their lines checked as if sent alone). A bad value gets a translated ``ValidationError`` or
``UserError``, never a traceback, and nothing is written. ``clean_errors`` turns what Odoo or
PostgreSQL still raise on a malformed request into one translated ``UserError``.
"""

import logging
import math
from contextlib import contextmanager
from datetime import date, datetime

import psycopg2

from odoo import models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command

_logger = logging.getLogger(__name__)

CHAR_MAX = 1000
TEXT_MAX = 100_000
INT_MAX = 2**31 - 1
FLOAT_MAX = 1e12
YEAR_MIN, YEAR_MAX = 1900, 2200
# errors of the ORM and the database that a malformed request causes (clean_errors)
MALFORMED = (
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    AttributeError,
    AssertionError,
    NameError,
    ArithmeticError,
    psycopg2.DataError,
    psycopg2.ProgrammingError,
)


@contextmanager
def clean_errors(Model):
    """Turn what Odoo or PostgreSQL raise on a malformed request to ``Model`` (a model of
    the privacy layer or an analysis) into one translated ``UserError`` that repeats the
    first line of the error, which names only what was sent; the original is logged."""
    if not getattr(Model, "_social_clean_errors", False):
        yield
        return
    try:
        yield
    except MALFORMED as error:
        _logger.info("malformed request to %s refused", Model._name, exc_info=True)
        what = str(error).strip().splitlines()[0][:120] if str(error).strip() else ""
        raise UserError(
            Model.env._(
                "%(model)s cannot answer this request: it is not valid (%(what)s).",
                model=Model._description,
                what=what or type(error).__name__,
            )
        ) from None


def is_id(value):
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= INT_MAX


def check_values(model, vals):
    """Refuse, with a clear message, what the database or the ORM would fail on."""
    if not isinstance(vals, dict):
        raise UserError(model.env._("The values to save must be given field by field."))
    references = {}
    for name, value in vals.items():
        field = model._fields.get(name) if isinstance(name, str) else None
        if field is None:
            raise UserError(
                model.env._(
                    "%(model)s has no field %(field)s.",
                    model=model._description,
                    field=str(name)[:60],
                )
            )
        if value == "" and field.type in ("date", "datetime"):
            # an empty text is an empty date; PostgreSQL takes no '' for a date
            vals[name] = value = False
        if value is None or value is False:
            if field.required and field.type not in ("boolean", "integer", "float", "monetary"):
                raise ValidationError(
                    model.env._("%(field)s is required.", field=_label(model, field))
                )
            continue
        kind = "text" if field.type in ("char", "text", "html") else field.type
        if kind in CHECKS:
            CHECKS[kind](model, field, value, references)
    for comodel, ids in references.items():
        # whether they exist, readable or not, archived or not: ``exists`` reads the table
        # alone (the privacy layer checks the links it may make)
        found = model.env[comodel].browse(ids).exists()
        if len(found) != len(ids):
            raise ValidationError(
                model.env._("A record you chose no longer exists: reload the page.")
            )


def _label(model, field):
    return field._description_string(model.env)


def _invalid(model, field):
    return ValidationError(
        model.env._("The value given for %(field)s is not valid.", field=_label(model, field))
    )


def _out_of_range(model, field):
    return ValidationError(model.env._("%(field)s is out of range.", field=_label(model, field)))


def _check_text(model, field, value, references):
    if not isinstance(value, str):
        raise _invalid(model, field)
    if "\x00" in value:
        raise ValidationError(
            model.env._(
                "%(field)s contains a character that cannot be saved.", field=_label(model, field)
            )
        )
    limit = field.size or (CHAR_MAX if field.type == "char" else TEXT_MAX)
    if len(value) > limit:
        raise ValidationError(
            model.env._(
                "%(field)s is too long: at most %(max)s characters.",
                field=_label(model, field),
                max=limit,
            )
        )


def _check_integer(model, field, value, references):
    if isinstance(value, bool) or not isinstance(value, int):
        raise _invalid(model, field)
    if not -INT_MAX <= value <= INT_MAX:
        raise _out_of_range(model, field)


def _check_float(model, field, value, references):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _invalid(model, field)
    if not math.isfinite(value) or abs(value) >= FLOAT_MAX:
        raise _out_of_range(model, field)


def _check_selection(model, field, value, references):
    if not isinstance(value, str) or value not in field.get_values(model.env):
        raise UserError(
            model.env._(
                "%(value)s is not a possible %(field)s.",
                value=str(value)[:40],
                field=_label(model, field),
            )
        )


def _check_many2one(model, field, value, references):
    if isinstance(value, models.BaseModel):
        value = value.id
    if not is_id(value):
        raise _invalid(model, field)
    references.setdefault(field.comodel_name, set()).add(value)


def _check_binary(model, field, value, references):
    if not isinstance(value, (str, bytes)):
        raise _invalid(model, field)


def _check_date(model, field, value, references):
    try:
        if isinstance(value, str):
            value = field.to_date(value) if field.type == "date" else field.to_datetime(value)
            if not value:
                return  # an empty text is an empty date
        elif not isinstance(value, (date, datetime)):
            raise ValueError(value)
    except (ValueError, TypeError, OverflowError) as error:
        raise ValidationError(
            model.env._(
                "%(value)s is not a valid date for %(field)s.",
                value=str(value)[:40],
                field=_label(model, field),
            )
        ) from error
    if not YEAR_MIN <= value.year <= YEAR_MAX:
        raise ValidationError(
            model.env._(
                "%(field)s must be between %(min)s and %(max)s.",
                field=_label(model, field),
                min=YEAR_MIN,
                max=YEAR_MAX,
            )
        )


def _check_commands(model, field, value, references):
    if not isinstance(value, (list, tuple)):
        raise _invalid(model, field)
    ids = set()
    for command in value:
        if isinstance(command, int) and not isinstance(command, bool):
            ids.add(command)
            continue
        if (
            not isinstance(command, (list, tuple))
            or not command
            or command[0] not in tuple(Command)
            or len(command) > 3
        ):
            raise _invalid(model, field)
        code = command[0]
        arg_id = command[1] if len(command) > 1 else 0
        arg = command[2] if len(command) > 2 else None
        if code in (Command.CREATE, Command.UPDATE) and not isinstance(arg, dict):
            raise _invalid(model, field)
        # lines created or changed through their parent are checked as if sent alone, by
        # the entry of their own model's create and write when it is on the privacy layer
        comodel = model.env[field.comodel_name]
        if hasattr(comodel, "_social_check_create") and code == Command.CREATE:
            comodel._social_check_create([arg])
        elif hasattr(comodel, "_social_check_write") and code == Command.UPDATE:
            if isinstance(arg_id, int) and not isinstance(arg_id, bool):
                comodel.browse(arg_id)._social_check_write(arg, trusted=False)
        if code in (Command.UPDATE, Command.DELETE, Command.UNLINK, Command.LINK):
            if isinstance(arg_id, bool) or not isinstance(arg_id, int):
                raise _invalid(model, field)
            ids.add(arg_id)
        if code == Command.SET:
            if not isinstance(arg, (list, tuple)) or any(
                isinstance(i, bool) or not isinstance(i, int) for i in arg
            ):
                raise _invalid(model, field)
            ids.update(arg)
    if any(not 0 < i <= INT_MAX for i in ids):
        raise _invalid(model, field)
    if ids:
        references.setdefault(field.comodel_name, set()).update(ids)


CHECKS = {
    "text": _check_text,
    "integer": _check_integer,
    "float": _check_float,
    "monetary": _check_float,
    "selection": _check_selection,
    "many2one": _check_many2one,
    "one2many": _check_commands,
    "many2many": _check_commands,
    "binary": _check_binary,
    "date": _check_date,
    "datetime": _check_date,
}


def linked_ids(field, value):
    """The ids of existing records that ``value`` links to through the relational ``field``
    (not those it creates)."""
    if field.type == "many2one":
        value = value.id if isinstance(value, models.BaseModel) else value
        return {value} if is_id(value) else set()
    ids = set()
    for command in value if isinstance(value, (list, tuple)) else ():
        if is_id(command):
            ids.add(command)
        elif not isinstance(command, (list, tuple)) or len(command) < 2:
            continue
        elif command[0] == Command.LINK and is_id(command[1]):
            ids.add(command[1])
        elif command[0] == Command.SET and isinstance(command[-1], (list, tuple)):
            ids.update(i for i in command[-1] if is_id(i))
    return ids

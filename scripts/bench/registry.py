"""The operations of the benchmark: each one an ORM callable beside the raw SQL that
returns the same rows or numbers.

An operation is registered by a module ``scripts/bench/ops_*.py`` (every such module of
this folder is imported by ``bench.py``, in the order of their names)::

    from registry import operation

    @operation(
        "intervention pivot, user x type",    # the name printed in the table
        size=("interventions",               # the data it runs over: a text, or a unit and
              "SELECT count(*) FROM social_intervention"),  # the SQL that counts it
        user="bench.manager",                # login it runs as; "__system__" is the superuser
        setup=lambda env: {...},             # optional: once, as superuser, before the runs;
    )                                        #   its dict is passed to both callables
    def intervention_pivot(env, ctx):        # the ORM callable, in env of that user
        return env["social.report.intervention"].read_group(...)

    @intervention_pivot.sql
    def _(cr, ctx):                          # the raw SQL returning the same rows
        cr.execute("SELECT ...")
        return cr.fetchall()

    @intervention_pivot.compare             # optional: ORM result, SQL result -> bool
    def _(orm, sql): ...                     #   a mismatch is flagged in the table ("≠")

Each callable runs 5 times (after one warm-up run) in its own transaction, rolled back
afterwards, with the ORM cache emptied before each run; the table shows the medians and
the queries of the last ORM run (Odoo's own counter, ``cr.sql_log_count``).
"""

OPERATIONS = []


class Operation:
    def __init__(self, name, size, orm, user, setup=None, group=""):
        self.name, self.size, self.orm, self.user = name, size, orm, user
        self.setup_fn, self.group = setup, group
        self.sql_fn = None
        self.compare_fn = None

    def sql(self, function):
        self.sql_fn = function
        return function

    def compare(self, function):
        self.compare_fn = function
        return function

    def __repr__(self):
        return f"<Operation {self.name}>"


def operation(name, size, user="__system__", setup=None, group=""):
    def decorator(function):
        op = Operation(name, size, function, user, setup=setup, group=group)
        OPERATIONS.append(op)
        return op

    return decorator

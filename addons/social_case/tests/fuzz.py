"""Hypothesis strategies and a driver for fuzzing create/write over RPC (SECURITY.md #13).

Values are generated per field type from ``fields_get``: well-formed values, wrong types,
unknown selection keys, None/False, 1 MB strings, NUL bytes, overflowing and infinite
numbers, out-of-range dates, ids of another site's records and ids that do not exist."""

import logging
import math
import time
from collections import Counter
from contextlib import closing

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from .common_probe import REFUSALS

_logger = logging.getLogger(__name__)

MEGABYTE = "x" * (1 << 20)
MISSING_ID = 10**9
# fields no client sends on purpose, or that belong to the mail mixins
SKIPPED = {"id", "display_name", "create_uid", "create_date", "write_uid", "write_date"}
SKIPPED_PREFIXES = ("message_", "activity_", "website_", "rating_", "has_message")
MINUTES_PER_WORKING_DAY = 720
EXAMPLES_PER_MODEL = 175
FUZZED_MODELS = (
    "social.case",
    "social.referral",
    "social.intervention",
    "social.procedure",
    "social.discharge.plan",
    "social.liaison.request",
    "social.case.contact",
    "social.case.plan",
    "social.case.plan.goal",
    "social.case.plan.action",
    "social.case.flag",
    "social.case.link",
    "social.survey.results",
    "social.survey.invitation",
    "social.report.annual.wizard",
)

JUNK = st.sampled_from(
    [
        None,
        False,
        True,
        0,
        -1,
        2**63,
        -(2**63) - 1,
        10**30,
        math.inf,
        -math.inf,
        math.nan,
        "",
        "\x00",
        "not a date",
        MEGABYTE,
        [],
        [1, 2],
        [[1, 2, 3, 4]],
        {},
        {"id": 1},
    ]
)
TEXTS = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            MEGABYTE,
            "nul\x00byte",
            "<img src=x onerror=alert(1)>",
            "   ",
            "é" * 300,
            "SC/2026/00001",
        ]
    ),
)
INTEGERS = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([0, -1, 1, 30, 721, 1440, 10**9, 2**31, 2**31 - 1, 2**63, -(2**63) - 1]),
)
FLOATS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([-1.0, 0.0, 0.5, 24.5, 1e308, -1e308, 123456789.123]),
)
DATES = st.sampled_from(
    [
        "0001-01-01",
        "9999-12-31",
        "10000-01-01",
        "not a date",
        "2025-02-30",
        "2025-13-01",
        "2025-06-01",
        "1900-01-01",
        "2025-06-01 10:00:00",
        20250601,
        "",
    ]
)
DATETIMES = st.sampled_from(
    [
        "0001-01-01 00:00:00",
        "9999-12-31 23:59:59",
        "not a date",
        "2025-02-30 10:00:00",
        "2025-06-01 25:61:00",
        "2025-06-01 10:00:00",
        "2025-06-01",
        "2025-06-01T10:00:00+02:00",
        1748772000,
        "",
    ]
)


def field_values(description, refs):
    """A strategy of values for one field described by ``fields_get``."""
    kind = description["type"]
    if kind in ("char", "text", "html"):
        typed = TEXTS
    elif kind == "integer":
        typed = INTEGERS
    elif kind in ("float", "monetary"):
        typed = FLOATS
    elif kind == "boolean":
        typed = st.sampled_from([True, False, 0, 1, "yes"])
    elif kind == "date":
        typed = DATES
    elif kind == "datetime":
        typed = DATETIMES
    elif kind == "selection":
        keys = [key for key, _label in description.get("selection") or []]
        typed = st.sampled_from(keys + ["nonsense", "", 0, "NEW"])
    elif kind == "many2one":
        ids = refs.get(description.get("relation"), [])
        typed = st.sampled_from(ids + [MISSING_ID, -1, 0, 2**63, [1, 2], {"id": 1}, "1"])
    elif kind in ("one2many", "many2many"):
        ids = refs.get(description.get("relation"), []) or [MISSING_ID]
        typed = st.sampled_from(
            [
                [(6, 0, ids)],
                [(6, 0, [MISSING_ID])],
                [(4, MISSING_ID)],
                [(4, ids[0])],
                [(3, MISSING_ID)],
                [(2, ids[0])],
                [(5,)],
                [(0, 0, {"no_such_field": 1})],
                [(9, 1)],
                "x",
                [1, 2, 3],
            ]
        )
    else:
        typed = JUNK
    return st.one_of(typed, typed, typed, JUNK)


def fuzzable_fields(model):
    """{name: description} of the fields a crafted call may send."""
    described = model.fields_get(attributes=["type", "selection", "relation", "required"])
    return {
        name: description
        for name, description in sorted(described.items())
        if name not in SKIPPED and not name.startswith(SKIPPED_PREFIXES)
    }


class Fuzzer:
    """Runs generated create/write calls on one model through the test's ``rpc`` and tallies
    what each call ended in."""

    def __init__(self, test, model, users, create_vals, write_target, refs, implausible):
        self.test = test
        self.model = model
        self.users = users
        self.create_vals = create_vals  # user -> base values of a valid create
        self.write_target = write_target  # user -> record the user may write
        self.refs = refs
        self.implausible = implausible  # record -> list of implausible values saved
        self.outcomes = Counter()
        self.first = {}
        self.failures = []
        self.examples = 0
        self.seconds = 0.0

    def _state(self, record):
        env = self.test.env
        env.flush_all()
        env.invalidate_all()
        Model = env[self.model].sudo().with_context(active_test=False)
        return Model.search_count([]), self.test.stored_values(record)

    def _one(self, user, operation, vals):
        test, env = self.test, self.test.env
        target = self.write_target(user)
        with closing(env.cr.savepoint()):
            before = self._state(target)
            record = None
            try:
                if operation == "create":
                    values = dict(self.create_vals(user), **vals)
                    new_id = test.rpc(user, self.model, "create", [values])
                    record = env[self.model].browse(new_id)
                else:
                    test.rpc(user, self.model, "write", [target.ids, vals])
                    record = target
                outcome = "success"
            except REFUSALS as error:
                outcome = type(error).__name__
            except Exception as error:  # tallied, and reported as a failure
                outcome = type(error).__name__
                self.failures.append(f"{operation} {vals!r:.300} -> {outcome}: {error!s:.200}")
            if outcome == "success":
                env.flush_all()
                env.invalidate_all()
                problems = self.implausible(record.sudo())
                if problems:
                    outcome = "success, implausible value saved"
                for problem in problems:
                    self.failures.insert(0, f"{operation} {vals!r:.300} saved {problem}")
            elif outcome in {cls.__name__ for cls in REFUSALS}:
                env.reset()
                if self._state(target) != before:
                    self.failures.insert(0, f"{operation} {vals!r:.300} refused but wrote")
        env.reset()
        env.cr.precommit.clear()
        self.outcomes[outcome] += 1
        self.first.setdefault(outcome, f"{user.login} {operation} {vals!r:.200}")

    def run(self, max_examples):
        fields = fuzzable_fields(self.test.env[self.model])
        names = sorted(fields)

        @settings(
            max_examples=max_examples,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(data=st.data())
        def example(data):
            user = data.draw(st.sampled_from(self.users), label="user")
            operation = data.draw(st.sampled_from(["create", "write"]), label="operation")
            chosen = data.draw(
                st.lists(st.sampled_from(names), min_size=1, max_size=3, unique=True),
                label="fields",
            )
            vals = {name: data.draw(field_values(fields[name], self.refs)) for name in chosen}
            self.examples += 1
            self._one(user, operation, vals)

        started = time.monotonic()
        example()
        self.seconds = time.monotonic() - started
        return self

    def report(self):
        lines = [
            f"{self.model}: {self.examples} examples in {self.seconds:.1f} s",
            *(
                f"  {outcome}: {count} (first: {self.first[outcome]})"
                for outcome, count in self.outcomes.most_common()
            ),
        ]
        return "\n".join(lines)


def implausible_numbers(record):
    """Infinite or NaN numbers, negative amounts and counts saved on ``record``."""
    problems = []
    for name, field in record._fields.items():
        if not field.store or field.type not in ("integer", "float", "monetary"):
            continue
        for value in record.mapped(name):
            if isinstance(value, float) and not math.isfinite(value):
                problems.append(f"{name}={value}")
            elif field.type == "monetary" and value < 0:
                problems.append(f"{name}={value}")
            elif name.endswith(("_count", "_position")) and value < 0:
                problems.append(f"{name}={value}")
    return problems


def fuzz_refs(test):
    """Ids a crafted call may send in relations: the caller's own records, another team's,
    another site's, and a couple of each other related model."""
    env = test.env
    refs = {
        "res.partner": [test.patient_free.id, test.patient_restricted.id, test.patient_site_2.id],
        "social.case": [test.case_a.id, test.case_restricted.id, test.case_site_2.id],
        "res.users": [test.worker_a.id, test.worker_b.id, test.volunteer.id],
        "res.company": [env.company.id, test.company_2.id],
        "social.team": [test.team_a.id, test.team_b.id],
        "social.referral": [test.referral_nurse.id, test.referral_restricted.id],
        "social.intervention": [test.intervention_a.id],
        "social.procedure": [test.procedure_a.id, test.procedure_restricted.id],
    }
    for model in FUZZED_MODELS:
        for field in env[model]._fields.values() if model in env else ():
            relation = field.comodel_name if field.relational else None
            if relation and relation not in refs:
                refs[relation] = env[relation].sudo().search([], limit=2).ids
    return refs


def run_fuzz(test, model, create_vals, target, implausible=implausible_numbers):
    """Fuzz ``model`` as a worker and as a coordinator of ``test`` (a ProbeCommon); fail
    with the statistics of the run when a call ended badly."""
    fuzzer = Fuzzer(
        test,
        model,
        (test.worker_a, test.coordinator),
        create_vals,
        lambda user: target,
        fuzz_refs(test),
        implausible,
    ).run(EXAMPLES_PER_MODEL)
    report = fuzzer.report()
    _logger.info(report)
    test.assertGreaterEqual(fuzzer.examples, EXAMPLES_PER_MODEL)
    test.assertFalse(fuzzer.failures, report + "\n" + "\n".join(fuzzer.failures[:40]))
    return fuzzer

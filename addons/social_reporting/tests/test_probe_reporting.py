from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.social_case.tests.common_probe import REFUSALS, ProbeCommon
from odoo.addons.social_case.tests.fuzz import run_fuzz

ANALYSES = (
    "social.report.intervention",
    "social.report.caseload",
    "social.report.referral",
    "social.report.procedure",
    "social.report.discharge",
    "social.report.discharge.request",
    "social.report.liaison",
    "social.report.file.active",
)
ANNUAL = "social_reporting.annual_report"
# what an attacker sends as groupings, fields and orders of an analysis
JUNK_GROUPBYS = [
    "patient_id",
    "case_ref",
    "no_such_field",
    "date:day",
    "date:nonsense",
    "user_id:day",
    "company_id:month",
    "",
    "id",
    "date:week:day",
    "user_id.partner_id",
    "__count",
]
JUNK_FIELDS = [
    ["patient_id"],
    ["patient_id:sum"],
    ["no_such_field:count"],
    ["date:max"],
    ["user_id:array_agg"],
    ["id:sum"],
    ["name"],
    ["__count:sum"],
    [""],
]
JUNK_ORDERS = [
    "id; DROP TABLE social_case",
    "date desc, (SELECT 1)",
    "no_such_field",
    "patient_id desc",
    "user_id.name",
    "id desc nulls sideways",
    "1",
]
JUNK_LIMITS = [10**12, -1, "10", 2**63]


@tagged("post_install", "-at_install")
class TestProbeAnalyses(ProbeCommon):
    """SECURITY.md #12, #13, T6: the analyses of the social service (social.report.*),
    called with junk groupings, fields, orders and limits by a coordinator, refuse
    clearly or answer; no other role reads them at all."""

    def _call_outcome(self, user, model, method, args, kwargs=None):
        """'ok', 'refused', or the name and text of what the call raised instead."""
        try:
            self.rpc(user, model, method, args, kwargs)
        except REFUSALS:
            return "refused"
        except Exception as error:  # any other error is a traceback for the user
            return f"{type(error).__name__}: {error!s:.160}"
        return "ok"

    def test_analyses_closed_to_workers_care_team_and_providers(self):
        failures = []
        for user in (self.worker_a, self.worker_b, self.nurse, self.volunteer):
            for model in ANALYSES:
                for method, args in (
                    ("read_group", [[], ["__count"], []]),
                    ("search_count", [[]]),
                    ("search_read", [[], ["company_id"]]),
                    ("read", [[1], ["company_id"]]),
                ):
                    with self.collect(failures, user=user.login, model=model, method=method):
                        outcome = self._call_outcome(user, model, method, args)
                        self.assertEqual(outcome, "refused")
        self.assertFalse(failures, "\n".join(failures))

    def test_junk_groupings_fields_orders_and_limits(self):
        """Every junk call of a coordinator ends in an answer or a clear refusal."""
        failures = []
        count = 0
        for model in ANALYSES:
            calls = []
            for groupby in JUNK_GROUPBYS:
                calls.append(("read_group", [[], ["__count"], [groupby]], {}))
                calls.append(("read_group", [[], ["__count"], [groupby]], {"lazy": False}))
            for fields_ in JUNK_FIELDS:
                calls.append(("read_group", [[], fields_, ["company_id"]], {}))
                calls.append(("search_read", [[], fields_], {}))
            for order in JUNK_ORDERS:
                calls.append(("read_group", [[], ["__count"], ["company_id"]], {"orderby": order}))
                calls.append(("search_read", [[], ["company_id"]], {"order": order}))
            for limit in JUNK_LIMITS:
                calls.append(("read_group", [[], ["__count"], ["company_id"]], {"limit": limit}))
                calls.append(("search_read", [[], ["company_id"]], {"limit": limit}))
                calls.append(("read_group", [[], ["__count"], ["company_id"]], {"offset": limit}))
            calls += [
                ("read", [[1], ["no_such_field"]], {}),
                ("read", [["x"], ["company_id"]], {}),
                ("read_group", [[("no_such_field", "=", 1)], ["__count"], []], {}),
                ("read_group", ["not a domain", ["__count"], []], {}),
                ("read_group", [[], "__count", "company_id"], {}),
                ("read_group", [[], [], []], {}),
                ("search_count", [[("date", ">", "not a date")]], {}),
            ]
            for method, args, kwargs in calls:
                count += 1
                outcome = self._call_outcome(self.coordinator, model, method, args, kwargs)
                if outcome not in ("ok", "refused"):
                    failures.append(f"{model}.{method}{args!r:.120} {kwargs}: {outcome}")
        self.assertGreater(count, 500)
        self.assertFalse(
            failures, f"{len(failures)} of {count} calls failed:\n" + "\n".join(failures[:60])
        )

    def test_the_web_clients_own_calls_still_answer(self):
        """What the pivot, the graph, the list and the dashboard send is answered: the
        checks refuse junk only."""
        calls = [
            (
                "social.report.intervention",
                "read_group",
                [[("date", ">=", "2025-01-01")], ["__count", "hours:sum"], ["date:month"]],
                {"lazy": True},
            ),
            (
                "social.report.intervention",
                "read_group",
                [[(1, "=", 1)], ["hours:sum"], ["user_id", "kind"]],
                {"lazy": False},
            ),
            (
                "social.report.file.active",
                "read_group",
                [
                    ["&", ("date", ">=", "2025-01-01"), ("date", "<", "2026-01-01")],
                    ["case_ref:count_distinct", "new_count:sum"],
                    ["date:quarter", "team_id"],
                ],
                {"lazy": False},
            ),
            (
                "social.report.referral",
                "search_read",
                [["|", ("urgency", "=", "urgent"), ("contacted", "=", False)], ["date"]],
                {"order": "date desc", "limit": 80},
            ),
        ]
        for model, method, args, kwargs in calls:
            with self.subTest(model=model, args=args):
                self.assertIsInstance(self.rpc(self.coordinator, model, method, args, kwargs), list)

    def test_no_patient_through_the_analyses(self):
        """No analysis has a field that names or points to a patient or a case file."""
        for model in ANALYSES:
            fields_ = self.rpc(
                self.coordinator, model, "fields_get", [], {"attributes": ["relation"]}
            )
            relations = {name: f.get("relation") for name, f in fields_.items()}
            self.assertNotIn("patient_id", relations, model)
            pointing = [
                n
                for n, r in relations.items()
                if r in ("social.case", "res.partner") and n != "partner_id"
            ]
            self.assertEqual(pointing, [], model)


@tagged("post_install", "-at_install")
class TestProbeAnnualWizard(ProbeCommon):
    """The annual report's wizard: junk dates, a period backwards, sites the user does
    not work in, the unmasked version by a non-manager, another user's wizard."""

    def test_junk_options_are_refused_cleanly(self):
        failures = []
        for vals in (
            {"date_from": "not a date"},
            {"date_to": "2025-02-30"},
            {"date_from": "0001-01-01", "date_to": "9999-12-31"},
            {"date_from": 20250101},
            {"company_ids": [(6, 0, [10**9])]},
            {"company_ids": "x"},
            {"team_ids": [(4, -1)]},
            {"lang": "xx_XX"},
            {"no_such_field": 1},
        ):
            with self.collect(failures, vals=vals):
                with self.assertRefused():
                    wizard_id = self.rpc(
                        self.coordinator, "social.report.annual.wizard", "create", [vals]
                    )
                    self.rpc(
                        self.coordinator,
                        "social.report.annual.wizard",
                        "action_print",
                        [[wizard_id]],
                    )
        self.assertFalse(failures, "\n".join(failures))

    def test_forbidden_options_refused_at_creation_or_print(self):
        failures = []
        cases = {
            "backwards": (self.coordinator, {"date_from": "2025-12-31", "date_to": "2025-01-01"}),
            "other site": (self.coordinator, {"company_ids": [(6, 0, self.company_2.ids)]}),
            "unmasked": (self.coordinator, {"for_publication": False}),
            "other site team": (
                self.manager,
                {
                    "team_ids": [
                        (
                            6,
                            0,
                            self.env["social.team"]
                            .sudo()
                            .create({"name": "Probe Team Site 2", "company_id": self.company_2.id})
                            .ids,
                        )
                    ]
                },
            ),
        }
        for label, (user, vals) in cases.items():
            with self.collect(failures, case=label):
                with self.assertRefused() as caught:
                    wizard_id = self.rpc(user, "social.report.annual.wizard", "create", [vals])
                    self.rpc(user, "social.report.annual.wizard", "action_print", [[wizard_id]])
                self.assertNotIn(self.company_2.name, str(caught.exception))
        self.assertFalse(failures, "\n".join(failures))

    def test_another_users_wizard_is_out_of_reach(self):
        """A coordinator reads, changes and prints the wizard the Manager opened for the
        unmasked report (transient ids follow each other)."""
        wizard_id = self.rpc(
            self.manager, "social.report.annual.wizard", "create", [{"for_publication": False}]
        )
        wizard = self.env["social.report.annual.wizard"].browse(wizard_id)
        failures = []
        for method, args in (
            ("read", [[wizard_id], ["for_publication", "date_from"]]),
            ("write", [[wizard_id], {"date_from": "2020-01-01"}]),
            ("action_print", [[wizard_id]]),
            ("search_count", [[("for_publication", "=", False)]]),
        ):
            with self.collect(failures, method=method):
                try:
                    with self.assertRefused(wizard):
                        self.rpc(self.coordinator, "social.report.annual.wizard", method, args)
                except AssertionError:
                    if method != "search_count":
                        raise
                    self.assertEqual(
                        self.rpc(self.coordinator, "social.report.annual.wizard", method, args), 0
                    )
        self.assertFalse(failures, "\n".join(failures))

    def test_fuzz_annual_wizard(self):
        """Crafted values on every field of the wizard (create and write)."""
        target = self.env["social.report.annual.wizard"].with_user(self.coordinator).create({})
        run_fuzz(self, "social.report.annual.wizard", lambda user: {}, target)


@tagged("post_install", "-at_install")
class TestProbeSmallCountSetting(ProbeCommon):
    """The small-count threshold k: only an administrator changes it."""

    def test_non_admins_cannot_lower_the_threshold(self):
        company = self.env.company
        before = company.social_report_small_count
        failures = []
        for user in (self.manager, self.coordinator, self.worker_a, self.nurse):
            with self.collect(failures, user=user.login, path="res.company"):
                with self.assertRefused(company):
                    self.rpc(
                        user,
                        "res.company",
                        "write",
                        [company.ids, {"social_report_small_count": 2}],
                    )
            with self.collect(failures, user=user.login, path="settings"):
                with self.assertRefused(company):
                    settings_id = self.rpc(
                        user, "res.config.settings", "create", [{"social_report_small_count": 2}]
                    )
                    self.rpc(user, "res.config.settings", "execute", [[settings_id]])
        self.env.invalidate_all()
        self.assertEqual(company.social_report_small_count, before)
        self.assertFalse(failures, "\n".join(failures))

    def test_junk_thresholds_refused_cleanly(self):
        admin = new_test_user(self.env, "probe_admin", groups="base.group_system")
        failures = []
        for value in (0, -1, 10**12, "5", 2.5, None, [5]):
            with self.collect(failures, value=value):
                with self.assertRefused(self.env.company):
                    self.rpc(
                        admin,
                        "res.company",
                        "write",
                        [self.env.company.ids, {"social_report_small_count": value}],
                    )
        self.assertFalse(failures, "\n".join(failures))


@tagged("post_install", "-at_install")
class TestProbeAnnualReportUrl(ProbeCommon, HttpCase):
    """The XLSX URL of the annual report, typed by hand."""

    def test_xlsx_of_another_users_wizard_or_of_none(self):
        wizard = (
            self.env["social.report.annual.wizard"]
            .with_user(self.manager)
            .create({"for_publication": False})
        )
        failures = []
        for user, ids in (
            (self.coordinator, str(wizard.id)),
            (self.worker_a, str(wizard.id)),
            (self.nurse, str(wizard.id)),
            (self.coordinator, ""),
            (self.coordinator, "999999999"),
        ):
            self.authenticate(user.login, user.login)
            url = f"/report/xlsx/{ANNUAL}/{ids}" if ids else f"/report/xlsx/{ANNUAL}"
            with self.collect(failures, user=user.login, url=url):
                response = self.url_open(url, timeout=60)
                self.assertNotEqual(response.status_code, 200, "the workbook was produced")
                self.assertLess(response.status_code, 500, "the server failed")
        self.assertFalse(failures, "\n".join(failures))

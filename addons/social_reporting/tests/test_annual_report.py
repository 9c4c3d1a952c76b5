"""The annual activity report and the analyses, on a site built by the test: every figure
below is counted by hand from the records created in ``setUpClass``."""

import io
import zipfile
from datetime import date, datetime

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.social_case.tests.common_probe import ProbeCommon

from ..tools.small_counts import mask_small_counts
from .common_report import PERIOD, sheet_table
from .common_report import summary as read_summary


@tagged("post_install", "-at_install")
class TestAnnualReport(ProbeCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.site = env["res.company"].create({"name": "Report Site"})
        companies = [(6, 0, cls.site.ids)]

        def user(login, groups):
            return new_test_user(
                env, login, groups=groups, company_id=cls.site.id, company_ids=companies
            )

        cls.head = user("ar_head", "social_case.group_social_manager")
        cls.coord = user("ar_coord", "social_case.group_social_coordinator")
        cls.w1 = user("ar_w1", "social_case.group_social_worker")
        cls.w2 = user("ar_w2", "social_case.group_social_worker")
        cls.care = user("ar_nurse", "social_case.group_social_care")
        cls.volunteer_site = user(
            "ar_volunteer", "base.group_user,social_case.group_social_liaison"
        )
        Team = env["social.team"]
        cls.team_a = Team.create(
            {"name": "Team Alpha", "company_id": cls.site.id, "member_ids": [(6, 0, cls.w1.ids)]}
        )
        cls.team_b = Team.create(
            {"name": "Team Beta", "company_id": cls.site.id, "member_ids": [(6, 0, cls.w2.ids)]}
        )
        Partner = env["res.partner"]
        Case = env["social.case"]

        def case(n, team, worker, opened, closed=None):
            values = {
                "patient_id": Partner.create(
                    {"name": f"AR Patient {n}", "company_id": cls.site.id}
                ).id,
                "company_id": cls.site.id,
                "team_id": team.id,
                "user_id": worker.id,
                "date_open": opened,
            }
            if closed:
                values.update(stage_id=env.ref("social_case.stage_closed").id, date_closed=closed)
            return Case.create(values)

        # team Alpha: 6 cases opened in 2025 (one closed in June), 2 opened in 2024
        cls.alpha_new = Case.browse()
        for n in range(6):
            cls.alpha_new |= case(n, cls.team_a, cls.w1, date(2025, 2, 1 + n))
        cls.alpha_old = case(10, cls.team_a, cls.w1, date(2024, 5, 1)) | case(
            11, cls.team_a, cls.w1, date(2024, 6, 1)
        )
        # team Beta: 1 case opened in 2025; a case closed in 2023 is not in the file active
        cls.beta_new = case(20, cls.team_b, cls.w2, date(2025, 3, 1))
        case(21, cls.team_b, cls.w2, date(2023, 1, 1), date(2023, 6, 1))
        listening = env.ref("social_case.intervention_type_interview_patient")
        paperwork = env.ref("social_case.intervention_type_administrative_task")
        Intervention = env["social.intervention"]

        def act(case_, type_, minutes, when):
            return Intervention.create(
                {
                    "case_id": case_.id,
                    "type_id": type_.id,
                    "duration": minutes,
                    "user_id": case_.user_id.id,
                    "date": when,
                }
            )

        # seen once: alpha_new[1] and beta_new (one act each); alpha_new[2] has three acts
        act(cls.alpha_new[1], listening, 60, datetime(2025, 3, 1, 10))
        act(cls.beta_new, listening, 30, datetime(2025, 3, 2, 10))
        act(cls.alpha_new[2], listening, 90, datetime(2025, 3, 3, 10))
        act(cls.alpha_new[2], paperwork, 45, datetime(2025, 3, 4, 10))
        act(cls.alpha_new[2], paperwork, 15, datetime(2025, 3, 5, 10))
        # an act of 2024 is outside the period
        act(cls.alpha_old[0], listening, 120, datetime(2024, 7, 1, 10))
        Referral = env["social.referral"]

        def referral(role, when, **values):
            return Referral.create(
                {
                    "company_id": cls.site.id,
                    "referrer_type": role,
                    "date": when,
                    "reason": "AR reason",
                    "channel": "phone",
                    **values,
                }
            )

        # March: 2 by a doctor, 3 by a nurse; April: 6 by a nurse
        for day in (1, 2):
            referral("doctor", datetime(2025, 3, day, 9))
        for day in (3, 4, 5):
            referral("nurse", datetime(2025, 3, day, 9))
        for day in range(1, 7):
            referral("nurse", datetime(2025, 4, day, 9))
        referral("nurse", datetime(2024, 12, 31, 9))  # last year
        Procedure = env["social.procedure"]
        aid = env.ref("social_case.procedure_type_financial_aid")
        for n in range(6):
            Procedure.create(
                {
                    "case_id": cls.alpha_new[n].id,
                    "type_id": aid.id,
                    "state": "granted",
                    "submission_date": date(2025, 4, 1),
                    "answer_date": date(2025, 4, 11),
                    "amount": 100.0,
                }
            )
        for n in range(2):
            Procedure.create(
                {
                    "case_id": cls.alpha_old[n].id,
                    "type_id": aid.id,
                    "state": "refused",
                    "submission_date": date(2025, 5, 1),
                    "answer_date": date(2025, 5, 21),
                }
            )
        # the first new case of Alpha was closed in June
        cls.alpha_new[0].write(
            {"stage_id": env.ref("social_case.stage_closed").id, "date_closed": date(2025, 6, 30)}
        )
        env["social.report.file.active"]._refresh()

    def _wizard(self, user, **values):
        return (
            self.env["social.report.annual.wizard"]
            .with_user(user)
            .with_context(allowed_company_ids=self.site.ids)
            .create({"company_ids": [(6, 0, self.site.ids)], "lang": "en_US", **PERIOD, **values})
        )

    def _workbook(self, wizard, refresh=True):
        if refresh:
            wizard.action_refresh_file_active()  # Refresh Now, as the head of service would
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(wizard.env.user)
            .with_context(allowed_company_ids=self.site.ids)
            ._render_xlsx("social_reporting.annual_report", wizard.ids, {})
        )
        self.assertEqual(kind, "xlsx")
        return content, openpyxl.load_workbook(io.BytesIO(content))

    _table = staticmethod(sheet_table)

    def test_internal_report_gives_the_figures_counted_by_hand(self):
        content, book = self._workbook(self._wizard(self.head, for_publication=False))
        self.assertEqual(
            book.sheetnames,
            [
                "Summary",
                "Referrals",
                "File Active",
                "Interventions and Time",
                "Procedures",
                "Discharge",
                "Partners",
                "Liaison",
                "Plans and Aid",
            ],
        )
        summary = read_summary(book)
        # file active: 6 + 2 in Alpha, 1 in Beta; new: 7; seen once: 2; closed: 1
        self.assertEqual(summary["Patients followed (file active)"], 9)
        self.assertEqual(summary["New patients"], 7)
        self.assertEqual(summary["Patients seen once"], 2)
        self.assertEqual(summary["Cases closed"], 1)
        self.assertEqual(summary["Referrals"], 11)
        self.assertEqual(summary["Interventions (acts)"], 5)
        # 60 + 30 + 90 minutes listening, 45 + 15 of paperwork
        self.assertEqual(summary["Hours: Listening and Support"], 3.0)
        self.assertEqual(summary["Hours: Administrative Work"], 1.0)
        self.assertEqual(summary["Procedures submitted"], 8)
        self.assertEqual(summary["Procedures granted"], 6)
        referrals = self._table(book["Referrals"], "Referrals per month and source")
        self.assertEqual(referrals["header"][:4], [None, "Doctor", "Nurse", "Total"])
        self.assertEqual(referrals["2025-03"][:3], [2, 3, 5])
        self.assertEqual(referrals["2025-04"][:3], [0, 6, 6])
        self.assertEqual(referrals["Total"][:3], [2, 9, 11])
        active = self._table(book["File Active"], "Patients followed (file active) per team")
        self.assertEqual(active["Team Alpha"][:3], [6, 2, 8])
        self.assertEqual(active["Team Beta"][:3], [1, 0, 1])
        procedures = self._table(book["Procedures"], "Procedures per type and outcome")
        aid = self.env.ref("social_case.procedure_type_financial_aid").name
        # 6 granted of 100, 2 refused; days to an answer: (6 × 10 + 2 × 20) / 8 = 12.5
        self.assertEqual(procedures[aid][:7], [6, 2, 0, 0, 8, 12.5, 600.0])
        # native charts: one per chapter with a table, and the pie of the summary
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            charts = [name for name in archive.namelist() if name.startswith("xl/charts/chart")]
        self.assertEqual(len(charts), 1 + 1 + 2 + 1 + 1)
        # and the internal version is in the access log, per site
        log = self.env["social.case.access.log"].search(
            [("user_id", "=", self.head.id), ("res_model", "=", "social.report.annual")]
        )
        self.assertEqual(log.mapped("operation"), ["export"])
        self.assertEqual(log.company_id, self.site)

    def test_aid_by_fund_and_goals_achieved_counted_by_hand(self):
        """The chapter on plans and aid: the aid signed off in the period per fund, with the
        amounts granted, and the goals of the current plans of the cases followed."""
        env = self.env
        Aid = env["social.aid.request"]
        for n, fund, state, amount, submitted in (
            (1, "cpas", "approved", 100.0, date(2025, 3, 1)),
            (2, "cpas", "paid", 250.0, date(2025, 4, 1)),
            (3, "cpas", "refused", 400.0, date(2025, 5, 1)),
            (4, "cpas", "submitted", 50.0, date(2025, 12, 31)),
            (5, "hospital_fund", "paid", 80.0, date(2025, 6, 1)),
            (5, "hospital_fund", "paid", 999.0, date(2024, 12, 31)),  # last year
        ):
            Aid.create(
                {
                    "case_id": self.alpha_new[n].id,
                    "fund": fund,
                    "amount": amount,
                    "purpose": "AR aid",
                    "state": state,
                    "date_submitted": submitted,
                }
            )
        home_care = env.ref("social_case.need_home_care")
        housing = env.ref("social_case.need_housing_search")

        def plan(case_, goals):
            needs = {
                need_type: env["social.case.need"].create(
                    {"case_id": case_.id, "need_type_id": need_type.id}
                )
                for need_type in {g[0] for g in goals}
            }
            new_plan = env["social.case.plan"].create({"case_id": case_.id})
            env["social.case.plan.goal"].create(
                [
                    {"plan_id": new_plan.id, "need_id": needs[g[0]].id, "name": "AR goal"}
                    for g in goals
                ]
            )
            for goal, (_need, status) in zip(new_plan.goal_ids, goals, strict=True):
                goal.status = status
            return new_plan

        plan(self.alpha_new[1], [(home_care, "achieved"), (housing, "open")])
        plan(self.alpha_new[2], [(home_care, "achieved"), (home_care, "not_achieved")])
        plan(self.alpha_old[0], [(housing, "partly"), (housing, "achieved")])
        # a case closed in 2023 was not followed in 2025: its plan is not counted
        closed_2023 = env["social.case"].search([("patient_id.name", "=", "AR Patient 21")])
        self.assertEqual(len(closed_2023), 1)
        plan(closed_2023, [(housing, "achieved")])
        env.flush_all()
        _content, book = self._workbook(self._wizard(self.head, for_publication=False))
        sheet = book["Plans and Aid"]
        aid = self._table(sheet, "Financial aid signed off, by fund")
        self.assertEqual(
            aid["header"][:5], [None, "Granted", "Refused", "Waiting for the sign-off", "Total"]
        )
        self.assertEqual(aid["CPAS/OCMW"][:5], [2, 1, 1, 4, 350.0])
        self.assertEqual(aid["Hospital Social Fund"][:5], [1, 0, 0, 1, 80.0])
        goals = self._table(sheet, "Goals of the case plans, per need and outcome")
        self.assertEqual(goals["header"][1:3], ["Achieved", "Partly Achieved"])
        self.assertEqual(goals[home_care.name][:6], [2, 0, 1, 0, 0, 3])
        self.assertEqual(goals[housing.name][:6], [1, 1, 0, 0, 1, 3])
        summary = read_summary(book)
        self.assertEqual(summary["Financial aid granted"], 3)
        self.assertEqual(summary["Goals of the plans achieved"], 3)

    def test_report_for_publication_masks_small_counts_and_what_gives_them_away(self):
        _content, book = self._workbook(self._wizard(self.coord))
        referrals = self._table(book["Referrals"], "Referrals per month and source")
        counts = [[2, 3], [0, 6]]
        mask = mask_small_counts(counts, 5)
        self.assertEqual(referrals["2025-03"][0], "< 5")
        self.assertEqual(referrals["2025-03"][1], "< 5")
        self.assertEqual(referrals["Total"][0], "< 5")
        for i, month in enumerate(("2025-03", "2025-04")):
            self.assertEqual(
                referrals[month][:3], [mask.label(i, 0), mask.label(i, 1), mask.label(i, None)]
            )
        self.assertEqual(
            referrals["Total"][:3],
            [mask.label(None, 0), mask.label(None, 1), mask.label(None, None)],
        )
        # no count of people from 1 to 4 is printed in a table of counts or in the summary
        tables = [
            ("Referrals", "Referrals per month and source", 3),
            ("File Active", "Patients followed (file active) per team", 3),
            ("File Active", "Cases closed and patients seen once, per team", 3),
            ("Procedures", "Procedures per type and outcome", 5),
        ]
        for sheet, title, width in tables:
            for label, cells in self._table(book[sheet], title).items():
                for cell in cells[:width] if label != "header" else ():
                    self.assertFalse(isinstance(cell, int) and 0 < cell < 5, f"{title}: {label}")
        summary = read_summary(book)
        for name in (
            "Patients followed (file active)",
            "New patients",
            "Cases closed",
            "Referrals",
            "Interventions (acts)",
            "Procedures submitted",
            "Procedures granted",
            "Discharges",
            "Requests to providers",
            "Liaison requests",
        ):
            self.assertFalse(isinstance(summary[name], int) and 0 < summary[name] < 5, name)
        active = self._table(book["File Active"], "Patients followed (file active) per team")
        self.assertEqual(active["Team Beta"][:3], ["< 5", 0, "< 5"])
        summary = read_summary(book)
        self.assertEqual(summary["Patients seen once"], "< 5")
        self.assertEqual(summary["Referrals"], mask.label(None, None))
        self.assertFalse(
            self.env["social.case.access.log"].search_count(
                [("res_model", "=", "social.report.annual")]
            )
        )

    def test_the_threshold_of_the_site_and_the_language_of_the_report(self):
        self.site.social_report_small_count = 3
        self.env["res.lang"]._activate_lang("fr_FR")
        _content, book = self._workbook(self._wizard(self.coord, lang="fr_FR"))
        self.assertEqual(book.sheetnames[0], "Synthèse")
        active = self._table(book["File active"], "Patients suivis (file active) par équipe")
        self.assertEqual(active["Team Beta"][:3], ["< 3", 0, "< 3"])

    def test_a_team_narrows_every_chapter(self):
        _content, book = self._workbook(
            self._wizard(self.head, for_publication=False, team_ids=[(6, 0, self.team_b.ids)])
        )
        summary = read_summary(book)
        self.assertEqual(summary["Patients followed (file active)"], 1)
        self.assertEqual(summary["Interventions (acts)"], 1)
        self.assertEqual(summary["Referrals"], 0)  # no referral of the test became a case

    def test_only_a_manager_produces_the_unmasked_report(self):
        with self.assertRaises(AccessError):
            self._wizard(self.coord, for_publication=False).action_print()
        wizard = self._wizard(self.coord)
        wizard.for_publication = False
        with self.assertRaises(AccessError):
            self._workbook(wizard)

    def test_bad_period_is_refused_clearly(self):
        wizard = self._wizard(self.coord, date_from=date(2025, 12, 31), date_to=date(2025, 1, 1))
        with self.assertRaisesRegex(UserError, "ends before it starts"):
            wizard.action_print()

    def test_workers_and_the_care_team_get_neither_the_report_nor_the_dashboard(self):
        dashboard = self.env.ref("social_reporting.spreadsheet_dashboard_head_of_service")
        period = {key: str(value) for key, value in PERIOD.items()}
        for user in (self.w1, self.care, self.volunteer_site):
            with self.assertRaises(AccessError):
                self.rpc(user, "social.report.annual.wizard", "create", [period])
            with self.assertRaises(AccessError):
                self.rpc(
                    user, "social.report.referral", "read_group", [[], ["referral_count:sum"], []]
                )
            found = self.rpc(
                user,
                "spreadsheet.dashboard",
                "search_read",
                [[("id", "=", dashboard.id)], ["name"]],
            )
            self.assertEqual(found, [])
            with self.assertRaises(AccessError):
                self.rpc(user, "spreadsheet.dashboard", "get_readonly_dashboard", [dashboard.ids])
        snapshot = self.rpc(
            self.coord, "spreadsheet.dashboard", "get_readonly_dashboard", [dashboard.ids]
        )["snapshot"]
        cells = snapshot["sheets"][0]["cells"]
        formulas = [cell["content"] for cell in cells.values()]
        self.assertTrue(any('"< 5"' in f and "<5)" in f for f in formulas), formulas)
        self.assertFalse(any("__SOCIAL_K__" in f for f in formulas))
        # per worker, beside the open cases: the quiet cases, the overdue plan actions and
        # the plans waiting for sign-off, masked as the open cases are
        self.assertEqual(
            [cells[key]["content"] for key in ("D16", "E16", "F16")],
            [
                '=_t("Quiet Cases")',
                '=_t("Overdue Plan Actions")',
                '=_t("Plans Waiting for Sign-off")',
            ],
        )
        for key, measure in (("D17", "quiet_count"), ("F31", "plan_waiting_count")):
            self.assertIn(f'PIVOT.VALUE(2,"{measure}","#user_id",', cells[key]["content"])
            self.assertIn('"< 5"', cells[key]["content"])
        # a phone shows a dashboard's charts only: one chart per table, on its counts
        charts = {
            figure["data"]["dataSets"][0]["dataRange"]
            for figure in snapshot["sheets"][0]["figures"]
            if figure["data"]["type"] == "bar"
        }
        self.assertEqual(
            charts,
            {"Dashboard!B6:B13", "Dashboard!B17:B31", "Dashboard!B35:B42", "Dashboard!B47:B54"},
        )
        # a table's total is printed only when none of its counts is masked ("×" otherwise):
        # a total and the other counts would give the masked one away
        for key, rows in (("B5", range(6, 14)), ("B46", range(47, 55))):
            self.assertIn('"×"', cells[key]["content"])
            for position in range(1, len(rows) + 1):
                self.assertIn(f'"#unit_id",{position})<5', cells[key]["content"])
        # beside a masked count, the hours, days and delays of those few patients are blank
        measures = {
            key: cell["content"]
            for key, cell in cells.items()
            if key[0] == "C"
            and any(m in cell["content"] for m in ("first_contact", "days_waiting", "delay_days"))
        }
        self.assertEqual(len(measures), 26)
        for key, formula in measures.items():
            self.assertIn(f"IF(ISNUMBER(B{key[1:]}),", formula)
        snapshot = self.rpc(
            self.head, "spreadsheet.dashboard", "get_readonly_dashboard", [dashboard.ids]
        )["snapshot"]
        formulas = [cell["content"] for cell in snapshot["sheets"][0]["cells"].values()]
        self.assertTrue(any("<1)" in f for f in formulas))

    def test_analyses_give_the_same_figures(self):
        Referral = (
            self.env["social.report.referral"]
            .with_user(self.coord)
            .with_context(allowed_company_ids=self.site.ids)
        )
        groups = Referral._read_group(
            [("date", ">=", "2025-01-01"), ("date", "<", "2026-01-01")],
            ["referrer_type"],
            ["referral_count:sum"],
        )
        self.assertEqual(dict(groups), {"doctor": 2, "nurse": 9})
        Procedure = (
            self.env["social.report.procedure"]
            .with_user(self.coord)
            .with_context(allowed_company_ids=self.site.ids)
        )
        [(count, days, amount)] = Procedure._read_group(
            [], [], ["procedure_count:sum", "days_to_answer:avg", "amount:sum"]
        )
        self.assertEqual((count, days, amount), (8, 12.5, 600.0))
        Intervention = (
            self.env["social.report.intervention"]
            .with_user(self.coord)
            .with_context(allowed_company_ids=self.site.ids)
        )
        groups = Intervention._read_group(
            [("date", ">=", "2025-01-01")], ["team_id"], ["intervention_count:sum", "duration:sum"]
        )
        self.assertEqual(
            {team.name: values for team, *values in groups},
            {"Team Alpha": [4, 210], "Team Beta": [1, 30]},
        )

    _summary = staticmethod(read_summary)

    def test_a_table_of_one_count_does_not_repeat_it_as_a_total(self):
        _content, book = self._workbook(self._wizard(self.head, for_publication=False))
        acts = self._table(book["Interventions and Time"], "Acts per type")
        self.assertEqual(acts["header"][:4], [None, "Acts", "Kind", "Hours"])
        listening = self.env.ref("social_case.intervention_type_interview_patient").name
        # 60 + 30 + 90 minutes in three acts
        self.assertEqual(acts[listening][:3], [3, "Listening and Support", 3.0])
        self.assertEqual(acts["Total"][:2], [5, None])

    def test_the_file_active_printed_counts_the_cases_of_today_after_refresh_now(self):
        # opened after the last computation of the file active
        self.env["social.case"].create(
            {
                "patient_id": self.env["res.partner"]
                .create({"name": "AR Patient late", "company_id": self.site.id})
                .id,
                "company_id": self.site.id,
                "team_id": self.team_b.id,
                "user_id": self.w2.id,
                "date_open": date(2025, 3, 10),
            }
        )
        # printed before Refresh Now: the figures of the last computation, which it dates
        wizard = self._wizard(self.head, for_publication=False)
        _content, book = self._workbook(wizard, refresh=False)
        active = self._table(book["File Active"], "Patients followed (file active) per team")
        self.assertEqual(active["Team Beta"][:3], [1, 0, 1])
        self.assertEqual(self._summary(book)["Patients followed (file active)"], 9)
        self.assertTrue(book["Summary"]["A6"].value.startswith("File active computed on "))
        # Refresh Now, then printed: counted
        _content, book = self._workbook(wizard)
        active = self._table(book["File Active"], "Patients followed (file active) per team")
        self.assertEqual(active["Team Beta"][:3], [2, 0, 2])
        self.assertEqual(self._summary(book)["Patients followed (file active)"], 10)

    def test_delayed_days_are_given_or_said_to_be_masked(self):
        self.env["social.discharge.plan"].create(
            {
                "case_id": self.alpha_new[3].id,
                "admission_date": date(2025, 5, 20),
                "medically_ready_date": date(2025, 6, 4),
                "actual_discharge_date": date(2025, 6, 10),
                "destination_type": "home",
            }
        )
        _content, book = self._workbook(self._wizard(self.head, for_publication=False))
        name = "Delayed days after the patient was medically ready"
        self.assertEqual(self._summary(book)[name], 6)
        discharges = self._table(book["Discharge"], "Discharges per destination")
        self.assertEqual(discharges["header"][:3], [None, "Discharges", "Delayed days"])
        self.assertEqual(discharges["Home"][:2], [1, 6])
        # one discharge is fewer than the threshold: the days are not printed, and the
        # summary says why instead of a blank cell
        _content, book = self._workbook(self._wizard(self.coord))
        self.assertEqual(self._summary(book)[name], "Masked: fewer than 5 discharges")

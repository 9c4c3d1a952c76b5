"""One definition per figure: each chapter of the annual report is the number its analysis
gives (what the pivot shows), the number the head of service's dashboard gives for the
same period when it shows it, and the number read back from the workbook, on a small site
whose every record is dated in 2025."""

import json
from datetime import date, datetime

from freezegun import freeze_time

from odoo.tests import new_test_user, tagged

from odoo.addons.social_case.tests.common_probe import ProbeCommon

from .common_report import annual_workbook, sheet_table, summary, table_total

START, END = datetime(2025, 1, 1), datetime(2026, 1, 1)


@tagged("post_install", "-at_install")
class TestAnnualFigures(ProbeCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.site = env["res.company"].create({"name": "Figures Site"})
        companies = [(6, 0, cls.site.ids)]
        cls.head = new_test_user(
            env,
            "af_head",
            groups="social_case.group_social_manager",
            company_id=cls.site.id,
            company_ids=companies,
        )
        worker = new_test_user(
            env,
            "af_worker",
            groups="social_case.group_social_worker",
            company_id=cls.site.id,
            company_ids=companies,
        )
        teams = env["social.team"].create(
            [
                {"name": name, "company_id": cls.site.id, "member_ids": [(6, 0, worker.ids)]}
                for name in ("AF Alpha", "AF Beta")
            ]
        )
        purpose = env.ref("social_case.consent_purpose_discharge_provider")
        cases = env["social.case"]
        for n, (team, opened) in enumerate(
            [
                (teams[0], date(2025, 2, 3)),
                (teams[0], date(2025, 2, 10)),
                (teams[1], date(2025, 3, 3)),
            ]
        ):
            case = env["social.case"].create(
                {
                    "patient_id": env["res.partner"]
                    .create({"name": f"AF Patient {n}", "company_id": cls.site.id})
                    .id,
                    "company_id": cls.site.id,
                    "team_id": team.id,
                    "user_id": worker.id,
                    "date_open": opened,
                }
            )
            env["social.consent"].create(
                {"case_id": case.id, "purpose_id": purpose.id, "date_given": opened}
            )
            cases |= case
        listening = env.ref("social_case.intervention_type_interview_patient")
        paperwork = env.ref("social_case.intervention_type_administrative_task")
        for case, type_, minutes, when in (
            (cases[0], listening, 60, datetime(2025, 3, 4, 10)),
            (cases[0], paperwork, 30, datetime(2025, 3, 5, 10)),
            (cases[2], listening, 90, datetime(2025, 4, 1, 10)),
            (cases[0], listening, 45, datetime(2024, 12, 30, 10)),  # last year
        ):
            with freeze_time(when):
                env["social.intervention"].create(
                    {
                        "case_id": case.id,
                        "type_id": type_.id,
                        "duration": minutes,
                        "user_id": worker.id,
                        "date": when,
                    }
                )
        for role, when in (
            ("doctor", datetime(2025, 3, 1, 9)),
            ("doctor", datetime(2025, 3, 2, 9)),
            ("nurse", datetime(2025, 4, 1, 9)),
            ("nurse", datetime(2024, 12, 31, 9)),  # last year
        ):
            with freeze_time(when):
                env["social.referral"].create(
                    {
                        "company_id": cls.site.id,
                        "referrer_type": role,
                        "date": when,
                        "reason": "AF reason",
                        "channel": "phone",
                    }
                )
        aid = env.ref("social_case.procedure_type_financial_aid")
        for case, state, answered in (
            (cases[0], "granted", date(2025, 5, 11)),
            (cases[1], "refused", date(2025, 5, 21)),
            (cases[2], "submitted", False),
        ):
            env["social.procedure"].create(
                {
                    "case_id": case.id,
                    "type_id": aid.id,
                    "state": state,
                    "submission_date": date(2025, 5, 1),
                    "answer_date": answered,
                    "amount": 100.0 if state == "granted" else 0.0,
                }
            )
        plan = env["social.discharge.plan"].create(
            {
                "case_id": cases[1].id,
                "admission_date": date(2025, 5, 20),
                "medically_ready_date": date(2025, 6, 4),
                "actual_discharge_date": date(2025, 6, 10),
                "destination_type": "home",
                "delay_reason_id": env.ref("social_discharge.delay_reason_no_place").id,
            }
        )
        providers = env["res.partner"].create([{"name": f"AF Provider {x}"} for x in "AB"])
        for provider, state in zip(providers, ("accepted", "refused"), strict=True):
            env["social.discharge.request"].create(
                {
                    "plan_id": plan.id,
                    "partner_id": provider.id,
                    "channel": "platform",
                    "state": state,
                    "date_sent": datetime(2025, 6, 2, 8),
                    "date_answer": date(2025, 6, 3),
                    "refusal_reason_id": state == "refused"
                    and env.ref("social_discharge.refusal_reason_no_bed").id,
                }
            )
        service = env["social.liaison.service"].create(
            {"name": "AF Volunteers", "company_id": cls.site.id}
        )
        liaison = env["social.liaison.request"].create(
            {
                "service_id": service.id,
                "patient_id": cases[0].patient_id.id,
                "case_id": cases[0].id,
                "purpose": "AF visit",
                "company_id": cls.site.id,
                "consent_given": True,
            }
        )
        # the request's moment is its creation's, stamped by the database's transaction
        env.cr.execute(
            "UPDATE social_liaison_request SET create_date = %s WHERE id = %s",
            (datetime(2025, 7, 1, 9), liaison.id),
        )
        liaison.invalidate_recordset(["create_date"])
        cases[2].write(
            {"stage_id": env.ref("social_case.stage_closed").id, "date_closed": date(2025, 9, 30)}
        )
        env["social.report.file.active"]._refresh()

    def pivot(self, model, measure, domain):
        """The analysis's figure as its pivot shows it to the head of service."""
        [(value,)] = (
            self.env[model]
            .with_user(self.head)
            .with_context(allowed_company_ids=self.site.ids)
            ._read_group(domain, [], [measure])
        )
        return value

    def dashboard(self, pivot_id, measure):
        """The dashboard's figure: its pivot ``pivot_id`` with the period filter on 2025."""
        dashboard = self.env.ref("social_reporting.spreadsheet_dashboard_head_of_service")
        spec = json.loads(dashboard.spreadsheet_data)["pivots"][pivot_id]
        [field] = [matching["chain"] for matching in spec["fieldMatching"].values()]
        domain = [*spec["domain"], (field, ">=", START), (field, "<", END)]
        return self.pivot(spec["model"], measure, domain)

    def test_every_chapter_is_the_analysis_and_the_dashboard(self):
        _content, book = annual_workbook(self.env, self.head, self.site, for_publication=False)
        key = summary(book)

        def printed(sheet, title):
            return table_total(sheet_table(book[sheet], title))

        def check(expected, pivot, cell, *others):
            self.assertEqual([pivot, cell, *others], [expected] * (2 + len(others)))

        year = [("date", ">=", START), ("date", "<", END)]
        # referrals: 2 in March, 1 in April
        referrals = self.pivot("social.report.referral", "referral_count:sum", year)
        check(
            3,
            referrals,
            printed("Referrals", "Referrals per month and source"),
            key["Referrals"],
            self.dashboard("1", "referral_count:sum"),
        )
        # the file active: the three cases, all new; one closed; one seen once
        months = [("date", ">=", date(2025, 1, 1)), ("date", "<", date(2026, 1, 1))]
        FileActive = "social.report.file.active"
        active = sheet_table(book["File Active"], "Patients followed (file active) per team")
        closed = sheet_table(book["File Active"], "Cases closed and patients seen once, per team")
        check(
            3,
            self.pivot(FileActive, "case_ref:count_distinct", months),
            table_total(active),
            key["Patients followed (file active)"],
        )
        check(
            3,
            self.pivot(FileActive, "new_count:sum", months),
            active["Total"][0],
            key["New patients"],
        )
        check(
            1,
            self.pivot(FileActive, "closed_count:sum", months),
            closed["Total"][0],
            key["Cases closed"],
        )
        check(
            1,
            self.pivot(FileActive, "seen_once_count:sum", months),
            closed["Total"][1],
            key["Patients seen once"],
        )
        # interventions: 3 acts in 2025, 150 minutes listening and 30 of paperwork
        Intervention = "social.report.intervention"
        check(
            3,
            self.pivot(Intervention, "intervention_count:sum", year),
            printed("Interventions and Time", "Acts per type"),
            key["Interventions (acts)"],
        )
        listening = [*year, ("kind", "=", "listening")]
        check(
            2.5,
            self.pivot(Intervention, "hours:sum", listening),
            key["Hours: Listening and Support"],
            # the dashboard's pivot of hours, per kind, with the period filter
            round(
                self.dashboard("5", "hours:sum")
                - self.pivot(Intervention, "hours:sum", [*year, ("kind", "=", "paperwork")]),
                1,
            ),
        )
        # procedures: 3 submitted in May, 1 granted
        submitted = [("submission_date", ">=", START.date()), ("submission_date", "<", END.date())]
        procedures = sheet_table(book["Procedures"], "Procedures per type and outcome")
        check(
            3,
            self.pivot("social.report.procedure", "procedure_count:sum", submitted),
            table_total(procedures),
            key["Procedures submitted"],
        )
        check(
            1,
            self.pivot(
                "social.report.procedure",
                "procedure_count:sum",
                [*submitted, ("state", "=", "granted")],
            ),
            procedures["Total"][0],
            key["Procedures granted"],
        )
        # discharges: one in June, six days after the patient was medically ready
        discharged = [
            ("actual_discharge_date", ">=", START.date()),
            ("actual_discharge_date", "<", END.date()),
        ]
        check(
            1,
            self.pivot("social.report.discharge", "plan_count:sum", discharged),
            printed("Discharge", "Discharges per destination"),
            key["Discharges"],
        )
        check(
            6,
            self.pivot("social.report.discharge", "delay_days:sum", discharged),
            sheet_table(book["Discharge"], "Discharges per destination")["Home"][1],
            key["Delayed days after the patient was medically ready"],
        )
        # requests to providers: two sent in June, one accepted
        sent = [("date_sent", ">=", START.date()), ("date_sent", "<", END.date())]
        check(
            2,
            self.pivot("social.report.discharge.request", "request_count:sum", sent),
            printed("Partners", "Requests to providers and their answers"),
            key["Requests to providers"],
        )
        # liaison: one request in July
        check(
            1,
            self.pivot("social.report.liaison", "request_count:sum", year),
            printed("Liaison", "Liaison requests per service"),
            key["Liaison requests"],
        )

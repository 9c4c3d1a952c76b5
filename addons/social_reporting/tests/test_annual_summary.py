"""The key figures of the annual report's summary, for publication: each masked on its own
by the small-count rule, and ``"×"`` only where its chapter's table masks it to protect a
small count. Every figure below is counted by hand from the records of ``setUpClass``."""

from datetime import date, datetime

from odoo.tests import TransactionCase, new_test_user, tagged

from .common_report import annual_workbook, sheet_table, summary


@tagged("post_install", "-at_install")
class TestAnnualSummary(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.site = env["res.company"].create({"name": "Summary Site"})
        companies = [(6, 0, cls.site.ids)]

        def user(login, groups):
            return new_test_user(
                env, login, groups=groups, company_id=cls.site.id, company_ids=companies
            )

        cls.head = user("sum_head", "social_case.group_social_manager")
        cls.coord = user("sum_coord", "social_case.group_social_coordinator")
        worker = user("sum_worker", "social_case.group_social_worker")
        Team = env["social.team"]
        members = [(6, 0, worker.ids)]
        alpha = Team.create(
            {"name": "Team Alpha", "company_id": cls.site.id, "member_ids": members}
        )
        beta = Team.create({"name": "Team Beta", "company_id": cls.site.id, "member_ids": members})

        def case(n, team, opened):
            return env["social.case"].create(
                {
                    "patient_id": env["res.partner"]
                    .create({"name": f"Summary Patient {n}", "company_id": cls.site.id})
                    .id,
                    "company_id": cls.site.id,
                    "team_id": team.id,
                    "user_id": worker.id,
                    "date_open": opened,
                }
            )

        # file active: Alpha 2 new and 1 followed from 2024, Beta 3 new
        cases = [case(n, alpha, date(2025, 2, 1 + n)) for n in range(2)]
        cases.append(case(2, alpha, date(2024, 5, 1)))
        cases += [case(n, beta, date(2025, 3, 1 + n)) for n in range(3, 6)]
        # one act in the year: Beta's first patient is seen once
        env["social.intervention"].create(
            {
                "case_id": cases[3].id,
                "type_id": env.ref("social_case.intervention_type_interview_patient").id,
                "duration": 30,
                "user_id": worker.id,
                "date": datetime(2025, 3, 10, 10),
            }
        )
        # referrals: March 6 by a doctor; April 1 by a doctor and 1 by a nurse
        days = [("doctor", 3, day) for day in range(1, 7)] + [("doctor", 4, 1), ("nurse", 4, 2)]
        env["social.referral"].create(
            [
                {
                    "company_id": cls.site.id,
                    "referrer_type": role,
                    "date": datetime(2025, month, day, 9),
                    "reason": "Summary reason",
                    "channel": "phone",
                }
                for role, month, day in days
            ]
        )
        # six financial aids granted, one per case
        aid = env.ref("social_case.procedure_type_financial_aid")
        env["social.procedure"].create(
            [
                {
                    "case_id": case_.id,
                    "type_id": aid.id,
                    "state": "granted",
                    "submission_date": date(2025, 4, 1),
                    "answer_date": date(2025, 4, 11),
                    "amount": 100.0,
                }
                for case_ in cases
            ]
        )

    def test_each_key_figure_is_masked_alone_unless_it_gives_a_masked_count_away(self):
        _content, book = annual_workbook(self.env, self.coord, self.site)
        # the chapters mask their tables as before: the file active per team is
        # 2, 1 | 3 and 3, 0 | 3; totals 5, 1 | 6 (the 5 and the 6 masked to protect the 1)
        active = sheet_table(book["File Active"], "Patients followed (file active) per team")
        self.assertEqual(active["Team Alpha"][:3], ["< 5", "< 5", "< 5"])
        self.assertEqual(active["Team Beta"][:3], ["< 5", 0, "< 5"])
        self.assertEqual(active["Total"][:3], ["×", "< 5", "×"])
        # referrals per month: 6, 0 | 6 and 1, 1 | 2; totals 7, 1 | 8
        referrals = sheet_table(book["Referrals"], "Referrals per month and source")
        self.assertEqual(referrals["header"][:4], [None, "Doctor", "Nurse", "Total"])
        self.assertEqual(referrals["2025-03"][:3], [6, 0, 6])
        self.assertEqual(referrals["2025-04"][:3], ["< 5", "< 5", "< 5"])
        self.assertEqual(referrals["Total"][:3], ["×", "< 5", "×"])
        figures = summary(book)
        # the 5 new patients: printed, every count the table masks keeps other values
        # (rows 2, 2 and 3, 0 give 5 new patients too, with 2 followed from before)
        self.assertEqual(figures["New patients"], 5)
        # the 6 patients followed would give away the 1 followed from before (6 - 5)
        self.assertEqual(figures["Patients followed (file active)"], "×")
        # the 8 referrals would give away April's 2 (8 - 6, March's printed total)
        self.assertEqual(figures["Referrals"], "×")
        # small on their own: "< 5"; zero and 5 or more: as they are
        self.assertEqual(figures["Patients seen once"], "< 5")
        self.assertEqual(figures["Interventions (acts)"], "< 5")
        self.assertEqual(figures["Cases closed"], 0)
        self.assertEqual(figures["Procedures submitted"], 6)
        self.assertEqual(figures["Procedures granted"], 6)
        self.assertEqual(figures["Hours: Listening and Support"], 0.5)
        for name in (
            "Discharges",
            "Delayed days after the patient was medically ready",
            "Requests to providers",
            "Liaison requests",
            "Financial aid granted",
            "Goals of the plans achieved",
        ):
            self.assertEqual(figures[name], 0, name)

    def test_the_internal_report_prints_every_key_figure(self):
        _content, book = annual_workbook(self.env, self.head, self.site, for_publication=False)
        figures = summary(book)
        self.assertEqual(figures["Patients followed (file active)"], 6)
        self.assertEqual(figures["New patients"], 5)
        self.assertEqual(figures["Patients seen once"], 1)
        self.assertEqual(figures["Referrals"], 8)
        self.assertEqual(figures["Interventions (acts)"], 1)

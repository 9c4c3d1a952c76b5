"""The file active analysis and the annual report's file active chapter on a site built by
the test, and the provider requests per provider type: every expected figure is counted by
hand from the records created in ``setUpClass``."""

import io
from datetime import date, datetime, timedelta

import openpyxl
from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.social_case.tests.common_probe import ProbeCommon

MEASURES = ["case_ref", "new_count", "seen_once_count", "closed_count"]
QUARTER = (("date", ">=", "2025-01-01"), ("date", "<", "2025-04-01"))


@tagged("post_install", "-at_install")
class TestFileActive(ProbeCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.site = env["res.company"].create({"name": "File Active Site"})
        companies = [(6, 0, cls.site.ids)]

        def user(login, groups):
            return new_test_user(
                env, login, groups=groups, company_id=cls.site.id, company_ids=companies
            )

        cls.head = user("fa_head", "social_case.group_social_manager")
        cls.fa_worker_a = user("fa_w1", "social_case.group_social_worker")
        cls.fa_worker_b = user("fa_w2", "social_case.group_social_worker")
        cls.fa_nurse = user("fa_nurse", "social_case.group_social_care")
        Team = env["social.team"]
        cls.team_a = Team.create(
            {"name": "FA Alpha", "company_id": cls.site.id, "member_ids": cls.fa_worker_a.ids}
        )
        cls.team_b = Team.create(
            {"name": "FA Beta", "company_id": cls.site.id, "member_ids": cls.fa_worker_b.ids}
        )
        Partner = env["res.partner"]
        patients = Partner.create(
            [{"name": f"FA Patient {n}", "company_id": cls.site.id} for n in range(4)]
        )

        def case(patient, team, worker, opened):
            return env["social.case"].create(
                {
                    "patient_id": patient.id,
                    "company_id": cls.site.id,
                    "team_id": team.id,
                    "user_id": worker.id,
                    "date_open": opened,
                }
            )

        listening = env.ref("social_case.intervention_type_interview_patient")

        def act(case_, when):
            env["social.intervention"].create(
                {
                    "case_id": case_.id,
                    "type_id": listening.id,
                    "duration": 30,
                    "user_id": case_.user_id.id,
                    "date": when,
                }
            )

        closed = env.ref("social_case.stage_closed").id
        # c1, Alpha: opened last year, still open, its only act in February
        cls.c1 = case(patients[0], cls.team_a, cls.fa_worker_a, date(2024, 11, 10))
        act(cls.c1, datetime(2025, 2, 5, 10))
        # c2, Alpha: opened in January (first case of patient 1), two acts, closed in February
        cls.c2 = case(patients[1], cls.team_a, cls.fa_worker_a, date(2025, 1, 15))
        act(cls.c2, datetime(2025, 1, 16, 10))
        act(cls.c2, datetime(2025, 2, 10, 10))
        cls.c2.write({"stage_id": closed, "date_closed": date(2025, 2, 20)})
        # c3, Beta: opened in February, its only act in March
        cls.c3 = case(patients[2], cls.team_b, cls.fa_worker_b, date(2025, 2, 1))
        act(cls.c3, datetime(2025, 3, 3, 10))
        # c4, Beta: patient 1 comes back in March: followed, not new
        cls.c4 = case(patients[1], cls.team_b, cls.fa_worker_b, date(2025, 3, 10))
        # c5, Alpha: closed on the last day of 2024, not in the file active of 2025
        cls.c5 = case(patients[3], cls.team_a, cls.fa_worker_a, date(2024, 6, 1))
        act(cls.c5, datetime(2024, 6, 2, 10))
        cls.c5.write({"stage_id": closed, "date_closed": date(2024, 12, 31)})
        # what the night's scheduled action does
        env["social.report.file.active"]._refresh()

    def _analysis(self, groupby, domain=QUARTER):
        groups = self.rpc(
            self.head, "social.report.file.active", "read_group", [list(domain), MEASURES, groupby]
        )
        key = groupby[0] if groupby else None
        return {
            (group[key][1] if isinstance(group[key], (list, tuple)) else group[key])
            if key
            else None: [group[m] for m in MEASURES]
            for group in groups
        }

    def test_file_active_per_month_team_and_worker_counted_by_hand(self):
        # January: c1, c2 followed, c2 new. February: c1, c2, c3 followed, c3 new, c1 seen
        # once, c2 closed. March: c1, c3, c4 followed (c4 is patient 1 again), c3 seen once.
        self.assertEqual(
            list(self._analysis(["date:month"]).values()),
            [[2, 1, 0, 0], [3, 1, 1, 1], [3, 0, 1, 0]],
        )
        # over the quarter, a case followed three months is one patient followed
        self.assertEqual(self._analysis([]), {None: [4, 2, 2, 1]})
        by_team = {"FA Alpha": [2, 1, 1, 1], "FA Beta": [2, 1, 1, 0]}
        self.assertEqual(self._analysis(["team_id"]), by_team)
        self.assertEqual(
            self._analysis(["user_id"]),
            {self.fa_worker_a.name: by_team["FA Alpha"], self.fa_worker_b.name: by_team["FA Beta"]},
        )
        self.assertEqual(self._analysis(["company_id"]), {self.site.name: [4, 2, 2, 1]})
        # nothing of the analysis names a patient or a case's file
        fields = self.env["social.report.file.active"]._fields
        self.assertFalse({"patient_id", "case_id", "name"} & set(fields))

    def test_annual_report_reads_the_same_figures_as_the_analysis(self):
        wizard = (
            self.env["social.report.annual.wizard"]
            .with_user(self.head)
            .with_context(allowed_company_ids=self.site.ids)
            .create(
                {
                    "company_ids": [(6, 0, self.site.ids)],
                    "lang": "en_US",
                    "date_from": date(2025, 1, 1),
                    "date_to": date(2025, 3, 31),
                    "for_publication": False,
                }
            )
        )
        content, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.head)
            .with_context(allowed_company_ids=self.site.ids)
            ._render_xlsx("social_reporting.annual_report", wizard.ids, {})
        )
        book = openpyxl.load_workbook(io.BytesIO(content))
        summary = {
            row[0]: row[1]
            for row in book["Summary"].iter_rows(min_row=8, values_only=True)
            if row[0]
        }
        followed, new, seen_once, closed = self._analysis([])[None]
        self.assertEqual(
            [
                summary["Patients followed (file active)"],
                summary["New patients"],
                summary["Patients seen once"],
                summary["Cases closed"],
            ],
            [followed, new, seen_once, closed],
        )
        self.assertEqual([followed, new, seen_once, closed], [4, 2, 2, 1])
        rows = list(book["File Active"].iter_rows(values_only=True))
        sheet = {row[0]: list(row[1:4]) for row in rows if row[0]}
        by_team = self._analysis(["team_id"])
        for team, (team_followed, team_new, team_seen_once, team_closed) in by_team.items():
            # the first table: new, followed before or returning, total; the second one:
            # closed, seen once, total (the team's row of the second table is read last)
            first = next(row for row in rows if row[0] == team)
            self.assertEqual(list(first[1:4]), [team_new, team_followed - team_new, team_followed])
            self.assertEqual(sheet[team][:2], [team_closed, team_seen_once])

    def _head_wizard(self):
        return self.rpc(
            self.head,
            "social.report.annual.wizard",
            "create",
            [{"company_ids": [(6, 0, self.site.ids)], "lang": "en_US"}],
        )

    def test_figures_are_those_of_the_last_refresh(self):
        """A case opened after the last computation is counted by the next one: the night's
        scheduled action, or the wizard's Refresh Now."""
        patient = self.env["res.partner"].create({"name": "FA Late Patient"})
        self.env["social.case"].create(
            {
                "patient_id": patient.id,
                "company_id": self.site.id,
                "team_id": self.team_b.id,
                "user_id": self.fa_worker_b.id,
                "date_open": date(2025, 2, 3),
            }
        )
        self.assertEqual(self._analysis([])[None], [4, 2, 2, 1])
        wizard_id = self._head_wizard()
        [before] = self.rpc(
            self.head, "social.report.annual.wizard", "read", [[wizard_id], ["file_active_date"]]
        )
        self.assertTrue(before["file_active_date"])
        with freeze_time(datetime.now() + timedelta(hours=3)):
            action = self.rpc(
                self.head,
                "social.report.annual.wizard",
                "action_refresh_file_active",
                [[wizard_id]],
            )
            # the wizard opens again, with the time of the new figures
            self.assertEqual(
                (action["res_model"], action["res_id"], action["target"]),
                ("social.report.annual.wizard", wizard_id, "new"),
            )
            [after] = self.rpc(
                self.head,
                "social.report.annual.wizard",
                "read",
                [[wizard_id], ["file_active_date"]],
            )
        self.assertGreater(after["file_active_date"], before["file_active_date"])
        self.assertEqual(self._analysis([])[None], [5, 3, 2, 1])

    def test_a_coordinator_computes_the_file_active_too(self):
        coordinator = new_test_user(
            self.env,
            "fa_coordinator",
            groups="social_case.group_social_coordinator",
            company_id=self.site.id,
            company_ids=[(6, 0, self.site.ids)],
        )
        self.c1.write({"team_id": self.team_b.id})
        wizard_id = self.rpc(
            coordinator,
            "social.report.annual.wizard",
            "create",
            [{"company_ids": [(6, 0, self.site.ids)], "lang": "en_US"}],
        )
        self.rpc(
            coordinator, "social.report.annual.wizard", "action_refresh_file_active", [[wizard_id]]
        )
        self.assertEqual(self._analysis(["team_id"])["FA Beta"][0], 3)

    def test_the_nightly_action_computes_the_file_active_again(self):
        cron = self.env.ref("social_reporting.ir_cron_refresh_file_active")
        self.assertTrue(cron.active)
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "days"))
        self.c1.write({"team_id": self.team_b.id})
        self.assertEqual(self._analysis(["team_id"])["FA Alpha"][0], 2)
        cron.method_direct_trigger()
        self.assertEqual(self._analysis(["team_id"])["FA Alpha"][0], 1)
        self.assertEqual(self._analysis(["team_id"])["FA Beta"][0], 3)

    def test_workers_and_the_care_team_get_no_file_active(self):
        for user in (self.fa_worker_a, self.fa_nurse):
            with self.assertRaises(AccessError):
                self.rpc(user, "social.report.file.active", "read_group", [[], MEASURES, []])
            with self.assertRaises(AccessError):
                self.rpc(user, "social.report.file.active", "search_read", [[], ["date"]])
            # nor may they have it computed again
            with self.assertRaises(AccessError):
                self.rpc(
                    user,
                    "social.report.annual.wizard",
                    "create",
                    [{"company_ids": [(6, 0, self.site.ids)], "lang": "en_US"}],
                )


@tagged("post_install", "-at_install")
class TestProviderTypes(ProbeCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.site = env["res.company"].create({"name": "Provider Type Site"})
        cls.pt_head = new_test_user(
            env,
            "pt_head",
            groups="social_case.group_social_manager",
            company_id=cls.site.id,
            company_ids=[(6, 0, cls.site.ids)],
        )
        Type = env["social.partner.type"]
        cls.nursing_home = Type.create({"name": "PT Nursing Home", "sequence": 1})
        cls.home_care = Type.create({"name": "PT Home Care", "sequence": 2})
        Partner = env["res.partner"]
        # nursing homes that also give home care count as nursing homes (their first type)
        both = Partner.create(
            [
                {
                    "name": f"PT Both {n}",
                    "social_partner_type_ids": [(6, 0, (cls.nursing_home | cls.home_care).ids)],
                }
                for n in range(3)
            ]
        )
        care = Partner.create(
            [
                {"name": f"PT Care {n}", "social_partner_type_ids": [(6, 0, cls.home_care.ids)]}
                for n in range(3)
            ]
        )
        case = env["social.case"].create(
            {
                "patient_id": Partner.create({"name": "PT Patient"}).id,
                "company_id": cls.site.id,
                "date_open": date(2025, 1, 2),
            }
        )
        plan = env["social.discharge.plan"].create(
            {"case_id": case.id, "admission_date": date(2025, 1, 2)}
        )
        sent = datetime(2025, 1, 6, 12)

        def request(partner, state, answered=None):
            env["social.discharge.request"].create(
                {
                    "plan_id": plan.id,
                    "partner_id": partner.id,
                    "channel": "email",
                    "state": state,
                    "date_sent": sent,
                    "date_answer": answered,
                    "refusal_reason": "PT no place" if state == "refused" else False,
                    "waiting_position": 3 if state == "waiting" else 0,
                }
            )

        # nursing homes (PT Both): accepted after 2 days, refused after 4 days, still sent
        request(both[0], "accepted", date(2025, 1, 8))
        request(both[1], "refused", date(2025, 1, 10))
        request(both[2], "sent")
        # home care: waiting list after 1 day, accepted after 3 days, accepted after 5
        request(care[0], "waiting", date(2025, 1, 7))
        request(care[1], "accepted", date(2025, 1, 9))
        request(care[2], "accepted", date(2025, 1, 11))

    def test_requests_per_provider_type_acceptance_rate_and_hours(self):
        measures = ["request_count", "accepted_count", "acceptance_rate", "hours_to_answer"]
        groups = self.rpc(
            self.pt_head,
            "social.report.discharge.request",
            "read_group",
            [[], measures, ["partner_type_id"]],
        )
        figures = {g["partner_type_id"][1]: [round(g[m], 1) for m in measures] for g in groups}
        # sent at noon, created answered on a day (its hour unknown: noon): 2 days = 48 h,
        # 4 days = 96 h (average 72 h); 1, 3 and 5 days = 24, 72 and 120 h (average 72 h)
        self.assertEqual(
            figures,
            {
                "PT Nursing Home": [3, 1, 50.0, 72.0],
                "PT Home Care": [3, 2, round(200 / 3, 1), 72.0],
            },
        )
        [total] = self.rpc(
            self.pt_head, "social.report.discharge.request", "read_group", [[], measures, []]
        )
        # every request once: 6 requests, 3 accepted of 5 answered
        self.assertEqual([round(total[m], 1) for m in measures[:3]], [6, 3, 60.0])

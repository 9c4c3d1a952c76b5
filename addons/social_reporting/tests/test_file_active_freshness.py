"""The file active is stored and computed again at night: wherever it is read, the moment
of its figures is shown, and the operations that change them (an anonymisation run, an
import of cases or interventions) have it computed again."""

from datetime import date, datetime

from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import SQL, format_datetime

from ..models.social_report_file_active import REFRESHED_PARAM
from .common_report import annual_workbook

COLUMNS = SQL(
    "date, company_id, team_id, user_id, case_ref, restricted, new_count, seen_once_count, "
    "closed_count"
)


@tagged("post_install", "-at_install")
class TestFileActiveFreshness(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.site = env["res.company"].create(
            {"name": "Freshness Site", "social_retention_years": 10}
        )
        companies = [(6, 0, cls.site.ids)]

        def user(login, groups):
            return new_test_user(
                env,
                login,
                groups=groups,
                company_id=cls.site.id,
                company_ids=companies,
                tz="Europe/Brussels",
            )

        cls.head = user("fresh_head", "social_case.group_social_manager")
        cls.coord = user("fresh_coord", "social_case.group_social_coordinator")
        cls.worker = user("fresh_worker", "social_case.group_social_worker")
        cls.team = env["social.team"].create(
            {"name": "Freshness Team", "company_id": cls.site.id, "member_ids": cls.worker.ids}
        )
        cls.patient = env["res.partner"].create(
            {"name": "Freshness Patient", "company_id": cls.site.id}
        )

        def case(opened, closed=None):
            values = {
                "patient_id": cls.patient.id,
                "company_id": cls.site.id,
                "team_id": cls.team.id,
                "user_id": cls.worker.id,
                "date_open": opened,
            }
            if closed:
                values.update(stage_id=env.ref("social_case.stage_closed").id, date_closed=closed)
            return env["social.case"].create(values)

        # the patient's first case, closed twelve years ago, and the one they came back with
        cls.old_case = case(date(2012, 1, 2), date(2014, 6, 30))
        cls.new_case = case(date(2025, 3, 1))
        cls.FileActive = env["social.report.file.active"]
        cls.FileActive._refresh()

    def _stale_rows(self):
        """The rows in which the analysis and its definition, run now, differ."""
        cr = self.env.cr
        self.env.flush_all()
        cr.execute(SQL("SELECT pg_get_viewdef(%s::regclass)", self.FileActive._table))
        now = SQL("(%s)", SQL(cr.fetchone()[0].strip().rstrip(";")))
        table = SQL.identifier(self.FileActive._table)
        cr.execute(
            SQL(
                """SELECT count(*) FROM (
                       (SELECT %(columns)s FROM %(now)s AS now
                        EXCEPT ALL SELECT %(columns)s FROM %(table)s)
                       UNION ALL
                       (SELECT %(columns)s FROM %(table)s
                        EXCEPT ALL SELECT %(columns)s FROM %(now)s AS now)) AS diff""",
                columns=COLUMNS,
                now=now,
                table=table,
            )
        )
        return cr.fetchone()[0]

    def _figures(self, case, measure):
        [ref] = self.FileActive._case_refs(case)
        rows = self.FileActive.search([("case_ref", "=", ref)])
        return sum(rows.mapped(measure))

    def test_the_analysis_and_the_report_say_when_the_figures_were_computed(self):
        self.env["ir.config_parameter"].set_param(REFRESHED_PARAM, "2026-03-04 05:06:07")
        menu = self.env.ref("social_reporting.social_report_file_active_menu")
        server_action = self.env.ref("social_reporting.social_report_file_active_action_open")
        self.assertEqual(menu.action, server_action)
        action = server_action.with_user(self.coord).with_context(lang="en_US").run()
        self.assertEqual(action["res_model"], "social.report.file.active")
        moment = format_datetime(
            self.env(user=self.coord, context={"lang": "en_US"}),
            datetime(2026, 3, 4, 5, 6, 7),
            dt_format="short",
        )
        # 05:06 UTC is 06:06 in Brussels in March
        self.assertIn("6:06", moment)
        self.assertEqual(action["name"], f"File Active Analysis, computed on {moment}")
        # the annual report prints the figures of that computation, and says when: printing
        # does not compute them again (every print would wait for all the cases)
        _content, book = annual_workbook(self.env, self.coord, self.site, refresh=False)
        self.assertEqual(self.FileActive._refreshed_at(), datetime(2026, 3, 4, 5, 6, 7))
        self.assertEqual(book["Summary"]["A6"].value, f"File active computed on {moment}")

    def test_an_anonymisation_run_computes_the_file_active_again(self):
        # the patient came back: their case of 2025 is followed, not new
        self.assertEqual(self._figures(self.new_case, "new_count"), 0)
        self.assertEqual(self._stale_rows(), 0)
        self.env["ir.config_parameter"].set_param(REFRESHED_PARAM, "2026-03-04 05:06:07")
        done = self.env["social.case"]._cron_anonymise()
        self.assertIn(self.old_case, done)
        # the first case no longer names the patient: the analysis answers as its
        # definition does now, where the case of 2025 is the patient's first
        self.assertEqual(self._stale_rows(), 0)
        self.assertEqual(self._figures(self.new_case, "new_count"), 1)
        self.assertGreater(self.FileActive._refreshed_at(), datetime(2026, 3, 4, 5, 6, 7))

    def test_an_import_has_the_file_active_computed_again(self):
        cron = self.env.ref("social_reporting.ir_cron_refresh_file_active")
        Trigger = self.env["ir.cron.trigger"].sudo()
        triggers = Trigger.search_count([("cron_id", "=", cron.id)])
        listening = self.env.ref("social_case.intervention_type_interview_patient")
        result = (
            self.env["social.intervention"]
            .with_user(self.head)
            .with_context(allowed_company_ids=self.site.ids)
            .load(
                ["case_id/.id", "type_id/.id", "user_id/.id", "duration", "date"],
                [
                    [
                        str(self.new_case.id),
                        str(listening.id),
                        str(self.worker.id),
                        "30",
                        "2025-03-05 10:00:00",
                    ]
                ],
            )
        )
        self.assertFalse(result["messages"], result["messages"])
        self.assertEqual(len(result["ids"]), 1)
        # the patient seen once is not in the figures yet: the scheduled action is due
        self.assertEqual(self._figures(self.new_case, "seen_once_count"), 0)
        self.assertTrue(self._stale_rows())
        self.assertEqual(Trigger.search_count([("cron_id", "=", cron.id)]), triggers + 1)
        cron.method_direct_trigger()
        self.assertEqual(self._stale_rows(), 0)
        self.assertEqual(self._figures(self.new_case, "seen_once_count"), 1)
        # an import of cases too
        patient = self.env["res.partner"].create({"name": "Freshness Imported"})
        result = self.env["social.case"].load(
            ["patient_id/.id", "company_id/.id", "team_id/.id", "date_open"],
            [[str(patient.id), str(self.site.id), str(self.team.id), "2025-04-01"]],
        )
        self.assertFalse(result["messages"], result["messages"])
        self.assertEqual(Trigger.search_count([("cron_id", "=", cron.id)]), triggers + 2)

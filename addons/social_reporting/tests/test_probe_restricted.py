from datetime import date

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.social_case.tests.common_probe import ProbeCommon

# the analyses built from cases, and what points from each row at a record of the case file
CASE_ANALYSES = (
    "social.report.caseload",
    "social.report.intervention",
    "social.report.procedure",
    "social.report.discharge",
    "social.report.discharge.request",
    "social.report.file.active",
)


@tagged("post_install", "-at_install")
class TestAnalysesOfRestrictedCases(ProbeCommon):
    """SECURITY.md "Analyses that name nothing the reader may not read": a coordinator, who
    may not read a restricted case, learns nothing of it through an analysis; the annual
    report is published only for whole sites over a calendar year."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        today = fields.Date.context_today(cls.env.user)
        cls.intervention_restricted = env["social.intervention"].create(
            {
                "case_id": cls.case_restricted.id,
                "type_id": cls.interview.id,
                "user_id": cls.worker_b.id,
            }
        )
        cls.plan_restricted = env["social.discharge.plan"].create(
            {"case_id": cls.case_restricted.id, "admission_date": today}
        )
        provider = env["res.partner"].create({"name": "Probe Nursing Home", "is_company": True})
        cls.request_restricted = env["social.discharge.request"].create(
            {"plan_id": cls.plan_restricted.id, "partner_id": provider.id, "channel": "phone"}
        )
        cls.request_restricted.sudo().write({"state": "sent", "date_sent": fields.Datetime.now()})
        env.flush_all()
        env["social.report.file.active"]._refresh()
        # what points at the restricted case in each analysis
        cls.restricted_rows = {
            "social.report.caseload": (cls.case_restricted | cls.case_minor).ids,
            "social.report.intervention": cls.intervention_restricted.ids,
            "social.report.procedure": cls.procedure_restricted.ids,
            "social.report.discharge": cls.plan_restricted.ids,
            "social.report.discharge.request": cls.request_restricted.ids,
        }

    def test_no_row_of_a_restricted_case_for_the_coordinator(self):
        for model in CASE_ANALYSES:
            with self.labelled(model=model):
                mine = self.rpc(self.coordinator, model, "search_read", [[], ["id"]])
                everything = self.rpc(self.manager, model, "search_read", [[], ["id"]])
                ids = {row["id"] for row in mine}
                self.assertTrue(ids, "the coordinator reads the analysis")
                self.assertLess(len(ids), len(everything), "the Manager reads more rows")
                for id_ in self.restricted_rows.get(model, ()):
                    self.assertNotIn(id_, ids)
                    self.assertIn(id_, {row["id"] for row in everything})
                # asked directly, or by the flag, the rows are not there either
                restricted = self.rpc(self.manager, model, "search", [[("restricted", "=", True)]])
                self.assertTrue(restricted)
                self.assertEqual(
                    self.rpc(self.coordinator, model, "search_count", [[("id", "in", restricted)]]),
                    0,
                )
                self.assertEqual(
                    self.rpc(self.coordinator, model, "search", [[("restricted", "=", True)]]),
                    [],
                )

    def test_groups_of_the_coordinator_count_no_restricted_case(self):
        """By team and referent, the restricted and minor's cases of team B (referent:
        worker B) are not counted for the coordinator; the Manager counts them."""
        for model, measure in (
            ("social.report.caseload", "case_count:sum"),
            ("social.report.file.active", "case_ref:count_distinct"),
        ):
            with self.labelled(model=model):
                domain = [("team_id", "=", self.team_b.id)]
                counts = {}
                for user in (self.coordinator, self.manager):
                    groups = self.rpc(user, model, "read_group", [domain, [measure], ["user_id"]])
                    counts[user] = {
                        group["user_id"][0]: group[measure.split(":")[0]] for group in groups
                    }
                self.assertEqual(counts[self.coordinator], {self.worker_b.id: 1})
                self.assertEqual(counts[self.manager], {self.worker_b.id: 3})

    def test_the_file_active_names_no_case(self):
        rows = self.rpc(
            self.manager,
            "social.report.file.active",
            "search_read",
            [[], ["id", "case_ref", "team_id", "user_id"]],
        )
        case_ids = set(
            self.env["social.case"].sudo().with_context(active_test=False).search([]).ids
        )
        self.assertTrue(rows)
        self.assertFalse({row["case_ref"] for row in rows} & case_ids)
        # the row's id is a row number, not a case's id times a month
        self.assertFalse({row["id"] // 1000000 for row in rows} & case_ids)
        refs = self.env["social.report.file.active"]._case_refs(self.case_b)
        own = [row for row in rows if row["case_ref"] == refs[0]]
        self.assertEqual({row["team_id"][0] for row in own}, {self.team_b.id})

    def test_the_publication_is_a_whole_site_over_a_calendar_year(self):
        year = fields.Date.today().year - 1
        Wizard = "social.report.annual.wizard"
        refused = {
            "a team": {"team_ids": [(6, 0, self.team_b.ids)]},
            "a quarter": {"date_from": date(year, 1, 1), "date_to": date(year, 3, 31)},
            "overlapping years": {"date_from": date(year, 7, 1), "date_to": date(year + 1, 6, 30)},
            "two years": {"date_from": date(year - 1, 1, 1), "date_to": date(year, 12, 31)},
            "to this day": {"date_from": date(year + 1, 1, 1), "date_to": fields.Date.today()},
        }
        for label, vals in refused.items():
            with self.labelled(cut=label):
                vals = dict(vals, company_ids=[(6, 0, self.coordinator.company_ids.ids)])
                with self.assertRefused(exceptions=(UserError,)) as caught:
                    wizard_id = self.rpc(self.coordinator, Wizard, "create", [vals])
                    self.rpc(self.coordinator, Wizard, "action_print", [[wizard_id]])
                self.assertIn("calendar year", str(caught.exception))
        # the default options are last year's, for the whole site: printed
        wizard_id = self.rpc(self.coordinator, Wizard, "create", [{}])
        options = self.rpc(
            self.coordinator, Wizard, "read", [[wizard_id], ["date_from", "date_to"]]
        )
        self.assertEqual(
            (options[0]["date_from"], options[0]["date_to"]),
            (date(year, 1, 1), date(year, 12, 31)),
        )
        action = self.rpc(self.coordinator, Wizard, "action_print", [[wizard_id]])
        self.assertEqual(action["report_name"], "social_reporting.annual_report")
        # another cut is the Manager's internal report, and it is logged
        wizard_id = self.rpc(
            self.manager,
            Wizard,
            "create",
            [{"for_publication": False, "team_ids": [(6, 0, self.team_b.ids)]}],
        )
        self.rpc(self.manager, Wizard, "action_print", [[wizard_id]])

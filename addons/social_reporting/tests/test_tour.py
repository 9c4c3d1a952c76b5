from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestMorningTour(HttpCase):
    """The head of service opens the dashboard every morning, computes the file active
    again, downloads the annual report (the internal version, which the access log
    records) and opens the file active analysis."""

    def test_head_of_service_opens_the_dashboard_and_downloads_the_annual_report(self):
        head = new_test_user(
            self.env,
            "tour_head",
            groups="social_case.group_social_manager",
            action_id=self.env.ref("social_reporting.social_dashboard_action").id,
        )
        # a case opened today is in the file active once it is computed again
        patient = self.env["res.partner"].create({"name": "Tour Patient Opened Today"})
        case = self.env["social.case"].create(
            {"patient_id": patient.id, "user_id": self.env.ref("social_case.user_socialworker").id}
        )
        FileActive = self.env["social.report.file.active"]
        self.env.flush_all()
        case_ref = FileActive._case_refs(case)[0]
        self.assertFalse(FileActive.search_count([("case_ref", "=", case_ref)]))
        self.start_tour("/odoo", "social_reporting_morning_tour", login="tour_head")
        self.assertEqual(FileActive.search_count([("case_ref", "=", case_ref)]), 1)
        log = self.env["social.case.access.log"].search(
            [("user_id", "=", head.id), ("res_model", "=", "social.report.annual")]
        )
        self.assertEqual(log.mapped("operation"), ["export"], "the workbook was produced")

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestMorningTour(HttpCase):
    """The head of service opens the dashboard every morning, then downloads the annual
    report (the internal version, which the access log records)."""

    def test_head_of_service_opens_the_dashboard_and_downloads_the_annual_report(self):
        head = new_test_user(
            self.env,
            "tour_head",
            groups="social_case.group_social_manager",
            action_id=self.env.ref("social_reporting.social_dashboard_action").id,
        )
        self.start_tour("/odoo", "social_reporting_morning_tour", login="tour_head")
        log = self.env["social.case.access.log"].search(
            [("user_id", "=", head.id), ("res_model", "=", "social.report.annual")]
        )
        self.assertEqual(log.mapped("operation"), ["export"], "the workbook was produced")

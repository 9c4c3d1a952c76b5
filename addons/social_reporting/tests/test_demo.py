from datetime import timedelta

from odoo import fields
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemo(TransactionCase):
    """The demo's head of service opens the dashboard on figures, not on empty tables: its
    default period, the last 7 days, holds referrals and the hours to their first contact.
    The demo's dates are set when it is installed: the week is the one before the install,
    so that a test database built days ago still answers the same."""

    def test_the_dashboards_week_has_referrals_and_first_contacts(self):
        head = self.env.ref("social_case.user_manager")
        self.assertEqual(
            head.action_id.id, self.env.ref("social_reporting.social_dashboard_action").id
        )
        # the end of the demo's install: its last referral was recorded then
        installed = (
            self.env["social.referral"].search([], order="create_date desc", limit=1).create_date
        )
        week = installed - timedelta(days=7)
        [total] = (
            self.env["social.report.referral"]
            .with_user(head)
            .read_group(
                [("date", ">=", week), ("date", "<=", installed)],
                ["referral_count:sum", "contacted_count:sum", "hours_to_first_contact:avg"],
                [],
            )
        )
        self.assertGreaterEqual(total["referral_count"], 4)
        self.assertGreater(total["hours_to_first_contact"], 0)
        contacted = self.env["social.referral"].search(
            [("date", ">=", week), ("date", "<=", installed), ("first_contact_date", "!=", False)]
        )
        # the hours are those of the contacted referrals only, not zeros for the others
        self.assertEqual(total["contacted_count"], len(contacted))
        self.assertLess(total["contacted_count"], total["referral_count"])
        self.assertAlmostEqual(
            total["hours_to_first_contact"],
            sum(contacted.mapped("hours_to_first_contact")) / len(contacted),
            places=1,
        )
        # a first contact is never before the referral, nor in the future
        for referral in contacted:
            self.assertLessEqual(referral.date, referral.first_contact_date)
            self.assertLessEqual(referral.first_contact_date, fields.Datetime.now())

    def test_the_dashboard_shows_a_plan_waiting_for_sign_off(self):
        """The demo's social worker has a plan waiting for her coordinator's sign-off: the
        head of service's per-worker table does not open on a column of zeros."""
        head = self.env.ref("social_case.user_manager")
        worker = self.env.ref("social_case.user_socialworker")
        [total] = (
            self.env["social.report.caseload"]
            .with_user(head)
            .read_group([("user_id", "=", worker.id)], ["plan_waiting_count:sum"], [])
        )
        self.assertGreaterEqual(total["plan_waiting_count"], 1)

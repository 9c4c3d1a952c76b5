from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSmallCountSetting(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_site = cls.env["res.company"].create({"name": "Reporting Other Site"})
        cls.admin = new_test_user(
            cls.env,
            "rep_settings_admin",
            groups="base.group_system,social_case.group_social_manager",
            company_ids=[(6, 0, (cls.env.company | cls.other_site).ids)],
        )

    def test_the_threshold_is_five_by_default_and_set_per_site(self):
        settings = self.env["res.config.settings"].with_user(self.admin).create({})
        self.assertEqual(settings.social_report_small_count, 5)
        arch = settings.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="social_report_small_count"', arch)
        settings.social_report_small_count = 10
        settings.execute()
        self.assertEqual(self.env.company.social_report_small_count, 10)
        self.assertEqual(self.other_site.social_report_small_count, 5)

    def test_a_threshold_that_masks_nothing_is_refused(self):
        for value in (0, 1, -3, 101):
            with self.subTest(value=value), self.assertRaises(ValidationError) as caught:
                self.env["res.config.settings"].with_user(self.admin).create(
                    {"social_report_small_count": value}
                ).execute()
            self.assertIn("between 2 and 100", str(caught.exception))

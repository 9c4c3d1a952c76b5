from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoHospital(TransactionCase):
    """The demo database is a fictitious Brussels hospital with two sites kept apart."""

    def setUp(self):
        super().setUp()
        self.site = self.env.ref("social_case.company_schaerbeek", raise_if_not_found=False)
        if not self.site:
            self.skipTest("the database has no demo data")
        self.main = self.env.ref("base.main_company")
        self.schaerbeek_cases = self.env.ref("social_case.case_schaerbeek_1") | self.env.ref(
            "social_case.case_schaerbeek_2"
        )

    def test_each_site_sees_only_its_own_cases(self):
        site_worker = self.env.ref("social_case.user_socialworker_schaerbeek")
        main_worker = self.env.ref("social_case.user_socialworker")
        maria = self.env.ref("social_case.case_maria")
        seen = self.env["social.case"].with_user(site_worker).search([])
        self.assertEqual(seen, self.schaerbeek_cases)
        with self.assertRaises(AccessError):
            maria.with_user(site_worker).read(["name"])
        seen = self.env["social.case"].with_user(main_worker).search([])
        self.assertIn(maria, seen)
        self.assertFalse(seen & self.schaerbeek_cases)
        with self.assertRaises(AccessError):
            self.schaerbeek_cases[0].with_user(main_worker).read(["name"])

    def test_the_head_of_service_sees_both_sites_when_both_are_selected(self):
        manager = self.env.ref("social_case.user_manager")
        both = (self.main | self.site).ids
        cases = self.env["social.case"].with_user(manager).with_context(allowed_company_ids=both)
        seen = cases.search([])
        self.assertLessEqual(self.schaerbeek_cases, seen)
        self.assertIn(self.env.ref("social_case.case_maria"), seen)
        only_main = cases.with_context(allowed_company_ids=self.main.ids).search([])
        self.assertFalse(only_main & self.schaerbeek_cases)

    def test_the_address_book_speaks_french_and_dutch(self):
        """What Odoo itself names (countries, its menus) reads in French and Dutch too."""
        maria = self.env.ref("social_case.case_maria").patient_id
        self.assertEqual(maria.country_id, self.env.ref("base.be"))
        names = {
            lang: maria.with_context(lang=lang).country_id.name
            for lang in ("en_US", "fr_FR", "nl_BE")
        }
        self.assertEqual(names, {"en_US": "Belgium", "fr_FR": "Belgique", "nl_BE": "België"})
        contacts = self.env.ref("contacts.menu_contacts")
        self.assertEqual(contacts.with_context(lang="nl_BE").name, "Contacten")

    def test_every_addons_demo_data_is_loaded(self):
        """Odoo installs an addon without its demo data when loading it fails, and says so
        only in the log: the demo would then silently lack what the README shows."""
        failures = self.env["ir.demo_failure"].search([])
        self.assertFalse([f"{f.module_id.name}: {(f.error or '')[-300:]}" for f in failures])
        modules = self.env["ir.module.module"].search(
            [("name", "=like", "social_%"), ("state", "=", "installed")]
        )
        self.assertFalse(modules.filtered(lambda m: not m.demo).mapped("name"))

    def test_the_demo_hospital_writes_its_chatter_in_french(self):
        """Both sites are French-speaking: what the system wrote in the demo cases' chatter
        reads in French, whoever loaded the demo."""
        for site in (self.main, self.site):
            self.assertEqual(site.partner_id.lang, "fr_FR")
        for case in (self.env.ref("social_case.case_maria"), self.schaerbeek_cases[0]):
            bodies = " ".join(case.message_ids.mapped("body"))
            self.assertIn("Dossier social créé", bodies)
            self.assertNotIn("Social Case created", bodies)

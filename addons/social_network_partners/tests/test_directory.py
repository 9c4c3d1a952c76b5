import importlib.util
from datetime import timedelta
from pathlib import Path

from lxml import etree

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import SocialNetworkCommon


@tagged("post_install", "-at_install")
class TestDirectory(SocialNetworkCommon):
    def test_partner_type_sets_directory_flag(self):
        partner = self.env["res.partner"].create({"name": "Plain Company", "is_company": True})
        self.assertFalse(partner.social_is_partner)
        partner.social_partner_type_ids = self.type_nursing_home
        self.assertTrue(partner.social_is_partner)
        self.assertIn(partner, self.env["res.partner"].search([("social_is_partner", "=", True)]))

    def test_directory_search_by_name_type_or_need(self):
        """Typing "nursing" in the directory finds the home-nursing services."""
        home_nursing = self.env.ref("social_network_partners.partner_type_home_nursing")
        nurses = self._make_partner(
            "Test Soins Chez Soi",
            social_partner_type_ids=[(6, 0, home_nursing.ids)],
            social_need_type_ids=[(6, 0, self.need_home_care.ids)],
        )
        home = self._make_partner("Test Residence Les Tilleuls")
        view = (
            self.env["res.partner"]
            .with_user(self.worker_a)
            .get_view(
                self.env.ref("social_network_partners.res_partner_view_search_social_directory").id,
                "search",
            )
        )
        node = etree.fromstring(view["arch"]).xpath("//field[@name='name']")[0]
        self.assertEqual(node.get("string"), "Name, Type or Need")
        Directory = self.env["res.partner"].with_user(self.worker_a)
        action_domain = [("social_is_partner", "=", True)]

        def search(text):
            domain = safe_eval(node.get("filter_domain"), {"self": text})
            return Directory.search(action_domain + domain)

        self.assertIn(nurses, search("nursing"))  # by type and by need
        self.assertIn(nurses, search("Soins Chez"))  # by name
        self.assertIn(home, search("Nursing home"))  # by type
        self.assertNotIn(home, search("Soins Chez"))
        self.assertFalse(search("no such partner anywhere"))

    def test_catalogue_holds_every_type_of_the_spec(self):
        codes = set(self.env["social.partner.type"].search([]).mapped("code"))
        for code in (
            "cpas", "insurer", "home_nursing", "home_help", "meals", "equipment", "transport",
            "nursing_home", "rehabilitation", "convalescence", "palliative",
            "home_hospitalisation", "maison_medicale", "debt_mediation", "justice_peace",
            "lawyer", "police", "victim_support", "child_protection", "foreigners_aid",
            "fedasil", "patient_association", "foundation",
        ):  # fmt: skip
            self.assertIn(code, codes)

    def test_availability_outdated_after_configured_days(self):
        today = fields.Date.context_today(self.env["res.partner"])
        fresh = self._make_partner("Fresh Home", social_availability_date=today)
        old = self._make_partner("Old Home", social_availability_date=today - timedelta(days=40))
        never = self._make_partner("Never Confirmed", social_availability_date=False)
        company = self.env.company
        company.social_partner_stale_days = 30
        self.env.invalidate_all()
        self.assertFalse(fresh.social_availability_stale)
        self.assertTrue(old.social_availability_stale)
        self.assertTrue(never.social_availability_stale)
        stale = self.env["res.partner"].search([("social_availability_stale", "=", True)])
        self.assertIn(old, stale)
        self.assertIn(never, stale)
        self.assertNotIn(fresh, stale)
        # a longer validity set by the manager makes the 40-day-old confirmation valid again
        company.social_partner_stale_days = 60
        self.env.invalidate_all()
        self.assertFalse(old.social_availability_stale)
        self.assertNotIn(
            old, self.env["res.partner"].search([("social_availability_stale", "=", True)])
        )

    def test_settings_write_the_sites_delays(self):
        """Settings change the delays of the site selected; a worker of that site reads
        them (no system parameter), and the migration makes the earlier database-wide
        delays every site's."""
        settings = self.env["res.config.settings"].create(
            {"social_partner_stale_days": 14, "social_partner_recent_use_days": 30}
        )
        settings.execute()
        company = self.env.company
        self.assertEqual(company.social_partner_stale_days, 14)
        self.assertEqual(company.social_partner_recent_use_days, 30)
        today = fields.Date.context_today(self.env["res.partner"])
        checked = today - timedelta(days=20)
        partner = self._make_partner("Checked Home", social_availability_date=checked)
        self.assertTrue(partner.with_user(self.worker_a).social_availability_stale)

        params = self.env["ir.config_parameter"]
        params.set_param("social_network_partners.availability_stale_days", "45")
        params.set_param("social_network_partners.recent_use_days", "120")
        path = Path(__file__).parents[1] / "migrations" / "18.0.1.2.0" / "post-migrate.py"
        spec = importlib.util.spec_from_file_location("post_migrate_network", path)
        script = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(script)
        script.migrate(self.env.cr, "18.0.1.1.0")
        companies = self.env["res.company"].search([])
        self.assertEqual(set(companies.mapped("social_partner_stale_days")), {45})
        self.assertEqual(set(companies.mapped("social_partner_recent_use_days")), {120})
        self.assertFalse(params.get_param("social_network_partners.availability_stale_days"))
        self.assertFalse(params.get_param("social_network_partners.recent_use_days"))
        partner.invalidate_recordset()
        self.assertFalse(partner.with_user(self.worker_a).social_availability_stale)

    def test_evaluation_average(self):
        partner = self._make_partner("Rated Home")
        evaluations = self.env["social.partner.evaluation"].with_user(self.worker_a)
        evaluations.create({"partner_id": partner.id, "rating": "5", "comment": "Great"})
        evaluations.create({"partner_id": partner.id, "rating": "2"})
        self.env.invalidate_all()
        self.assertAlmostEqual(partner.social_rating_avg, 3.5)
        self.assertEqual(partner.social_evaluation_count, 2)

    def test_evaluation_visible_to_social_workers_only(self):
        partner = self._make_partner("Secretly Rated Home")
        evaluation = (
            self.env["social.partner.evaluation"]
            .with_user(self.worker_a)
            .create({"partner_id": partner.id, "rating": "1", "comment": "Rude on the phone"})
        )
        self.env.invalidate_all()
        # another social worker reads it, cannot change it
        self.assertEqual(evaluation.with_user(self.worker_b).comment, "Rude on the phone")
        with self.assertRaises(AccessError):
            evaluation.with_user(self.worker_b).write({"rating": "5"})
        with self.assertRaises(AccessError):
            self.env["social.partner.evaluation"].with_user(self.worker_b).create(
                {"partner_id": partner.id, "rating": "5", "user_id": self.worker_a.id}
            )
        for user in (self.nurse, self.volunteer, self.plain_user):
            self.env.invalidate_all()
            with self.assertRaises(AccessError):
                evaluation.with_user(user).read(["comment"])
            with self.assertRaises(AccessError):
                partner.with_user(user).read(["social_rating_avg"])
            self.assertNotIn("social_evaluation_ids", partner.with_user(user).fields_get())

    def test_directory_fields_hidden_from_other_employees(self):
        partner = self._make_partner("Hidden Home", social_capacity=3)
        self.env.invalidate_all()
        for fname in ("social_capacity", "social_partner_type_ids", "social_referral_instructions"):
            with self.assertRaises(AccessError):
                partner.with_user(self.plain_user).read([fname])
            self.assertNotIn(fname, partner.with_user(self.plain_user).fields_get())
        # the rest of the address book stays as Odoo makes it
        self.assertEqual(partner.with_user(self.plain_user).name, "Hidden Home")
        # social staff see the directory, only workers see the needs
        self.assertEqual(partner.with_user(self.nurse).social_capacity, 3)
        with self.assertRaises(AccessError):
            partner.with_user(self.nurse).read(["social_need_type_ids"])
        self.assertEqual(
            partner.with_user(self.worker_a).social_need_type_ids, self.need_nursing_home
        )

    def test_social_worker_maintains_the_directory(self):
        partner = self._make_partner("Updated Home")
        partner.with_user(self.worker_a).write(
            {"social_capacity": 4, "social_availability_date": fields.Date.today()}
        )
        self.assertEqual(partner.social_capacity, 4)
        with self.assertRaises(AccessError):
            partner.with_user(self.nurse).write({"social_capacity": 0})
        with self.assertRaises(AccessError):
            partner.with_user(self.worker_a).unlink()

    def test_demo_directory(self):
        partners = self.env["res.partner"].search([("social_is_partner", "=", True)])
        self.assertGreaterEqual(len(partners), 60)
        types = self.env["social.partner.type"].search([])
        self.assertEqual(partners.social_partner_type_ids, types, "every type has partners")

from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import SocialNetworkCommon

# queries of the ranking (the partners the user may read, ranked and cut in one query, the
# settings) and of a search of the wizard: they do not grow with the directory
RANK_QUERIES = 4
FINDER_QUERIES = 6


@tagged("post_install", "-at_install")
class TestFinder(SocialNetworkCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.need = cls.env["social.need.type"].create(
            {"name": "Test Need Finder", "category": "housing"}
        )

    def _partner(self, name, **values):
        values.setdefault("social_need_type_ids", [(6, 0, self.need.ids)])
        return self._make_partner(name, **values)

    def _find(self, zip_code="1030", language=None, user=None):
        model = self.env["res.partner"].with_user(user or self.worker_a)
        ranked = model._social_rank_partners(self.need, zip_code, language)
        return model.browse([partner.id for partner, _criteria in ranked])

    def test_only_partners_answering_the_need(self):
        answering = self._partner("Answers")
        other = self._make_partner("Other Need")
        found = self._find()
        self.assertIn(answering, found)
        self.assertNotIn(other, found)

    def test_territory_match_ranks_first(self):
        far = self._partner(
            "Far but great",
            social_territory_ids=[(6, 0, self.t1050.ids)],
            social_capacity=10,
            social_waiting_days=0,
        )
        near = self._partner(
            "Near and busy",
            social_territory_ids=[(6, 0, self.t1030.ids)],
            social_capacity=0,
            social_waiting_days=60,
        )
        self.assertEqual(self._find("1030")[:2].ids, [near.id, far.id])
        self.assertEqual(self._find("1050")[:2].ids, [far.id, near.id])

    def test_language_then_capacity_then_waiting_then_rating(self):
        common = {"social_territory_ids": [(6, 0, self.t1030.ids)]}
        speaks = self._partner(
            "Speaks Portuguese",
            social_language_ids=[(6, 0, self.lang_pt.ids)],
            social_capacity=0,
            **common,
        )
        full = self._partner("Full", social_capacity=0, social_waiting_days=1, **common)
        free_slow = self._partner("Free slow", social_capacity=2, social_waiting_days=30, **common)
        free_fast = self._partner("Free fast", social_capacity=2, social_waiting_days=3, **common)
        free_fast_rated = self._partner(
            "Free fast rated", social_capacity=2, social_waiting_days=3, **common
        )
        self.env["social.partner.evaluation"].with_user(self.worker_a).create(
            {"partner_id": free_fast_rated.id, "rating": "5"}
        )
        found = self._find("1030", self.lang_pt)
        self.assertEqual(
            found.ids, [speaks.id, free_fast_rated.id, free_fast.id, free_slow.id, full.id]
        )

    def test_recent_use_breaks_ties(self):
        first = self._partner("Alpha unused")
        used = self._partner("Zulu used")
        self.assertEqual(self._find().ids, [first.id, used.id])
        self.env["social.intervention"].create(
            {
                "case_id": self.case.id,
                "type_id": self.env.ref("social_case.intervention_type_partner_contact").id,
                "partner_id": used.id,
                "duration": 10,
            }
        )
        self.assertEqual(self._find().ids, [used.id, first.id])
        # contacts older than the configured window do not count
        self.env["social.intervention"].search([("partner_id", "=", used.id)]).date = (
            fields.Datetime.now() - timedelta(days=200)
        )
        self.assertEqual(self._find().ids, [first.id, used.id])

    def test_wizard_from_case_prefilled_and_logs_contact(self):
        home = self._partner("Home for the case", social_territory_ids=[(6, 0, self.t1030.ids)])
        action = self.case.with_user(self.worker_a).action_social_find_partner()
        self.assertEqual(action["res_model"], "social.partner.finder")
        finder_form = Form(
            self.env["social.partner.finder"]
            .with_user(self.worker_a)
            .with_context(**action["context"])
        )
        self.assertEqual(finder_form.zip_code, "1030")
        self.assertEqual(finder_form.language_id, self.lang_pt)
        finder_form.need_type_id = self.need
        finder = finder_form.save()
        finder.action_search()
        self.assertEqual(finder.line_ids[0].partner_id, home)
        self.assertTrue(finder.line_ids[0].territory_match)
        before = self.case.intervention_count
        finder.line_ids[0].action_log_contact()
        self.env.invalidate_all()
        self.assertEqual(self.case.intervention_count, before + 1)
        intervention = self.case.intervention_ids.filtered(lambda i: i.partner_id == home)
        self.assertEqual(
            intervention.type_id, self.env.ref("social_case.intervention_type_partner_contact")
        )
        self.assertEqual(intervention.user_id, self.worker_a)
        self.assertIn("Test Need Finder", intervention.note)

    def test_wizard_without_case(self):
        home = self._partner("Standalone", social_territory_ids=[(6, 0, self.t1050.ids)])
        finder = (
            self.env["social.partner.finder"]
            .with_user(self.worker_a)
            .create({"need_type_id": self.need.id, "zip_code": "1050"})
        )
        finder.action_search()
        self.assertEqual(finder.line_ids.partner_id, home)
        with self.assertRaises(UserError):
            finder.line_ids.action_log_contact()

    def test_query_count_does_not_grow_with_partners(self):
        """Same number of queries for 10 and for 100 partners."""
        territories = self.env["social.territory"].search([], limit=5)
        languages = self.env["social.language"].search([], limit=3)

        def batch(count, prefix):
            return self.env["res.partner"].create(
                [
                    {
                        "name": f"{prefix} {i}",
                        "is_company": True,
                        "social_partner_type_ids": [(6, 0, self.type_nursing_home.ids)],
                        "social_need_type_ids": [(6, 0, self.need.ids)],
                        "social_territory_ids": [(6, 0, territories.ids)],
                        "social_language_ids": [(6, 0, languages.ids)],
                        "social_capacity": i % 3,
                        "social_waiting_days": i,
                    }
                    for i in range(count)
                ]
            )

        def wizard_search():
            finder = self.env["social.partner.finder"].with_user(self.worker_a)
            finder = finder.create({"need_type_id": self.need.id, "zip_code": "1030"})
            self.env.flush_all()
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            finder.action_search()
            return self.cr.sql_log_count - start, len(finder.line_ids)

        finder_model = self.env["res.partner"].with_user(self.worker_a)
        batch(10, "Ten")
        wizard_search()  # warm up
        wizard_queries_10, lines = wizard_search()
        self.assertEqual(lines, 10)
        self.env.invalidate_all()
        finder_model._social_rank_partners(self.need, "1030", self.lang_pt)  # warm up
        self.env.invalidate_all()
        with self.assertQueryCount(RANK_QUERIES):
            found = finder_model._social_rank_partners(self.need, "1030", self.lang_pt, limit=0)
        self.assertEqual(len(found), 10)
        batch(90, "Hundred")
        self.env.invalidate_all()
        with self.assertQueryCount(RANK_QUERIES):
            found = finder_model._social_rank_partners(self.need, "1030", self.lang_pt, limit=0)
        self.assertEqual(len(found), 100)
        # PostgreSQL ranks and cuts: the best 20 of 100 in the same queries, in the same order
        self.env.invalidate_all()
        with self.assertQueryCount(RANK_QUERIES):
            best = finder_model._social_rank_partners(self.need, "1030", self.lang_pt, limit=20)
        self.assertEqual([p.id for p, _c in best], [p.id for p, _c in found[:20]])
        # the search of the wizard: ranking and result lines, whatever the directory's size
        self.assertEqual(wizard_search(), (FINDER_QUERIES, 50))
        self.assertEqual(wizard_queries_10, FINDER_QUERIES, "the wizard's search grows")

    def test_searches_are_personal(self):
        self._partner("Personal search home")
        finder = (
            self.env["social.partner.finder"]
            .with_user(self.worker_a)
            .create({"need_type_id": self.need.id, "case_id": self.case.id})
        )
        finder.action_search()
        line = finder.line_ids[:1]
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            line.with_user(self.worker_b).read(["partner_id"])
        with self.assertRaises(AccessError):
            line.with_user(self.worker_b).action_log_contact()
        self.assertFalse(self.case.intervention_ids)

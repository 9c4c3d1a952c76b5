import logging

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import SocialServiceCommon

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestRightScreening(SocialServiceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.patient = cls.env["res.partner"].create({"name": "Ibrahim Screening Test"})
        cls.case = cls.env["social.case"].create(
            {
                "patient_id": cls.patient.id,
                "user_id": cls.worker_a.id,
                "team_id": cls.team_a.id,
                "residence_status": "irregular",
                "income_source": "none",
            }
        )
        cls.amu = cls.env.ref("social_case.right_urgent_medical_aid")
        cls.today = fields.Date.context_today(cls.env["social.case"])

    def _suggested(self, case=None):
        case = (case or self.case).with_user(self.worker_a)
        case.invalidate_recordset()
        return case.suggested_right_ids

    def _start(self, right, case=None):
        case = case or self.case
        action = right.with_user(self.worker_a).with_context(social_case_id=case.id)
        action = action.action_start_procedure()
        return self.env["social.procedure"].browse(action["res_id"])

    def test_starter_catalogue_loads_with_valid_rules(self):
        rights = self.env["social.right"].search([])
        data = self.env["ir.model.data"].search(
            [("module", "=", "social_case"), ("model", "=", "social.right")]
        )
        self.assertGreaterEqual(len(data), 15, "At least 15 Belgian rights are shipped")
        for right in rights.filtered(lambda r: r.id in data.mapped("res_id")):
            self.assertTrue(right.description and right.granting_body, right.name)
            self.assertTrue(right.procedure_type_id.explanation, right.name)
            self.assertTrue(right.url.startswith("https://"), right.name)
            # the rule runs against the real cases table
            self.env["social.case"].search_count(right._get_eligibility_domain())

    def test_matching_case_lists_the_right_and_claiming_removes_it(self):
        self.assertIn(self.amu, self._suggested())
        self.assertNotIn(
            self.env.ref("social_case.right_grapa"), self._suggested(), "No age: no GRAPA"
        )
        procedure = self._start(self.amu)
        self.assertEqual(procedure.case_id, self.case)
        self.assertEqual(procedure.right_id, self.amu)
        self.assertEqual(procedure.type_id, self.amu.procedure_type_id)
        self.assertEqual(procedure.explanation, self.amu.procedure_type_id.explanation)
        self.assertEqual(procedure.user_id, self.worker_a)
        self.assertEqual(procedure.state, "to_do")
        self.assertNotIn(self.amu, self._suggested(), "A claimed right is no longer suggested")

        procedure.with_user(self.worker_a).action_submit()
        self.assertNotIn(self.amu, self._suggested())
        procedure.with_user(self.worker_a).action_cancel()
        self.assertIn(self.amu, self._suggested(), "A cancelled procedure brings the right back")

    def test_refused_procedure_brings_the_right_back(self):
        procedure = self._start(self.amu)
        procedure.action_submit()
        procedure.action_refuse()
        self.assertIn(self.amu, self._suggested())
        procedure.action_appeal()
        self.assertNotIn(self.amu, self._suggested(), "Under appeal the right is being claimed")

    def test_situation_change_updates_the_screening(self):
        self.assertIn(self.amu, self._suggested())
        self.case.residence_status = "belgian"
        suggested = self._suggested()
        self.assertNotIn(self.amu, suggested)
        self.assertIn(self.env.ref("social_case.right_integration_income"), suggested)

    def test_screening_follows_the_form_before_saving(self):
        with Form(self.case.with_user(self.worker_a)) as form:
            self.assertIn(self.amu.id, form.suggested_right_ids.ids)
            form.residence_status = "asylum_seeker"
            self.assertNotIn(self.amu.id, form.suggested_right_ids.ids)
            self.assertIn(
                self.env.ref("social_case.right_fedasil_care").id, form.suggested_right_ids.ids
            )

    def test_age_rule(self):
        apa = self.env.ref("social_case.right_elderly_allowance")
        self.case.write({"autonomy": "partial", "income_source": "pension"})
        self.case.patient_birthdate = self.today - relativedelta(years=70)
        self.assertEqual(self.case.patient_age, 70)
        self.assertIn(apa, self._suggested())
        self.assertIn(self.env.ref("social_case.right_grapa"), self._suggested())
        self.case.patient_birthdate = self.today - relativedelta(years=64, days=-1)
        self.assertEqual(self.case.patient_age, 63)
        self.assertNotIn(apa, self._suggested())
        self.assertIn(self.env.ref("social_case.right_disability_allowances"), self._suggested())
        self.assertEqual(
            self.env["social.case"].search([("id", "=", self.case.id), ("patient_age", "=", 63)]),
            self.case,
        )

    def test_invalid_rules_are_refused(self):
        values = {"name": "Test right", "procedure_type_id": self.amu.procedure_type_id.id}
        Right = self.env["social.right"]
        for rule in (
            "[('no_such_field', '=', 1)]",
            "[('income_source', '=', ",
            "'not a domain'",
            "[('patient_age', '>=', 'old')]",
        ):
            with (
                self.subTest(rule=rule),
                self.assertRaisesRegex(ValidationError, "is not a valid rule on cases"),
            ):
                Right.create(dict(values, eligibility_domain=rule))
        right = Right.create(dict(values, eligibility_domain="[('housing', '=', 'homeless')]"))
        with self.assertRaisesRegex(ValidationError, "is not a valid rule on cases"):
            right.eligibility_domain = "[('housing', 'like')]"

    def test_start_on_closed_case_is_refused(self):
        self.assertIn(self.amu, self._suggested())
        self.case.stage_id = self.env["social.case.stage"].search(
            [("is_closed", "=", True)], limit=1
        )
        with self.assertRaisesRegex(ValidationError, "is closed"):
            self._start(self.amu)

    def _screening_batch(self):
        partners = self.env["res.partner"].create(
            [{"name": f"Screening patient {i}"} for i in range(100)]
        )
        cases = self.env["social.case"].create(
            [
                {
                    "patient_id": partner.id,
                    "user_id": self.worker_a.id,
                    "team_id": self.team_a.id,
                    "income_source": "none" if i % 2 else "pension",
                    "residence_status": "irregular" if i % 3 else "belgian",
                    "patient_birthdate": self.today - relativedelta(years=20 + i % 70),
                    "autonomy": "partial" if i % 4 else "dependent",
                }
                for i, partner in enumerate(partners)
            ]
        )
        self.env["social.procedure"].create(
            [
                {
                    "case_id": case.id,
                    "type_id": self.amu.procedure_type_id.id,
                    "right_id": self.amu.id,
                }
                for case in cases[::5]
            ]
        )
        return cases

    def test_suggested_rights_query_count_does_not_grow(self):
        cases = self._screening_batch()

        def measure(records):
            records = records.with_user(self.worker_a)
            self.env.flush_all()
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            records.mapped("suggested_right_ids")
            return self.cr.sql_log_count - start

        measure(cases[:10])  # warm the access rights and rules caches
        queries_10 = measure(cases[:10])
        queries_100 = measure(cases)
        self.assertEqual(queries_10, queries_100, "One query per right, not per case")
        rights = self.env["social.right"].search_count([])
        # one search per right, the rights, the claimed procedures, the user's time zone (2)
        self.assertEqual(queries_10, rights + 5)
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(rights + 5):
            cases.with_user(self.worker_a).mapped("suggested_right_ids")
        # and the result is right for every case
        amu_claimed = set(cases[::5].ids)
        for case in cases.with_user(self.worker_a):
            expected = case.residence_status == "irregular" and case.id not in amu_claimed
            self.assertEqual(self.amu in case.suggested_right_ids, expected, case.name)
        _logger.info(
            "suggested_right_ids: %s queries for 10 cases, %s for 100", queries_10, queries_100
        )

    def test_screening_a_batch_by_its_compute_screens_it_once(self):
        """A scheduled job calling the compute on a batch gets the same queries as the field:
        one search per right, not one screening (and one write) per case."""
        cases = self._screening_batch()
        rights = self.env["social.right"].search_count([])

        def measure(records):
            records = records.with_user(self.worker_a)
            self.env.flush_all()
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            records._compute_suggested_right_ids()
            self.env.flush_all()
            return self.cr.sql_log_count - start

        measure(cases[:10])  # warm the access rights and rules caches
        queries_10 = measure(cases[:10])
        self.assertEqual(measure(cases), queries_10, "One query per right, not per case")
        self.assertLessEqual(queries_10, rights + 5)
        write_dates = set(cases.mapped("write_date"))
        cases.with_user(self.worker_a)._compute_suggested_right_ids()
        self.env.flush_all()
        cases.invalidate_recordset(["write_date"])
        self.assertEqual(set(cases.mapped("write_date")), write_dates, "nothing is written")
        amu_claimed = set(cases[::5].ids)
        for case in cases.with_user(self.worker_a):
            expected = case.residence_status == "irregular" and case.id not in amu_claimed
            self.assertEqual(self.amu in case.suggested_right_ids, expected, case.name)

from datetime import date

from odoo.tests import tagged

from .common import SocialCaseCommon


@tagged("post_install", "-at_install")
class TestSystemLanguage(SocialCaseCommon):
    """What the system writes on the file is in its reader's language, not its author's:
    the chatter in the site's language, an activity in its assignee's, and the names taken
    from the catalogue in each reader's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        installed = {code for code, _name in cls.env["res.lang"].get_installed()}
        cls.french = "fr_FR" in installed
        # a French-speaking site; the coordinator works in English, the worker in French
        cls.company.partner_id.lang = "fr_FR" if cls.french else cls.company.partner_id.lang
        cls.coordinator.lang = "en_US"
        cls.worker.lang = "fr_FR" if cls.french else "en_US"

    def setUp(self):
        super().setUp()
        if not self.french:
            self.skipTest("French is installed with the demo data")

    def test_a_french_case_gets_french_lines_from_an_english_user(self):
        patient = self.env["res.partner"].create({"name": "Test Patient Langue"})
        case = (
            self.env["social.case"]
            .with_user(self.coordinator)
            .create({"patient_id": patient.id, "user_id": self.worker.id})
        )
        bodies = " ".join(case.sudo().message_ids.mapped("body"))
        self.assertIn("Dossier social créé", bodies)
        self.assertNotIn("Social Case created", bodies)

    def test_catalogue_names_and_activities_read_in_the_reader_language(self):
        kind = self.env.ref("social_case.procedure_type_integration_income")
        french_name = kind.with_context(lang="fr_FR").name
        self.assertNotEqual(french_name, kind.with_context(lang="en_US").name)
        # written by an English-speaking user, for a French-speaking worker
        procedure = (
            self.env["social.procedure"]
            .with_context(lang="en_US")
            .create(
                {
                    "case_id": self.case_north.id,
                    "type_id": kind.id,
                    "user_id": self.worker.id,
                    "due_date": date(2030, 1, 31),
                }
            )
        )
        self.assertEqual(procedure.with_context(lang="fr_FR").name, french_name)
        self.assertEqual(procedure.with_context(lang="en_US").name, kind.name)
        activity = procedure.activity_ids
        self.assertEqual(activity.user_id, self.worker)
        self.assertEqual(activity.summary, f"Échéance : {french_name}")
        bodies = " ".join(procedure.message_ids.mapped("body"))
        self.assertIn("Démarche administrative créée", bodies)
        # a name the worker typed is kept as typed, in every language
        procedure.with_context(lang="fr_FR").name = "Demande au CPAS d'Ixelles"
        self.assertEqual(procedure.with_context(lang="en_US").name, "Demande au CPAS d'Ixelles")

    def test_the_emergency_access_is_recorded_in_the_sites_language(self):
        self.manager.lang = "en_US"
        self.env["social.case.break.glass"].with_user(self.manager).create(
            {"case_reference": self.case_restricted.name, "reason": "Patient unconscious"}
        ).action_confirm()
        bodies = " ".join(self.case_restricted.sudo().message_ids.mapped("body"))
        self.assertIn("Accès d'urgence ouvert par", bodies)
        self.assertNotIn("Emergency access opened by", bodies)

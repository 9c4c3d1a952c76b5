from datetime import datetime

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo.tests import Form, tagged
from odoo.tools.safe_eval import safe_eval

from .common import SocialCaseCommon


@tagged("post_install", "-at_install")
class TestFirstDay(SocialCaseCommon):
    """Each role opens the Social Service app on its own work; the nurse refers in a few taps."""

    def _app_action(self, user):
        menus = self.env["ir.ui.menu"].with_user(user).load_web_menus(debug=False)
        return menus[self.env.ref("social_case.social_menu_root").id]["actionID"]

    def test_the_app_opens_on_each_roles_work(self):
        ref = self.env.ref
        expected = {
            self.manager: ref("social_case.social_referral_action_triage"),
            self.coordinator: ref("social_case.social_referral_action_triage"),
            self.worker: ref("social_case.social_case_action_my"),
            self.nurse: ref("social_case.social_referral_action_refer"),
        }
        for user, action in expected.items():
            with self.subTest(user=user.login):
                self.assertEqual(self._app_action(user), action.id)

    def test_configuration_is_grouped_in_sections(self):
        config = self.env.ref("social_case.social_menu_config")
        sections = config.with_user(self.manager).child_id
        self.assertEqual(
            sections.mapped("name")[:4], ["Cases", "Directory", "Discharge", "Privacy"]
        )
        self.assertFalse(sections.filtered("action")[:1])

    def _refer_form(self, user):
        return Form(
            self.env["social.referral"].with_user(user),
            view="social_case.social_referral_view_form_simple",
        )

    def _patient_domain(self, user):
        view = (
            self.env["social.referral"]
            .with_user(user)
            .get_views([(self.env.ref("social_case.social_referral_view_form_simple").id, "form")])
        )
        arch = etree.fromstring(view["views"]["form"]["arch"])
        return safe_eval(arch.xpath("//field[@name='patient_id']")[0].get("domain"))

    def test_the_patient_field_offers_patients_only(self):
        Partner = self.env["res.partner"]
        company = Partner.create({"name": "Test Nursing Home", "is_company": True})
        contact = Partner.create({"name": "Test Nursing Home Director", "parent_id": company.id})
        newcomer = Partner.create({"name": "Test Newcomer"})
        domain = self._patient_domain(self.nurse)
        offered = Partner.with_user(self.nurse).search(domain)
        # a person not known yet; a patient followed by a team, only once she referred them
        self.assertIn(newcomer, offered)
        self.assertNotIn(self.patient_north, offered)
        self.referred_by_the_nurse(self.case_north)
        offered = Partner.with_user(self.nurse).search(domain)
        self.assertIn(self.patient_north, offered)
        self.assertNotIn(company, offered)
        self.assertNotIn(contact, offered)
        self.assertNotIn(self.worker.partner_id, offered)
        self.assertNotIn(self.nurse.partner_id, offered)

    def test_nurse_refers_a_new_patient_from_her_unit(self):
        unit = self.env["social.unit"].create({"name": "Test Cardiology"})
        self.nurse.write(
            {
                "social_unit_id": unit.id,
                "groups_id": [(4, self.env.ref("base.group_partner_manager").id)],
            }
        )
        # the patient is created from the field, as the type-ahead's "Create" does
        patient_id, _name = (
            self.env["res.partner"]
            .with_user(self.nurse)
            .with_context(default_is_company=False)
            .name_create("Test New Patient")
        )
        form = self._refer_form(self.nurse)
        self.assertEqual(form.unit_id, unit)
        form.patient_id = self.env["res.partner"].browse(patient_id)
        form.reason = "Lives alone, cannot climb stairs any more."
        referral = form.save()
        action = referral.with_user(self.nurse).action_send()
        params = action["params"]
        self.assertEqual(params["title"], "Sent to the social service")
        self.assertIn(referral.name, params["message"])
        self.assertIn("coordinator", params["message"])
        self.assertEqual(params["next"]["name"], "My Referrals")
        # accepted referrals stay in sight: she sees where they went
        self.assertIn("search_default_recent", params["next"]["context"])
        self.assertIn(patient_id, self._patient_ids(self.nurse))

    def _patient_ids(self, user):
        return self.env["res.partner"].with_user(user).search(self._patient_domain(user)).ids

    def test_a_referral_being_written_is_named_as_such(self):
        self.assertEqual(
            self.env["social.referral"].with_user(self.nurse).new({}).display_name, "New Referral"
        )

    def test_new_patient_with_a_date_of_birth_reaches_the_case(self):
        """The nurse gives the date of birth of a patient unknown yet; the case that triage
        opens for the patient starts from it."""
        form = self._refer_form(self.nurse)
        # created from the field, as the demo nurse does (Contacts: creation right)
        self.nurse.groups_id |= self.env.ref("base.group_partner_manager")
        form.patient_id = (
            self.env["res.partner"].with_user(self.nurse).create({"name": "Test Patient Born Here"})
        )
        self.nurse.groups_id -= self.env.ref("base.group_partner_manager")
        form.patient_birthdate = "1948-03-09"
        form.reason = "Lives alone, cannot climb the stairs any more."
        referral = form.save()
        self.assertEqual(str(referral.patient_id.social_birthdate), "1948-03-09")
        wizard = (
            self.env["social.referral.triage"]
            .with_user(self.coordinator)
            .create({"referral_id": referral.id, "team_id": self.team_north.id})
        )
        wizard.user_id = self.worker
        wizard.action_confirm()
        case = referral.sudo().case_id
        self.assertEqual(str(case.patient_birthdate), "1948-03-09")
        self.assertTrue(case.patient_age >= 77)
        # a liaison provider never reads it on the partner
        self.assertNotIn(
            "social_birthdate",
            self.env["res.partner"].with_user(self.volunteer).fields_get(),
        )

    def test_a_likely_duplicate_patient_is_flagged(self):
        """Two people of the same name: the referral form warns the nurse, unless their dates
        of birth tell them apart."""
        Partner = self.env["res.partner"]
        first = Partner.create({"name": "Test Homonym Dupont", "social_birthdate": "1950-01-01"})
        second = Partner.create({"name": "test homonym dupont"})
        self.referred_by_the_nurse(self.case_north)
        form = self._refer_form(self.nurse)
        form.patient_id = second
        self.assertEqual(form.patient_homonym_count, 1)
        form.patient_birthdate = "1950-01-01"
        self.assertEqual(form.patient_homonym_count, 1)
        first.social_birthdate = "1961-06-30"
        form.patient_birthdate = "1950-01-02"
        self.assertEqual(form.patient_homonym_count, 0)
        form.patient_id = self.patient_north
        self.assertEqual(form.patient_homonym_count, 0)

    def test_referral_of_a_followed_patient_names_the_referent(self):
        self.referred_by_the_nurse(self.case_north)
        form = self._refer_form(self.nurse)
        form.patient_id = self.patient_north
        form.reason = "Asks again about home help."
        referral = form.save()
        message = referral.with_user(self.nurse).action_send()["params"]["message"]
        self.assertIn(self.case_north.user_id.name, message)
        # My Referrals opens on those still waiting for the social service
        waiting = (
            self.env["social.referral"]
            .with_user(self.nurse)
            .search([("create_uid", "=", self.nurse.id), ("state", "in", ("new", "triaged"))])
        )
        self.assertIn(referral, waiting)

    def test_names_show_dates_in_the_users_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        intervention = self.env["social.intervention"].create(
            {
                "case_id": self.case_north.id,
                "type_id": self.env.ref("social_case.intervention_type_phone_call").id,
                "user_id": self.worker.id,
                "date": "2026-11-18 10:00:00",
                "duration": 10,
            }
        )
        episode = self.env["social.case.episode"].create(
            {
                "case_id": self.case_north.id,
                "unit_id": self.env["social.unit"].create({"name": "Test Ward"}).id,
                "room": "12",
                "date_start": "2026-11-18",
            }
        )
        french = self.env(context=dict(self.env.context, lang="fr_FR", tz="Europe/Brussels"))
        self.assertIn("18/11/2026", intervention.with_env(french).display_name)
        self.assertIn("11/18/2026", intervention.display_name)
        self.assertNotIn("2026-11-18", episode.display_name)
        self.assertIn("Test Ward", episode.display_name)
        self.assertIn("12", episode.display_name)
        # the case's header shows the stay under way
        self.assertEqual(self.case_north.current_stay_id, episode)
        self.assertEqual(self.case_north.current_room, "12")

    def test_my_referrals_show_where_an_accepted_referral_went(self):
        referral = (
            self.env["social.referral"]
            .with_user(self.nurse)
            .create({"patient_id": self.patient_new.id, "reason": "Needs help at home"})
        )
        wizard = Form(
            self.env["social.referral.triage"]
            .with_user(self.coordinator)
            .with_context(default_referral_id=referral.id)
        )
        wizard.save().action_confirm()
        self.assertEqual(referral.state, "accepted")
        # what she lands on: My Referrals with its default filter, as the client applies it
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "social_case.social_referral_action_mine"
        )
        defaults = [
            key[len("search_default_") :]
            for key in safe_eval(action["context"])
            if key.startswith("search_default_")
        ]
        Referral = self.env["social.referral"].with_user(self.nurse)
        search = etree.fromstring(
            Referral.get_views([(False, "search")])["views"]["search"]["arch"]
        )
        eval_context = {
            "uid": self.nurse.id,
            "context_today": datetime.now,
            "relativedelta": relativedelta,
        }
        domain = safe_eval(action["domain"], eval_context)
        for node in search.iter("filter"):
            if node.get("name") in defaults:
                domain += safe_eval(node.get("domain"), eval_context)
        self.env.invalidate_all()
        rows = Referral.search_read(domain, ["case_reference", "referent_name"])
        self.assertEqual(
            rows,
            [
                {
                    "id": referral.id,
                    "case_reference": referral.sudo().case_id.name,
                    "referent_name": referral.sudo().case_id.user_id.name,
                }
            ],
        )

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import DischargeCase


@tagged("post_install", "-at_install")
class TestPeopleAroundThePatient(DischargeCase):
    """The people around the patient in the liaison letter and the checklist: the general
    practitioner is informed, with the patient's consent."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Contact = cls.env["social.case.contact"]
        cls.gp = Contact.create(
            {
                "case_id": cls.case.id,
                "role": "gp",
                "name": "Dr Test Hoogstraten",
                "email": "hoogstraten@gp.example",
                "phone": "+32 2 555 77 10",
            }
        )
        cls.daughter = Contact.create(
            {
                "case_id": cls.case.id,
                "role": "family",
                "name": "Test Ines Discharge",
                "relationship": "Daughter",
                "is_main_relay": True,
            }
        )
        cls.neighbour = Contact.create(
            {"case_id": cls.case.id, "role": "carer", "name": "Test Neighbour Untold"}
        )
        cls.daughter.in_letter = True
        cls.template = cls.env["social.discharge.template"].create(
            {
                "name": "Test home",
                "destination_type": "home_services",
                "line_ids": [(0, 0, {"name": "Order a bed", "deadline_days": -1})],
            }
        )

    def _letter_html(self):
        report = self.env.ref("social_discharge.action_report_liaison_letter")
        html, _kind = report.with_user(self.worker_a)._render_qweb_html(
            report.report_name, self.plan.ids
        )
        return html.decode()

    def test_the_letter_names_who_the_worker_chose(self):
        html = self._letter_html()
        self.assertIn("People Around the Patient", html)
        self.assertIn("Dr Test Hoogstraten", html)
        self.assertIn("Test Ines Discharge", html)
        self.assertIn("main relay", html)
        # a professional is named by default, a relative only when the worker ticks it
        self.assertNotIn("Test Neighbour Untold", html)

    def test_the_checklist_asks_to_inform_the_gp_and_the_letter_goes_with_consent(self):
        plan = self.plan.with_user(self.worker_a)
        plan.template_id = self.template
        plan.action_apply_template()
        task = plan.task_ids.filtered(lambda t: t.contact_id == self.gp)
        self.assertEqual(len(task), 1)
        self.assertIn("Dr Test Hoogstraten", task.name)
        # applying again adds no second one
        plan.action_apply_template()
        self.assertEqual(len(plan.task_ids.filtered("contact_id")), 1)
        # no consent to inform the GP: nothing leaves
        mails = self.env["mail.mail"].search_count([("email_to", "=", self.gp.email)])
        with self.assertRaisesRegex(UserError, "No valid consent"):
            plan.action_inform_gp()
        self.assertEqual(
            self.env["mail.mail"].search_count([("email_to", "=", self.gp.email)]), mails
        )
        self.assertEqual(task.state, "todo")
        self.env["social.consent"].create(
            {
                "case_id": self.case.id,
                "purpose_id": self.env.ref("social_case.consent_purpose_gp").id,
            }
        )
        plan.action_inform_gp()
        mail = self.env["mail.mail"].search([("email_to", "=", self.gp.email)])
        self.assertEqual(len(mail), 1)
        self.assertEqual(len(mail.attachment_ids), 1)
        self.assertTrue(mail.attachment_ids.name.startswith(f"Liaison letter {self.case.name}"))
        # the letter is not a document of the plan: the care team, who reads the plan, finds
        # and reads no letter; the worker finds it in the plan's chatter
        letters = [("name", "=like", "Liaison letter%")]
        self.env.invalidate_all()
        self.assertFalse(self.env["ir.attachment"].with_user(self.nurse).search(letters))
        with self.assertRaises(AccessError):
            mail.attachment_ids.with_user(self.nurse).read(["datas"])
        posted = plan.message_ids.attachment_ids
        self.assertEqual(len(posted), 1)
        with self.assertRaises(AccessError):
            posted.with_user(self.nurse).read(["datas"])
        self.assertTrue(posted.with_user(self.worker_a).read(["datas"])[0]["datas"])
        self.assertEqual(task.state, "done")
        self.assertTrue(plan.gp_informed_date)
        # the GP gets an e-mail, never a place among the plan's followers
        self.assertNotIn(self.gp.email, plan.message_partner_ids.mapped("email"))

    def test_a_gp_without_an_e_mail_address_is_phoned(self):
        self.gp.email = False
        with self.assertRaisesRegex(UserError, "no e-mail address"):
            self.plan.with_user(self.worker_a).action_inform_gp()

    def test_care_team_and_volunteers_read_nobody(self):
        for user in (self.nurse, self.volunteer):
            with self.assertRaises(AccessError):
                self.gp.with_user(user).read(["name"])
            with self.assertRaises(AccessError):
                self.plan.with_user(user).read(["gp_contact_id"])
        # a worker of another team neither
        with self.assertRaises(AccessError):
            self.gp.with_user(self.worker_b).read(["name"])

    def test_the_gp_letter_is_a_template_in_the_gps_language(self):
        """The e-mail to the GP is the template an administrator edits and translates
        (Settings > Technical > Email Templates), in the language of the GP the directory
        knows."""
        for lang in ("fr_FR", "nl_BE"):
            self.env["res.lang"]._activate_lang(lang)
        self.gp.partner_id = self.env["res.partner"].create(
            {"name": "Dr Test Hoogstraten", "email": "hoogstraten@gp.example", "lang": "nl_BE"}
        )
        self.env["social.consent"].create(
            {
                "case_id": self.case.id,
                "purpose_id": self.env.ref("social_case.consent_purpose_gp").id,
            }
        )
        patient = self.case.patient_id.name
        self.plan.with_user(self.worker_a).action_inform_gp()
        mail = self.env["mail.mail"].search([("email_to", "=", "hoogstraten@gp.example")])
        self.assertEqual(mail.subject, f"Ontslag van uw patiënt {patient}")
        self.assertIn("Geachte dokter", mail.body_html)
        self.assertIn(patient, mail.body_html)
        # the administrator rewords the French subject: the next letter to a French-speaking
        # GP says it so
        template = self.env.ref("social_discharge.mail_template_discharge_gp_letter")
        template.with_context(
            lang="fr_FR"
        ).subject = "Retour à domicile de {{ object.patient_id.name }}"
        self.gp.partner_id.lang = "fr_FR"
        mail.unlink()
        self.plan.with_user(self.worker_a).action_inform_gp()
        mail = self.env["mail.mail"].search([("email_to", "=", "hoogstraten@gp.example")])
        self.assertEqual(mail.subject, f"Retour à domicile de {patient}")
        self.assertIn("Cher Docteur", mail.body_html)

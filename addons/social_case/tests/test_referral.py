from datetime import timedelta
from email.message import EmailMessage

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import SocialCaseCommon


@tagged("post_install", "-at_install")
class TestReferral(SocialCaseCommon):
    def _refer(self, user, patient, lang="en_US", **values):
        Referral = self.env["social.referral"].with_user(user).with_context(lang=lang)
        return Referral.create({"patient_id": patient.id, "reason": "Lives alone", **values})

    def test_care_team_refers_and_sees_only_status_and_referent(self):
        self.referred_by_the_nurse(self.case_north)
        form = Form(
            self.env["social.referral"].with_user(self.nurse),
            view="social_case.social_referral_view_form_simple",
        )
        form.patient_id = self.patient_north
        form.unit_id = self.env["social.unit"].create({"name": "Test Cardiology"})
        form.reason = "Lives alone, cannot climb stairs any more."
        referral = form.save()
        self.assertTrue(referral.name.startswith("SR/"))
        self.assertEqual(referral.state, "new")
        self.assertEqual(referral.requested_by_id, self.nurse)
        # the coordinator attaches it to the patient's open case
        wizard = (
            self.env["social.referral.triage"]
            .with_user(self.coordinator)
            .create({"referral_id": referral.id})
        )
        self.assertEqual(wizard.existing_case_id, self.case_north)
        self.assertEqual(wizard.decision, "existing_case")
        wizard.action_confirm()
        self.env.invalidate_all()
        mine = referral.with_user(self.nurse)
        self.assertEqual(mine.state, "accepted")
        self.assertEqual(mine.case_reference, self.case_north.name)
        self.assertEqual(mine.referent_name, self.worker.name)
        with self.assertRaises(AccessError):
            mine.read(["case_id"])
        with self.assertRaises(AccessError):
            self.case_north.with_user(self.nurse).read(["name"])
        # another nurse sees nothing of it
        other = self.env["res.users"].create(
            {
                "name": "Other Nurse",
                "login": "sc_other_nurse",
                "groups_id": [(6, 0, self.env.ref("social_case.group_social_care").ids)],
            }
        )
        self.env.invalidate_all()
        self.assertEqual(self.env["social.referral"].with_user(other).search_count([]), 0)
        with self.assertRaises(AccessError):
            referral.with_user(other).read(["referent_name"])

    def test_referrer_corrects_until_triage_and_never_triages(self):
        referral = self._refer(self.nurse, self.patient_new)
        referral.write({"reason": "Lives alone, stairs impossible."})
        for values in ({"state": "accepted"}, {"case_id": self.case_north.id}):
            with self.assertRaises(AccessError):
                referral.write(values)
        referral.with_user(self.coordinator).action_triage()
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            referral.write({"reason": "changed after triage"})
        self.assertEqual(referral.sudo().reason, "Lives alone, stairs impossible.")
        self.assertFalse(referral.sudo().case_id)

    def test_worker_reads_referrals_of_their_cases_only(self):
        # registered by the coordinator, who follows both patients
        referral = self._refer(self.coordinator, self.patient_north)
        referral.with_user(self.coordinator)._action_accept(self.case_north)
        south = self._refer(self.coordinator, self.patient_south)
        south.with_user(self.coordinator)._action_accept(self.case_south)
        self.env.invalidate_all()
        Referral = self.env["social.referral"].with_user(self.worker)
        self.assertEqual(Referral.search([]), referral)
        self.assertEqual(
            self.env["social.referral"]
            .with_user(self.coordinator)
            .search_count([("id", "in", (referral | south).ids)]),
            2,
        )
        with self.assertRaises(AccessError):
            referral.with_user(self.worker).write({"reason": "changed"})

    def test_wrong_transitions_are_refused(self):
        referral = self._refer(self.nurse, self.patient_new)
        Referral = referral.with_user(self.coordinator)
        Referral.action_triage()
        self.assertEqual(referral.state, "triaged")
        with self.assertRaises(UserError):
            Referral.action_triage()
        Referral._action_redirect("Sent to the geriatric liaison team.")
        self.assertEqual(referral.state, "redirected")
        with self.assertRaises(UserError):
            Referral._action_accept(self.case_north)
        with self.assertRaises(UserError):
            Referral.write({"state": "accepted"})
        self.assertEqual(referral.state, "redirected")
        Referral.action_reset()
        with self.assertRaises(UserError):
            Referral._action_redirect("   ")
        Referral._action_mark_duplicate()
        self.assertEqual(referral.state, "duplicate")
        # accepted is final
        accepted = self._refer(self.coordinator, self.patient_north)
        accepted.with_user(self.coordinator)._action_accept(self.case_north)
        for action in ("action_triage", "action_reset"):
            with self.assertRaises(UserError):
                getattr(accepted.with_user(self.coordinator), action)()
        with self.assertRaises(UserError):
            accepted.with_user(self.coordinator)._action_accept(self.case_south)

    def test_urgent_referral_needs_a_reason_translated(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"].search([("name", "=", "social_case")])._update_translations(
            "fr_FR"
        )
        with self.assertRaisesText(ValidationError, "est urgent"):
            self._refer(self.nurse, self.patient_new, lang="fr_FR", urgency="urgent")
        with self.assertRaisesText(ValidationError, "is urgent"):
            self._refer(self.nurse, self.patient_new, urgency="urgent")
        referral = self._refer(
            self.nurse, self.patient_new, urgency="urgent", urgency_reason="homelessness"
        )
        self.assertEqual(referral.urgency_reason, "homelessness")

    def test_hours_to_first_contact(self):
        self.intervention_north.date = fields.Datetime.now() - timedelta(hours=48)
        referral = self._refer(self.coordinator, self.patient_north).sudo()
        referral.date = fields.Datetime.now() - timedelta(hours=30)
        referral.with_user(self.coordinator)._action_accept(self.case_north)
        # the intervention logged before the referral does not count
        self.assertFalse(referral.first_contact_date)
        contact = fields.Datetime.now() - timedelta(hours=6)
        self.env["social.intervention"].with_user(self.worker).create(
            {"case_id": self.case_north.id, "type_id": self.interview.id, "date": contact}
        )
        self.assertEqual(referral.first_contact_date, contact)
        self.assertAlmostEqual(referral.hours_to_first_contact, 24.0, places=1)
        # a later intervention changes nothing
        self.env["social.intervention"].with_user(self.worker).create(
            {"case_id": self.case_north.id, "type_id": self.interview.id}
        )
        self.assertEqual(referral.first_contact_date, contact)

    def test_referral_by_email_to_the_alias(self):
        alias_domain = self.env["mail.alias.domain"].create({"name": "hospital.example"})
        self.env.company.alias_domain_id = alias_domain
        alias = self.env.ref("social_case.mail_alias_referral")
        alias.alias_domain_id = alias_domain
        self.assertEqual(alias.alias_name, "social-referral")
        message = EmailMessage()
        message["From"] = f'"Nurse" <{self.nurse.email}>'
        message["To"] = "social-referral@hospital.example"
        message["Subject"] = "URGENT - patient in room 412 has nowhere to go"
        message["Message-Id"] = "<referral-test-1@hospital.example>"
        message["Date"] = "Mon, 24 Nov 2025 09:00:00 +0100"
        message.set_content("Mr X., 78, discharged tomorrow, his flat was declared unfit.")
        referral_id = self.env["mail.thread"].message_process(False, message.as_string())
        referral = self.env["social.referral"].browse(referral_id)
        self.assertEqual(referral.channel, "email")
        self.assertEqual(referral.requested_by_id, self.nurse)
        self.assertEqual(referral.urgency, "urgent")
        self.assertIn("nowhere to go", referral.reason)
        self.assertIn("declared unfit", referral.reason)
        self.assertTrue(referral.name.startswith("SR/"))
        self.assertEqual(referral.state, "new")

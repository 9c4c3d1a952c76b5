"""The patient's page over HTTP, as the patient, their legal representative and other
patients: what it shows and never shows, what the person does there, and every forged id."""

import re
from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessDenied, UserError
from odoo.http import Request
from odoo.tests import HttpCase, tagged

from .common import PortalPatientCase


@tagged("post_install", "-at_install")
class TestPatientPortalHttp(PortalPatientCase, HttpCase):
    def login(self, user):
        self.authenticate(user.login, user.login)

    def post(self, url, **data):
        return self.url_open(url, data=dict(data, csrf_token=Request.csrf_token(self)))

    @staticmethod
    def alert_of(response, kind="error"):
        found = re.search(rf'o_social_portal_{kind}"[^>]*>(.*?)</div>', response.text, re.S)
        return found[1].strip() if found else ""

    def logged(self, user, operation, model=None):
        self.env.flush_all()
        self.env.cr.flush()
        domain = [("user_id", "=", user.id), ("operation", "=", operation)]
        if model:
            domain.append(("res_model", "=", model))
        return self.env["social.case.access.log"].search(domain)

    # -- the invitation ---------------------------------------------------------------------
    def test_invitation_makes_a_portal_user_and_is_logged(self):
        self.assertTrue(self.patient_user.share)
        self.assertEqual(self.patient_user.partner_id, self.patient)
        self.assertEqual(self.access.invited_by_id, self.worker_a)
        self.assertEqual(self.access.state, "open")
        invite_logs = self.env["social.case.access.log"].search(
            [("case_id", "=", self.case.id), ("operation", "=", "portal_invite")]
        )
        self.assertEqual(invite_logs.user_id, self.worker_a)
        mail = self.env["mail.mail"].search(
            [("email_to", "=", "patient.discharge@example.com")], limit=1
        )
        self.assertIn(f"redirect=%2Fen%2Fmy%2Fsocial%2F{self.case.id}", mail.body_html)
        self.assertIn("Open my page", mail.body_html)
        # twice: refused, the open access is there
        wizard = (
            self.env["social.portal.invite"]
            .with_user(self.worker_a)
            .create({"case_id": self.case.id, "role": "patient", "email": "x@example.com"})
        )
        with self.assertRaisesRegex(UserError, "already has the portal"):
            wizard.action_invite()

    def test_a_person_s_portal_user_keeps_its_login(self):
        """Invited to another case, the person keeps the login they have: an address typed
        by the worker never takes their account over."""
        Wizard = self.env["social.portal.invite"].with_user(self.worker_a)
        values = {"case_id": self.earlier_case.id, "role": "patient"}
        wizard = Wizard.create(dict(values, email="someone.else@example.com"))
        with self.assertRaisesRegex(UserError, "another address"):
            wizard.action_invite()
        self.env.invalidate_all()
        self.assertEqual(self.patient_user.login, "patient.discharge@example.com")
        self.assertFalse(self.earlier_case.portal_access_ids)
        # with the address they log in with: the same user, not one made by this invitation
        Wizard.create(dict(values, email="patient.discharge@example.com")).action_invite()
        access = self.earlier_case.portal_access_ids
        self.assertEqual(access.user_id, self.patient_user)
        self.assertFalse(access.user_created)

    def test_a_worker_who_cannot_write_the_case_cannot_invite(self):
        wizard = (
            self.env["social.portal.invite"]
            .with_user(self.worker_b)
            .create({"case_id": self.case_b.id, "role": "patient", "email": "b@example.com"})
        )
        wizard.action_invite()  # worker B's own case
        other = (
            self.env["social.portal.invite"]
            .with_user(self.worker_b)
            .create({"case_id": self.case.id, "role": "patient", "email": "z@example.com"})
        )
        with self.assertRaises(Exception):  # noqa: B017 - Odoo's AccessError or ours
            other.action_invite()
        self.assertFalse(self.env["res.users"].search([("login", "=", "z@example.com")]))

    # -- what the page shows ------------------------------------------------------------------
    def test_page_shows_what_was_shared_and_nothing_else(self):
        self.login(self.patient_user)
        home = self.url_open("/my/social")
        self.assertEqual(home.status_code, 200)
        self.assertIn(f"/my/social/{self.case.id}", home.text)
        self.assertNotIn(f"/my/social/{self.earlier_case.id}", home.text)
        page = self.url_open(f"/my/social/{self.case.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Increased reimbursement", page.text)
        self.assertIn("So that your care costs you less at the pharmacy.", page.text)
        self.assertIn("Last tax assessment", page.text)
        self.assertIn(self.worker_a.name, page.text)  # the referent, and who takes the next step
        self.assertIn("Office 2.14", page.text)  # the appointment
        self.assertIn(self.discharge_purpose.name, page.text)  # the consent
        for secret in (
            "Guardianship request",
            "justice of the peace",
            "the son drinks",
            "son's drinking",
            "Needs secret",
            self.patient_a.name,
        ):
            self.assertNotIn(secret, page.text)
        # every read is in the access log, in the patient's name
        read = self.logged(self.patient_user, "portal")
        procedures = read.filtered(lambda r: r.res_model == "social.procedure").mapped("res_id")
        self.assertIn(self.shared.id, procedures)
        self.assertNotIn(self.hidden.id, procedures)
        self.assertEqual(read.case_id, self.case)

    def test_login_is_logged(self):
        self.login(self.patient_user)
        logins = self.logged(self.patient_user, "portal_login")
        self.assertEqual(logins.case_id, self.case)

    def test_page_in_french(self):
        self.env.ref("base.lang_fr_BE").active = True
        self.env["ir.module.module"]._load_module_terms(
            ["social_case", "social_portal", "portal"], ["fr_BE"]
        )
        self.patient_user.lang = "fr_BE"
        self.login(self.patient_user)
        page = self.url_open(f"/my/social/{self.case.id}")
        self.assertIn("Vos démarches", page.text)
        self.assertIn("Pourquoi cette démarche", page.text)

    # -- other people, forged ids ----------------------------------------------------------
    def test_another_patient_gets_not_found_everywhere(self):
        self.login(self.patient_a_user)
        consent = self.consent
        for url in (
            f"/my/social/{self.case.id}",
            f"/my/social/{self.case.id}/documents/rights-sheet",
            f"/my/social/{self.earlier_case.id}",
            "/my/social/999999999",
            f"/my/social/{self.case_b.id}",
        ):
            with self.subTest(url=url):
                self.assertEqual(self.url_open(url).status_code, 404)
        response = self.post(
            f"/my/social/{self.case.id}/consents/{consent.id}/withdraw", reason="forged"
        )
        self.assertEqual(response.status_code, 404)
        # through their own case, another patient's consent: refused, nothing written
        response = self.post(
            f"/my/social/{self.case_a.id}/consents/{consent.id}/withdraw", reason="forged"
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("not one of yours", self.alert_of(response))
        self.env.invalidate_all()
        self.assertEqual(consent.state, "valid")
        for url in (
            f"/my/social/{self.case_a.id}/documents/plan",
            f"/my/social/{self.case_a.id}/documents/../../web",
            f"/my/social/{self.case_a.id}/documents/access-export",
        ):
            with self.subTest(url=url):
                self.assertEqual(self.url_open(url).status_code, 404)
        # the reports' own route: the portal user has no access to the case file
        report = self.url_open(f"/report/pdf/social_case.report_rights_sheet/{self.case_a.id}")
        self.assertNotEqual(report.status_code, 200)

    def test_mail_and_content_routes_give_nothing_of_their_own_case(self):
        self.case.message_post(body="Internal: the son drinks again", subtype_xmlid="mail.mt_note")
        attachment = self.env["ir.attachment"].create(
            {
                "name": "assessment.txt",
                "raw": b"the son drinks",
                "res_model": "social.case",
                "res_id": self.case.id,
            }
        )
        messages = self.env["mail.message"].search_count
        domain = [("model", "=", "social.case"), ("res_id", "=", self.case.id)]
        before = messages(domain)
        self.login(self.patient_user)
        thread = {"thread_model": "social.case", "thread_id": self.case.id}
        for route, params in (
            ("/mail/thread/messages", thread),
            ("/mail/thread/data", dict(thread, request_list=["followers", "attachments"])),
            (
                "/mail/message/post",
                dict(thread, post_data={"body": "I write in the file", "message_type": "comment"}),
            ),
        ):
            with self.subTest(route=route):
                try:
                    text = str(self.make_jsonrpc_request(route, params))
                except Exception as error:  # noqa: BLE001 - a refusal is what we want
                    text = str(error)
                self.assertNotIn("drinks", text)
                self.assertNotIn("assessment.txt", text)
        self.assertEqual(messages(domain), before)
        for url in (
            f"/web/content/{attachment.id}",
            f"/web/content/ir.attachment/{attachment.id}/datas",
            f"/report/pdf/social_case.report_rights_sheet/{self.case.id}",
            f"/report/html/social_case.report_rights_sheet/{self.case.id}",
        ):
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertNotIn(b"drinks", response.content)
                self.assertNotIn(self.hidden.name.encode(), response.content)

    def test_representative_reads_only_the_case_they_represent(self):
        # a consent recorded on the patient's earlier case: the patient's, not the case's
        earlier = self.env["social.consent"].create(
            {
                "case_id": self.earlier_case.id,
                "purpose_id": self.env.ref("social_case.consent_purpose_gp").id,
            }
        )
        self.login(self.guardian_user)
        page = self.url_open(f"/my/social/{self.case.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.discharge_purpose.name, page.text)
        self.assertNotIn(earlier.purpose_id.name, page.text)
        self.assertEqual(self.url_open(f"/my/social/{self.earlier_case.id}").status_code, 404)
        response = self.post(
            f"/my/social/{self.case.id}/consents/{earlier.id}/withdraw", reason="forged"
        )
        self.assertEqual(response.status_code, 400)
        # the patient reads every consent of theirs
        self.login(self.patient_user)
        self.assertIn(earlier.purpose_id.name, self.url_open(f"/my/social/{self.case.id}").text)

    def test_a_representative_no_longer_on_the_case_reads_nothing(self):
        self.login(self.guardian_user)
        self.assertEqual(self.url_open(f"/my/social/{self.case.id}").status_code, 200)
        # the mandate ended: the referent records the guardian as family
        self.contact.with_user(self.case.user_id).write({"role": "family"})
        self.assertEqual(self.access_rep.state, "ended")
        self.assertEqual(self.access_rep.revoked_by_id, self.case.user_id)
        self.assertEqual(self.url_open(f"/my/social/{self.case.id}").status_code, 404)
        # the patient's own access is untouched
        self.assertEqual(self.access.state, "open")

    def test_public_visitor_is_sent_to_login(self):
        response = self.url_open(f"/my/social/{self.case.id}", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])

    # -- withdraw, give -------------------------------------------------------------------
    def test_withdraw_a_consent_blocks_the_next_discharge_request(self):
        self.login(self.patient_user)
        url = f"/my/social/{self.case.id}/consents/{self.consent.id}/withdraw"
        empty = self.post(url, reason="   ")
        self.assertEqual(empty.status_code, 400)
        self.assertIn("why you withdraw", self.alert_of(empty))
        self.env.invalidate_all()
        self.assertEqual(self.consent.state, "valid")
        done = self.post(url, reason="I prefer to choose the nursing home myself")
        self.assertEqual(done.status_code, 200, self.alert_of(done))
        self.assertIn("withdrawn", self.alert_of(done, "success"))
        self.env.invalidate_all()
        self.assertEqual(self.consent.state, "withdrawn")
        self.assertEqual(self.consent.withdrawn_by_id, self.patient_user)
        self.assertIn("I prefer to choose the nursing home myself", self.consent.withdrawal_reason)
        self.assertIn("portal", self.consent.withdrawal_reason)
        # the referent is told at once
        activity = self.env["mail.activity"].search(
            [("res_model", "=", "social.case"), ("res_id", "=", self.case.id)]
        )
        self.assertIn(self.worker_a, activity.user_id)
        self.assertTrue(any("withdrawn" in (a.summary or "") for a in activity))
        # a second withdrawal: nothing to withdraw
        again = self.post(url, reason="again")
        self.assertEqual(again.status_code, 400)
        # the registry now refuses the next request to a provider
        request = self.env["social.discharge.request"].create(
            {"plan_id": self.plan.id, "partner_id": self.providers[2].id}
        )
        with self.assertRaisesRegex(UserError, "consent"):
            request.with_user(self.worker_a).action_send()

    def test_give_a_consent_the_service_asked(self):
        purpose = self.env["social.consent.purpose"].create(
            {"name": "Tell my GP", "code": "portal_test_gp", "validity_months": 12}
        )
        url = f"/my/social/{self.case.id}/consents/{purpose.id}/give"
        self.login(self.patient_user)
        # not asked: refused
        response = self.post(url)
        self.assertEqual(response.status_code, 400)
        purpose.portal_allowed = True
        self.access.with_user(self.worker_a).requested_purpose_ids = purpose
        page = self.url_open(f"/my/social/{self.case.id}")
        self.assertIn("Tell my GP", page.text)
        response = self.post(url)
        self.assertEqual(response.status_code, 200, self.alert_of(response))
        consent = self.env["social.consent"].search(
            [("purpose_id", "=", purpose.id), ("patient_id", "=", self.patient.id)]
        )
        self.assertEqual(consent.method, "portal")
        self.assertEqual(consent.given_by, "patient")
        self.assertEqual(consent.recorded_by_id, self.patient_user)
        self.assertEqual(consent.state, "valid")
        self.assertFalse(self.access.requested_purpose_ids)
        self.assertEqual(self.post(url).status_code, 400)  # asked once, given once

    def test_junk_posts_are_refused_and_write_nothing(self):
        """What a hand-made form could post: each answered with a message, nothing written."""
        day = (self.today + timedelta(days=6)).isoformat()
        self.request_a._portal_answer("accept", {"admission_date": day}, self.provider_a)
        self.request_a.with_user(self.worker_a).action_propose_to_patient()
        self.login(self.patient_user)
        withdraw = f"/my/social/{self.case.id}/consents/{self.consent.id}/withdraw"
        proposal = f"/my/social/{self.case.id}/proposals/{self.request_a.id}"
        for url, data in (
            (withdraw, {"reason": "I say no\x00 more"}),
            (withdraw, {"reason": "x" * 20_000}),
            (proposal, {"answer": "refused", "comment": "too far\x00"}),
            (proposal, {"answer": "refused", "comment": "y" * 20_000}),
            (proposal, {"answer": "accepted\x00"}),
        ):
            with self.labelled(url=url, data=str(data)[:40]):
                response = self.post(url, **data)
                self.assertEqual(response.status_code, 400)
                self.assertTrue(self.alert_of(response))
        self.env.invalidate_all()
        self.assertEqual(self.consent.state, "valid")
        self.assertFalse(self.request_a.patient_answer)

    def test_representative_gives_in_their_own_name(self):
        purpose = self.env["social.consent.purpose"].create(
            {"name": "Tell the CPAS", "code": "portal_test_cpas", "portal_allowed": True}
        )
        self.access_rep.requested_purpose_ids = purpose
        self.login(self.guardian_user)
        response = self.post(f"/my/social/{self.case.id}/consents/{purpose.id}/give")
        self.assertEqual(response.status_code, 200, self.alert_of(response))
        consent = self.env["social.consent"].search([("purpose_id", "=", purpose.id)])
        self.assertEqual(consent.given_by, "representative")
        self.assertEqual(consent.representative_name, self.guardian.name)

    # -- discharge proposals -----------------------------------------------------------------
    def test_accept_or_refuse_a_proposal_the_referent_shared(self):
        day = (self.today + timedelta(days=6)).isoformat()
        self.request_a._portal_answer("accept", {"admission_date": day}, self.provider_a)
        url = f"/my/social/{self.case.id}/proposals/{self.request_a.id}"
        self.login(self.patient_user)
        # not proposed yet: not the patient's
        self.assertEqual(self.post(url, answer="accepted").status_code, 400)
        self.assertNotIn(self.provider_a.name, self.url_open(f"/my/social/{self.case.id}").text)
        self.request_a.with_user(self.worker_a).action_propose_to_patient()
        self.assertIn(self.provider_a.name, self.url_open(f"/my/social/{self.case.id}").text)
        # a refusal needs a word; an unknown answer is refused
        self.assertEqual(self.post(url, answer="refused").status_code, 400)
        self.assertEqual(self.post(url, answer="maybe").status_code, 400)
        done = self.post(url, answer="refused", comment="Too far from my daughter")
        self.assertEqual(done.status_code, 200, self.alert_of(done))
        self.env.invalidate_all()
        self.assertEqual(self.request_a.patient_answer, "refused")
        self.assertEqual(self.request_a.patient_comment, "Too far from my daughter")
        activity = self.env["mail.activity"].search(
            [("res_model", "=", self.request_a._name), ("res_id", "=", self.request_a.id)]
        )
        self.assertEqual(activity.user_id, self.worker_a)
        self.assertEqual(self.post(url, answer="accepted").status_code, 400)  # once
        # the provider never reads the patient's answer
        rows = self.rpc(
            self.portal_a,
            self.request_a._name,
            "search_read",
            [[("id", "=", self.request_a.id)]],
            {"fields": ["state"]},
        )
        self.assertEqual(len(rows), 1)
        with self.assertRaises(Exception):  # noqa: B017 - the field's groups
            self.rpc(
                self.portal_a,
                self.request_a._name,
                "read",
                [self.request_a.ids, ["patient_comment"]],
            )

    # -- documents ----------------------------------------------------------------------
    def test_rights_sheet_as_pdf_logged(self):
        self.login(self.patient_user)
        response = self.url_open(f"/my/social/{self.case.id}/documents/rights-sheet")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        # Odoo renders reports as HTML in tests (wkhtmltopdf's own output is tested with
        # the rights sheet in social_case): the sheet is there, with the shared procedure
        self.assertIn(b"Increased reimbursement", response.content)
        self.assertNotIn(b"Guardianship request", response.content)  # not shared with them
        self.assertEqual(self.logged(self.patient_user, "portal", "social.case").case_id, self.case)
        # no agreed plan: no plan to download
        self.assertEqual(
            self.url_open(f"/my/social/{self.case.id}/documents/plan").status_code, 404
        )

    # -- after the case closes ------------------------------------------------------------
    def test_page_stays_readable_for_the_set_days_after_closure(self):
        self.env.company.social_portal_days_after_closure = 10
        self.case.write(
            {
                "stage_id": self.env.ref("social_case.stage_closed").id,
                "close_reason": "goal_reached",
            }
        )
        closed_on = self.case.date_closed
        self.assertTrue(closed_on)
        self.login(self.patient_user)
        page = self.url_open(f"/my/social/{self.case.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("/social/survey/", page.text)  # the anonymous questionnaire
        with freeze_time(fields.Datetime.to_datetime(closed_on) + timedelta(days=11, hours=12)):
            self.assertEqual(self.url_open(f"/my/social/{self.case.id}").status_code, 404)
            self.env["social.portal.access"]._cron_end_closed()
            self.env.invalidate_all()
            self.assertTrue(self.access.date_revoked)
            # the user made by the invitation, with no open access left, is archived
            self.assertTrue(self.access.user_created)
            self.assertFalse(self.patient_user.active)

    # -- anonymisation ------------------------------------------------------------------------
    def test_anonymising_the_cases_ends_the_accesses_and_the_logins(self):
        self.login(self.patient_user)
        self.assertEqual(self.url_open(f"/my/social/{self.case.id}").status_code, 200)
        self.logout()
        patient_login, guardian_login = self.patient_user.login, self.guardian_user.login
        (self.case | self.earlier_case)._anonymise()
        self.env.invalidate_all()
        placeholder = self.case.patient_id
        self.assertNotEqual(placeholder, self.patient)
        for access in self.access | self.access_rep:
            self.assertEqual(access.state, "ended")
            self.assertEqual(access.partner_id, placeholder)
            self.assertFalse(access.email)
            self.assertNotIn(self.guardian.name, access.display_name)
        # the invitation e-mail named the person: it is emptied with the case
        mails = self.env["mail.mail"].search(
            [("model", "=", "social.portal.access"), ("res_id", "=", self.access_rep.id)]
        )
        self.assertNotIn("Guardian", "".join(str(m.body_html) for m in mails))
        # a portal user made by the invitation does not keep the patient's identity
        self.assertEqual(self.patient.name, "Anonymised person")
        for user, login in (
            (self.patient_user, patient_login),
            (self.guardian_user, guardian_login),
        ):
            self.assertFalse(user.active)
            self.assertNotIn("example.com", user.login)
            with self.assertRaises(AccessDenied):
                self.authenticate(login, login)
        # another patient's access is untouched
        self.assertEqual(self.access_a.state, "open")
        self.assertTrue(self.patient_a_user.active)

    # -- the right of access ------------------------------------------------------------------
    def test_right_of_access_shows_the_portal_and_its_reads(self):
        self.login(self.patient_user)
        self.url_open(f"/my/social/{self.case.id}")
        self.env.invalidate_all()
        data = self.patient.with_user(self.manager)._social_access_export_data()
        people = [row.get("partner_id") or row.get("Person") for row in data["portal_accesses"]]
        self.assertTrue(any(self.guardian.name in str(p) for p in people), people)
        operations = {str(row) for row in data["access_log"]}
        self.assertTrue(
            any("Read on the Patient's Portal" in row for row in operations), operations
        )

    def test_agreed_plan_as_pdf(self):
        plan = self.env["social.case.plan"].create({"case_id": self.case.id})
        self.login(self.patient_user)
        self.assertEqual(
            self.url_open(f"/my/social/{self.case.id}/documents/plan").status_code, 404
        )
        plan.write({"agreement_date": self.today, "agreement_mode": "signed"})
        response = self.url_open(f"/my/social/{self.case.id}/documents/plan")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")

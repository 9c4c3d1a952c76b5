"""The provider's portal: what a nursing home or a home-care service reads of the requests
sent to it, and how it answers, over HTTP as its portal user or through the signed link of
the e-mail, and over RPC (SECURITY.md, the portal provider's row)."""

import importlib.util
import io
import json
import re
import zipfile
from datetime import datetime, time, timedelta
from pathlib import Path

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.http import Request
from odoo.tests import HttpCase, new_test_user, tagged

from .common import DischargeCase

MIGRATION = Path(__file__).parents[1] / "migrations" / "18.0.1.1.0" / "post-migrate.py"


class PortalCommon(DischargeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # given days ago: valid whatever the hour (Brussels and UTC days differ before midnight)
        cls.consent.date_given = cls.today - timedelta(days=2)
        cls.provider_a, cls.provider_b = cls.providers[0], cls.providers[1]
        cls.portal_a = new_test_user(
            cls.env, "p_portal_a", groups="base.group_portal", name="Nurse of Provider A"
        )
        cls.portal_a.partner_id.parent_id = cls.provider_a
        cls.portal_b = new_test_user(
            cls.env, "p_portal_b", groups="base.group_portal", name="Nurse of Provider B"
        )
        cls.portal_b.partner_id.parent_id = cls.provider_b
        cls.case.autonomy = "partial"
        cls.env["social.case.need"].create(
            {"case_id": cls.case.id, "need_type_id": cls.home_care.id}
        )
        cls.env["social.case.note"].create(
            {"case_id": cls.case.id, "body": "<p>Confidential: the son drinks</p>"}
        )
        cls.plan.write(
            {
                "expected_discharge_date": cls.today + timedelta(days=4),
                "services_summary": "Insulin twice a day",
            }
        )
        Request = cls.env["social.discharge.request"]
        cls.request_a = Request.create(
            {
                "plan_id": cls.plan.id,
                "partner_id": cls.provider_a.id,
                "channel": "platform",
                "note": "Internal: the family is difficult",
            }
        )
        cls.request_b = Request.create(
            {"plan_id": cls.plan.id, "partner_id": cls.provider_b.id, "channel": "platform"}
        )
        (cls.request_a | cls.request_b).with_user(cls.worker_a).action_send()
        # sent by the referral platform: the provider answers in its portal; the token of an
        # e-mailed request is made when it is sent
        cls.request_a._portal_ensure_token()
        cls.request_b._portal_ensure_token()
        cls.shared = cls.env["ir.attachment"].create(
            {
                "name": "prescription.txt",
                "raw": b"shared prescription",
                "res_model": Request._name,
                "res_id": cls.request_a.id,
            }
        )
        cls.unshared = cls.env["ir.attachment"].create(
            {
                "name": "internal.txt",
                "raw": b"internal assessment",
                "res_model": Request._name,
                "res_id": cls.request_a.id,
            }
        )
        cls.request_a.shared_attachment_ids = cls.shared
        cls.reason_no_bed = cls.env.ref("social_discharge.refusal_reason_no_bed")
        cls.reason_other = cls.env.ref("social_discharge.refusal_reason_other")

    def messages(self, request):
        # the messages of the request's chatter (not the notices of an assigned activity)
        return self.env["mail.message"].search_count(
            [
                ("model", "=", request._name),
                ("res_id", "=", request.id),
                ("message_type", "!=", "user_notification"),
            ]
        )


class TestProviderSummary(PortalCommon):
    def test_summary_from_the_provider_type_never_notes(self):
        kind = self.env.ref("social_network_partners.partner_type_nursing_home")
        self.provider_a.social_partner_type_ids = kind
        request = self.env["social.discharge.request"].create(
            {"plan_id": self.plan.id, "partner_id": self.providers[2].id}
        )
        request.provider_summary = False
        request.partner_id = self.provider_a.copy({"name": "Home Test"}).id
        self.assertIn(self.home_care.name, request.provider_summary)
        self.assertIn("Needs Some Help", request.provider_summary)
        self.assertIn("Insulin twice a day", request.provider_summary)
        self.assertIn("Admission requested", request.provider_summary)
        self.assertNotIn("drinks", request.provider_summary)
        self.assertNotIn("family is difficult", self.request_a.provider_summary)

    def test_summary_in_the_providers_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        provider = self.providers[2]
        provider.lang = "fr_FR"
        request = self.env["social.discharge.request"].create(
            {"plan_id": self.plan.id, "partner_id": provider.id}
        )
        self.assertIn("Autonomie", request.provider_summary)

    def test_home_care_request_has_availability_and_prescriber(self):
        """Seed 002 (Medicalib): the home nurse is booked at the patient's availability,
        with the prescriber's details."""
        nursing = self.env.ref("social_network_partners.partner_type_home_nursing")
        self.provider_a.social_partner_type_ids = nursing
        self.assertTrue(self.request_a.is_home_care)
        doctor = self.env["res.partner"].create({"name": "Dr Prescriber", "phone": "+32 2 555"})
        self.request_a.write(
            {"patient_availability": "Mornings, not on Wednesdays", "prescriber_id": doctor.id}
        )
        rows = self.rpc(
            self.portal_a,
            "social.discharge.request",
            "read",
            [self.request_a.ids, ["patient_availability", "prescriber_id", "is_home_care"]],
        )
        self.assertEqual(rows[0]["patient_availability"], "Mornings, not on Wednesdays")
        self.assertEqual(rows[0]["prescriber_id"][1], "Dr Prescriber")

    def test_the_patient_s_file_holds_what_the_provider_read_and_answered(self):
        """Right of access: the summary written for the provider, the availability, the
        prescriber and the provider's refusal comment; not the key of the portal's link."""
        self.provider_a.social_partner_type_ids = self.env.ref(
            "social_network_partners.partner_type_home_nursing"
        )
        doctor = self.env["res.partner"].create({"name": "Dr Export Prescriber"})
        self.request_a.write(
            {
                "patient_availability": "Export: mornings only",
                "prescriber_id": doctor.id,
                "provider_summary": "Export: lives on the third floor",
            }
        )
        self.request_a._portal_answer(
            "refuse",
            {"refusal_reason_id": str(self.reason_other.id), "comment": "Export: no bed"},
            self.portal_a.partner_id,
        )
        _name, content = self.patient.with_user(self.manager)._social_access_export_zip()
        archive = zipfile.ZipFile(io.BytesIO(content))
        text = archive.read(next(n for n in archive.namelist() if n.endswith(".json")))
        rows = {row["Provider"]: row for row in json.loads(text)["discharge_requests"]}
        row = rows[self.provider_a.name]
        self.assertEqual(
            (
                row["Summary for the Provider"],
                row["Patient's Availability"],
                row["Prescriber"],
                row["Refusal Comment"],
            ),
            (
                "Export: lives on the third floor",
                "Export: mornings only",
                doctor.name,
                "Export: no bed",
            ),
        )
        self.assertTrue(self.request_b.access_token)
        members = [archive.read(name) for name in archive.namelist()]
        for request in self.request_a | self.request_b:
            for member in members:
                self.assertNotIn(request.access_token.encode(), member)

    def test_identity_only_while_the_consent_is_valid(self):
        self.assertEqual(self.request_a.provider_patient_name, self.patient.name)
        self.consent.valid_until = self.today - timedelta(days=1)
        self.env.invalidate_all()
        self.assertNotEqual(self.request_a.provider_patient_name, self.patient.name)
        self.assertIn("not shared", self.request_a.provider_patient_name)


class TestProviderRpc(PortalCommon):
    def test_portal_user_reads_only_its_requests(self):
        rows = self.rpc(self.portal_a, "social.discharge.request", "search_read", [[], ["state"]])
        self.assertEqual([row["id"] for row in rows], self.request_a.ids)
        with self.assertRaises(AccessError):
            self.rpc(
                self.portal_a, "social.discharge.request", "read", [self.request_b.ids, ["state"]]
            )
        with self.assertRaises(AccessError):
            self.rpc(
                self.portal_a, "social.discharge.request", "read", [self.request_a.ids, ["note"]]
            )
        with self.assertRaises(AccessError):
            self.rpc(
                self.portal_a,
                "social.discharge.request",
                "read",
                [self.request_a.ids, ["patient_id"]],
            )
        # searching on a hidden field is no yes/no oracle
        with self.assertRaises(AccessError):
            self.rpc(
                self.portal_a,
                "social.discharge.request",
                "search_count",
                [[("note", "ilike", "family")]],
            )

    def test_portal_user_writes_nothing_over_rpc(self):
        for method, args in (
            ("write", [self.request_a.ids, {"refusal_reason": "x"}]),
            ("action_accept", [self.request_a.ids]),
            ("action_refuse", [self.request_a.ids]),
            ("action_withdraw", [self.request_a.ids]),
            ("message_post", [self.request_a.ids]),
            ("unlink", [self.request_a.ids]),
        ):
            with self.assertRaises(UserError, msg=method):  # AccessError is one
                self.rpc(self.portal_a, "social.discharge.request", method, args)
        self.assertEqual(self.request_a.state, "sent")

    def test_no_token_for_who_may_not_read_the_request(self):
        """The portal URL carries the token: another team's worker, a nurse, the portal user
        of another provider get none; sharing by link is refused to everyone."""
        for user in (self.worker_b, self.nurse, self.portal_b):
            with self.assertRaises(AccessError, msg=user.login):
                self.rpc(user, "social.discharge.request", "get_portal_url", [self.request_a.ids])
        for user in (self.worker_a, self.worker_b):
            with self.assertRaises(UserError, msg=user.login):
                self.rpc(user, "social.discharge.request", "action_share", [self.request_a.ids])

    def test_portal_user_reaches_no_case_plan_or_attachment(self):
        for model, ids in (
            ("social.case", self.case.ids),
            ("social.discharge.plan", self.plan.ids),
            ("social.case.note", self.case.note_ids.ids if "note_ids" in self.case._fields else []),
            ("ir.attachment", (self.shared | self.unshared).ids),
        ):
            if not ids:
                continue
            with self.assertRaises(AccessError, msg=model):
                self.rpc(self.portal_a, model, "read", [ids, ["display_name"]])
        with self.assertRaises(AccessError):
            self.rpc(
                self.portal_a,
                "ir.attachment",
                "search_read",
                [[("res_model", "=", "social.discharge.request")], ["name"]],
            )


@tagged("post_install", "-at_install")
class TestProviderPortalHttp(PortalCommon, HttpCase):
    def answer(self, request, data, token=None):
        payload = dict(data, csrf_token=Request.csrf_token(self))
        if token:
            payload["access_token"] = token
        return self.url_open(f"/my/discharge-requests/{request.id}/answer", data=payload)

    @staticmethod
    def error_of(response):
        found = re.search(r'o_discharge_error"[^>]*>(.*?)</div>', response.text, re.S)
        return found[1].strip() if found else response.text[:300]

    def state_of(self, request):
        self.env.invalidate_all()
        return request.state

    def test_list_and_page_of_its_own_requests(self):
        self.authenticate("p_portal_a", "p_portal_a")
        response = self.url_open("/my/discharge-requests")
        self.assertEqual(response.status_code, 200)
        self.assertIn(f"/my/discharge-requests/{self.request_a.id}", response.text)
        self.assertNotIn(f"/my/discharge-requests/{self.request_b.id}", response.text)
        page = self.url_open(self.request_a.access_url)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Insulin twice a day", page.text)
        self.assertIn(self.patient.name, page.text)
        self.assertIn("prescription.txt", page.text)
        for secret in ("drinks", "family is difficult", "internal.txt"):
            self.assertNotIn(secret, page.text)
        # provider B's request: refused, as one that does not exist
        other = self.url_open(self.request_b.access_url)
        self.assertEqual(other.status_code, 403)
        self.assertNotIn(self.patient.name, other.text)

    def test_list_queries_do_not_grow_with_the_requests(self):
        self.authenticate("p_portal_a", "p_portal_a")
        self.url_open("/my/discharge-requests")  # warm up
        counts = []
        for extra in (1, 4, 4):
            # requests to the provider's services (its contacts) for other patients' plans
            for index in range(extra):
                patient = self.env["res.partner"].create({"name": f"Patient {index}"})
                case = self.env["social.case"].create(
                    {
                        "patient_id": patient.id,
                        "user_id": self.worker_a.id,
                        "team_id": self.team_a.id,
                    }
                )
                self.env["social.consent"].create(
                    {
                        "case_id": case.id,
                        "purpose_id": self.consent.purpose_id.id,
                        "date_given": self.today - timedelta(days=2),
                    }
                )
                plan = self.env["social.discharge.plan"].create(
                    {"case_id": case.id, "admission_date": self.admission}
                )
                service = self.env["res.partner"].create(
                    {"name": f"Ward {index}", "parent_id": self.provider_a.id}
                )
                request = self.env["social.discharge.request"].create(
                    {"plan_id": plan.id, "partner_id": service.id, "channel": "phone"}
                )
                request.with_user(self.worker_a).action_send()
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            response = self.url_open("/my/discharge-requests")
            counts.append(self.env.cr.sql_log_count - before)
            self.assertEqual(response.status_code, 200)
        self.assertEqual(response.text.count("o_discharge_request_link"), 10)
        # 2, 6 then 10 requests listed: the same queries (the first call loads more)
        self.assertEqual(counts[1], counts[2], counts)
        self.assertLessEqual(counts[2], 25, counts)  # 21 measured

    def test_page_queries_do_not_grow_with_the_documents(self):
        self.authenticate("p_portal_a", "p_portal_a")
        self.url_open(self.request_a.access_url)  # warm up
        counts = []
        for extra in (1, 3, 3):
            self.request_a.shared_attachment_ids |= self.env["ir.attachment"].create(
                [
                    {
                        "name": f"document {index}.txt",
                        "raw": b"shared",
                        "res_model": self.request_a._name,
                        "res_id": self.request_a.id,
                    }
                    for index in range(extra)
                ]
            )
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            response = self.url_open(self.request_a.access_url)
            counts.append(self.env.cr.sql_log_count - before)
            self.assertEqual(response.status_code, 200)
        self.assertEqual(response.text.count("/documents/"), 8)
        self.assertEqual(counts[1], counts[2], counts)
        self.assertLessEqual(counts[2], 30, counts)  # 26 measured

    def test_answers_of_a_portal_user(self):
        self.authenticate("p_portal_a", "p_portal_a")
        before = self.messages(self.request_a)
        activities_before = self.request_a.activity_ids
        response = self.answer(self.request_a, {"answer": "info", "question": "Does she walk?"})
        self.assertEqual(response.status_code, 200, self.error_of(response))
        self.assertEqual(self.state_of(self.request_a), "sent")
        self.assertEqual(self.messages(self.request_a), before + 1)
        # a question is no answer: the response time still runs
        self.assertFalse(self.request_a.answered_at)
        day = fields.Date.to_string(self.today + timedelta(days=3))
        asked = fields.Datetime.now().replace(microsecond=0)
        response = self.answer(
            self.request_a, {"answer": "waiting", "waiting_position": "3", "waiting_date": day}
        )
        answered = fields.Datetime.now()
        self.assertEqual(response.status_code, 200, response.text[:300])
        self.assertEqual(self.state_of(self.request_a), "waiting")
        self.assertEqual(self.request_a.waiting_position, 3)
        first_answer = self.request_a.answered_at
        self.assertTrue(asked <= first_answer <= answered, first_answer)
        response = self.answer(self.request_a, {"answer": "accept", "admission_date": day})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.state_of(self.request_a), "accepted")
        # the response time is the first answer's
        self.assertEqual(self.request_a.answered_at, first_answer)
        self.assertEqual(self.request_a.admission_date, self.today + timedelta(days=3))
        activities = self.request_a.activity_ids - activities_before
        self.assertEqual(activities.user_id, self.worker_a)
        self.assertEqual(len(activities), 3)
        last = self.env["mail.message"].search(
            [
                ("model", "=", self.request_a._name),
                ("res_id", "=", self.request_a.id),
                ("body", "ilike", "accepts the patient"),
            ]
        )
        self.assertEqual(last.author_id, self.portal_a.partner_id)
        # replayed: refused, nothing more written
        count = self.messages(self.request_a)
        response = self.answer(self.request_a, {"answer": "accept", "admission_date": day})
        self.assertEqual(response.status_code, 409)
        self.assertIn("already answered", response.text)
        self.assertEqual(self.messages(self.request_a), count)

    def test_answer_after_withdrawal_is_refused(self):
        self.request_a.with_user(self.worker_a).action_withdraw(notify=False)
        count = self.messages(self.request_a)
        self.authenticate("p_portal_a", "p_portal_a")
        response = self.answer(
            self.request_a, {"answer": "refuse", "refusal_reason_id": str(self.reason_no_bed.id)}
        )
        self.assertEqual(response.status_code, 409)
        self.assertIn("withdrew this request", response.text)
        self.assertEqual(self.state_of(self.request_a), "withdrawn")
        self.assertFalse(self.request_a.refusal_reason_id)
        self.assertEqual(self.messages(self.request_a), count)

    def test_malformed_posts_write_nothing(self):
        self.authenticate("p_portal_a", "p_portal_a")
        count = self.messages(self.request_a)
        for data in (
            {"answer": "accept"},
            {"answer": "accept", "admission_date": "2024-13-45"},
            {"answer": "accept", "admission_date": "9999-01-01"},
            {"answer": "accept", "admission_date": "2001-01-01"},
            {"answer": "waiting", "waiting_position": "abc"},
            {"answer": "waiting", "waiting_position": "-2"},
            {"answer": "waiting", "waiting_position": "99999999999999999999"},
            {"answer": "refuse"},
            {"answer": "refuse", "refusal_reason_id": "999999"},
            {"answer": "refuse", "refusal_reason_id": "x' OR 1=1"},
            {"answer": "refuse", "refusal_reason_id": str(self.reason_other.id)},
            {
                "answer": "refuse",
                "refusal_reason_id": str(self.reason_no_bed.id),
                "comment": "a\x00b",
            },
            {
                "answer": "refuse",
                "refusal_reason_id": str(self.reason_no_bed.id),
                "comment": "x" * 5000,
            },
            {"answer": "info", "question": "  "},
            {"answer": "state", "state": "accepted"},
            {},
        ):
            response = self.answer(self.request_a, data)
            self.assertEqual(response.status_code, 400, f"{data}: {response.text[:200]}")
            self.assertIn("o_discharge_error", response.text, data)
            self.assertEqual(self.state_of(self.request_a), "sent", data)
        self.assertEqual(self.messages(self.request_a), count)
        self.assertFalse(self.request_a.activity_ids)

    def test_portal_user_of_b_cannot_answer_a(self):
        self.authenticate("p_portal_b", "p_portal_b")
        response = self.answer(
            self.request_a, {"answer": "refuse", "refusal_reason_id": str(self.reason_no_bed.id)}
        )
        self.assertEqual(response.status_code, 403)
        self.assertEqual(self.state_of(self.request_a), "sent")
        # nor with provider B's token
        response = self.answer(
            self.request_a,
            {"answer": "refuse", "refusal_reason_id": str(self.reason_no_bed.id)},
            token=self.request_b.access_token,
        )
        self.assertEqual(response.status_code, 403)
        self.assertEqual(self.state_of(self.request_a), "sent")

    def test_signed_link_answers_once(self):
        self.authenticate(None, None)
        token = self.request_a.access_token
        page = self.url_open(f"{self.request_a.access_url}?access_token={token}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Insulin twice a day", page.text)
        forged = self.url_open(f"{self.request_a.access_url}?access_token={token[:-4]}abcd")
        self.assertEqual(forged.status_code, 403)
        self.assertNotIn("Insulin", forged.text)
        response = self.answer(
            self.request_a,
            {
                "answer": "refuse",
                "refusal_reason_id": str(self.reason_no_bed.id),
                "comment": "Full until May",
            },
            token=token,
        )
        self.assertEqual(response.status_code, 200, response.text[:300])
        self.assertEqual(self.state_of(self.request_a), "refused")
        self.assertEqual(self.request_a.refusal_reason_id, self.reason_no_bed)
        self.assertEqual(self.request_a.refusal_reason, "Full until May")
        message = self.env["mail.message"].search(
            [
                ("model", "=", self.request_a._name),
                ("res_id", "=", self.request_a.id),
                ("body", "ilike", "Full until May"),
            ]
        )
        self.assertEqual(message.author_id, self.provider_a)
        self.assertIn("Full until May", message.body)
        self.assertEqual(self.request_a.activity_ids.user_id, self.worker_a)
        # replayed through the link: refused, nothing written
        count = self.messages(self.request_a)
        again = self.answer(
            self.request_a,
            {"answer": "accept", "admission_date": fields.Date.to_string(self.today)},
            token=token,
        )
        self.assertEqual(again.status_code, 409)
        self.assertEqual(self.state_of(self.request_a), "refused")
        self.assertEqual(self.messages(self.request_a), count)
        # and the link no longer opens the documents
        document = self.url_open(
            f"{self.request_a.access_url}/documents/{self.shared.id}?access_token={token}"
        )
        self.assertEqual(document.status_code, 403)

    def test_expired_link(self):
        self.authenticate(None, None)
        self.request_a.sudo().date_sent = fields.Datetime.now() - timedelta(days=30)
        token = self.request_a.access_token
        page = self.url_open(f"{self.request_a.access_url}?access_token={token}")
        self.assertEqual(page.status_code, 410)
        self.assertIn("expired", page.text)
        response = self.answer(
            self.request_a,
            {"answer": "refuse", "refusal_reason_id": str(self.reason_no_bed.id)},
            token=token,
        )
        self.assertEqual(response.status_code, 409)
        self.assertEqual(self.state_of(self.request_a), "sent")

    def test_page_in_the_providers_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.provider_a.lang = "fr_FR"
        token = self.request_a.access_token
        page = self.url_open(f"{self.request_a.access_url}?access_token={token}")
        self.assertIn("Refuser", page.text)
        self.assertIn("Aucun lit", page.text)
        # a Dutch-speaking provider's user reads its portal in Dutch
        self.provider_b.lang = "nl_BE"
        self.portal_b.lang = "nl_BE"
        self.authenticate("p_portal_b", "p_portal_b")
        page = self.url_open(self.request_b.access_url)
        self.assertIn("Weigeren", page.text)
        self.assertIn("Buiten ons werkgebied", page.text)
        # and in English, an English-speaking one
        self.authenticate("p_portal_a", "p_portal_a")
        self.portal_a.lang = "en_US"
        page = self.url_open(self.request_a.access_url)
        self.assertIn("Refuse the request", page.text)

    def test_portal_home_counts_the_requests(self):
        self.authenticate("p_portal_a", "p_portal_a")
        home = self.url_open("/my")
        self.assertEqual(home.status_code, 200)
        self.assertIn("/my/discharge-requests", home.text)
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["discharge_request_count"]}
        )
        self.assertEqual(counters["discharge_request_count"], 1)

    def test_documents_only_those_shared(self):
        self.authenticate("p_portal_a", "p_portal_a")
        shared = self.url_open(f"{self.request_a.access_url}/documents/{self.shared.id}")
        self.assertEqual(shared.status_code, 200)
        self.assertEqual(shared.content, b"shared prescription")
        unshared = self.url_open(f"{self.request_a.access_url}/documents/{self.unshared.id}")
        self.assertEqual(unshared.status_code, 404)
        for attachment in (self.shared, self.unshared):
            response = self.url_open(f"/web/content/{attachment.id}?download=true")
            self.assertNotIn(b"internal assessment", response.content)
            self.assertNotIn(b"shared prescription", response.content)
            self.assertIn(response.status_code, (403, 404))

    def test_mail_routes_and_reports_give_nothing_more(self):
        self.request_a.message_post(
            body="Internal: waiting for the family",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        self.authenticate("p_portal_a", "p_portal_a")
        try:
            text = str(
                self.make_jsonrpc_request(
                    "/mail/thread/messages",
                    {"thread_model": "social.discharge.request", "thread_id": self.request_a.id},
                )
            )
        except Exception as error:  # noqa: BLE001 - a refusal is what we want
            text = str(error)
        self.assertNotIn("waiting for the family", text)
        self.assertNotIn("drinks", text)
        count = self.messages(self.request_a)
        try:
            posted = self.make_jsonrpc_request(
                "/mail/message/post",
                {
                    "thread_model": "social.discharge.request",
                    "thread_id": self.request_a.id,
                    "post_data": {"body": "I write in your chatter", "message_type": "comment"},
                },
            )
        except Exception as error:  # noqa: BLE001 - the route refuses with an error, as wanted
            posted = str(error)
        self.assertNotIn("I write in your chatter", str(posted))
        self.assertEqual(self.messages(self.request_a), count)
        report = self.url_open(f"/report/pdf/social_discharge.report_liaison_letter/{self.plan.id}")
        self.assertNotEqual(report.headers.get("Content-Type"), "application/pdf")
        self.assertNotIn(b"drinks", report.content)


class TestConfirmProvider(PortalCommon):
    def test_confirming_withdraws_the_other_requests_and_tells_them(self):
        """The provider accepted in its portal; the worker confirms it: it is the plan's
        destination, the other open requests are withdrawn and their providers told."""
        self.env["res.lang"]._activate_lang("nl_BE")
        third = self.providers[3]
        third.lang = "nl_BE"
        request_c = self.env["social.discharge.request"].create(
            {"plan_id": self.plan.id, "partner_id": third.id, "channel": "email"}
        )
        request_c.with_user(self.worker_a).action_send()
        # the e-mail carries the signed link of the request, in the provider's language
        sent = (
            self.env["mail.message"]
            .search([("model", "=", request_c._name), ("res_id", "=", request_c.id)], order="id")
            .filtered(lambda m: third in m.partner_ids)[:1]
        )
        self.assertTrue(request_c.access_token)
        self.assertIn(f"{request_c.access_url}?access_token={request_c.access_token}", sent.body)
        self.assertIn("de aanvraag openen", sent.body)
        day = fields.Date.to_string(self.today + timedelta(days=2))
        self.request_a._portal_answer("accept", {"admission_date": day}, self.portal_a.partner_id)
        self.assertEqual(self.request_a.state, "accepted")
        self.assertFalse(self.request_a.is_confirmed)
        self.request_a.with_user(self.worker_a).action_confirm_provider()
        self.assertEqual(self.plan.destination_partner_id, self.provider_a)
        self.assertTrue(self.request_a.is_confirmed)
        self.assertEqual((self.request_b | request_c).mapped("state"), ["withdrawn", "withdrawn"])
        told = self.env["mail.message"].search(
            [
                ("model", "=", request_c._name),
                ("res_id", "=", request_c.id),
                ("partner_ids", "in", third.ids),
            ],
            limit=1,
        )
        self.assertIn("Aanvraag ingetrokken", told.subject or "")
        # confirming twice, or a request that did not accept, is refused
        with self.assertRaises(UserError):
            self.request_b.with_user(self.worker_a).action_confirm_provider()


class TestFirstAnswerMoment(PortalCommon):
    def test_first_answer_by_the_portal_or_the_worker_and_for_earlier_answers(self):
        # the requests were created and sent in a transaction of their own
        self.flush_tracking()
        sent = self.request_a.date_sent
        waiting, accepted, refused = (sent + timedelta(hours=h) for h in (3, 30, 5))
        with freeze_time(waiting):
            self.request_a._portal_answer(
                "waiting", {"waiting_position": "2"}, self.portal_a.partner_id
            )
            self.flush_tracking()
        with freeze_time(accepted):
            self.request_a.with_user(self.worker_a).action_accept()
            self.flush_tracking()
        with freeze_time(refused):
            self.request_b.with_user(self.worker_a).refusal_reason_id = self.reason_no_bed
            self.request_b.with_user(self.worker_a).action_refuse()
            self.flush_tracking()
        self.assertEqual(self.request_a.answered_at, waiting)
        self.assertEqual(self.request_b.answered_at, refused)
        # created answered on an earlier day (an import): noon of that day
        answered_day = self.today - timedelta(days=2)
        imported = self.env["social.discharge.request"].create(
            {
                "plan_id": self.plan.id,
                "partner_id": self.providers[2].id,
                "channel": "phone",
                "state": "refused",
                "date_sent": datetime.combine(self.today - timedelta(days=3), time(9)),
                "date_answer": answered_day,
                "refusal_reason": "Full",
            }
        )
        noon = datetime.combine(answered_day, time(12))
        self.assertEqual(imported.answered_at, noon)
        # answered before the moment was recorded: the migration takes it from the chatter,
        # else from the answer's date
        requests = self.request_a | self.request_b | imported
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE social_discharge_request SET answered_at = NULL WHERE id IN %s",
            [tuple(requests.ids)],
        )
        requests.invalidate_recordset(["answered_at"])
        spec = importlib.util.spec_from_file_location("post_migrate", MIGRATION)
        script = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(script)
        script.migrate(self.env.cr, "18.0.1.0.0")
        self.assertEqual(requests.mapped("answered_at"), [waiting, refused, noon])


@tagged("post_install", "-at_install")
class TestProviderPortalTour(PortalCommon, HttpCase):
    browser_size = "375x667"
    touch_enabled = True

    def test_provider_refuses_on_a_phone(self):
        self.request_b.with_user(self.worker_a).action_withdraw(notify=False)
        self.start_tour(
            "/my/discharge-requests", "social_discharge_provider_portal_tour", login="p_portal_a"
        )
        self.env.invalidate_all()
        self.assertEqual(self.request_a.state, "refused")
        self.assertEqual(self.request_a.refusal_reason_id, self.reason_no_bed)
        self.assertEqual(self.request_a.refusal_reason, "Full until the end of the month")
        self.assertEqual(self.request_a.activity_ids.user_id, self.worker_a)


@tagged("post_install", "-at_install")
class TestConfirmProviderTour(PortalCommon, HttpCase):
    def test_one_accepts_through_the_link_the_worker_confirms(self):
        """Three providers asked; one accepts through the e-mail's link; the worker confirms
        it from the request: the two others are withdrawn."""
        third = self.providers[3]
        request_c = self.env["social.discharge.request"].create(
            {"plan_id": self.plan.id, "partner_id": third.id, "channel": "email"}
        )
        request_c.with_user(self.worker_a).action_send()
        self.authenticate(None, None)
        response = self.url_open(
            f"/my/discharge-requests/{request_c.id}/answer",
            data={
                "csrf_token": Request.csrf_token(self),
                "access_token": request_c.access_token,
                "answer": "accept",
                "admission_date": fields.Date.to_string(self.today + timedelta(days=2)),
            },
        )
        self.assertEqual(response.status_code, 200)
        self.env.invalidate_all()
        self.assertEqual(request_c.state, "accepted")
        self.start_tour(
            f"/odoo/social.discharge.request/{request_c.id}",
            "social_discharge_confirm_provider_tour",
            login=self.worker_a.login,
        )
        self.env.invalidate_all()
        self.assertEqual(self.plan.destination_partner_id, third)
        self.assertEqual(
            (self.request_a | self.request_b).mapped("state"), ["withdrawn", "withdrawn"]
        )

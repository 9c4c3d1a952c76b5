import json
from datetime import timedelta

from odoo.tests import tagged

from .common import HisCommon


@tagged("post_install", "-at_install")
class TestHisHttp(HisCommon):
    """The endpoint as the integration engine calls it: a key, a message, an answer."""

    def test_hl7_post_is_applied_and_acknowledged(self):
        body = self.hl7("A01", self.day0, control="MSG-0001")
        response = self.post("/social_his/hl7v2", body)
        self.assertEqual(response.status_code, 200)
        segments = response.text.split("\r")
        self.assertTrue(segments[0].startswith("MSH|^~\\&|"))
        self.assertIn("ACK^A01^ACK", segments[0])
        self.assertEqual(segments[1].split("|")[:3], ["MSA", "AA", "MSG-0001"])
        # the answer does not tell the hospital whether the patient is followed: the inbox does
        self.assertNotIn(self.case_a.name, response.text)
        self.assertIn(self.case_a.name, self.messages().reason)
        self.assertEqual(len(self.stays(self.case_a)), 1)

    def test_names_keep_their_accents_in_the_character_set_the_message_names(self):
        """An engine that sends ISO 8859-1, as European engines do, says so in MSH-18, in the
        request's Content-Type, or not at all: the patient's name is stored as written,
        never with replacement characters."""
        name = ("Lefèvre", "Zoë")
        utf8 = self.hl7("A01", self.day0, control="MSG-8859-0", name=name)
        cases = {
            "MSG-8859-1": (utf8.replace("|UNICODE UTF-8", "|8859/1"), "application/hl7-v2"),
            "MSG-8859-2": (utf8.replace("|UNICODE UTF-8", "|"), "application/hl7-v2"),
            "MSG-8859-3": (
                utf8.replace("|UNICODE UTF-8", "|"),
                "application/hl7-v2; charset=ISO-8859-1",
            ),
        }
        for control, (text, content_type) in cases.items():
            with self.subTest(control=control):
                body = text.replace("MSG-8859-0", control).encode("iso8859-1")
                response = self.url_open(
                    "/social_his/hl7v2",
                    data=body,
                    headers={"Content-Type": content_type, "Authorization": f"Bearer {self.key}"},
                )
                self.assertEqual(response.status_code, 200)
                self.env.invalidate_all()
                message = self.messages().filtered(lambda m, c=control: m.control_id == c)
                self.assertEqual((message.patient_family_name, message.patient_given_name), name)
                self.assertIn("Lefèvre^Zoë", message.raw)
        # a character set that is not one, or a codec that does not read text, is ignored:
        # the message is answered, never a server error
        for charset in ("rot13", "base64", "no-such-charset", ""):
            with self.subTest(charset=charset):
                response = self.url_open(
                    "/social_his/hl7v2",
                    data=utf8.replace("MSG-8859-0", f"MSG-CS-{charset}").encode(),
                    headers={
                        "Content-Type": f"application/hl7-v2; charset={charset}",
                        "Authorization": f"Bearer {self.key}",
                    },
                )
                self.assertEqual(response.status_code, 200)
                self.env.invalidate_all()
                message = self.messages().filtered(
                    lambda m, c=charset: m.control_id == f"MSG-CS-{c}"
                )
                self.assertEqual(message.patient_family_name, "Lefèvre")
        # UTF-8 without a word in MSH-18 is read as UTF-8
        response = self.url_open(
            "/social_his/hl7v2",
            data=utf8.replace("|UNICODE UTF-8", "|").replace("MSG-8859-0", "MSG-UTF8").encode(),
            headers={"Content-Type": "application/hl7-v2", "Authorization": f"Bearer {self.key}"},
        )
        self.assertEqual(response.status_code, 200)
        self.env.invalidate_all()
        message = self.messages().filtered(lambda m: m.control_id == "MSG-UTF8")
        self.assertEqual(message.patient_family_name, "Lefèvre")

    def test_duplicate_delivery_changes_nothing_and_gets_the_same_ack(self):
        body = self.hl7("A01", self.day0, control="MSG-0002")
        first = self.post("/social_his/hl7v2", body)
        self.receive(self.hl7("A02", self.day0 + timedelta(days=1), unit="PGERI", room="9"))
        second = self.post("/social_his/hl7v2", body)
        self.assertEqual(first.text, second.text)
        self.assertEqual(len(self.messages().filtered(lambda m: m.control_id == "MSG-0002")), 1)
        stay = self.stays(self.case_a)
        self.assertEqual(len(stay), 1)
        # the second delivery did not undo the transfer that followed
        self.assertEqual((stay.unit_id, stay.room), (self.geriatrics, "9"))

    def test_wrong_or_missing_key_is_refused_and_nothing_stored(self):
        body = self.hl7("A01", self.day0)
        for key in (False, "wrong-key-0123456789", self.key[:8] + "0" * 32, ""):
            with self.labelled(key=key):
                response = self.post("/social_his/hl7v2", body, key=key)
                self.assertEqual(response.status_code, 401)
        response = self.post(
            "/social_his/fhir",
            json.dumps(self.fhir("in-progress", self.day0, "F-1")),
            key="nope-nope-nope",
            content_type="application/fhir+json",
        )
        self.assertEqual(response.status_code, 401)
        self.assertFalse(self.messages())
        self.assertFalse(self.stays(self.case_a))
        # an archived sender's key no longer works
        self.sender.active = False
        self.assertEqual(self.post("/social_his/hl7v2", body).status_code, 401)
        self.assertFalse(self.messages().with_context(active_test=False))

    def test_malformed_post_gets_a_reject_ack(self):
        body = (
            self.hl7("A01", self.day0, control="MSG-BAD")
            .replace("|2.5|", "|2.5|")
            .replace("EVN|A01|", "EVN|A01|not-a-date")
        )
        body = body.replace(body.split("\r")[0].split("|")[6], "yesterday")
        response = self.post("/social_his/hl7v2", body)
        self.assertEqual(response.status_code, 200)
        msa = response.text.split("\r")[1].split("|")
        self.assertEqual(msa[:3], ["MSA", "AR", "MSG-BAD"])
        message = self.messages()
        self.assertEqual(message.state, "error")
        self.assertFalse(self.stays(self.case_a))

    def test_unknown_unit_gets_an_error_ack(self):
        response = self.post("/social_his/hl7v2", self.hl7("A01", self.day0, unit="ZZZ"))
        msa = response.text.split("\r")[1].split("|")
        self.assertEqual(msa[1], "AE")
        self.assertIn("ZZZ", msa[3])

    def test_fhir_bundle_is_answered_by_an_operation_outcome(self):
        bundle = self.fhir("in-progress", self.day0, "FHIR-0001", ssin=self.niss_a, number=None)
        response = self.post(
            "/social_his/fhir", json.dumps(bundle), content_type="application/fhir+json"
        )
        self.assertEqual(response.status_code, 200, response.text)
        outcome = response.json()
        self.assertEqual(outcome["resourceType"], "OperationOutcome")
        self.assertEqual(outcome["issue"][0]["severity"], "information")
        self.assertEqual(len(self.stays(self.case_a)), 1)
        # not a Bundle: rejected, stored in error
        response = self.post(
            "/social_his/fhir",
            json.dumps({"resourceType": "Patient"}),
            content_type="application/fhir+json",
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json()["issue"][0]["severity"], "fatal")

    def test_junk_bodies_are_answered_and_apply_nothing(self):
        """What a faulty engine or a stolen key could post: every body is answered with the
        protocol's own refusal (never a server error), and nothing reaches a case."""
        good = self.hl7("A01", self.day0, control="MSG-JUNK")
        bundle = json.dumps(self.fhir("in-progress", self.day0, "FHIR-JUNK"))
        junk = {
            "/social_his/hl7v2": [
                b"",
                b"\x00\x01\x02",
                good.encode().replace(b"PID|", b"PID|\x00"),
                good.encode().replace(b"P-1001", b"P-\xff\xfe1001"),
                b"MSH|^~\\&|" + b"A" * 200_000,
                b"MSH|" + b"|" * 5_000,
                b"PID|1||P-1001",
            ],
            "/social_his/fhir": [
                b"",
                b"[]",
                b"42",
                b'"a string"',
                b"{" * 5_000,
                b'{"resourceType": "Patient"}',
                b'{"resourceType": "Bundle", "type": "transaction", "entry": "x"}',
                bundle.encode().replace(b"in-progress", b"in-progress\x00"),
                bundle.encode().replace(b"FHIR-JUNK", b"FHIR-\xff"),
            ],
        }
        for path, bodies in junk.items():
            for body in bodies:
                with self.labelled(path=path, body=body[:40]):
                    response = self.opener.post(
                        self.base_url() + path,
                        data=body,
                        headers={"Authorization": f"Bearer {self.key}"},
                        timeout=30,
                    )
                    self.assertIn(response.status_code, (200, 400, 422))
                    self.assertNotIn("Traceback", response.text)
        self.env.invalidate_all()
        self.assertFalse(self.stays(self.case_a))
        self.assertTrue(self.messages())
        # stored for the inbox, in error (or ignored: a patient number no one has)
        self.assertLessEqual(set(self.messages().mapped("state")), {"error", "ignored"})
        self.assertIn("NUL", " ".join(self.messages().mapped("reason")))

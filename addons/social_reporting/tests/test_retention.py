import base64

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.social_case.tests.common_probe import ProbeCommon


@tagged("post_install", "-at_install")
class TestRetention(ProbeCommon):
    """Closed cases past the retention period are anonymised, never deleted, and the
    activity reports count exactly the same before and after."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        env.company.social_retention_years = 10
        cls.closed = env.ref("social_case.stage_closed")
        Partner = env["res.partner"]
        cls.patient_alone = Partner.create(
            {"name": "Retention Patient Alone", "email": "alone@example.com", "phone": "0470"}
        )
        cls.patient_back = Partner.create({"name": "Retention Patient Back", "zip": "1000"})
        cls.case_old = cls._closed_case(cls.patient_alone, "2014-06-30")
        cls.case_back_old = cls._closed_case(cls.patient_back, "2014-05-31")
        cls.case_held = cls._closed_case(
            Partner.create({"name": "Retention Patient Held"}), "2013-01-31"
        )
        cls.case_recent = cls._closed_case(
            Partner.create({"name": "Retention Patient Recent"}), "2020-01-31"
        )
        # the patient came back: the new case is open and still needs who they are
        cls.case_back_new = env["social.case"].create(
            {
                "patient_id": cls.patient_back.id,
                "user_id": cls.worker_a.id,
                "team_id": cls.team_a.id,
            }
        )
        cls.note = env["social.case.note"].create(
            {"case_id": cls.case_old.id, "body": "<p>Retention: violence at home</p>"}
        )
        cls.consent = env["social.consent"].create(
            {
                "case_id": cls.case_old.id,
                "purpose_id": env.ref("social_case.consent_purpose_cpas").id,
                "given_by": "representative",
                "representative_name": "Retention Daughter",
            }
        )
        cls.message = cls.case_old.message_post(
            body="Retention: the landlord threatens eviction",
            attachments=[("lease.txt", b"Retention lease")],
        )

    @classmethod
    def _closed_case(cls, patient, date_closed):
        case = cls.env["social.case"].create(
            {
                "patient_id": patient.id,
                "user_id": cls.worker_a.id,
                "team_id": cls.team_a.id,
                "date_open": "2012-01-02",
                "summary": "<p>Retention: debts and isolation</p>",
                "household_type": "single",
                "insurer_member_number": "123-456",
            }
        )
        cls.env["social.intervention"].create(
            [
                {
                    "case_id": case.id,
                    "type_id": cls.interview.id,
                    "user_id": cls.worker_a.id,
                    "duration": minutes,
                    "note": "Retention: she cried",
                }
                for minutes in (30, 45)
            ]
        )
        case.write({"stage_id": cls.closed.id, "date_closed": date_closed})
        return case

    def _totals(self):
        self.env.invalidate_all()
        caseload = self.env["social.report.caseload"].read_group(
            [], ["case_count:sum", "open_days:sum"], ["team_id", "stage_id", "user_id"], lazy=False
        )
        interventions = self.env["social.report.intervention"].read_group(
            [],
            ["duration:sum", "intervention_count:sum"],
            ["type_id", "user_id", "team_id"],
            lazy=False,
        )
        strip = lambda rows: sorted(  # noqa: E731
            (sorted((k, str(v)) for k, v in row.items() if k != "__domain")) for row in rows
        )
        return strip(caseload), strip(interventions)

    def test_manager_reviews_due_cases_and_holds_some(self):
        with freeze_time("2024-07-01"):
            due = self.rpc(
                self.manager,
                "social.case",
                "search",
                [self.env["social.case"]._due_for_anonymisation_domain()],
            )
            self.assertIn(self.case_old.id, due)
            self.assertIn(self.case_held.id, due)
            self.assertNotIn(self.case_recent.id, due)
            with self.assertRefused(self.case_held, exceptions=AccessError):
                self.rpc(
                    self.worker_a,
                    "social.case",
                    "write",
                    [self.case_held.ids, {"legal_hold": True}],
                )
            self.rpc(
                self.manager, "social.case", "write", [self.case_held.ids, {"legal_hold": True}]
            )
            due = self.rpc(
                self.manager,
                "social.case",
                "search",
                [self.env["social.case"]._due_for_anonymisation_domain()],
            )
            self.assertNotIn(self.case_held.id, due)

    def test_anonymisation_erases_identity_and_texts_and_keeps_totals(self):
        self.case_held.legal_hold = True
        attachment = self.message.attachment_ids
        self.assertTrue(attachment)
        with freeze_time("2024-07-01"):
            before = self._totals()
            done = self.env["social.case"]._cron_anonymise()
            self.env.flush_all()
            after = self._totals()
        self.assertEqual(after, before)
        self.assertEqual(done, self.case_old | self.case_back_old)
        self.env.invalidate_all()
        case = self.case_old
        self.assertEqual(str(case.anonymised_on), "2024-07-01")
        self.assertNotEqual(case.patient_id, self.patient_alone)
        self.assertIn(case.name, case.patient_id.name)
        self.assertFalse(case.summary)
        self.assertFalse(case.household_type)
        self.assertFalse(case.insurer_member_number)
        # kept: what was done, when, by whom
        self.assertEqual(str(case.date_closed), "2014-06-30")
        self.assertEqual(case.stage_id, self.closed)
        self.assertEqual(case.user_id, self.worker_a)
        self.assertEqual(sorted(case.intervention_ids.mapped("duration")), [30, 45])
        self.assertFalse(any(case.intervention_ids.mapped("note")))
        self.assertEqual(self.note.body, "<p>Anonymised</p>")
        self.assertEqual(self.consent.patient_id, case.patient_id)
        self.assertEqual(self.consent.representative_name, "Anonymised")
        # messages: no body, no tracked value, no attachment
        messages = self.env["mail.message"].search(
            [("model", "=", "social.case"), ("res_id", "=", case.id)]
        )
        self.assertTrue(messages)
        self.assertFalse(any("Retention" in (m.body or "") for m in messages))
        self.assertFalse(messages.tracking_value_ids)
        self.assertFalse(attachment.exists())
        self.assertNotIn(
            b"Retention",
            b"".join(
                base64.b64decode(a.datas or b"")
                for a in self.env["ir.attachment"].search(
                    [("res_model", "=", "social.case"), ("res_id", "=", case.id)]
                )
            ),
        )
        # the patient with no case left is anonymised; the one who came back is untouched
        alone = self.patient_alone.with_context(active_test=False)
        self.assertFalse(alone.active)
        self.assertFalse(alone.email or alone.phone)
        self.assertNotIn("Retention", alone.name)
        self.assertEqual(self.patient_back.name, "Retention Patient Back")
        self.assertEqual(self.case_back_new.patient_id, self.patient_back)
        self.assertNotEqual(self.case_back_old.patient_id, self.patient_back)
        # held and recent cases are left as they were
        self.assertFalse(self.case_held.anonymised_on)
        self.assertTrue(self.case_held.summary)
        self.assertFalse(self.case_recent.anonymised_on)
        # each anonymisation is in the access log
        logs = self.env["social.case.access.log"].search([("operation", "=", "anonymised")])
        self.assertEqual(logs.case_id, self.case_old | self.case_back_old)
        # nothing was deleted
        self.assertTrue(case.exists() and self.note.exists() and self.consent.exists())

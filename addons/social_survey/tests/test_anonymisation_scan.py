import io
import os
import subprocess
import zipfile
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged
from odoo.tools import SQL

from odoo.addons.social_case.tests.common_probe import ProbeCommon

# the patient and the people around them, with values found nowhere else
PATIENT = {
    "name": "Zyxwvq Oplkjh",
    "niss": "23.11.29-417.49",
    "phone": "+32 487 61 93 05",
    "email": "zyxwvq.oplkjh@patient.example",
    "street": "Rue Qwxzpr 97",
    "birthdate": "1923-11-29",
}
DAUGHTER = {"name": "Yvqxw Oplkjh-Marnz", "phone": "+32 486 55 10 72"}
# where the law or Odoo's own machinery keeps a value after the anonymisation, and why
# (SECURITY.md "Anonymisation leaves no identity behind"): {(table, column): reason}
ALLOWED = {}


def _needles():
    """What an auditor searches: each value, as typed and as the software writes it."""
    digits = "".join(c for c in PATIENT["niss"] if c.isdigit())
    year, month, day = PATIENT["birthdate"].split("-")
    return [
        PATIENT["name"],
        "Oplkjh",
        "Zyxwvq",
        PATIENT["niss"],
        digits,
        PATIENT["phone"],
        PATIENT["phone"].replace(" ", ""),
        PATIENT["email"],
        "Qwxzpr",
        PATIENT["birthdate"],
        f"{day}/{month}/{year}",
        f"{day}.{month}.{year}",
        DAUGHTER["name"],
        DAUGHTER["phone"],
        DAUGHTER["phone"].replace(" ", ""),
    ]


def _texts_of(content):
    """The readable texts of a stored file: itself, the members of a ZIP, a PDF's text."""
    texts = [content]
    # a file that only starts like a ZIP is scanned as it is
    if content[:4] == b"PK\x03\x04" and zipfile.is_zipfile(io.BytesIO(content)):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            for member in archive.namelist():
                texts.extend(_texts_of(archive.read(member)))

    elif content[:5] == b"%PDF-":
        texts.append(
            subprocess.run(
                ["pdftotext", "-", "-"], input=content, capture_output=True, check=True
            ).stdout
        )
    return texts


@tagged("post_install", "-at_install")
class TestAnonymisationScan(ProbeCommon):
    """The auditor's test: a case with every kind of record around it is anonymised by the
    retention cron; then no text column of any table, and no file of the filestore, holds
    the patient's name, national number, phone, e-mail, street or date of birth."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        ref = env.ref
        today = fields.Date.context_today(env.user)
        env.company.social_retention_years = 1
        cls.patient = env["res.partner"].create(
            {
                "name": PATIENT["name"],
                "phone": PATIENT["phone"],
                "email": PATIENT["email"],
                "street": PATIENT["street"],
                "zip": "1030",
                "city": "Schaerbeek",
                "social_niss": PATIENT["niss"],
                "social_birthdate": PATIENT["birthdate"],
            }
        )
        cls.gp = env["res.partner"].create(
            {"name": "Dr Scan General Practice", "email": "gp.scan@practice.example"}
        )
        # the patient is referred by a nurse, with their date of birth
        cls.referral = env["social.referral"].create(
            {
                "patient_id": cls.patient.id,
                "patient_birthdate": PATIENT["birthdate"],
                "reason": f"{PATIENT['name']} lives alone at {PATIENT['street']}",
            }
        )
        cls.case = env["social.case"].create(
            {
                "patient_id": cls.patient.id,
                "user_id": cls.worker_a.id,
                "team_id": cls.team_a.id,
                "date_open": today - timedelta(days=4 * 365),
                "summary": f"<p>{PATIENT['name']}, phone {PATIENT['phone']}</p>",
                "patient_birthdate": PATIENT["birthdate"],
            }
        )
        cls.referral.case_id = cls.case
        case = cls.case
        Contact = env["social.case.contact"]
        Contact.create(
            [
                {
                    "case_id": case.id,
                    "role": "family",
                    "name": DAUGHTER["name"],
                    "relationship": "Daughter",
                    "phone": DAUGHTER["phone"],
                    "note": f"Daughter of {PATIENT['name']}",
                },
                {
                    "case_id": case.id,
                    "role": "gp",
                    "partner_id": cls.gp.id,
                    "name": cls.gp.name,
                    "email": cls.gp.email,
                },
            ]
        )
        env["social.intervention"].create(
            {
                "case_id": case.id,
                "type_id": ref("social_case.intervention_type_interview_patient").id,
                "user_id": cls.worker_a.id,
                "note": f"Met {PATIENT['name']} at {PATIENT['street']}",
            }
        )
        env["social.case.note"].create(
            {"case_id": case.id, "body": f"<p>{PATIENT['name']} fears the landlord</p>"}
        )
        env["social.procedure"].create(
            {
                "case_id": case.id,
                "type_id": ref("social_case.procedure_type_insurer_regularisation").id,
            }
        )
        env["social.case.episode"].create({"case_id": case.id, "note": PATIENT["name"]})
        Consent = env["social.consent"]
        for purpose in ("discharge_provider", "gp", "volunteers"):
            Consent.create(
                {
                    "case_id": case.id,
                    "purpose_id": ref(f"social_case.consent_purpose_{purpose}").id,
                    "given_by": "representative",
                    "representative_name": DAUGHTER["name"],
                }
            )
        # the discharge: a plan, a request sent to a provider, the letter to the GP
        plan = env["social.discharge.plan"].create(
            {
                "case_id": case.id,
                "admission_date": today - timedelta(days=4 * 365 - 2),
                "services_summary": f"Home help for {PATIENT['name']}",
            }
        )
        provider = env["res.partner"].create(
            {"name": "Scan Home Care", "is_company": True, "email": "scan@homecare.example"}
        )
        request = env["social.discharge.request"].create(
            {"plan_id": plan.id, "partner_id": provider.id}
        )
        request.action_send()
        plan.action_inform_gp()
        # a volunteer's visit, in their calendar
        service = env["social.liaison.service"].create(
            {"name": "Scan Volunteering", "member_ids": [(6, 0, cls.volunteer.ids)]}
        )
        liaison = env["social.liaison.request"].create(
            {
                "service_id": service.id,
                "patient_id": cls.patient.id,
                "case_id": case.id,
                "purpose": f"Visit {PATIENT['name']}",
                "consent_given": True,
                "assignee_id": cls.volunteer.id,
                "visit_datetime": fields.Datetime.now() - timedelta(days=4 * 365 - 3),
            }
        )
        liaison.action_accept()
        liaison.action_schedule()
        # the worker moves the visit: Odoo tells the volunteer by e-mail
        liaison.with_user(cls.worker_a).visit_datetime += timedelta(hours=2)
        # a nurse's request for the same patient, not linked to the case
        caseless = env["social.liaison.request"].create(
            {
                "service_id": service.id,
                "patient_id": cls.patient.id,
                "purpose": f"Company for {PATIENT['name']}",
                "consent_given": True,
                "assignee_id": cls.volunteer.id,
                "visit_datetime": fields.Datetime.now() - timedelta(days=4 * 365 - 5),
            }
        )
        caseless.action_accept()
        caseless.action_schedule()
        # a referral of the patient redirected elsewhere, which never became a case
        env["social.referral"].create(
            {
                "patient_id": cls.patient.id,
                "patient_birthdate": PATIENT["birthdate"],
                "reason": f"{PATIENT['name']} asks for a home nurse",
            }
        )
        # a meeting on the case, activities, chatter with an e-mail and an attachment
        env["calendar.event"].create(
            {
                "name": f"Meeting with {PATIENT['name']}",
                "description": f"<p>At {PATIENT['street']}, call {PATIENT['phone']}</p>",
                "start": fields.Datetime.now(),
                "stop": fields.Datetime.now() + timedelta(hours=1),
                "res_model_id": env["ir.model"]._get_id("social.case"),
                "res_id": case.id,
            }
        )
        for record in (case, plan, liaison):
            record.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=f"Call {PATIENT['name']}",
                note=f"<p>{PATIENT['phone']}</p>",
                user_id=cls.worker_a.id,
            )
        case.message_post(
            body=f"<p>{PATIENT['name']} was born on {PATIENT['birthdate']}</p>",
            subject=f"About {PATIENT['name']}",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            attachments=[("situation.txt", f"{PATIENT['name']} {PATIENT['niss']}".encode())],
        )
        env["ir.attachment"].create(
            {
                "name": f"Identity card {PATIENT['name']}.txt",
                "raw": f"{PATIENT['niss']} {PATIENT['street']}".encode(),
                "res_model": "social.case",
                "res_id": case.id,
            }
        )
        # the patient's right of access, exercised before the file closed
        cls.patient.with_user(cls.manager).action_social_access_export()
        # the case closes, the questionnaire is e-mailed, the retention period goes by
        case.write(
            {
                "stage_id": ref("social_case.stage_closed").id,
                "close_reason": "goal_reached",
                "date_closed": today - timedelta(days=3 * 365),
            }
        )
        case.action_send_survey_invitation()

    def _scan_database(self, needles):
        """{(table, column): [needle, ...]} for every text column holding a needle."""
        cr = self.env.cr
        self.env.flush_all()
        cr.execute(
            """
            SELECT c.table_name, c.column_name, c.data_type
              FROM information_schema.columns c
              JOIN information_schema.tables t
                ON t.table_schema = c.table_schema AND t.table_name = c.table_name
             WHERE c.table_schema = current_schema()
               AND t.table_type = 'BASE TABLE'
               AND c.data_type IN ('text', 'character varying', 'character', 'jsonb', 'json',
                                   'date')
            """
        )
        patterns = [f"%{needle}%" for needle in needles]
        hits = {}
        for table, column, data_type in cr.fetchall():
            if data_type == "date":
                query = SQL(
                    "SELECT %s FROM %s WHERE %s = %s LIMIT 1",
                    PATIENT["birthdate"],
                    SQL.identifier(table),
                    SQL.identifier(column),
                    PATIENT["birthdate"],
                )
            else:
                query = SQL(
                    "SELECT DISTINCT n FROM %s, unnest(%s::text[]) n WHERE %s::text ILIKE n",
                    SQL.identifier(table),
                    patterns,
                    SQL.identifier(column),
                )
            cr.execute(query)
            found = sorted(str(row[0]).strip("%") for row in cr.fetchall())
            if found:
                hits[(table, column)] = found
        return hits

    def _scan_filestore(self, needles):
        """{file name: [needle, ...]} for every file of the filestore holding a needle,
        once Odoo's garbage collection removed the files of deleted attachments."""
        Attachment = self.env["ir.attachment"]
        Attachment._gc_file_store_unsafe()
        root = Attachment._filestore()
        hits = {}
        for dirpath, _dirs, filenames in os.walk(root):
            if "checklist" in dirpath:
                continue
            for filename in filenames:
                with open(os.path.join(dirpath, filename), "rb") as file:
                    texts = _texts_of(file.read())
                found = [
                    needle
                    for needle in needles
                    if any(needle.encode().lower() in text.lower() for text in texts)
                ]
                if found:
                    hits[filename] = found
        return hits

    def test_no_identity_left_anywhere(self):
        self.maxDiff = None
        needles = _needles()
        # the scan sees what was written: every kind of record holds the identity before
        before = self._scan_database(needles)
        for table in (
            "res_partner",
            "social_case_contact",
            "social_referral",
            "calendar_event",
            "mail_activity",
            "mail_message",
            "mail_mail",
            "social_liaison_request",
        ):
            self.assertTrue(
                any(t == table for t, _c in before), f"{table} should hold the patient first"
            )
        self.assertTrue(self._scan_filestore(needles))

        done = self.env["social.case"]._cron_anonymise()
        self.assertIn(self.case, done)

        hits = {
            key: found for key, found in self._scan_database(needles).items() if key not in ALLOWED
        }
        self.assertEqual(hits, {}, "the patient's identity survives in these columns")
        self.assertEqual(
            self._scan_filestore(needles), {}, "the patient's identity survives in these files"
        )
        # nothing the law asks to keep was deleted: the case and its records are still there
        self.assertTrue(self.case.exists())
        self.assertEqual(len(self.case.contact_ids), 2)
        self.assertTrue(self.case.intervention_ids)

import io
import os
import subprocess
import zipfile
from datetime import timedelta

from odoo import fields
from odoo.tests import new_test_user, tagged
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
        env.company.social_aid_head_threshold = 500.0
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
        # the team's coordinator signs off; a colleague takes the case over later
        cls.team_a.leader_id = cls.coordinator
        cls.worker_a2 = new_test_user(
            env,
            "scan_worker_a2",
            groups="social_case.group_social_worker",
            email="scan_worker_a2@hospital.example",
            name="Scan Worker A2",
        )
        cls.team_a.member_ids |= cls.worker_a2
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
            {
                "name": "Scan Home Care",
                "is_company": True,
                "email": "scan@homecare.example",
                "social_partner_type_ids": [
                    (6, 0, ref("social_network_partners.partner_type_home_nursing").ids)
                ],
            }
        )
        prescriber = env["res.partner"].create({"name": "Dr Scan Prescriber"})
        request = env["social.discharge.request"].create(
            {
                "plan_id": plan.id,
                "partner_id": provider.id,
                "patient_availability": f"{PATIENT['name']} after 2 pm, {PATIENT['phone']}",
                "prescriber_id": prescriber.id,
            }
        )
        request.action_send()
        plan.action_inform_gp()
        cls._answer_from_the_portal(plan, request)
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
        cls._plan_with_the_patient(case)
        cls._ask_for_aid(case)
        cls._assess(case)
        cls._flag_link_and_hand_over(case)
        # the patient's right of access, exercised before the file closed
        cls.patient.with_user(cls.manager).action_social_access_export()
        # the referent asks for the closure, the coordinator signs it off: the case closes;
        # the questionnaire is e-mailed, the retention period goes by
        cls.closure = (
            env["social.case.closure.request"]
            .with_user(cls.worker_a2)
            .create(
                {
                    "case_id": case.id,
                    "close_reason": "goal_reached",
                    "outcome": "achieved",
                    "stage_id": ref("social_case.stage_closed").id,
                    "summary": f"{PATIENT['name']} lives at home, {DAUGHTER['name']} helps",
                }
            )
        )
        cls.closure.action_submit()
        cls._decide(cls.coordinator, cls.closure, "validate_tier", f"Fine for {PATIENT['name']}")
        assert case.is_closed
        case.date_closed = today - timedelta(days=3 * 365)
        case.action_send_survey_invitation()

    # -- what this release added around a case, made as the users make it ----------------
    @classmethod
    def _decide(cls, user, record, method, comment):
        """``user`` presses Sign Off or Refuse and writes ``comment`` in the wizard, each
        in a request of its own (nothing cached from the one before)."""
        cls.env.invalidate_all()
        action = getattr(record.with_user(user), method)()
        cls.env.invalidate_all()
        wizard = (
            cls.env["comment.wizard"]
            .with_user(user)
            .with_context(**action["context"])
            .create({"comment": comment})
        )
        wizard.add_comment()

    @classmethod
    def _plan_with_the_patient(cls, case):
        """A plan agreed with the patient, signed off with a comment, one action done."""
        env, worker = cls.env, cls.worker_a
        need = (
            env["social.case.need"]
            .with_user(worker)
            .create(
                {
                    "case_id": case.id,
                    "need_type_id": env.ref("social_case.need_home_care").id,
                    "note": f"{PATIENT['name']} cannot climb the stairs",
                }
            )
        )
        cls.plan = env["social.case.plan"].with_user(worker).create({"case_id": case.id})
        goal = (
            env["social.case.plan.goal"]
            .with_user(worker)
            .create(
                {
                    "plan_id": cls.plan.id,
                    "need_id": need.id,
                    "name": f"{PATIENT['name']} goes home to {PATIENT['street']}",
                }
            )
        )
        cls.plan_actions = (
            env["social.case.plan.action"]
            .with_user(worker)
            .create(
                [
                    {
                        "plan_id": cls.plan.id,
                        "goal_id": goal.id,
                        "name": f"Call {DAUGHTER['name']} about the keys",
                        "owner_type": "referent",
                    },
                    {
                        "plan_id": cls.plan.id,
                        "goal_id": goal.id,
                        "name": f"Clear the stairs of {PATIENT['street']}",
                        "owner_type": "relative",
                        "owner_name": DAUGHTER["name"],
                    },
                    {
                        "plan_id": cls.plan.id,
                        "name": f"Deliver the drugs of {PATIENT['name']}",
                        "owner_type": "service",
                        "owner_name": f"Pharmacy, for {PATIENT['name']}",
                    },
                ]
            )
        )
        cls.plan.with_user(worker).request_validation()
        cls._decide(cls.coordinator, cls.plan, "validate_tier", f"Realistic for {PATIENT['name']}")
        cls.plan_actions[0].with_user(worker).action_done()
        goal.with_user(worker).write(
            {"status": "achieved", "outcome": f"{PATIENT['name']} is back home"}
        )

    @classmethod
    def _ask_for_aid(cls, case):
        """Three aid requests: paid, refused, and one still waiting when the case closed."""
        Aid = cls.env["social.aid.request"].with_user(cls.worker_a)
        cls.aids = Aid.create(
            [
                {
                    "case_id": case.id,
                    "amount": amount,
                    "fund": fund,
                    "purpose": f"{what} of {PATIENT['name']}, {PATIENT['street']}",
                }
                for amount, fund, what in (
                    (150.0, "cpas", "Rent"),
                    (80.0, "hospital_fund", "Glasses"),
                    (60.0, "foundation", "Transport"),
                )
            ]
        )
        paid, refused, _waiting = cls.aids
        cls.aids.action_submit()
        cls._decide(cls.coordinator, paid, "validate_tier", f"Agreed for {PATIENT['name']}")
        paid.with_user(cls.worker_a).action_paid()
        cls._decide(cls.coordinator, refused, "reject_tier", f"{PATIENT['name']} has enough")

    @classmethod
    def _assess(cls, case):
        """An ISAR whose type an administrator completed with free questions, answered
        with the patient in the survey screen."""
        env = cls.env
        isar = env.ref("social_survey.survey_isar")
        free = env["survey.question"].create(
            [
                {
                    "survey_id": isar.id,
                    "title": "In the patient's words",
                    "sequence": 100,
                    "question_type": "text_box",
                },
                {
                    "survey_id": isar.id,
                    "title": "Who lives with the patient",
                    "sequence": 101,
                    "question_type": "char_box",
                    "save_as_nickname": True,
                },
                {
                    "survey_id": isar.id,
                    "title": "Date of birth",
                    "sequence": 102,
                    "question_type": "date",
                },
            ]
        )
        cls.assessment = (
            env["social.assessment"]
            .with_user(cls.worker_a)
            .create({"case_id": case.id, "survey_id": isar.id})
        )
        cls.assessment.action_start()
        answer = cls.assessment.sudo().user_input_id
        for number in range(1, 7):
            # needed help before (1), more help since (2), sees well (4): 2, at risk
            choice = "yes" if number in (1, 2, 4) else "no"
            answer._save_lines(
                env.ref(f"social_survey.survey_isar_q{number}"),
                env.ref(f"social_survey.survey_isar_q{number}_{choice}").id,
            )
        answer._save_lines(free[0], f"{PATIENT['name']}: my daughter {DAUGHTER['name']} helps")
        answer._save_lines(free[1], DAUGHTER["name"])
        answer._save_lines(free[2], PATIENT["birthdate"])
        answer._mark_done()

    @classmethod
    def _answer_from_the_portal(cls, plan, request):
        """The home-care provider asks a question, puts the patient on its waiting list,
        then accepts from its portal; a nursing home refuses with a comment."""
        env = cls.env
        nursing_home = env["res.partner"].create(
            {"name": "Scan Nursing Home", "is_company": True, "email": "scan@home.example"}
        )
        refused = env["social.discharge.request"].create(
            {"plan_id": plan.id, "partner_id": nursing_home.id}
        )
        refused.action_send()
        nurses = []
        for login, provider in (
            ("scan_portal_1", request.partner_id),
            ("scan_portal_2", nursing_home),
        ):
            nurse = new_test_user(env, login, groups="base.group_portal", name=f"Nurse {login}")
            nurse.partner_id.parent_id = provider
            nurses.append(nurse.partner_id)
        today = fields.Date.context_today(env.user)
        request.provider_summary += f"\nCall {DAUGHTER['name']} at {DAUGHTER['phone']}"
        answers = (
            ("info", {"question": f"Has {PATIENT['name']} stairs at {PATIENT['street']}?"}),
            ("waiting", {"waiting_position": "2", "waiting_date": str(today + timedelta(days=3))}),
            ("accept", {"admission_date": str(today + timedelta(days=5))}),
        )
        for answer, post in answers:
            request.sudo()._portal_answer(answer, post, nurses[0])
        refused.sudo()._portal_answer(
            "refuse",
            {
                "refusal_reason_id": str(env.ref("social_discharge.refusal_reason_other").id),
                "comment": f"{PATIENT['name']} needs a closed ward",
            },
            nurses[1],
        )
        request.with_user(cls.worker_a).action_confirm_provider()
        cls.discharge_requests = request | refused

    @classmethod
    def _flag_link_and_hand_over(cls, case):
        """Flags (one removed), a link to the spouse's case, the worker's absences, and the
        case handed over to a colleague by the coordinator."""
        env, ref = cls.env, cls.env.ref
        cls.flags = (
            env["social.case.flag"]
            .with_user(cls.worker_a)
            .create(
                [
                    {
                        "case_id": case.id,
                        "flag_type_id": ref("social_case.flag_type_no_family_contact").id,
                        "reason": f"{DAUGHTER['name']} shouts at {PATIENT['name']}",
                    },
                    {
                        "case_id": case.id,
                        "flag_type_id": ref("social_case.flag_type_interpreter").id,
                        "reason": f"{PATIENT['name']} speaks Dutch only",
                    },
                ]
            )
        )
        cls.flags[1].action_remove()
        spouse = env["res.partner"].create({"name": "Scan Spouse Of The Patient"})
        spouse_case = env["social.case"].create(
            {"patient_id": spouse.id, "user_id": cls.worker_a.id, "team_id": cls.team_a.id}
        )
        cls.link = (
            env["social.case.link"]
            .with_user(cls.worker_a)
            .create({"case_id": case.id, "linked_case_id": spouse_case.id, "relation": "spouse"})
        )
        # the coordinator records the worker's absences: one while they followed the case,
        # one long after
        today = fields.Date.context_today(env.user)
        Absence = env["social.absence"].with_user(cls.coordinator)
        cls.absences = Absence.create(
            [
                {
                    "user_id": cls.worker_a.id,
                    "cover_user_id": cls.worker_a2.id,
                    "date_from": case.date_open + timedelta(days=30),
                    "date_to": case.date_open + timedelta(days=40),
                    "note": f"{PATIENT['name']}: call the CPAS on Monday",
                },
                {
                    "user_id": cls.worker_a.id,
                    "cover_user_id": cls.worker_a2.id,
                    "date_from": today - timedelta(days=60),
                    "date_to": today - timedelta(days=50),
                    "note": "Nothing urgent",
                },
            ]
        )
        transfer = (
            env["social.case.transfer"]
            .with_user(cls.coordinator)
            .create(
                {
                    "from_user_id": cls.worker_a.id,
                    "scope": "some",
                    "case_ids": [(6, 0, case.ids)],
                    "to_user_id": cls.worker_a2.id,
                    "reason": f"{PATIENT['name']} asked for a Dutch speaker",
                }
            )
        )
        transfer.action_transfer()

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
            "social_case_need",
            "social_case_plan_goal",
            "social_case_plan_action",
            "social_case_flag",
            "social_case_referent",
            "social_case_transfer",
            "social_absence",
            "social_aid_request",
            "social_case_closure_request",
            "tier_review",
            "comment_wizard",
            "survey_user_input",
            "survey_user_input_line",
            "social_discharge_request",
        ):
            self.assertTrue(
                any(t == table for t, _c in before), f"{table} should hold the patient first"
            )
        self.assertTrue(self._scan_filestore(needles))
        # years go by: Odoo's vacuum removes a wizard an hour after it was used
        for wizard in ("social.case.transfer", "comment.wizard"):
            Wizard = self.env[wizard]
            self.assertTrue(Wizard._transient_max_hours)
            Wizard.search([]).unlink()

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

    def test_what_the_reports_count_stays(self):
        """The anonymisation erases what was written, not what was done: the plan's goals
        and actions, the aid asked and signed off, the closure, the assessment's score, the
        referents over time and the providers' answers count the same afterwards."""
        env = self.env
        case = self.case.with_context(active_test=False)
        reviews = env["tier.review"].search([("case_id", "=", case.id)])
        answer = self.assessment.user_input_id
        referents = env["social.case.referent"].search([("case_id", "=", case.id)])
        requests = self.discharge_requests

        def figures():
            env.invalidate_all()
            return {
                "goals": case.plan_ids.goal_ids.mapped("status"),
                "actions": self.plan_actions.mapped(lambda a: (a.state, a.date_done, a.owner_type)),
                "plan": (self.plan.state, self.plan.agreement_date, self.plan.review_date),
                "aid": self.aids.mapped(lambda a: (a.amount, a.fund, a.state, a.date_paid)),
                "reviews": reviews.mapped(lambda r: (r.status, r.done_by, r.reviewed_date)),
                "closure": (self.closure.state, self.closure.outcome, self.closure.close_reason),
                "assessment": (
                    self.assessment.score,
                    self.assessment.band_id,
                    self.assessment.date,
                    case.assessment_score,
                    answer.user_input_line_ids.suggested_answer_id,
                ),
                "referents": referents.mapped(lambda r: (r.user_id, r.date_from, r.date_to)),
                "requests": requests.mapped(
                    lambda r: (r.state, r.date_answer, r.admission_date, r.refusal_reason_id)
                ),
                "flags": self.flags.mapped(lambda f: (f.flag_type_id, f.active, f.set_by_id)),
                "link": (self.link.relation, self.link.linked_case_id),
                "absences": self.absences.mapped(
                    lambda a: (a.date_from, a.date_to, a.cover_user_id)
                ),
            }

        before = figures()
        self.assertEqual(before["goals"], ["achieved"])
        self.assertEqual(before["aid"][0][2:3], ("paid",))
        self.assertEqual(
            before["assessment"][:2], (2.0, env.ref("social_survey.survey_isar_band_risk"))
        )
        self.assertEqual(len(before["referents"]), 2)
        self.assertEqual([r[0] for r in before["requests"]], ["accepted", "refused"])
        self.assertTrue(requests[0].access_token)

        self.assertIn(case, env["social.case"]._cron_anonymise())
        self.assertEqual(figures(), before)
        # what was written about the patient is gone, field by field
        self.assertFalse(any(reviews.mapped("comment")))
        self.assertFalse(any(referents.mapped("reason")))
        self.assertFalse(any(self.flags.mapped("reason")))
        self.assertEqual(set(self.aids.mapped("purpose")), {"Anonymised"})
        self.assertEqual(self.closure.summary, "Anonymised")
        written = {
            line.answer_type: line.value_char_box or line.value_text_box or line.value_date
            for line in answer.user_input_line_ids
            if line.answer_type in ("char_box", "text_box", "date")
        }
        self.assertEqual(
            written, {"char_box": "Anonymised", "text_box": "Anonymised", "date": False}
        )
        self.assertFalse(answer.nickname)
        # the providers' portal: the summary, the availability, the prescriber, the comment
        # and the link are gone
        for request in requests:
            self.assertFalse(request.provider_summary)
            self.assertFalse(request.patient_availability)
            self.assertFalse(request.prescriber_id)
            self.assertFalse(request.access_token)
        self.assertEqual(requests.mapped("refusal_reason"), [False, "Anonymised"])
        # the plan's owners: a relative and a service remain, not their names
        self.assertEqual(
            self.plan_actions.mapped("owner_name"), [False, "Anonymised", "Anonymised"]
        )
        # the handover note of the absence during the follow-up goes, not a later one's
        self.assertEqual(self.absences.mapped("note"), [False, "Nothing urgent"])

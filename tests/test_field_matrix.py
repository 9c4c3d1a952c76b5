"""The minimum views of the care team and of liaison providers, field by field.

SECURITY.md gives the care team the status and dates of a discharge plan and what they wrote
in their own referrals and liaison requests; liaison providers the patient's name, the
place, the language, the consent and the purpose of a visit. The privacy layer
(``social_case/models/social_privacy_mixin.py``) makes every other field of a model that
holds case data readable by social workers only. This test reads, over the RPC entry point
as each role, which fields of every such model it may read: it fails as soon as a field
becomes readable to them, including a field added later by any addon.
"""

import os
from pathlib import Path

from odoo.api import call_kw
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user

from odoo.addons.social_case.models.social_privacy_mixin import privacy_models
from odoo.addons.social_case.models.social_privacy_thread import CHATTER_FIELDS

CHATTER = set(CHATTER_FIELDS)
# {model: fields the care team reads}; a model absent here is not readable at all
CARE = {
    "social.referral": {
        "id",
        "display_name",
        "name",
        "company_id",
        "date",
        "patient_id",
        "patient_birthdate",
        "patient_homonym_count",
        "language_id",
        "referrer_type",
        "requested_by_id",
        "unit_id",
        "channel",
        "reason",
        "urgency",
        "urgency_reason",
        "state",
        "redirect_note",
        "first_contact_date",
        "case_reference",
        "referent_name",
        "create_uid",
        "create_date",
        "write_date",
    }
    | CHATTER,
    "social.discharge.plan": {
        "id",
        "display_name",
        "name",
        "active",
        "company_id",
        "patient_id",
        "user_id",
        "unit_id",
        "stage_id",
        "is_discharged",
        "admission_date",
        "expected_discharge_date",
        "medically_ready_date",
        "actual_discharge_date",
        "is_late",
        "delay_days",
        "readiness",
    },
    "social.liaison.request": {
        "id",
        "display_name",
        "name",
        "company_id",
        "requester_id",
        "service_id",
        "assignee_id",
        "service_member_ids",
        "asks_faith",
        "patient_id",
        "patient_name",
        "purpose",
        "unit_id",
        "room",
        "language_id",
        "faith",
        "consent_given",
        "consent_date",
        "consent_user_id",
        "state",
        "visit_datetime",
        "visit_duration",
        "event_id",
        "report",
        "decline_reason",
        "date_done",
        "is_liaison_provider",
        "create_date",
        "write_date",
    }
    | CHATTER,
}
LIAISON = {
    "social.liaison.request": {
        "id",
        "display_name",
        "name",
        "company_id",
        "requester_id",
        "service_id",
        "assignee_id",
        "service_member_ids",
        "asks_faith",
        "patient_name",
        "purpose",
        "unit_id",
        "room",
        "language_id",
        "faith",
        "consent_given",
        "state",
        "visit_datetime",
        "visit_duration",
        "event_id",
        "report",
        "decline_reason",
        "date_done",
        "is_liaison_provider",
        "create_date",
    }
    | CHATTER,
}
# {model: fields a provider's portal user reads}: the shared fields of the discharge
# requests sent to its organisation, nothing of any other model of the layer
PORTAL = {
    "social.discharge.request": {
        "id",
        "display_name",
        "partner_id",
        "need_type_id",
        "state",
        "date_sent",
        "date_answer",
        "expected_discharge_date",
        "provider_summary",
        "shared_attachment_ids",
        "is_home_care",
        "patient_availability",
        "prescriber_id",
        "provider_patient_name",
        "admission_date",
        "waiting_position",
        "waiting_date",
        "refusal_reason_id",
        "refusal_reason",
        "portal_valid_until",
        "access_url",
    },
}
# every model that holds case data is on the privacy layer
HOLDING_CASE_DATA = {
    "social.case",
    "social.case.note",
    "social.case.need",
    "social.case.contact",
    "social.case.episode",
    "social.intervention",
    "social.procedure",
    "social.referral",
    "social.discharge.plan",
    "social.discharge.request",
    "social.discharge.task",
    "social.liaison.request",
    # the consent registry: no minimum view, so the care team and providers read none of it
    "social.consent",
    # the case plan: what the worker and the patient agreed, for the social service only
    "social.case.plan",
    "social.case.plan.goal",
    "social.case.plan.action",
    # a financial aid request, signed off by the coordinator: the social service's only
    "social.aid.request",
    # the closure of a case, asked by the referent and signed off by the coordinator
    "social.case.closure.request",
    # the flags the team sees on a case (risk, interpreter, family not to call)
    "social.case.flag",
    # two cases of one household linked, read only by who reads both
    "social.case.link",
    # a scored assessment of the case (ISAR, EPICES): the social service's only
    "social.assessment",
    # who followed a case, from when to when, and why it changed
    "social.case.referent",
}


SECURITY_MD = Path(__file__).resolve().parents[1] / "SECURITY.md"
TABLE_START = "<!-- role x field: generated from tests/test_field_matrix.py (CARE, LIAISON) -->"
TABLE_END = "<!-- end of the generated table -->"


def matrix_markdown(env):
    """The role x field table of SECURITY.md, written from ``CARE`` and ``LIAISON``: the
    fields each role reads, by their labels, in the model's order; the chatter as one."""

    def cell(model, names):
        if not names:
            return "–"
        fields = env[model]._fields
        labels = [
            fields[name].string
            for name in fields
            if name in names and name not in CHATTER and name not in ("id", "display_name")
        ]
        if CHATTER <= names:
            labels.append("the chatter")
        return ", ".join(labels)

    rows = [
        f"| `{model}` | {cell(model, CARE.get(model, set()))} | "
        f"{cell(model, LIAISON.get(model, set()))} |"
        for model in sorted(set(CARE) | set(LIAISON))
    ]
    rows.append("| any other model on the layer (the people around the patient included) | – | – |")
    return "\n".join(
        [TABLE_START, "| model | care team reads | liaison provider reads |", "|---|---|---|"]
        + rows
        + [TABLE_END]
    )


class TestFieldMatrix(TransactionCase):
    test_tags = {"standard", "post_install"}
    test_module = "social_service_scenarios"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.nurse = new_test_user(cls.env, "t_matrix_nurse", groups="social_case.group_social_care")
        cls.volunteer = new_test_user(
            cls.env, "t_matrix_volunteer", groups="base.group_user,social_case.group_social_liaison"
        )

    def _readable(self, user, model):
        env = self.env(user=user)
        if not env[model].has_access("read"):
            return set()
        return set(call_kw(env[model], "fields_get", [], {"attributes": ["type"]}))

    def test_models_holding_case_data_are_on_the_privacy_layer(self):
        self.assertTrue(HOLDING_CASE_DATA <= set(privacy_models(self.env)))

    def _assert_matrix(self, user, table):
        for model in privacy_models(self.env):
            readable = self._readable(user, model)
            expected = table.get(model, set())
            self.assertEqual(
                sorted(readable - expected), [], f"{user.login} reads too much of {model}"
            )
            self.assertEqual(sorted(expected - readable), [], f"{user.login} misses {model}")
            hidden = set(self.env[model]._fields) - readable
            if readable and hidden:
                # and reading a hidden field by name is refused
                with self.assertRaises(AccessError):
                    call_kw(
                        self.env(user=user)[model], "search_read", [[]], {"fields": [min(hidden)]}
                    )

    def test_security_md_shows_this_table(self):
        """SECURITY.md's role x field table is this test's (one source): written again with
        ``SOCIAL_WRITE_SECURITY_MD=1 make test ARGS="tests/test_field_matrix.py"``."""
        text = SECURITY_MD.read_text()
        start, end = text.index(TABLE_START), text.index(TABLE_END) + len(TABLE_END)
        table = matrix_markdown(self.env)
        if os.environ.get("SOCIAL_WRITE_SECURITY_MD"):
            SECURITY_MD.write_text(text[:start] + table + text[end:])
            text = SECURITY_MD.read_text()
            start, end = text.index(TABLE_START), text.index(TABLE_END) + len(TABLE_END)
        self.assertEqual(
            text[start:end], table, "SECURITY.md's role x field table is not the test's"
        )

    def test_care_team_minimum_view(self):
        self._assert_matrix(self.nurse, CARE)

    def test_liaison_provider_minimum_view(self):
        self._assert_matrix(self.volunteer, LIAISON)

    def test_portal_provider_minimum_view(self):
        """A provider's portal user reads the shared fields of its requests, nothing else."""
        provider = new_test_user(self.env, "t_matrix_provider", groups="base.group_portal")
        self._assert_matrix(provider, PORTAL)

    def test_a_new_field_is_for_social_workers_only(self):
        """A field that no minimum view names, added by any addon, is hidden from both: by
        its groups on a model they read, by the access rights on a model they do not."""
        for model in privacy_models(self.env):
            if not self.env.registry[model]._social_minimum_views():
                # a model neither reads at all: its access rights refuse them any field
                for user in (self.nurse, self.volunteer):
                    with self.assertRaises(AccessError, msg=f"{user.login} reads {model}"):
                        call_kw(self.env(user=user)[model], "search_read", [[]], {})
                continue
            fields = self.env[model]._fields
            hidden = set(fields) - CARE.get(model, set()) - LIAISON.get(model, set())
            for name in hidden - {"id", "display_name"}:
                self.assertTrue(fields[name].groups, f"{model}.{name} has no groups")

    def test_survey_answers_are_read_by_no_one(self):
        """The answers to the service's questionnaire and their lines: no field of them is
        read by any role, nor by an officer of Odoo's Surveys app, even with the Surveys:
        User group Odoo gives every internal user; only masked counts come out, through
        social.survey.results (SECURITY.md, "The questionnaire under its own rules")."""
        Invitation = self.env["social.survey.invitation"]
        team = self.env["social.team"].create({"name": "Matrix Team"})
        answer = Invitation._redeem(Invitation._issue(team, self.env.company, "matrix").token)
        question = self.env.ref("social_survey.survey_question_listened")
        answer._save_lines(question, question.suggested_answer_ids[0].id)
        answer._mark_done()
        survey_user = "survey.group_survey_user"
        users = [
            new_test_user(self.env, f"t_matrix_survey_{role}", groups=groups)
            for role, groups in (
                ("nurse", f"social_case.group_social_care,{survey_user}"),
                ("volunteer", f"base.group_user,social_case.group_social_liaison,{survey_user}"),
                ("worker", f"social_case.group_social_worker,{survey_user}"),
                ("coordinator", f"social_case.group_social_coordinator,{survey_user}"),
                ("manager", f"social_case.group_social_manager,{survey_user}"),
                ("employee", f"base.group_user,{survey_user}"),
                ("officer", "base.group_user,survey.group_survey_manager"),
                ("administrator", "base.group_system,survey.group_survey_manager"),
            )
        ]
        for user in users:
            for records in (answer, answer.user_input_line_ids):
                self.assertTrue(records)
                Model = self.env(user=user)[records._name]
                with self.assertRaises(AccessError):
                    call_kw(Model, "read", [records.ids, ["display_name"]], {})
                for name in records._fields:
                    try:
                        rows = call_kw(
                            Model, "search_read", [[("id", "in", records.ids)]], {"fields": [name]}
                        )
                    except AccessError:
                        continue
                    self.assertEqual(rows, [], f"{user.login} reads {records._name}.{name}")

    def test_consents_field_by_field_for_every_role(self):
        """The consent registry is the social service's: the care team, liaison providers
        and an employee read no field of it (a nurse ticking a liaison request's consent
        records one without reading it); workers, coordinators and the Manager read every
        field, of the consents their rules open: their cases' and those they recorded."""
        env = self.env
        users = {
            role: new_test_user(env, f"t_matrix_consent_{role}", groups=groups)
            for role, groups in (
                ("nurse", "social_case.group_social_care"),
                ("volunteer", "base.group_user,social_case.group_social_liaison"),
                ("employee", "base.group_user"),
                ("worker", "social_case.group_social_worker"),
                ("other_worker", "social_case.group_social_worker"),
                ("coordinator", "social_case.group_social_coordinator"),
                ("manager", "social_case.group_social_manager"),
            )
        }
        team = env["social.team"].create(
            {"name": "Matrix Consent Team", "member_ids": [(6, 0, users["worker"].ids)]}
        )
        patient = env["res.partner"].create({"name": "Matrix Consent Patient"})
        case = env["social.case"].create(
            {"patient_id": patient.id, "user_id": users["worker"].id, "team_id": team.id}
        )
        Consent = env["social.consent"]
        of_case = Consent.create(
            {"case_id": case.id, "purpose_id": env.ref("social_case.consent_purpose_gp").id}
        )
        # recorded by a nurse ticking a liaison request: no case
        of_no_case = Consent.create(
            {
                "patient_id": patient.id,
                "purpose_id": env.ref("social_case.consent_purpose_volunteers").id,
                "recorded_by_id": users["nurse"].id,
            }
        )
        every_field = set(Consent._fields)
        expected = {
            "nurse": (set(), None),
            "volunteer": (set(), None),
            "employee": (set(), None),
            "worker": (every_field, of_case),
            "other_worker": (every_field, Consent),
            "coordinator": (every_field, of_case),
            "manager": (every_field, of_case | of_no_case),
        }
        domain = [("id", "in", (of_case | of_no_case).ids)]
        for role, user in users.items():
            fields, records = expected[role]
            self.assertEqual(self._readable(user, "social.consent"), fields, role)
            Model = self.env(user=user)["social.consent"]
            if records is None:
                with self.assertRaises(AccessError, msg=role):
                    call_kw(Model, "search_read", [domain], {"fields": ["state"]})
                continue
            rows = call_kw(Model, "search_read", [domain], {"fields": sorted(fields)})
            self.assertEqual({row["id"] for row in rows}, set(records.ids), role)

    def test_identity_and_contact_data_are_for_the_social_service_only(self):
        """The national number, the hospital patient number and the date of birth of a
        contact, the people around a patient: none of it is read by the care team (beyond
        the date of birth they give on a referral) nor by liaison providers."""
        social_only = {
            "social_niss",
            "social_patient_number",
            "social_case_ids",
            "social_case_count",
        }
        for user, hidden in (
            (self.nurse, social_only),
            (self.volunteer, social_only | {"social_birthdate"}),
        ):
            readable = set(
                call_kw(self.env(user=user)["res.partner"], "fields_get", [], {"attributes": []})
            )
            self.assertEqual(readable & hidden, set(), f"{user.login} reads identifiers")
            # and searching by them is refused (a yes/no oracle otherwise)
            for name in hidden & {"social_niss", "social_patient_number", "social_birthdate"}:
                with self.assertRaises(AccessError):
                    call_kw(
                        self.env(user=user)["res.partner"],
                        "search_read",
                        [[(name, "!=", False)]],
                        {"fields": ["name"]},
                    )

    def test_a_patients_contact_is_read_by_who_follows_them_only(self):
        """No field of a patient's contact, the identifiers included, is read by who does
        not follow the patient: the care team who did not refer them, a liaison provider,
        an employee outside the service, a social worker of another team."""
        team = self.env["social.team"].create({"name": "Matrix Team A", "share_cases": True})
        referent = new_test_user(
            self.env, "t_matrix_referent", groups="social_case.group_social_worker"
        )
        other = new_test_user(self.env, "t_matrix_other", groups="social_case.group_social_worker")
        employee = new_test_user(self.env, "t_matrix_employee", groups="base.group_user")
        patient = self.env["res.partner"].create(
            {
                "name": "Matrix Patient",
                "street": "Rue Matrix 1",
                "social_niss": "62.01.15-456.15",
                "social_patient_number": "M-1",
                "social_birthdate": "1962-01-15",
            }
        )
        self.env["social.case"].create(
            {"patient_id": patient.id, "user_id": referent.id, "team_id": team.id}
        )
        self.env.flush_all()
        self.assertTrue(patient.social_is_patient)
        identity = ["name", "street", "social_niss", "social_patient_number", "social_birthdate"]
        for user in (self.nurse, self.volunteer, employee, other):
            Partner = self.env(user=user)["res.partner"]
            self.env.invalidate_all()
            names = [n for n in identity if n in call_kw(Partner, "fields_get", [], {})]
            rows = call_kw(Partner, "search_read", [[("id", "=", patient.id)]], {"fields": names})
            self.assertEqual(rows, [], f"{user.login} reads the patient's contact")
            with self.assertRaises(AccessError):
                call_kw(Partner, "read", [patient.ids, ["name"]], {})
        rows = call_kw(
            self.env(user=referent)["res.partner"],
            "read",
            [patient.ids, identity],
            {},
        )
        self.assertEqual(rows[0]["social_niss"], "62.01.15-456.15")

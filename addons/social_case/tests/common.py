import copy
from contextlib import contextmanager

from psycopg2 import IntegrityError

from odoo import api
from odoo.service.model import _as_validation_error, get_public_method
from odoo.tests import TransactionCase

from odoo.addons.mail.tests.common import mail_new_test_user

from .. import const
from ..models.social_values import clean_errors


class SocialServiceCommon(TransactionCase):
    """What every test of the social service starts from: one user per role, two teams
    that share their cases, a case of team A and a normal, a restricted and a minor's case
    of team B (that the users of team A may not read), and a second site that none of the
    users works in, with a case of its own. Tracking is on, as in production. The logins
    are stable: an HTTP test authenticates with them (the password is the login)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=False, mail_notrack=False)
        )
        cls.company = env.company
        # the tests read what the system writes in English, whatever the demo's site speaks
        cls.company.partner_id.lang = "en_US"

        def user(login, *groups):
            return mail_new_test_user(
                env,
                login,
                groups=",".join(groups),
                email=f"{login}@hospital.example",
                name=login.replace("_", " ").title(),
            )

        cls.manager = user("probe_manager", const.MANAGER)
        cls.coordinator = user("probe_coordinator", const.COORDINATOR)
        cls.worker_a = user("probe_worker_a", const.WORKER)
        cls.worker_b = user("probe_worker_b", const.WORKER)
        cls.nurse = user("probe_nurse", const.CARE)
        cls.volunteer = user("probe_volunteer", "base.group_user", const.LIAISON)
        cls.provider = user("probe_provider", const.PORTAL)
        Team = env["social.team"]
        cls.team_a = Team.create(
            {"name": "Probe Team A", "member_ids": [(6, 0, cls.worker_a.ids)], "share_cases": True}
        )
        cls.team_b = Team.create(
            {"name": "Probe Team B", "member_ids": [(6, 0, cls.worker_b.ids)], "share_cases": True}
        )
        Partner = env["res.partner"]
        cls.patient_a = Partner.create({"name": "Probe Patient A", "email": "pa@example.com"})
        cls.patient_b = Partner.create({"name": "Probe Patient B"})
        cls.patient_restricted = Partner.create({"name": "Probe Patient Restricted"})
        cls.patient_minor = Partner.create({"name": "Probe Patient Minor"})
        # the coordinator received the referral of the restricted case's patient before
        # the case was opened (and restricted): a patient is seen by who referred them
        cls.referral_restricted = (
            env["social.referral"]
            .with_user(cls.coordinator)
            .create(
                {"patient_id": cls.patient_restricted.id, "reason": "Disclosed violence at home"}
            )
        )
        Case = env["social.case"]
        cls.case_a = Case.create(
            {"patient_id": cls.patient_a.id, "user_id": cls.worker_a.id, "team_id": cls.team_a.id}
        )
        cls.case_b = Case.create(
            {"patient_id": cls.patient_b.id, "user_id": cls.worker_b.id, "team_id": cls.team_b.id}
        )
        cls.case_restricted = Case.create(
            {
                "patient_id": cls.patient_restricted.id,
                "user_id": cls.worker_b.id,
                "team_id": cls.team_b.id,
                "confidentiality": "restricted",
            }
        )
        cls.case_minor = Case.create(
            {
                "patient_id": cls.patient_minor.id,
                "user_id": cls.worker_b.id,
                "team_id": cls.team_b.id,
                "confidentiality": "minor",
            }
        )
        # the referral the coordinator accepted into the restricted case, opened after it
        cls.referral_restricted.sudo()._action_accept(cls.case_restricted)
        cls.company_2 = env["res.company"].create({"name": "Probe Other Site"})
        cls.patient_site_2 = Partner.create(
            {"name": "Probe Patient Site 2", "company_id": cls.company_2.id}
        )
        cls.case_site_2 = Case.with_company(cls.company_2).create(
            {"patient_id": cls.patient_site_2.id, "company_id": cls.company_2.id, "user_id": False}
        )
        cls.interview = env.ref("social_case.intervention_type_interview_patient")
        cls.aid = env.ref("social_case.procedure_type_financial_aid")
        # the tracking of the creations stays pending, as in one transaction: a change that
        # a fixture makes after (a stage, a patient's number) is part of the creation
        env.flush_all()

    def rpc(self, user, model, method, args=(), kwargs=None, context=None):
        """Call ``method`` as ``user`` the way /web/dataset/call_kw does: only public
        methods, through ``odoo.api.call_kw``, malformed requests turned into a UserError
        (``clean_errors``), flushed, database errors turned into a ValidationError. The
        call runs in a savepoint, so a refusal leaves nothing."""
        Model = self.env[model].with_user(user)
        get_public_method(Model, method)
        # the server gets its own copy of the arguments, as a JSON request would
        args, kwargs = copy.deepcopy(list(args)), copy.deepcopy(dict(kwargs or {}))
        kwargs["context"] = dict(context or {}, allowed_company_ids=user.company_ids.ids)
        # a new request starts with an empty cache: values read by the test as superuser
        # must not spare the user's access checks
        self.env.invalidate_all()
        try:
            with self.env.cr.savepoint():
                with clean_errors(Model):
                    result = api.call_kw(Model, method, args, kwargs)
                self.env.flush_all()
        except IntegrityError as error:
            self.env.reset()
            raise _as_validation_error(self.env, error) from error
        return result

    def flush_tracking(self):
        """Tracking values and their messages are written when the transaction commits:
        write them now, and read what follows from the database."""
        self.env.flush_all()
        self.env.cr.flush()
        self.env.invalidate_all()

    @contextmanager
    def assertRaisesText(self, exception, text):
        """assertRaises (which rolls the failed write back) and the error says ``text``."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertIn(text, str(caught.exception))

    @contextmanager
    def labelled(self, **label):
        """Like subTest, but reported by pytest: the failing row names itself."""
        try:
            yield
        except AssertionError as error:
            raise AssertionError(f"{label}: {error}") from error


class SocialCaseCommon(SocialServiceCommon):
    """The common roles, with two territorial teams of their own (north and south) and
    their normal, restricted and minor's cases, notes and interventions: in these tests,
    ``worker_b``, ``case_restricted`` and ``case_minor`` are those of team north."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env

        def user(login):
            return mail_new_test_user(
                env,
                login,
                groups=const.WORKER,
                email=f"{login}@hospital.example",
                name=login.replace("_", " ").title(),
            )

        cls.worker = user("sc_worker")
        cls.worker_b = user("sc_worker_b")
        cls.worker_south = user("sc_worker_south")
        ref = env.ref
        # postal codes of their own, so that the demo teams never answer for them
        Territory = env["social.territory"]
        cls.territory_north = Territory.create({"name": "Testville North", "zip": "9301"})
        cls.territory_south = Territory.create({"name": "Testville South", "zip": "9302"})
        cls.team_north = env["social.team"].create(
            {
                "name": "Test North",
                "member_ids": [(6, 0, (cls.worker | cls.worker_b).ids)],
                "territory_ids": [(6, 0, cls.territory_north.ids)],
                "caseload_ceiling": 3,
            }
        )
        cls.team_south = env["social.team"].create(
            {
                "name": "Test South",
                "member_ids": [(6, 0, cls.worker_south.ids)],
                "territory_ids": [(6, 0, cls.territory_south.ids)],
            }
        )
        Partner = env["res.partner"]
        cls.patient_north = Partner.create({"name": "Test Patient North", "zip": "9301"})
        cls.patient_south = Partner.create({"name": "Test Patient South", "zip": "9302"})
        cls.patient_restricted = Partner.create({"name": "Test Patient Restricted", "zip": "9301"})
        cls.patient_minor = Partner.create({"name": "Test Patient Minor", "zip": "9301"})
        cls.patient_new = Partner.create({"name": "Test Patient New", "zip": "9301"})
        Case = env["social.case"]
        cls.case_north = Case.create(
            {
                "patient_id": cls.patient_north.id,
                "user_id": cls.worker.id,
                "team_id": cls.team_north.id,
            }
        )
        cls.case_south = Case.create(
            {
                "patient_id": cls.patient_south.id,
                "user_id": cls.worker_south.id,
                "team_id": cls.team_south.id,
            }
        )
        cls.case_restricted = Case.create(
            {
                "patient_id": cls.patient_restricted.id,
                "user_id": cls.worker.id,
                "team_id": cls.team_north.id,
                "confidentiality": "restricted",
            }
        )
        cls.case_minor = Case.create(
            {
                "patient_id": cls.patient_minor.id,
                "user_id": cls.worker_b.id,
                "coworker_ids": [(6, 0, cls.worker.ids)],
                "team_id": cls.team_north.id,
                "confidentiality": "minor",
            }
        )
        cls.interview = ref("social_case.intervention_type_interview_patient")
        cls.intervention_north = env["social.intervention"].create(
            {"case_id": cls.case_north.id, "type_id": cls.interview.id, "duration": 30}
        )
        cls.intervention_south = env["social.intervention"].create(
            {"case_id": cls.case_south.id, "type_id": cls.interview.id, "duration": 20}
        )
        Note = env["social.case.note"]
        cls.note_normal = Note.create(
            {"case_id": cls.case_north.id, "body": "<p>Zebraline normal note</p>"}
        )
        cls.note_restricted = Note.create(
            {
                "case_id": cls.case_north.id,
                "body": "<p>Zebraline restricted note</p>",
                "confidentiality": "restricted",
            }
        )
        cls.note_south = Note.create(
            {"case_id": cls.case_south.id, "body": "<p>Zebraline south note</p>"}
        )
        cls.need_north = env["social.case.need"].create(
            {"case_id": cls.case_north.id, "need_type_id": ref("social_case.need_home_care").id}
        )
        # end the creation's pending tracking, so that the tests track their own changes
        env.flush_all()
        env.cr.flush()

    def referred_by_the_nurse(self, case):
        """The case was opened from the nurse's referral: she follows its patient and may
        refer them again (SECURITY.md, "A patient's contact is seen by who follows them")."""
        referral = (
            self.env["social.referral"]
            .with_user(self.nurse)
            .sudo()
            .create({"patient_id": case.patient_id.id, "reason": "First stay"})
        )
        referral._action_accept(case)
        return referral

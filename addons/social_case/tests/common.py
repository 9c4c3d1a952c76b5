from contextlib import contextmanager

from odoo.tests import TransactionCase, new_test_user


class SocialCaseCommon(TransactionCase):
    """One user per role, two territorial teams, normal, restricted and minor's cases."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env(context=dict(cls.env.context, tracking_disable=False, mail_notrack=False))
        cls.env = env
        cls.company = env.company
        # the tests read what the system writes in English, whatever the demo's site speaks
        cls.company.partner_id.lang = "en_US"

        def user(login, group):
            return new_test_user(
                env,
                login,
                groups=f"social_case.group_social_{group}",
                email=f"{login}@hospital.example",
                name=login.replace("_", " ").title(),
            )

        cls.manager = user("sc_manager", "manager")
        cls.coordinator = user("sc_coordinator", "coordinator")
        cls.worker = user("sc_worker", "worker")
        cls.worker_b = user("sc_worker_b", "worker")
        cls.worker_south = user("sc_worker_south", "worker")
        cls.care = user("sc_nurse", "care")
        cls.liaison = new_test_user(
            env, "sc_volunteer", groups="base.group_user,social_case.group_social_liaison"
        )
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
            .with_user(self.care)
            .sudo()
            .create({"patient_id": case.patient_id.id, "reason": "First stay"})
        )
        referral._action_accept(case)
        return referral

    def flush_tracking(self):
        """Tracking values are written when the transaction ends: write them now."""
        self.env.flush_all()
        self.env.cr.flush()

    @contextmanager
    def assertRaisesText(self, exception, text):
        """assertRaises (which rolls the failed write back) and the error says ``text``."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertIn(text, str(caught.exception))

from contextlib import contextmanager

from odoo.tests import TransactionCase, new_test_user


class PrivacyCommon(TransactionCase):
    """Two teams, one user per role, a case of each team with an intervention and a
    procedure, an outside partner."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        # the tests read what the system writes in English, whatever the demo's site speaks
        env.company.partner_id.lang = "en_US"
        cls.worker_a = new_test_user(
            env, "t_priv_worker_a", groups="social_case.group_social_worker"
        )
        cls.worker_a2 = new_test_user(
            env, "t_priv_worker_a2", groups="social_case.group_social_worker"
        )
        cls.worker_b = new_test_user(
            env, "t_priv_worker_b", groups="social_case.group_social_worker"
        )
        cls.coordinator = new_test_user(
            env, "t_priv_coordinator", groups="social_case.group_social_coordinator"
        )
        cls.manager = new_test_user(
            env, "t_priv_manager", groups="social_case.group_social_manager"
        )
        cls.nurse = new_test_user(env, "t_priv_nurse", groups="social_case.group_social_care")
        cls.volunteer = new_test_user(
            env, "t_priv_volunteer", groups="base.group_user,social_case.group_social_liaison"
        )
        Team = env["social.team"]
        cls.team_a = Team.create(
            {"name": "Team A", "member_ids": [(6, 0, (cls.worker_a | cls.worker_a2).ids)]}
        )
        cls.team_b = Team.create({"name": "Team B", "member_ids": [(6, 0, cls.worker_b.ids)]})
        Partner = env["res.partner"]
        cls.patient_a = Partner.create({"name": "Lucie Privacy Test", "email": "lucie@example.com"})
        cls.patient_b = Partner.create({"name": "Omar Privacy Test"})
        cls.outsider = Partner.create({"name": "Outside Landlord", "email": "landlord@example.com"})
        Case = env["social.case"]
        cls.case_a = Case.create(
            {
                "patient_id": cls.patient_a.id,
                "user_id": cls.worker_a.id,
                "team_id": cls.team_a.id,
            }
        )
        cls.case_b = Case.create(
            {
                "patient_id": cls.patient_b.id,
                "user_id": cls.worker_b.id,
                "team_id": cls.team_b.id,
            }
        )
        cls.phone_call = env.ref("social_case.intervention_type_phone_call")
        cls.intervention_a = env["social.intervention"].create(
            {"case_id": cls.case_a.id, "type_id": cls.phone_call.id, "user_id": cls.worker_a.id}
        )
        cls.aid = env.ref("social_case.procedure_type_financial_aid")
        cls.procedure_a = env["social.procedure"].create(
            {"case_id": cls.case_a.id, "type_id": cls.aid.id, "user_id": cls.worker_a.id}
        )
        cls.stage_closed = env["social.case.stage"].search([("is_closed", "=", True)], limit=1)
        cls.stages_open = env["social.case.stage"].search([("is_closed", "=", False)])

    def _flush_tracking(self):
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env.invalidate_all()

    def _messages(self, record):
        return (
            self.env["mail.message"]
            .sudo()
            .search([("model", "=", record._name), ("res_id", "=", record.id)])
        )

    @contextmanager
    def labelled(self, **label):
        """Like subTest, but reported by pytest: the failing row names itself."""
        try:
            yield
        except AssertionError as error:
            raise AssertionError(f"{label}: {error}") from error

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestLanding(TransactionCase):
    """A user created by an administrator lands on their role's work, without a Home Action
    set by hand; Settings choose another screen per role."""

    def _create(self, login, groups):
        admin = self.env.ref("base.user_admin")
        return (
            self.env["res.users"]
            .with_user(admin)
            .create(
                {
                    "name": login.title(),
                    "login": login,
                    "groups_id": [(6, 0, [self.env.ref(g).id for g in groups])],
                }
            )
        )

    def test_each_role_lands_on_its_work(self):
        ref = self.env.ref
        expected = {
            "land_manager": (
                ["social_case.group_social_manager"],
                "social_case.social_referral_action_triage",
            ),
            "land_coordinator": (
                ["social_case.group_social_coordinator"],
                "social_case.social_referral_action_triage",
            ),
            "land_worker": (
                ["social_case.group_social_worker"],
                "social_case.social_case_action_my",
            ),
            "land_nurse": (
                ["social_case.group_social_care"],
                "social_case.social_referral_action_refer",
            ),
            "land_volunteer": (
                ["base.group_user", "social_case.group_social_liaison"],
                "social_network_partners.social_liaison_request_action_mine",
            ),
        }
        for login, (groups, action) in expected.items():
            user = self._create(login, groups)
            self.assertEqual(user.action_id.id, ref(action).id, login)
        # an employee without a role of the service keeps Odoo's landing
        self.assertFalse(self._create("land_employee", ["base.group_user"]).action_id)
        # a nurse who becomes a social worker lands on her caseload
        nurse = self.env["res.users"].search([("login", "=", "land_nurse")])
        nurse.write({"groups_id": [(4, ref("social_case.group_social_worker").id)]})
        self.assertEqual(nurse.action_id.id, ref("social_case.social_case_action_my").id)

    def test_an_administrator_giving_a_role_sets_its_landing(self):
        admin = self.env.ref("base.user_admin")
        nurse = self._create("land_nurse2", ["social_case.group_social_care"])
        nurse.with_user(admin).write(
            {"groups_id": [(4, self.env.ref("social_case.group_social_coordinator").id)]}
        )
        self.env.invalidate_all()
        self.assertEqual(
            nurse.action_id.id, self.env.ref("social_case.social_referral_action_triage").id
        )

    def test_settings_choose_the_landing_of_a_role(self):
        settings = self.env["res.config.settings"].create(
            {"social_landing_worker_action_id": self.env.ref("social_case.social_case_action").id}
        )
        settings.execute()
        worker = self._create("land_worker_all", ["social_case.group_social_worker"])
        self.assertEqual(worker.action_id.id, self.env.ref("social_case.social_case_action").id)
        # a Home Action chosen for one user is kept
        contacts = self.env.ref("contacts.action_contacts")
        worker.action_id = contacts.id
        worker.write({"groups_id": [(4, self.env.ref("social_case.group_social_care").id)]})
        self.assertEqual(worker.action_id.id, contacts.id)

import importlib.util
from pathlib import Path

from odoo.tests import TransactionCase, tagged

MIGRATION = Path(__file__).parents[1] / "migrations" / "18.0.1.4.0" / "post-migrate.py"


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

    def test_each_site_chooses_its_landing(self):
        """A site's Settings decide for its own users only; the screens an earlier release
        kept in system parameters become every site's on upgrade."""
        ref = self.env.ref
        other = self.env["res.company"].create({"name": "Landing Other Site"})
        other.social_landing_worker_action_id = ref("social_case.social_case_action")
        here = self._create("land_worker_here", ["social_case.group_social_worker"])
        there = self.env["res.users"].create(
            {
                "name": "Land Worker There",
                "login": "land_worker_there",
                "company_id": other.id,
                "company_ids": [(6, 0, other.ids)],
                "groups_id": [(6, 0, ref("social_case.group_social_worker").ids)],
            }
        )
        self.assertEqual(here.action_id.id, ref("social_case.social_case_action_my").id)
        self.assertEqual(there.action_id.id, ref("social_case.social_case_action").id)

        params = self.env["ir.config_parameter"]
        params.set_param("social_case.landing_action_care", str(ref("contacts.action_contacts").id))
        spec = importlib.util.spec_from_file_location("post_migrate_landing", MIGRATION)
        script = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(script)
        script.migrate(self.env.cr, "18.0.1.3.0")
        self.assertFalse(params.get_param("social_case.landing_action_care"))
        for company in self.env["res.company"].search([]):
            self.assertEqual(company.social_landing_care_action_id, ref("contacts.action_contacts"))
        nurse = self._create("land_nurse_migrated", ["social_case.group_social_care"])
        self.assertEqual(nurse.action_id.id, ref("contacts.action_contacts").id)

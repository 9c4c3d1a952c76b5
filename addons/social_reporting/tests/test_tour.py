from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestMorningTour(HttpCase):
    """The head of service opens the dashboard every morning, computes the file active
    again, downloads the annual report (the internal version, which the access log
    records) and opens the file active analysis."""

    def test_head_of_service_opens_the_dashboard_and_downloads_the_annual_report(self):
        head = new_test_user(
            self.env,
            "tour_head",
            groups="social_case.group_social_manager",
            action_id=self.env.ref("social_reporting.social_dashboard_action").id,
        )
        # a case opened today is in the file active once it is computed again
        patient = self.env["res.partner"].create({"name": "Tour Patient Opened Today"})
        case = self.env["social.case"].create(
            {"patient_id": patient.id, "user_id": self.env.ref("social_case.user_socialworker").id}
        )
        FileActive = self.env["social.report.file.active"]
        self.env.flush_all()
        case_ref = FileActive._case_refs(case)[0]
        self.assertFalse(FileActive.search_count([("case_ref", "=", case_ref)]))
        self.start_tour("/odoo", "social_reporting_morning_tour", login="tour_head")
        self.assertEqual(FileActive.search_count([("case_ref", "=", case_ref)]), 1)
        log = self.env["social.case.access.log"].search(
            [("user_id", "=", head.id), ("res_model", "=", "social.report.annual")]
        )
        self.assertEqual(log.mapped("operation"), ["export"], "the workbook was produced")


@tagged("post_install", "-at_install")
class TestTopBar(HttpCase):
    """At 1280 px, in French and in Dutch, the head of service of a hospital group and the
    coordinator see every top menu of the app, Reporting (and Configuration) included."""

    browser_size = "1280x800"

    def test_every_top_menu_is_in_sight_in_french_and_dutch(self):
        site = self.env["res.company"].create({"name": "Tour Second Site"})
        for lang in ("fr_FR", "nl_BE"):
            self.env["res.lang"]._activate_lang(lang)
        addons = ["social_case", "social_discharge", "social_network_partners", "social_reporting"]
        self.env["ir.module.module"]._load_module_terms(addons, ["fr_FR", "nl_BE"])
        roles = {
            "head": ("social_case.group_social_manager", "social_case.social_case_action"),
            "coordinator": (
                "social_case.group_social_coordinator",
                "social_case.social_referral_action_triage",
            ),
        }
        for role, (group, action) in roles.items():
            for lang in ("fr_FR", "nl_BE"):
                with self.subTest(role=role, lang=lang):
                    login = f"tour_{role}_{lang}"
                    user = new_test_user(
                        self.env,
                        login,
                        groups=group,
                        lang=lang,
                        company_ids=[(6, 0, (self.env.company | site).ids)],
                        action_id=self.env.ref(action).id,
                    )
                    menus = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
                    config = self.env.ref("social_case.social_menu_config")
                    # the head's bar is the longest: Configuration is in it
                    self.assertEqual(config.id in menus, role == "head")
                    self.start_tour("/odoo", "social_top_bar_tour", login=login)

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSocialServiceMenuTour(HttpCase):
    def test_menu_tour(self):
        """A social worker logs in and opens the Social Service app."""
        new_test_user(self.env, "tour_worker", groups="social_case.group_social_worker")
        self.start_tour("/odoo", "social_case_menu_tour", login="tour_worker")

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDirectory(TransactionCase):
    def test_smoke(self):
        self.assertTrue(self.env["res.partner"].search_count([("social_is_partner", "=", True)]) >= 60)

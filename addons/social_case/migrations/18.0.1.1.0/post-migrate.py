from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """The right-of-access files stored on patients' contacts by earlier releases go."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["ir.attachment"]._social_remove_stored_access_exports()

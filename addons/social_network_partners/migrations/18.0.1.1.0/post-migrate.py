from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """The liaison requests' consent moves into the consent registry of social_case."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["social.liaison.request"]._migrate_consents_to_registry()

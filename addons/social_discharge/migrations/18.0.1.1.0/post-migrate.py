from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """The requests answered by an earlier release get the moment of their first answer,
    from their chatter or, failing that, from the date of the answer."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["social.discharge.request"]._init_answered_at()

from odoo import fields, models


class SocialCaseAccessLog(models.Model):
    _inherit = "social.case.access.log"

    # kept as reads if the addon is uninstalled: the log is evidence
    operation = fields.Selection(
        selection_add=[
            ("portal_invite", "Invited to the Patient's Portal"),
            ("portal_login", "Logged In to the Patient's Portal"),
            ("portal", "Read on the Patient's Portal"),
        ],
        ondelete={
            "portal_invite": "set read",
            "portal_login": "set read",
            "portal": "set read",
        },
    )

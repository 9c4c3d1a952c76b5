from datetime import timedelta

from odoo import api, fields, models

GRANT_HOURS = 8


class SocialCaseAccessGrant(models.Model):
    """A manager's time-limited, reasoned access to a restricted or minor's case."""

    _name = "social.case.access.grant"
    _description = "Emergency Access to a Case"
    _order = "date desc, id desc"

    case_id = fields.Many2one("social.case", required=True, index=True, ondelete="cascade")
    user_id = fields.Many2one("res.users", required=True, index=True, readonly=True)
    reason = fields.Text(required=True, readonly=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    date_expiry = fields.Datetime(
        string="Expires On",
        required=True,
        readonly=True,
        default=lambda self: fields.Datetime.now() + timedelta(hours=GRANT_HOURS),
    )
    active = fields.Boolean(default=True, index=True)

    @api.model
    def _cron_expire(self):
        self.search([("date_expiry", "<=", fields.Datetime.now())]).write({"active": False})

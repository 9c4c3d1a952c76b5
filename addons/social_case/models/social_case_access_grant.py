from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

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
    # what the record rules test: a grant ends at its expiry, not when the cron archives it
    is_current = fields.Boolean(
        string="In Force", compute="_compute_is_current", search="_search_is_current"
    )

    @api.depends("active", "date_expiry")
    def _compute_is_current(self):
        now = fields.Datetime.now()
        for grant in self:
            grant.is_current = grant.active and grant.date_expiry > now

    def _search_is_current(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search emergency accesses in force with = or !=."))
        # the time of the statement, not of the parsing: the record rules' SQL is kept
        now = SQL("(statement_timestamp() AT TIME ZONE 'UTC')")
        if (operator == "=") == value:
            return [("active", "=", True), ("date_expiry", ">", now)]
        return ["|", ("active", "=", False), ("date_expiry", "<=", now)]

    @api.model
    def _cron_expire(self):
        self.search([("date_expiry", "<=", fields.Datetime.now())]).write({"active": False})

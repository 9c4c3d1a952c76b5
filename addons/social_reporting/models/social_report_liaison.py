from odoo import fields, models
from odoo.tools import SQL

from ._selection import selection_of

STATES = selection_of("social.liaison.request", "state")


class SocialReportLiaison(models.Model):
    """Liaison requests to the hospital's services (volunteers, chaplaincy, mediator): the
    service, the outcome and the hours until the visit was done. No patient, no purpose."""

    _name = "social.report.liaison"
    _description = "Liaison Requests Analysis"
    _auto = False
    _inherit = ["social.report.mixin"]
    _order = "date desc"

    company_id = fields.Many2one("res.company", readonly=True)
    service_id = fields.Many2one("social.liaison.service", readonly=True)
    unit_id = fields.Many2one("social.unit", readonly=True)
    team_id = fields.Many2one("social.team", readonly=True)
    state = fields.Selection(STATES, string="Outcome", readonly=True)
    date = fields.Datetime(string="Requested On", readonly=True)
    hours_to_done = fields.Float(
        string="Hours to the Visit", digits=(16, 1), readonly=True, aggregator="avg"
    )
    request_count = fields.Integer(string="Requests", readonly=True, aggregator="sum")

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT l.id, l.company_id, l.service_id, l.unit_id, c.team_id, l.state,
                   l.create_date AS date,
                   EXTRACT(EPOCH FROM l.date_done - l.create_date) / 3600.0
                       AS hours_to_done,
                   1 AS request_count
              FROM social_liaison_request l
              LEFT JOIN social_case c ON c.id = l.case_id
            """
        )

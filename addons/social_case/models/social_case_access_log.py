from odoo import _, api, fields, models
from odoo.exceptions import AccessError

OPERATIONS = [
    ("open", "Opened"),
    ("export", "Exported"),
    ("emergency", "Emergency access"),
    ("anonymised", "Anonymised"),
]


class SocialCaseAccessLog(models.Model):
    """Who opened or exported which case file, and when: evidence, never patient data."""

    _name = "social.case.access.log"
    _description = "Case Access Log"
    _order = "date desc, id desc"
    _log_access = False

    date = fields.Datetime(required=True, readonly=True, index=True, default=fields.Datetime.now)
    user_id = fields.Many2one(
        "res.users", required=True, readonly=True, index=True, ondelete="restrict"
    )
    case_id = fields.Many2one("social.case", readonly=True, index=True, ondelete="set null")
    case_reference = fields.Char(
        readonly=True, help="Reference of the case, kept if the case is ever deleted."
    )
    patient_id = fields.Many2one("res.partner", readonly=True, index=True, ondelete="set null")
    res_model = fields.Char(string="Record Type", readonly=True)
    res_id = fields.Integer(string="Record", readonly=True)
    operation = fields.Selection(OPERATIONS, required=True, readonly=True, index=True)
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True, ondelete="restrict"
    )

    @api.model
    def _log(self, cases, operation, system=False):
        """Record ``operation`` on ``cases`` by the current user (superuser reads are not
        logged: they are the server's own work, unless ``system`` says it must be)."""
        if (self.env.su and not system) or not cases:
            return self.browse()
        return self.sudo().create(
            [
                {
                    "user_id": self.env.uid,
                    "case_id": case.id,
                    "case_reference": case.name,
                    "patient_id": case.patient_id.id,
                    "res_model": case._name,
                    "res_id": case.id,
                    "operation": operation,
                    "company_id": case.company_id.id,
                }
                for case in cases.sudo()
            ]
        )

    @api.model
    def _log_records(self, records, operation):
        """Record ``operation`` on records of the case file other than the case itself (a
        discharge plan, a note, a liaison request, which may have no case)."""
        if self.env.su or not records:
            return self.browse()
        records = records.sudo()
        return self.sudo().create(
            [
                {
                    "user_id": self.env.uid,
                    "case_id": record.case_id.id if "case_id" in record._fields else False,
                    "case_reference": record.case_id.name if "case_id" in record._fields else False,
                    "patient_id": record.patient_id.id
                    if "patient_id" in record._fields
                    else record.case_id.patient_id.id,
                    "res_model": record._name,
                    "res_id": record.id,
                    "operation": operation,
                    "company_id": record.company_id.id or self.env.company.id,
                }
                for record in records
            ]
        )

    def write(self, vals):
        if not self.env.su:
            raise AccessError(_("The access log is evidence: it cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_evidence(self):
        if not self.env.su:
            raise AccessError(_("The access log is evidence: it cannot be deleted."))

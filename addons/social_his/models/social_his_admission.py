from odoo import fields, models
from odoo.exceptions import AccessError


class SocialHisAdmission(models.Model):
    """A patient known to the service (by national or hospital number) admitted to the
    hospital while no case of theirs is open: shown to the coordinator, who decides whether
    to open one. No case is ever opened by the hospital system."""

    _name = "social.his.admission"
    _description = "Admission of a Patient Known to the Service"
    _order = "admitted_at desc, id desc"
    _check_company_auto = True

    patient_id = fields.Many2one("res.partner", required=True, readonly=True, index=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    visit_number = fields.Char(readonly=True, index="btree_not_null")
    unit_id = fields.Many2one("social.unit", readonly=True)
    room = fields.Char(readonly=True)
    admitted_at = fields.Datetime(readonly=True)
    discharged_at = fields.Datetime(readonly=True)
    last_case_id = fields.Many2one(
        "social.case",
        readonly=True,
        help="The patient's most recent case, closed.",
    )
    state = fields.Selection(
        [("admitted", "In Hospital"), ("discharged", "Discharged"), ("done", "Seen")],
        default="admitted",
        required=True,
        readonly=True,
        index=True,
    )

    def write(self, vals):
        # the admission is what the hospital system said: a coordinator only marks it seen
        if not self.env.su and set(vals) - {"state"}:
            raise AccessError(self.env._("Only the hospital system records an admission."))
        return super().write(vals)

    def action_done(self):
        self.check_access("write")
        self.write({"state": "done"})
        return True

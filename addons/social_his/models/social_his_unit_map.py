from odoo import fields, models


class SocialHisUnitMap(models.Model):
    """A unit code of the hospital system (PV1-3.1, an Encounter's location) and the unit
    of the social service it stands for: configured without code, read when a message
    places a patient."""

    _name = "social.his.unit.map"
    _description = "Hospital System Unit Code"
    _order = "code"
    _rec_name = "code"
    _check_company_auto = True

    code = fields.Char(string="Hospital System Code", required=True, index=True)
    unit_id = fields.Many2one("social.unit", required=True, ondelete="cascade", check_company=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "code_company_unique",
            "UNIQUE(code, company_id)",
            "This hospital system code is already mapped to a unit for this site.",
        ),
    ]

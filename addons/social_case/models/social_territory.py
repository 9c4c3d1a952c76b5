from odoo import api, fields, models


class SocialTerritory(models.Model):
    """A postal code area (municipality) that teams and partners cover."""

    _name = "social.territory"
    _description = "Territory (postal code)"
    _order = "zip, name"
    _rec_names_search = ["zip", "name"]

    name = fields.Char(string="Municipality", required=True, translate=True)
    zip = fields.Char(string="Postal Code", required=True, index=True)
    country_id = fields.Many2one("res.country", default=lambda self: self.env.ref("base.be"))
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "zip_name_unique",
            "UNIQUE(zip, name)",
            "This postal code and municipality already exist.",
        ),
    ]

    @api.depends("zip", "name")
    def _compute_display_name(self):
        for territory in self:
            territory.display_name = f"{territory.zip} {territory.name}"

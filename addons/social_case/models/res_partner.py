from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    # known from the first referral on: the case opened by triage starts from it
    social_birthdate = fields.Date(string="Date of Birth", groups="social_case.group_social_care")

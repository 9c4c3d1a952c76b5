from odoo import fields, models


class SocialCaseEpisode(models.Model):
    _inherit = "social.case.episode"

    # which stay of the hospital system this one is: its messages find it by this number
    his_visit_number = fields.Char(
        string="Hospital Visit Number",
        index="btree_not_null",
        copy=False,
        readonly=True,
        help="The visit number (PV1-19, the FHIR Encounter) the hospital system gives this "
        "stay; set by its messages.",
    )
    his_admitted_at = fields.Datetime(
        string="Admitted At",
        readonly=True,
        copy=False,
        help="Time of admission given by the hospital system.",
    )
    his_created = fields.Boolean(string="Created by the Hospital System", readonly=True, copy=False)

    def _social_anonymise_values(self, placeholder):
        vals = super()._social_anonymise_values(placeholder)
        vals["his_visit_number"] = False  # the hospital system finds the patient by it
        return vals

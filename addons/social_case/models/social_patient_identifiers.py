from odoo import api, fields, models


class SocialPatientIdentifiersMixin(models.AbstractModel):
    """The patient's national number and hospital number on a record of the social service
    about them (a case, a referral): kept on the patient's contact, unique per site
    (``res.partner``), shown and changed here.

    Read for who may read the record: the ORM checked their access to it before the
    compute, which reads the contact as the system. Changed through
    ``res.partner._social_set_identifiers``, which checks the user's right to change the
    contact itself."""

    _name = "social.patient.identifiers.mixin"
    _description = "Patient Identifiers of a Record of the Social Service"

    patient_niss = fields.Char(
        string="National Number (NISS/INSZ)",
        compute="_compute_patient_identifiers",
        inverse="_inverse_patient_identifiers",
        compute_sudo=True,
    )
    patient_number = fields.Char(
        string="Hospital Patient Number",
        compute="_compute_patient_identifiers",
        inverse="_inverse_patient_identifiers",
        compute_sudo=True,
    )

    @api.depends("patient_id.social_niss", "patient_id.social_patient_number")
    def _compute_patient_identifiers(self):
        for record in self:
            record.patient_niss = record.patient_id.social_niss
            record.patient_number = record.patient_id.social_patient_number

    def _inverse_patient_identifiers(self):
        for record in self.filtered("patient_id"):
            record.patient_id._social_set_identifiers(
                {
                    "social_niss": record.patient_niss or False,
                    "social_patient_number": record.patient_number or False,
                }
            )
        # the contact keeps them in its own format: read them back from it
        self.invalidate_recordset(["patient_niss", "patient_number"])

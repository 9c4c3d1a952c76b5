from odoo import api, fields, models
from odoo.exceptions import ValidationError

# the patient's own professionals outside the hospital
PROFESSIONAL_ROLES = ("gp", "cpas_worker", "home_nurse", "other_professional")
# who is named in the liaison letter unless the worker says otherwise
NAMED_IN_LETTER_ROLES = (*PROFESSIONAL_ROLES, "legal_representative")


class SocialCaseContact(models.Model):
    """A person around the patient: family, informal carer, legal representative, or the
    patient's own professionals outside the hospital (general practitioner, CPAS/OCMW social
    worker, home nurse). Social workers only read them (privacy layer); they leave the
    service only in the liaison letter, within the patient's consent."""

    _name = "social.case.contact"
    _description = "Person Around the Patient"
    _inherit = ["social.privacy.mixin"]
    _order = "case_id, sequence, id"
    _check_company_auto = True
    _social_identifying_fields = ("name", "partner_id", "relationship", "phone", "email", "note")

    case_id = fields.Many2one("social.case", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    role = fields.Selection(
        [
            ("family", "Family Member"),
            ("carer", "Informal Carer"),
            ("legal_representative", "Legal Representative"),
            ("gp", "General Practitioner"),
            ("cpas_worker", "CPAS/OCMW Social Worker"),
            ("home_nurse", "Home Nurse"),
            ("other_professional", "Other Professional"),
            ("other", "Other"),
        ],
        required=True,
        default="family",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        check_company=True,
        help="The person or organisation in the address book, for a professional of the "
        "partner directory for instance.",
    )
    name = fields.Char(
        compute="_compute_from_partner", store=True, readonly=False, required=True, copy=True
    )
    relationship = fields.Char(
        help="Daughter, neighbour, guardian appointed by the justice of the peace..."
    )
    phone = fields.Char(compute="_compute_from_partner", store=True, readonly=False, copy=True)
    email = fields.Char(compute="_compute_from_partner", store=True, readonly=False, copy=True)
    is_main_relay = fields.Boolean(
        string="Main Relay",
        help="The one person who passes on the news to the others and to the professionals.",
    )
    in_letter = fields.Boolean(
        string="Named in the Liaison Letter",
        compute="_compute_in_letter",
        store=True,
        readonly=False,
        copy=True,
        help="The liaison letter, sent with the patient's consent, names this person.",
    )
    note = fields.Char()

    @api.depends("partner_id")
    def _compute_from_partner(self):
        for contact in self:
            partner = contact.partner_id
            if partner:
                contact.name = partner.name
                contact.phone = partner.phone or partner.mobile
                contact.email = partner.email
            elif not contact.name:
                contact.name = False

    @api.depends("role")
    def _compute_in_letter(self):
        for contact in self:
            contact.in_letter = contact.role in NAMED_IN_LETTER_ROLES

    @api.constrains("is_main_relay", "case_id")
    def _check_one_main_relay(self):
        """One main relay per case: the person the others go through."""
        for case in self.filtered("is_main_relay").case_id:
            if len(case.contact_ids.filtered("is_main_relay")) > 1:
                raise ValidationError(
                    self.env._(
                        "%(case)s has one main relay: untick the other one first.",
                        case=case.name,
                    )
                )

from odoo import fields, models


class SocialConsentPurpose(models.Model):
    """What a patient agrees to: one line of the catalogue the Manager keeps.

    The code reads ``code``, never the name: the name is translated and may be reworded.
    """

    _name = "social.consent.purpose"
    _description = "Consent Purpose"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Technical code the software checks (e.g. discharge_provider): never change it "
        "once consents were recorded.",
    )
    sequence = fields.Integer(default=10)
    description = fields.Text(
        translate=True, help="What is shared, with whom: read to the patient when asking."
    )
    validity_months = fields.Integer(
        string="Valid For (months)",
        help="Default length of a consent for this purpose; 0: until withdrawn.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = (
        ("code_unique", "UNIQUE(code)", "The code of a consent purpose must be unique."),
    )

from odoo import fields, models

# the purpose of a service that names none
DEFAULT_CONSENT_PURPOSE = "internal_service"


class SocialLiaisonService(models.Model):
    """An internal service of the hospital the social service works with."""

    _name = "social.liaison.service"
    _description = "Internal Liaison Service"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, index=True)
    member_ids = fields.Many2many(
        "res.users",
        "social_liaison_service_member_rel",
        "service_id",
        "user_id",
        string="Members",
        help="Users who receive and handle the requests sent to this service.",
    )
    asks_faith = fields.Boolean(
        string="Ask for Faith or Denomination",
        help="Requests to this service record the faith or denomination the patient wishes "
        "(chaplaincy).",
    )
    consent_purpose_id = fields.Many2one(
        "social.consent.purpose",
        ondelete="restrict",
        help="What the patient agrees to when a request is sent to this service. Empty: "
        "another internal service of the hospital.",
    )
    phone = fields.Char()
    email = fields.Char()
    active = fields.Boolean(default=True)
    color = fields.Integer()

    _sql_constraints = (
        ("code_unique", "UNIQUE(code)", "The code of a liaison service must be unique."),
    )

    def _consent_purpose_code(self):
        """The code of the consent purpose of the service (zero or one record), read on
        the system's records (the privacy layer's ``_social_by_purpose``, the consent's
        inverse, the upgrade): the purposes are the social workers' catalogue."""
        return self[:1].consent_purpose_id.code or DEFAULT_CONSENT_PURPOSE

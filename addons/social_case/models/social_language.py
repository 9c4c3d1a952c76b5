from odoo import fields, models


class SocialLanguage(models.Model):
    """Languages a patient speaks or a partner serves in.

    Not ``res.lang``: a patient may speak Lingala or Tamazight, languages the
    Odoo interface has no reason to install.
    """

    _name = "social.language"
    _description = "Spoken Language"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="ISO 639-1 code when there is one.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "A language with this code already exists."),
    ]

from odoo import fields, models


class SocialCaseFlagType(models.Model):
    """A kind of flag the team puts on a case ("risk of aggression", "interpreter
    needed"...): a catalogue the head of the service edits."""

    _name = "social.case.flag.type"
    _description = "Case Flag Type"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    color = fields.Integer(help="The colour of the flag on the case card and form.")
    icon = fields.Char(
        default="fa-flag",
        help="A Font Awesome icon shown with the flag in the list of flags, e.g. fa-warning.",
    )
    description = fields.Text(
        translate=True, help="What the flag asks of the team, shown when a flag is set."
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_unique", "unique(name)", "A flag type of this name exists already."),
    ]

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date


class SocialCaseNote(models.Model):
    """A social worker's note on a case; restricted notes stay with the referent and co-workers."""

    _name = "social.case.note"
    _description = "Social Case Note"
    _inherit = ["social.privacy.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _social_system_fields = ("author_id",)

    case_id = fields.Many2one("social.case", required=True, index=True, ondelete="restrict")
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    author_id = fields.Many2one(
        "res.users",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.user,
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    body = fields.Html(string="Note", required=True, sanitize_style=True)
    confidentiality = fields.Selection(
        [("normal", "Normal"), ("restricted", "Restricted")],
        required=True,
        default="normal",
        index=True,
        help="Restricted notes are readable only by the referent and the co-workers of the case.",
    )
    active = fields.Boolean(default=True)
    third_party_info = fields.Boolean(
        string="About a Third Party",
        help="The note holds what a third party confided about themselves: it is left out "
        "of the patient's right of access export, with its reason (GDPR art. 15.4).",
    )
    third_party_reason = fields.Char(string="Why It Is Withheld")

    @api.constrains("third_party_info", "third_party_reason")
    def _check_third_party_reason(self):
        for note in self:
            if note.third_party_info and not (note.third_party_reason or "").strip():
                raise ValidationError(
                    self.env._("Say why the note is withheld from the patient's right of access.")
                )

    @api.depends("date", "author_id")
    @api.depends_context("lang", "tz")
    def _compute_display_name(self):
        for note in self:
            note.display_name = self.env._(
                "Note of %(author)s on %(date)s",
                author=note.author_id.name or "",
                date=format_date(self.env, fields.Datetime.context_timestamp(self, note.date))
                if note.date
                else "",
            )

    def unlink(self):
        # a manager removes a note written by mistake; the case keeps the trace, not the text
        for note in self:
            note.case_id.message_post(
                body=note.case_id._social_system_env()._(
                    "Note deleted by %(user)s: %(name)s.",
                    user=self.env.user.name,
                    name=note.display_name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return super().unlink()

from odoo import api, fields, models

from .social_procedure import OPEN_STATES


def _installed_languages(self):
    return self.env["res.lang"].get_installed()


class SocialCase(models.Model):
    _inherit = "social.case"

    rights_sheet_lang = fields.Selection(
        _installed_languages,
        string="Language of the Rights Sheet",
        compute="_compute_rights_sheet_lang",
        store=True,
        readonly=False,
        help="The sheet of rights is printed for the patient in this language: by default "
        "the patient's own language when the sheet exists in it (French, Dutch, English).",
    )

    @api.depends("language_id", "patient_id")
    def _compute_rights_sheet_lang(self):
        installed = [code for code, _name in self.env["res.lang"].get_installed()]
        for case in self:
            prefix = (case.language_id.code or "").lower()
            spoken = next((code for code in installed if code.split("_")[0] == prefix), False)
            patient = case.patient_id.lang if case.patient_id.lang in installed else False
            case.rights_sheet_lang = spoken or patient or case.rights_sheet_lang or (
                self.env.lang if self.env.lang in installed else installed[0]
            )

    def _rights_sheet_procedures(self):
        """The procedures under way, shown to the patient with why each is needed."""
        self.ensure_one()
        return self.procedure_ids.filtered(lambda p: p.state in OPEN_STATES)

    def action_print_rights_sheet(self):
        """The plain-language sheet of the patient's rights and procedures, in their language."""
        self.check_access("read")
        return self.env.ref("social_case.action_report_rights_sheet").report_action(self)


class SocialProcedure(models.Model):
    _inherit = "social.procedure"

    def _rights_sheet_text(self, name, lang):
        """Text ``name`` (explanation, required documents) for the patient's sheet: the
        procedure type's text in ``lang`` when the procedure still holds a copy of it, in
        whatever language it was copied; the worker's own words otherwise."""
        self.ensure_one()
        own = self[name]
        kind = self.type_id
        copies = {
            kind.with_context(lang=code)[name] for code, _label in self.env["res.lang"].get_installed()
        }
        if not own or own in copies:
            return kind.with_context(lang=lang)[name]
        return own

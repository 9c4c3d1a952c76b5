from odoo import models


class SocialPrivacyThread(models.AbstractModel):
    """What the system writes on a record (its creation line, the summaries of the
    activities it plans) is in its reader's language: the chatter in its site's
    (``_social_system_lang``), an activity in its assignee's (``_social_reader_env``)::

        self._social_reader_env(user)._("Consent withdrawn")
    """

    _inherit = "social.privacy.thread"

    def _social_installed_lang(self, lang):
        installed = {code for code, _name in self.env["res.lang"].get_installed()}
        return lang if lang in installed else False

    def _social_system_lang(self):
        """The language of the record's site (its company's), else the current one."""
        company = self.env.company
        if "company_id" in self._fields and self[:1].company_id:
            company = self[:1].company_id
        return self._social_installed_lang(company.partner_id.lang) or self.env.lang

    def _social_system_env(self):
        return self.with_context(lang=self._social_system_lang()).env

    def _social_reader_env(self, user):
        """The environment in ``user``'s language, to write what ``user`` will read."""
        lang = self._social_installed_lang(user.lang) or self._social_system_lang()
        return self.with_context(lang=lang).env

    def _creation_message(self):
        thread = self.with_context(lang=self._social_system_lang())
        return super(SocialPrivacyThread, thread)._creation_message()

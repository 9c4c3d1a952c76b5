import re

from odoo import api, models
from odoo.exceptions import UserError

from .social_privacy_mixin import privacy_models

# the right-of-access ZIPs that releases before 18.0.1.1.0 stored on the patient's contact,
# named in English, French or Dutch after the day of the export
STORED_ACCESS_EXPORT = re.compile(
    r"^(Right of access|Droit d'accès|Recht op inzage) \d{4}-\d{2}-\d{2}\.zip$"
)


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def _social_check_not_public(self, vals_list):
        """Documents of a case file are never public, nor shared by a token link."""
        guarded = set(privacy_models(self.env))
        for vals in vals_list:
            if vals.get("res_model") not in guarded:
                continue
            if vals.get("public") or (vals.get("access_token") and not self.env.su):
                raise UserError(
                    self.env._(
                        "Documents of a case file cannot be public or shared by link: "
                        "they stay readable only by the people who may read the file."
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self._social_check_not_public(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        if {"public", "access_token", "res_model"} & set(vals):
            self._social_check_not_public(
                [
                    {
                        "res_model": vals.get("res_model", attachment.res_model),
                        "public": vals.get("public", attachment.public),
                        "access_token": vals.get("access_token", attachment.access_token),
                    }
                    for attachment in self.sudo()
                ]
            )
        return super().write(vals)

    @api.model
    def _social_remove_stored_access_exports(self):
        """Upgrade to 18.0.1.1.0: the right-of-access files earlier releases kept as
        attachments of the patient's contact, read by whoever reads the contact, are
        deleted (only the access log keeps the export)."""
        stored = (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("res_model", "=", "res.partner"),
                    ("res_field", "=", False),
                    ("mimetype", "=", "application/zip"),
                ]
            )
            .filtered(lambda attachment: STORED_ACCESS_EXPORT.match(attachment.name or ""))
        )
        stored.unlink()
        return stored

from odoo import api, models
from odoo.exceptions import UserError

from .social_privacy_mixin import privacy_models


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
            # what each attachment is now, readable or not, with what the write changes
            current = self.sudo().read(["res_model", "public", "access_token"])
            self._social_check_not_public([dict(row, **vals) for row in current])
        return super().write(vals)

from odoo import _, models

# identity of a person: erased when no case needs the patient any more
IDENTITY_FIELDS = (
    "email",
    "phone",
    "mobile",
    "street",
    "street2",
    "zip",
    "city",
    "state_id",
    "country_id",
    "website",
    "vat",
    "ref",
    "function",
    "title",
    "comment",
    "image_1920",
    "parent_id",
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _social_anonymise_partner_values(self):
        """Hook: what the anonymisation of a former patient writes (addons add their own
        identity fields, such as a national number)."""
        vals = {name: False for name in IDENTITY_FIELDS if name in self._fields}
        vals.update(name=_("Anonymised person"), active=False)
        return vals

    def _social_anonymise_partner(self):
        for partner in self.sudo():
            partner.write(partner._social_anonymise_partner_values())
            partner._track_discard()  # the old name and address must not survive as tracking
            messages = self.env["mail.message"].sudo().search(
                [("model", "=", "res.partner"), ("res_id", "=", partner.id)]
            )
            messages.tracking_value_ids.unlink()
            messages.write({"body": ""})

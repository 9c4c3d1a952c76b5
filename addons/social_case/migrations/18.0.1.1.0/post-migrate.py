import re

from odoo import SUPERUSER_ID, api

# the right-of-access ZIPs that releases before 18.0.1.1.0 stored on the patient's contact,
# named in English, French or Dutch after the day of the export
STORED_ACCESS_EXPORT = re.compile(
    r"^(Right of access|Droit d'accès|Recht op inzage) \d{4}-\d{2}-\d{2}\.zip$"
)


def migrate(cr, version):
    """The right-of-access files stored on patients' contacts by earlier releases, read by
    whoever reads the contact, go (only the access log keeps the export)."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    stored = (
        env["ir.attachment"]
        .with_context(active_test=False)
        .search(
            [
                ("res_model", "=", "res.partner"),
                ("res_field", "=", False),
                ("mimetype", "=", "application/zip"),
            ]
        )
    )
    stored.filtered(lambda attachment: STORED_ACCESS_EXPORT.match(attachment.name or "")).unlink()

import io
import json
import zipfile

from odoo import fields, models
from odoo.exceptions import AccessError
from odoo.tools import create_index, html2plaintext

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

MANAGER = "social_case.group_social_manager"
# what says nothing about the patient: the machinery of the records
SKIPPED_FIELDS = {
    "id",
    "create_uid",
    "write_uid",
    "write_date",
    "display_name",
    "company_id",
    "message_main_attachment_id",
}


class ResPartner(models.Model):
    _inherit = "res.partner"

    # known from the first referral on: the case opened by triage starts from it
    social_birthdate = fields.Date(string="Date of Birth", groups="social_case.group_social_care")

    def init(self):
        # Searching a case by patient (``patient_id ilike``) searches the partners' display
        # name, i.e. every field of ``_rec_names_search`` OR'ed: each needs a trigram index
        # for PostgreSQL to answer from the indexes instead of reading the whole address book
        if not self.env.registry.has_trigram:
            return
        for name in self._rec_names_search:
            field = self._fields.get(name)
            if field and field.store and not field.translate and field.type == "char":
                create_index(
                    self.env.cr,
                    f"res_partner_{name}_social_trgm_index",
                    self._table,
                    [f'"{name}" gin_trgm_ops'],
                    "gin",
                )

    def _social_anonymise_partner_values(self):
        """Hook: what the anonymisation of a former patient writes (addons add their own
        identity fields, such as a national number)."""
        vals = {name: False for name in IDENTITY_FIELDS if name in self._fields}
        vals.update(name=self.env._("Anonymised person"), active=False)
        return vals

    def _social_anonymise_partner(self):
        for partner in self.sudo():
            partner.write(partner._social_anonymise_partner_values())
            partner._track_discard()  # the old name and address must not survive as tracking
            messages = (
                self.env["mail.message"]
                .sudo()
                .search([("model", "=", "res.partner"), ("res_id", "=", partner.id)])
            )
            messages.tracking_value_ids.unlink()
            messages.write({"body": ""})

    def action_social_access_export(self):
        """Right of access (GDPR art. 15): one ZIP with a readable PDF and a JSON file of
        everything the social service holds on the patient. For the Manager only; the
        export reads every case, restricted ones included, and is logged."""
        self.ensure_one()
        if not self.env.user.has_group(MANAGER):
            raise AccessError(
                self.env._("Only the head of the social service exports a patient's file.")
            )
        patient = self.sudo().with_context(active_test=False)
        export = patient._social_access_export_data()
        report = self.env.ref("social_case.action_report_access_export").sudo()
        content, extension = report._render_qweb_pdf(
            report.report_name, patient.ids, data={"export": export}
        )
        stamp = fields.Date.to_string(fields.Date.context_today(self))
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(f"access-{stamp}.{extension}", content)
            archive.writestr(
                f"access-{stamp}.json",
                json.dumps(export, indent=2, ensure_ascii=False, default=str),
            )
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": self.env._("Right of access %(date)s.zip", date=stamp),
                    "raw": buffer.getvalue(),
                    "res_model": self._name,
                    "res_id": self.id,
                    "mimetype": "application/zip",
                }
            )
        )
        cases = (
            self.env["social.case"]
            .sudo()
            .with_context(active_test=False)
            .search([("patient_id", "=", self.id)])
        )
        self.env["social.case.access.log"]._log(cases, "export")
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    def _social_access_export_data(self):
        """{section: rows} of everything the service holds on the patient ``self``."""
        self.ensure_one()
        cases = (
            self.env["social.case"]
            .with_context(active_test=False)
            .search([("patient_id", "=", self.id)])
        )
        notes = cases.note_ids.with_context(active_test=False)
        withheld = notes.filtered("third_party_info")
        data = {
            "patient": self._social_export_rows(
                self, ["name", "email", "phone", "street", "zip", "city"]
            ),
            "cases": self._social_export_rows(cases),
            "episodes": self._social_export_rows(cases.episode_ids),
            "needs": self._social_export_rows(cases.need_ids),
            "interventions": self._social_export_rows(
                cases.with_context(active_test=False).intervention_ids
            ),
            "procedures": self._social_export_rows(
                self.env["social.procedure"].search([("case_id", "in", cases.ids)])
            ),
            "notes": self._social_export_rows(
                notes - withheld, exclude=("third_party_info", "third_party_reason")
            ),
            "withheld_notes": [
                {
                    "date": str(note.date),
                    "case": note.case_id.name,
                    "reason": note.third_party_reason,
                }
                for note in withheld
            ],
            "consents": self._social_export_rows(
                self.env["social.consent"]
                .with_context(active_test=False)
                .search([("patient_id", "=", self.id)])
            ),
            "access_log": self._social_export_rows(
                self.env["social.case.access.log"].search([("case_id", "in", cases.ids)]),
                ["date", "user_id", "case_reference", "operation"],
            ),
        }
        data.update(self._social_access_export_sections(cases))
        return data

    def _social_access_export_sections(self, cases):
        """Hook: each addon adds the sections it holds on the patient ``self``."""
        return {}

    def _social_export_rows(self, records, names=None, exclude=()):
        """Readable values of ``records``: every stored field but the technical ones."""
        rows = []
        if names is None:
            names = [
                name
                for name, field in records._fields.items()
                if field.store
                and name not in SKIPPED_FIELDS
                and name not in exclude
                and field.type not in ("binary", "one2many", "many2many", "many2one_reference")
                and not name.startswith(("message_", "activity_"))
            ]
        for record in records:
            row = {}
            for name in names:
                field = record._fields[name]
                value = record[name]
                if field.type == "many2one":
                    value = value.display_name or None
                elif field.type == "selection":
                    value = (
                        dict(field._description_selection(self.env)).get(value) if value else None
                    )
                elif field.type == "html":
                    value = html2plaintext(value) if value else None
                elif value is False and field.type != "boolean":
                    value = None
                elif field.type in ("date", "datetime"):
                    value = str(value)
                row[field._description_string(self.env)] = value
            rows.append(row)
        return rows

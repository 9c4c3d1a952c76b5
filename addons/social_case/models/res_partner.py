import functools
import io
import json
import zipfile

from stdnum.be import nn
from stdnum.exceptions import ValidationError as StdnumError

from odoo import SUPERUSER_ID, Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL, create_index, html2plaintext
from odoo.tools.sql import table_exists

from ..const import CARE, MANAGER

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
    "social_niss",
    "social_patient_number",
    "social_birthdate",
)
# the identifiers of a patient: one contact per value and site
IDENTIFIER_FIELDS = ("social_niss", "social_patient_number")

# what says nothing about the patient: the machinery of the records
SKIPPED_FIELDS = {
    "id",
    "create_uid",
    "write_uid",
    "write_date",
    "display_name",
    "company_id",
    "message_main_attachment_id",
    # a link's key (a provider's portal link): a secret, not the patient's data
    "access_token",
}


class ResPartner(models.Model):
    _inherit = "res.partner"

    # known from the first referral on: the case opened by triage starts from it
    social_birthdate = fields.Date(string="Date of Birth", groups="social_case.group_social_care")
    # who the patient is for sure: read and written by the social service only
    social_niss = fields.Char(
        string="National Number (NISS/INSZ)",
        index="btree_not_null",
        copy=False,
        groups="social_case.group_social_worker",
        help="The Belgian national register or BIS number, 11 digits (YY.MM.DD-XXX.CC).",
    )
    social_patient_number = fields.Char(
        string="Hospital Patient Number",
        index="btree_not_null",
        copy=False,
        groups="social_case.group_social_worker",
        help="The patient's number in the hospital's information system.",
    )

    # the patient of a case or a referral: seen by who follows them only (SECURITY.md T22)
    social_is_patient = fields.Boolean(
        string="Patient of the Social Service",
        default=False,
        copy=False,
        readonly=True,
        index=True,
    )
    social_followed = fields.Boolean(
        string="Followed by Me",
        compute="_compute_social_followed",
        compute_sudo=True,  # the rules' search, see ``_compute_social_followed``
        search="_search_social_followed",
        groups="social_case.group_social_care",
    )

    social_case_ids = fields.One2many(
        "social.case", "patient_id", string="Social Cases", groups="social_case.group_social_worker"
    )
    social_case_count = fields.Integer(
        string="Number of Social Cases",
        compute="_compute_social_case_count",
        groups="social_case.group_social_worker",
    )

    def _compute_social_case_count(self):
        # the cases the user may read: record rules apply to the count too
        data = dict(
            self.env["social.case"]._read_group(
                [("patient_id", "in", self.ids)], ["patient_id"], ["__count"]
            )
        )
        for partner in self:
            partner.social_case_count = data.get(partner, 0)

    @api.model
    def _social_patient_models(self):
        """{model: group}: the models whose ``patient_id`` makes a contact a patient; the
        users of ``group`` who may read one of its records follow that patient."""
        return {"social.case": CARE, "social.referral": CARE}

    def _social_mark_patients(self):
        """``self`` became the patient of a record: seen from now on by who follows them.
        A flag only the system sets, on a contact the user may not write: ``self`` is the
        system's (``social.privacy.mixin._social_mark_patients``)."""
        self.filtered(lambda p: not p.social_is_patient).write({"social_is_patient": True})

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_social_followed(self):
        # only patients need the search: anyone else is followed by who follows everyone and
        # by themselves (see the search below), which the record rules of every read of a
        # user (through its contact) would otherwise search for; searched as the system, as
        # the search below applies the user's own rules to the cases and the referrals
        patients = self.filtered("social_is_patient")
        followed = patients and patients.search(
            [("id", "in", patients.ids), ("social_followed", "=", True)]
        )
        everyone = self._social_follows_everyone()
        own = self.env.user.partner_id
        for partner in self:
            if partner in patients:
                partner.social_followed = partner in followed
            else:
                partner.social_followed = everyone or partner == own

    @api.model
    def _social_follows_everyone(self):
        user = self.env.user
        return self.env.uid == SUPERUSER_ID or user.has_group(MANAGER) or user._is_system()

    def _search_social_followed(self, operator, value):
        """The patients the current user follows: those of the cases, referrals (and the
        records of ``_social_patient_models``) that the user may read. Record rules are
        evaluated as superuser: the records are searched here as the user, so that their
        own rules decide; the Manager follows everyone."""
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search who you follow with yes or no."))
        negative = (operator == "=") != value
        user = self.env.user
        if self._social_follows_everyone():
            return expression.FALSE_DOMAIN if negative else expression.TRUE_DOMAIN
        domains = [[("id", "=", user.partner_id.id)]]
        env = self.env(su=False)
        for model, group in self._social_patient_models().items():
            Model = env[model].with_context(active_test=False)
            if not user.has_group(group) or not Model.has_access("read"):
                continue
            query = Model._search([("patient_id", "!=", False)], order="id")
            column = SQL.identifier(query.table, "patient_id")
            domains.append([("id", "in", query.subselect(column))])
        domain = expression.OR(domains)
        return ["!", *domain] if negative else domain

    def _check_access(self, operation):
        # the rules of the contacts, patients' included, evaluated by PostgreSQL: Odoo
        # evaluates them in Python on the records in memory, where whom the user follows
        # (``social_followed``) may have been computed before a case or a referral made them
        # follow the patient in the same request
        if self.env.su or not self._ids or not all(isinstance(i, int) for i in self._ids):
            return super()._check_access(operation)
        if result := super(ResPartner, self.browse())._check_access(operation):
            return self, result[1]
        Rule = self.env["ir.rule"]
        if forbidden := Rule._social_forbidden(self, operation):
            return forbidden, functools.partial(Rule._make_access_error, operation, forbidden)
        return None

    def _apply_ir_rules(self, query, mode="read"):
        # the rules' SQL, parsed once and not per request (``ir.rule._social_rules_sql``)
        if self.env.su or self.env["ir.rule"]._social_apply(self, query, mode):
            return None
        return super()._apply_ir_rules(query, mode)

    def _social_set_identifiers(self, vals):
        """Write the identifiers ``vals`` (national number, patient number, date of birth)
        on the contacts ``self``, as the system, once the caller may write each of them: a
        contact they follow or a new one of theirs, never a patient of someone else."""
        # the identifiers are the social service's: written as the system once checked below
        partners = self.sudo().with_context(active_test=False)
        if not self.env.su:
            rules = self.env["ir.rule"]._compute_domain(self._name, "write") or []
            allowed = partners.search(expression.AND([[("id", "in", partners.ids)], rules]))
            now = self.env.cr.now()
            new = partners.filtered(
                lambda p: p.create_uid.id == self.env.uid and p.create_date == now
            )
            if partners - allowed - new:
                raise AccessError(
                    self.env._(
                        "You cannot change the identifiers of a person you do not follow: "
                        "ask the coordinator."
                    )
                )
        return partners.write(vals)

    def action_view_social_cases(self):
        """The patient's cases, earlier ones included: the story is told once."""
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id("social_case.social_case_action")
        action["domain"] = [("patient_id", "=", self.id)]
        action["context"] = {}
        return action

    # -- identifiers ----------------------------------------------------------------
    @api.model
    def _social_clean_identifiers(self, vals):
        """The national number kept as YY.MM.DD-XXX.CC, the patient number without spaces."""
        for name in IDENTIFIER_FIELDS:
            value = vals.get(name)
            if value and (not isinstance(value, str) or "\x00" in value or len(value) > 64):
                raise ValidationError(
                    self.env._(
                        "%(field)s is not valid: type it as plain text of at most 64 characters.",
                        field=self._fields[name]._description_string(self.env),
                    )
                )
        # a number that is not one is left as typed: _check_social_niss refuses it clearly
        if vals.get("social_niss") and nn.is_valid(vals["social_niss"]):
            vals["social_niss"] = nn.format(vals["social_niss"])
        if vals.get("social_patient_number"):
            vals["social_patient_number"] = vals["social_patient_number"].strip()
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._social_clean_identifiers(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._social_clean_identifiers(vals)
        return super().write(vals)

    @api.constrains("social_niss")
    def _check_social_niss(self):
        # written only by who may read it (a social worker, or the system)
        for partner in self:
            if not partner.social_niss:
                continue
            try:
                nn.validate(partner.social_niss)
            except StdnumError as error:
                raise ValidationError(
                    self.env._(
                        "%(number)s is not a valid Belgian national number (NISS/INSZ): "
                        "check its 11 digits.",
                        number=partner.social_niss,
                    )
                ) from error

    @api.constrains("social_niss", "social_patient_number", "company_id")
    def _check_social_identifiers_unique(self):
        """The invariant "one contact per national number in the group, one per patient
        number in a site".

        Two contacts clash when they carry the same national number, or the same patient
        number in the same site (or one of them is shared by every site). Checked as
        superuser across the group (the other contact may be out of the user's reach); the
        message tells nothing of the other contact: not its name, site, case or number.
        """
        # the other contact may be out of the user's reach: the invariant holds group-wide
        partners = self.sudo().with_context(active_test=False)
        for name in IDENTIFIER_FIELDS:
            for partner in partners.filtered(name):
                domain = [("id", "!=", partner.id), (name, "=", partner[name])]
                if name == "social_patient_number" and partner.company_id:
                    domain.append(("company_id", "in", [partner.company_id.id, False]))
                if partners.search_count(domain, limit=1):
                    raise ValidationError(
                        self.env._(
                            "A person with this number is already known to the service; "
                            "ask the coordinator."
                        )
                    )

    def _social_likely_duplicates(self, birthdate=False, company=None):
        """Other contacts who are probably the person ``self``: the same name, and no other
        date of birth (the same one, when ``birthdate`` or the contact's own is known). The
        one rule of a likely duplicate: the referral's warning and the triage use it."""
        self.ensure_one()
        if not self.name:
            return self.browse()
        # found across the group, as the system: counted for a warning that names no one;
        # handed back in the user's environment, who they are is for who may read them
        # (``_social_readable_duplicates``)
        Partner = self.sudo()
        birthdate = birthdate or Partner.social_birthdate
        domain = [
            ("id", "!=", self.id),
            ("name", "=ilike", self.name),
            ("is_company", "=", False),
        ]
        if company:
            domain.append(("company_id", "in", [company.id, False]))
        if birthdate:
            domain += [
                "|",
                ("social_birthdate", "=", False),
                ("social_birthdate", "=", birthdate),
            ]
        return Partner.search(domain, order="id").with_env(self.env)

    def _social_readable_duplicates(self, birthdate=False, company=None):
        """The likely duplicates of ``self`` that the user may read, to be shown."""
        return self._social_likely_duplicates(birthdate, company)._filtered_access("read")

    def init(self):
        # the patients of the records made before the flag existed
        for model in self._social_patient_models():
            table = self.env[model]._table
            if not table_exists(self.env.cr, table):
                continue  # a new install: its records mark their patients
            self.env.cr.execute(
                SQL(
                    "UPDATE res_partner SET social_is_patient = TRUE WHERE id IN "
                    "(SELECT patient_id FROM %s) AND social_is_patient IS NOT TRUE",
                    SQL.identifier(table),
                )
            )
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
        # called by the anonymisation, as the system (``social.case._anonymise``, whose
        # ``self`` is sudo): every trace goes
        Mail = self.env["mail.mail"]
        for partner in self:
            # the documents made for the person (their right of access) and the e-mails
            # addressed to them: their content and their address go with their identity
            attachments = self.env["ir.attachment"].search(
                [("res_model", "=", self._name), ("res_id", "=", partner.id)]
            )
            domain = [("recipient_ids", "in", partner.ids)]
            if partner.email:
                domain = ["|", ("email_to", "ilike", partner.email), *domain]
            addressed = Mail.search(domain)
            addressed.write({"email_to": False, "recipient_ids": [Command.clear()]})
            (
                addressed | Mail.search([("attachment_ids", "in", attachments.ids)])
            )._social_anonymise_mail()
            attachments.unlink()
            # Odoo refuses to archive a person with an active user; the context of the
            # anonymisation (archived records too) would count the archived users as well
            partner.with_context(active_test=True).write(partner._social_anonymise_partner_values())
            partner._track_discard()  # the old name and address must not survive as tracking
            messages = self.env["mail.message"].search(
                [("model", "=", "res.partner"), ("res_id", "=", partner.id)]
            )
            messages.tracking_value_ids.unlink()
            messages.write({"body": ""})

    def action_social_access_export(self):
        """Right of access (GDPR art. 15): one ZIP with a readable PDF and a JSON file of
        everything the social service holds on the patient, for the Manager only. The file
        is made for one person: it is built when the Manager downloads it and stored
        nowhere (see ``controllers/main.py``); the access log keeps who exported whom."""
        if len(self) != 1:
            raise UserError(self.env._("Export the file of one person at a time."))
        self._social_check_access_export()
        return {
            "type": "ir.actions.act_url",
            "url": f"/social_case/access_export/{self.id}",
            "target": "self",
        }

    def _social_check_access_export(self):
        if not self.env.user.has_group(MANAGER):
            raise AccessError(
                self.env._("Only the head of the social service exports a patient's file.")
            )
        self.check_access("read")

    def _social_access_export_zip(self):
        """(file name, content) of the right-of-access ZIP of ``self``, built in memory.
        The export reads every case, restricted ones included, and is logged."""
        self.ensure_one()
        self._social_check_access_export()
        # the Manager, checked above, exports every case, restricted ones included
        patient = self.sudo().with_context(active_test=False)
        export = patient._social_access_export_data()
        report = patient.env.ref("social_case.action_report_access_export")
        # the PDF reads the same file again and writes the export of each case to the log
        content, extension = report._render_qweb_pdf(report.report_name, patient.ids)
        if not export["cases"]:
            # a person without a case (a consent, a referral): the export is logged all the same
            self.env["social.case.access.log"]._log_lines(
                [
                    {
                        "patient_id": self.id,
                        "res_model": self._name,
                        "res_id": self.id,
                        "operation": "export",
                        "company_id": self.env.company.id,
                    }
                ]
            )
        stamp = fields.Date.to_string(fields.Date.context_today(self))
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(f"access-{stamp}.{extension}", content)
            archive.writestr(
                f"access-{stamp}.json",
                json.dumps(export, indent=2, ensure_ascii=False, default=str),
            )
        return f"access-{stamp}.zip", buffer.getvalue()

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
        plans = self.env["social.case.plan"].search([("case_id", "in", cases.ids)])
        data = {
            "patient": self._social_export_rows(
                self,
                [
                    "name",
                    "email",
                    "phone",
                    "street",
                    "zip",
                    "city",
                    "social_birthdate",
                    "social_niss",
                    "social_patient_number",
                ],
            ),
            "cases": self._social_export_rows(cases),
            "episodes": self._social_export_rows(cases.episode_ids),
            "needs": self._social_export_rows(cases.need_ids),
            "people_around": self._social_export_rows(cases.contact_ids),
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
            "plans": self._social_export_rows(plans),
            "plan_goals": self._social_export_rows(plans.goal_ids),
            "plan_actions": self._social_export_rows(plans.plan_action_ids),
            "flags": self._social_export_rows(cases.with_context(active_test=False).flag_ids),
            "referents": self._social_export_rows(
                self.env["social.case.referent"].search([("case_id", "in", cases.ids)])
            ),
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

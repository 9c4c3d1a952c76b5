from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.osv import expression
from odoo.tools import SQL, OrderedSet

# the reads of the current transaction, in ``cr.precommit.data``, written when it commits
READS_KEY = "social_case.access_log.reads"

OPERATIONS = [
    ("open", "Opened"),
    ("read", "Read"),
    ("export", "Exported"),
    ("emergency", "Emergency access"),
    ("cover", "Read under cover"),
    ("anonymised", "Anonymised"),
]


class SocialCaseAccessLog(models.Model):
    """Who opened or exported which case file, and when: evidence, never patient data."""

    _name = "social.case.access.log"
    _description = "Case Access Log"
    _order = "date desc, id desc"
    _log_access = False

    date = fields.Datetime(required=True, readonly=True, index=True, default=fields.Datetime.now)
    user_id = fields.Many2one(
        "res.users", required=True, readonly=True, index=True, ondelete="restrict"
    )
    case_id = fields.Many2one("social.case", readonly=True, index=True, ondelete="set null")
    case_reference = fields.Char(
        readonly=True, help="Reference of the case, kept if the case is ever deleted."
    )
    patient_id = fields.Many2one("res.partner", readonly=True, index=True, ondelete="set null")
    res_model = fields.Char(string="Record Type", readonly=True)
    res_id = fields.Integer(string="Record", readonly=True)
    # named as the system: the log is the Manager's, and naming a record must not itself
    # be logged as a read of the file (the superuser's reads are not)
    record_type = fields.Char(
        string="What Was Read",
        compute="_compute_record_type",
        compute_sudo=True,
        help="The record of the case file that was opened, read or exported: its kind and "
        "its name.",
    )
    operation = fields.Selection(OPERATIONS, required=True, readonly=True, index=True)
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True, ondelete="restrict"
    )

    @api.depends("res_model", "res_id")
    @api.depends_context("lang")
    def _compute_record_type(self):
        IrModel = self.env["ir.model"]
        kinds = {name: IrModel._get(name).name for name in set(self.mapped("res_model")) if name}
        # the record is named as its many2one would name it: a name that says which record
        # it is, never its content (a restricted case's reference only to who may read it)
        ids_by_model = {}
        for line in self:
            if line.res_model in self.env and line.res_id:
                ids_by_model.setdefault(line.res_model, set()).add(line.res_id)
        names = {}
        for model, ids in ids_by_model.items():
            for record in self.env[model].browse(ids).exists():
                names[model, record.id] = record.display_name
        for line in self:
            kind = kinds.get(line.res_model, line.res_model or "")
            name = names.get((line.res_model, line.res_id))
            line.record_type = (
                self.env._("%(kind)s: %(name)s", kind=kind, name=name) if name else kind
            )

    @api.model
    def _log(self, cases, operation, system=False):
        """Record ``operation`` on ``cases`` by the current user (superuser reads are not
        logged: they are the server's own work, unless ``system`` says it must be)."""
        if (self.env.su and not system) or not cases:
            return self.browse()
        return self._log_lines([{"case_id": case.id, "operation": operation} for case in cases])

    @api.model
    def _log_lines(self, vals_list):
        """Write the lines ``vals_list`` of the current user (``user_id``): the one place the
        evidence is written, as the system (no user may write it). A line about a case gets
        the case's reference, patient and site, even where the user may not read them."""
        log = self.sudo()
        case_ids = [vals["case_id"] for vals in vals_list if vals.get("case_id")]
        lines = []
        for vals in vals_list:
            case = log.env["social.case"].browse(vals.get("case_id")).with_prefetch(case_ids)
            if case:
                vals = {
                    "case_reference": case.name,
                    "patient_id": case.patient_id.id,
                    "res_model": case._name,
                    "res_id": case.id,
                    "company_id": case.company_id.id,
                    **vals,
                }
            lines.append({"user_id": self.env.uid, **vals})
        return log.create(lines)

    @api.model
    def _log_reads(self, records, operation="read", system=False):
        """Record that the current user read (or opened, or exported) ``records`` of the
        case file (superuser reads are not logged, unless ``system`` says it must be).
        Nothing is written now: the reads of a request are written together, in one
        INSERT, when its transaction commits (``_flush_reads``)."""
        ids = [id_ for id_ in records._ids if isinstance(id_, int)]
        if (self.env.su and not system) or not ids:
            return
        data = self.env.cr.precommit.data
        reads = data.get(READS_KEY)
        if reads is None:
            reads = data[READS_KEY] = {}
            self.env.cr.precommit.add(self._flush_reads)
        key = (self.env.uid, self.env.company.id, records._name, operation)
        reads.setdefault(key, OrderedSet()).update(ids)

    @api.model
    def _log_file_export(self, patients):
        """Record that the current user exported the whole file of ``patients`` (the right
        of access): their cases and every record of the privacy layer of those cases or
        about them, with the other reads of the request."""
        from .social_privacy_mixin import privacy_models

        # the evidence is the system's: every record of the file, restricted ones included
        # (called as the system by the report of the right of access, once it checked the
        # Manager: ``report.social_case.report_access_export``)
        env = self.with_context(active_test=False).env
        cases = env["social.case"].search([("patient_id", "in", patients.ids)])
        for name in privacy_models(env):
            Model = env[name]
            if not Model._social_log_reads:
                continue
            if name == cases._name:
                self._log_reads(cases, "export", system=True)
                continue
            domains = [
                [(field_name, "in", ids)]
                for field_name, comodel, ids in (
                    ("case_id", cases._name, cases.ids),
                    ("patient_id", patients._name, patients.ids),
                )
                if field_name in Model._fields
                and Model._fields[field_name].store
                and Model._fields[field_name].comodel_name == comodel
            ]
            if domains:
                self._log_reads(Model.search(expression.OR(domains)), "export", system=True)

    def _flush_reads(self):
        reads = self.env.cr.precommit.data.pop(READS_KEY, None)
        if not reads:
            return
        opened = {}
        for (uid, _company, model, operation), ids in reads.items():
            if operation == "open":
                opened.setdefault((uid, model), set()).update(ids)
        now = self.env.cr.now()
        selects = []
        for (uid, company_id, model, operation), ids in reads.items():
            if operation == "read":
                # a record opened in the same request is logged once, as opened
                ids = [id_ for id_ in ids if id_ not in opened.get((uid, model), ())]
            if ids:
                selects.append(
                    self._read_lines_query(self.env[model], ids, uid, company_id, operation, now)
                )
        if selects:
            self.env.cr.execute(
                SQL(
                    """INSERT INTO social_case_access_log (user_id, date, case_id,
                           case_reference, patient_id, res_model, res_id, operation, company_id)
                       %s""",
                    SQL(" UNION ALL ").join(selects),
                )
            )

    @api.model
    def _read_lines_query(self, Model, ids, uid, company_id, operation, now):
        """The rows of the access log for ``ids`` of ``Model``: the case and the patient
        come from the record or its case; a record of no case and no patient is not
        part of anyone's file and gets no line."""

        def column(name, comodel):
            field = Model._fields.get(name)
            return bool(field and field.store and field.comodel_name == comodel)

        if Model._name == "social.case":
            case = SQL("t.id")
        elif column("case_id", "social.case"):
            case = SQL("t.case_id")
        else:
            case = SQL("NULL::integer")
        if Model._name != "social.case" and column("patient_id", "res.partner"):
            patient = SQL("COALESCE(t.patient_id, c.patient_id)")
        else:
            patient = SQL("c.patient_id")
        if column("company_id", "res.company"):
            company = SQL("COALESCE(t.company_id, c.company_id, %s)", company_id)
        else:
            company = SQL("COALESCE(c.company_id, %s)", company_id)
        if operation in ("read", "open"):
            # a colleague covering the referent's absence reads the case as "cover"
            today = self.env["social.absence"].with_user(uid)._today()
            operation = SQL(
                """CASE WHEN c.confidentiality = 'normal' AND c.user_id != %(uid)s
                         AND NOT EXISTS (SELECT 1 FROM social_case_coworker_rel w
                                          WHERE w.case_id = c.id AND w.user_id = %(uid)s)
                         AND EXISTS (SELECT 1 FROM social_absence a
                                      WHERE a.active AND a.user_id = c.user_id
                                        AND a.cover_user_id = %(uid)s
                                        AND a.company_id = c.company_id
                                        AND a.date_from <= %(today)s AND a.date_to >= %(today)s)
                        THEN 'cover' ELSE %(operation)s END""",
                uid=uid,
                today=today,
                operation=operation,
            )
        return SQL(
            """SELECT %(uid)s, %(now)s, c.id, c.name, %(patient)s, %(model)s, t.id,
                      %(operation)s, %(company)s
                 FROM %(table)s t
            LEFT JOIN social_case c ON c.id = %(case)s
                WHERE t.id IN %(ids)s AND %(patient)s IS NOT NULL""",
            uid=uid,
            now=now,
            patient=patient,
            model=Model._name,
            operation=operation,
            company=company,
            table=SQL.identifier(Model._table),
            case=case,
            ids=tuple(ids),
        )

    def write(self, vals):
        if not self.env.su:
            raise AccessError(self.env._("The access log is evidence: it cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_evidence(self):
        if not self.env.su:
            raise AccessError(self.env._("The access log is evidence: it cannot be deleted."))

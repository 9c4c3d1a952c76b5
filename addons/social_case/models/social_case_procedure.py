from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from .social_privacy_mixin import social_action
from .social_procedure import OPEN_STATES


def _installed_languages(self):
    return self.env["res.lang"].get_installed()


CLAIMED_STATES = ("to_do", "submitted", "awaiting_answer", "granted", "appealed")
# the situation fields eligibility rules usually look at: changing them refreshes the screening
SCREENED_FIELDS = (
    "income_source",
    "residence_status",
    "household_type",
    "dependants_count",
    "has_increased_reimbursement",
    "autonomy",
    "legal_protection",
    "insurer_id",
    "housing",
    "language_id",
    "patient_birthdate",
)


class SocialCase(models.Model):
    _inherit = "social.case"

    patient_birthdate = fields.Date(string="Patient's Date of Birth")
    patient_age = fields.Integer(
        string="Patient's Age",
        compute="_compute_patient_age",
        search="_search_patient_age",
        help="Age in full years today, from the date of birth.",
    )
    procedure_ids = fields.One2many("social.procedure", "case_id", string="Procedures")
    procedure_count = fields.Integer(compute="_compute_procedure_count")
    suggested_right_ids = fields.Many2many(
        "social.right",
        string="Rights to Check",
        compute="_compute_suggested_right_ids",
        # screened as the system: the procedures claiming a right and the rules' search
        # over the case's fields, whoever reads the case
        compute_sudo=True,
        help="Rights the patient is probably entitled to and that no open or granted "
        "procedure of this case claims yet.",
    )
    rights_sheet_lang = fields.Selection(
        _installed_languages,
        string="Language of the Rights Sheet",
        compute="_compute_rights_sheet_lang",
        store=True,
        readonly=False,
        help="The sheet of rights is printed for the patient in this language: by default "
        "the patient's own language when the sheet exists in it (French, Dutch, English).",
    )

    @api.depends("patient_birthdate")
    def _compute_patient_age(self):
        today = fields.Date.context_today(self)
        for case in self:
            birthdate = case.patient_birthdate
            case.patient_age = relativedelta(today, birthdate).years if birthdate else 0

    def _search_patient_age(self, operator, value):
        if value is False or value is None:
            return [("patient_birthdate", "=" if operator == "=" else "!=", False)]
        today = fields.Date.context_today(self)
        age = int(value)

        def born_before(years):  # birthdate on or before this date => age >= years
            return today - relativedelta(years=years)

        if operator == ">=":
            return [("patient_birthdate", "<=", born_before(age))]
        if operator == ">":
            return [("patient_birthdate", "<=", born_before(age + 1))]
        if operator == "<":
            return [("patient_birthdate", ">", born_before(age))]
        if operator == "<=":
            return [("patient_birthdate", ">", born_before(age + 1))]
        if operator == "=":
            return [
                ("patient_birthdate", "<=", born_before(age)),
                ("patient_birthdate", ">", born_before(age + 1)),
            ]
        if operator == "!=":
            return [
                "|",
                ("patient_birthdate", "=", False),
                "|",
                ("patient_birthdate", ">", born_before(age)),
                ("patient_birthdate", "<=", born_before(age + 1)),
            ]
        raise NotImplementedError(operator)

    @api.depends("procedure_ids")
    def _compute_procedure_count(self):
        counts = dict(
            self.env["social.procedure"]._read_group(
                [("case_id", "in", self.ids)], ["case_id"], ["__count"]
            )
        )
        for case in self:
            case.procedure_count = counts.get(case, 0)

    @api.depends(*SCREENED_FIELDS, "procedure_ids.state", "procedure_ids.right_id")
    def _compute_suggested_right_ids(self):
        """One search per right over all the cases of ``self``, one grouped read of the
        procedures that already claim a right: the cost does not grow with the cases.

        Called directly on a batch (a scheduled job, a script), the assignments below would
        each be a ``write`` of one case, which screens that case again: the field is
        protected while it is computed, as the ORM does when it computes the field itself."""
        field = self._fields["suggested_right_ids"]
        with self.env.protecting([field], self):
            self._screen_rights()

    def _screen_rights(self):
        saved = self.filtered("id")
        rights = self.env["social.right"].search([])
        claimed = {
            (case.id, right.id)
            for case, right in self.env["social.procedure"]._read_group(
                [
                    ("case_id", "in", saved.ids),
                    ("right_id", "!=", False),
                    ("state", "in", CLAIMED_STATES),
                ],
                ["case_id", "right_id"],
            )
        }
        suggested = {case_id: [] for case_id in saved.ids}
        if saved:
            for right in rights:
                for case_id in right._matching_case_ids(saved):
                    if (case_id, right.id) not in claimed:
                        suggested[case_id].append(right.id)
        Right = self.env["social.right"]
        for case in self:
            if not case.id:  # a record being edited: screen its values in memory
                case.suggested_right_ids = self._screen_unsaved(case, rights)
                continue
            case.suggested_right_ids = Right.browse(suggested[case.id])

    @api.model
    def _screen_unsaved(self, case, rights):
        suggested = self.env["social.right"]
        claimed = case.procedure_ids.filtered(lambda p: p.state in CLAIMED_STATES).right_id
        for right in rights - claimed:
            try:
                if case.filtered_domain(right._get_eligibility_domain()):
                    suggested |= right
            except (ValueError, TypeError, KeyError, NotImplementedError):
                continue
        return suggested

    @social_action("read")
    def action_view_procedures(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "social_case.social_procedure_action"
        )
        action["domain"] = [("case_id", "=", self.id)]
        action["context"] = {"default_case_id": self.id}
        return action

    # -- the rights sheet for the patient (report/social_rights_sheet_report.xml) --------
    @api.depends("language_id", "patient_id")
    def _compute_rights_sheet_lang(self):
        installed = [code for code, _name in self.env["res.lang"].get_installed()]
        for case in self:
            prefix = (case.language_id.code or "").lower()
            spoken = next((code for code in installed if code.split("_")[0] == prefix), False)
            patient = case.patient_id.lang if case.patient_id.lang in installed else False
            case.rights_sheet_lang = (
                spoken
                or patient
                or case.rights_sheet_lang
                or (self.env.lang if self.env.lang in installed else installed[0])
            )

    def _rights_sheet_procedures(self):
        """The procedures under way, shown to the patient with why each is needed."""
        self.ensure_one()
        return self.procedure_ids.filtered(lambda p: p.state in OPEN_STATES)

    @social_action("read")
    def action_print_rights_sheet(self):
        """The plain-language sheet of the patient's rights and procedures, in their language."""
        self.check_access("read")
        return self.env.ref("social_case.action_report_rights_sheet").report_action(self)

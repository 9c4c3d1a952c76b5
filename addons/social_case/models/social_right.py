from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools.safe_eval import datetime, dateutil, safe_eval, time


class SocialRight(models.Model):
    """A right or aid a patient may be entitled to, with the rule that screens for it."""

    _name = "social.right"
    _description = "Social Right"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True, help="What the right is and its main conditions.")
    granting_body = fields.Char(translate=True, help="Who grants the right.")
    documents = fields.Text(string="Documents Needed", translate=True)
    procedure_type_id = fields.Many2one(
        "social.procedure.type",
        string="Procedure to Claim It",
        required=True,
        ondelete="restrict",
    )
    eligibility_domain = fields.Char(
        string="Eligibility Rule",
        required=True,
        default="[]",
        help="Cases matching this rule are probably entitled to the right.",
    )
    url = fields.Char(string="Official Source", help="Web page of the granting body.")

    # -- the rule ------------------------------------------------------------------
    def _eval_context(self):
        return {
            "uid": self.env.uid,
            "user": self.env.user,
            "context_today": lambda: fields.Date.context_today(self),
            "datetime": datetime,
            "dateutil": dateutil,
            "relativedelta": relativedelta,
            "time": time,
        }

    def _get_eligibility_domain(self):
        self.ensure_one()
        domain = safe_eval(self.eligibility_domain or "[]", self._eval_context())
        if not isinstance(domain, list | tuple):
            raise TypeError(domain)
        return list(domain)

    @api.constrains("eligibility_domain")
    def _check_eligibility_domain(self):
        # the rule is tried on the cases by who writes it: a Manager (the access rights)
        Case = self.env["social.case"]
        for right in self:
            try:
                domain = right._get_eligibility_domain()
                with self.env.cr.savepoint():
                    Case.search_count(expression.AND([domain, [("id", "=", 0)]]))
            except Exception as error:
                raise ValidationError(
                    self.env._(
                        "The eligibility rule of %(right)s is not a valid rule on cases: %(error)s",
                        right=right.name,
                        error=error,
                    )
                ) from error

    def _matching_case_ids(self, cases):
        """Ids of ``cases`` matching the rule: one query, whatever the number of cases.
        Called by the screening of the cases' rights, as the system (``compute_sudo``)."""
        self.ensure_one()
        domain = self._get_eligibility_domain()
        return set(
            self.env["social.case"]
            .with_context(active_test=False)
            ._search(expression.AND([[("id", "in", cases.ids)], domain]))
        )

    # -- claiming --------------------------------------------------------------------
    def action_start_procedure(self):
        """Start, on the case given in the context, the procedure that claims this right."""
        self.ensure_one()
        case = self.env["social.case"].browse(self.env.context.get("social_case_id"))
        if not case.exists():
            raise UserError(self.env._("Open a case to start a procedure."))
        try:
            case.check_access("write")
        except AccessError as error:
            raise UserError(
                self.env._("You cannot start a procedure on case %(case)s.", case=case.name)
            ) from error
        procedure = self.env["social.procedure"].create(
            {
                "case_id": case.id,
                "type_id": self.procedure_type_id.id,
                "right_id": self.id,
                "user_id": case.user_id.id or self.env.uid,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "social.procedure",
            "res_id": procedure.id,
            "views": [(False, "form")],
            "target": "current",
        }

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class SocialCaseTransfer(models.TransientModel):
    """A coordinator hands part or all of a worker's caseload to another worker, with a
    reason, in one action: the cases change referent in one write and each keeps the history
    of its referents (``social.case.referent``)."""

    _name = "social.case.transfer"
    _description = "Caseload Transfer"

    from_user_id = fields.Many2one(
        "res.users",
        string="Current Referent",
        required=True,
        domain=lambda self: [
            ("groups_id", "in", self.env.ref("social_case.group_social_worker").ids)
        ],
    )
    scope = fields.Selection(
        [("all", "All their open cases"), ("some", "Some of their cases")],
        required=True,
        default="all",
    )
    case_ids = fields.Many2many(
        "social.case",
        string="Cases",
        domain="[('user_id', '=', from_user_id), ('is_closed', '=', False)]",
    )
    to_user_id = fields.Many2one(
        "res.users",
        string="New Referent",
        required=True,
        domain="[('id', 'in', eligible_user_ids)]",
        help="A social worker of the cases' teams, at their site.",
    )
    eligible_user_ids = fields.Many2many(
        "res.users", compute="_compute_eligible_user_ids", string="Eligible Workers"
    )
    reason = fields.Text(required=True, help="Why the cases change hands; kept on each case.")
    open_case_count = fields.Integer(
        string="Open Cases", compute="_compute_open_case_count", help="Restricted ones included."
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        active_ids = self.env.context.get("active_ids")
        if self.env.context.get("active_model") == "social.case" and active_ids:
            cases = self.env["social.case"].browse(active_ids)
            values["case_ids"] = [(6, 0, cases.ids)]
            values["scope"] = "some"
            if len(cases.user_id) == 1:
                values["from_user_id"] = cases.user_id.id
        return values

    def _check_coordinator(self):
        if not self.env.user.has_group("social_case.group_social_coordinator"):
            raise AccessError(self.env._("Only coordinators transfer caseloads."))

    def _get_cases(self):
        """The cases to move: those chosen, or every open case of the worker at the
        coordinator's sites, restricted ones included (moved without being read). In the
        system's environment: ``action_transfer`` checks the chosen ones as the coordinator."""
        self.ensure_one()
        # found, matched to their team and moved as the system: restricted ones unread
        cases = self.case_ids.sudo()
        if self.scope == "some" or not self.from_user_id:
            return cases
        return cases.search(
            [
                ("user_id", "=", self.from_user_id.id),
                ("is_closed", "=", False),
                ("company_id", "in", self.env.user.company_ids.ids),
            ]
        )

    @api.depends("from_user_id", "scope", "case_ids")
    def _compute_eligible_user_ids(self):
        for wizard in self:
            wizard.eligible_user_ids = wizard._eligible_for(wizard._get_cases())

    @api.depends("from_user_id", "scope", "case_ids")
    def _compute_open_case_count(self):
        for wizard in self:
            wizard.open_case_count = len(wizard._get_cases()) if wizard.from_user_id else 0

    def _eligible_for(self, cases):
        """The workers who may follow every case of ``cases``: a social worker of the case's
        team at its site, or of one of its site's teams for a case of no team (as triage).
        ``cases`` come in the system's environment (``_get_cases``), and so do their teams."""
        Team = cases.env["social.team"]
        users = None
        referents = {}
        for team, company in {(case.team_id, case.company_id) for case in cases}:
            key = (team.id, company.id)
            if key not in referents:
                teams = team or Team.search([("company_id", "=", company.id)])
                referents[key] = teams._get_referents()
            users = referents[key] if users is None else users & referents[key]
        return (users or self.env["res.users"]) - self.from_user_id

    def action_transfer(self):
        self.ensure_one()
        self._check_coordinator()
        if len((self.reason or "").strip()) < 5:
            raise UserError(self.env._("Say in a few words why the cases change hands."))
        if self.to_user_id == self.from_user_id:
            raise UserError(self.env._("Choose another worker to hand the cases to."))
        cases = self._get_cases()
        if self.scope == "some":
            # the chosen cases: readable and writable by the coordinator, of that worker, open
            cases.with_env(self.env).check_access("write")
            if not cases:
                raise UserError(self.env._("Choose the cases to hand over."))
            if any(case.user_id != self.from_user_id or case.is_closed for case in cases):
                raise UserError(
                    self.env._(
                        "Only open cases that %(user)s follows can be handed over.",
                        user=self.from_user_id.name,
                    )
                )
        elif not cases:
            raise UserError(
                self.env._("%(user)s follows no open case.", user=self.from_user_id.name)
            )
        if self.to_user_id not in self._eligible_for(cases):
            raise UserError(
                self.env._(
                    "%(user)s cannot follow these cases: choose a social worker of their "
                    "team, at their site.",
                    user=self.to_user_id.name,
                )
            )
        # one write for every case; the history of each case's referents keeps the reason;
        # the new referent finds them in their caseload, not in one e-mail per case
        cases.with_context(
            social_referent_reason=self.reason.strip(), mail_auto_subscribe_no_notify=True
        ).write({"user_id": self.to_user_id.id})
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(count)s cases handed over from %(previous)s to %(new)s.",
                    count=len(cases),
                    previous=self.from_user_id.name,
                    new=self.to_user_id.name,
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

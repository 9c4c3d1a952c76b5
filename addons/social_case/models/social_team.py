from odoo import api, fields, models


class SocialTeam(models.Model):
    _name = "social.team"
    _description = "Social Work Team"
    _inherit = ["mail.thread"]
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    leader_id = fields.Many2one("res.users", string="Team Leader", check_company=True)
    member_ids = fields.Many2many(
        "res.users",
        "social_team_member_rel",
        "team_id",
        "user_id",
        string="Social Workers",
        check_company=True,
        domain=lambda self: [
            ("groups_id", "in", self.env.ref("social_case.group_social_worker").id)
        ],
    )
    territory_ids = fields.Many2many("social.territory", help="Postal codes this team covers.")
    share_cases = fields.Boolean(
        string="Members See the Team's Cases",
        default=True,
        help="When set, every member works on the team's non-restricted cases; "
        "otherwise each worker sees only the cases they follow.",
    )
    caseload_ceiling = fields.Integer(
        string="Caseload Ceiling per Worker",
        default=60,
        help="Number of open cases per worker above which a warning is shown.",
    )
    plan_review_months = fields.Integer(
        string="Plan Review Interval (Months)",
        default=3,
        help="A case plan is reviewed with the patient this many months after it is made.",
    )

    quiet_days = fields.Integer(
        string="Quiet After (Days)",
        default=30,
        help="An open case with no contact for this many days is quiet: its referent is "
        "reminded, and the team leader after twice as many days (Settings > Technical > "
        "Automation Rules).",
    )

    _sql_constraints = [
        (
            "quiet_days_positive",
            "CHECK(quiet_days > 0)",
            "A case goes quiet after at least one day without contact.",
        ),
        (
            "plan_review_months_positive",
            "CHECK(plan_review_months > 0)",
            "A plan is reviewed at least a month after it is made.",
        ),
        (
            "caseload_ceiling_positive",
            "CHECK(caseload_ceiling >= 0)",
            "The caseload ceiling cannot be negative.",
        ),
    ]

    @api.model
    def _find_for_zip(self, zip_code, company=None):
        """The team covering a postal code in a company, or an empty recordset."""
        if not zip_code:
            return self.browse()
        company = company or self.env.company
        return self.search(
            [("territory_ids.zip", "=", zip_code.strip()), ("company_id", "=", company.id)],
            limit=1,
        )

    def _get_referents(self):
        """The users who may follow a new case of these teams: their active social workers
        who work at the team's site. Neither a member without the social worker's role nor
        a user of another site is offered as a referent."""
        worker_group = self.env.ref("social_case.group_social_worker")
        referents = self.env["res.users"]
        for team in self:
            referents |= team.member_ids.filtered(
                lambda u, team=team: (
                    u.active and worker_group in u.groups_id and team.company_id in u.company_ids
                )
            )
        return referents

    def _propose_referent(self, language=None):
        """The member of the team to follow a new patient (one query for the caseloads)."""
        return self._propose_referent_with_reason(language)[0]

    def _propose_referent_with_reason(self, language=None):
        """(user, why): the rule of the proposal, in one place. Among the team's social
        workers, those who speak the patient's ``language`` come first; among them, the one
        with the fewest open cases. ``why`` says it in words for the coordinator."""
        Users = self.env["res.users"]
        if not self:
            return Users, False
        self.ensure_one()
        members = self._get_referents()
        if not members:
            return Users, self.env._("Team %(team)s has no social worker.", team=self.name)
        caseload = self.env["social.case"]._get_open_caseload(members)
        speakers = (
            members.filtered(lambda u: language in u.social_language_ids) if language else Users
        )
        pool = speakers or members
        user = min(pool, key=lambda u: (caseload.get(u.id, 0), u.name or "", u.id))
        count = caseload.get(user.id, 0)
        if speakers:
            why = self.env._(
                "%(user)s speaks %(language)s, the patient's language, and has the fewest open "
                "cases (%(count)s) of the members of %(team)s who speak it (%(speakers)s).",
                user=user.name,
                language=language.name,
                count=count,
                speakers=len(speakers),
                team=self.name,
            )
        elif language:
            why = self.env._(
                "No member of %(team)s speaks %(language)s: %(user)s follows the fewest open "
                "cases (%(count)s). Plan an interpreter.",
                team=self.name,
                language=language.name,
                user=user.name,
                count=count,
            )
        else:
            why = self.env._(
                "%(user)s follows the fewest open cases of %(team)s (%(count)s); the patient's "
                "language is not known.",
                user=user.name,
                team=self.name,
                count=count,
            )
        return user, why

    def _creation_message(self):
        # the generic "%s created" cannot agree in gender with the document's name
        return self.env._("Team created")

    # -- the record rules ask the teams a user shares the cases of (``user.social_team_ids``):
    # Odoo keeps the rules per user, so a change of the teams clears its caches, as a change
    # of groups does
    @api.model_create_multi
    def create(self, vals_list):
        teams = super().create(vals_list)
        self.env.registry.clear_cache()
        return teams

    def write(self, vals):
        result = super().write(vals)
        if {"member_ids", "share_cases", "active", "company_id"} & set(vals):
            self.env.registry.clear_cache()
        return result

    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()
        return result

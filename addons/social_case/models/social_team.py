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

    _sql_constraints = [
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

    def _propose_referent(self):
        """The member of the team with the fewest open cases (one query for the whole team)."""
        if not self:
            return self.env["res.users"]
        self.ensure_one()
        worker_group = self.env.ref("social_case.group_social_worker")
        members = self.member_ids.filtered(lambda u: u.active and worker_group in u.groups_id)
        if not members:
            return self.env["res.users"]
        caseload = self.env["social.case"]._get_open_caseload(members)
        return min(members, key=lambda u: (caseload.get(u.id, 0), u.name or "", u.id))

    def _creation_message(self):
        # the generic "%s created" cannot agree in gender with the document's name
        return self.env._("Team created")

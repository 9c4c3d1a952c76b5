from odoo import api, fields, models
from odoo.exceptions import UserError


class SocialPartnerFinder(models.TransientModel):
    """Find a partner: need + postal code + language -> partners best first."""

    _name = "social.partner.finder"
    _description = "Find a Partner"

    case_id = fields.Many2one("social.case")
    need_type_id = fields.Many2one("social.need.type", string="Need", required=True)
    zip_code = fields.Char(
        string="Postal Code",
        compute="_compute_from_case",
        store=True,
        readonly=False,
    )
    language_id = fields.Many2one(
        "social.language",
        compute="_compute_from_case",
        store=True,
        readonly=False,
    )
    line_ids = fields.One2many("social.partner.finder.line", "finder_id", string="Partners")
    searched = fields.Boolean(readonly=True)

    @api.depends("case_id")
    def _compute_from_case(self):
        for finder in self:
            if finder.case_id:
                finder.zip_code = finder.case_id.patient_zip
                finder.language_id = finder.case_id.language_id

    def _prepare_line_values(self):
        self.ensure_one()
        ranked = self.env["res.partner"]._social_rank_partners(
            self.need_type_id, self.zip_code, self.language_id, limit=50
        )
        return [
            {
                "finder_id": self.id,
                "sequence": rank,
                "partner_id": partner.id,
                "territory_match": criteria["territory_match"],
                "language_match": criteria["language_match"],
                "capacity": criteria["capacity"],
                "waiting_days": criteria["waiting_days"],
                "rating": criteria["rating"],
                "recent_use": criteria["recent_use"],
                "availability_stale": criteria["stale"],
            }
            for rank, (partner, criteria) in enumerate(ranked, start=1)
        ]

    def action_search(self):
        self.ensure_one()
        self.line_ids.unlink()
        self.env["social.partner.finder.line"].create(self._prepare_line_values())
        self.searched = True
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Find a Partner"),
        }


class SocialPartnerFinderLine(models.TransientModel):
    _name = "social.partner.finder.line"
    _description = "Find a Partner: Result"
    _order = "sequence, id"

    finder_id = fields.Many2one("social.partner.finder", required=True, ondelete="cascade")
    sequence = fields.Integer(string="Rank")
    partner_id = fields.Many2one("res.partner", required=True, readonly=True)
    phone = fields.Char(related="partner_id.phone")
    email = fields.Char(related="partner_id.email")
    city = fields.Char(related="partner_id.city")
    partner_type_ids = fields.Many2many(
        related="partner_id.social_partner_type_ids", string="Partner Types"
    )
    language_ids = fields.Many2many(related="partner_id.social_language_ids", string="Languages")
    territory_match = fields.Boolean(string="Serves the Area", readonly=True)
    language_match = fields.Boolean(string="Speaks the Language", readonly=True)
    capacity = fields.Integer(string="Free Places", readonly=True)
    waiting_days = fields.Integer(string="Waiting (days)", readonly=True)
    availability_stale = fields.Boolean(string="Availability Outdated", readonly=True)
    rating = fields.Float(digits=(3, 1), readonly=True)
    recent_use = fields.Integer(string="Recent Contacts", readonly=True)
    case_id = fields.Many2one(related="finder_id.case_id")

    def action_log_contact(self):
        """Log the contact with this partner as an intervention on the case."""
        self.ensure_one()
        case = self.finder_id.case_id
        if not case:
            raise UserError(self.env._("Open the search from a case to log a contact on it."))
        self.env["social.intervention"].create(self._prepare_intervention_values())
        case.message_post(
            body=case._social_system_env()._(
                "Partner contacted for %(need)s: %(partner)s",
                need=self.finder_id.need_type_id.name,
                partner=self.partner_id.name,
            ),
            subtype_xmlid="mail.mt_note",
        )
        # back to the case, which reloads and shows the new intervention
        return {"type": "ir.actions.act_window_close"}

    def _prepare_intervention_values(self):
        self.ensure_one()
        return {
            "case_id": self.finder_id.case_id.id,
            "type_id": self.env.ref("social_case.intervention_type_partner_contact").id,
            "partner_id": self.partner_id.id,
            "duration": 15,
            "note": self.env._(
                "Contact with %(partner)s for the need: %(need)s",
                partner=self.partner_id.name,
                need=self.finder_id.need_type_id.name,
            ),
        }

    def action_open_partner(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": self.partner_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

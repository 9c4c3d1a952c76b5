from datetime import timedelta

from odoo import api, fields, models

SOCIAL_STAFF = "social_case.group_social_care"
SOCIAL_WORKER = "social_case.group_social_worker"


class ResPartner(models.Model):
    _inherit = "res.partner"

    social_partner_type_ids = fields.Many2many(
        "social.partner.type",
        "res_partner_social_partner_type_rel",
        "partner_id",
        "type_id",
        string="Partner Types",
        groups=SOCIAL_STAFF,
    )
    social_is_partner = fields.Boolean(
        string="Social Network Partner",
        compute="_compute_social_is_partner",
        store=True,
        index=True,
        help="Set when the contact has at least one social partner type.",
    )
    social_need_type_ids = fields.Many2many(
        "social.need.type",
        "res_partner_social_need_type_rel",
        "partner_id",
        "need_type_id",
        string="Needs Answered",
        groups=SOCIAL_WORKER,
    )
    social_territory_ids = fields.Many2many(
        "social.territory",
        "res_partner_social_territory_rel",
        "partner_id",
        "territory_id",
        string="Territory Served",
        groups=SOCIAL_STAFF,
        help="Municipalities / postal codes the partner serves. Empty: no restriction.",
    )
    social_language_ids = fields.Many2many(
        "social.language",
        "res_partner_social_language_rel",
        "partner_id",
        "language_id",
        string="Languages Spoken",
        groups=SOCIAL_STAFF,
    )
    social_capacity = fields.Integer(
        string="Free Places", groups=SOCIAL_STAFF, help="Places available at the last check."
    )
    social_waiting_days = fields.Integer(
        string="Waiting Time (days)", groups=SOCIAL_STAFF
    )
    social_availability_date = fields.Date(
        string="Availability Confirmed On",
        groups=SOCIAL_STAFF,
        help="Date the free places and waiting time were last confirmed by the partner.",
    )

    @api.depends("social_partner_type_ids")
    def _compute_social_is_partner(self):
        for partner in self.sudo():
            partner.social_is_partner = bool(partner.social_partner_type_ids)

    @api.model
    def _social_recent_use_days(self):
        return int(
            self.env["ir.config_parameter"].sudo().get_param(
                "social_network_partners.recent_use_days", 90
            )
        )

    @api.model
    def _social_find_partners(self, need_type, zip_code=None, language=None, limit=20):
        """Partners answering ``need_type``, best first.

        Ranking: serves the postal code, speaks the language, has free places,
        shorter waiting time, better evaluation, more recent use by the social service.
        Constant number of queries whatever the number of partners.
        """
        domain = [("social_is_partner", "=", True)]
        if need_type:
            domain.append(("social_need_type_ids", "in", need_type.ids))
        partners = self.search(domain)
        if not partners:
            return partners
        since = fields.Datetime.now() - timedelta(days=self._social_recent_use_days())
        usage = dict(
            self.env["social.intervention"]
            .sudo()
            ._read_group(
                [("partner_id", "in", partners.ids), ("date", ">=", since)],
                ["partner_id"],
                ["__count"],
            )
        )
        usage = {partner.id: count for partner, count in usage.items()}
        scores = partners._social_match_scores(zip_code, language, usage)
        ranked = partners.sorted(key=lambda p: scores[p.id], reverse=True)
        return ranked[:limit] if limit else ranked

    def _social_match_scores(self, zip_code, language, usage):
        """Sortable tuple per partner id (higher is better)."""
        scores = {}
        for partner in self:
            territory_zips = partner.social_territory_ids.mapped("zip")
            territory_match = bool(zip_code) and zip_code in territory_zips
            language_match = bool(language) and language in partner.social_language_ids
            scores[partner.id] = (
                int(territory_match),
                int(language_match),
                int(partner.social_capacity > 0),
                -partner.social_waiting_days,
                partner.social_rating_avg if "social_rating_avg" in partner._fields else 0.0,
                usage.get(partner.id, 0),
                -partner.id,
            )
        return scores

from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.social_case.const import CARE, WORKER


class ResPartner(models.Model):
    """External partners of the social service are companies of the address book."""

    _inherit = "res.partner"

    social_partner_type_ids = fields.Many2many(
        "social.partner.type",
        "res_partner_social_partner_type_rel",
        "partner_id",
        "type_id",
        string="Partner Types",
        groups=CARE,
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
        groups=WORKER,
    )
    social_territory_ids = fields.Many2many(
        "social.territory",
        "res_partner_social_territory_rel",
        "partner_id",
        "territory_id",
        string="Territory Served",
        groups=CARE,
        help="Municipalities / postal codes the partner serves.",
    )
    social_language_ids = fields.Many2many(
        "social.language",
        "res_partner_social_language_rel",
        "partner_id",
        "language_id",
        string="Languages Spoken",
        groups=CARE,
    )
    social_capacity = fields.Integer(
        string="Free Places", groups=CARE, help="Places available at the last check."
    )
    social_waiting_days = fields.Integer(string="Waiting Time (days)", groups=CARE)
    social_availability_date = fields.Date(
        string="Availability Confirmed On",
        groups=CARE,
        help="Date the free places and waiting time were last confirmed by the partner.",
    )
    social_availability_stale = fields.Boolean(
        string="Availability Outdated",
        compute="_compute_social_availability_stale",
        search="_search_social_availability_stale",
        groups=CARE,
        help="The free places and waiting time were not confirmed within the number of days "
        "set in the configuration.",
    )
    social_referral_method = fields.Selection(
        [
            ("phone", "Phone"),
            ("email", "E-mail"),
            ("platform", "Online Platform"),
            ("form", "Form to Fill"),
        ],
        string="How to Refer",
        groups=CARE,
    )
    social_referral_url = fields.Char(
        string="Referral Platform or Form",
        groups=CARE,
        help="Address of the online platform or of the form to fill.",
    )
    social_referral_instructions = fields.Text(
        string="Referral Instructions",
        groups=CARE,
        help="Documents to send, who to ask for, conditions of admission.",
    )
    social_opening_hours = fields.Text(string="Opening Hours", groups=CARE)
    social_evaluation_ids = fields.One2many(
        "social.partner.evaluation",
        "partner_id",
        string="Evaluations",
        groups=WORKER,
    )
    social_rating_avg = fields.Float(
        string="Average Rating",
        compute="_compute_social_rating",
        store=True,
        digits=(3, 2),
        groups=WORKER,
    )
    social_evaluation_count = fields.Integer(
        string="Evaluation Count",
        compute="_compute_social_rating",
        store=True,
        groups=WORKER,
    )

    @api.depends("social_partner_type_ids")
    def _compute_social_is_partner(self):
        for partner in self:
            partner.social_is_partner = bool(partner.social_partner_type_ids)

    def _social_stale_limit(self):
        """The day before which a partner's availability is outdated, by the Settings of
        the site the user works in."""
        days = self.env.company.social_partner_stale_days
        return fields.Date.context_today(self) - timedelta(days=days)

    @api.depends("social_availability_date")
    @api.depends_context("uid", "company")
    def _compute_social_availability_stale(self):
        limit = self._social_stale_limit()
        for partner in self:
            date = partner.social_availability_date
            partner.social_availability_stale = partner.social_is_partner and (
                not date or date < limit
            )

    def _search_social_availability_stale(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        stale = [
            ("social_is_partner", "=", True),
            "|",
            ("social_availability_date", "=", False),
            ("social_availability_date", "<", self._social_stale_limit()),
        ]
        if (operator == "=") == value:
            return stale
        return ["!", *stale]

    @api.depends("social_evaluation_ids.rating_value", "social_evaluation_ids.active")
    def _compute_social_rating(self):
        stats = {
            partner.id: (count, avg)
            for partner, count, avg in self.env["social.partner.evaluation"]._read_group(
                [("partner_id", "in", self.ids)],
                ["partner_id"],
                ["__count", "rating_value:avg"],
            )
        }
        for partner in self:
            count, avg = stats.get(partner.id, (0, 0.0))
            partner.social_evaluation_count = count
            partner.social_rating_avg = avg or 0.0

    @api.model
    def _social_rank_partners(self, need_type, zip_code=None, language=None, limit=20):
        """Rank the partners answering ``need_type``; list of (partner, criteria dict).

        Best first: serves the postal code, speaks the language, has free places, shorter
        waiting time, better evaluation, more contacts by the social service in the last days,
        then by name. PostgreSQL ranks and cuts at ``limit`` (0: every partner) in one query
        over the partners the user may read (their record rules): neither the number of
        queries nor the rows loaded grow with the directory.
        """
        domain = [("social_is_partner", "=", True)]
        if need_type:
            domain.append(("social_need_type_ids", "in", need_type.ids))
        # the ranking reads the partners, their territories, languages and contacts in SQL
        self.env.flush_all()
        readable = self._search(domain)
        # The site's delays (``res.company``) are read by the query itself. An aggregate
        # only: how often the service used each partner, not which cases.
        self.env.cr.execute(
            SQL(
                """
                SELECT * FROM (
                    SELECT p.id, COALESCE(p.name, '') AS name,
                           %(zip)s IS NOT NULL AND EXISTS (
                               SELECT 1 FROM res_partner_social_territory_rel r
                                 JOIN social_territory t ON t.id = r.territory_id
                                WHERE r.partner_id = p.id AND t.zip = %(zip)s)
                               AS territory_match,
                           %(language)s IS NOT NULL AND EXISTS (
                               SELECT 1 FROM res_partner_social_language_rel l
                                WHERE l.partner_id = p.id AND l.language_id = %(language)s)
                               AS language_match,
                           COALESCE(p.social_capacity, 0) AS capacity,
                           COALESCE(p.social_waiting_days, 0) AS waiting_days,
                           COALESCE(p.social_rating_avg, 0) AS rating,
                           (SELECT count(*) FROM social_intervention i
                             WHERE i.partner_id = p.id AND i.active
                               AND i.date >= %(now)s - make_interval(days => s.recent_days))
                               AS recent_use,
                           (p.social_availability_date IS NULL
                            OR p.social_availability_date < %(today)s - s.stale_days) AS stale
                      FROM res_partner p
                     CROSS JOIN (
                           SELECT COALESCE(social_partner_recent_use_days, 0) AS recent_days,
                                  COALESCE(social_partner_stale_days, 0) AS stale_days
                             FROM res_company WHERE id = %(company)s) s
                     WHERE p.id IN %(readable)s
                ) ranked
                 ORDER BY territory_match DESC, language_match DESC, capacity <= 0,
                          waiting_days, rating DESC, recent_use DESC, name COLLATE "C", id
                 %(limit)s
                """,
                zip=zip_code or None,
                language=language.id if language else None,
                now=fields.Datetime.now(),
                today=fields.Date.context_today(self),
                company=self.env.company.id,
                readable=readable.subselect(),
                limit=SQL("LIMIT %s", limit) if limit else SQL(),
            )
        )
        rows = self.env.cr.dictfetchall()
        partners = self.browse([row["id"] for row in rows])
        return [
            (
                partner,
                {
                    "territory_match": row["territory_match"],
                    "language_match": row["language_match"],
                    "capacity": row["capacity"],
                    "waiting_days": row["waiting_days"],
                    "rating": float(row["rating"]),
                    "recent_use": row["recent_use"],
                    "stale": row["stale"],
                },
            )
            for partner, row in zip(partners, rows, strict=True)
        ]

    @api.model
    def _social_patient_models(self):
        # the patient of a liaison request is followed by who asked it, not by the provider
        return dict(super()._social_patient_models(), **{"social.liaison.request": CARE})

    def _social_access_export_sections(self, cases):
        sections = super()._social_access_export_sections(cases)
        requests = self.env["social.liaison.request"].search([("patient_id", "=", self.id)])
        sections["liaison_requests"] = self._social_export_rows(requests)
        return sections

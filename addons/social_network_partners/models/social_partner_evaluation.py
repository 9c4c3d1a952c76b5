from odoo import api, fields, models
from odoo.exceptions import ValidationError

RATINGS = [
    ("1", "Poor"),
    ("2", "Fair"),
    ("3", "Good"),
    ("4", "Very Good"),
    ("5", "Excellent"),
]


class SocialPartnerEvaluation(models.Model):
    """A social worker's evaluation of an external partner after a contact."""

    _name = "social.partner.evaluation"
    _description = "Partner Evaluation"
    _order = "date desc, id desc"

    partner_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("social_is_partner", "=", True)],
    )
    contact_id = fields.Many2one(
        "res.partner",
        string="Contact Person",
        domain="[('parent_id', '=', partner_id)]",
        help="The person of the partner organisation the evaluation is about, if any.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Author",
        required=True,
        index=True,
        default=lambda self: self.env.user,
        readonly=True,
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    rating = fields.Selection(RATINGS, required=True, default="3")
    rating_value = fields.Integer(compute="_compute_rating_value", store=True)
    comment = fields.Text()
    active = fields.Boolean(default=True)

    @api.depends("rating")
    def _compute_rating_value(self):
        for evaluation in self:
            evaluation.rating_value = int(evaluation.rating or 0)

    @api.constrains("contact_id", "partner_id")
    def _check_contact(self):
        for evaluation in self:
            if evaluation.contact_id and evaluation.contact_id.parent_id != evaluation.partner_id:
                raise ValidationError(
                    self.env._(
                        "%(contact)s is not a contact person of %(partner)s.",
                        contact=evaluation.contact_id.name,
                        partner=evaluation.partner_id.name,
                    )
                )

    @api.depends("partner_id", "user_id", "date")
    def _compute_display_name(self):
        for evaluation in self:
            evaluation.display_name = self.env._(
                "%(partner)s by %(author)s",
                partner=evaluation.partner_id.name or "",
                author=evaluation.user_id.name or "",
            )

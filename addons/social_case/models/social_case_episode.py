from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date


class SocialCaseEpisode(models.Model):
    """A stretch of the patient's pathway followed by the same case and referent."""

    _name = "social.case.episode"
    _description = "Episode of a Care Pathway"
    _inherit = ["social.privacy.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    _social_identifying_fields = ("note",)

    case_id = fields.Many2one("social.case", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    episode_type = fields.Selection(
        [
            ("hospital_stay", "Hospital Stay"),
            ("consultations", "Consultation Series"),
            ("home_hospitalisation", "Home Hospitalisation"),
            ("home_follow_up", "Home Follow-up"),
        ],
        string="Type",
        required=True,
        default="hospital_stay",
        index=True,
    )
    unit_id = fields.Many2one("social.unit", index=True)
    date_start = fields.Date(
        string="Start", required=True, default=fields.Date.context_today, index=True
    )
    date_end = fields.Date(string="End", index=True)
    expected_length_of_stay = fields.Integer(
        string="Expected Length of Stay (days)",
        compute="_compute_expected_length_of_stay",
        store=True,
        readonly=False,
    )
    expected_end_date = fields.Date(compute="_compute_expected_end_date", store=True)
    room = fields.Char()
    note = fields.Char()

    _sql_constraints = [
        (
            "expected_length_positive",
            "CHECK(expected_length_of_stay >= 0)",
            "The expected length of stay cannot be negative.",
        ),
    ]

    @api.depends("episode_type", "unit_id", "room", "date_start", "date_end")
    @api.depends_context("lang")
    def _compute_display_name(self):
        types = dict(self._fields["episode_type"]._description_selection(self.env))
        for episode in self:
            parts = [types.get(episode.episode_type, ""), episode.unit_id.name]
            if episode.room:
                parts.append(self.env._("room %(room)s", room=episode.room))
            if episode.date_end:
                parts.append(
                    self.env._(
                        "%(start)s to %(end)s",
                        start=format_date(self.env, episode.date_start),
                        end=format_date(self.env, episode.date_end),
                    )
                )
            elif episode.date_start:
                parts.append(
                    self.env._("since %(start)s", start=format_date(self.env, episode.date_start))
                )
            episode.display_name = ", ".join(part for part in parts if part)

    @api.depends("unit_id", "episode_type")
    def _compute_expected_length_of_stay(self):
        for episode in self:
            if episode.episode_type == "hospital_stay":
                episode.expected_length_of_stay = episode.unit_id.target_length_of_stay
            else:
                episode.expected_length_of_stay = episode.expected_length_of_stay or 0

    @api.depends("date_start", "expected_length_of_stay")
    def _compute_expected_end_date(self):
        for episode in self:
            episode.expected_end_date = (
                episode.date_start + timedelta(days=episode.expected_length_of_stay)
                if episode.date_start and episode.expected_length_of_stay
                else False
            )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for episode in self:
            if episode.date_end and episode.date_end < episode.date_start:
                raise ValidationError(
                    self.env._(
                        "An episode cannot end (%(end)s) before it starts (%(start)s).",
                        end=episode.date_end,
                        start=episode.date_start,
                    )
                )

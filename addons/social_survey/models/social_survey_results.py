from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.social_reporting.tools.small_counts import mask_small_counts


class SocialSurveyResults(models.TransientModel):
    """The answers to the service's questionnaire, counted by team, small counts masked.

    On the privacy layer for what a request may say (values checked, a site the user works
    in); each coordinator reads only the results she opened (security/)."""

    _name = "social.survey.results"
    _description = "Results of the Questionnaire of the Social Service"
    _inherit = ["social.privacy.mixin"]
    # figures asked by the user, no patient's file: not in the access log
    _social_log_reads = False

    company_id = fields.Many2one(
        "res.company", string="Site", required=True, default=lambda self: self.env.company
    )
    date_from = fields.Date(string="From")
    date_to = fields.Date(string="To")
    answer_count = fields.Integer(string="Answers", compute="_compute_results")
    results_html = fields.Html(string="Results", compute="_compute_results", sanitize=False)

    def _check_reader(self):
        if not self.env.user.has_group("social_case.group_social_coordinator"):
            raise AccessError(
                self.env._("Only coordinators read the results of the questionnaire.")
            )

    def _answers(self):
        """The completed anonymous answers of the site and the period."""
        domain = [
            ("survey_id", "=", self.env.ref("social_survey.survey_social_service").id),
            ("state", "=", "done"),
            ("social_team_id", "!=", False),
            ("social_company_id", "=", self.company_id.id),
            ("test_entry", "=", False),
        ]
        if self.date_from:
            domain.append(("end_datetime", ">=", fields.Datetime.to_datetime(self.date_from)))
        if self.date_to:
            domain.append(
                (
                    "end_datetime",
                    "<",
                    fields.Datetime.add(fields.Datetime.to_datetime(self.date_to), days=1),
                )
            )
        # the answers are read by no one through the ORM: only counts come out (T23)
        return self.env["survey.user_input"].sudo().search(domain)

    def _tables(self):
        """[(question, teams, choices, MaskedTable)] for each single-choice question."""
        self.ensure_one()
        answers = self._answers()
        # the questionnaire is the Survey app's, read in the answers' system environment:
        # only counts and its wording come out
        survey = answers.env.ref("social_survey.survey_social_service")
        teams = answers.social_team_id.sorted("name")
        k = self.company_id.social_report_small_count
        Line = answers.env["survey.user_input.line"]
        counts = {}
        lines = Line.search(
            [("user_input_id", "in", answers.ids), ("suggested_answer_id", "!=", False)]
        )
        for line in lines:
            key = (
                line.question_id.id,
                line.user_input_id.social_team_id.id,
                line.suggested_answer_id.id,
            )
            counts[key] = counts.get(key, 0) + 1
        tables = []
        for question in survey.question_ids.filtered(lambda q: q.question_type == "simple_choice"):
            choices = question.suggested_answer_ids
            if not teams:
                tables.append((question, teams, choices, None))
                continue
            grid = [
                [counts.get((question.id, team.id, choice.id), 0) for choice in choices]
                for team in teams
            ]
            tables.append((question, teams, choices, mask_small_counts(grid, k)))
        return tables, len(answers)

    @api.depends("company_id", "date_from", "date_to")
    def _compute_results(self):
        self._check_reader()
        for results in self:
            tables, count = results._tables()
            results.answer_count = count
            results.results_html = results._render(tables)

    def _render(self, tables):
        total = self.env._("Total")
        parts = []
        for question, teams, choices, masked in tables:
            parts.append(Markup("<h4 class='mt-3'>%s</h4>") % question.title)
            if masked is None:
                parts.append(Markup("<p>%s</p>") % self.env._("No answer yet."))
                continue
            if masked.withheld:
                parts.append(
                    Markup("<p class='text-muted'>%s</p>")
                    % self.env._("Too few answers to publish these counts without risk.")
                )
            head = Markup("").join(
                Markup("<th class='text-end'>%s</th>") % c.value for c in choices
            )
            rows = []
            for i, team in enumerate(teams):
                cells = Markup("").join(
                    Markup("<td class='text-end'>%s</td>") % masked.label(i, j)
                    for j in range(len(choices))
                )
                rows.append(
                    Markup("<tr><th>%s</th>%s<td class='text-end fw-bold'>%s</td></tr>")
                    % (team.name, cells, masked.label(i, None))
                )
            foot = Markup("").join(
                Markup("<td class='text-end fw-bold'>%s</td>") % masked.label(None, j)
                for j in range(len(choices))
            )
            parts.append(
                Markup(
                    "<div class='table-responsive'>"
                    "<table class='table table-sm o_social_survey_table'>"
                    "<thead><tr><th></th>%s<th class='text-end'>%s</th></tr></thead>"
                    "<tbody>%s</tbody>"
                    "<tfoot><tr><th>%s</th>%s<td class='text-end fw-bold'>%s</td></tr></tfoot>"
                    "</table></div>"
                )
                % (head, total, Markup("").join(rows), total, foot, masked.label(None, None))
            )
        parts.append(
            Markup("<p class='text-muted small'>%s</p>")
            % escape(
                self.env._(
                    'Counts under %(k)s are shown as "< %(k)s", and the cells marked × are '
                    "masked so that they cannot be worked out from the totals.",
                    k=self.company_id.social_report_small_count,
                )
            )
        )
        return Markup("").join(parts)

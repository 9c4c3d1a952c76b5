from datetime import date

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.social_case.const import MANAGER
from odoo.addons.social_case.models.social_privacy_mixin import social_action


def _first_of_last_year(records):
    return date(fields.Date.context_today(records).year - 1, 1, 1)


def _last_of_last_year(records):
    return date(fields.Date.context_today(records).year - 1, 12, 31)


class SocialReportAnnualWizard(models.TransientModel):
    """The annual activity report's options: period, sites, teams, language, and whether
    small counts are masked (for publication, the default) or not (internal, Manager
    only, logged).

    On the privacy layer for what a request may say (values checked); each user reads only
    the options she opened (security/)."""

    _name = "social.report.annual.wizard"
    _description = "Annual Activity Report"
    _inherit = ["social.privacy.mixin"]
    # figures asked by the user, no patient's file: not in the access log
    _social_log_reads = False
    _social_system_fields = ("file_active_date",)

    # the publication covers a calendar year: last year's, by default
    date_from = fields.Date(string="From", required=True, default=_first_of_last_year)
    date_to = fields.Date(string="To", required=True, default=_last_of_last_year)
    company_ids = fields.Many2many(
        "res.company",
        string="Sites",
        required=True,
        default=lambda self: self.env.companies,
        domain=lambda self: [("id", "in", self.env.user.company_ids.ids)],
    )
    team_ids = fields.Many2many(
        "social.team",
        string="Teams",
        domain="[('company_id', 'in', company_ids)]",
        help="Leave empty for the whole service.",
    )
    lang = fields.Selection(
        selection="_lang_selection",
        string="Language",
        required=True,
        default=lambda self: self.env.lang or "en_US",
    )
    for_publication = fields.Boolean(
        default=True,
        help="Counts of patients under the site's small-count threshold are masked, and the "
        "report covers whole sites over a calendar year. Only a Manager may produce the "
        "internal version, without masking and for any period or team, and it is logged.",
    )

    file_active_date = fields.Datetime(
        string="File Active As Of",
        readonly=True,
        default=lambda self: self.env["social.report.file.active"]._refreshed_at(),
        help="The file active is computed every night, after an anonymisation run or an import, "
        "and by Refresh Now; the report's first sheet says when.",
    )

    @api.model
    def _lang_selection(self):
        return self.env["res.lang"].get_installed()

    def _check_options(self):
        self.ensure_one()
        if not self.env.user.has_group("social_case.group_social_coordinator"):
            raise AccessError(self.env._("Only coordinators and managers print the annual report."))
        if self.date_from > self.date_to:
            raise UserError(self.env._("The period of the report ends before it starts."))
        # the sites and teams as chosen: reading them as the user would drop the forbidden ones
        options = self.sudo()
        if not options.company_ids or options.company_ids - self.env.user.company_ids:
            raise AccessError(self.env._("The report covers only the sites you work in."))
        if options.team_ids.company_id - options.company_ids:
            raise UserError(self.env._("Each team of the report must belong to one of its sites."))
        if self.for_publication and not options._is_published_cut():
            raise UserError(
                self.env._(
                    "A report for publication covers whole sites over a calendar year, from 1 "
                    "January to 31 December: two reports over other periods or teams could be "
                    "subtracted from each other to reveal a small count. Other periods and "
                    "teams make an internal report, which only a Manager produces."
                )
            )
        if not self.for_publication and not self.env.user.has_group(MANAGER):
            raise AccessError(
                self.env._("Only a Manager produces the internal report without masking.")
            )

    def _is_published_cut(self):
        """Whether the report covers whole sites over one calendar year: the only cut that
        is published, so that no two publications differ by a few patients. Asked of the
        options as chosen (``_check_options``)."""
        self.ensure_one()
        start, end = self.date_from, self.date_to
        return (
            not self.team_ids
            and (start.month, start.day) == (1, 1)
            and end == date(start.year, 12, 31)
        )

    def _small_count(self):
        """The threshold of the report: the largest of its sites' (the strictest)."""
        return max(self.company_ids.mapped("social_report_small_count") or [5])

    @social_action("read")
    def action_refresh_file_active(self):
        """Compute the file active now, then open the wizard again with the new time (a
        button of a dialog that returns no action closes the dialog)."""
        self.ensure_one()
        if not self.env.user.has_group("social_case.group_social_coordinator"):
            raise AccessError(self.env._("Only coordinators and managers print the annual report."))
        FileActive = self.env["social.report.file.active"]
        FileActive._refresh()
        # the time of the computation is the system's to write, not a field users set: the
        # button's environment is the system's (``social_action``)
        self.file_active_date = FileActive._refreshed_at()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Annual Activity Report"),
            "context": {**self.env.context, "social_file_active_computed": True},
        }

    @social_action("read")
    def action_print(self):
        self._check_options()
        return self.env.ref("social_reporting.action_report_annual").report_action(self)

    def _log_unmasked(self):
        """The internal version is evidence of who saw the small counts: one line of the
        access log per site, written when the file is produced."""
        if not self.for_publication:
            self.env["social.case.access.log"]._log_lines(
                [
                    {
                        "res_model": "social.report.annual",
                        "res_id": self.id,
                        "case_reference": self.env._(
                            "Annual report %(start)s to %(end)s, not masked",
                            start=self.date_from,
                            end=self.date_to,
                        ),
                        "operation": "export",
                        "company_id": company.id,
                    }
                    for company in self.company_ids
                ]
            )

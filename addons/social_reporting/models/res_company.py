from odoo import api, fields, models
from odoo.exceptions import ValidationError

# the smallest and largest small-count thresholds the Settings accept
MIN_SMALL_COUNT = 2
MAX_SMALL_COUNT = 100


class ResCompany(models.Model):
    _inherit = "res.company"

    social_report_small_count = fields.Integer(
        string="Small-Count Threshold",
        default=5,
        help="In the reports for publication and in the coordinators' dashboard, counts of "
        'patients from 1 to this number minus one are shown as "< threshold", and enough '
        "other cells are masked that they cannot be worked out from the totals.",
    )

    def _social_small_count_error(self):
        return ValidationError(
            self.env._(
                "The small-count threshold must be between %(low)s and %(high)s.",
                low=MIN_SMALL_COUNT,
                high=MAX_SMALL_COUNT,
            )
        )

    @api.model
    def _social_check_small_count_value(self, vals):
        """A whole number sent as such: the database would fail on a huge one, and the
        ORM would round 2.5 or read "5" without a word."""
        if "social_report_small_count" not in vals:
            return
        value = vals["social_report_small_count"]
        if isinstance(value, bool) or not isinstance(value, int):
            raise self._social_small_count_error()
        if not MIN_SMALL_COUNT <= value <= MAX_SMALL_COUNT:
            raise self._social_small_count_error()

    @api.constrains("social_report_small_count")
    def _check_social_report_small_count(self):
        for company in self:
            if not MIN_SMALL_COUNT <= company.social_report_small_count <= MAX_SMALL_COUNT:
                raise self._social_small_count_error()

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._social_check_small_count_value(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._social_check_small_count_value(vals)
        return super().write(vals)

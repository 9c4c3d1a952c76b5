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

    @api.constrains("social_report_small_count")
    def _check_social_report_small_count(self):
        for company in self:
            if not MIN_SMALL_COUNT <= company.social_report_small_count <= MAX_SMALL_COUNT:
                raise ValidationError(
                    self.env._(
                        "The small-count threshold must be between %(low)s and %(high)s.",
                        low=MIN_SMALL_COUNT,
                        high=MAX_SMALL_COUNT,
                    )
                )

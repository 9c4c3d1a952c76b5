from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

# minutes: one working day
MAX_DURATION = 12 * 60


class SocialIntervention(models.Model):
    """One act of the social worker on a case: the basis of activity reporting."""

    _name = "social.intervention"
    _description = "Social Intervention"
    _inherit = ["social.privacy.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    case_id = fields.Many2one("social.case", required=True, index=True, ondelete="restrict")
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    patient_id = fields.Many2one(related="case_id.patient_id", store=True, index=True)
    type_id = fields.Many2one(
        "social.intervention.type", required=True, index=True, ondelete="restrict"
    )
    kind = fields.Selection(related="type_id.kind", store=True)
    user_id = fields.Many2one(
        "res.users",
        string="Social Worker",
        required=True,
        index=True,
        default=lambda self: self.env.user,
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    duration = fields.Integer(string="Duration (minutes)", required=True, default=30)
    partner_id = fields.Many2one(
        "res.partner",
        string="Partner Contacted",
        index=True,
        check_company=True,
        # a professional or a relative, never another patient of the service
        domain="[('social_is_patient', '=', False)]",
    )
    note = fields.Text()
    active = fields.Boolean(default=True)

    @api.depends("type_id", "date")
    @api.depends_context("lang", "tz")
    def _compute_display_name(self):
        for intervention in self:
            intervention.display_name = self.env._(
                "%(type)s on %(date)s",
                type=intervention.type_id.name or "",
                date=format_date(
                    self.env, fields.Datetime.context_timestamp(self, intervention.date)
                )
                if intervention.date
                else "",
            )

    @api.constrains("duration")
    def _check_duration(self):
        for intervention in self:
            if intervention.duration <= 0:
                raise ValidationError(self.env._("An intervention must last at least a minute."))
            if intervention.duration > MAX_DURATION:
                raise ValidationError(
                    self.env._(
                        "An intervention lasts at most a working day (%(hours)s hours): "
                        "log a longer piece of work as several interventions.",
                        hours=MAX_DURATION // 60,
                    )
                )

    # only on create and on a move to another case: correcting an intervention of a closed case
    # (note, duration, date) stays possible, adding one is not
    @api.constrains("case_id")
    def _check_case_open(self):
        for intervention in self:
            if intervention.case_id.is_closed:
                raise ValidationError(
                    self.env._(
                        "Case %(case)s is closed: reopen it before logging a new intervention.",
                        case=intervention.case_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        interventions = super().create(vals_list)
        # a contact wakes a quiet case: its reminders are done, not left to be ticked off
        woken = interventions.case_id.filtered(lambda case: not case.is_quiet)
        woken.activity_feedback(
            ["social_case.mail_activity_type_case_quiet"],
            feedback=self.env._("A contact was logged."),
        )
        return interventions

    def unlink(self):
        # a manager removes an intervention logged by mistake; the case keeps the trace
        for intervention in self:
            intervention.case_id.message_post(
                body=intervention.case_id._social_system_env()._(
                    "Intervention deleted by %(user)s: %(name)s, %(minutes)s minutes, "
                    "by %(worker)s.",
                    user=self.env.user.name,
                    name=intervention.display_name,
                    minutes=intervention.duration,
                    worker=intervention.user_id.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return super().unlink()

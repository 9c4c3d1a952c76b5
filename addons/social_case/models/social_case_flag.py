from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

from .social_privacy_mixin import social_action


class SocialCaseFlag(models.Model):
    """A flag on a case the whole team must see at a glance ("risk of aggression",
    "do not contact the family"...), with its reason, who set it and until when.

    A flag past its end date no longer shows; a flag removed is archived, never deleted,
    and both are written in the case's chatter."""

    _name = "social.case.flag"
    _description = "Case Flag"
    _inherit = ["social.privacy.mixin"]
    _order = "case_id, set_on desc, id desc"
    _check_company_auto = True
    _social_system_fields = ("set_by_id", "set_on")

    case_id = fields.Many2one(
        "social.case", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    flag_type_id = fields.Many2one(
        "social.case.flag.type", string="Flag", required=True, index=True, ondelete="restrict"
    )
    color = fields.Integer(related="flag_type_id.color")
    icon = fields.Char(related="flag_type_id.icon")
    reason = fields.Text(help="Why the flag is set, for the colleagues who open the case.")
    set_by_id = fields.Many2one(
        "res.users",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
    )
    set_on = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    date_until = fields.Date(
        string="Until",
        index=True,
        help="The flag no longer shows after this day; empty: until removed.",
    )
    is_expired = fields.Boolean(string="Expired", compute="_compute_is_expired")
    active = fields.Boolean(default=True)

    @api.depends("flag_type_id", "case_id")
    def _compute_display_name(self):
        for flag in self:
            flag.display_name = flag.flag_type_id.name or ""

    @api.depends("date_until")
    @api.depends_context("tz")
    def _compute_is_expired(self):
        today = fields.Date.context_today(self)
        for flag in self:
            flag.is_expired = bool(flag.date_until and flag.date_until < today)

    @api.model
    def _current_domain(self):
        """The flags that show: not removed, not past their end date."""
        today = fields.Date.context_today(self)
        return [("active", "=", True), "|", ("date_until", "=", False), ("date_until", ">=", today)]

    @api.model
    def _current_types(self, case_ids):
        """{case id: flag type ids} of the flags that show on these cases, as the user may
        read them: one query for every card of a kanban."""
        case_ids = [id_ for id_ in case_ids if isinstance(id_, int)]
        if not case_ids:
            return {}
        groups = self._read_group(
            [("case_id", "in", case_ids), *self._current_domain()],
            ["case_id"],
            ["flag_type_id:array_agg"],
        )
        return {case.id: type_ids for case, type_ids in groups}

    @api.constrains("date_until", "set_on")
    def _check_date_until(self):
        for flag in self:
            if flag.date_until and flag.set_on and flag.date_until < flag.set_on.date():
                raise ValidationError(self.env._("A flag cannot end before the day it is set."))

    @api.constrains("case_id", "flag_type_id", "active", "date_until")
    def _check_one_current_flag_per_type(self):
        current = self.filtered_domain(self._current_domain())
        if not current:
            return
        groups = self._read_group(
            [("case_id", "in", current.case_id.ids), *self._current_domain()],
            ["case_id", "flag_type_id"],
            ["__count"],
        )
        counts = {(case.id, flag_type.id): count for case, flag_type, count in groups}
        for flag in current:
            if counts.get((flag.case_id.id, flag.flag_type_id.id), 0) > 1:
                raise ValidationError(
                    self.env._(
                        "Case %(case)s already has the flag %(flag)s: change it instead of "
                        "setting it twice.",
                        case=flag.case_id.name,
                        flag=flag.flag_type_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        flags = super().create(vals_list)
        for flag in flags:
            flag._post_on_case("set")
        return flags

    def write(self, vals):
        if "active" in vals:
            moved = self.filtered(lambda flag: flag.active != bool(vals["active"]))
        else:
            moved = self.browse()
        changed = self - moved if {"flag_type_id", "reason", "date_until"} & set(vals) else moved
        result = super().write(vals)
        for flag in moved:
            flag._post_on_case("set" if flag.active else "removed")
        for flag in (changed - moved).filtered("active"):
            flag._post_on_case("changed")
        return result

    @social_action("write")
    def action_remove(self):
        """Remove the flag: it is archived, and the case's chatter says who removed it."""
        self.filtered("active").write({"active": False})
        return True

    def _post_on_case(self, what):
        """Write the flag's setting or removal in the case's chatter, in the service's
        language (the chatter is the case's audit trail)."""
        self.ensure_one()
        case = self.case_id
        env = case._social_system_env()
        name = self.flag_type_id.with_env(env).name
        if what == "removed":
            body = env._("Flag removed: %(flag)s.", flag=name)
        else:
            until = (
                env._("until %(date)s", date=format_date(env, self.date_until))
                if self.date_until
                else env._("until removed")
            )
            values = {"flag": name, "until": until, "reason": self.reason or "-"}
            if what == "set":
                body = env._("Flag set: %(flag)s, %(until)s. Reason: %(reason)s", **values)
            else:
                body = env._("Flag changed: %(flag)s, %(until)s. Reason: %(reason)s", **values)
        case.message_post(body=body, subtype_xmlid="mail.mt_note")

from odoo import api, fields, models

# (role, its group, the action it lands on unless Settings name another), highest role first
SOCIAL_LANDINGS = (
    ("manager", "social_case.group_social_manager", "social_case.social_referral_action_triage"),
    (
        "coordinator",
        "social_case.group_social_coordinator",
        "social_case.social_referral_action_triage",
    ),
    ("worker", "social_case.group_social_worker", "social_case.social_case_action_my"),
    ("care", "social_case.group_social_care", "social_case.social_referral_action_refer"),
    (
        "liaison",
        "social_case.group_social_liaison",
        "social_network_partners.social_liaison_request_action_mine",
    ),
)


class ResUsers(models.Model):
    _inherit = "res.users"

    social_team_ids = fields.Many2many(
        "social.team",
        "social_team_member_rel",
        "user_id",
        "team_id",
        string="Social Work Teams",
    )
    social_unit_id = fields.Many2one(
        "social.unit",
        string="Hospital Unit",
        help="Unit the user works in: proposed on the referrals they send to the social service.",
    )

    social_language_ids = fields.Many2many(
        "social.language",
        "res_users_social_language_rel",
        "user_id",
        "language_id",
        string="Languages Spoken",
        help="Languages the social worker can hold an interview in: triage proposes a "
        "referent who speaks the patient's language first.",
    )

    def _apply_ir_rules(self, query, mode="read"):
        # the contacts' rules, which follow the patients: their SQL is parsed once and not
        # per request (``ir.rule._social_rules_sql``)
        if self.env.su or self.env["ir.rule"]._social_apply(self, query, mode):
            return None
        return super()._apply_ir_rules(query, mode)

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["social_unit_id", "social_language_ids"]

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return super().SELF_WRITEABLE_FIELDS + ["social_unit_id", "social_language_ids"]

    @api.model_create_multi
    def create(self, vals_list):
        # A user created without a time zone works in the calendar of whoever created them, as
        # core's resource.resource does: the dates of the service (a case opened, a consent
        # given, a deadline) are then the same day for every colleague, not UTC's for some.
        tz = self.env.context.get("tz") or self.env.user.tz
        for vals in vals_list:
            if tz and not vals.get("tz") and not vals.get("partner_id"):
                vals["tz"] = tz
        users = super().create(vals_list)
        users._social_set_landing()
        if any(vals.get("social_team_ids") for vals in vals_list):
            self.env.registry.clear_cache()  # the record rules ask the user's teams
        return users

    def write(self, vals):
        result = super().write(vals)
        if any(key == "groups_id" or key.startswith(("in_group_", "sel_groups_")) for key in vals):
            self._social_set_landing()
        if "social_team_ids" in vals:
            self.env.registry.clear_cache()  # the record rules ask the user's teams
        return result

    def _social_landing_actions(self):
        """Every action a role of the social service lands on at the user's site (defaults
        and Settings)."""
        self.ensure_one()
        actions = self.env["ir.actions.act_window"]
        for role, _group, xmlid in SOCIAL_LANDINGS:
            actions |= self.env.ref(xmlid, raise_if_not_found=False) or actions
            actions |= self._social_configured_landing(role)
        return actions

    def _social_configured_landing(self, role):
        """The action the Settings of the user's site name for ``role``, if any."""
        self.ensure_one()
        return self.company_id[f"social_landing_{role}_action_id"]

    def _social_landing_action(self):
        """The action the user's highest role of the social service lands on."""
        self.ensure_one()
        for role, group, xmlid in SOCIAL_LANDINGS:
            if self.has_group(group):
                return self._social_configured_landing(role) or self.env.ref(
                    xmlid, raise_if_not_found=False
                )
        return self.env["ir.actions.act_window"]

    def _social_set_landing(self):
        """A user lands on their role's work without a Home Action set by hand: set it
        from their role, unless someone chose another home for them."""
        # set by who gives the groups: an administrator, who writes the users' home action
        for user in self:
            if user.action_id and user.action_id.id not in user._social_landing_actions().ids:
                continue
            action = user._social_landing_action()
            if action and user.action_id.id != action.id:
                user.write({"action_id": action.id})

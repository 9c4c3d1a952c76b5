from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class SocialReferralTriage(models.TransientModel):
    """The coordinator's decision on a referral: new case, existing case, redirect, duplicate."""

    _name = "social.referral.triage"
    _description = "Triage a Referral"

    referral_id = fields.Many2one("social.referral", required=True, ondelete="cascade")
    patient_id = fields.Many2one(related="referral_id.patient_id")
    company_id = fields.Many2one(related="referral_id.company_id")
    duplicate_ids = fields.Many2many(
        "res.partner",
        string="Likely Duplicates",
        compute="_compute_duplicate_ids",
        help="Other contacts with the patient's name and no other date of birth.",
    )
    duplicate_has_open_case = fields.Boolean(
        string="A Likely Duplicate Is Followed", compute="_compute_duplicate_ids"
    )
    same_person_id = fields.Many2one(
        "res.partner",
        string="Same Person As",
        domain="[('id', 'in', duplicate_ids)]",
        help="The referral names a second contact for a person already known: it is moved to "
        "that contact, and the triage goes on with that person's open case, if any.",
    )
    has_open_case = fields.Boolean(
        compute="_compute_existing_case_id",
        help="The patient already has an open case: the referral joins it.",
    )
    existing_case_id = fields.Many2one(
        "social.case",
        string="Patient's Open Case",
        compute="_compute_existing_case_id",
        help="The patient's open case, when you may read it.",
    )
    existing_case_referent = fields.Char(
        string="Referent of the Open Case",
        compute="_compute_existing_case_id",
        help="The social worker who follows the patient's open case.",
    )
    previous_case_id = fields.Many2one(
        "social.case",
        string="Last Case of the Patient",
        compute="_compute_existing_case_id",
        help="The patient's latest closed case that you may read.",
    )
    start_from_last_situation = fields.Boolean(
        string="Start from the Last Situation",
        compute="_compute_start_from_last_situation",
        store=True,
        readonly=False,
        help="The new case takes the household, income, insurer, housing, legal protection "
        "and people around the patient known in the last case, instead of an empty form.",
    )
    decision = fields.Selection(
        [
            ("new_case", "Open a New Case"),
            ("existing_case", "Add to the Open Case"),
            ("redirect", "Redirect"),
            ("duplicate", "Duplicate"),
        ],
        compute="_compute_decision",
        store=True,
        readonly=False,
    )
    team_id = fields.Many2one(
        "social.team",
        domain="[('company_id', '=', company_id)]",
        compute="_compute_team_id",
        store=True,
        readonly=False,
        help="Proposed from the team covering the patient's postal code.",
    )
    language_id = fields.Many2one(
        "social.language",
        string="Patient's Language",
        compute="_compute_language_id",
        store=True,
        readonly=False,
        help="From the referral, else from the patient's last case: triage proposes a referent "
        "who speaks it.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Referent",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        domain="[('id', 'in', eligible_referent_ids)]",
        help="Proposed: a team member who speaks the patient's language, then the one with the "
        "fewest open cases.",
    )
    eligible_referent_ids = fields.Many2many(
        "res.users",
        string="Eligible Referents",
        compute="_compute_eligible_referent_ids",
        help="The social workers of the chosen team at the referral's site.",
    )
    proposal_reason = fields.Char(
        string="Why This Referent",
        compute="_compute_proposal_reason",
        help="Why triage proposed this social worker.",
    )
    user_caseload = fields.Integer(string="Open Cases of the Referent", compute="_compute_caseload")
    caseload_ceiling = fields.Integer(related="team_id.caseload_ceiling")
    caseload_warning = fields.Char(compute="_compute_caseload")
    confidentiality = fields.Selection(
        [("normal", "Normal"), ("restricted", "Restricted"), ("minor", "Minor")],
        compute="_compute_confidentiality",
        store=True,
        readonly=False,
    )
    redirect_note = fields.Text(string="Redirected To and Why")
    duplicate_of_id = fields.Many2one(
        "social.referral",
        domain="[('id', '!=', referral_id), ('patient_id', '=', patient_id)]",
    )

    @api.depends("referral_id.patient_id", "referral_id.patient_birthdate")
    def _compute_duplicate_ids(self):
        self._check_coordinator()
        Case = self.env["social.case"]
        for wizard in self:
            referral = wizard.referral_id
            duplicates = (
                referral._patient_likely_duplicates(readable=False)
                if referral
                else self.env["res.partner"]
            )
            # shown: those the coordinator may read
            wizard.duplicate_ids = duplicates.with_env(self.env)._filtered_access("read")
            # whether one of them is followed already across the site, restricted cases
            # too: a yes/no that names no case
            wizard.duplicate_has_open_case = bool(
                Case._get_open_case(duplicates, referral.company_id)
            )

    def _triaged_patient(self):
        """The person the referral is about: the contact chosen as the same person, if any."""
        return self.same_person_id or self.referral_id.patient_id

    @api.depends("referral_id.patient_id", "same_person_id")
    def _compute_existing_case_id(self):
        # the coordinator may not read a restricted case, but must not open a second one:
        # she learns that one exists, and its reference and referent only if she may read it
        self._check_coordinator()
        for wizard in self:
            # found as the system, named below only if readable
            case = self.env["social.case"]._get_open_case(
                wizard._triaged_patient(), wizard.referral_id.company_id
            )
            readable = case.with_env(self.env)._filtered_access("read")
            wizard.has_open_case = bool(case)
            wizard.existing_case_id = readable
            wizard.existing_case_referent = readable.user_id.name or False
            previous = self.env["social.case"].search(
                [
                    ("patient_id", "=", wizard._triaged_patient().id),
                    ("company_id", "=", wizard.referral_id.company_id.id),
                    ("is_closed", "=", True),
                ],
                order="date_open desc, id desc",
                limit=1,
            )
            wizard.previous_case_id = previous

    @api.depends("previous_case_id")
    def _compute_start_from_last_situation(self):
        for wizard in self:
            wizard.start_from_last_situation = bool(wizard.previous_case_id)

    @api.depends("referral_id", "has_open_case")
    def _compute_decision(self):
        for wizard in self:
            wizard.decision = "existing_case" if wizard.has_open_case else "new_case"

    @api.depends("referral_id.patient_id.zip")
    def _compute_team_id(self):
        for wizard in self:
            wizard.team_id = self.env["social.team"]._find_for_zip(
                wizard.referral_id.patient_id.zip, wizard.referral_id.company_id
            )

    @api.depends("referral_id.language_id", "previous_case_id")
    def _compute_language_id(self):
        for wizard in self:
            wizard.language_id = (
                wizard.referral_id.language_id or wizard.previous_case_id.language_id
            )

    @api.depends("team_id", "language_id")
    def _compute_user_id(self):
        for wizard in self:
            wizard.user_id = wizard.team_id._propose_referent(wizard.language_id)

    @api.depends("team_id", "company_id")
    def _compute_eligible_referent_ids(self):
        for wizard in self:
            teams = wizard.team_id or self.env["social.team"].search(
                [("company_id", "=", wizard.company_id.id)]
            )
            wizard.eligible_referent_ids = teams._get_referents()

    def _check_referent(self):
        """A new case is followed by a social worker of its team, at the referral's site."""
        if self.user_id and self.user_id not in self.eligible_referent_ids:
            if self.team_id:
                raise UserError(
                    self.env._(
                        "%(user)s cannot be the referent: choose a social worker of team "
                        "%(team)s at %(site)s.",
                        user=self.user_id.name,
                        team=self.team_id.name,
                        site=self.company_id.name,
                    )
                )
            raise UserError(
                self.env._(
                    "%(user)s cannot be the referent: choose a social worker of one of the "
                    "teams of %(site)s.",
                    user=self.user_id.name,
                    site=self.company_id.name,
                )
            )

    @api.depends("team_id", "language_id", "user_id")
    def _compute_proposal_reason(self):
        for wizard in self:
            proposed, why = wizard.team_id._propose_referent_with_reason(wizard.language_id)
            # the coordinator chose someone else: the proposal's reason no longer applies
            wizard.proposal_reason = why if proposed == wizard.user_id else False

    @api.depends("user_id", "team_id.caseload_ceiling")
    def _compute_caseload(self):
        caseload = self.env["social.case"]._get_open_caseload(self.user_id)
        for wizard in self:
            count = caseload.get(wizard.user_id.id, 0)
            wizard.user_caseload = count
            ceiling = wizard.team_id.caseload_ceiling
            if wizard.user_id and ceiling and count + 1 > ceiling:
                wizard.caseload_warning = self.env._(
                    "Open cases followed by %(user)s: %(count)s. One more exceeds the ceiling "
                    "of %(ceiling)s of team %(team)s.",
                    user=wizard.user_id.name,
                    count=count,
                    ceiling=ceiling,
                    team=wizard.team_id.name,
                )
            else:
                wizard.caseload_warning = False

    @api.depends("referral_id.urgency_reason")
    def _compute_confidentiality(self):
        for wizard in self:
            wizard.confidentiality = (
                "minor" if wizard.referral_id.urgency_reason == "child_in_danger" else "normal"
            )

    def _check_coordinator(self):
        if not self.env.user.has_group("social_case.group_social_coordinator"):
            raise AccessError(self.env._("Only coordinators triage referrals."))

    def action_confirm(self):
        self.ensure_one()
        self._check_coordinator()
        if not self.decision:
            raise UserError(self.env._("Choose what becomes of the referral."))
        referral = self.referral_id
        if self.same_person_id:
            referral._action_same_person(self.same_person_id)
        if self.decision == "redirect":
            referral._action_redirect(self.redirect_note)
            return self._action_back_to_queue(
                self.env._("%(ref)s is redirected.", ref=referral.name)
            )
        if self.decision == "duplicate":
            referral._action_mark_duplicate(self.duplicate_of_id)
            return self._action_back_to_queue(
                self.env._("%(ref)s is marked as a duplicate.", ref=referral.name)
            )
        if not referral.patient_id:
            raise UserError(
                self.env._(
                    "Referral %(ref)s names no patient: set the patient first.", ref=referral.name
                )
            )
        # the case may be restricted: the coordinator attaches the referral to it, fills it
        # and writes in its chatter without reading it (the referral's access was checked):
        # the open case and the new one are handed over as the system's
        case = self.env["social.case"]._get_open_case(referral.patient_id, referral.company_id)
        if self.decision == "existing_case":
            if not case:
                raise UserError(self.env._("The patient has no open case: open a new one."))
        else:
            self._check_referent()
            case = self._create_case()
            if self.start_from_last_situation and self.previous_case_id:
                # what the coordinator may read of the last case goes into the new one
                case._start_from_case(self.previous_case_id)
        referral._action_accept(case.with_env(self.env))
        self._carry_unit_to_stay(case)
        case.message_post(
            body=case._social_system_env()._(
                "Referral %(ref)s accepted by %(user)s: %(reason)s",
                ref=referral.name,
                user=self.env.user.name,
                reason=referral.reason,
            ),
            author_id=self.env.user.partner_id.id,
            subtype_xmlid="mail.mt_note",
        )
        readable = case.with_env(self.env)._filtered_access("read")
        if not readable and self.decision == "existing_case":
            # a restricted case is not named to who may not read it, nor its referent
            return self._action_back_to_queue(
                self.env._("%(ref)s joins the patient's open case.", ref=referral.name)
            )
        return self._action_back_to_queue(
            self.env._(
                "%(ref)s is accepted into case %(case)s, followed by %(referent)s.",
                ref=referral.name,
                case=case.name,
                referent=case.user_id.name or self.env._("no referent yet"),
            )
        )

    def _action_back_to_queue(self, message):
        """Tell the coordinator what was decided and bring them back to the referrals to triage."""
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Triage done"),
                "message": message,
                "type": "success",
                "sticky": False,
                "next": self.env["ir.actions.act_window"]._for_xml_id(
                    "social_case.social_referral_action_triage"
                ),
            },
        }

    def _carry_unit_to_stay(self, case):
        """The referral's unit becomes the unit of the case's hospital stay under way (a new
        stay when none is open), so that the discharge plan does not ask for it again."""
        referral = self.referral_id
        if not referral.unit_id:
            return
        # ``case`` comes as the system's (it may be restricted): the coordinator records
        # where the patient lies without reading the case
        Episode = case.env["social.case.episode"]
        stay = Episode.search(
            [
                ("case_id", "=", case.id),
                ("episode_type", "=", "hospital_stay"),
                ("date_end", "=", False),
            ],
            order="date_start desc, id desc",
            limit=1,
        )
        if stay and not stay.unit_id:
            stay.unit_id = referral.unit_id
        elif not stay:
            Episode.create(self._prepare_stay_values(case))

    def _prepare_stay_values(self, case):
        referral = self.referral_id
        return {
            "case_id": case.id,
            "episode_type": "hospital_stay",
            "unit_id": referral.unit_id.id,
            "date_start": fields.Date.context_today(self, referral.date)
            if referral.date
            else fields.Date.context_today(self),
        }

    def _prepare_case_values(self):
        referral = self.referral_id
        return {
            "patient_id": referral.patient_id.id,
            "company_id": referral.company_id.id,
            "team_id": self.team_id.id,
            "user_id": self.user_id.id,
            "priority": "2" if referral.urgency == "urgent" else "0",
            "confidentiality": self.confidentiality,
            "patient_birthdate": referral.patient_birthdate or referral.patient_id.social_birthdate,
            "language_id": self.language_id.id,
            # a referent who does not speak the patient's language plans an interpreter
            "interpreter_needed": bool(
                self.language_id and self.language_id not in self.user_id.social_language_ids
            ),
        }

    def _create_case(self):
        """The new case, handed back as the system's (see ``action_confirm``)."""
        Case = self.env["social.case"]
        Case.check_access("create")
        values = self._prepare_case_values()
        system = Case.sudo()  # the triage fills the case it opens, restricted or not
        if values["confidentiality"] == "normal":
            return system.browse(Case.create(values).id)
        # a coordinator opens restricted cases for a referent without reading them
        # afterwards: the values are hers, checked first as any create of hers (values,
        # setters, links), the record the system's
        Case._social_check_create([values])
        return system.create(values)

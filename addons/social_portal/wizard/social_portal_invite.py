from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import email_normalize


class SocialPortalInvite(models.TransientModel):
    """The referent offers the patient's portal, for one case, to the patient or to the legal
    representative recorded on it: a portal user is made (or the person's own reused), the
    access recorded, the invitation e-mailed and written to the access log."""

    _name = "social.portal.invite"
    _description = "Invite to the Patient's Portal"

    case_id = fields.Many2one("social.case", required=True, readonly=True)
    role = fields.Selection(
        [("patient", "The Patient"), ("representative", "Legal Representative")],
        required=True,
        default="patient",
    )
    contact_id = fields.Many2one(
        "social.case.contact",
        string="Representative",
        domain="[('case_id', '=', case_id), ('role', '=', 'legal_representative'), "
        "('partner_id', '!=', False)]",
    )
    email = fields.Char(
        string="E-mail",
        compute="_compute_email",
        store=True,
        readonly=False,
        help="The person logs in with this address; the invitation is sent to it.",
    )
    lang = fields.Selection(
        selection="_get_languages",
        string="Language",
        compute="_compute_email",
        store=True,
        readonly=False,
    )

    @api.model
    def _get_languages(self):
        return self.env["res.lang"].get_installed()

    @api.depends("role", "contact_id", "case_id")
    def _compute_email(self):
        for wizard in self:
            partner = wizard._partner()
            wizard.email = partner.email or (wizard.contact_id.email if wizard.contact_id else "")
            wizard.lang = (
                wizard.case_id.rights_sheet_lang
                if wizard.role == "patient" and wizard.case_id.rights_sheet_lang
                else partner.lang or self.env.lang
            )

    def _partner(self):
        if self.role == "patient":
            return self.case_id.patient_id
        return self.contact_id.partner_id

    def action_invite(self):
        self.ensure_one()
        case = self.case_id
        # the referent who may write the case offers its portal
        case.check_access("write")
        partner = self._partner()
        if not partner:
            raise UserError(
                self.env._(
                    "Choose the legal representative, recorded on the case with their contact."
                )
            )
        email = email_normalize(self.email or "")
        if not email:
            raise UserError(self.env._("Give the e-mail address the person logs in with."))
        Access = self.env["social.portal.access"]
        # the person's accesses to the case, ended ones too: one person, one access (the
        # referent reads every access of the case they write)
        current = Access.search([("case_id", "=", case.id), ("partner_id", "=", partner.id)])
        if current.filtered(lambda a: not a.date_revoked):
            raise UserError(
                self.env._(
                    "%(person)s already has the portal of this case: send the invitation again "
                    "from the case's portal tab.",
                    person=partner.name,
                )
            )
        user, created = self._portal_user(partner, email)
        access = Access.create(
            {
                "case_id": case.id,
                "role": self.role,
                "contact_id": self.contact_id.id if self.role == "representative" else False,
                "partner_id": partner.id,
                "email": email,
            }
        )
        # the system records who was invited, when and by whom (``_social_system_fields``)
        access._social_as_system().write(
            {
                "user_id": user.id,
                "user_created": created,
                "date_invited": fields.Datetime.now(),
                "invited_by_id": self.env.uid,
            }
        )
        access._send_invitation()
        case.message_post(
            body=self.env._("The patient's portal is offered to %(person)s.", person=partner.name),
            subtype_xmlid="mail.mt_note",
        )
        return {"type": "ir.actions.act_window_close"}

    def _portal_user(self, partner, email):
        """(the person's portal user, made now?): their own if they have one, else a new one.
        The users are the system's: a social worker may neither read nor create them, nor
        write the address and language a person logs in with."""
        system = self.sudo().env
        Users = system["res.users"].with_context(active_test=False)
        user = Users.search([("partner_id", "=", partner.id)], limit=1)
        if user and not user.share:
            raise UserError(
                self.env._(
                    "%(person)s is a user of the hospital, not a portal user.", person=partner.name
                )
            )
        other = Users.search([("login", "=", email), ("partner_id", "!=", partner.id)], limit=1)
        if other:
            raise UserError(
                self.env._(
                    "Another person logs in with %(email)s: give another address.", email=email
                )
            )
        if user and user.login != email:
            # the person logs in with it: another address would hand their account to whoever
            # reads that mailbox
            raise UserError(
                self.env._(
                    "%(person)s already logs in to the portal with another address: invite "
                    "them with that address.",
                    person=partner.name,
                )
            )
        if user:
            user.active = True
            return user, False
        # the login's address and language on the person (see above)
        partner.with_env(system).write({"email": email, "lang": self.lang or partner.lang})
        user = Users.with_context(no_reset_password=True).create(
            {
                "partner_id": partner.id,
                "login": email,
                "lang": self.lang or partner.lang,
                "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])],
                "company_id": self.case_id.company_id.id,
                "company_ids": [(6, 0, self.case_id.company_id.ids)],
            }
        )
        return user, True

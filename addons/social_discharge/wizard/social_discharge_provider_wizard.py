from odoo import api, fields, models
from odoo.exceptions import UserError

NEED_BY_DESTINATION = {
    "home_services": "social_case.need_home_care",
    "home_hospitalisation": "social_case.need_home_care",
    "nursing_home": "social_case.need_residential_care",
    "rehabilitation": "social_case.need_rehabilitation",
    "convalescence": "social_case.need_rehabilitation",
    "palliative_unit": "social_case.need_palliative",
}


class SocialDischargeProviderWizard(models.TransientModel):
    """Pick several providers from the directory and ask each of them at once."""

    _name = "social.discharge.provider.wizard"
    _description = "Request Several Providers"

    plan_id = fields.Many2one("social.discharge.plan", required=True, ondelete="cascade")
    need_type_id = fields.Many2one(
        "social.need.type",
        string="Need",
        compute="_compute_need_type_id",
        store=True,
        readonly=False,
    )
    territory_id = fields.Many2one(
        "social.territory",
        compute="_compute_territory_id",
        store=True,
        readonly=False,
        help="Only providers serving this municipality (or serving everywhere).",
    )
    only_available = fields.Boolean(string="Only with Free Places")
    available_partner_ids = fields.Many2many(
        "res.partner", compute="_compute_available_partner_ids"
    )
    partner_ids = fields.Many2many(
        "res.partner",
        "social_discharge_provider_wizard_partner_rel",
        string="Providers",
        domain="[('id', 'in', available_partner_ids)]",
    )
    channel = fields.Selection(
        [("email", "E-mail"), ("phone", "Phone"), ("platform", "Referral Platform")],
        default="email",
        required=True,
    )
    send_now = fields.Boolean(
        default=True,
        help="Send the e-mails with the liaison letter, or record the requests "
        "as sent by phone or platform.",
    )

    @api.depends("plan_id")
    def _compute_need_type_id(self):
        for wizard in self:
            xmlid = NEED_BY_DESTINATION.get(wizard.plan_id.destination_type)
            wizard.need_type_id = self.env.ref(xmlid, raise_if_not_found=False) if xmlid else False

    @api.depends("plan_id")
    def _compute_territory_id(self):
        for wizard in self:
            zip_code = wizard.plan_id.patient_id.zip
            wizard.territory_id = (
                self.env["social.territory"].search([("zip", "=", zip_code)], limit=1)
                if zip_code
                else False
            )

    def _get_provider_domain(self):
        self.ensure_one()
        domain = [("social_is_partner", "=", True)]
        if self.need_type_id:
            domain.append(("social_need_type_ids", "in", self.need_type_id.ids))
        if self.territory_id:
            domain += [
                "|",
                ("social_territory_ids", "=", False),
                ("social_territory_ids", "in", self.territory_id.ids),
            ]
        if self.only_available:
            domain.append(("social_capacity", ">", 0))
        return domain

    @api.depends("need_type_id", "territory_id", "only_available")
    def _compute_available_partner_ids(self):
        for wizard in self:
            wizard.available_partner_ids = self.env["res.partner"].search(
                wizard._get_provider_domain(), limit=200
            )

    def action_create_requests(self):
        self.ensure_one()
        if not self.partner_ids:
            raise UserError(self.env._("Select at least one provider."))
        already = self.plan_id.request_ids.partner_id
        partners = self.partner_ids - already
        if not partners:
            raise UserError(self.env._("These providers have already been asked for this plan."))
        requests = self.env["social.discharge.request"].create(
            [
                {
                    "plan_id": self.plan_id.id,
                    "partner_id": partner.id,
                    "need_type_id": self.need_type_id.id,
                    "channel": self.channel,
                }
                for partner in partners
            ]
        )
        if self.send_now:
            requests.action_send()
        return self.plan_id.action_view_requests()

from odoo import fields, models


class SocialDischargeWithdrawWizard(models.TransientModel):
    _name = "social.discharge.withdraw.wizard"
    _description = "Withdraw the Other Requests of a Discharge Plan"

    accepted_request_id = fields.Many2one("social.discharge.request", required=True)
    request_ids = fields.Many2many("social.discharge.request", string="Requests to Withdraw")
    notify = fields.Boolean(
        string="Notify the Providers",
        default=True,
        help="Send an e-mail (or log a note for phone and platform requests) so that the "
        "providers free the place.",
    )

    def action_confirm(self):
        self.ensure_one()
        self.request_ids.filtered(
            lambda r: r.state in ("draft", "sent", "waiting")
        ).action_withdraw(notify=self.notify)
        return {"type": "ir.actions.act_window_close"}

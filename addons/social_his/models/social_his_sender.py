import secrets

from odoo import api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.base.models.res_partner import _tz_get
from odoo.addons.base.models.res_users import INDEX_SIZE, KEY_CRYPT_CONTEXT


class SocialHisSender(models.Model):
    """A system that posts ADT messages (the hospital's integration engine), known by its API
    key. The key is shown once when generated; only its hash is kept, as Odoo keeps the
    users' API keys (``res.users.apikeys``)."""

    _name = "social.his.sender"
    _description = "Hospital System Sender"
    _order = "name"

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
        help="The site whose patients and units the messages of this sender are about.",
    )
    tz = fields.Selection(
        _tz_get,
        string="Time Zone",
        required=True,
        default="Europe/Brussels",
        help="Time zone of the dates and times the sender writes without an offset.",
    )
    key_index = fields.Char(readonly=True, copy=False, index=True, groups="base.group_system")
    key_hash = fields.Char(readonly=True, copy=False, groups="base.group_system")
    has_key = fields.Boolean(string="Key Set", compute="_compute_has_key")
    key_date = fields.Datetime(string="Key Generated On", readonly=True, copy=False)
    message_count = fields.Integer(compute="_compute_message_count", string="Messages")

    @api.depends("key_date")
    def _compute_has_key(self):
        for sender in self:
            sender.has_key = bool(sender.key_date)

    def _compute_message_count(self):
        data = dict(
            self.env["social.his.message"]._read_group(
                [("sender_id", "in", self.ids)], ["sender_id"], ["__count"]
            )
        )
        for sender in self:
            sender.message_count = data.get(sender, 0)

    def _generate_key(self):
        """A new key for the sender (the old one stops working); returned once, never kept."""
        self.ensure_one()
        if not self.env.su and not self.env.user.has_group("social_his.group_social_his"):
            raise AccessError(self.env._("Only the hospital system integration sets keys."))
        key = secrets.token_hex(20)
        self.sudo().write(  # the key's hash is the system's to store, never a user's to set
            {
                "key_index": key[:INDEX_SIZE],
                "key_hash": KEY_CRYPT_CONTEXT.hash(key),
                "key_date": fields.Datetime.now(),
            }
        )
        return key

    @api.model
    def _authenticate(self, key):
        """The active sender whose key is ``key``, or an empty recordset."""
        if not key or not isinstance(key, str) or len(key) < INDEX_SIZE:
            return self.browse()
        candidates = self.sudo().search(  # who posts is not a user: the key is the credential
            [("key_index", "=", key[:INDEX_SIZE]), ("active", "=", True)]
        )
        for sender in candidates:
            if KEY_CRYPT_CONTEXT.verify(key, sender.key_hash):
                return sender
        return self.browse()

    def action_generate_key(self):
        self.ensure_one()
        wizard = self.env["social.his.sender.key"].create(
            {"sender_id": self.id, "key": self._generate_key()}
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("API Key of %(sender)s", sender=self.name),
            "res_model": wizard._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_view_messages(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id("social_his.social_his_message_action")
        action["domain"] = [("sender_id", "=", self.id)]
        return action

from odoo.tests import TransactionCase, tagged

from ..models.social_privacy_mixin import privacy_models


def declared_buttons(env, model_names):
    """(number of public buttons, the undeclared ones as "model.method") of ``model_names``."""
    undeclared = []
    count = 0
    for model in model_names:
        cls = env.registry[model]
        for name in dir(cls):
            method = getattr(cls, name, None)
            if not name.startswith("action_") or not callable(method):
                continue
            if getattr(method, "_api_private", False):
                continue
            count += 1
            if getattr(method, "_social_action", None) not in ("read", "write"):
                undeclared.append(f"{model}.{name}")
    return count, undeclared


@tagged("post_install", "-at_install")
class TestButtonsDeclared(TransactionCase):
    """SECURITY.md, decision 4: every public button of every model of the privacy layer,
    ours, Odoo's and any other addon's, says where it is defined what it needs on its
    records (``@social_action``): a new ``action_*`` cannot run unchecked by accident."""

    def test_every_public_action_is_declared(self):
        count, undeclared = declared_buttons(self.env, privacy_models(self.env))
        self.assertGreater(count, 40)
        self.assertFalse(undeclared, "buttons without @social_action: " + ", ".join(undeclared))

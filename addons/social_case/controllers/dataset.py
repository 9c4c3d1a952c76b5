from odoo import http
from odoo.http import request

from odoo.addons.web.controllers.dataset import DataSet

from ..models.social_values import clean_errors


class SocialDataSet(DataSet):
    """The one boundary where a malformed request to a model of the privacy layer gets a
    translated error instead of a server error (``clean_errors``)."""

    @http.route()
    def call_kw(self, model, method, args, kwargs, path=None):
        with clean_errors(request.env[model] if model in request.env else None):
            return super().call_kw(model, method, args, kwargs, path=path)

    @http.route()
    def call_button(self, model, method, args, kwargs, path=None):
        with clean_errors(request.env[model] if model in request.env else None):
            return super().call_button(model, method, args, kwargs, path=path)

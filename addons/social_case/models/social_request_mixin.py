from odoo import api, models

from . import request_checks as checks


class SocialRequestMixin(models.AbstractModel):
    """The public methods of a model, with what they are asked checked first by
    ``request_checks.py``: a malformed request gets one translated ``UserError``, never a
    traceback. Every model of the privacy layer inherits it through
    ``social.privacy.mixin``, and the analyses of ``social_reporting`` through theirs."""

    _name = "social.request.mixin"
    _description = "Social Service Request Checks"

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        checks.check_domain(self, domain)
        checks.check_window(self, offset, limit)
        checks.check_order(self, order)
        return super()._search(domain or [], offset=offset, limit=limit, order=order)

    def _determine_fields_to_fetch(self, field_names, ignore_when_in_cache=False):
        checks.check_field_names(self, field_names)
        return super()._determine_fields_to_fetch(field_names, ignore_when_in_cache)

    @api.readonly
    def read(self, fields=None, load="_classic_read"):
        checks.check_ids(self, self._ids)
        checks.check_field_names(self, fields)
        return super().read(fields, load)

    @api.model
    @api.readonly
    def search_read(
        self, domain=None, fields=None, offset=0, limit=None, order=None, **read_kwargs
    ):
        checks.check_field_names(self, fields)
        if set(read_kwargs) - {"load"}:
            raise checks.bad_request(self, ", ".join(map(str, read_kwargs)))
        return super().search_read(domain, fields, offset, limit, order, **read_kwargs)

    @api.readonly
    def web_read(self, specification):
        checks.check_ids(self, self._ids)
        checks.check_specification(self, specification)
        return super().web_read(specification)

    @api.model
    @api.readonly
    def web_search_read(
        self, domain, specification, offset=0, limit=None, order=None, count_limit=None
    ):
        checks.check_specification(self, specification)
        checks.check_window(self, count_limit)
        return super().web_search_read(
            domain, specification, offset=offset, limit=limit, order=order, count_limit=count_limit
        )

    @api.model
    @api.readonly
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):
        checks.check_read_group(self, domain, fields, groupby, offset, limit, orderby, lazy)
        return super().read_group(domain, fields, groupby, offset, limit, orderby, lazy)

    @api.model
    @api.readonly
    def read_progress_bar(self, domain, group_by, progress_bar):
        checks.check_progress_bar(self, group_by, progress_bar)
        return super().read_progress_bar(domain, group_by, progress_bar)

    @api.model
    @api.readonly
    def name_search(self, name="", args=None, operator="ilike", limit=100):
        checks.check_name_search(self, name, operator, limit)
        checks.check_domain(self, args)
        return super().name_search(name, args, operator, limit)

    @api.model
    def fields_get(self, allfields=None, attributes=None):
        checks.check_names_or_none(self, allfields)
        checks.check_names_or_none(self, attributes)
        return super().fields_get(allfields, attributes)

    def copy(self, default=None):
        checks.check_default(self, default)
        return super().copy(default)

    @api.model
    def default_get(self, fields_list):
        checks.check_names(self, fields_list)
        return super().default_get(fields_list)

    def onchange(self, values, field_names, fields_spec):
        checks.check_onchange(self, values, field_names, fields_spec)
        return super().onchange(values, field_names, fields_spec)

    @api.model
    def get_views(self, views, options=None):
        checks.check_views(self, views, options)
        return super().get_views(views, options)

    def has_access(self, operation):
        checks.check_operation(self, operation)
        return super().has_access(operation)

    @api.model
    def check_access_rights(self, operation, raise_exception=True):
        checks.check_operation(self, operation)
        return super().check_access_rights(operation, raise_exception)

    @api.model
    def search_panel_select_range(self, field_name, **kwargs):
        checks.check_search_panel_field(self, field_name)
        return super().search_panel_select_range(field_name, **kwargs)

    @api.model
    def search_panel_select_multi_range(self, field_name, **kwargs):
        checks.check_search_panel_field(self, field_name)
        return super().search_panel_select_multi_range(field_name, **kwargs)

    @api.model
    def name_create(self, name):
        checks.check_name_create(self, name)
        return super().name_create(name)

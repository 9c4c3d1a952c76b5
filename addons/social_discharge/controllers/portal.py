from werkzeug.exceptions import Forbidden, NotFound

from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request
from odoo.tools import consteq

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

MODEL = "social.discharge.request"
ANSWERS = ("accept", "waiting", "refuse", "info")


class DischargeRequestPortal(CustomerPortal):
    """The provider's answers to discharge requests: read through the portal record rule,
    written only here, as the system, after checking who asks (SECURITY.md)."""

    # -- the home page's counter ------------------------------------------------------------
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "discharge_request_count" in counters:
            Request = request.env[MODEL]
            values["discharge_request_count"] = (
                Request.search_count(self._discharge_request_domain())
                if request.env.user.share and Request.has_access("read")
                else 0
            )
        return values

    def _discharge_request_domain(self):
        """The requests sent to the portal user's organisation (the rule says it again)."""
        partner = request.env.user.partner_id.commercial_partner_id
        return [("partner_id", "child_of", partner.id), ("state", "!=", "draft")]

    # -- who asks -----------------------------------------------------------------------------
    def _discharge_request_access(self, request_id, access_token=None):
        """(the request as the system, the partner who answers, through the signed link?):
        a portal user of the provider reads it through the record rule; anyone else needs
        the request's token. Forbidden otherwise, the same for a request that does not
        exist (no oracle)."""
        Request = request.env[MODEL]
        # the request as the system, handed back only once the reader is checked below
        record_sudo = Request.sudo().browse(request_id).exists()
        if not record_sudo:
            raise NotFound()
        user = request.env.user
        if user.share and not user._is_public():
            if Request.browse(request_id)._filtered_access("read"):
                return record_sudo, user.partner_id, False
        if (
            isinstance(access_token, str)
            and record_sudo.access_token
            and consteq(record_sudo.access_token, access_token)
        ):
            return record_sudo, record_sudo.partner_id, True
        raise Forbidden()

    def _discharge_request_lang(self, record_sudo, by_link):
        """The page follows the provider's language (its user's, or the provider's contact)."""
        lang = request.env.user.lang if not by_link else record_sudo.partner_id.lang
        installed = dict(request.env["res.lang"].get_installed())
        if lang not in installed:
            lang = record_sudo.partner_id.lang
        if lang in installed:
            request.update_context(lang=lang)
            if hasattr(request, "lang"):
                request.lang = request.env["res.lang"]._get_data(code=lang)
        return request.env.lang

    # -- pages ------------------------------------------------------------------------------
    @http.route(
        ["/my/discharge-requests", "/my/discharge-requests/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_discharge_requests(self, page=1, **kwargs):
        if not request.env.user.share:
            raise Forbidden()
        Request = request.env[MODEL]
        values = self._prepare_portal_layout_values()
        domain = self._discharge_request_domain()
        count = Request.search_count(domain) if Request.has_access("read") else 0
        pager = portal_pager(url="/my/discharge-requests", total=count, page=page, step=20)
        requests = (
            Request.search(
                domain, order="date_sent desc, id desc", limit=20, offset=pager["offset"]
            )
            if count
            else Request
        )
        # found as the portal user above; shown as the system, as the page of one request
        requests_sudo = requests.sudo()
        values.update(
            {
                "discharge_requests": requests_sudo,
                "page_name": "discharge_request",
                "pager": pager,
                "default_url": "/my/discharge-requests",
            }
        )
        return request.render("social_discharge.portal_my_discharge_requests", values)

    def _discharge_request_page(self, record_sudo, by_link, error=None, success=None, status=200):
        values = self._prepare_portal_layout_values()
        answerable = record_sudo._portal_answerable() and (
            not by_link or record_sudo._portal_token_valid()
        )
        values.update(
            {
                "discharge_request": record_sudo,
                "page_name": "discharge_request",
                "access_token": record_sudo.access_token if by_link else None,
                "answerable": answerable,
                "closed_message": None if answerable else record_sudo._portal_closed_message(),
                "refusal_reasons": record_sudo.env["social.discharge.refusal.reason"].search([]),
                "error": error,
                "success": success,
            }
        )
        return request.render("social_discharge.portal_my_discharge_request", values, status=status)

    @http.route("/my/discharge-requests/<int:request_id>", type="http", auth="public", website=True)
    def portal_my_discharge_request(self, request_id, access_token=None, **kwargs):
        record_sudo, _author, by_link = self._discharge_request_access(request_id, access_token)
        self._discharge_request_lang(record_sudo, by_link)
        record_sudo = record_sudo.with_context(lang=request.env.lang)
        status = 410 if by_link and not record_sudo._portal_token_valid() else 200
        return self._discharge_request_page(record_sudo, by_link, status=status)

    @http.route(
        "/my/discharge-requests/<int:request_id>/answer",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_discharge_request_answer(self, request_id, access_token=None, answer=None, **post):
        record_sudo, author, by_link = self._discharge_request_access(request_id, access_token)
        self._discharge_request_lang(record_sudo, by_link)
        record_sudo = record_sudo.with_context(lang=request.env.lang)
        if by_link and not record_sudo._portal_token_valid():
            return self._discharge_request_page(
                record_sudo, by_link, error=record_sudo._portal_closed_message(), status=409
            )
        if answer not in ANSWERS:
            return self._discharge_request_page(
                record_sudo,
                by_link,
                error=request.env._("This answer is not one of those the portal offers."),
                status=400,
            )
        try:
            with request.env.cr.savepoint():
                record_sudo._portal_answer(answer, post, author)
        except (UserError, ValidationError) as error:
            status = 409 if not record_sudo._portal_answerable() else 400
            return self._discharge_request_page(
                record_sudo, by_link, error=error.args[0], status=status
            )
        return self._discharge_request_page(
            record_sudo,
            by_link,
            success=request.env._("Thank you: your answer was sent to the social service."),
        )

    @http.route(
        "/my/discharge-requests/<int:request_id>/documents/<int:attachment_id>",
        type="http",
        auth="public",
        website=True,
    )
    def portal_discharge_request_document(
        self, request_id, attachment_id, access_token=None, **kwargs
    ):
        record_sudo, _author, by_link = self._discharge_request_access(request_id, access_token)
        if by_link and not record_sudo._portal_token_valid():
            raise Forbidden()
        attachment = record_sudo.shared_attachment_ids.filtered(lambda a: a.id == attachment_id)
        if not attachment:
            raise NotFound()
        return (
            request.env["ir.binary"]._get_stream_from(attachment).get_response(as_attachment=True)
        )

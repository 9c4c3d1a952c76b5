from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

DOCUMENTS = ("rights-sheet", "plan")


class SocialPortal(CustomerPortal):
    """The patient's page: read and answered only through the person's open access to the
    case (``social.portal.access``, which decides what is shown and logs every read)."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "social_case_count" in counters:
            values["social_case_count"] = len(self._social_accesses())
        return values

    def _social_accesses(self):
        user = request.env.user
        if not user.share or user._is_public():
            return request.env["social.portal.access"]
        return request.env["social.portal.access"]._portal_accesses(user)

    def _social_access(self, case_id):
        """The person's open access to case ``case_id``; Not Found otherwise, the same for
        a case that does not exist, another person's or one whose page has ended."""
        access = self._social_accesses().filtered(lambda a: a.case_id.id == case_id)
        if not access:
            raise NotFound()
        # the access as the system, its reads in the portal user's name (the access log)
        return access[0].with_context(lang=request.env.lang)

    @http.route("/my/social", type="http", auth="user", website=True)
    def portal_my_social(self, **kwargs):
        accesses = self._social_accesses()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "social_case",
                "social_cases": [
                    {"id": a.case_id.id, "name": a.case_id.name, "state": a.state} for a in accesses
                ],
            }
        )
        return request.render("social_portal.portal_my_social_cases", values)

    def _social_render(self, access, error=None, success=None, status=200):
        values = self._prepare_portal_layout_values()
        values.update(access._portal_page())
        values.update({"page_name": "social_case", "error": error, "success": success})
        return request.render("social_portal.portal_my_social_case", values, status=status)

    @http.route("/my/social/<int:case_id>", type="http", auth="user", website=True)
    def portal_my_social_case(self, case_id, **kwargs):
        return self._social_render(self._social_access(case_id))

    def _social_do(self, access, method, *args, success):
        try:
            with request.env.cr.savepoint():
                method(*args)
        except UserError as error:
            return self._social_render(access, error=error.args[0], status=400)
        return self._social_render(access, success=success)

    @http.route(
        "/my/social/<int:case_id>/consents/<int:consent_id>/withdraw",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_social_withdraw(self, case_id, consent_id, reason=None, **post):
        access = self._social_access(case_id)
        return self._social_do(
            access,
            access._portal_withdraw,
            consent_id,
            reason if isinstance(reason, str) else "",
            success=request.env._(
                "Your consent is withdrawn: from now on, nothing more is shared for this "
                "purpose. Your social worker is told."
            ),
        )

    @http.route(
        "/my/social/<int:case_id>/consents/<int:purpose_id>/give",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_social_give(self, case_id, purpose_id, **post):
        access = self._social_access(case_id)
        return self._social_do(
            access,
            access._portal_give,
            purpose_id,
            success=request.env._(
                "Thank you: your consent is recorded. Your social worker is told."
            ),
        )

    @http.route(
        "/my/social/<int:case_id>/proposals/<int:request_id>",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_social_proposal(self, case_id, request_id, answer=None, comment=None, **post):
        access = self._social_access(case_id)
        return self._social_do(
            access,
            access._portal_answer_proposal,
            request_id,
            answer,
            comment if isinstance(comment, str) else "",
            success=request.env._("Thank you: your answer was sent to your social worker."),
        )

    @http.route(
        "/my/social/<int:case_id>/documents/<string:kind>",
        type="http",
        auth="user",
        website=True,
    )
    def portal_social_document(self, case_id, kind, **kwargs):
        access = self._social_access(case_id)
        document = access._portal_document(kind) if kind in DOCUMENTS else None
        if not document:
            raise NotFound()
        pdf, filename = document
        return request.make_response(
            pdf,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Length", len(pdf)),
                ("Content-Disposition", http.content_disposition(filename)),
            ],
        )

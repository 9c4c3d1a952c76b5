from werkzeug.exceptions import Forbidden, NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import content_disposition, request


class SocialCaseController(http.Controller):
    @http.route(
        "/social_case/access_export/<int:partner_id>", type="http", auth="user", methods=["GET"]
    )
    def social_access_export(self, partner_id):
        """The right-of-access file of one person, for the Manager who asks for it: built in
        memory and streamed, never stored (an attachment would be read by whoever reads
        the contact)."""
        partner = request.env["res.partner"].browse(partner_id)
        try:
            partner._social_check_access_export()
        except MissingError as error:
            raise NotFound() from error
        except AccessError as error:
            raise Forbidden() from error
        name, content = partner._social_access_export_zip()
        return request.make_response(
            content,
            headers=[
                ("Content-Type", "application/zip"),
                ("Content-Disposition", content_disposition(name)),
                ("Cache-Control", "no-store"),
            ],
        )

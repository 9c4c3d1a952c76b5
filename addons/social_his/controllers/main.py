from odoo import http
from odoo.http import request

from ..tools.hl7v2 import decode_hl7v2

HL7_TYPE = "application/hl7-v2; charset=utf-8"
FHIR_TYPE = "application/fhir+json; charset=utf-8"


class SocialHisController(http.Controller):
    """The hospital's integration engine posts here, one message a request, with its key
    (``Authorization: Bearer <key>``): an HL7 v2 ADT message (ER7 text) answered by an HL7
    ACK, or a FHIR R4 Bundle answered by an OperationOutcome. A machine's endpoint: no
    session, no CSRF token; a wrong or missing key gets 401 and nothing is stored."""

    def _sender(self):
        header = request.httprequest.headers.get("Authorization", "")
        scheme, _sep, key = header.partition(" ")
        if scheme.lower() != "bearer":
            key = request.httprequest.headers.get("X-API-Key", "")
        return request.env["social.his.sender"]._authenticate(key.strip())

    def _receive(self, protocol, content_type):
        sender = self._sender()
        if not sender:
            return request.make_response(
                "Unauthorized: a valid API key is required.",
                headers=[
                    ("Content-Type", "text/plain; charset=utf-8"),
                    ("WWW-Authenticate", 'Bearer realm="social_his"'),
                ],
                status=401,
            )
        data = request.httprequest.get_data()
        if protocol == "hl7v2":
            # HL7 v2 says its character set in MSH-18; JSON (FHIR) is UTF-8
            charset = request.httprequest.mimetype_params.get("charset")
            body = decode_hl7v2(data, charset)
        else:
            body = data.decode("utf-8", "replace")
        message = request.env["social.his.message"]._receive(sender, protocol, body)
        status = 200
        if protocol == "fhir":
            status = {"AA": 200, "AE": 422, "AR": 400}[message.ack_code]
        return request.make_response(
            message.reply, headers=[("Content-Type", content_type)], status=status
        )

    @http.route(
        "/social_his/hl7v2",
        type="http",
        auth="none",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def receive_hl7v2(self, **kwargs):
        return self._receive("hl7v2", HL7_TYPE)

    @http.route(
        "/social_his/fhir",
        type="http",
        auth="none",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def receive_fhir(self, **kwargs):
        return self._receive("fhir", FHIR_TYPE)

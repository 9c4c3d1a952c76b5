import base64
from io import BytesIO

import qrcode

from odoo import api, models


def qr_code_png(text):
    """A QR code of ``text`` as a base64 PNG (the qrcode library, as point of sale does)."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=8, border=2)
    qr.add_data(text)
    qr.make(fit=True)
    buffer = BytesIO()
    qr.make_image(fill_color="black", back_color="white").save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode()


class ReportSurveyInvitation(models.AbstractModel):
    _name = "report.social_survey.report_survey_invitation"
    _description = "Questionnaire Sheet for the Patient"

    @api.model
    def _get_report_values(self, docids, data=None):
        """The invitation of each case's closure, the same at each printing: its link is
        printed on the sheet and stored nowhere with the case."""
        cases = self.env["social.case"].browse(docids)
        urls, codes = {}, {}
        for case in cases:
            case._check_survey_offer()
            urls[case.id] = case._social_as_system()._issue_survey_invitation()._url()
            codes[case.id] = qr_code_png(urls[case.id])
        return {
            "doc_ids": docids,
            "doc_model": "social.case",
            "docs": cases,
            "urls": urls,
            "qr_codes": codes,
        }

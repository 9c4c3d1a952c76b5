from odoo import models


class SocialCase(models.Model):
    _inherit = "social.case"

    def _anonymise(self):
        # the real patients, before the case points to its placeholder
        patients = self.sudo().patient_id
        super()._anonymise()
        # what the hospital system said names the patient: the messages about the cases, and
        # those about patients no case follows any more, keep their event, dates and unit only
        followed = (
            self.sudo().search([("patient_id", "in", patients.ids), ("anonymised_on", "=", False)])
        ).patient_id
        gone = patients - followed
        Message = self.env["social.his.message"].sudo()  # the inbox is the integration's
        messages = Message.search(
            ["|", ("case_id", "in", self.ids), ("patient_id", "in", gone.ids)]
        )
        messages._his_anonymise()
        self.env["social.his.admission"].sudo().search([("patient_id", "in", gone.ids)]).write(
            {"visit_number": False, "room": False}
        )
        return True

from odoo import models


class SocialCase(models.Model):
    _inherit = "social.case"

    def _anonymise(self):
        cases = self  # as the superuser, nightly (``_cron_anonymise``): every trace goes
        patients = cases.patient_id  # the real patients, before the cases point to placeholders
        super()._anonymise()
        # what the hospital system said names the patient: the messages about the cases, and
        # those about patients no case follows any more, keep their event, dates and unit only
        followed = cases.search(
            [("patient_id", "in", patients.ids), ("anonymised_on", "=", False)]
        ).patient_id
        gone = patients - followed
        messages = cases.env["social.his.message"].search(
            ["|", ("case_id", "in", cases.ids), ("patient_id", "in", gone.ids)]
        )
        messages._his_anonymise()
        cases.env["social.his.admission"].search([("patient_id", "in", gone.ids)]).write(
            {"visit_number": False, "room": False}
        )
        return True

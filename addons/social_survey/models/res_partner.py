from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _social_access_export_sections(self, cases):
        sections = super()._social_access_export_sections(cases)
        assessments = self.env["social.assessment"].search([("case_id", "in", cases.ids)])
        sections["assessments"] = self._social_export_rows(assessments)
        sections["assessment_answers"] = self._social_assessment_answer_rows(assessments)
        return sections

    def _social_assessment_answer_rows(self, assessments):
        """Each answer of the assessments, as the patient gave it: the question and the
        answer chosen or written (the survey's own records, read with the assessments)."""
        _ = self.env._
        labels = (_("Assessment"), _("Date"), _("Question"), _("Answer"))
        return [
            dict(
                zip(
                    labels,
                    (
                        assessment.display_name,
                        str(assessment.date) if assessment.date else None,
                        line.question_id.title,
                        line.display_name,
                    ),
                    strict=True,
                )
            )
            for assessment in assessments
            for line in assessment.user_input_id.user_input_line_ids
        ]

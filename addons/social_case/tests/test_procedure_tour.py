from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestProcedureTour(HttpCase):
    """The referent opens a case from My Caseload, starts the procedure of a suggested right
    in one click and submits it."""

    def _run(self):
        referent = new_test_user(
            self.env, "tour_referent", groups="social_case.group_social_worker"
        )
        patient = self.env["res.partner"].create({"name": "Amina Tour Rights"})
        case = self.env["social.case"].create(
            {"patient_id": patient.id, "user_id": referent.id, "residence_status": "irregular"}
        )
        right = self.env.ref("social_case.right_urgent_medical_aid")
        self.assertIn(right, case.suggested_right_ids)

        self.start_tour("/odoo", "social_procedure_tour", login="tour_referent")

        procedure = self.env["social.procedure"].search([("case_id", "=", case.id)])
        self.assertEqual(len(procedure), 1)
        self.assertEqual(procedure.right_id, right)
        self.assertEqual(procedure.state, "submitted")
        self.assertEqual(procedure.create_uid, referent)
        case.invalidate_recordset()
        self.assertNotIn(right, case.suggested_right_ids)
        # opening the case in the browser is in the access log
        log = self.env["social.case.access.log"].search([("case_id", "=", case.id)])
        self.assertIn("open", log.mapped("operation"))
        self.assertEqual(log.user_id, referent)

    def test_desktop(self):
        self._run()

    def test_phone(self):
        self.browser_size = "375x667"
        self.touch_enabled = True
        self._run()

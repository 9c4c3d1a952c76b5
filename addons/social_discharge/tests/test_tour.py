from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestDischargeTour(HttpCase):
    def test_discharge_tour(self):
        """Plan a return home with services, ask three providers, accept one, discharge."""
        worker = new_test_user(
            self.env,
            "tour_discharge",
            groups="social_case.group_social_worker",
            email="tour.discharge@example.org",
        )
        patient = self.env["res.partner"].create({"name": "Tour Patient", "zip": "1000"})
        case = self.env["social.case"].create({"patient_id": patient.id, "user_id": worker.id})
        # the patient agreed that the providers chosen with them are asked
        self.env["social.consent"].create(
            {
                "case_id": case.id,
                "purpose_id": self.env.ref("social_case.consent_purpose_discharge_provider").id,
            }
        )
        partner_type = self.env["social.partner.type"].create({"name": "Tour home nursing"})
        providers = self.env["res.partner"].create(
            [
                {
                    "name": f"Tour Provider {name}",
                    "is_company": True,
                    "email": f"{name.lower()}@example.org",
                    "social_partner_type_ids": [(6, 0, partner_type.ids)],
                    "social_need_type_ids": [
                        (6, 0, self.env.ref("social_case.need_home_care").ids)
                    ],
                    "social_capacity": 2,
                }
                for name in ("One", "Two", "Three")
            ]
        )
        self.assertEqual(
            self.env["social.case"].with_user(worker).name_search("SC/"),
            [(case.id, case.display_name)],
        )
        self.start_tour("/odoo", "social_discharge_tour", login="tour_discharge")
        plan = self.env["social.discharge.plan"].search([("case_id", "=", case.id)])
        self.assertTrue(plan.is_discharged)
        self.assertEqual(plan.destination_partner_id, providers[1])
        self.assertEqual(
            sorted(plan.request_ids.mapped("state")), ["accepted", "withdrawn", "withdrawn"]
        )
        self.assertTrue(
            case.activity_ids.filtered(lambda a: a.summary == "Follow-up after discharge")
        )

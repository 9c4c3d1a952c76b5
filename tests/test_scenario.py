"""The patient's path through the four addons, each step done by the role that does it.

A nurse refers a patient; the coordinator triages the referral into a case proposed to the
team of the patient's postal code and its least-loaded worker; the referent logs the first
contact, plans the discharge home with services, asks three providers, takes the one that
accepts, discharges the patient; the case stays open for the follow-up at home, and the
head of service finds the work in the reports.
"""

from odoo.exceptions import AccessError
from odoo.tests import Form, TransactionCase, new_test_user


class TestPatientPathway(TransactionCase):
    # outside an addon, Odoo's test metaclass sets no tags: this runs after every install
    test_tags = {"standard", "post_install"}
    test_module = "social_service_scenarios"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.nurse = new_test_user(env, "scn_nurse", groups="social_case.group_social_care")
        cls.coordinator = new_test_user(
            env, "scn_coordinator", groups="social_case.group_social_coordinator"
        )
        cls.busy_worker = new_test_user(env, "scn_busy", groups="social_case.group_social_worker")
        cls.free_worker = new_test_user(env, "scn_free", groups="social_case.group_social_worker")
        cls.manager = new_test_user(env, "scn_manager", groups="social_case.group_social_manager")
        cls.territory = env["social.territory"].create({"zip": "1999", "name": "Scenariobeek"})
        cls.team = env["social.team"].create(
            {
                "name": "Scenario Team",
                "member_ids": [(6, 0, (cls.busy_worker | cls.free_worker).ids)],
                "territory_ids": [(6, 0, cls.territory.ids)],
            }
        )
        # the busy worker already follows a patient of the territory
        env["social.case"].create(
            {
                "patient_id": env["res.partner"].create({"name": "Scenario Earlier Patient"}).id,
                "user_id": cls.busy_worker.id,
                "team_id": cls.team.id,
            }
        )
        cls.unit = env["social.unit"].create(
            {"name": "Scenario Geriatrics", "target_length_of_stay": 10}
        )
        cls.patient = env["res.partner"].create(
            {"name": "Scenario Patient", "zip": "1999", "city": "Scenariobeek"}
        )
        home_nursing = env.ref("social_case.need_home_care")
        cls.providers = env["res.partner"].create(
            [
                {
                    "name": f"Scenario Home Nursing {n}",
                    "is_company": True,
                    "email": f"nursing{n}@example.org",
                    "social_partner_type_ids": [
                        (6, 0, env.ref("social_network_partners.partner_type_home_nursing").ids)
                    ],
                    "social_need_type_ids": [(6, 0, home_nursing.ids)],
                    "social_territory_ids": [(6, 0, cls.territory.ids)],
                    "social_capacity": 2,
                }
                for n in range(3)
            ]
        )

    def test_referral_to_report(self):
        env = self.env
        # 1. the nurse refers the patient in a few fields
        referral = (
            env["social.referral"]
            .with_user(self.nurse)
            .create(
                {
                    "patient_id": self.patient.id,
                    "referrer_type": "nurse",
                    "channel": "form",
                    "unit_id": self.unit.id,
                    "reason": "Lives alone, cannot climb the stairs to the flat any more.",
                    "urgency": "normal",
                }
            )
        )
        self.assertEqual(referral.state, "new")

        # 2. the coordinator triages it: team by postal code, least-loaded referent
        triage = Form(
            env["social.referral.triage"]
            .with_user(self.coordinator)
            .with_context(default_referral_id=referral.id)
        )
        triage.decision = "new_case"
        self.assertEqual(triage.team_id, self.team)
        self.assertEqual(triage.user_id, self.free_worker)
        triage.save().action_confirm()
        case = referral.case_id.with_env(env)
        self.assertEqual(referral.state, "accepted")
        self.assertEqual((case.user_id, case.team_id), (self.free_worker, self.team))

        # the nurse learns who follows the patient, and nothing of the case itself
        env.invalidate_all()
        as_nurse = referral.with_user(self.nurse)
        self.assertEqual(as_nurse.referent_name, self.free_worker.name)
        self.assertEqual(as_nurse.case_reference, case.name)
        with self.assertRaises(AccessError):
            case.with_user(self.nurse).read(["summary"])

        # 3. the referent's first contact is the referral's measured response time
        worker = self.free_worker
        env["social.intervention"].with_user(worker).create(
            {
                "case_id": case.id,
                "type_id": env.ref("social_case.intervention_type_interview_patient").id,
                "duration": 40,
                "note": "First interview at the bedside.",
            }
        )
        self.assertTrue(referral.first_contact_date)
        self.assertGreaterEqual(referral.hours_to_first_contact, 0)

        # 4. discharge planning: the patient agrees that providers are asked, then home with
        # services, three providers asked at once
        env["social.consent"].with_user(worker).create(
            {
                "case_id": case.id,
                "purpose_id": env.ref("social_case.consent_purpose_discharge_provider").id,
                "given_by": "patient",
                "method": "oral",
            }
        )
        plan = (
            env["social.discharge.plan"]
            .with_user(worker)
            .create(
                {
                    "case_id": case.id,
                    "unit_id": self.unit.id,
                    "admission_date": "2026-11-02",
                    "destination_type": "home_services",
                    "template_id": env.ref("social_discharge.template_home_services").id,
                }
            )
        )
        self.assertEqual(str(plan.expected_discharge_date), "2026-11-12", "admission + 10 days")
        plan.action_apply_template()
        self.assertTrue(plan.task_ids)
        wizard = Form(
            env["social.discharge.provider.wizard"]
            .with_user(worker)
            .with_context(default_plan_id=plan.id)
        )
        wizard.channel = "phone"
        for provider in self.providers:
            wizard.partner_ids.add(provider)
        wizard.save().action_create_requests()
        self.assertEqual(len(plan.request_ids), 3)
        accepted = plan.request_ids.filtered(lambda r: r.partner_id == self.providers[1])
        action = accepted.with_user(worker).action_accept()
        Form(
            env["social.discharge.withdraw.wizard"]
            .with_user(worker)
            .with_context(**action["context"])
        ).save().action_confirm()
        self.assertEqual(plan.destination_partner_id, self.providers[1])
        self.assertEqual(
            sorted(plan.request_ids.mapped("state")), ["accepted", "withdrawn", "withdrawn"]
        )

        # 5. discharge: the case stays open with the same referent, a follow-up call is planned
        plan.task_ids.with_user(worker).action_done()
        self.assertTrue(plan.with_user(worker).action_discharge())
        self.assertTrue(plan.is_discharged)
        self.assertFalse(case.is_closed)
        self.assertEqual(case.user_id, worker)
        self.assertTrue(case.activity_ids.filtered(lambda a: a.user_id == worker))

        # the nurse sees the plan's stage and dates
        env.invalidate_all()
        seen = plan.with_user(self.nurse).read(["stage_id", "actual_discharge_date"])[0]
        self.assertEqual(seen["stage_id"][0], plan.stage_id.id)

        # 6. the head of service finds the work in the reports, without patient names
        env.flush_all()
        caseload = env["social.report.caseload"].with_user(self.manager)
        self.assertEqual(
            caseload.search_count([("user_id", "=", worker.id), ("is_closed", "=", False)]), 1
        )
        interventions = env["social.report.intervention"].with_user(self.manager)
        [(minutes,)] = interventions._read_group(
            [("user_id", "=", worker.id)], [], ["duration:sum"]
        )
        self.assertEqual(minutes, 40)

from datetime import timedelta

from odoo.tests import tagged

from .common import HisCommon


@tagged("post_install", "-at_install")
class TestHisEvents(HisCommon):
    """What each ADT event does to the case of the patient, in the order of the events."""

    def test_admission_creates_the_stay_of_the_open_case(self):
        message = self.receive(self.hl7("A01", self.day0, expected=self.today + timedelta(days=3)))
        self.assertEqual(message.state, "done", message.reason)
        stay = self.stays(self.case_a)
        self.assertEqual(len(stay), 1)
        self.assertEqual(stay.unit_id, self.cardiology)
        self.assertEqual(stay.room, "204")
        self.assertEqual(stay.date_start, self.day0.date())
        self.assertEqual(stay.his_visit_number, "V0001")
        self.assertEqual(stay.expected_end_date, self.today + timedelta(days=3))
        self.assertEqual(message.case_id, self.case_a)
        self.assertIn("From the hospital system", self.chatter(self.case_a))
        self.assertIn("Probe Cardiology", self.chatter(self.case_a))

    def test_admission_is_matched_by_national_number_too(self):
        message = self.receive(
            self.hl7("A01", self.day0, patient_number="OTHER-NUMBER", patient_niss=self.niss_a)
        )
        self.assertEqual(message.state, "done", message.reason)
        self.assertEqual(message.patient_id, self.patient_a)
        self.assertEqual(len(self.stays(self.case_a)), 1)

    def test_admission_takes_over_the_stay_typed_by_hand(self):
        typed = self.env["social.case.episode"].create(
            {"case_id": self.case_a.id, "unit_id": self.geriatrics.id, "date_start": self.today}
        )
        self.receive(self.hl7("A01", self.day0))
        self.assertEqual(self.stays(self.case_a), typed)
        self.assertEqual(typed.unit_id, self.cardiology)
        self.assertEqual(typed.his_visit_number, "V0001")
        self.assertEqual(typed.date_start, self.day0.date())

    def test_known_patient_without_case_is_listed_no_case_opened(self):
        cases_before = self.env["social.case"].search_count([])
        message = self.receive(self.hl7("A01", self.day0, patient_number="P-2002"))
        self.assertEqual(message.state, "done", message.reason)
        self.assertEqual(self.env["social.case"].search_count([]), cases_before)
        admission = self.env["social.his.admission"].search(
            [("patient_id", "=", self.patient_known.id)]
        )
        self.assertEqual(admission.unit_id, self.cardiology)
        self.assertEqual(admission.last_case_id, self.case_known)
        self.assertEqual(admission.state, "admitted")
        # the coordinator reads the list; discharge marks the line
        rows = self.rpc(
            self.coordinator,
            "social.his.admission",
            "search_read",
            [[("patient_id", "=", self.patient_known.id)], ["patient_id", "room"]],
        )
        self.assertEqual([row["room"] for row in rows], ["204"])
        self.receive(self.hl7("A03", self.day0 + timedelta(days=2), patient_number="P-2002"))
        self.assertEqual(admission.state, "discharged")

    def test_unknown_patient_is_ignored(self):
        message = self.receive(self.hl7("A01", self.day0, patient_number="NOBODY"))
        self.assertEqual(message.state, "ignored")
        self.assertFalse(message.patient_id)
        self.assertFalse(self.env["social.his.admission"].search([("visit_number", "=", "V0001")]))
        self.assertEqual(message.ack_code, "AA")

    def test_transfer_moves_unit_and_room(self):
        self.receive(self.hl7("A01", self.day0))
        message = self.receive(
            self.hl7("A02", self.day0 + timedelta(days=1), unit="PGERI", room="12")
        )
        self.assertEqual(message.state, "done", message.reason)
        stay = self.stays(self.case_a)
        self.assertEqual((stay.unit_id, stay.room), (self.geriatrics, "12"))
        self.assertIn("transferred", self.chatter(self.case_a))

    def test_an_older_message_does_not_undo_a_newer_one(self):
        # the transfer arrives before the admission that precedes it
        transfer = self.receive(
            self.hl7("A02", self.day0 + timedelta(days=1), unit="PGERI", room="12")
        )
        self.assertEqual(transfer.state, "done", transfer.reason)
        admission = self.receive(self.hl7("A01", self.day0))
        self.assertEqual(admission.state, "done")
        self.assertIn("Only the admission time", admission.reason)
        stay = self.stays(self.case_a)
        self.assertEqual(len(stay), 1)
        self.assertEqual((stay.unit_id, stay.room), (self.geriatrics, "12"))
        self.assertEqual(stay.date_start, self.day0.date())
        # an older update is ignored
        update = self.receive(self.hl7("A08", self.day0 + timedelta(hours=2), unit="PCARD"))
        self.assertEqual(update.state, "ignored")
        self.assertEqual(stay.unit_id, self.geriatrics)

    def test_discharge_ends_the_stay_and_sets_the_plan(self):
        self.receive(self.hl7("A01", self.day0))
        stay = self.stays(self.case_a)
        plan = self.env["social.discharge.plan"].create(
            {
                "case_id": self.case_a.id,
                "episode_id": stay.id,
                "medically_ready_date": self.day0.date() + timedelta(days=1),
            }
        )
        discharged = self.day0 + timedelta(days=4)
        message = self.receive(self.hl7("A03", discharged, discharged=discharged))
        self.assertEqual(message.state, "done", message.reason)
        self.assertEqual(stay.date_end, discharged.date())
        self.assertEqual(plan.actual_discharge_date, discharged.date())
        self.assertEqual(plan.delay_days, 3)
        activity = plan.activity_ids
        self.assertEqual(activity.user_id, self.worker_a)
        self.assertIn("Discharged by the hospital", activity.summary)
        self.assertIn("discharged on", self.chatter(self.case_a))

    def test_cancel_after_discharge_reopens_the_stay(self):
        self.receive(self.hl7("A01", self.day0))
        stay = self.stays(self.case_a)
        plan = self.env["social.discharge.plan"].create(
            {"case_id": self.case_a.id, "episode_id": stay.id}
        )
        self.receive(self.hl7("A03", self.day0 + timedelta(days=2)))
        self.assertTrue(stay.date_end)
        message = self.receive(self.hl7("A13", self.day0 + timedelta(days=2, hours=1)))
        self.assertEqual(message.state, "done", message.reason)
        self.assertFalse(stay.date_end)
        self.assertFalse(plan.actual_discharge_date)
        self.assertIn("discharge cancelled", self.chatter(self.case_a))

    def test_cancel_transfer_goes_back(self):
        self.receive(self.hl7("A01", self.day0))
        self.receive(self.hl7("A02", self.day0 + timedelta(days=1), unit="PGERI", room="12"))
        message = self.receive(self.hl7("A12", self.day0 + timedelta(days=1, hours=1)))
        self.assertEqual(message.state, "done", message.reason)
        stay = self.stays(self.case_a)
        self.assertEqual((stay.unit_id, stay.room), (self.cardiology, "204"))

    def test_cancel_admission_removes_the_stay_it_created(self):
        self.receive(self.hl7("A01", self.day0))
        self.assertTrue(self.stays(self.case_a))
        message = self.receive(self.hl7("A11", self.day0 + timedelta(hours=1)))
        self.assertEqual(message.state, "done", message.reason)
        self.assertFalse(self.stays(self.case_a))
        self.assertIn("admission V0001 cancelled", self.chatter(self.case_a))

    def test_update_sets_only_what_the_hospital_owns(self):
        self.receive(self.hl7("A01", self.day0))
        stay = self.stays(self.case_a)
        plan = self.env["social.discharge.plan"].create(
            {"case_id": self.case_a.id, "episode_id": stay.id}
        )
        expected = self.today + timedelta(days=9)
        message = self.receive(
            self.hl7(
                "A08",
                self.day0 + timedelta(days=1),
                unit="PGERI",
                room="7",
                expected=expected,
                name=("Dupont", "Marie-Claire"),
            )
        )
        self.assertEqual(message.state, "done", message.reason)
        self.assertEqual((stay.unit_id, stay.room), (self.geriatrics, "7"))
        self.assertEqual(plan.expected_discharge_date, expected)
        self.assertEqual(self.patient_a.name, "Marie-Claire Dupont")
        # the social service's own data stays as it was
        self.assertFalse(plan.medically_ready_date)
        self.assertEqual(self.case_a.user_id, self.worker_a)

    def test_merge_raises_the_duplicate_flag_and_merges_nothing(self):
        self.patient_b.sudo().social_patient_number = "P-3003"
        partners = self.env["res.partner"].search_count([])
        message = self.receive(self.hl7("A40", self.day0, patient_number="P-1001", prior="P-3003"))
        self.assertEqual(message.state, "done", message.reason)
        flag_type = self.env.ref("social_his.flag_type_his_merge")
        for case in (self.case_a, self.case_b):
            flags = self.env["social.case.flag"].search(
                [("case_id", "=", case.id), ("flag_type_id", "=", flag_type.id)]
            )
            self.assertEqual(len(flags), 1)
        self.assertEqual(self.env["res.partner"].search_count([]), partners)
        self.assertTrue(self.patient_b.active)
        self.assertEqual(self.case_b.patient_id, self.patient_b)

    def test_unknown_unit_is_an_error_until_mapped_then_retried(self):
        message = self.receive(self.hl7("A01", self.day0, unit="ONCO"))
        self.assertEqual(message.state, "error")
        self.assertIn("ONCO", message.reason)
        self.assertIn("not mapped", message.reason)
        self.assertEqual(message.ack_code, "AE")
        self.assertFalse(self.stays(self.case_a))
        self.assertFalse(self.case_a.message_ids.filtered(lambda m: "hospital" in (m.body or "")))
        oncology = self.env["social.unit"].create({"name": "Probe Oncology"})
        self.env["social.his.unit.map"].create({"code": "ONCO", "unit_id": oncology.id})
        self.rpc(self.his_user, "social.his.message", "action_retry", [message.ids])
        self.env.invalidate_all()
        self.assertEqual(message.state, "done", message.reason)
        self.assertEqual(self.stays(self.case_a).unit_id, oncology)

    def test_malformed_message_is_stored_in_error_and_changes_nothing(self):
        body = self.hl7("A01", self.day0).replace("PID|1||P-1001^^^SRH^PI", "PID|1||")
        message = self.receive(body)
        self.assertEqual(message.state, "error")
        self.assertTrue(message.parse_error)
        self.assertIn("PID-3", message.reason)
        self.assertEqual(message.ack_code, "AR")
        self.assertFalse(self.stays(self.case_a))
        garbage = self.receive("this is not HL7")
        self.assertEqual(garbage.state, "error")
        self.assertIn("MSH", garbage.reason)
        self.assertTrue(garbage.control_id.startswith("sha256:"))
        # the same garbage twice is one message
        self.assertEqual(self.receive("this is not HL7"), garbage)

    def test_a_failure_midway_leaves_nothing_half_applied(self):
        self.receive(self.hl7("A01", self.day0))
        stay = self.stays(self.case_a)
        # a discharge dated before the admission: refused after the stay was looked up
        message = self.receive(self.hl7("A03", self.day0 - timedelta(days=3)))
        self.assertEqual(message.state, "error")
        self.assertIn("before the admission", message.reason)
        self.assertFalse(stay.date_end)

    def test_fhir_bundle_admits_and_discharges(self):
        control = self.control()
        bundle = self.fhir(
            "in-progress",
            self.day0,
            control,
            ssin=self.niss_a,
            number=None,
            planned_end=self.today + timedelta(days=2),
        )
        import json

        message = self.receive(json.dumps(bundle), "fhir")
        self.assertEqual(message.state, "done", message.reason)
        stay = self.stays(self.case_a)
        self.assertEqual((stay.unit_id, stay.room), (self.cardiology, "204"))
        self.assertEqual(stay.expected_end_date, self.today + timedelta(days=2))
        finished = self.fhir(
            "finished",
            self.day0 + timedelta(days=3),
            self.control(),
            ssin=self.niss_a,
            number=None,
            end=self.day0 + timedelta(days=3),
        )
        message = self.receive(json.dumps(finished), "fhir")
        self.assertEqual(message.state, "done", message.reason)
        self.assertEqual(stay.date_end, (self.day0 + timedelta(days=3)).date())

    def test_raw_message_erased_after_retention_metadata_kept(self):
        message = self.receive(self.hl7("A01", self.day0))
        self.assertTrue(message.raw)
        message.received_at = message.received_at - timedelta(days=31)
        self.env["social.his.message"]._cron_erase_raw()
        self.assertFalse(message.raw)
        self.assertTrue(message.raw_erased)
        self.assertEqual((message.event_code, message.state), ("A01", "done"))
        self.assertTrue(message.control_id)

    def test_unreadable_message_keeps_no_quote_of_its_text_after_retention(self):
        """The reason an unreadable message was refused may quote it (here a date of birth):
        once the raw text goes, the reason and the answer kept for a repeat go with it."""
        body = self.hl7("A01", self.day0, birthdate="19500399")
        message = self.receive(body)
        self.assertTrue(message.parse_error)
        self.assertIn("19500399", message.reason)
        self.assertIn("19500399", message.reply)
        message.received_at = message.received_at - timedelta(days=31)
        self.env["social.his.message"]._cron_erase_raw()
        self.assertFalse(message.raw)
        for text in (message.reason, message.reply):
            self.assertNotIn("19500399", text)
            self.assertIn("erased after the retention period", text)
        self.assertEqual(message.ack_code, "AR")
        # a late repeat of the same bytes gets the answer kept, which quotes nothing
        self.assertEqual(self.receive(body), message)

    def test_pending_messages_are_processed_by_the_cron_in_event_order(self):
        Message = self.env["social.his.message"]
        later = Message.create(
            {
                "sender_id": self.sender.id,
                "protocol": "hl7v2",
                "control_id": "C2",
                "event_code": "A02",
                "event_time": self.day0 + timedelta(days=1),
                "patient_number": "P-1001",
                "visit_number": "V0001",
                "unit_code": "PGERI",
                "room": "12",
            }
        )
        earlier = Message.create(
            {
                "sender_id": self.sender.id,
                "protocol": "hl7v2",
                "control_id": "C1",
                "event_code": "A01",
                "event_time": self.day0,
                "patient_number": "P-1001",
                "visit_number": "V0001",
                "unit_code": "PCARD",
                "room": "204",
            }
        )
        Message._cron_process()
        self.assertEqual((earlier.state, later.state), ("done", "done"))
        stay = self.stays(self.case_a)
        self.assertEqual((stay.unit_id, stay.room), (self.geriatrics, "12"))
        self.assertIn("transferred", later.reason + self.chatter(self.case_a))

    def test_query_count_per_message_is_constant(self):
        """The cost of a message does not grow with the inbox or the case: the queries of a
        transfer, measured for the first and the twentieth."""
        self.receive(self.hl7("A01", self.day0))
        counts = []
        for index in range(20):
            body = self.hl7(
                "A02",
                self.day0 + timedelta(hours=index + 1),
                unit="PGERI" if index % 2 else "PCARD",
                room=str(index),
            )
            self.env.flush_all()
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            message = self.env["social.his.message"]._receive(self.sender, "hl7v2", body)
            self.env.flush_all()
            counts.append(self.cr.sql_log_count - start)
            self.assertEqual(message.state, "done", message.reason)
        self.assertLessEqual(max(counts[2:]) - min(counts[2:]), 2, counts)
        self.assertLess(max(counts), 120, counts)

    def test_anonymisation_leaves_no_identity_in_the_inbox(self):
        """What the hospital system said of an anonymised patient keeps its event, dates and
        unit for the counts, never who it was about."""
        admitted = self.receive(self.hl7("A01", self.day0, patient_niss=self.niss_a))
        self.assertEqual(admitted.state, "done", admitted.reason)
        known = self.receive(self.hl7("A01", self.day0, patient_number="P-2002", visit="V0002"))
        self.assertTrue(self.env["social.his.admission"].search([("visit_number", "=", "V0002")]))
        (self.case_a | self.case_known)._anonymise()
        self.env.invalidate_all()
        self.assertFalse(self.stays(self.case_a).his_visit_number)
        identity = (self.niss_a, "P-1001", "P-2002", "Dupont", "Marie", "V0001", "V0002")
        for message in admitted | known:
            values = message.read()[0]
            text = " ".join(str(value) for value in values.values())
            for value in identity:
                self.assertNotIn(value, text)
            self.assertEqual(message.event_code, "A01")
            self.assertTrue(message.admitted_at)
        self.assertEqual(admitted.patient_id, self.case_a.patient_id)  # the placeholder
        self.assertFalse(
            self.env["social.his.admission"].search([("visit_number", "in", ["V0001", "V0002"])])
        )

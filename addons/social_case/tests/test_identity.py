from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from .common_probe import ProbeCommon

NISS = "62.01.15-456.15"
NISS_OTHER = "75.12.24-789.53"


@tagged("post_install", "-at_install")
class TestPatientIdentity(ProbeCommon):
    """The national number and the hospital patient number: validated, one contact per
    value and site, read by the social service only; likely duplicates flagged at triage."""

    def test_the_national_number_is_validated_and_kept_formatted(self):
        self.rpc(
            self.worker_a,
            "social.case",
            "write",
            [self.case_a.ids, {"patient_niss": "62011545615"}],
        )
        self.assertEqual(self.patient_a.social_niss, NISS)
        self.assertEqual(self.case_a.patient_niss, NISS)
        with self.assertRefused(self.patient_a, exceptions=(ValidationError,)) as caught:
            self.rpc(
                self.worker_a,
                "social.case",
                "write",
                [self.case_a.ids, {"patient_niss": "62.01.15-456.16"}],
            )
        self.assertIn("not a valid Belgian national number", str(caught.exception))
        self.assertEqual(self.patient_a.social_niss, NISS)

    def test_one_contact_per_national_number_in_the_group_and_patient_number_in_a_site(self):
        self.patient_a.write({"social_niss": NISS, "social_patient_number": "P-1001"})
        for field, value in (("patient_niss", "62011545615"), ("patient_number", " P-1001 ")):
            with self.assertRefused(self.patient_b, exceptions=(ValidationError,)) as caught:
                self.rpc(self.worker_b, "social.case", "write", [self.case_b.ids, {field: value}])
            message = str(caught.exception)
            self.assertIn("already known to the service; ask the coordinator", message)
            # the other person is not named, nor the number: the user may not follow them
            self.assertNotIn(self.patient_a.name, message)
            self.assertNotIn("P-1001", message)
        # a contact of another site may carry the patient number a contact of this site has...
        local = self.env["res.partner"].create(
            {
                "name": "Probe Local",
                "company_id": self.env.company.id,
                "social_patient_number": "P-7",
            }
        )
        self.patient_site_2.social_patient_number = "P-7"
        self.assertEqual(local.social_patient_number, self.patient_site_2.social_patient_number)
        # ...but not one shared by every site, and a national number is one person's in the group
        with self.assertRaises(ValidationError):
            self.patient_free.social_patient_number = "P-7"
        local.social_niss = NISS_OTHER
        with self.assertRaises(ValidationError):
            self.patient_site_2.social_niss = NISS_OTHER

    def test_care_team_and_liaison_providers_never_read_the_identifiers(self):
        self.patient_a.write({"social_niss": NISS, "social_patient_number": "P-1001"})
        for user in (self.nurse, self.volunteer):
            fields = self.rpc(user, "res.partner", "fields_get", [], {"attributes": ["type"]})
            self.assertNotIn("social_niss", fields)
            self.assertNotIn("social_patient_number", fields)
            for call in (
                ("read", [self.patient_a.ids, ["social_niss"]]),
                ("search", [[("social_niss", "=", NISS)]]),
                ("search_count", [[("social_patient_number", "=", "P-1001")]]),
                ("read_group", [[], ["social_niss"], ["social_niss"]]),
                ("write", [self.patient_a.ids, {"social_niss": NISS_OTHER}]),
            ):
                with self.labelled(user=user.login, call=call[0]):
                    with self.assertRefused(self.patient_a, exceptions=(AccessError,)):
                        self.rpc(user, "res.partner", *call)
        # the nurse's own referral form reads none of them either
        with self.assertRefused(exceptions=(AccessError,)):
            self.rpc(
                self.nurse, "social.referral", "read", [self.referral_nurse.ids, ["patient_niss"]]
            )
        self.assertEqual(
            self.rpc(self.worker_a, "social.case", "read", [self.case_a.ids, ["patient_number"]])[
                0
            ]["patient_number"],
            "P-1001",
        )

    def test_a_likely_duplicate_is_flagged_to_the_coordinator_and_followed_once(self):
        """The nurse creates a second contact for a patient already followed: the coordinator
        sees the likely duplicate, says it is the same person, and the referral joins the
        patient's open case instead of a second file."""
        self.patient_a.write({"social_birthdate": "1962-01-15", "social_niss": NISS})
        second = self.env["res.partner"].create({"name": "probe patient a"})
        referral = self.rpc(
            self.nurse,
            "social.referral",
            "create",
            [{"patient_id": second.id, "patient_birthdate": "1962-01-15", "reason": "Falls"}],
        )
        referral = self.env["social.referral"].browse(referral)
        # the nurse is warned that someone else has this name; the coordinator sees who
        self.assertEqual(
            self.rpc(
                self.nurse, "social.referral", "read", [referral.ids, ["patient_homonym_count"]]
            )[0]["patient_homonym_count"],
            1,
        )
        rows = self.rpc(
            self.coordinator, "social.referral", "read", [referral.ids, ["patient_duplicate_ids"]]
        )
        self.assertEqual(rows[0]["patient_duplicate_ids"], self.patient_a.ids)
        wizard = Form(
            self.env["social.referral.triage"]
            .with_user(self.coordinator)
            .with_context(default_referral_id=referral.id)
        )
        self.assertTrue(wizard.duplicate_has_open_case)
        self.assertEqual(wizard.decision, "new_case")
        wizard.same_person_id = self.patient_a
        self.assertEqual(wizard.decision, "existing_case")
        self.assertEqual(wizard.existing_case_id, self.case_a)
        cases_before = self.env["social.case"].search_count([])
        triage = wizard.save()
        self.assertEqual(triage.duplicate_ids, self.patient_a)
        triage.action_confirm()
        self.assertEqual(referral.patient_id, self.patient_a)
        self.assertEqual(referral.sudo().case_id, self.case_a)
        self.assertEqual(self.env["social.case"].search_count([]), cases_before)
        self.assertTrue(any(f"#{second.id}" in m.body for m in referral.message_ids))
        # a contact with another date of birth is not a likely duplicate
        self.patient_a.social_birthdate = "1961-06-30"
        # (a third contact: the second is no longer hers to choose once moved to the first)
        third = self.env["res.partner"].create({"name": "probe patient a"})
        other = (
            self.env["social.referral"]
            .with_user(self.nurse)
            .create({"patient_id": third.id, "patient_birthdate": "1962-01-16", "reason": "Falls"})
        )
        self.assertEqual(other.patient_homonym_count, 0)

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_privacy import PrivacyCommon

# the patient's situation: never tracked, never sent with its values in a notification
SITUATION_FIELDS = {
    "summary",
    "household_type",
    "dependants_count",
    "income_source",
    "insurer_id",
    "insurer_member_number",
    "has_increased_reimbursement",
    "residence_status",
    "housing",
    "language_id",
    "interpreter_needed",
    "legal_protection",
    "autonomy",
    "patient_birthdate",
}
AUDITED_FIELDS = {"stage_id", "user_id", "confidentiality", "priority", "active", "close_reason"}


@tagged("post_install", "-at_install")
class TestPrivacyFollowers(PrivacyCommon):
    """SECURITY.md #8 and #10: only people who may read a case follow it, receive its
    messages or get its activities."""

    def _follower_partners(self, record):
        self.env.invalidate_all()
        return record.sudo().message_partner_ids

    def test_outside_partner_cannot_follow(self):
        for partner in (self.outsider, self.patient_a):
            with self.labelled(partner=partner.name), self.assertRaises(UserError):
                self.case_a.with_user(self.worker_a).message_subscribe(partner_ids=partner.ids)
            self.assertNotIn(partner, self._follower_partners(self.case_a))

    def test_users_who_cannot_read_cannot_follow(self):
        for user in (self.nurse, self.worker_b, self.volunteer):
            with self.labelled(user=user.login), self.assertRaises(UserError):
                self.case_a.with_user(self.worker_a).message_subscribe(
                    partner_ids=user.partner_id.ids
                )
            self.assertNotIn(user.partner_id, self._follower_partners(self.case_a))

    def test_referent_coworker_team_member_can_follow(self):
        self.case_a.coworker_ids = self.worker_b
        readers = self.worker_a | self.worker_a2 | self.worker_b | self.manager
        self.case_a.with_user(self.worker_a).message_subscribe(partner_ids=readers.partner_id.ids)
        self.assertLessEqual(readers.partner_id, self._follower_partners(self.case_a))

    def test_restricted_case_not_followed_by_team(self):
        self.case_a.confidentiality = "restricted"
        with self.assertRaises(UserError):
            self.case_a.with_user(self.worker_a).message_subscribe(
                partner_ids=self.worker_a2.partner_id.ids
            )
        self.assertNotIn(self.worker_a2.partner_id, self._follower_partners(self.case_a))

    def test_procedure_followers_follow_the_case_rule(self):
        with self.assertRaises(UserError):
            self.procedure_a.with_user(self.worker_a).message_subscribe(
                partner_ids=self.outsider.ids
            )
        self.assertNotIn(self.outsider, self._follower_partners(self.procedure_a))

    def test_message_to_outside_partner_refused(self):
        before = len(self._messages(self.case_a))
        for kwargs in (
            {
                "body": "Landlord, please call back.",
                "message_type": "comment",
                "subtype_xmlid": "mail.mt_comment",
            },
            {
                "body": "@Landlord see this",
                "message_type": "comment",
                "subtype_xmlid": "mail.mt_note",
            },
        ):
            with self.labelled(subtype=kwargs["subtype_xmlid"]), self.assertRaises(UserError):
                self.case_a.with_user(self.worker_a).message_post(
                    partner_ids=self.outsider.ids, **kwargs
                )
        with self.assertRaises(UserError):
            self.case_a.with_user(self.worker_a).message_notify(
                body="Your file", partner_ids=self.outsider.ids
            )
        with self.assertRaises(UserError):
            self.case_a.with_user(self.worker_a).message_post(
                body="Nurse, look", partner_ids=self.nurse.partner_id.ids
            )
        self.assertEqual(len(self._messages(self.case_a)), before)
        notified = (
            self.env["mail.notification"]
            .sudo()
            .search([("res_partner_id", "in", (self.outsider | self.nurse.partner_id).ids)])
        )
        self.assertFalse(notified.filtered(lambda n: n.mail_message_id.model == "social.case"))

    def test_internal_note_and_mention_of_a_colleague_remain_possible(self):
        note = self.case_a.with_user(self.worker_a).message_post(
            body="Called the patient's daughter.",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        mention = self.case_a.with_user(self.worker_a).message_post(
            body="@colleague can you take the home visit?",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            partner_ids=self.worker_a2.partner_id.ids,
        )
        self.env.invalidate_all()
        self.assertIn(note, self._messages(self.case_a))
        self.assertTrue(note.sudo().is_internal or note.sudo().subtype_id.internal)
        self.assertEqual(mention.sudo().partner_ids, self.worker_a2.partner_id)

    # -- activities (#10) --------------------------------------------------------------
    def test_activity_assignee_must_read_the_case(self):
        Activity = self.env["mail.activity"].sudo()
        before = Activity.search_count([("res_model", "=", "social.case")])
        for user in (self.nurse, self.worker_b):
            with self.labelled(user=user.login), self.assertRaises(UserError):
                self.case_a.with_user(self.worker_a).activity_schedule(
                    "mail.mail_activity_data_todo", summary="Call the CPAS", user_id=user.id
                )
        self.assertEqual(Activity.search_count([("res_model", "=", "social.case")]), before)
        activity = self.case_a.with_user(self.worker_a).activity_schedule(
            "mail.mail_activity_data_todo", summary="Home visit", user_id=self.worker_a2.id
        )
        self.assertEqual(activity.user_id, self.worker_a2)
        with self.assertRaises(UserError):
            activity.with_user(self.worker_a).write({"user_id": self.nurse.id})
        self.env.invalidate_all()
        self.assertEqual(activity.sudo().user_id, self.worker_a2)

    def test_procedure_deadline_activity_for_an_outsider_refused(self):
        with self.assertRaises(UserError):
            self.procedure_a.with_user(self.worker_a).write({"user_id": self.worker_b.id})
        self.env.invalidate_all()
        self.assertEqual(self.procedure_a.user_id, self.worker_a)


@tagged("post_install", "-at_install")
class TestPrivacyTracking(PrivacyCommon):
    """SECURITY.md #9, #15, #17: the chatter records key changes, never situation values,
    whatever the context says."""

    def test_tracked_fields(self):
        for model in ("social.case", "social.procedure"):
            tracked = set(self.env[model]._track_get_fields())
            with self.labelled(model=model):
                self.assertFalse(tracked & SITUATION_FIELDS, "situation fields must not be tracked")
                for name in tracked:
                    field = self.env[model]._fields[name]
                    self.assertNotIn(
                        field.type, ("text", "html"), f"{model}.{name}: free text is tracked"
                    )
        self.assertLessEqual(AUDITED_FIELDS, set(self.env["social.case"]._track_get_fields()))

    def test_notification_carries_no_situation_value(self):
        self.flush_tracking()
        self.case_a.with_user(self.worker_a).write(
            {
                "stage_id": self.stages_open[-1].id,
                "household_type": "single_parent",
                "income_source": "integration_income",
                "residence_status": "irregular",
                "insurer_member_number": "SECRET-0042",
                "summary": "<p>Debts, violence at home</p>",
            }
        )
        self.flush_tracking()
        messages = self._messages(self.case_a)
        tracked = messages.tracking_value_ids.field_id.mapped("name")
        self.assertIn("stage_id", tracked)
        self.assertFalse(set(tracked) & SITUATION_FIELDS)
        content = " ".join(messages.mapped("body")) + " ".join(
            str(v) for v in messages.tracking_value_ids.mapped("new_value_char")
        )
        for secret in ("SECRET-0042", "violence", "Single Parent", "No Legal Residence"):
            self.assertNotIn(secret, content)

    def _changes(self):
        return {
            "stage_id": self.stages_open[-1].id,
            "user_id": self.worker_a2.id,
            "confidentiality": "restricted",
            "priority": "2",
        }

    def test_silencing_context_does_not_silence_the_audit(self):
        for key in ("tracking_disable", "mail_notrack"):
            with self.labelled(key=key):
                case = self.env["social.case"].create(
                    {
                        "patient_id": self.env["res.partner"].create({"name": f"P {key}"}).id,
                        "user_id": self.worker_a.id,
                        "team_id": self.team_a.id,
                    }
                )
                self.flush_tracking()
                case.with_user(self.worker_a).with_context(**{key: True}).write(self._changes())
                self.flush_tracking()
                tracked = set(self._messages(case).tracking_value_ids.field_id.mapped("name"))
                self.assertLessEqual(
                    {"stage_id", "user_id", "confidentiality", "priority"}, tracked
                )

    def test_silenced_creation_is_still_logged(self):
        case = (
            self.env["social.case"]
            .with_user(self.worker_a)
            .with_context(tracking_disable=True, mail_create_nolog=True)
            .create(
                {
                    "patient_id": self.env["res.partner"].create({"name": "P new"}).id,
                    "team_id": self.team_a.id,
                }
            )
        )
        self.flush_tracking()
        self.assertTrue(self._messages(case), "the creation of a case is in its chatter")
        self.assertIn(self.worker_a.partner_id, case.sudo().message_partner_ids)

    def test_procedure_state_change_tracked_despite_context(self):
        self.flush_tracking()
        self.procedure_a.with_user(self.worker_a).with_context(
            tracking_disable=True, mail_notrack=True
        ).action_submit()
        self.flush_tracking()
        tracked = self._messages(self.procedure_a).tracking_value_ids.field_id.mapped("name")
        self.assertIn("state", tracked)

    def test_context_does_not_widen_access(self):
        self.case_b.active = False
        self.env.invalidate_all()
        Case = self.env["social.case"].with_user(self.worker_a)
        for ctx in (
            {"active_test": False},
            {"active_test": False, "default_user_id": self.worker_a.id},
            {"default_team_id": self.team_b.id, "default_confidentiality": "normal"},
        ):
            with self.labelled(ctx=ctx):
                self.assertFalse(Case.with_context(**ctx).search([("id", "=", self.case_b.id)]))
                self.assertFalse(
                    Case.with_context(**ctx).search_count([("patient_id", "=", self.patient_b.id)])
                )
                with self.assertRaises(AccessError):
                    Case.with_context(**ctx).browse(self.case_b.id).read(["patient_id"])
        self.assertIn(
            self.case_b,
            self.env["social.case"]
            .with_user(self.manager)
            .with_context(active_test=False)
            .search([("id", "=", self.case_b.id)]),
            "the manager still reaches the archived case",
        )

    def test_default_keys_do_not_create_for_another_team(self):
        Case = self.env["social.case"].with_user(self.worker_a)
        count = self.env["social.case"].sudo().with_context(active_test=False).search_count([])
        with self.assertRaises(AccessError):
            Case.with_context(
                default_user_id=self.worker_b.id, default_team_id=self.team_b.id
            ).create({"patient_id": self.env["res.partner"].create({"name": "P dflt"}).id})
        self.env.invalidate_all()
        self.assertEqual(
            self.env["social.case"].sudo().with_context(active_test=False).search_count([]), count
        )


@tagged("post_install", "-at_install")
class TestPrivacyMessages(PrivacyCommon):
    """SECURITY.md #16/#17: messages of a case are part of the file."""

    def setUp(self):
        super().setUp()
        self.note = self.case_a.with_user(self.worker_a).message_post(
            body="Met the patient: agrees to a home help request.",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        self.flush_tracking()

    def test_worker_cannot_edit_or_delete_own_message(self):
        note = self.note.with_user(self.worker_a)
        with self.assertRaises(UserError):
            note.write({"body": "Nothing happened."})
        with self.assertRaises(UserError):
            self.case_a.with_user(self.worker_a)._message_update_content(note, body="Rewritten")
        with self.assertRaises(UserError):
            self.case_a.with_user(self.worker_a)._message_update_content(note, body="")
        with self.assertRaises(UserError):
            note.unlink()
        self.env.invalidate_all()
        self.assertTrue(self.note.exists())
        self.assertIn("home help", self.note.sudo().body)

    def test_coordinator_cannot_delete_tracking(self):
        self.case_a.write({"stage_id": self.stages_open[-1].id})
        self.flush_tracking()
        tracking = self._messages(self.case_a).filtered("tracking_value_ids")
        self.assertTrue(tracking)
        with self.assertRaises(UserError):
            tracking.with_user(self.coordinator).unlink()
        with self.assertRaises(UserError):
            tracking.with_user(self.coordinator).write({"body": "forged"})
        self.env.invalidate_all()
        self.assertTrue(tracking.exists())

    def test_procedure_messages_protected(self):
        message = self.procedure_a.with_user(self.worker_a).message_post(
            body="Sent to the CPAS.", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        with self.assertRaises(UserError):
            message.with_user(self.worker_a).unlink()
        self.assertTrue(message.exists())

    def test_worker_can_still_star_a_message(self):
        self.note.with_user(self.worker_a).toggle_message_starred()
        self.env.invalidate_all()
        self.assertIn(self.worker_a.partner_id, self.note.sudo().starred_partner_ids)

    def test_manager_can_edit_and_delete(self):
        self.case_a.with_user(self.manager)._message_update_content(
            self.note.with_user(self.manager), body="Corrected by the manager"
        )
        self.env.invalidate_all()
        self.assertIn("Corrected by the manager", self.note.sudo().body)
        self.note.with_user(self.manager).unlink()
        self.assertFalse(self.note.exists())

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import SocialCaseCommon

MODELS = [
    "social.case",
    "social.referral",
    "social.case.note",
    "social.intervention",
    "social.case.need",
    "social.case.contact",
    "social.case.episode",
    "social.case.plan",
    "social.case.plan.goal",
    "social.case.plan.action",
    "social.case.flag",
    "social.case.flag.type",
    "social.case.link",
    "social.case.referent",
    "social.absence",
]
OPS = ["read", "write", "create", "unlink"]
# role -> model -> the operations allowed (letters r, w, c, u)
EXPECTED = {
    "liaison": {m: "" for m in MODELS},
    "care": {**{m: "" for m in MODELS}, "social.referral": "rwc"},
    "worker": {
        "social.case": "rwc",
        "social.referral": "rwc",
        "social.case.note": "rwc",
        "social.intervention": "rwc",
        "social.case.need": "rwc",
        "social.case.contact": "rwc",
        "social.case.episode": "rwc",
        "social.case.plan": "rwc",
        "social.case.plan.goal": "rwc",
        "social.case.plan.action": "rwc",
        "social.case.flag": "rwc",
        "social.case.flag.type": "r",
        "social.case.link": "rwc",
        "social.case.referent": "r",
        "social.absence": "r",
    },
    "coordinator": {
        "social.case": "rwc",
        "social.referral": "rwc",
        "social.case.note": "rwc",
        "social.intervention": "rwc",
        "social.case.need": "rwc",
        "social.case.contact": "rwc",
        "social.case.episode": "rwc",
        "social.case.plan": "rwc",
        "social.case.plan.goal": "rwc",
        "social.case.plan.action": "rwc",
        "social.case.flag": "rwc",
        "social.case.flag.type": "r",
        "social.case.link": "rwc",
        "social.case.referent": "r",
        "social.absence": "rwc",
    },
    "manager": {**{m: "rwcu" for m in MODELS}, "social.case.referent": "ru"},
}


@tagged("post_install", "-at_install")
class TestAccess(SocialCaseCommon):
    def _users(self):
        return {
            "liaison": self.volunteer,
            "care": self.nurse,
            "worker": self.worker,
            "coordinator": self.coordinator,
            "manager": self.manager,
        }

    def test_01_role_model_operation_table(self):
        """SECURITY 1: the access table of each role on each model of the case file."""
        actual = {}
        for role, user in self._users().items():
            actual[role] = {
                model: "".join(
                    op[0] if op != "unlink" else "u"
                    for op in OPS
                    if self.env[model].with_user(user).has_access(op)
                )
                for model in MODELS
            }
        self.assertEqual(actual, EXPECTED)
        lines = self.env["ir.model.access"].search(
            [("model_id.model", "=like", "social.%"), ("group_id", "=", False)]
        )
        self.assertFalse(lines, "an access line without group opens a model to everybody")

    def test_02_other_team_cannot_find_a_case(self):
        """SECURITY 2: search, read, search_count, read_group, name_search, ordering."""
        Case = self.env["social.case"].with_user(self.worker_south)
        self.env.invalidate_all()
        self.assertEqual(Case.search([]), self.case_south)
        self.assertEqual(Case.search_count([("patient_id", "=", self.patient_north.id)]), 0)
        self.assertFalse(Case.name_search(self.case_north.name))
        groups = Case.read_group([], ["user_id"], ["user_id"])
        self.assertEqual(sum(g["user_id_count"] for g in groups), 1)
        with self.assertRaises(AccessError):
            self.case_north.with_user(self.worker_south).read(["patient_id"])
        # ordering on the confidentiality gives back only readable cases
        ordered = Case.search([], order="confidentiality desc, housing")
        self.assertEqual(ordered, self.case_south)
        # and the children of the case follow
        Intervention = self.env["social.intervention"].with_user(self.worker_south)
        self.assertEqual(Intervention.search([]), self.intervention_south)
        with self.assertRaises(AccessError):
            self.intervention_north.with_user(self.worker_south).read(["note"])
        Need = self.env["social.case.need"].with_user(self.worker_south)
        self.assertFalse(Need.search([("case_id", "=", self.case_north.id)]))
        with self.assertRaises(AccessError):
            self.need_north.with_user(self.worker_south).write({"note": "x"})

    def test_03_no_oracle_on_note_content(self):
        """SECURITY 3: searching notes' content tells nothing to those who may not read them."""
        domain = [("body", "ilike", "Zebraline")]
        Note = self.env["social.case.note"]
        self.env.invalidate_all()
        # the referent reads the three notes of the north case
        self.assertEqual(Note.with_user(self.worker).search_count(domain), 2)
        # a team member sees the normal note only, the coordinator too
        self.assertEqual(Note.with_user(self.worker_b).search_count(domain), 1)
        self.assertEqual(Note.with_user(self.coordinator).search_count(domain), 2)
        self.assertNotIn(self.note_restricted, Note.with_user(self.coordinator).search(domain))
        self.assertNotIn(self.note_restricted, Note.with_user(self.manager).search(domain))
        self.assertEqual(Note.with_user(self.worker_south).search_count(domain), 1)
        for user in (self.nurse, self.volunteer):
            with self.assertRaises(AccessError):
                Note.with_user(user).search_count(domain)
        with self.assertRaises(AccessError):
            self.note_restricted.with_user(self.worker_b).read(["body"])
        with self.assertRaises(AccessError):
            self.note_restricted.with_user(self.coordinator).read(["body"])

    def test_04_restricted_and_minor_cases(self):
        """SECURITY 4: referent and co-workers only; the manager through an emergency access."""
        Case = self.env["social.case"]
        hidden = self.case_restricted | self.case_minor
        self.env.invalidate_all()
        self.assertEqual(Case.with_user(self.worker).search([("id", "in", hidden.ids)]), hidden)
        self.assertEqual(
            Case.with_user(self.worker_b).search([("id", "in", hidden.ids)]), self.case_minor
        )
        for user in (self.coordinator, self.manager, self.worker_south):
            self.assertFalse(Case.with_user(user).search([("id", "in", hidden.ids)]), user.login)
            self.assertEqual(
                Case.with_user(user).search_count([("confidentiality", "!=", "normal")]), 0
            )
            with self.assertRaises(AccessError):
                self.case_restricted.with_user(user).read(["summary"])
        # break the glass: a reason, a grant, a message the referent is told of
        wizard = (
            self.env["social.case.break.glass"]
            .with_user(self.manager)
            .create({"case_reference": self.case_restricted.name, "reason": "Court order today."})
        )
        action = wizard.action_confirm()
        self.assertEqual(action["res_id"], self.case_restricted.id)
        self.env.invalidate_all()
        self.assertEqual(
            self.case_restricted.with_user(self.manager).read(["name"])[0]["name"],
            self.case_restricted.name,
        )
        message = self.case_restricted.message_ids[0]
        self.assertIn("Court order today.", message.body)
        self.assertIn(self.worker.partner_id, message.partner_ids)
        self.assertEqual(message.author_id, self.manager.partner_id)
        # the grant ends: the case is hidden again
        grant = self.env["social.case.access.grant"].search(
            [("case_id", "=", self.case_restricted.id)]
        )
        grant.date_expiry = "2000-01-01 00:00:00"
        self.env["social.case.access.grant"]._cron_expire()
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            self.case_restricted.with_user(self.manager).read(["name"])
        # nobody else may break the glass, and never without a reason
        with self.assertRaises(AccessError):
            self.env["social.case.break.glass"].with_user(self.coordinator).create(
                {"case_reference": self.case_restricted.name, "reason": "Curiosity, really."}
            )
        with self.assertRaises(UserError):
            self.env["social.case.break.glass"].with_user(self.manager).create(
                {"case_reference": self.case_minor.name, "reason": "why"}
            ).action_confirm()

    def test_05_care_team_sees_no_case(self):
        for user in (self.nurse, self.volunteer):
            self.env.invalidate_all()
            Case = self.env["social.case"].with_user(user)
            with self.assertRaises(AccessError):
                Case.search([])
            with self.assertRaises(AccessError):
                Case.name_search("SC")
            with self.assertRaises(AccessError):
                self.case_north.with_user(user).read(["name"])
            for model in ("social.intervention", "social.case.need", "social.case.episode"):
                with self.assertRaises(AccessError):
                    self.env[model].with_user(user).search_count([])

    def test_12_public_methods_refused_to_outsiders(self):
        """SECURITY 12: public methods with another team's ids raise AccessError, change nothing."""
        case = self.case_north.with_user(self.worker_south)
        for method in (
            "action_view_meetings",
            "action_schedule_meeting",
            "action_view_attachments",
        ):
            with self.assertRaises(AccessError, msg=method):
                getattr(case, method)()
        referral = self.env["social.referral"].create(
            {"patient_id": self.patient_new.id, "reason": "Housing"}
        )
        for user in (self.nurse, self.worker_south):
            for method in ("action_triage", "action_reset", "action_open_triage_wizard"):
                with self.assertRaises(AccessError, msg=f"{user.login} {method}"):
                    getattr(referral.with_user(user), method)()
        self.assertEqual(referral.state, "new")
        with self.assertRaises(AccessError):
            self.env["social.referral.triage"].with_user(self.worker).create(
                {"referral_id": referral.id}
            )

    @mute_logger("odoo.models.unlink")
    def test_16_only_the_manager_deletes(self):
        """SECURITY 16: workers archive; a manager deletes a mistake, the case keeps a trace."""
        for record in (self.case_north, self.note_normal, self.intervention_north):
            for user in (self.worker, self.coordinator):
                with self.assertRaises(AccessError, msg=f"{user.login} {record._name}"):
                    record.with_user(user).unlink()
            record.with_user(self.worker).write({"active": False})
            self.assertFalse(record.active)
            self.env.invalidate_all()
            self.assertTrue(
                record.with_user(self.manager)
                .with_context(active_test=False)
                .search_count([("id", "=", record.id)])
            )
            record.with_user(self.worker).write({"active": True})
        self.intervention_north.with_user(self.manager).unlink()
        self.assertFalse(self.intervention_north.exists())
        self.assertIn("Intervention deleted by", self.case_north.message_ids[0].body)
        self.note_normal.with_user(self.manager).unlink()
        self.assertIn("Note deleted by", self.case_north.message_ids[0].body)
        self.assertNotIn("Zebraline", self.case_north.message_ids[0].body)

    def test_17_chatter_tracks_key_changes(self):
        """SECURITY 17: stage, referent, confidentiality and closure are in the chatter."""
        # the coordinator closes a case (a worker asks for its closure with social_approval)
        case = self.case_north.with_user(self.coordinator)
        case.write(
            {
                "user_id": self.worker_b.id,
                "confidentiality": "restricted",
                "stage_id": self.env.ref("social_case.stage_closed").id,
                "close_reason": "goal_reached",
            }
        )
        self.flush_tracking()
        tracked = self.case_north.sudo().message_ids.tracking_value_ids.field_id.mapped("name")
        for field in ("user_id", "confidentiality", "stage_id", "close_reason", "date_closed"):
            self.assertIn(field, tracked)

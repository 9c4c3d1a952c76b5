from contextlib import suppress
from datetime import date, timedelta

from odoo.tests import tagged

from odoo.addons.social_case.tests.common_probe import REFUSALS, ProbeCommon
from odoo.addons.social_case.tests.fuzz import run_fuzz

# what the care team may read of a plan: its status and dates, and what names it
CARE_READABLE = [
    "id",
    "display_name",
    "name",
    "patient_id",
    "stage_id",
    "admission_date",
    "expected_discharge_date",
    "medically_ready_date",
    "actual_discharge_date",
    "unit_id",
    "company_id",
    "active",
    "user_id",
]
# what it may not: where the patient goes, with whom, why it is late, the social file
CARE_HIDDEN = [
    "destination_type",
    "destination_partner_id",
    "template_id",
    "services_summary",
    "contact_info",
    "delay_reason_id",
    "case_id",
    "episode_id",
    "message_ids",
    "message_follower_ids",
    "message_partner_ids",
    "activity_ids",
    "activity_user_id",
    "activity_summary",
]


class ProbeDischargeCommon(ProbeCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        admission = date.today() - timedelta(days=4)
        cls.provider = env["res.partner"].create(
            {"name": "Probe Nursing Home", "is_company": True, "email": "home@example.org"}
        )
        cls.delay_reason = env["social.discharge.delay.reason"].search([], limit=1)
        cls.plan_a = env["social.discharge.plan"].create(
            {
                "case_id": cls.case_a.id,
                "admission_date": admission,
                "medically_ready_date": admission + timedelta(days=1),
                "destination_type": "nursing_home",
                "destination_partner_id": cls.provider.id,
                "services_summary": "Probe: psychiatric follow-up twice a week",
                "contact_info": "Probe daughter, 0470 00 00 00",
                "delay_reason_id": cls.delay_reason.id,
            }
        )
        cls.plan_restricted = env["social.discharge.plan"].create(
            {
                "case_id": cls.case_restricted.id,
                "admission_date": admission,
                "destination_type": "shelter",
                "services_summary": "Probe: shelter for victims of violence",
            }
        )
        cls.request_restricted = env["social.discharge.request"].create(
            {"plan_id": cls.plan_restricted.id, "partner_id": cls.provider.id}
        )
        cls.task_restricted = env["social.discharge.task"].create(
            {
                "plan_id": cls.plan_restricted.id,
                "name": "Probe: find a shelter",
                "user_id": cls.worker_b.id,
                "date_deadline": date.today(),
            }
        )
        env.flush_all()


@tagged("post_install", "-at_install")
class TestProbeDischargeChatter(ProbeDischargeCommon):
    """SECURITY.md T8, T10, T17: only who may read a plan follows it, is notified of it,
    is mentioned in it or is assigned its activities."""

    def test_care_team_cannot_follow_a_plan(self):
        """A nurse subscribes herself to discharge plans: the plan of a normal case, whose
        status she may read but not its chatter, and the plan of a restricted case."""
        failures = []
        for plan in (self.plan_a, self.plan_restricted):
            with self.collect(failures, plan=plan.name):
                with self.assertRefused(plan):
                    self.rpc(
                        self.nurse,
                        "social.discharge.plan",
                        "message_subscribe",
                        [plan.ids],
                        {"partner_ids": self.nurse.partner_id.ids},
                    )
        self.assertFalse(failures, "\n".join(failures))

    def test_comment_on_a_plan_reaches_no_care_team_user(self):
        """A nurse tries to follow a plan, then the referent posts a comment on it: the nurse
        gets no notification, no e-mail, and cannot read the message."""
        with suppress(*REFUSALS):
            self.rpc(
                self.nurse,
                "social.discharge.plan",
                "message_subscribe",
                [self.plan_a.ids],
                {"partner_ids": self.nurse.partner_id.ids},
            )
        message_id = self.rpc(
            self.worker_a,
            "social.discharge.plan",
            "message_post",
            [self.plan_a.ids],
            {
                "body": "Probe: the daughter refuses the nursing home",
                "message_type": "comment",
                "subtype_xmlid": "mail.mt_comment",
            },
        )
        self.env.invalidate_all()
        message_id = getattr(message_id, "id", message_id)
        partner = self.nurse.partner_id
        notified = (
            self.env["mail.notification"]
            .sudo()
            .search_count(
                [("mail_message_id", "=", message_id), ("res_partner_id", "=", partner.id)]
            )
        )
        mailed = (
            self.env["mail.mail"]
            .sudo()
            .search_count(
                [("mail_message_id", "=", message_id), ("recipient_ids", "in", partner.ids)]
            )
        )
        failures = []
        with self.collect(failures, what="notification"):
            self.assertEqual(notified, 0, "the nurse is notified of the comment")
        with self.collect(failures, what="mail.mail"):
            self.assertEqual(mailed, 0, "an e-mail to the nurse is queued")
        with self.collect(failures, what="read"):
            with self.assertRefused():
                self.rpc(self.nurse, "mail.message", "read", [[message_id], ["body"]])
        self.assertFalse(failures, "\n".join(failures))

    def test_activities_only_for_readers(self):
        """The referent assigns an activity on her plan to a nurse (who may not read its
        chatter and detail) and to a volunteer (who may not read it at all), by the mixin's
        activity_schedule and by creating the mail.activity directly."""
        model_id = self.env["ir.model"]._get_id("social.discharge.plan")
        failures = []
        for user in (self.nurse, self.volunteer):
            with self.collect(failures, user=user.login, path="activity_schedule"):
                with self.assertRefused(self.plan_a):
                    self.rpc(
                        self.worker_a,
                        "social.discharge.plan",
                        "activity_schedule",
                        [self.plan_a.ids],
                        {"act_type_xmlid": "mail.mail_activity_data_todo", "user_id": user.id},
                    )
            with self.collect(failures, user=user.login, path="mail.activity create"):
                with self.assertRefused(self.plan_a):
                    self.rpc(
                        self.worker_a,
                        "mail.activity",
                        "create",
                        [
                            {
                                "res_model_id": model_id,
                                "res_id": self.plan_a.id,
                                "user_id": user.id,
                                "summary": "Probe: call the family",
                            }
                        ],
                    )
        self.assertFalse(failures, "\n".join(failures))

    def test_mentions_only_of_readers(self):
        """The referent mentions a nurse and a volunteer in a message on her plan
        (partner_ids of message_post): they would receive what they may not read."""
        failures = []
        for user in (self.nurse, self.volunteer):
            with self.collect(failures, user=user.login):
                with self.assertRefused(self.plan_a):
                    self.rpc(
                        self.worker_a,
                        "social.discharge.plan",
                        "message_post",
                        [self.plan_a.ids],
                        {
                            "body": "Probe: see the family contact",
                            "message_type": "comment",
                            "partner_ids": user.partner_id.ids,
                        },
                    )
        self.assertFalse(failures, "\n".join(failures))


@tagged("post_install", "-at_install")
class TestProbeDischargeCareView(ProbeDischargeCommon):
    """ARCHITECTURE.md: the care team sees the discharge plan's status and dates, never its
    social detail."""

    def test_care_team_reads_status_and_dates(self):
        """Control: a nurse reads the status and dates of the plan of a normal case."""
        [values] = self.rpc(
            self.nurse, "social.discharge.plan", "read", [self.plan_a.ids, CARE_READABLE]
        )
        self.assertEqual(values["admission_date"], self.plan_a.admission_date)

    def test_care_team_cannot_read_the_plans_detail(self):
        """A nurse reads, field by field over RPC, where the patient goes, the provider, the
        services, the family's phone number, the delay reason, the case and the chatter of
        the plan of a normal case."""
        failures = []
        for name in CARE_HIDDEN:
            with self.collect(failures, field=name):
                with self.assertRefused(exceptions=REFUSALS[0]) as caught:
                    caught.result = self.rpc(
                        self.nurse, "social.discharge.plan", "read", [self.plan_a.ids, [name]]
                    )
        self.assertFalse(failures, "\n".join(failures))


@tagged("post_install", "-at_install")
class TestProbeDischargeMetadata(ProbeDischargeCommon):
    """SECURITY.md T17 for discharge plans."""

    def test_followers_and_activities_hidden_from_non_readers(self):
        """Volunteer, chaplain, nurse and another team's worker read the followers and
        activities of the plan of a restricted case (and the volunteer and chaplain those
        of a normal case's plan)."""
        # each record is followed by someone who may read it
        self.seed_metadata([self.plan_restricted], self.worker_b)
        self.seed_metadata([self.plan_a], self.worker_a)
        leaks = []
        for user in (self.volunteer, self.chaplain):
            leaks += self.metadata_leaks(user, [self.plan_restricted, self.plan_a])
        for user in (self.nurse, self.worker_a):
            leaks += self.metadata_leaks(user, [self.plan_restricted])
        self.assertFalse(leaks, "\n".join(leaks))

    def test_discharge_events_are_no_oracle(self):
        """Users who may not read the restricted case count the calendar events named
        'Discharge SC/...' after its reference."""
        self.plan_restricted.sudo().write({"expected_discharge_date": date.today()})
        self.env.flush_all()
        failures = []
        for user in (self.nurse, self.volunteer, self.worker_a):
            with self.collect(failures, user=user.login):
                try:
                    count = self.rpc(
                        user,
                        "calendar.event",
                        "search_count",
                        [[("name", "ilike", self.case_restricted.name)]],
                    )
                except REFUSALS:
                    count = 0
                self.assertEqual(count, 0)
        self.assertFalse(failures, "\n".join(failures))


@tagged("post_install", "-at_install")
class TestProbeDischargeButtons(ProbeDischargeCommon):
    """SECURITY.md #12 for the discharge models."""

    def test_every_button_refused_on_unreadable_records(self):
        """Another team's worker, a nurse and a volunteer press every public action_* of
        the discharge models (find providers, print the liaison letter, view requests,
        discharge, send, accept, withdraw...) on the plan of a restricted case, its
        requests and tasks, and on wizards opened by its referent."""
        env = self.env
        as_referent = env(user=self.worker_b)
        targets = {
            "social.discharge.plan": self.plan_restricted,
            "social.discharge.request": self.request_restricted,
            "social.discharge.task": self.task_restricted,
            "social.discharge.confirm.wizard": as_referent["social.discharge.confirm.wizard"]
            .create({"plan_id": self.plan_restricted.id, "reason": "Probe reason"})
            .with_env(env),
            "social.discharge.provider.wizard": as_referent["social.discharge.provider.wizard"]
            .create({"plan_id": self.plan_restricted.id})
            .with_env(env),
            "social.discharge.withdraw.wizard": as_referent["social.discharge.withdraw.wizard"]
            .create({"accepted_request_id": self.request_restricted.id})
            .with_env(env),
            "social.discharge.stage": env["social.discharge.stage"].search([], limit=1),
            "social.discharge.delay.reason": self.delay_reason,
            "social.discharge.refusal.reason": env.ref("social_discharge.refusal_reason_no_bed"),
            "social.discharge.template": env["social.discharge.template"].search([], limit=1),
            "social.discharge.template.line": env["social.discharge.template.line"].search(
                [], limit=1
            ),
        }
        failures = self.button_failures(
            "social_discharge", targets, (self.worker_a, self.nurse, self.volunteer)
        )
        self.assertGreater(self.buttons_pressed, 30)
        self.assertFalse(failures, "\n".join(failures))


@tagged("post_install", "-at_install")
class TestProbeDischargeFuzz(ProbeDischargeCommon):
    """SECURITY.md #13 for discharge plans."""

    def test_fuzz_plan(self):
        """Crafted values on every field of a discharge plan (create on a case of the
        worker without a plan, write on her plan)."""
        patient = self.env["res.partner"].create({"name": "Probe Patient A2"})
        case_a2 = self.env["social.case"].create(
            {"patient_id": patient.id, "user_id": self.worker_a.id, "team_id": self.team_a.id}
        )
        run_fuzz(self, "social.discharge.plan", lambda user: {"case_id": case_a2.id}, self.plan_a)

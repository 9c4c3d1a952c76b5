from contextlib import suppress

from odoo.tests import tagged

from .common_probe import REFUSALS, ProbeCommon


@tagged("post_install", "-at_install")
class TestProbeMetadata(ProbeCommon):
    """SECURITY.md T17: followers, activities and meetings of a case say nothing to who
    may not read the case."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hidden = [cls.case_restricted, cls.procedure_restricted, cls.referral_restricted]
        model = cls.env["ir.model"]._get_id("social.case")
        cls.meeting = (
            cls.env["calendar.event"]
            .with_user(cls.worker_b)
            .create(
                {
                    "name": f"Meeting {cls.case_restricted.name}",
                    "start": "2031-03-01 10:00:00",
                    "stop": "2031-03-01 11:00:00",
                    "res_model_id": model,
                    "res_id": cls.case_restricted.id,
                    "privacy": "private",
                    "partner_ids": [(6, 0, cls.worker_b.partner_id.ids)],
                }
            )
        )

    def test_followers_and_activities_hidden_from_non_readers(self):
        """Volunteer, chaplain, nurse and another team's worker search, count, read and
        group mail.followers and mail.activity rows of a restricted case, its procedure and
        its referral: each row would tell that the record exists and who works on it."""
        self.seed_metadata(self.hidden, self.worker_b)
        leaks = []
        for user in (self.volunteer, self.chaplain, self.nurse, self.worker_a):
            leaks += self.metadata_leaks(user, self.hidden)
        self.assertFalse(leaks, "\n".join(leaks))

    def test_no_meeting_on_an_unreadable_case(self):
        """Another team's worker, a nurse and a volunteer create a calendar event attached
        to a restricted case (res_model/res_id), to appear in its meetings."""
        model = self.env["ir.model"]._get_id("social.case")
        failures = []
        for user in (self.worker_a, self.nurse, self.volunteer):
            for case in (self.case_restricted, self.case_b):
                vals = {
                    "name": "Forged meeting",
                    "start": "2031-03-02 10:00:00",
                    "stop": "2031-03-02 11:00:00",
                    "res_model_id": model,
                    "res_id": case.id,
                }
                with self.collect(failures, user=user.login, case=case.confidentiality):
                    with self.assertRefused(case):
                        self.rpc(user, "calendar.event", "create", [vals])
        self.assertFalse(failures, "\n".join(failures))

    def test_meeting_names_are_no_oracle(self):
        """A nurse, a volunteer and another team's worker count calendar events named after
        a case reference ('Meeting SC/...'): a non-zero count tells that the patient of that
        restricted case is followed and when."""
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
                self.assertEqual(count, 0, "events named after the case are counted")
        self.assertFalse(failures, "\n".join(failures))

    def test_meeting_count_ignores_forged_events(self):
        """An event attached to a case by someone who may not read it must not show as a
        meeting of the case to its referent."""
        model = self.env["ir.model"]._get_id("social.case")
        with suppress(*REFUSALS):
            self.rpc(
                self.worker_a,
                "calendar.event",
                "create",
                [
                    {
                        "name": "Forged meeting",
                        "start": "2031-03-02 10:00:00",
                        "stop": "2031-03-02 11:00:00",
                        "res_model_id": model,
                        "res_id": self.case_restricted.id,
                    }
                ],
            )
        self.env.invalidate_all()
        [values] = self.rpc(
            self.worker_b, "social.case", "read", [self.case_restricted.ids, ["meeting_count"]]
        )
        self.assertEqual(values["meeting_count"], 1, "the forged event is counted as a meeting")

from datetime import datetime, timedelta

import pytz
from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from .fuzz import run_fuzz
from .test_access_log_reads import AccessLogCommon

TZ = "Europe/Brussels"


@tagged("post_install", "-at_install")
class TestAbsenceCover(AccessLogCommon):
    """A worker's absence over RPC, as each role: the covering colleague reads and acts on
    the absent worker's normal cases during the dates only, logged as "cover", and gets the
    activities due then; no one else gains anything, and only an eligible colleague covers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env

        def worker(login):
            return new_test_user(
                env,
                login,
                groups="social_case.group_social_worker",
                name=login.replace("_", " ").title(),
                tz=TZ,
            )

        cls.absent = worker("cover_absent")
        cls.colleague = worker("cover_colleague")
        cls.bystander = worker("cover_bystander")
        # a team that does not share its cases: only the cover opens them to the colleague
        cls.team_c = env["social.team"].create(
            {
                "name": "Cover Team",
                "member_ids": [(6, 0, (cls.absent | cls.colleague | cls.bystander).ids)],
                "share_cases": False,
            }
        )
        Partner, Case = env["res.partner"], env["social.case"]
        cls.case_c = Case.create(
            {
                "patient_id": Partner.create({"name": "Cover Patient"}).id,
                "user_id": cls.absent.id,
                "team_id": cls.team_c.id,
            }
        )
        cls.case_c_restricted = Case.create(
            {
                "patient_id": Partner.create({"name": "Cover Patient Restricted"}).id,
                "user_id": cls.absent.id,
                "team_id": cls.team_c.id,
                "confidentiality": "restricted",
            }
        )
        cls.intervention_c = env["social.intervention"].create(
            {"case_id": cls.case_c.id, "type_id": cls.interview.id, "user_id": cls.absent.id}
        )
        env.flush_all()

    def today(self):
        return datetime.now(pytz.timezone(TZ)).date()

    def absence(self, start, end, cover=None, user=None):
        """The coordinator records ``absent``'s absence from ``start`` to ``end`` days from
        today, over RPC."""
        today = self.today()
        absence_id = self.rpc(
            self.coordinator,
            "social.absence",
            "create",
            [
                {
                    "user_id": (user or self.absent).id,
                    "cover_user_id": (cover or self.colleague).id,
                    "date_from": fields.Date.to_string(today + timedelta(days=start)),
                    "date_to": fields.Date.to_string(today + timedelta(days=end)),
                    "reason": "leave",
                }
            ],
        )
        return self.env["social.absence"].browse(absence_id)

    def reads(self, user, record):
        """Whether ``user`` finds, counts and reads ``record`` over RPC (and they agree)."""
        model = record._name
        try:
            found = self.rpc(user, model, "search", [[("id", "=", record.id)]])
            count = self.rpc(user, model, "search_count", [[("id", "=", record.id)]])
        except AccessError:
            found, count = [], 0
        try:
            self.rpc(user, model, "read", [record.ids, ["display_name", "create_date"]])
            read = True
        except AccessError:
            read = False
        self.assertEqual(bool(found), read, f"{user.login}: search and read disagree")
        self.assertEqual(bool(count), read, f"{user.login}: count and read disagree")
        return read

    def readers(self, record):
        users = (
            self.colleague,
            self.bystander,
            self.worker_a,
            self.worker_b,
            self.nurse,
            self.volunteer,
        )
        return {user.login for user in users if self.reads(user, record)}

    # -- cover within the dates only ------------------------------------------------------
    def test_cover_opens_and_ends_as_the_days_turn(self):
        """The record rules are parsed once and kept between requests: the cover still
        opens the cases on its first day and closes them after its last, with no record
        changed in between, only the clock."""
        self.absence(1, 1)  # tomorrow only
        records = (self.case_c, self.intervention_c)
        for record in records:
            self.assertEqual(self.readers(record), set(), f"today: {record._name}")
        now = datetime.now(pytz.utc).replace(tzinfo=None)
        with freeze_time(now + timedelta(days=1)):
            for record in records:
                self.assertEqual(self.readers(record), {"cover_colleague"}, record._name)
        with freeze_time(now + timedelta(days=2)):
            for record in records:
                self.assertEqual(self.readers(record), set(), f"after: {record._name}")

    def test_cover_opens_the_cases_within_the_dates_only(self):
        """Before the first day, after the last, or archived, the colleague reads nothing
        of the absent worker's cases; within the dates they read and write the normal case
        and what follows it, never the restricted one; no one else gains anything."""
        records = (self.case_c, self.intervention_c, self.case_c.referent_history_ids)
        for record in records:
            self.assertEqual(self.readers(record), set(), record._name)
        absence = self.absence(1, 5)  # starts tomorrow
        for record in records:
            self.assertEqual(self.readers(record), set(), f"before: {record._name}")
        absence.sudo().write(
            {"date_from": self.today() - timedelta(days=2), "date_to": self.today()}
        )
        for record in records:
            self.assertEqual(self.readers(record), {"cover_colleague"}, f"within {record._name}")
        self.assertEqual(self.readers(self.case_c_restricted), set())
        # ... and acts on it: writes the case, logs an intervention
        self.rpc(
            self.colleague, "social.case", "write", [self.case_c.ids, {"waiting_answer": True}]
        )
        self.assertTrue(self.case_c.waiting_answer)
        self.rpc(
            self.colleague,
            "social.intervention",
            "create",
            [{"case_id": self.case_c.id, "type_id": self.interview.id, "duration": 15}],
        )
        with self.assertRefused(self.case_c_restricted, exceptions=(AccessError,)):
            self.rpc(
                self.colleague,
                "social.case",
                "write",
                [self.case_c_restricted.ids, {"waiting_answer": True}],
            )
        # the case says who covers it
        rows = self.rpc(
            self.colleague, "social.case", "read", [self.case_c.ids, ["cover_user_ids"]]
        )
        self.assertEqual(rows[0]["cover_user_ids"], self.colleague.ids)
        # ended yesterday
        absence.sudo().write(
            {
                "date_from": self.today() - timedelta(days=5),
                "date_to": self.today() - timedelta(days=1),
            }
        )
        for record in records:
            self.assertEqual(self.readers(record), set(), f"after: {record._name}")
        # archived while in force
        absence.sudo().write({"date_to": self.today() + timedelta(days=1)})
        self.assertTrue(self.reads(self.colleague, self.case_c))
        self.rpc(self.coordinator, "social.absence", "action_archive", [absence.ids])
        self.assertFalse(self.reads(self.colleague, self.case_c))

    def test_the_first_day_is_the_users_day(self):
        """The cover starts at midnight in the colleague's time zone, not the server's: at
        20:00 UTC it is already tomorrow in Kiribati."""
        with freeze_time("2026-03-10 20:00:00"):
            self.absence_record = self.env["social.absence"].create(
                {
                    "user_id": self.absent.id,
                    "cover_user_id": self.colleague.id,
                    "date_from": "2026-03-11",
                    "date_to": "2026-03-12",
                }
            )
            self.colleague.tz = "Pacific/Kiritimati"
            self.assertTrue(self.reads(self.colleague, self.case_c))
            self.colleague.tz = "UTC"
            self.assertFalse(self.reads(self.colleague, self.case_c))

    def test_cover_reads_are_logged_as_cover(self):
        """The access log tells the Manager that the colleague read the case under cover;
        the referent's own reads stay reads."""
        self.absence(-1, 3)
        with self.new_lines() as log:
            self.rpc(self.colleague, "social.case", "read", [self.case_c.ids, ["name"]])
            self.rpc(
                self.colleague, "social.intervention", "read", [self.intervention_c.ids, ["note"]]
            )
        self.assertEqual(
            log["lines"],
            sorted(
                self.expected(self.colleague, "cover", self.case_c)
                + self.expected(self.colleague, "cover", self.intervention_c)
            ),
        )
        with self.new_lines() as log:
            self.rpc(self.absent, "social.case", "read", [self.case_c.ids, ["name"]])
        self.assertEqual(log["lines"], self.expected(self.absent, "read", self.case_c))

    # -- who manages the absences ------------------------------------------------------------
    def test_who_reads_and_manages_absences(self):
        """The coordinator records them; the absent worker and the colleague read theirs,
        no one else; a worker changes none; nurses and volunteers do not even count them."""
        absence = self.absence(-1, 3)
        self.assertEqual(self.readers(absence), {"cover_colleague"})
        self.assertTrue(self.reads(self.absent, absence))
        self.assertTrue(self.reads(self.manager, absence))
        later = fields.Date.to_string(self.today() + timedelta(days=9))
        for user in (self.absent, self.colleague):
            with self.assertRefused(absence, exceptions=(AccessError,)):
                self.rpc(user, "social.absence", "write", [absence.ids, {"date_to": later}])
            with self.assertRefused(absence, exceptions=(AccessError,)):
                self.rpc(
                    user,
                    "social.absence",
                    "create",
                    [
                        {
                            "user_id": user.id,
                            "cover_user_id": self.bystander.id,
                            "date_from": later,
                            "date_to": later,
                        }
                    ],
                )
        for user in (self.nurse, self.volunteer):
            with self.assertRaises(AccessError):
                self.rpc(user, "social.absence", "search_count", [[]])
        with self.assertRefused(absence, exceptions=(AccessError,)):
            self.rpc(self.coordinator, "social.absence", "unlink", [absence.ids])

    def test_only_an_eligible_colleague_covers(self):
        """A worker of another team, a nurse, the worker themselves, overlapping absences and
        an end before the start are refused with a clear error, nothing written."""
        today = fields.Date.to_string(self.today())
        for cover, message in (
            (self.worker_b, "cannot cover"),
            (self.nurse, "cannot cover"),
            (self.absent, "cannot cover their own absence"),
        ):
            with self.assertRefused(exceptions=(ValidationError,)) as caught:
                self.rpc(
                    self.coordinator,
                    "social.absence",
                    "create",
                    [
                        {
                            "user_id": self.absent.id,
                            "cover_user_id": cover.id,
                            "date_from": today,
                            "date_to": today,
                        }
                    ],
                )
            self.assertIn(message, str(caught.exception))
        with self.assertRefused(exceptions=(ValidationError,)) as caught:
            self.absence(3, 1)
        self.assertIn("cannot end before it starts", str(caught.exception))
        self.absence(0, 3)
        with self.assertRefused(exceptions=(ValidationError,)) as caught:
            self.absence(2, 6, cover=self.bystander)
        self.assertIn("already has an absence", str(caught.exception))
        self.assertEqual(self.env["social.absence"].search_count([]), 1)

    # -- activities -------------------------------------------------------------------------
    def test_activities_due_in_the_period_go_to_the_colleague(self):
        """The absent worker's activities due in the absence on covered cases go to the
        colleague when it starts, a new one too, and those left undone come back at the
        end; those due later, and those of restricted cases, stay with the worker."""
        today = self.today()

        def activity(case, days):
            return (
                case.with_user(self.absent)
                .sudo(False)
                .activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=today + timedelta(days=days),
                    user_id=self.absent.id,
                    summary=f"Due in {days}",
                )
            )

        within = activity(self.case_c, 2)
        later = activity(self.case_c, 20)
        restricted = activity(self.case_c_restricted, 2)
        absence = self.absence(-1, 5)
        self.env.invalidate_all()
        self.assertEqual(within.user_id, self.colleague)
        self.assertEqual(within.social_absence_id, absence)
        self.assertEqual(later.user_id, self.absent)
        self.assertEqual(restricted.user_id, self.absent)
        # the colleague sees it in their activities and acts on it over RPC
        found = self.rpc(
            self.colleague, "mail.activity", "search", [[("user_id", "=", self.colleague.id)]]
        )
        self.assertEqual(found, within.ids)
        # scheduled during the absence for the absent worker: to the colleague at once
        new = activity(self.case_c, 1)
        self.assertEqual(new.user_id, self.colleague)
        self.rpc(self.colleague, "mail.activity", "action_done", [new.ids])
        self.assertFalse(new.exists())
        # the absence ends (the coordinator shortens it to yesterday... it started yesterday:
        # archived): what is left undone goes back
        self.rpc(self.coordinator, "social.absence", "action_archive", [absence.ids])
        self.env.invalidate_all()
        self.assertEqual(within.user_id, self.absent)
        self.assertFalse(within.social_absence_id)

    def test_the_hourly_run_routes_and_returns(self):
        """An absence entered ahead routes nothing before its first day (the colleague may
        not read the cases yet); the scheduled run routes on the day and returns after."""
        today = self.today()
        activity = self.case_c.activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=today + timedelta(days=3),
            user_id=self.absent.id,
        )
        self.absence(2, 4)
        self.assertEqual(activity.user_id, self.absent)
        Absence = self.env["social.absence"]
        noon = datetime.combine(today, datetime.min.time()) + timedelta(hours=11)
        with freeze_time(noon + timedelta(days=2)):
            Absence._cron_route_activities()
            self.assertEqual(activity.user_id, self.colleague)
        with freeze_time(noon + timedelta(days=5)):
            Absence._cron_route_activities()
            self.assertEqual(activity.user_id, self.absent)

    def test_fuzz_absence(self):
        """Crafted values on every field of an absence, created and changed by the
        coordinator (and refused to a worker): a clean refusal or a valid absence."""
        colleague_a = new_test_user(
            self.env, "cover_colleague_a", groups="social_case.group_social_worker", tz=TZ
        )
        self.team_a.member_ids |= colleague_a
        target = self.env["social.absence"].create(
            {
                "user_id": self.worker_a.id,
                "cover_user_id": colleague_a.id,
                "date_from": self.today() + timedelta(days=30),
                "date_to": self.today() + timedelta(days=40),
            }
        )
        run_fuzz(
            self,
            "social.absence",
            lambda user: {"user_id": self.worker_a.id, "cover_user_id": colleague_a.id},
            target,
        )

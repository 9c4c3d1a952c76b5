from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common_probe import ProbeCommon
from .fuzz import run_fuzz


@tagged("post_install", "-at_install")
class TestCaseLink(ProbeCommon):
    """Two cases of one household linked over RPC, as each role: the link shows both ways,
    with the relation seen from each side, and only to who may read both cases; the others
    learn nothing of it, not even a count."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.partner_a2 = env["res.partner"].create({"name": "Probe Child A"})
        cls.case_a2 = env["social.case"].create(
            {"patient_id": cls.partner_a2.id, "user_id": cls.worker_a.id, "team_id": cls.team_a.id}
        )
        env.flush_all()

    def _links(self, user, case):
        """What ``user`` learns of ``case``'s links: the ids on the case, a search, a count."""
        try:
            on_case = self.rpc(user, "social.case", "read", [case.ids, ["link_ids"]])[0]["link_ids"]
        except AccessError:
            on_case = []
        domain = [("case_id", "=", case.id)]
        try:
            found = self.rpc(user, "social.case.link", "search", [domain])
            count = self.rpc(user, "social.case.link", "search_count", [domain])
            groups = self.rpc(
                user, "social.case.link", "read_group", [domain, ["relation"], ["relation"]]
            )
        except AccessError:
            found, count, groups = [], 0, []
        self.assertEqual(count, len(found), user.login)
        self.assertEqual(sum(g["relation_count"] for g in groups), count, user.login)
        return on_case, found

    def test_a_link_shows_both_ways(self):
        """The referent links the mother's case and her child's: each case shows the other,
        the mother's as "Child", the child's as "Parent"; unlinking archives both."""
        link_id = self.rpc(
            self.worker_a,
            "social.case.link",
            "create",
            [{"case_id": self.case_a.id, "linked_case_id": self.case_a2.id, "relation": "child"}],
        )
        rows = self.rpc(
            self.worker_a,
            "social.case.link",
            "search_read",
            [[("case_id", "in", (self.case_a | self.case_a2).ids)]],
            {"fields": ["case_id", "linked_case_id", "relation"]},
        )
        seen = {(r["case_id"][0], r["linked_case_id"][0], r["relation"]) for r in rows}
        self.assertEqual(
            seen,
            {
                (self.case_a.id, self.case_a2.id, "child"),
                (self.case_a2.id, self.case_a.id, "parent"),
            },
        )
        # the relation corrected on one side is corrected on the other
        self.rpc(self.worker_a, "social.case.link", "write", [[link_id], {"relation": "sibling"}])
        self.env.invalidate_all()
        self.assertEqual(self.case_a2.link_ids.relation, "sibling")
        self.rpc(self.worker_a, "social.case.link", "action_remove", [[link_id]])
        self.env.invalidate_all()
        self.assertFalse(self.case_a.link_ids)
        self.assertFalse(self.case_a2.link_ids)
        archived = (
            self.env["social.case.link"]
            .with_context(active_test=False)
            .search([("case_id", "in", (self.case_a | self.case_a2).ids)])
        )
        self.assertEqual(len(archived), 2)
        with self.assertRefused(archived[0], exceptions=(AccessError,)):
            self.rpc(self.worker_a, "social.case.link", "unlink", [archived.ids])

    def test_the_other_case_is_never_shown_to_who_may_not_read_it(self):
        """The coordinator links a case of team A and a case of team B: the coordinator and
        the Manager see the link; the workers of either team, who read one case only, see
        nothing, not even a count; the care team and volunteers nothing at all."""
        self.rpc(
            self.coordinator,
            "social.case.link",
            "create",
            [{"case_id": self.case_a.id, "linked_case_id": self.case_b.id, "relation": "spouse"}],
        )
        for user in (self.coordinator, self.manager):
            on_case, found = self._links(user, self.case_a)
            self.assertEqual(len(on_case), 1, user.login)
            self.assertEqual(on_case, found, user.login)
        for user, case in ((self.worker_a, self.case_a), (self.worker_b, self.case_b)):
            self.assertEqual(self._links(user, case), ([], []), user.login)
            self.assertEqual(
                self.rpc(user, "social.case.link", "search_count", [[]]), 0, user.login
            )
            rows = self.rpc(
                user,
                "social.case",
                "search_read",
                [[("link_ids", "!=", False)]],
                {"fields": ["name"]},
            )
            self.assertNotIn(case.id, [row["id"] for row in rows], user.login)
        for user in (self.nurse, self.volunteer, self.chaplain):
            with self.assertRaises(AccessError, msg=user.login):
                self.rpc(user, "social.case.link", "search_count", [[]])

    def test_links_refused(self):
        """A worker cannot link their case to a case they may not read (a restricted case,
        another team's), nor a case to itself, nor the same two cases twice."""
        for other in (self.case_b, self.case_restricted, self.case_minor):
            with self.assertRefused(self.case_a):
                self.rpc(
                    self.worker_a,
                    "social.case.link",
                    "create",
                    [{"case_id": self.case_a.id, "linked_case_id": other.id}],
                )
        with self.assertRefused(self.case_a):
            self.rpc(
                self.worker_a,
                "social.case.link",
                "create",
                [{"case_id": self.case_a.id, "linked_case_id": self.case_a.id}],
            )
        self.rpc(
            self.worker_a,
            "social.case.link",
            "create",
            [{"case_id": self.case_a.id, "linked_case_id": self.case_a2.id}],
        )
        with self.assertRefused(self.case_a):
            self.rpc(
                self.worker_a,
                "social.case.link",
                "create",
                [{"case_id": self.case_a2.id, "linked_case_id": self.case_a.id}],
            )

    def test_fuzz_link(self):
        link = self.env["social.case.link"].create(
            {"case_id": self.case_a.id, "linked_case_id": self.case_a2.id, "relation": "sibling"}
        )
        self.env.flush_all()
        run_fuzz(
            self,
            "social.case.link",
            lambda user: {"case_id": self.case_a2.id, "linked_case_id": self.case_a.id},
            link,
        )

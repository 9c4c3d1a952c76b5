from odoo.tests import tagged

from .. import const
from .common_probe import ProbeCommon


@tagged("post_install", "-at_install")
class TestRulesKept(ProbeCommon):
    """The record rules are parsed once and kept between requests
    (``ir.rule._social_rules_sql``): what a user finds still follows, from one request to
    the next, their groups, their sites and the records that open a case to them."""

    def finds(self, user, record):
        ids = self.rpc(user, record._name, "search", [[("id", "=", record.id)]])
        return ids == record.ids

    def test_what_a_user_finds_follows_their_groups(self):
        intervention = self.env["social.intervention"].create(
            {"case_id": self.case_b.id, "type_id": self.interview.id, "duration": 10}
        )
        for record in (self.case_b, intervention):
            self.assertFalse(self.finds(self.worker_a, record), record._name)
        coordinator = self.env.ref(const.COORDINATOR)
        self.worker_a.write({"groups_id": [(4, coordinator.id)]})
        for record in (self.case_b, intervention):
            self.assertTrue(self.finds(self.worker_a, record), record._name)
        self.assertFalse(self.finds(self.worker_a, self.case_restricted))
        coordinator.write({"users": [(3, self.worker_a.id)]})
        for record in (self.case_b, intervention):
            self.assertFalse(self.finds(self.worker_a, record), record._name)

    def test_what_a_user_finds_follows_their_teams_and_cases(self):
        self.assertFalse(self.finds(self.worker_a, self.case_b))
        self.team_b.write({"member_ids": [(4, self.worker_a.id)]})
        self.assertTrue(self.finds(self.worker_a, self.case_b))
        self.team_b.write({"member_ids": [(3, self.worker_a.id)]})
        self.assertFalse(self.finds(self.worker_a, self.case_b))
        self.case_restricted.write({"coworker_ids": [(4, self.worker_a.id)]})
        self.assertTrue(self.finds(self.worker_a, self.case_restricted))

    def test_what_a_user_finds_follows_their_sites(self):
        self.worker_a.write({"company_ids": [(4, self.company_2.id)]})
        self.case_site_2.write({"user_id": self.worker_a.id})
        self.assertTrue(self.finds(self.worker_a, self.case_site_2))
        self.worker_a.write({"company_ids": [(3, self.company_2.id)]})
        self.assertFalse(self.finds(self.worker_a, self.case_site_2))

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common_probe import ProbeCommon


@tagged("post_install", "-at_install")
class TestAccessBatch(ProbeCommon):
    """The record rules of a batch of records, checked by one query (the privacy layer's
    ``_check_access``), refuse the batch as soon as one of its records is forbidden."""

    def test_a_batch_with_one_forbidden_case_is_refused(self):
        own = self.case_b | self.case_restricted | self.case_minor
        # reading only a relation of the cases checks the rules on the cases themselves
        rows = self.rpc(self.worker_b, "social.case", "read", [own.ids, ["coworker_ids"]])
        self.assertEqual(sorted(row["id"] for row in rows), sorted(own.ids))
        mixed = own | self.case_a
        with self.assertRaises(AccessError):
            self.rpc(self.worker_b, "social.case", "read", [mixed.ids, ["coworker_ids"]])
        with self.assertRaises(AccessError):
            self.rpc(self.worker_b, "social.case", "write", [mixed.ids, {"summary": "x"}])
        self.assertNotEqual(self.case_a.summary, "x")
        self.assertTrue(own.with_user(self.worker_b).has_access("write"))
        self.assertFalse(mixed.with_user(self.worker_b).has_access("read"))
        self.assertEqual(mixed.with_user(self.worker_b)._filtered_access("read"), own)

    def test_a_batch_follows_the_database_not_a_stale_cache(self):
        """A case handed over to another worker in the same transaction is no longer in
        its former worker's batch."""
        own = (self.case_b | self.case_restricted).with_user(self.worker_b)
        self.assertTrue(own.has_access("read"))
        self.case_restricted.user_id = self.worker_a
        self.assertFalse(own.has_access("read"))
        self.assertEqual(own._filtered_access("read"), self.case_b)

"""Small-count masking: hand-worked tables, and a property test that no masked value can
be worked out from the printed cells and totals."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo.tests import BaseCase, tagged

from ..tools.small_counts import PRIMARY, SECONDARY, audit, mask_small_counts, stays_protected


def _printed(table):
    """Every printed figure of a masked table, as the reader of the report sees it."""
    m, n = len(table.counts), len(table.counts[0])
    lines = [[table.label(i, j) for j in range(n)] + [table.label(i, None)] for i in range(m)]
    lines.append([table.label(None, j) for j in range(n)] + [table.label(None, None)])
    return lines


def _in_bounds(value, mask, k):
    return 1 <= value < k if mask == PRIMARY else value >= k


def _assert_other_table(test, table, cell, other):
    """``other`` agrees with every printed figure and every mark, and differs at ``cell``."""
    m, n = len(table.counts), len(table.counts[0])
    counts = other["counts"]
    test.assertTrue(all(value >= 0 for row in counts for value in row))
    # the other table is a table: its totals are its sums
    test.assertEqual(other["row_totals"], [sum(row) for row in counts])
    test.assertEqual(other["col_totals"], [sum(row[j] for row in counts) for j in range(n)])
    test.assertEqual(other["grand_total"], sum(other["row_totals"]))
    figures = {(i, j): counts[i][j] for i in range(m) for j in range(n)}
    figures.update({(i, n): other["row_totals"][i] for i in range(m)})
    figures.update({(m, j): other["col_totals"][j] for j in range(n)})
    figures[m, n] = other["grand_total"]
    true = {(i, j): table.counts[i][j] for i in range(m) for j in range(n)}
    true.update({(i, n): table.row_sums[i] for i in range(m)})
    true.update({(m, j): table.col_sums[j] for j in range(n)})
    true[m, n] = table.total
    for position, value in figures.items():
        mask = table.masked_grid.get(position)
        if mask is None:
            test.assertEqual(value, true[position], f"printed figure {position} changed")
        else:
            test.assertTrue(_in_bounds(value, mask, table.k), f"{position}: {value} vs {mask}")
    test.assertNotEqual(figures[cell], true[cell])


@tagged("post_install", "-at_install")
class TestSmallCounts(BaseCase):
    def test_a_small_count_and_the_cells_that_would_give_it_away_are_masked(self):
        """3 patients next to 12 in a row totalling 15: the 3 is "< 5", and a rectangle of
        three other cells is masked so that 15 - 12 does not give it back."""
        table = mask_small_counts([[3, 12], [20, 30]], 5)
        self.assertEqual(_printed(table), [["< 5", "×", 15], ["×", "×", 50], [23, 42, 65]])
        self.assertFalse(table.withheld)
        for cell, other in audit(table).items():
            self.assertIsNotNone(other, cell)
            _assert_other_table(self, table, cell, other)

    def test_nothing_is_masked_when_every_count_is_large_enough_or_zero(self):
        table = mask_small_counts([[0, 12], [20, 5]], 5)
        self.assertEqual(_printed(table), [[0, 12, 12], [20, 5, 25], [20, 17, 37]])

    def test_a_list_with_a_total_masks_two_lines(self):
        """Referrals per channel: 2 by e-mail, 40 by phone, 9 in person, total 51. The 2 and
        the 9 are both hidden (line and total), else 51 - 40 - 9 gives the 2."""
        table = mask_small_counts([[2], [40], [9]], 5)
        self.assertEqual(_printed(table), [["< 5", "< 5"], [40, 40], ["×", "×"], [51, 51]])
        self.assertTrue(all(audit(table).values()))

    def test_a_small_total_is_masked_and_protected(self):
        """A worker with 1 + 2 patients: the cells and the row total are all small; the
        worker's line and another line are hidden, the column totals still add up."""
        table = mask_small_counts([[1, 2], [10, 20], [7, 8]], 5)
        printed = _printed(table)
        self.assertEqual(printed[0], ["< 5", "< 5", "< 5"])
        self.assertNotIn(1, sum(printed, []))
        self.assertNotIn(2, sum(printed, []))
        self.assertNotIn(3, sum(printed, []))
        self.assertEqual(printed[3], [18, 30, 48])
        for cell, other in audit(table).items():
            _assert_other_table(self, table, cell, other)

    def test_a_table_of_two_patients_is_withheld(self):
        table = mask_small_counts([[1, 1]], 3)
        self.assertTrue(table.withheld)
        self.assertEqual(_printed(table), [["< 3", "< 3", "< 3"], ["< 3", "< 3", "< 3"]])

    def test_a_total_printed_elsewhere_only_where_it_gives_nothing_away(self):
        """New patients and patients followed before, per team: 2, 1 and 3, 0. The table
        masks the grand total (6) and the first column's (5). Printed on its own, the 5
        leaves the second column's total a choice (rows 2, 2 and 3, 0 agree with it too);
        the 6 does not: with a first column of at least 5, the second holds at most 1."""
        table = mask_small_counts([[2, 1], [3, 0]], 5)
        self.assertEqual(
            _printed(table), [["< 5", "< 5", "< 5"], ["< 5", 0, "< 5"], ["×", "< 5", "×"]]
        )
        self.assertTrue(stays_protected(table, {(2, 0)}))
        self.assertFalse(stays_protected(table, {(2, 2)}))
        self.assertFalse(stays_protected(table, {(2, 0), (2, 2)}))
        self.assertTrue(stays_protected(table, set()))

    def test_bad_tables_and_thresholds_are_refused(self):
        for counts, k in (
            ([[1, 2]], 1),
            ([[1, 2]], 2.5),
            ([], 5),
            ([[]], 5),
            ([[1, 2], [3]], 5),
            ([[1, -2]], 5),
            ([[1, 2.5]], 5),
            ([[True, 2]], 5),
        ):
            with self.subTest(counts=counts, k=k), self.assertRaises(ValueError):
                mask_small_counts(counts, k)

    @settings(
        max_examples=400,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(
        data=st.data(),
        rows=st.integers(1, 5),
        cols=st.integers(1, 5),
        k=st.integers(3, 8),
    )
    def test_no_masked_count_can_be_worked_out_from_the_totals(self, data, rows, cols, k):
        """Any table: no count from 1 to k - 1 is printed, and every masked cell has another
        table of counts agreeing with every printed figure and mark in which it differs."""
        count = st.one_of(st.just(0), st.integers(1, k - 1), st.integers(k, 60))
        counts = data.draw(
            st.lists(st.lists(count, min_size=cols, max_size=cols), min_size=rows, max_size=rows)
        )
        table = mask_small_counts(counts, k)
        printed = sum(_printed(table), [])
        self.assertFalse([v for v in printed if isinstance(v, int) and 0 < v < k], printed)
        self.assertEqual(len(table.masked_grid), sum(1 for v in printed if isinstance(v, str)))
        if table.withheld:
            self.assertFalse([v for v in printed if isinstance(v, int) and v], printed)
            return
        for cell, other in audit(table).items():
            self.assertIsNotNone(other, f"{cell} of {counts} can be worked out")
            _assert_other_table(self, table, cell, other)
        for mask in table.masked_grid.values():
            self.assertIn(mask, (PRIMARY, SECONDARY))

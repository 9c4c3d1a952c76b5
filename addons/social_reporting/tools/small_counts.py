"""Small-count masking of a table of counts with its row and column totals.

This module is the one place where the service decides which published counts are masked.
It has no dependency on Odoo: any addon (analyses, the annual report, a questionnaire's
results) calls :func:`mask_small_counts` on its table and prints :func:`cell_label`.

The rule
--------
A count from 1 to ``k - 1`` may let a reader recognise a patient ("the only patient of
that unit sent to a nursing home in March"). Such a count is masked (**primary**
masking); it is printed as ``"< k"``. Zeros are shown: an empty cell names nobody.

Masking a count is not enough when the totals are printed: in a row ``3, 12 | 15`` the
hidden 3 is ``15 - 12``. So more cells are masked (**secondary** masking, printed
``"×"``), until no masked value can be worked out from what is printed. Totals are cells
like the others: a small row total is masked too, and protected the same way.

What "cannot be worked out" means
---------------------------------
The reader is assumed to know everything printed, the rule above, and therefore that a
cell printed ``"< k"`` holds 1 to ``k - 1`` and a cell printed ``"×"`` at least ``k``
(zeros are never masked). A masked cell is *protected* when there is another table of
whole counts, agreeing with every printed cell and total and with those bounds, in which
that cell has another value. :func:`audit` decides this exactly and returns that other
table as evidence.

How it is decided
-----------------
Write the table with its margins as an ``(m + 1) × (n + 1)`` grid where the totals are
negated (``-row total`` in the last column, ``-column total`` in the last row, the grand
total in the corner): every line of the grid then sums to zero. The masked cells are the
edges of a bipartite graph between lines and columns, each carrying its value as a flow
between bounds; the printed cells are constants. Two tables agreeing with the printed
figures differ by a circulation on that graph, and a circulation decomposes into cycles,
so a masked cell can change exactly when a cycle through it can carry one unit within the
bounds: a path in the residual graph (Ford-Fulkerson's), found by a breadth-first search.

Secondary cells are chosen greedily: for an unprotected cell, the cheapest rectangle of
cells through it (fewest new cells, then the smallest sum of counts hidden) among cells of
at least ``k``. When no rectangle is left to add, the table is *withheld*: every non-zero
count and total is masked, and :attr:`MaskedTable.withheld` says so (a table of two
patients cannot be published in any form).

A total printed elsewhere
-------------------------
A total of the table may be printed again on its own (the key figures of a report's
summary): alone, it is masked by the rule above only (``"< k"`` from 1 to ``k - 1``, zero
and ``k`` or more shown). Where the table masks it as secondary, printing it elsewhere
tells the reader what the table hides: :func:`stays_protected` says whether every masked
cell keeps another possible value once it is known.
"""

from collections import deque
from dataclasses import dataclass, field

__all__ = ["MaskedTable", "audit", "cell_label", "mask_small_counts", "stays_protected"]

PRIMARY = "primary"
SECONDARY = "secondary"
SECONDARY_MARK = "×"


@dataclass
class MaskedTable:
    """The answer of :func:`mask_small_counts`.

    ``cells[i][j]``, ``row_totals[i]``, ``col_totals[j]`` and ``grand_total`` are ``None``
    for a printed count, else :data:`PRIMARY` or :data:`SECONDARY`.
    """

    k: int
    counts: list
    row_sums: list
    col_sums: list
    total: int
    cells: list
    row_totals: list
    col_totals: list
    grand_total: str | None
    withheld: bool = False
    masked_grid: dict = field(default_factory=dict, repr=False)

    def is_masked(self, i, j):
        return self.cells[i][j] is not None

    def label(self, i, j):
        """What to print in cell ``(i, j)``; ``j = None`` is the row total, ``i = None``
        the column total, both ``None`` the grand total."""
        if i is None and j is None:
            return cell_label(self.total, self.grand_total, self.k)
        if j is None:
            return cell_label(self.row_sums[i], self.row_totals[i], self.k)
        if i is None:
            return cell_label(self.col_sums[j], self.col_totals[j], self.k)
        return cell_label(self.counts[i][j], self.cells[i][j], self.k)


def cell_label(value, mask, k):
    """The printed form of a count: the number, ``"< k"`` (primary) or ``"×"`` (secondary)."""
    if mask == PRIMARY:
        return f"< {k}"
    if mask == SECONDARY:
        return SECONDARY_MARK
    return value


def _grid(counts):
    """The table with its negated margins: every line and column sums to zero."""
    m, n = len(counts), len(counts[0])
    row_sums = [sum(row) for row in counts]
    col_sums = [sum(counts[i][j] for i in range(m)) for j in range(n)]
    total = sum(row_sums)
    grid = {}
    for i in range(m):
        for j in range(n):
            grid[i, j] = counts[i][j]
        grid[i, n] = -row_sums[i]
    for j in range(n):
        grid[m, j] = -col_sums[j]
    grid[m, n] = total
    return grid, row_sums, col_sums, total


def _bounds(grid, cell, kind, k, m, n):
    """Bounds a reader knows for a masked cell of the grid (margins are negated)."""
    low, high = (1, k - 1) if kind == PRIMARY else (k, None)
    negated = (cell[0] == m) != (cell[1] == n)
    if negated:
        return (None if high is None else -high), -low
    return low, high


def _residual_arcs(grid, masks, bounds, cell):
    """Arcs of the residual graph, ``cell`` left out: ``("r", i) -> ("c", j)`` when cell
    ``(i, j)`` can be raised by one, ``("c", j) -> ("r", i)`` when it can be lowered."""
    arcs = {}
    for c in masks:
        if c == cell:
            continue
        low, high = bounds[c]
        row, col = ("r", c[0]), ("c", c[1])
        if high is None or grid[c] < high:
            arcs.setdefault(row, []).append((col, c, 1))
        if low is None or grid[c] > low:
            arcs.setdefault(col, []).append((row, c, -1))
    return arcs


def _path(arcs, start, goal):
    """The cells and steps of a shortest path from ``start`` to ``goal``, or ``None``."""
    previous = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if node == goal:
            steps = []
            while previous[node] is not None:
                node, c, delta = previous[node]
                steps.append((c, delta))
            return steps
        for target, c, delta in arcs.get(node, ()):
            if target not in previous:
                previous[target] = (node, c, delta)
                queue.append(target)
    return None


def _other_value(grid, masks, cell, k, m, n):
    """Another grid agreeing with every printed cell and every bound, in which ``cell``
    differs, or ``None``: a unit cycle through ``cell`` in the residual graph."""
    bounds = {c: _bounds(grid, c, kind, k, m, n) for c, kind in masks.items()}
    arcs = _residual_arcs(grid, masks, bounds, cell)
    low, high = bounds[cell]
    row, col = ("r", cell[0]), ("c", cell[1])
    for delta, start, goal, allowed in (
        (1, col, row, high is None or grid[cell] < high),
        (-1, row, col, low is None or grid[cell] > low),
    ):
        if not allowed:
            continue
        steps = _path(arcs, start, goal)
        if steps is not None:
            other = dict(grid)
            other[cell] += delta
            for c, step in steps:
                other[c] += step
            return other
    return None


def _table_from_grid(grid, m, n):
    counts = [[grid[i, j] for j in range(n)] for i in range(m)]
    return {
        "counts": counts,
        "row_totals": [-grid[i, n] for i in range(m)],
        "col_totals": [-grid[m, j] for j in range(n)],
        "grand_total": grid[m, n],
    }


def audit(masked):
    """For each masked cell, another table agreeing with everything printed in which that
    cell differs, or ``None`` when the printed figures give its value away.

    Returns ``{(i, j): table or None}`` where ``i = m`` is the row of column totals and
    ``j = n`` the column of row totals; a table is a dict ``counts``, ``row_totals``,
    ``col_totals``, ``grand_total``.
    """
    m, n = len(masked.counts), len(masked.counts[0])
    grid, *_ = _grid(masked.counts)
    masks = _masks_of(masked, m, n)
    result = {}
    for cell in masks:
        other = _other_value(grid, masks, cell, masked.k, m, n)
        result[cell] = other and _table_from_grid(other, m, n)
    return result


def stays_protected(masked, printed):
    """Whether every masked cell of the table keeps another possible value when the cells
    ``printed`` are known as well (positions as in :func:`audit`: ``(m, n)`` is the grand
    total, ``(m, j)`` the total of column ``j``): a total printed elsewhere must not give
    away what its table masks."""
    m, n = len(masked.counts), len(masked.counts[0])
    grid, *_ = _grid(masked.counts)
    masks = {cell: kind for cell, kind in _masks_of(masked, m, n).items() if cell not in printed}
    return all(_other_value(grid, masks, cell, masked.k, m, n) is not None for cell in masks)


def _masks_of(masked, m, n):
    masks = {}
    for i in range(m):
        for j in range(n):
            if masked.cells[i][j]:
                masks[i, j] = masked.cells[i][j]
        if masked.row_totals[i]:
            masks[i, n] = masked.row_totals[i]
    for j in range(n):
        if masked.col_totals[j]:
            masks[m, j] = masked.col_totals[j]
    if masked.grand_total:
        masks[m, n] = masked.grand_total
    return masks


def _check(counts, k):
    if not isinstance(k, int) or isinstance(k, bool) or k < 2:
        raise ValueError("The small-count threshold must be a whole number of at least 2.")
    if not counts or not counts[0] or any(len(row) != len(counts[0]) for row in counts):
        raise ValueError("A table of counts needs at least one line and equal lines.")
    for row in counts:
        for value in row:
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ValueError("A table of counts holds whole numbers of at least 0.")


def mask_small_counts(counts, k):
    """Which cells and totals of ``counts`` to mask so that no count from 1 to ``k - 1``
    is printed or can be worked out from the printed figures.

    :param counts: a table of whole counts, a list of ``m`` lists of ``n`` numbers (a list
        of counts with only a total is a table of one column); its row totals, column
        totals and grand total are the sums of its cells and are printed with it.
    :param k: the threshold (at least 2): counts from 1 to ``k - 1`` are masked.
    :returns: a :class:`MaskedTable`.
    :raises ValueError: on a ragged or empty table, a negative or non-whole count, or a
        threshold under 2.
    """
    _check(counts, k)
    m, n = len(counts), len(counts[0])
    grid, row_sums, col_sums, total = _grid(counts)
    masks = {cell: PRIMARY for cell, value in grid.items() if 0 < abs(value) < k}
    withheld = False
    while True:
        exposed = [c for c in sorted(masks) if _other_value(grid, masks, c, k, m, n) is None]
        if not exposed:
            break
        cheapest = _cheapest_rectangle(grid, masks, exposed[0], k, m, n)
        if cheapest is None:
            withheld = True
            for cell, value in grid.items():
                if value and cell not in masks:
                    masks[cell] = SECONDARY
            break
        for cell in cheapest:
            masks[cell] = SECONDARY
    return MaskedTable(
        k=k,
        counts=[list(row) for row in counts],
        row_sums=row_sums,
        col_sums=col_sums,
        total=total,
        cells=[[masks.get((i, j)) for j in range(n)] for i in range(m)],
        row_totals=[masks.get((i, n)) for i in range(m)],
        col_totals=[masks.get((m, j)) for j in range(n)],
        grand_total=masks.get((m, n)),
        withheld=withheld,
        masked_grid=masks,
    )


def _cheapest_rectangle(grid, masks, cell, k, m, n):
    """The new cells of the cheapest rectangle through ``cell`` whose other corners are
    masked already or hold at least ``k``: fewest new cells, then fewest counts hidden."""
    i, j = cell
    best = None
    for i2 in range(m + 1):
        if i2 == i:
            continue
        for j2 in range(n + 1):
            if j2 == j:
                continue
            corners = [(i, j2), (i2, j), (i2, j2)]
            new = [c for c in corners if c not in masks]
            if not new or any(abs(grid[c]) < k for c in new):
                continue
            cost = (len(new), sum(abs(grid[c]) for c in new), corners)
            if best is None or cost < best[0]:
                best = (cost, new)
    return best and best[1]

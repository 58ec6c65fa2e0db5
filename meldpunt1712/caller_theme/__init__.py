"""Reconstruct the "caller type x theme" cross table from its lossy text.

The problem
-----------
The annual report prints a cross table of caller types (rows) by themes
(columns).  The text lost the empty cells, so every row only keeps its
non-empty cells left to right, followed by the row total.  The column totals
line survives, so the column *order* and each column's total are known, but
which column a printed value belongs to is not.  A *placement* puts every
printed value of a row in a distinct column, in printed order, and makes
every column add up to its total (``table``).

What can be said with certainty
-------------------------------
A cell ``(row, column)`` is either empty or holds exactly one printed value
of that row, so the set of values it takes over all placements is::

    {0 if some placement leaves the cell empty}
    ∪ {v_i : some placement puts printed value i (= v_i) in that cell}

and exact bounds follow from two kinds of yes/no questions (*literals*), with
no optimisation per cell:

* value literal (row, i, c): does some placement put printed value i in c?
* empty literal (row, c): does some placement leave the cell empty?

``min = 0`` if the empty literal holds, else the smallest value that can sit
there; ``max`` is the largest value that can sit there.  Because the bounds
come from the *set* of attainable values, a cell is certain when equal
printed values swap places.

Columns with equal totals can carry interchangeable labels (in 2018 the two
columns totalling 1).  Any bijection between such a group's positions and
its themes is admissible, independently of the placement, so the values of
cell (row, theme) are the union over the group's positions; the cell is
certain iff that union is a single number.

Exact and partial
-----------------
A "yes" is proven by a placement that makes the literal true (a *witness*);
a "no" by propagation or by a solver's proof.  Until a literal is decided it
counts as possible, so the bounds are always an *outer* approximation: every
value any placement gives a cell lies within them.  A cell's bounds are
*exact* when both ends are attained by found placements; the analysis is
*exact* when no question stays open.  ``analyse(table, time_limit)`` stops
when the time is up and returns what is proven (``status="partial"``).

One job per module
------------------
``table``: input and the checks that need no search.  ``propagation``:
removes impossible literals cheaply (subset-sum bitsets).  ``engines``: the
exact yes/no engines (Glucose, CP-SAT).  ``estimate``: the best estimate
(minimum X², HiGHS).  ``driver``: the time budget, the order of work and
the assembly of the result (``results``).  Plain Python data in, frozen
dataclasses out; nothing here knows dbt (``meldpunt1712.caller_theme_frames``
does).
"""

from .driver import analyse, validate
from .estimate import chi_square, estimate_key
from .results import EXACT, PARTIAL, Analysis, CellRange, ThemeCellRange, ValueOptions
from .table import Column, CrossTable, InfeasibleTableError, Row, placement_errors

__all__ = [
    "EXACT",
    "PARTIAL",
    "Analysis",
    "CellRange",
    "Column",
    "CrossTable",
    "InfeasibleTableError",
    "Row",
    "ThemeCellRange",
    "ValueOptions",
    "analyse",
    "chi_square",
    "estimate_key",
    "placement_errors",
    "validate",
]

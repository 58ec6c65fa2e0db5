"""What an analysis returns: frozen dataclasses, plain Python.

Every set of options here is an *outer* approximation: it holds every
column (or value) that some placement uses, because only what is proven
impossible is left out.  ``witnessed`` parts are proven possible by a
placement that was found.  In an exact analysis the two coincide; in a
partial one (the time budget ran out) the difference is what stayed open.
"""

from __future__ import annotations

from dataclasses import dataclass

from .table import CrossTable

EXACT = "exact"
PARTIAL = "partial"


@dataclass(frozen=True)
class ValueOptions:
    """Where one printed value can go.

    ``positions``: every column position it may occupy (not proven
    impossible); ``witnessed_positions``: those a found placement uses;
    ``themes``: the themes the positions can carry.  ``best_position`` is
    the estimate's choice, None when no placement was found.
    """

    row_key: str
    index: int  # 1-based printed position within the row
    value: int
    positions: tuple[int, ...]
    witnessed_positions: tuple[int, ...]
    themes: tuple[str, ...]
    best_position: int | None

    @property
    def positions_are_exact(self) -> bool:
        """True when every candidate position is proven possible."""
        return self.positions == self.witnessed_positions

    @property
    def is_certain(self) -> bool:
        """True when every placement provably puts this value in the same column."""
        return len(self.positions) == 1 and self.positions_are_exact


class _Bounded:
    """Shared by the cell types: outer ``min``/``max``, their exactness, the estimate."""

    min: int
    max: int
    bounds_are_exact: bool

    @property
    def is_certain(self) -> bool:
        """True when every placement (and admissible labelling) provably agrees on the cell."""
        return self.bounds_are_exact and self.min == self.max


@dataclass(frozen=True)
class CellRange(_Bounded):
    """Bounds of cell (row, column position) over all placements.

    ``min`` <= every value the cell takes <= ``max`` always holds;
    ``bounds_are_exact`` says both are attained by a found placement.
    """

    row_key: str
    position: int
    min: int
    max: int
    best: int | None
    bounds_are_exact: bool
    options: tuple[int, ...] = ()  # every value not proven impossible (0 = empty), ascending
    witnessed_options: tuple[int, ...] = ()  # those a found placement gives the cell


@dataclass(frozen=True)
class ThemeCellRange(_Bounded):
    """Bounds of cell (row, theme) over all placements and labellings."""

    row_key: str
    theme: str
    positions: tuple[int, ...]  # column positions that may carry this theme
    min: int
    max: int
    best: int | None
    bounds_are_exact: bool


@dataclass(frozen=True)
class Analysis:
    """Everything :func:`analyse` derives from a :class:`CrossTable`.

    ``status`` is ``"exact"`` when every question was decided, else
    ``"partial"``; ``questions`` counts the yes/no questions left after
    propagation and ``open_questions`` those still undecided.  The estimate
    (``best_placement``) is None only when no placement was found in time;
    ``estimate_is_optimal`` says whether HiGHS proved it optimal.
    """

    table: CrossTable
    values: tuple[ValueOptions, ...]
    cells: tuple[CellRange, ...]  # row-major, positions ascending
    theme_cells: tuple[ThemeCellRange, ...]  # row-major, themes in column order
    best_placement: dict[str, tuple[int, ...]] | None  # row key -> 1-based positions
    best_theme_of_position: dict[int, str]  # labelling used by the estimate
    status: str
    questions: int
    open_questions: int
    estimate_is_optimal: bool
    seconds: float

    @property
    def is_exact(self) -> bool:
        """True when every question was decided and a placement found: every range is tight.

        ``estimate_is_optimal`` says whether the estimate is also proven the closest.
        """
        return self.status == EXACT

    def cell(self, row_key: str, position: int) -> CellRange:
        """Bounds of cell (row, column position)."""
        return {(c.row_key, c.position): c for c in self.cells}[row_key, position]

    def theme_cell(self, row_key: str, theme: str) -> ThemeCellRange:
        """Bounds of cell (row, theme)."""
        return {(c.row_key, c.theme): c for c in self.theme_cells}[row_key, theme]

    def is_certain(self, row_key: str, theme: str) -> bool:
        """True when cell (row, theme) provably has one value under every placement and labelling."""
        return self.theme_cell(row_key, theme).is_certain

    def summary(self) -> dict[str, int]:
        """Counts of what is certain, for logging and reporting."""
        certain_values = [v for v in self.values if v.is_certain]
        certain_theme_values = [v for v in certain_values if len(v.themes) == 1]
        return {
            "values": len(self.values),
            "contacts": sum(v.value for v in self.values),
            "values_certain_position": len(certain_values),
            "contacts_certain_position": sum(v.value for v in certain_values),
            "values_certain_theme": len(certain_theme_values),
            "contacts_certain_theme": sum(v.value for v in certain_theme_values),
            "theme_cells": len(self.theme_cells),
            "theme_cells_certain": sum(c.is_certain for c in self.theme_cells),
            "cells": len(self.cells),
            "cells_exact": sum(c.bounds_are_exact for c in self.cells),
            "questions": self.questions,
            "open_questions": self.open_questions,
        }

"""The grading grid: every version's answers side by side, question number by version, with points and totals.

A teacher grades a pile of mixed versions from it at a glance; the detailed key
of each version (with excerpts) follows it. Versions that do not fit across one
page go on in further chunks of columns.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..present import format_number
from .sheet import Handout, points_text

WIDEST_CELL = 12
"""Characters a grid column is counted at, at most, when packing columns: a longer answer wraps in its cell."""
CELL_PADDING = 3
NUMBER_COLUMN = 5


@dataclass(frozen=True)
class GridChunk:
    """Some versions' columns of the grid: one row per question number, one column per version."""

    letters: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    """rows[number - 1][column]: the answer to question `number` of that column's version, as `Item.grid` gives it."""
    points: tuple[tuple[str, ...], ...]
    """The same cells' points ('1', '2', '0.5')."""
    totals: tuple[str, ...]
    """Each version's total ('20 pts')."""


def grid_chunks(handout: Handout, width: int) -> list[GridChunk]:
    """The grid cut into chunks of versions whose columns fit across `width` characters."""
    chunks: list[list[int]] = [[]]
    used = NUMBER_COLUMN
    for index, version in enumerate(handout.versions):
        column = min(WIDEST_CELL, max([len(version.letter), *(len(item.grid) for item in version.items)])) + CELL_PADDING
        if chunks[-1] and used + column > width:
            chunks.append([])
            used = NUMBER_COLUMN
        chunks[-1].append(index)
        used += column
    return [chunk(handout, indices) for indices in chunks]


def chunk(handout: Handout, indices: list[int]) -> GridChunk:
    versions = [handout.versions[index] for index in indices]
    count = len(versions[0].items)
    return GridChunk(
        letters=tuple(version.letter for version in versions),
        rows=tuple(tuple(version.items[row].grid for version in versions) for row in range(count)),
        points=tuple(tuple(format_number(version.items[row].points, handout.lang) for version in versions) for row in range(count)),
        totals=tuple(points_text(version.total, handout.lang) for version in versions),
    )

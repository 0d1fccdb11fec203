"""How much of a question's points an answer earns: the one rule every grader uses.

The paper grader (`quizgen grade`), the terminal quiz and the web quiz all score
with these functions, so that one answer earns the same credit everywhere.
Each returns a fraction from 0 to 1 of the question's points:

- one right choice (mcq, true/false), a number: all or nothing;
- an order: each item in its right place earns 1/N (N: the number of items), as
  Moodle's ordering question grades by "absolute position";
- several right choices (multi): each right choice ticked earns 1/R (R: the
  number of right choices), each wrong choice ticked takes 1/R back, never below
  0; ticking every box therefore earns nothing when there are as many wrong
  choices as right ones;
- a match: each left item linked to a right one that fits earns 1/L (L: the
  number of left items); a wrong or missing link earns nothing and takes nothing.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence


def single_credit(chosen: Collection[int], right: Collection[int]) -> float:
    """1 when exactly one choice is ticked and it is a right one, else 0."""
    return 1.0 if len(chosen) == 1 and set(chosen) <= set(right) else 0.0


def multi_credit(chosen: Collection[int], right: Collection[int]) -> float:
    """(right ticked - wrong ticked) / number of right choices, at least 0."""
    if not right:
        raise ValueError("a multi question has at least one right choice")
    ticked = set(chosen)
    hits = len(ticked & set(right))
    misses = len(ticked - set(right))
    return max(0.0, (hits - misses) / len(set(right)))


def match_credit(links: Sequence[int | None], right: Sequence[Collection[int]]) -> float:
    """The share of left items linked to a right item that fits them (two rights may fit one left when their texts are equal)."""
    if len(links) != len(right) or not right:
        raise ValueError("a match gives one link per left item")
    return sum(link is not None and link in fits for link, fits in zip(links, right, strict=True)) / len(right)


def order_credit(ranks: Sequence[int | None], right: Sequence[int]) -> float:
    """The share of items given their right rank (a missing rank earns nothing)."""
    if len(ranks) != len(right) or not right:
        raise ValueError("an order gives one rank per item")
    return sum(rank is not None and rank == wanted for rank, wanted in zip(ranks, right, strict=True)) / len(right)


def number_credit(value: float | None, bounds: tuple[float, float]) -> float:
    """1 when the number is within the accepted bounds (inclusive), else 0."""
    low, high = bounds
    return 1.0 if value is not None and low - 1e-9 <= value <= high + 1e-9 else 0.0


def earned(points: float, credit: float) -> float:
    """The points a credit earns, rounded to the hundredth so that sums print cleanly."""
    return round(points * credit, 2)

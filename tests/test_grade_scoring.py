"""The shared scoring rules: what share of its points each answer earns."""

from __future__ import annotations

import pytest

from quizgen import scoring


@pytest.mark.parametrize(
    ("chosen", "right", "credit"),
    [
        ([1], [1], 1.0),
        ([0], [1], 0.0),
        ([], [1], 0.0),
        ([0, 1], [1], 0.0),
    ],
)
def test_single_choice_is_all_or_nothing(chosen: list[int], right: list[int], credit: float) -> None:
    assert scoring.single_credit(chosen, right) == credit


@pytest.mark.parametrize(
    ("chosen", "right", "credit"),
    [
        ([0, 2], [0, 2], 1.0),
        ([0], [0, 2], 0.5),
        ([0, 1], [0, 2], 0.0),
        ([0, 1, 2], [0, 2], 0.5),
        ([0, 1, 2, 3], [0, 2], 0.0),
        ([1, 3], [0, 2], 0.0),
        ([], [0, 2], 0.0),
        ([0, 1, 2], [0, 1, 2], 1.0),
        ([0, 1, 3], [0, 1, 2], 1 / 3),
    ],
)
def test_multi_earns_right_ticks_minus_wrong_ticks(chosen: list[int], right: list[int], credit: float) -> None:
    assert scoring.multi_credit(chosen, right) == pytest.approx(credit)


@pytest.mark.parametrize(
    ("links", "right", "credit"),
    [
        ([2, 0, 1], [{2}, {0}, {1}], 1.0),
        ([2, 1, 0], [{2}, {0}, {1}], 1 / 3),
        ([None, 0, 1], [{2}, {0}, {1}], 2 / 3),
        ([0, 0, 1], [{0}, {0}, {1}], 1.0),
        ([None, None, None], [{2}, {0}, {1}], 0.0),
    ],
)
def test_match_earns_each_left_linked_right(links: list[int | None], right: list[set[int]], credit: float) -> None:
    assert scoring.match_credit(links, right) == pytest.approx(credit)


def test_order_number_and_points() -> None:
    assert scoring.order_credit([2, 0, 1], [2, 0, 1]) == 1.0
    assert scoring.order_credit([2, 1, 0], [2, 0, 1]) == pytest.approx(1 / 3)
    assert scoring.order_credit([None, 0, 1], [2, 0, 1]) == pytest.approx(2 / 3)
    assert scoring.order_credit([0, 1, 2], [2, 0, 1]) == 0.0
    assert scoring.number_credit(3.5, (3.0, 4.0)) == 1.0
    assert scoring.number_credit(4.0, (3.0, 4.0)) == 1.0
    assert scoring.number_credit(4.01, (3.0, 4.0)) == 0.0
    assert scoring.number_credit(None, (3.0, 4.0)) == 0.0
    assert scoring.earned(3, 1 / 3) == 1.0
    assert scoring.earned(2, 2 / 3) == 1.33


def test_a_malformed_answer_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="at least one right choice"):
        scoring.multi_credit([0], [])
    with pytest.raises(ValueError, match="one link per left item"):
        scoring.match_credit([0], [{0}, {1}])

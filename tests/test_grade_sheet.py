"""The answer sheet's layout: every bubble on the page, clear of the others, of every text and every box."""

from __future__ import annotations

import itertools
import math

import pytest

from quizgen.bank import load_bank
from quizgen.grade.render import make_key
from quizgen.grade.sheet import BODY_LEFT, MARKER, MARKER_INSET, QR_SIZE, RADIUS, Page, lay_out, point_label, point_values
from quizgen.handouts import make_handout

from .conftest import BANKS, BUNDLED_BANK

CLEAR = 1.8 * RADIUS
"""Nothing printed within this distance of a bubble's centre: the reader looks there for a crossing-out X."""


def overlaps(x: float, y: float, left: float, top: float, width: float, height: float, reach: float) -> bool:
    """Whether a box comes within `reach` of the point (x, y)."""
    dx = max(left - x, 0.0, x - (left + width))
    dy = max(top - y, 0.0, y - (top + height))
    return math.hypot(dx, dy) < reach


def check_page(page: Page) -> None:
    for bubble in page.bubbles:
        assert bubble.x - RADIUS > BODY_LEFT - 1 and bubble.x + RADIUS < page.width - BODY_LEFT + 1
        assert bubble.y + RADIUS < page.height - MARKER_INSET - MARKER
    for one, other in itertools.combinations(page.bubbles, 2):
        assert math.hypot(one.x - other.x, one.y - other.y) >= 5.0 - 1e-6, (one, other)
    for bubble, text in itertools.product(page.bubbles, page.texts):
        # A label beside or above a bubble keeps clear of the ring the reader checks, for the height of its letters.
        ink = (text.size * 0.3528) * 0.75
        top = text.y + (text.height - ink) / 2 if text.height <= 8 else text.y
        assert not overlaps(bubble.x, bubble.y, text.x, top, text.width, ink if text.height <= 8 else text.height, CLEAR), (bubble, text)
    for bubble, box in itertools.product(page.bubbles, page.boxes):
        assert not overlaps(bubble.x, bubble.y, box.x, box.y, box.width, box.height, CLEAR), (bubble, box)
    qr_x, qr_y = page.qr
    assert all(not overlaps(b.x, b.y, qr_x, qr_y, QR_SIZE, QR_SIZE, CLEAR) for b in page.bubbles)


@pytest.mark.parametrize(
    ("bank_file", "paper", "digits"),
    [(BUNDLED_BANK, "a4", 8), (BANKS / "every-type.yaml", "letter", 12), (BANKS / "every-type.yaml", "a4", 1)],
)
def test_every_bubble_is_clear_of_everything_else(bank_file: object, paper: str, digits: int) -> None:
    bank = load_bank(bank_file).bank  # type: ignore[arg-type]
    key = make_key(bank, make_handout(bank, versions=2, seed=3), paper, digits)
    for version in key.versions:
        pages = lay_out(key, version)
        numbers = sorted({b.question for page in pages for b in page.bubbles} - {0})
        assert numbers == list(range(1, len(version.questions) + 1))
        for page in pages:
            assert sum(b.question == 0 for b in page.bubbles) == 10 * digits
            check_page(page)


@pytest.mark.parametrize(
    ("points", "values", "labels"),
    [
        (1, (0, 0.5, 1), ["0", "½", "1"]),
        (2.5, (0, 0.5, 1, 1.5, 2, 2.5), ["0", "½", "1", "1½", "2", "2½"]),
        (5, (0, 1, 2, 3, 4, 5), ["0", "1", "2", "3", "4", "5"]),
        (4.5, (0, 1, 2, 3, 4, 4.5), ["0", "1", "2", "3", "4", "4½"]),
        (0.25, (0, 0.25), ["0", "0.25"]),
    ],
)
def test_the_teacher_gives_halves_or_whole_points(points: float, values: tuple[float, ...], labels: list[str]) -> None:
    assert point_values(points) == values
    assert [point_label(value) for value in values] == labels

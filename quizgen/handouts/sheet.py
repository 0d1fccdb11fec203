"""What a handout prints, as records: the versions, their numbered items, each item's layout and key.

The layout module builds these records from a bank; the renderers (pdf, html,
markdown) only read them. Nothing here does I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..model import Question
from ..present import base_language, format_number, localized

Contents = Literal["sheets", "key", "both"]
"""What one file holds: the students' sheets, the teacher's key (grading grid, then each version's key), or both."""

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "grid": "Grading grid",
        "grid_page": "Grading grid — page {page}/{pages}",
        "grid_question": "Question",
        "grid_version": "Version",
        "grid_total": "Total",
        "grid_points": "Small figures: the question's points on that version.",
        "grid_points_brackets": "In brackets: the question's points on that version.",
        "grid_accepted": "*: other answers are accepted, see the version's key.",
        "blank_page": "This page is intentionally left blank.",
        "points": "Points",
        "point": "{points} pt",
        "points_many": "{points} pts",
        "total": "Total",
        "or": "or",
    },
    "fr": {
        "grid": "Grille de correction",
        "grid_page": "Grille de correction — page {page}/{pages}",
        "grid_question": "Question",
        "grid_version": "Version",
        "grid_total": "Total",
        "grid_points": "Petits chiffres\u00a0: les points de la question dans cette version.",
        "grid_points_brackets": "Entre parenthèses\u00a0: les points de la question dans cette version.",
        "grid_accepted": "*\u00a0: d’autres réponses sont acceptées, voir le corrigé de la version.",
        "blank_page": "Page laissée blanche intentionnellement.",
        "points": "Points",
        "point": "{points}\u00a0pt",
        "points_many": "{points}\u00a0pts",
        "total": "Total",
        "or": "ou",
    },
}
"""The words the handout adds beside those of present.LABELS: grid, points, blank pages."""


def word(key: str, lang: str) -> str:
    return localized(WORDS, key, lang)


def points_text(points: float, lang: str) -> str:
    """'1 pt', '2 pts', '0.5 pt' (en) or '0,5 pt' (fr)."""
    return word("point" if points <= 1 else "points_many", lang).format(points=format_number(points, lang))


def list_separator(lang: str) -> str:
    """Between the answers of one key cell: '; ' in English, ' ; ' in French (made unbreakable by `typographic`)."""
    return " ; " if base_language(lang) == "fr" else "; "


@dataclass(frozen=True)
class Blank:
    """A gap to write in, in a cloze sentence, with the deletion's hint if it has one."""

    width: int
    """In characters: the answer's length with room for handwriting."""
    hint: str | None = None


@dataclass(frozen=True)
class Boxes:
    """Options with a box to tick (mcq, multi, truefalse)."""

    options: tuple[str, ...]
    marks: tuple[str, ...] | None
    """The letters the key names the options by ('a)', 'b)'...); None for True/False."""
    columns: int

    @property
    def printed(self) -> tuple[str, ...]:
        """Each option as printed beside its box: 'a) Paris', or 'True'."""
        if self.marks is None:
            return self.options
        return tuple(f"{mark} {option}" for mark, option in zip(self.marks, self.options, strict=True))


@dataclass(frozen=True)
class Lines:
    """Ruled lines to write a short answer on."""

    count: int


@dataclass(frozen=True)
class NumberBlank:
    """A blank for a number, then its unit."""

    unit: str | None


@dataclass(frozen=True)
class Sentence:
    """A cloze text with blanks in place of its deletions."""

    parts: tuple[str | Blank, ...]


@dataclass(frozen=True)
class Columns:
    """Two columns to link: numbered items on the left, lettered (and shuffled) ones on the right.

    The right column is the match's `right_column` (distinct right sides, then
    distractors) in this version's order, so it may be longer than the left one.
    """

    left: tuple[str, ...]
    right: tuple[str, ...]
    marks: tuple[str, ...]

    @property
    def printed(self) -> tuple[str, ...]:
        """The right column as printed: 'a) Descartes'."""
        return tuple(f"{mark} {right}" for mark, right in zip(self.marks, self.right, strict=True))


@dataclass(frozen=True)
class Ranking:
    """Items in a shuffled order, each with a box for its rank."""

    items: tuple[str, ...]


Layout = Boxes | Lines | NumberBlank | Sentence | Columns | Ranking


@dataclass(frozen=True)
class Picture:
    """A question's image, as the sheet shows it under the prompt."""

    file: str
    """Relative to the bank's folder (`Handout.folder`), with / between folders."""
    alt: str | None
    kind: str
    """png, jpeg, gif, webp or svg: what its bytes are."""
    data: bytes


@dataclass(frozen=True)
class Item:
    """One numbered question of a version as it is printed, with its line of the answer key."""

    number: int
    question: Question
    prompt: str
    instruction: str | None
    layout: Layout
    answer: str
    """The answer as the teacher checks it on this version: 'b) Paris', '1 → c) Descartes; 2 → a) ...', '3, 1, 2'."""
    excerpt: str | None
    """The question's source excerpt, verbatim, to find the line in the article; a match's or an order's own
    excerpts per pair or item follow it, each once, separated by ' … '."""
    grid: str = ""
    """The answer as the grading grid shows it, short: 'b', 'a, c', '1c 2a 3b', '3, 1, 2', 'Victor Hugo*' (* other answers accepted)."""
    image: Picture | None = None
    others: bool = False
    """Whether other answers than the grid's are right (accepted spellings, a tolerance): the grid marks them *."""
    solution: tuple[int, ...] = ()
    """The right marks as positions in the layout: the right boxes' indices in `Boxes.options` (mcq, multi,
    truefalse: 0 True, 1 False), each left item's index in `Columns.right` (match), each printed item's
    rank from 0 (order); () for short, numeric and cloze, written by hand."""

    @property
    def points(self) -> float:
        return self.question.points


@dataclass(frozen=True)
class Version:
    """One version of the worksheet: the same questions as the others, in its own order."""

    letter: str
    items: tuple[Item, ...]

    @property
    def total(self) -> float:
        return sum(item.points for item in self.items)


@dataclass(frozen=True)
class Handout:
    """Everything a handout prints: the header texts and the versions."""

    title: str
    source: str | None
    """The source's title and date, as the header shows them."""
    lang: str
    seed: int
    versions: tuple[Version, ...]
    folder: str | None = None
    """The bank's folder, where the questions' pictures are (None: the handout shows none)."""
    left_out: tuple[str, ...] = ()
    """Ids of selected questions not printed because one of their group, or of their leak, is (apart.draw_apart)."""

    @property
    def letters(self) -> str:
        """'A', 'A and B', 'A to C'."""
        letters = [version.letter for version in self.versions]
        if len(letters) <= 2:
            return " and ".join(letters)
        return f"{letters[0]} to {letters[-1]}"

    @property
    def pictures(self) -> bool:
        return any(item.image is not None for item in self.versions[0].items)

    @property
    def alternatives(self) -> bool:
        """Whether some grid answer has others accepted (marked *, with a note under the grid)."""
        return any(item.others for item in self.versions[0].items)

    @property
    def weighted(self) -> bool:
        """Whether some question weighs other than 1 point: then the sheet prints every question's points and a total box."""
        return any(item.points != 1 for item in self.versions[0].items)

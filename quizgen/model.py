"""The question bank as typed, immutable records. Loading and validation live in bank.py."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import ClassVar

from .errors import QuizgenError

Localized = Mapping[str, str]
"""A text in every language of its bank, keyed by language code."""

TYPES = ("mcq", "multi", "truefalse", "short", "numeric", "cloze", "match", "order")


@dataclass(frozen=True, kw_only=True)
class Question:
    """What every question has, whatever its type."""

    type: ClassVar[str]

    id: str
    prompt: Localized | None = None
    tags: tuple[str, ...] = ()
    difficulty: int = 2
    explanation: Localized | None = None
    source: str | None = None
    """The verbatim excerpt of the source text that the question is written from."""
    hint: Localized | None = None
    draft: bool = False
    line: int = 0
    """Line of the question in its bank file, to locate later problems."""


@dataclass(frozen=True, kw_only=True)
class MultipleChoice(Question):
    """One right choice among several."""

    type: ClassVar[str] = "mcq"
    choices: tuple[Localized, ...]
    answer: int
    """Index of the right choice."""


@dataclass(frozen=True, kw_only=True)
class MultipleAnswer(Question):
    """Two or more right choices among several."""

    type: ClassVar[str] = "multi"
    choices: tuple[Localized, ...]
    answers: tuple[int, ...]
    """Indices of the right choices, in the order of the choices."""


@dataclass(frozen=True, kw_only=True)
class TrueFalse(Question):
    """A claim that is true or false."""

    type: ClassVar[str] = "truefalse"
    answer: bool


@dataclass(frozen=True, kw_only=True)
class ShortAnswer(Question):
    """A free-text answer, with other accepted spellings."""

    type: ClassVar[str] = "short"
    answer: Localized
    accept: tuple[Localized, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Numeric(Question):
    """A number, right within a tolerance or a range."""

    type: ClassVar[str] = "numeric"
    answer: float
    tolerance: float = 0.0
    """Absolute tolerance (a relative one in the bank is resolved against the answer)."""
    range: tuple[float, float] | None = None
    unit: Localized | None = None

    @property
    def bounds(self) -> tuple[float, float]:
        """The smallest and largest accepted answers."""
        if self.range is not None:
            return self.range
        return (self.answer - self.tolerance, self.answer + self.tolerance)


@dataclass(frozen=True, kw_only=True)
class Cloze(Question):
    """A text with Anki-style deletions: {{c1::answer}} or {{c1::answer::hint}}."""

    type: ClassVar[str] = "cloze"
    text: Localized


@dataclass(frozen=True, kw_only=True)
class Match(Question):
    """Pairs to link, such as quote and speaker."""

    type: ClassVar[str] = "match"
    pairs: tuple[tuple[Localized, Localized], ...]


@dataclass(frozen=True, kw_only=True)
class Order(Question):
    """Items to put back in order; the bank lists them in their right order."""

    type: ClassVar[str] = "order"
    items: tuple[Localized, ...]


QUESTION_CLASSES: dict[str, type[Question]] = {
    cls.type: cls for cls in (MultipleChoice, MultipleAnswer, TrueFalse, ShortAnswer, Numeric, Cloze, Match, Order)
}


@dataclass(frozen=True)
class Source:
    """The text the questions are written from."""

    title: Localized
    url: str | None = None
    date: str | None = None
    """ISO date, YYYY-MM-DD."""
    file: str | None = None
    """Path of a plain-text copy, relative to the bank file."""


@dataclass(frozen=True)
class Deck:
    """How the bank appears in Anki."""

    name: Localized
    id: int


@dataclass(frozen=True)
class Bank:
    """A validated question bank: every text is present in every language."""

    title: Localized
    languages: tuple[str, ...]
    deck: Deck
    questions: tuple[Question, ...]
    path: str = field(compare=False)
    """Where the bank was read from, as the user named it."""
    source: Source | None = None

    @property
    def default_language(self) -> str:
        return self.languages[0]

    @property
    def slug(self) -> str:
        """File-name stem for outputs, from the deck name in the default language."""
        return slugify(self.deck.name[self.default_language]) or "quizgen"

    def language(self, lang: str | None) -> str:
        """The language to use for `lang` (None: the default); refused if the bank lacks it."""
        if lang is None:
            return self.default_language
        if lang not in self.languages:
            raise QuizgenError(f"{self.path} has no '{lang}' texts; its languages are {', '.join(self.languages)}")
        return lang


@dataclass(frozen=True)
class Deletion:
    """One {{cN::answer::hint}} of a cloze text."""

    number: int
    answer: str
    hint: str | None


CLOZE_PATTERN = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.DOTALL)


def cloze_parts(text: str) -> list[str | Deletion]:
    """Split a cloze text into plain strings and deletions, in reading order."""
    parts: list[str | Deletion] = []
    position = 0
    for found in CLOZE_PATTERN.finditer(text):
        if found.start() > position:
            parts.append(text[position : found.start()])
        parts.append(Deletion(int(found.group(1)), found.group(2), found.group(3)))
        position = found.end()
    if position < len(text):
        parts.append(text[position:])
    return parts


def cloze_deletions(text: str) -> list[Deletion]:
    """The deletions of a cloze text, in reading order."""
    return [part for part in cloze_parts(text) if isinstance(part, Deletion)]


def slugify(text: str) -> str:
    """'Viva Technology 2016' -> 'viva-technology-2016'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def stable_id(key: str) -> int:
    """A fixed id from a string, in the range genanki recommends for deck and model ids."""
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return (1 << 30) + int.from_bytes(digest[:4], "big") % (1 << 30)

"""The question bank as typed, immutable records. Loading and validation live in bank.py."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import ClassVar, Literal

from .errors import QuizgenError

Localized = Mapping[str, str]
"""A text in every language of its bank, keyed by language code."""

TYPES = ("mcq", "multi", "truefalse", "short", "numeric", "cloze", "match", "order")

Support = Literal["quoted", "inferred"]
"""How a question's excerpt backs its answer: it shows it (quoted), or the answer is an inference or a translation."""


@dataclass(frozen=True)
class Image:
    """A picture shown with a question: a file beside the bank, and the words that stand for it."""

    file: str
    """Path relative to the bank's folder, as written in the bank (it stays inside that folder)."""
    alt: Localized | None = None
    """The text alternative for readers who can't see it (missing: a warning)."""


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
    support: Support = "quoted"
    """'inferred' when the excerpt does not show the answer word for word; the explanation says why."""
    group: str | None = None
    """Questions of one group are never drawn together (one quiz session, handout version or web round)."""
    points: float = 1.0
    """What the question weighs on paper and in scores."""
    image: Image | None = None
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
    accept: Mapping[int, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)
    """Other right answers per deletion number and language, besides the deletion's own text."""

    def accepted(self, number: int, lang: str) -> tuple[str, ...]:
        """Every right answer of deletion `number` in `lang`: its own text first, then the alternatives."""
        own = [deletion.answer for deletion in cloze_deletions(self.text[lang]) if deletion.number == number]
        return tuple(dict.fromkeys([*own, *self.accept.get(number, {}).get(lang, ())]))


@dataclass(frozen=True, kw_only=True)
class Match(Question):
    """Pairs to link, such as quote and speaker."""

    type: ClassVar[str] = "match"
    pairs: tuple[tuple[Localized, Localized], ...]
    pair_sources: tuple[str | None, ...] = ()
    """One excerpt per pair (None where a pair has none), or () when no pair has its own."""
    distractors: tuple[Localized, ...] = ()
    """Extra right-hand items that match no left side, so the last pair can't be deduced."""

    def right_column(self, lang: str) -> tuple[str, ...]:
        """The right-hand items as offered: each distinct right side once, in bank order, then the distractors."""
        return tuple(dict.fromkeys([*(right[lang] for _, right in self.pairs), *(item[lang] for item in self.distractors)]))

    def solution(self, lang: str) -> tuple[int, ...]:
        """For each left side, the index of its right side in right_column(lang): two lefts may share one."""
        column = self.right_column(lang)
        return tuple(column.index(right[lang]) for _, right in self.pairs)


@dataclass(frozen=True, kw_only=True)
class Order(Question):
    """Items to put back in order; the bank lists them in their right order."""

    type: ClassVar[str] = "order"
    items: tuple[Localized, ...]
    item_sources: tuple[str | None, ...] = ()
    """One excerpt per item (None where an item has none), or () when no item has its own."""


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
    language: str | None = None
    """The language the source is written in, and so its excerpts (None: the bank's first language)."""


@dataclass(frozen=True)
class Deck:
    """How the bank appears in Anki."""

    name: Localized
    id: int
    derived_id: bool = False
    """The bank gives no `deck.id`: `id` is derived from the deck's name, so renaming the deck changes it."""


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
    no_source: bool = False
    """`source: none`: the bank is not written from a text, so no question is expected to quote one."""

    @property
    def source_language(self) -> str:
        """The language of the source text and of every excerpt."""
        if self.source is not None and self.source.language is not None:
            return self.source.language
        return self.default_language

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

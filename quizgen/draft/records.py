"""The findings of `quizgen draft`: frozen records, no I/O."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..errors import count

Attribution = Literal["named", "role", "following", "pronoun", "continued"]
"""How a quotation's speaker was found (see `Quotation.attribution`)."""
FigureKind = Literal["amount", "percent", "count", "duration", "date", "year", "age", "rank"]
Number = int | float


@dataclass(frozen=True)
class Person:
    """Someone the article names, under one spelling, with the role it gives them if any."""

    name: str
    role: str | None = None
    organisation: str | None = None
    excerpt: str | None = None
    """Where the role is given, verbatim: "Pierre Gattaz, le patron du MEDEF"."""
    variants: tuple[str, ...] = ()
    """Other spellings of the name in the article ("Jay Carner")."""
    position: int = 0
    """Offset of the role's excerpt (or of the first mention) in the article."""
    named: int = 1
    """How many times the article names them."""


@dataclass(frozen=True)
class Quotation:
    """A quotation and the person the article attributes it to (None: nobody could be found)."""

    text: str
    """The words inside the outer quotation marks; nested marks are kept."""
    speaker: str | None
    attribution: Attribution | None
    """How the speaker was found: named in the sentence, a role ("le Président exécutif de Cisco"),
    named in the following sentence, a pronoun ("a-t-elle ajouté"), or right after a quotation of theirs."""
    excerpt: str
    position: int
    cloze: tuple[int, int] | None
    """The part of `text` a cloze hides: a figure, a name, a nested quotation; None: no cloze is worth making."""
    mentions: tuple[str, ...] = ()
    """People named inside the quotation (never offered as its speaker)."""
    tags: tuple[str, ...] = ()
    partial: bool = False
    """A fragment quoted inside the writer's sentence ("vow to “fix the foundations”"), not a sentence of the speaker."""

    @property
    def end(self) -> int:
        """Where the quotation ends in the article, about: its marks and the spaces « » hold are a few characters more."""
        return self.position + len(self.text) + 4

    @property
    def asked_speaker(self) -> str | None:
        """The speaker a question may name: a fragment's only when its own sentence names them."""
        return None if self.partial and self.attribution not in ("named", "role") else self.speaker


@dataclass(frozen=True)
class Figure:
    """A number of the article, with its unit and how precisely the article gives it."""

    value: Number
    unit: str
    """'dollars', '%', 'postes', the month of a day ('juin'); '' for a year."""
    kind: FigureKind
    wording: str
    """The figure as written: 'Plus de 400 produits', 'une cinquantaine de start-up'."""
    tolerance: int | float | str
    """0 for a figure the text gives (its "plus de", "about" stay in sight), '5%' for a round number ("une cinquantaine")."""
    excerpt: str
    blank: tuple[int, int]
    """The part of `excerpt` that the question hides."""
    position: int
    tags: tuple[str, ...] = ()
    heading: bool = False
    """Found in a heading or a caption, not in the prose."""
    sentence: int = 0
    """Offset of the sentence that holds the figure: its figures are one place of the article."""
    scale: int = 0
    """The power of ten of the scale word the article writes it with (6: "15,4 millions d’euros"): asked in that scale."""


@dataclass(frozen=True)
class Findings:
    """Everything `extract` found in an article, in article order."""

    title: str
    language: str
    quotations: tuple[Quotation, ...]
    figures: tuple[Figure, ...]
    people: tuple[Person, ...]
    """Every person named; those with a role become questions, the others are distractors."""
    skipped: tuple[str, ...] = ()
    """The lines left out as page chrome."""
    nlp: bool = False
    """Whether the optional NLP pass read the article."""
    words: int = 0
    """How long the article's prose is, in words."""

    @property
    def roles(self) -> tuple[Person, ...]:
        """The people the article gives a role to."""
        return tuple(person for person in self.people if person.role is not None)


@dataclass(frozen=True)
class Draft:
    """A drafted bank: its YAML text and the findings it was written from."""

    text: str
    findings: Findings
    questions: int
    """How many questions `text` holds."""
    notes: tuple[str, ...] = ()
    """What the reader should know about how the article was read (an encoding guessed)."""
    text_file: str | None = None
    """Where the text read from a web page, a PDF or standard input was written, for the bank to quote from."""

    def summary(self, path: str) -> str:
        """What `quizgen draft` says once the bank is written to `path`."""
        findings = self.findings
        people = len(findings.roles)
        text = f" and the text it read to {self.text_file}" if self.text_file else ""
        return (
            f"Wrote {path}{text}: {count(self.questions, 'draft question')} ({count(len(findings.quotations), 'quotation')}, "
            f"{count(len(findings.figures), 'figure')}, {people} {'person' if people == 1 else 'people'}); "
            "review them, then remove draft: true"
        )

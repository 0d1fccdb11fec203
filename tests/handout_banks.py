"""Banks for the handout tests, built in code: every type, with texts no other question repeats.

No question shows another's answer, so `draw_apart` keeps every one of them and a
handout prints them all; each short, numeric and cloze answer is a word found
nowhere on the students' sheets, so a test can tell a sheet that shows answers.
"""

from __future__ import annotations

import io
import re
import subprocess
import unicodedata
from dataclasses import replace
from pathlib import Path

import pypdf
import yaml

from quizgen.bank import load_bank
from quizgen.model import (
    Bank,
    Cloze,
    Deck,
    Match,
    MultipleAnswer,
    MultipleChoice,
    Numeric,
    Order,
    Question,
    ShortAnswer,
    Source,
    TrueFalse,
)
from quizgen.present import format_number

WORDS = ["amber", "birch", "cedar", "delta", "ember", "fjord", "grove", "heron", "ivory", "jasper", "kestrel", "lumen"]


def name(number: int, salt: str) -> str:
    """A word for `number`, different for every number and salt: 'birchamber-q'."""
    first, second = divmod(number, len(WORDS))
    return f"{WORDS[second]}{WORDS[first % len(WORDS)]}{salt}"


def both(text: str) -> dict[str, str]:
    return {"en": text, "fr": text}


def question(number: int) -> Question:
    """Question `number`, of the type `number` cycles to, with its own words."""
    common = {"id": f"q{number:03d}", "prompt": both(f"Question {number} asks what?"), "source": f"Excerpt {number} of the text."}
    options = tuple(both(f"Option {number}{letter}") for letter in "wxyz")
    kind = number % 8
    if kind == 0:
        return MultipleChoice(**common, choices=options, answer=number % 4)
    if kind == 1:
        return MultipleAnswer(**common, choices=options, answers=(0, 2))
    if kind == 2:
        return TrueFalse(**common, answer=number % 3 == 0)
    if kind == 3:
        return ShortAnswer(**common, answer=both(name(number, "short")), accept=(both(name(number, "other")),))
    if kind == 4:
        return Numeric(**common, answer=1000 + number, unit=both("units"))
    if kind == 5:
        return Cloze(
            **common, text=both(f"Sentence {number} holds {{{{c1::{name(number, 'gap')}}}}} and {{{{c2::{name(number, 'hole')}}}}}.")
        )
    if kind == 6:
        pairs = tuple((both(f"Left {number}{letter}"), both(f"Right {number}{letter}")) for letter in "abc")
        return Match(**common, pairs=pairs, distractors=(both(f"Right {number}d"),))
    return Order(**common, items=tuple(both(f"Step {number}{letter}") for letter in "abcd"))


def distinct_bank(count: int, points: dict[int, float] | None = None) -> Bank:
    """`count` questions of every type, none giving another away; `points` weighs some (by question number)."""
    questions = [question(number) for number in range(1, count + 1)]
    for number, weight in (points or {}).items():
        questions[number - 1] = replace(questions[number - 1], points=weight)
    return Bank(
        title=both("Distinct"),
        languages=("en", "fr"),
        deck=Deck(both("Distinct"), 1_400_000_099),
        questions=tuple(questions),
        path="distinct.yaml",
        source=Source(both("A text"), date="2024-05-01"),
    )


def hidden_answers(bank: Bank, lang: str) -> list[str]:
    """The answers a sheet must never show: short, numeric and cloze answers (the others are printed as options)."""
    hidden: list[str] = []
    for entry in bank.questions:
        if isinstance(entry, ShortAnswer):
            hidden += [entry.answer["en"], *(other["en"] for other in entry.accept)]
        elif isinstance(entry, Numeric):
            hidden.append(format_number(entry.answer, lang))
        elif isinstance(entry, Cloze):
            hidden += [name(int(entry.id[1:]), "gap"), name(int(entry.id[1:]), "hole")]
    return hidden


BANKS = Path(__file__).resolve().parent / "banks"
EVERY_TYPE = BANKS / "every-type.yaml"
HOSTILE = BANKS / "hostile.yaml"
HOSTILE_PIECES = [
    "<script>alert('x')</script>",
    "<b>bold</b>",
    "{braces}",
    "~tilde",
    "=equals",
    "#hash",
    "\\backslash",
    "*star*",
    "_under_",
    "`tick`",
    "$dollar$",
    "@at",
    '"quote", comma; semicolon',
]
"""Pieces of the hostile bank's first prompt, each of which means something in Typst, Markdown or HTML."""


def pdf_pages(data: bytes) -> list[str]:
    """Each page's text in the order it is drawn (poppler's pdftotext -raw: twenty times faster than pypdf on a class's key)."""
    text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True).stdout
    return text.decode("utf-8").split("\f")[:-1]


def exact_pages(data: bytes) -> list[str]:
    """Each page's text with every character as typst wrote it (pypdf keeps the no-break spaces that pdftotext turns into spaces)."""
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def squeeze(text: str) -> str:
    """Text as compared with what pypdf extracts: no spacing, hyphens or invisible break points."""
    return re.sub(r"[\s\-\u00ad\u200b\u2060]+", "", unicodedata.normalize("NFKC", text))


def in_order(text: str, pieces: list[str]) -> bool:
    """Whether every piece is found in `text` (squeezed), each after the one before."""
    text, position = squeeze(text), 0
    for piece in pieces:
        found = text.find(squeeze(piece), position)
        if found < 0:
            return False
        position = found + len(squeeze(piece))
    return True


BLANK_NOTICES = ("This page is intentionally left blank.", "Page laissée blanche intentionnellement.")


def sections(pages: list[str]) -> dict[str, list[str]]:
    """The PDF's pages grouped by the footer that ends each one ('Version B — page 2/3'); pages left blank are skipped."""
    grouped: dict[str, list[str]] = {}
    for text in pages:
        if text.strip() in BLANK_NOTICES:
            continue
        footer = text.strip().splitlines()[-1]
        name, _, numbers = footer.rpartition(" — page ")
        page, pages_in_section = numbers.split("/")
        grouped.setdefault(name, []).append(text)
        assert int(page) == len(grouped[name])
        assert int(pages_in_section) >= int(page)
    return grouped


def first_pages(pages: list[str]) -> dict[str, int]:
    """Each section's first page, counted from 1 in the whole file."""
    starts: dict[str, int] = {}
    for number, text in enumerate(pages, 1):
        if text.strip() not in BLANK_NOTICES:
            starts.setdefault(text.strip().splitlines()[-1].rpartition(" — page ")[0], number)
    return starts


def write_bank(folder: Path, bank: dict[str, object]) -> Bank:
    path = folder / "bank.yaml"
    path.write_text(yaml.safe_dump(bank, allow_unicode=True), encoding="utf-8")
    return load_bank(path).bank

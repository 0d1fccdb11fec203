"""`quizgen check`: validate a bank, ground its excerpts in the source text, and sum it up."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from .bank import load_bank
from .errors import BankError, Problem, count
from .files import inside, is_file, read_text
from .model import TYPES, Bank

TYPOGRAPHY = str.maketrans(
    {
        "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201a": "'", "\u2032": "'",
        "\u00ab": '"', "\u00bb": '"', "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2039": '"', "\u203a": '"',
        "\u2026": "...",
    }
)  # fmt: skip
SPACING = re.compile(r"\s+")
# French typography puts a (non-breaking) space inside « » and before ! ? : ; where English puts none.
SPACE_AROUND_PUNCTUATION = re.compile(r' ?(["!?:;]) ?')
TAGS_SHOWN = 12


def fold(text: str) -> str:
    """Text as compared for grounding: typographic quotes, apostrophes and all spacing made plain."""
    text = unicodedata.normalize("NFC", text).translate(TYPOGRAPHY)
    text = SPACING.sub(" ", text)
    return SPACE_AROUND_PUNCTUATION.sub(r"\1", text).strip()


def closest_passage(text: str, excerpt: str) -> str:
    """The passage of `text` (folded) most like `excerpt` (folded), to show the author the difference."""
    matcher = SequenceMatcher(None, text, excerpt, autojunk=False)
    anchor = matcher.find_longest_match(0, len(text), 0, len(excerpt))
    guess = max(0, anchor.a - anchor.b)
    window = max(0, guess - 40)
    starts = [guess] + [window + space.end() for space in re.finditer(" ", text[window : guess + 40])]

    def likeness(start: int) -> float:
        return SequenceMatcher(None, text[start : start + len(excerpt)], excerpt, autojunk=False).ratio()

    best = max(starts, key=likeness)
    return text[best : best + len(excerpt)].strip()


def ungrounded(bank: Bank, source_text: str, source_name: str) -> list[Problem]:
    """An error for each excerpt that is not in the source text."""
    text = fold(source_text)
    problems = []
    for question in bank.questions:
        if question.source is None:
            continue
        excerpt = fold(question.source)
        if excerpt not in text:
            closest = closest_passage(text, excerpt)
            message = f'source excerpt not found in {source_name}; closest passage: "{closest}"'
            problems.append(Problem(bank.path, question.line, message, question.id))
    return problems


@dataclass(frozen=True)
class CheckReport:
    """What `quizgen check` found in a valid bank."""

    bank: Bank
    warnings: tuple[Problem, ...]
    source_name: str | None
    """The text the excerpts were grounded in; None when there was none to read."""
    skipped_source: str | None = None
    """A declared source file that does not exist, so grounding was skipped."""

    def summary(self) -> str:
        bank = self.bank
        questions = bank.questions
        types = Counter(question.type for question in questions)
        tags = Counter(tag for question in questions for tag in question.tags)
        lines = [
            f"{bank.path}: {count(len(questions), 'question')}, 0 errors, {count(len(self.warnings), 'warning')}",
            "  types: " + ", ".join(f"{kind} {types[kind]}" for kind in TYPES if types[kind]),
        ]
        if tags:
            shown = ", ".join(f"{tag} {n}" for tag, n in sorted(tags.items(), key=lambda item: (-item[1], item[0]))[:TAGS_SHOWN])
            more = f", and {len(tags) - TAGS_SHOWN} more" if len(tags) > TAGS_SHOWN else ""
            lines.append(f"  tags: {shown}{more}")
        languages = ", ".join(bank.languages)
        lines.append(f"  languages: {languages} (default {bank.default_language}); every text is in each of them")
        excerpts = sum(question.source is not None for question in questions)
        if self.source_name is not None:
            lines.append(f"  grounding: {excerpts} of {count(excerpts, 'excerpt')} found in {self.source_name}")
        elif self.skipped_source is not None:
            lines.append(f"  grounding: skipped, the source file {self.skipped_source} does not exist (use --source FILE)")
        else:
            lines.append("  grounding: skipped, no source text (use --source FILE or set source.file in the bank)")
        return "\n".join(lines)


def check_bank(path: Path, source: Path | None = None, strict: bool = False) -> CheckReport:
    """Validate the bank and ground its excerpts; raise BankError on any error (or warning, if strict)."""
    loaded = load_bank(path)
    bank = loaded.bank
    skipped = None
    if source is None and bank.source is not None and bank.source.file is not None:
        declared = inside(path.parent, bank.source.file, f"{path}: source.file")
        if is_file(declared):
            source = declared
        else:
            skipped = bank.source.file
    problems: list[Problem] = []
    if source is not None:
        problems = ungrounded(bank, read_text(source), str(source))
    if problems or (strict and loaded.warnings):
        raise BankError(str(path), sorted([*loaded.warnings, *problems], key=lambda problem: problem.line), strict=strict)
    return CheckReport(bank, loaded.warnings, None if source is None else str(source), skipped)

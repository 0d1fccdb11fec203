"""Grounding: every excerpt of a bank is in its source text, once typography is set aside."""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

from ..errors import Problem
from ..model import Bank, Match, Order, Question

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


def excerpts(question: Question) -> list[tuple[str, str]]:
    """Every excerpt of a question, named as messages name it: its own, then each pair's or item's."""
    found = [("source excerpt", question.source)] if question.source is not None else []
    if isinstance(question, Match):
        found += [(f"pair {number} excerpt", source) for number, source in enumerate(question.pair_sources, 1) if source is not None]
    if isinstance(question, Order):
        found += [(f"item {number} excerpt", source) for number, source in enumerate(question.item_sources, 1) if source is not None]
    return found


def ungrounded(bank: Bank, source_text: str, source_name: str) -> list[Problem]:
    """An error for each excerpt that is not in the source text."""
    text = fold(source_text)
    problems = []
    for question in bank.questions:
        for name, excerpt in excerpts(question):
            folded = fold(excerpt)
            if folded not in text:
                closest = closest_passage(text, folded)
                message = f'{name} not found in {source_name}; closest passage: "{closest}"'
                problems.append(Problem(bank.path, question.line, message, question.id))
    return problems

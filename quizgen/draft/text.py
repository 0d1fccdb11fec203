"""What every pass shares about the article's text: spans, words, sentence punctuation."""

from __future__ import annotations

import re

Span = tuple[int, int]
"""(start, end) offsets of a piece of the article, the end excluded."""

TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
"""A word: letters, maybe hyphenated ("start-up"); an apostrophe ends it ("d’Amazon" is "d", "Amazon")."""
CAPITALS = "A-ZÀ-ÖØ-ÞŒ"
"""Capital letters, for the patterns that need one (Python's re has no class for them)."""
ENDERS = ".!?…"
"""The marks that end a sentence."""
CLOSERS = ")]”\"'’»"
"""The marks that may follow a sentence's final punctuation and still belong to it."""


def flat(text: str) -> str:
    """A text without the line breaks of a hard-wrapped paragraph, for what the draft writes itself."""
    return re.sub(r"[ \t]*\n\s*", " ", text)

"""What every pass shares about the article's text: spans, words, sentence punctuation."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable

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


class Spans:
    """Spans sorted by start, looked up by bisection: the passes stay linear in the article, however many spans it has."""

    def __init__(self, spans: Iterable[Span]) -> None:
        self.spans = sorted(spans)
        self.starts = [start for start, _ in self.spans]
        # The furthest end among the spans up to each index: a position is inside one of them iff it is before that end.
        self.reach: list[int] = []
        furthest = -1
        for _, end in self.spans:
            furthest = max(furthest, end)
            self.reach.append(furthest)

    def __contains__(self, position: object) -> bool:
        """Whether a span holds `position`."""
        if not isinstance(position, int):
            return False
        index = bisect_right(self.starts, position) - 1
        return index >= 0 and position < self.reach[index]

    def holding(self, position: int) -> Span | None:
        """The last-starting span that holds `position`, if any."""
        index = bisect_right(self.starts, position) - 1
        while index >= 0 and self.reach[index] > position:
            if self.spans[index][1] > position:
                return self.spans[index]
            index -= 1
        return None

    def first_start(self, start: int, default: int) -> int:
        """Where the first span starting at `start` or after starts; `default` when none does."""
        index = bisect_left(self.starts, start)
        return self.starts[index] if index < len(self.starts) else default

    def starting_in(self, start: int, end: int) -> list[Span]:
        """The spans that start in [start, end)."""
        return self.spans[bisect_left(self.starts, start) : bisect_left(self.starts, end)]

"""Pass 2: each block cut into sentences, with its quotations and parentheses, in one scan.

The scan keeps a stack of open quotation marks, so that « ... « ... » ... »
nests and the full stops inside a quotation do not end the sentence around
it. Straight "..." pair up by position.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

from .layout import Block
from .lexicon import ABBREVIATIONS, MONTH_ABBREVIATIONS
from .text import CLOSERS, ENDERS, TOKEN, Span, Spans

QUOTE_PAIRS = {"«": "»", "“": "”", "‘": "’", "''": "''"}
"""Opening quotation marks and their closing ones; a straight " closes itself. Two apostrophes ('') are one mark."""
MONTHS_SHORT = frozenset(MONTH_ABBREVIATIONS["fr"] + MONTH_ABBREVIATIONS["en"])
MARKS = re.compile(r"[«»“”‘’\"'()" + re.escape(ENDERS) + "]")
"""The characters the scan acts on."""


@dataclass(frozen=True)
class Scan:
    """One block cut into sentences, with its quotations and parentheses."""

    block: Block
    sentences: tuple[Span, ...]
    quotes: tuple[Span, ...]
    """Each outermost quotation, marks included."""
    parens: tuple[Span, ...]
    left_open: bool = False
    """The last quotation is not closed in this block: it may go on in the next paragraph."""

    @cached_property
    def quote_spans(self) -> Spans:
        return Spans(self.quotes)

    @cached_property
    def paren_spans(self) -> Spans:
        return Spans(self.parens)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [start for start, _ in self.sentences]

    def sentence_at(self, position: int) -> int:
        """The index of the sentence that holds `position` (the last one that starts at or before it)."""
        return max(0, bisect_right(self._sentence_starts, position) - 1)


def scan_block(text: str, block: Block) -> Scan:
    """The sentences, outermost quotations and outermost parentheses of a block."""
    stack: list[str] = []  # the closing marks the open quotations wait for, innermost last
    quotes: list[Span] = []
    parens: list[Span] = []
    sentences: list[Span] = []
    sentence_start = block.start
    quote_start = paren_start = -1
    paren_depth = 0
    i = block.start
    while i < block.end:
        # Only marks matter: jump to the next one (a plain Python loop over every letter is the slowest part otherwise).
        found = MARKS.search(text, i, block.end)
        if found is None:
            break
        i = found.start()
        character = text[i]
        if character == "'" and text.startswith("''", i):
            character = "''"  # two apostrophes: one quotation mark
        width = len(character)
        next_start = None
        if stack and character in stack and _closes(text, i, character):
            # A mark that closes an outer quotation closes the inner ones left open too ("‘…” is a slip, not a nesting).
            while stack.pop() != character:
                pass
            if not stack:
                quotes.append((quote_start, i + width))
                # A quotation that ends with its own full stop may end the sentence around it too.
                if text[max(quote_start + 1, i - 3) : i].rstrip().endswith(tuple(ENDERS)):
                    next_start = _next_sentence_start(text, i + width, block.end)
        elif (
            (character in QUOTE_PAIRS and _opens(text, i, block.start, character))
            or (character == '"' and _opens_straight_quote(text, i, block.start))
            or (character in "”'" and not stack and _opens_as_its_own_pair(text, i, block.start))
        ):
            if not stack:
                quote_start = i
            stack.append(QUOTE_PAIRS.get(character, character))
        elif stack:
            pass  # inside a quotation, parentheses and full stops are the quotation's own
        elif character == "(":
            paren_depth += 1
            paren_start = i if paren_depth == 1 else paren_start
        elif character == ")" and paren_depth:
            paren_depth -= 1
            if not paren_depth:
                parens.append((paren_start, i + 1))
        elif character in ENDERS and not (character == "." and _ends_abbreviation(text, i, block.start)):
            next_start = _next_sentence_start(text, i + 1, block.end)
        if next_start is not None:
            sentences.append((sentence_start, _rstrip(text, sentence_start, next_start)))
            sentence_start = i = next_start
            continue
        i += width
    if stack:  # a quotation left open runs to the end of its paragraph
        quotes.append((quote_start, block.end))
    if paren_depth:
        parens.append((paren_start, block.end))
    sentences.append((sentence_start, block.end))
    return Scan(block, tuple(sentences), tuple(quotes), tuple(parens), bool(stack))


def _opens(text: str, i: int, start: int, mark: str) -> bool:
    """« “ open wherever they are; ‘ and '' only where a word starts (not "rock’n’roll")."""
    if mark in "«“":
        return True
    after = text[i + len(mark) : i + len(mark) + 1]
    return (i == start or not text[i - 1].isalnum()) and bool(after) and not after.isspace()


def _closes(text: str, i: int, mark: str) -> bool:
    """» ” " close wherever they are; ’ and '' only where a word ends: "Britain’s" is an apostrophe. A single
    straight ' closes only before punctuation or the paragraph's end, or after a sentence's end: "the players' union"
    is a possessive."""
    if mark not in ("’", "''", "'"):
        return True
    after = text[i + len(mark) : i + len(mark) + 1]
    if mark == "'":
        return not after or after in ",;:.!?)" or (after.isspace() and text[i - 1] in ENDERS + "…")
    return not after.isalpha()


def _opens_as_its_own_pair(text: str, i: int, start: int) -> bool:
    """A closing ” or a straight ' that starts a quotation, as some sites print them (”It’s the best moment,” he said;
    'Et un et deux', a déclaré X): at a word's start, before a letter (a capital, for ', which also elides)."""
    after = text[i + 1 : i + 2]
    if not _opens_straight_quote(text, i, start) or not after.isalpha():
        return False
    return text[i] == "”" or after.isupper()


def _opens_straight_quote(text: str, i: int, start: int) -> bool:
    """A straight " at i opens a quotation (rather than closing one) when it starts a word."""
    return i == start or text[i - 1].isspace() or text[i - 1] in "([{—–-«“/"


def _next_sentence_start(text: str, i: int, end: int) -> int | None:
    """Where the next sentence starts if one starts after position i (just past a full stop).

    One does after closing marks and a space, at a capital, a digit or an opening mark.
    """
    j = i
    while j < end and text[j] in CLOSERS:
        j += 1
    k = j
    while k < end and text[k].isspace():
        k += 1
    if k == end:
        return None
    if k > j and (text[k].isupper() or text[k].isdigit() or text[k] in '«“"('):
        return k
    return None


def _ends_abbreviation(text: str, i: int, start: int) -> bool:
    """A full stop that ends "M.", "Oct.", "Inc." or an initial ("J.", "U.S."), not a sentence."""
    found = re.search(r"(\w+)$", text[max(start, i - 12) : i])
    word = found.group(1) if found else ""
    return word in ABBREVIATIONS or word.lower() in MONTHS_SHORT or (len(word) == 1 and word.isalpha() and word.isupper())


def _rstrip(text: str, start: int, end: int) -> int:
    """The end of text[start:end] without its trailing whitespace."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def quote_inner(text: str, start: int, end: int) -> Span:
    """The words of a quotation without its marks, the spaces inside them, and a comma that belongs
    to the sentence around it ("“We will,” said X")."""
    opening = 2 if text.startswith("''", start) else 1
    closing = 2 if text[max(start + opening, end - 2) : end] == "''" else 1 if text[end - 1] in "»”\"’'" else 0
    inner_start, inner_end = start + opening, end - closing
    while inner_start < inner_end and text[inner_start].isspace():
        inner_start += 1
    inner_end = _rstrip(text, inner_start, inner_end)
    while inner_end > inner_start and text[inner_end - 1] in ",;:":
        inner_end = _rstrip(text, inner_start, inner_end - 1)
    return inner_start, inner_end


def is_quotation(words: str) -> bool:
    """Four words or more, or a sentence of two or more ("Never again."); less is a term: the « classe inversée »."""
    count = len(TOKEN.findall(words))
    return count >= 4 or (count >= 2 and words.rstrip().endswith(tuple(ENDERS)))

"""Pass 1, layout: the article's blocks of prose and headings, without the page's chrome.

A line, or a hard-wrapped paragraph, is a block. Page chrome is dropped:
consent banners, buttons, menus, "2 semaines ago" lines, and everything from
a "Recent Posts" or "À lire aussi" line on. A block without final punctuation
is a heading.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .text import CLOSERS, ENDERS, Span

END_MARKERS = {
    "recent posts", "related posts", "articles récents", "articles similaires", "à lire aussi", "a lire aussi", "lire aussi",
    "sur le même sujet", "read more", "read next", "read also", "related articles", "related stories", "more stories",
    "you may also like", "vous aimerez aussi", "popular posts", "most read", "les plus lus", "leave a reply", "leave a comment",
    "laisser un commentaire", "commentaires", "comments", "share this", "share this article", "partager cet article",
}  # fmt: skip
"""A line that starts the page's furniture: it and everything after it are skipped."""
CHROME_WORDS = re.compile(
    r"(?i)\b(?:cookies?|consentements?|consent|rgpd|gdpr|privacy|confidentialité|tous droits réservés|all rights reserved"
    r"|abonnez-vous|subscribe|newsletter|inscrivez-vous|sign up|log in|se connecter|accept(?:er|ez)?|refuser|paramétrer)\b|©"
)
"""Words of consent banners, footers and sign-up boxes."""
QUOTED = re.compile(r"[«“\"]\s*(?:[^\s«»“”\"]+\s+){3,}[^«»“”\"]*[»”\"]")
"""Four words or more in quotation marks: a short paragraph of speech has them; a banner quotes a button ("Accept all")."""
TIME_AGO = re.compile(r"(?i)^(?:\d+\s+\w+\s+ago|il y a \d+\s+\w+|\d+\s+min(?:ute)?s?\s+(?:read|de lecture)|lecture\s*:.*)$")
META_LINE = re.compile(r"(?i)^(?:publié|mis à jour|updated|published|posted|par|by)\b")


@dataclass(frozen=True)
class Block:
    """A paragraph or a heading of the article, by its offsets."""

    start: int
    end: int
    heading: bool


def split_blocks(text: str) -> tuple[list[Block], list[str]]:
    """The article's blocks of prose or headings, and the lines skipped as page chrome.

    In a hard-wrapped text, a line that reaches most of the wrap width goes on
    in the next line (unless a blank line comes between), and the two are one
    block; otherwise each line is a block.
    """
    lines = _lines(text)
    counts = Counter(text[start:end] for start, end in lines)
    width = _wrap_width(lines)
    blocks: list[Block] = []
    skipped: list[str] = []
    ended = False
    previous: Span | None = None  # the last line of the last block; None after a skipped line
    for start, end in lines:
        line = text[start:end]
        if width and previous and text.count("\n", previous[1], start) == 1 and previous[1] - previous[0] >= 0.6 * width:
            blocks[-1] = Block(blocks[-1].start, end, False)
            previous = (start, end)
            continue
        if not ended and line.lower().rstrip(" :") in END_MARKERS:
            ended = True
        if ended or _is_chrome(line, counts[line] > 1):
            skipped.append(line)
            previous = None
            continue
        blocks.append(Block(start, end, False))
        previous = (start, end)
    return [Block(b.start, b.end, _is_heading(text[b.start : b.end])) for b in blocks], skipped


def _lines(text: str) -> list[Span]:
    """(start, end) of each non-blank line, whitespace trimmed."""
    spans = []
    for found in re.finditer(r"[^\n]+", text):
        line = found.group()
        if line.strip():
            start = found.start() + len(line) - len(line.lstrip())
            spans.append((start, found.start() + len(line.rstrip())))
    return spans


def _wrap_width(lines: list[Span]) -> int:
    """The width a hard-wrapped text is wrapped at, or 0 when each line is a paragraph.

    Wrapped: at least three lines over 40 characters, and nearly all of them 100 characters or less.
    """
    long = [end - start for start, end in lines if end - start > 40]
    if len(long) < 3 or sum(length <= 100 for length in long) < 0.9 * len(long):
        return 0
    return max(length for length in long if length <= 100)


def _is_chrome(line: str, repeated: bool) -> bool:
    """A line of the page around the article: a button, a menu, a banner, a date line, a link."""
    words = line.split()
    if repeated and len(words) <= 4:  # "Enregistrer" three times: a button, not prose
        return True
    if len(words) <= 12 and CHROME_WORDS.search(line) and not QUOTED.search(line):  # not "“We'll lose all our privacy,” he said"
        return True
    if TIME_AGO.match(line) or re.fullmatch(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+", line):
        return True
    if re.search(r"\s[|•·>]\s", line) and len(words) <= 15:  # menus and breadcrumbs
        return True
    if META_LINE.match(line) and len(words) <= 8 and not line.endswith(tuple(ENDERS)):  # "Publié le 30 juin", "By Jane Doe"
        return True
    # A one- or two-word line is a button or a menu item, unless it is a name ("Jimmy Wales").
    return len(words) <= 2 and not (len(words) == 2 and words[1][:1].isupper()) and not line.endswith(tuple(ENDERS))


def _is_heading(block: str) -> bool:
    """A short block without final punctuation: a headline, a section title or a caption."""
    return not block.rstrip().endswith(tuple(ENDERS + CLOSERS + ":;")) and len(block.split()) <= 20

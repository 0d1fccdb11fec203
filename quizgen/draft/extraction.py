"""The five passes over an article, run in order: `extract` turns a text into `Findings`."""

from __future__ import annotations

import re
from collections import Counter

from ..errors import DraftError
from .attribution import attribute, find_quotations
from .figures import find_figures
from .layout import split_blocks
from .lexicon import DETECTION, LANGUAGES
from .nlp import person_spans
from .people import People
from .records import Findings
from .sentences import Scan, scan_block
from .text import TOKEN, flat

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
TITLE_LENGTH = 120
"""Characters: a headline longer than this is a paragraph, and is cut at a word."""


def detect_language(text: str) -> str:
    """'fr' or 'en', whichever language's frequent words the text uses most (English on a tie)."""
    words = Counter(word.lower() for word in TOKEN.findall(text))
    scores = {lang: sum(words[word] for word in DETECTION[lang]) for lang in LANGUAGES}
    return "fr" if scores["fr"] > scores["en"] else "en"


def extract(text: str, lang: str | None = None, *, nlp: bool = True, title: str | None = None) -> Findings:
    """Everything a draft can be made of: quotations and speakers, figures, people and roles.

    `nlp`: let the optional NLP pass (spaCy, when installed) vouch for names too.
    `title`: the headline when the article's source gives it (a web page's title).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # A page break (a PDF's form feed) is a line break; other control characters, which no bank may hold, are spaces.
    text = CONTROL.sub(lambda found: "\n" if found.group() in "\x0b\x0c" else " ", text)
    blocks, skipped = split_blocks(text)
    prose = "\n".join(text[block.start : block.end] for block in blocks)
    language = lang or detect_language(prose)
    if language not in LANGUAGES:
        raise DraftError(f"cannot draft in '{language}': quizgen draft writes French (fr) or English (en)")
    scans = [scan_block(text, block) for block in blocks]
    names = person_spans(text, [(block.start, block.end) for block in blocks], language) if nlp else None
    people = People(text, scans, names)
    # Attribution may give a person in focus the role that designated them: the records are made after it.
    speakers, focus_after = attribute(text, scans, people, language)
    persons = people.records()
    quotations = find_quotations(text, scans, people, persons, speakers)
    figures = find_figures(text, scans, language, people, persons, quotations, focus_after)
    headline = title or headline_of(text, scans)
    words = len(prose.split())
    return Findings(headline, language, tuple(quotations), tuple(figures), tuple(persons), tuple(skipped), names is not None, words)


def headline_of(text: str, scans: list[Scan]) -> str:
    """The article's headline: its first heading when it opens the article, else its first sentence; shortened to
    a title's length at a word (a first paragraph is not a title)."""
    if not scans:
        return ""
    block = scans[0].block
    first = flat(text[block.start : block.end])
    if not block.heading:
        start, end = scans[0].sentences[0]
        sentence = flat(text[start:end])
        first = sentence if len(sentence) >= 25 else first
    if len(first) <= TITLE_LENGTH:
        return first
    cut = first[: TITLE_LENGTH + 1].rsplit(" ", 1)[0].rstrip(" ,;:–—-")
    return cut + "…"

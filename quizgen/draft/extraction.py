"""The five passes over an article, run in order: `extract` turns a text into `Findings`."""

from __future__ import annotations

from collections import Counter

from ..errors import DraftError
from .attribution import attribute, find_quotations
from .figures import find_figures
from .layout import split_blocks
from .lexicon import DETECTION, LANGUAGES
from .people import People
from .records import Findings
from .sentences import scan_block
from .text import TOKEN


def detect_language(text: str) -> str:
    """'fr' or 'en', whichever language's frequent words the text uses most (English on a tie)."""
    words = Counter(word.lower() for word in TOKEN.findall(text))
    scores = {lang: sum(words[word] for word in DETECTION[lang]) for lang in LANGUAGES}
    return "fr" if scores["fr"] > scores["en"] else "en"


def extract(text: str, lang: str | None = None) -> Findings:
    """Everything a draft can be made of: quotations and speakers, figures, people and roles."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks, skipped = split_blocks(text)
    prose = "\n".join(text[block.start : block.end] for block in blocks)
    language = lang or detect_language(prose)
    if language not in LANGUAGES:
        raise DraftError(f"cannot draft in '{language}': quizgen draft writes French (fr) or English (en)")
    title = text[blocks[0].start : blocks[0].end] if blocks else ""
    scans = [scan_block(text, block) for block in blocks]
    people = People(text, scans)
    # Attribution may give a person in focus the role that designated them: the records are made after it.
    speakers, focus_after = attribute(text, scans, people)
    persons = people.records()
    quotations = find_quotations(text, scans, people, persons, speakers)
    figures = find_figures(text, scans, language, people, persons, quotations, focus_after)
    return Findings(title, language, tuple(quotations), tuple(figures), tuple(persons), tuple(skipped))

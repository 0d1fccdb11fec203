"""What the export formats share: the result record, feedback texts, and zip files that rebuild byte for byte."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..errors import Problem
from ..files import source_date_epoch, zip_bytes
from ..model import Bank, Numeric, Question
from ..present import label, prompt_text, quoted


@dataclass(frozen=True)
class Skipped:
    """A question an export format cannot hold, and why."""

    question: Question
    reason: str

    def problem(self, path: str) -> Problem:
        """The located line shown on stderr: `questions.yaml:12: question 'timeline': skipped: ...`."""
        return Problem(path, self.question.line, f"skipped: {self.reason}", self.question.id)


@dataclass(frozen=True)
class ExportResult:
    """An export's content, the number of questions it holds, and the questions it had to leave out."""

    data: str | bytes
    exported: int
    skipped: tuple[Skipped, ...] = ()


Renderer = Callable[[Bank, str], ExportResult]
"""A format's pure renderer: the bank in one of its languages, as that format's file."""


class Unfit(Exception):
    """Raised by a format's question renderer for a question the format cannot express; the message says why."""


LINE_BREAKS = re.compile(r"[ \t]*[\t\n\r\v\f\x1c-\x1e\x85\u2028\u2029]+[ \t]*")


def one_line(text: str) -> str:
    """Text with its tabs and line breaks made spaces, for formats with one record per line.

    Other spaces are kept: French puts a no-break space before ? and !.
    """
    return LINE_BREAKS.sub(" ", text).strip(" ")


def plain_number(value: float) -> str:
    """A number as LMS files write it: 200000000, 2.5, 1e-07 (no grouping, no locale)."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def prompt_with_unit(question: Question, lang: str) -> str:
    """The prompt, with a numeric question's unit after it, for formats whose number box has no unit."""
    text = prompt_text(question, lang)
    if isinstance(question, Numeric) and question.unit is not None:
        return f"{text} ({question.unit[lang]})"
    return text


def source_line(bank: Bank, question: Question, lang: str) -> str | None:
    """'Source (Title): “excerpt”', or None for a question without an excerpt."""
    if question.source is None:
        return None
    if bank.source is None:
        return label("excerpt", lang).format(excerpt=quoted(question.source, lang))
    return label("excerpt_from", lang).format(excerpt=quoted(question.source, lang), title=bank.source.title[lang])


def feedback_lines(bank: Bank, question: Question, lang: str) -> list[str]:
    """What a learner reads after answering: the explanation, then the excerpt it comes from."""
    lines = [question.explanation[lang]] if question.explanation is not None else []
    excerpt = source_line(bank, question, lang)
    return lines if excerpt is None else [*lines, excerpt]


def dated_zip(entries: Sequence[tuple[str, str]]) -> bytes:
    """A zip of text files dated $SOURCE_DATE_EPOCH, else 1980-01-01 (the earliest zip date), never the clock."""
    return zip_bytes([(name, text.encode("utf-8")) for name, text in entries], source_date_epoch() or 0)

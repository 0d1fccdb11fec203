"""What the export formats share: the result record, feedback texts, and zip files that rebuild byte for byte."""

from __future__ import annotations

import io
import os
import re
import time
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import Problem, QuizgenError
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


FIXED_DATE = (1980, 1, 1, 0, 0, 0)
"""The earliest date a zip entry can hold, used when SOURCE_DATE_EPOCH is not set."""


def zip_date() -> tuple[int, int, int, int, int, int]:
    """The date stamped on every zip entry: $SOURCE_DATE_EPOCH (UTC) if set, else a fixed date, never the clock."""
    configured = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not configured:
        return FIXED_DATE
    if not configured.isdigit():
        raise QuizgenError(f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01; found {configured!r}")
    stamp = time.gmtime(int(configured))
    date = (stamp.tm_year, stamp.tm_mon, stamp.tm_mday, stamp.tm_hour, stamp.tm_min, stamp.tm_sec)
    return max(FIXED_DATE, min(date, (2107, 12, 31, 23, 59, 58)))


def zip_bytes(entries: Sequence[tuple[str, str | bytes]]) -> bytes:
    """A zip file of `entries` (a name ending in / is a folder) whose bytes depend only on the entries and the date."""
    date = zip_date()
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        for name, content in entries:
            info = zipfile.ZipInfo(name, date_time=date)
            # ZipInfo records the platform it runs on; a fixed one keeps the bytes the same everywhere.
            info.create_system = 3
            if name.endswith("/"):
                info.external_attr = (0o40755 << 16) | 0x10
            else:
                info.external_attr = 0o100644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return stream.getvalue()

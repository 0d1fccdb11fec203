"""What the export formats share: the result record, feedback texts, and zip files that rebuild byte for byte."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path, PurePosixPath

from ..errors import Problem, QuizgenError
from ..files import inside, read_bytes, source_date_epoch, zip_bytes
from ..model import Bank, Cloze, Deletion, Numeric, Question, cloze_deletions
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
    """A number as LMS files write it: 200000000, 2.5, 1e-07 (no grouping, no locale), shortest-exact.

    A float keeps 15 significant digits exactly; the 16th and 17th of its shortest
    repr are noise left by arithmetic (273.15 * 1 % = 2.7314999999999996), so the
    shorter of the two spellings is written: 2.7315. A number that is not finite
    cannot be written in any format.
    """
    if not math.isfinite(value):
        raise Unfit(f"the number {value} is not finite")
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    shortest, rounded = repr(value), f"{value:.15g}"
    return rounded if len(rounded) < len(shortest) else shortest


def decimal_number(value: Decimal) -> str:
    """A Decimal written as plain_number writes a float: no exponent for ordinary sizes, no trailing zeros."""
    if value == value.to_integral_value() and abs(value) < Decimal("1e15"):
        return str(int(value))
    text = format(value.normalize(), "f")
    return text if len(text) <= 20 else plain_number(float(value))


def bounds_text(question: Numeric) -> tuple[str, str]:
    """The smallest and largest accepted answers, computed in decimal from the printed answer and tolerance,
    so that 273.15 ± 2.7315 gives 270.4185 and 275.8815, not a float's 275.88149999999996."""
    if question.range is not None:
        low, high = question.range
        return plain_number(low), plain_number(high)
    answer, tolerance = Decimal(plain_number(question.answer)), Decimal(plain_number(question.tolerance))
    return decimal_number(answer - tolerance), decimal_number(answer + tolerance)


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


def blank_answers(question: Cloze, deletion: Deletion, lang: str) -> list[str]:
    """Every answer one blank accepts: its own text, then the alternatives given for its number
    (Cloze.accepted), less the texts of other blanks of the same number, which are theirs."""
    own = {part.answer for part in cloze_deletions(question.text[lang]) if part.number == deletion.number} - {deletion.answer}
    return [deletion.answer, *(text for text in question.accepted(deletion.number, lang) if text not in own and text != deletion.answer)]


def refuse_picture(question: Question, where: str) -> None:
    """A format that can't carry a picture leaves its question out rather than show it without the picture."""
    if question.image is not None:
        raise Unfit(f"it has a picture, which {where} can't carry (--format moodle, qti and html embed it)")


def image_file(bank: Bank, question: Question) -> tuple[str, bytes] | None:
    """The question's picture as (file name, bytes), read beside the bank; Unfit when it can't be read."""
    if question.image is None:
        return None
    try:
        data = read_bytes(inside(Path(bank.path).parent, question.image.file, "image"))
    except QuizgenError as error:
        raise Unfit(f"its image {question.image.file} can't be read ({error})") from None
    return PurePosixPath(question.image.file).name, data


def image_alt(question: Question, lang: str) -> str:
    """The words that stand for the question's picture ('' when the bank gives none)."""
    return "" if question.image is None or question.image.alt is None else question.image.alt[lang]


def dated_zip(entries: Sequence[tuple[str, str | bytes]]) -> bytes:
    """A zip of files (texts in UTF-8) dated $SOURCE_DATE_EPOCH, else 1980-01-01 (the earliest zip date), never the clock."""
    return zip_bytes([(name, data.encode("utf-8") if isinstance(data, str) else data) for name, data in entries], source_date_epoch() or 0)

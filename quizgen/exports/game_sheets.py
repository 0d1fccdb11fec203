"""Classroom game sheets laid out as each platform's own import template: Blooket, Gimkit (CSV), Wayground (xlsx).

- Blooket (*Create a set → Spreadsheet import*): row 1 "Blooket Import
  Template", row 2 the headers, a question per row from row 3: its number, the
  question, 2 to 4 answers, the time limit (at most 300 seconds) and the right
  answers' numbers ("2" or "1,3"). mcq, multi and truefalse.
- Gimkit (*New kit → Import from spreadsheet*): row 1 "Gimkit Spreadsheet
  Import Template", row 2 the headers, then the question, the one right answer
  and 1 to 3 wrong ones. mcq and truefalse.
- Wayground, formerly Quizizz (*Create → Quiz → Import from spreadsheet*):
  row 1 the headers, row 2 the template's instructions, a question per row
  from row 3: text, type, up to 5 options, the right options' numbers, time,
  image link, explanation. mcq ("Multiple Choice"), multi ("Checkbox"),
  truefalse, and short answers and exact numbers as "Fill-in-the-Blank"
  (the options are the accepted answers).

The answers are shuffled the same way on every run (the platforms show them in
the file's order, and the right one is first in the bank more often than not).
The time limit follows the difficulty: 20 s, 30 s, 60 s. A question a sheet
cannot hold (a type it lacks, too many answers, a picture: the sheets take only
web links) is left out with the reason.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from ..model import Bank, MultipleAnswer, MultipleChoice, Numeric, Question, ShortAnswer, TrueFalse
from ..present import label, prompt_text, shuffled
from .base import ExportResult, Skipped, Unfit, one_line, plain_number, prompt_with_unit
from .xlsx import Cell, workbook

TIME_LIMITS = {1: 20, 2: 30, 3: 60}
"""Seconds to answer, by difficulty: each is allowed by Blooket (5 to 300), Gimkit's modes and Wayground."""
BLOOKET_HEADERS = (
    "Question #",
    "Question Text",
    "Answer 1",
    "Answer 2",
    "Answer 3\n(Optional)",
    "Answer 4\n(Optional)",
    "Time Limit (sec)\n(Max: 300 seconds)",
    "Correct Answer(s)\n(Only include Answer #)",
)
GIMKIT_HEADERS = ("Question", "Correct Answer", "Incorrect Answer 1", "Incorrect Answer 2 (Optional)", "Incorrect Answer 3 (Optional)")
WAYGROUND_HEADERS = (
    "Question Text",
    "Question Type",
    "Option 1",
    "Option 2",
    "Option 3",
    "Option 4",
    "Option 5",
    "Correct Answer",
    "Time in seconds",
    "Image Link",
    "Answer explanation",
)
WAYGROUND_INSTRUCTIONS = (
    "Text of the question\n\n(required)",
    "Question Type\n\n(default is Multiple Choice)",
    "Text for option 1\n\n(required in all cases except open-ended & draw questions)",
    "Text for option 2\n\n(required in all cases except open-ended & draw questions)",
    "Text for option 3\n\n(optional)",
    "Text for option 4\n\n(optional)",
    "Text for option 5\n\n(optional)",
    'The correct option choice (between 1-5).\n\nLeave blank for "Open-Ended", "Poll", "Draw" and "Fill-in-the-Blank".',
    "Time in seconds\n\n(optional, default value is 30 seconds)",
    "Link of the image\n\n(optional)",
    "Explanation for the answer\n(optional)",
)
WAYGROUND_WIDTHS = (50, 18, 24, 24, 24, 24, 24, 14, 12, 20, 50)


def choices(question: Question, lang: str, platform: str, most: int) -> tuple[list[str], list[int]]:
    """The answers in the file's order (shuffled, seeded by the id) and the 1-based numbers of the right ones."""
    if not isinstance(question, MultipleChoice | MultipleAnswer | TrueFalse):
        raise Unfit(f"{platform}'s sheet holds no {question.type} questions")
    if question.image is not None:
        raise Unfit(f"it has a picture; {platform}'s sheet takes only a web link to one")
    if isinstance(question, TrueFalse):
        return [label("true", lang), label("false", lang)], [1 if question.answer else 2]
    if len(question.choices) > most:
        raise Unfit(f"it has {len(question.choices)} choices; {platform} allows {most}")
    right = {question.answer} if isinstance(question, MultipleChoice) else set(question.answers)
    order = shuffled(range(len(question.choices)), question.id)
    return [one_line(question.choices[index][lang]) for index in order], [place + 1 for place, index in enumerate(order) if index in right]


def rows_of(bank: Bank, row: Callable[[Question], list[Cell]]) -> tuple[list[list[Cell]], tuple[Skipped, ...]]:
    """Each question's row, made by `row(question)`, and the questions it refused."""
    rows: list[list[Cell]] = []
    skipped = []
    for question in bank.questions:
        try:
            rows.append(row(question))
        except Unfit as unfit:
            skipped.append(Skipped(question, str(unfit)))
    return rows, tuple(skipped)


def csv_text(rows: list[list[Cell]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def to_blooket(bank: Bank, lang: str) -> ExportResult:
    """The bank's quiz questions as Blooket's import template (CSV), in `lang`."""

    def row(question: Question) -> list[Cell]:
        texts, right = choices(question, lang, "Blooket", 4)
        return [
            one_line(prompt_text(question, lang)),
            *texts,
            *[""] * (4 - len(texts)),
            TIME_LIMITS[question.difficulty],
            ",".join(map(str, right)),
        ]

    rows, skipped = rows_of(bank, row)
    numbered: list[list[Cell]] = [[number, *cells] for number, cells in enumerate(rows, 1)]
    head: list[list[Cell]] = [["Blooket\nImport Template", *[""] * 7], list(BLOOKET_HEADERS)]
    return ExportResult(csv_text(head + numbered), len(rows), skipped)


def to_gimkit(bank: Bank, lang: str) -> ExportResult:
    """The bank's one-answer questions as Gimkit's import template (CSV), in `lang`."""

    def row(question: Question) -> list[Cell]:
        if isinstance(question, MultipleAnswer):
            raise Unfit("Gimkit's sheet takes one right answer per question; this one has several")
        texts, right = choices(question, lang, "Gimkit", 4)
        wrong = [text for number, text in enumerate(texts, 1) if number not in right]
        return [one_line(prompt_text(question, lang)), texts[right[0] - 1], *wrong, *[""] * (3 - len(wrong))]

    rows, skipped = rows_of(bank, row)
    head: list[list[Cell]] = [["Gimkit Spreadsheet Import Template", "", "", "", ""], list(GIMKIT_HEADERS)]
    return ExportResult(csv_text(head + rows), len(rows), skipped)


def fill_in(question: Question, lang: str) -> list[str]:
    """The accepted answers of a Fill-in-the-Blank: a short answer's spellings, or an exact number."""
    if isinstance(question, ShortAnswer):
        accepted = list(dict.fromkeys([question.answer[lang], *(other[lang] for other in question.accept)]))
        if len(accepted) > 5:
            raise Unfit(f"it accepts {len(accepted)} answers; Wayground's sheet takes 5")
        return [one_line(text) for text in accepted]
    if isinstance(question, Numeric):
        if question.range is not None or question.tolerance:
            raise Unfit("Wayground's Fill-in-the-Blank takes exact answers, and this number has a margin")
        return [plain_number(question.answer)]
    raise Unfit(f"Wayground's sheet holds no {question.type} questions")


def to_wayground(bank: Bank, lang: str) -> ExportResult:
    """The bank as Wayground's (Quizizz's) import template (xlsx), in `lang`."""

    def row(question: Question) -> list[Cell]:
        explanation = one_line(question.explanation[lang]) if question.explanation is not None else ""
        time = TIME_LIMITS[question.difficulty]
        if isinstance(question, ShortAnswer | Numeric):
            if question.image is not None:
                raise Unfit("it has a picture; Wayground's sheet takes only a web link to one")
            options = fill_in(question, lang)
            prompt = one_line(prompt_with_unit(question, lang))
            return [prompt, "Fill-in-the-Blank", *options, *[""] * (5 - len(options)), "", time, "", explanation]
        texts, right = choices(question, lang, "Wayground", 5)
        kind = "Checkbox" if isinstance(question, MultipleAnswer) else "Multiple Choice"
        correct: Cell = right[0] if len(right) == 1 else ",".join(map(str, right))
        return [one_line(prompt_text(question, lang)), kind, *texts, *[""] * (5 - len(texts)), correct, time, "", explanation]

    rows, skipped = rows_of(bank, row)
    sheet: dict[int, list[Cell]] = {1: list(WAYGROUND_HEADERS), 2: list(WAYGROUND_INSTRUCTIONS)}
    sheet.update(dict(enumerate(rows, 3)))
    return ExportResult(workbook(sheet, {1}, WAYGROUND_WIDTHS), len(rows), skipped)

"""Kahoot's quiz spreadsheet (.xlsx), laid out as Kahoot's template: headers on row 8, questions from row 9.

Columns: B the question (120 characters at most), C to F up to four answers
(75 characters at most), G the time limit (5, 10, 20, 30, 60, 90, 120 or 240
seconds), H the right answers' numbers ("2" or "1,3"). Kahoot's spreadsheet
holds only questions to pick answers from: mcq and multi with four choices at
most, and true/false. Other questions, and those over Kahoot's limits, are left
out with the reason. The choices are shuffled (the same way on every run),
since Kahoot shows them in the file's order. The time limit follows the
difficulty: 20 s for easy, 30 s for medium and 60 s for hard questions.

The workbook is written by `xlsx.py`.
"""

from __future__ import annotations

from ..model import Bank, MultipleAnswer, MultipleChoice, Question, TrueFalse
from ..present import label, prompt_text, shuffled
from .base import ExportResult, Skipped, Unfit, one_line, refuse_picture
from .xlsx import Cell, workbook

HEADERS = (
    "",
    "Question - max 120 characters",
    "Answer 1 - max 75 characters",
    "Answer 2 - max 75 characters",
    "Answer 3 - max 75 characters",
    "Answer 4 - max 75 characters",
    "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs",
    "Correct answer(s) - choose at least one",
)
HEADER_ROW = 8
QUESTION_LIMIT = 120
ANSWER_LIMIT = 75
ANSWERS = 4
COLUMN_WIDTHS = (6, 60, 30, 30, 30, 30, 14, 14)
TIME_LIMITS = {1: 20, 2: 30, 3: 60}
"""Seconds to answer, by difficulty; each is one of Kahoot's time limits."""


def kahoot_length(text: str) -> int:
    """Characters as Kahoot counts them: in UTF-16 units, as JavaScript does (an emoji counts 2)."""
    return len(text.encode("utf-16-le")) // 2


def answers(question: Question, lang: str) -> tuple[list[str], list[int]]:
    """The answers in the file's order, and the (1-based) numbers of the right ones."""
    if isinstance(question, TrueFalse):
        refuse_picture(question, "Kahoot's spreadsheet")
        return [label("true", lang), label("false", lang)], [1 if question.answer else 2]
    if not isinstance(question, MultipleChoice | MultipleAnswer):
        raise Unfit(f"Kahoot's spreadsheet holds only questions with 2 to 4 answers to pick from, not {question.type} questions")
    if len(question.choices) > ANSWERS:
        raise Unfit(f"it has {len(question.choices)} choices; Kahoot allows {ANSWERS}")
    refuse_picture(question, "Kahoot's spreadsheet")
    right = {question.answer} if isinstance(question, MultipleChoice) else set(question.answers)
    order = shuffled(range(len(question.choices)), question.id)
    return [one_line(question.choices[index][lang]) for index in order], [place + 1 for place, index in enumerate(order) if index in right]


def question_row(question: Question, lang: str) -> list[Cell]:
    """Columns B to H of a question's row."""
    texts, right = answers(question, lang)
    prompt = one_line(prompt_text(question, lang))
    problems = []
    if kahoot_length(prompt) > QUESTION_LIMIT:
        problems.append(f"the question has {kahoot_length(prompt)} characters; Kahoot allows {QUESTION_LIMIT}")
    problems += [
        f"answer {number} has {kahoot_length(text)} characters; Kahoot allows {ANSWER_LIMIT}"
        for number, text in enumerate(texts, 1)
        if kahoot_length(text) > ANSWER_LIMIT
    ]
    if problems:
        raise Unfit("; ".join(problems))
    correct: Cell = right[0] if len(right) == 1 else ",".join(map(str, right))
    return [prompt, *texts, *[""] * (ANSWERS - len(texts)), TIME_LIMITS[question.difficulty], correct]


def to_kahoot(bank: Bank, lang: str) -> ExportResult:
    """The bank's quiz questions as Kahoot's spreadsheet, in `lang`."""
    questions: list[list[Cell]] = []
    skipped = []
    for question in bank.questions:
        try:
            questions.append(question_row(question, lang))
        except Unfit as unfit:
            skipped.append(Skipped(question, str(unfit)))
    rows: dict[int, list[Cell]] = {2: ["", "Quiz template"], 3: ["", one_line(bank.title[lang])], HEADER_ROW: list(HEADERS)}
    rows.update({HEADER_ROW + number: [number, *cells] for number, cells in enumerate(questions, 1)})
    data = workbook(rows, {HEADER_ROW}, COLUMN_WIDTHS)
    return ExportResult(data, len(questions), tuple(skipped))

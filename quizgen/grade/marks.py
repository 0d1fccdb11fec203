"""From measured bubbles to answers and points: each bubble filled, empty or doubtful, then each question read and scored.

A bubble is filled when its inside is dark, empty when it is clear, and
doubtful in between (a light or erased mark) or when ink spills around it (a
mark crossed out with an X). A question with a doubtful bubble, or with two
marks where one is allowed, is doubtful: it earns no points until the teacher
checks it, and is counted in the page's doubts.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Literal

from .. import scoring
from ..present import letter
from .key import KeyQuestion, KeyVersion
from .scan import Located, Measure
from .sheet import point_label, point_values

FILLED = 0.5
"""A bubble at least this dark inside (0 paper, 1 the markers' ink) is filled..."""
EMPTY = 0.2
"""...one at most this dark is empty; between the two it is doubtful (a light, or erased, mark)."""
SPILL = 0.06
"""A marked bubble with more than this share of the ring around it inked was crossed out (or is smudged): doubtful.
An X drawn over a bubble's edges, as the sheet asks, inks about an eighth of the ring; a neat fill none of it."""

State = Literal["filled", "empty", "doubtful"]


def state(measure: Measure) -> State:
    if (measure.spill > SPILL and measure.darkness > EMPTY) or measure.spill > 3 * SPILL:
        return "doubtful"
    if measure.darkness >= FILLED:
        return "filled"
    if measure.darkness <= EMPTY:
        return "empty"
    return "doubtful"


@dataclass(frozen=True)
class Read:
    """A bubble with its state, and whether marking it is (part of) the right answer."""

    measure: Measure
    state: State
    right: bool


@dataclass(frozen=True)
class QuestionResult:
    """One question as read from one sheet."""

    question: KeyQuestion
    answer: str
    """What was marked, as printed: 'b', 'a c', '1b 2a', '3 1 2', '-12,5', '1½ pts'; '' for nothing."""
    points: float | None
    """None when doubtful."""
    doubt: str | None
    """Why the question needs the teacher's eye, or None."""
    bubbles: tuple[Read, ...]


@dataclass(frozen=True)
class SheetResult:
    """A located page, read: the student number and every question on the page."""

    located: Located
    student: str | None
    student_doubt: str | None
    questions: tuple[QuestionResult, ...]

    @property
    def doubts(self) -> int:
        return sum(q.doubt is not None for q in self.questions) + (self.student_doubt is not None)


def read_sheet(located: Located, version: KeyVersion) -> SheetResult:
    by_question: dict[int, list[Measure]] = defaultdict(list)
    for measure in located.measures:
        by_question[measure.bubble.question].append(measure)
    student, student_doubt = read_student(by_question.pop(0, []))
    questions = tuple(read_question(version.questions[number - 1], measures) for number, measures in sorted(by_question.items()))
    return SheetResult(located, student, student_doubt, questions)


def rows_of(measures: list[Measure]) -> dict[int, list[tuple[Measure, State]]]:
    rows: dict[int, list[tuple[Measure, State]]] = defaultdict(list)
    for measure in measures:
        rows[measure.bubble.row].append((measure, state(measure)))
    return rows


def columns_of(measures: list[Measure]) -> dict[int, list[tuple[Measure, State]]]:
    columns: dict[int, list[tuple[Measure, State]]] = defaultdict(list)
    for measure in measures:
        columns[measure.bubble.column].append((measure, state(measure)))
    return columns


def one_per_line(
    lines: dict[int, list[tuple[Measure, State]]], along: Literal["row", "column"]
) -> tuple[dict[int, int | None], str | None]:
    """For each line (row or column), the one marked position across it (None: none); a doubt if any line is unclear."""
    chosen: dict[int, int | None] = {}
    doubt = None
    for line, cells in sorted(lines.items()):
        filled = [m for m, s in cells if s == "filled"]
        unsure = [m for m, s in cells if s == "doubtful"]
        if unsure:
            doubt = "a light, erased or crossed-out mark"
        elif len(filled) > 1:
            doubt = "two marks where one is allowed"
        chosen[line] = None if len(filled) != 1 else (filled[0].bubble.column if along == "row" else filled[0].bubble.row)
    return chosen, doubt


def read_student(measures: list[Measure]) -> tuple[str | None, str | None]:
    """The student number, digit by digit (column by column); a doubt when a column is unclear or left empty."""
    if not measures:
        return None, None
    digits, doubt = one_per_line(columns_of(measures), "column")
    if all(digit is None for digit in digits.values()) and doubt is None:
        return None, "no student number bubbled"
    if doubt is None and any(digit is None for digit in digits.values()):
        doubt = "a digit of the student number is not bubbled"
    text = "".join("?" if digit is None else str(digit) for _, digit in sorted(digits.items()))
    return text, doubt and f"student number: {doubt}"


def read_question(question: KeyQuestion, measures: list[Measure]) -> QuestionResult:
    if question.type in ("mcq", "multi", "truefalse"):
        return read_choices(question, measures)
    if question.type in ("match", "order"):
        return read_grid(question, measures)
    if question.type == "numeric":
        return read_number(question, measures)
    return read_teacher(question, measures)


def reads(measures: list[Measure], right: set[tuple[int, int]]) -> tuple[Read, ...]:
    return tuple(Read(m, state(m), (m.bubble.row, m.bubble.column) in right) for m in measures)


def read_choices(question: KeyQuestion, measures: list[Measure]) -> QuestionResult:
    right = set(question.right[0])
    bubbles = reads(measures, {(0, column) for column in right})
    chosen = sorted(b.measure.bubble.column for b in bubbles if b.state == "filled")
    doubt = None
    if any(b.state == "doubtful" for b in bubbles):
        doubt = "a light, erased or crossed-out mark"
    elif question.type != "multi" and len(chosen) > 1:
        doubt = "two marks where one is allowed"
    answer = " ".join(option_letter(question, column) for column in chosen)
    credit = scoring.multi_credit(chosen, right) if question.type == "multi" else scoring.single_credit(chosen, right)
    return result(question, answer, credit, doubt, bubbles)


def option_letter(question: KeyQuestion, column: int) -> str:
    if question.type == "truefalse":
        return question.options[column]
    return letter(column)


def read_grid(question: KeyQuestion, measures: list[Measure]) -> QuestionResult:
    """A match (a row per left item, a column per right letter) or an order (a row per item, a column per rank)."""
    right = {(row, column) for row, fits in enumerate(question.right) for column in fits}
    bubbles = reads(measures, right)
    chosen, doubt = one_per_line(rows_of(measures), "row")
    picks = [chosen.get(row) for row in range(len(question.right))]
    if question.type == "match":
        answer = " ".join(f"{row + 1}{letter(pick)}" for row, pick in enumerate(picks) if pick is not None)
        credit = scoring.match_credit(picks, question.right)
    else:
        answer = " ".join("-" if pick is None else str(pick + 1) for pick in picks) if any(p is not None for p in picks) else ""
        credit = scoring.order_credit(picks, [rank for (rank,) in question.right])
    return result(question, answer, credit, doubt, bubbles)


def read_number(question: KeyQuestion, measures: list[Measure]) -> QuestionResult:
    """Digit columns (rows 0 to 9), after a one-bubble sign column when the key has one."""
    assert question.digits is not None
    assert question.bounds is not None
    digits = question.digits
    sign_column = 0 if digits.sign else None
    sign = [m for m in measures if m.bubble.column == sign_column]
    columns = [m for m in measures if m.bubble.column != sign_column]
    chosen, doubt = one_per_line(columns_of(columns), "column")
    negative = bool(sign) and state(sign[0]) == "filled"
    if sign and state(sign[0]) == "doubtful":
        doubt = "a light, erased or crossed-out mark"
    values = [chosen[column] for column in sorted(chosen)]
    marked = [index for index, value in enumerate(values) if value is not None]
    value: float | None = None
    answer = ""
    if marked:
        if doubt is None and any(values[index] is None for index in range(marked[0], marked[-1] + 1)):
            doubt = "a digit column left empty between marked ones"
        text = "".join(str(v) if v is not None else "0" for v in values)
        whole, fraction = text[: digits.integer], text[digits.integer :]
        value = float(f"{whole}.{fraction or '0'}") * (-1 if negative else 1)
        answer = ("-" if negative else "") + str(int(whole)) + (f".{fraction}" if fraction else "")
    right_value = scoring.number_credit(value, question.bounds) == 1.0
    bubbles = tuple(Read(m, state(m), right_value and state(m) == "filled") for m in measures)
    return result(question, answer, scoring.number_credit(value, question.bounds), doubt, bubbles)


def read_teacher(question: KeyQuestion, measures: list[Measure]) -> QuestionResult:
    """The points the teacher bubbled for a short answer or a cloze: one bubble, or the question is doubtful."""
    values = point_values(question.points)
    bubbles = tuple(Read(m, state(m), False) for m in measures)
    filled = [b.measure.bubble.column for b in bubbles if b.state == "filled"]
    if any(b.state == "doubtful" for b in bubbles):
        doubt: str | None = "a light, erased or crossed-out mark in the teacher's points"
    elif len(filled) != 1:
        doubt = "the teacher's points are not marked" if not filled else "two marks in the teacher's points"
    else:
        doubt = None
    given = values[filled[0]] if len(filled) == 1 else 0.0
    answer = f"{point_label(given)} pts" if len(filled) == 1 else ""
    return result(question, answer, given / question.points, doubt, bubbles)


def result(question: KeyQuestion, answer: str, credit: float, doubt: str | None, bubbles: tuple[Read, ...]) -> QuestionResult:
    points = None if doubt is not None else scoring.earned(question.points, credit)
    return QuestionResult(question, answer, points, doubt, bubbles)

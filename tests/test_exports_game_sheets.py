"""Blooket and Gimkit (CSV) and Wayground (xlsx): each sheet read back with csv or openpyxl, as its template lays it out."""

from __future__ import annotations

import csv
import dataclasses
import io
from pathlib import Path

import pytest

from quizgen.bank import load_bank
from quizgen.exports.base import plain_number
from quizgen.exports.game_sheets import (
    BLOOKET_HEADERS,
    GIMKIT_HEADERS,
    TIME_LIMITS,
    WAYGROUND_HEADERS,
    to_blooket,
    to_gimkit,
    to_wayground,
)
from quizgen.model import Bank, Image, MultipleAnswer, MultipleChoice, Numeric, Question, ShortAnswer, TrueFalse
from quizgen.present import label, prompt_text

from .conftest import BANKS, BUNDLED_BANK

BANK_FILES = [(BANKS / "every-type.yaml", "en"), (BANKS / "every-type.yaml", "fr"), (BUNDLED_BANK, "fr"), (BUNDLED_BANK, "en")]


def right_texts(question: Question, lang: str) -> tuple[list[str], set[str]]:
    """Every answer offered, and the right ones."""
    if isinstance(question, TrueFalse):
        return [label("true", lang), label("false", lang)], {label("true" if question.answer else "false", lang)}
    assert isinstance(question, MultipleChoice | MultipleAnswer)
    texts = [choice[lang] for choice in question.choices]
    indices = [question.answer] if isinstance(question, MultipleChoice) else list(question.answers)
    return texts, {texts[index] for index in indices}


def exported(bank: Bank, skipped: tuple[object, ...]) -> list[Question]:
    left_out = {skip.question.id for skip in skipped}  # type: ignore[attr-defined]
    return [question for question in bank.questions if question.id not in left_out]


@pytest.mark.parametrize(("path", "lang"), BANK_FILES)
def test_blooket_rows_follow_the_template(path: Path, lang: str) -> None:
    bank = load_bank(path).bank
    result = to_blooket(bank, lang)
    rows = list(csv.reader(io.StringIO(str(result.data))))
    assert rows[0][0] == "Blooket\nImport Template" and rows[1] == list(BLOOKET_HEADERS)
    questions = exported(bank, result.skipped)
    assert len(rows) - 2 == len(questions) == result.exported
    for number, (row, question) in enumerate(zip(rows[2:], questions, strict=True), 1):
        texts, right = right_texts(question, lang)
        answers = [text for text in row[2:6] if text]
        assert (row[0], row[1], sorted(answers)) == (str(number), prompt_text(question, lang), sorted(texts))
        assert 2 <= len(answers) <= 4 and 5 <= int(row[6]) <= 300
        assert {answers[int(index) - 1] for index in row[7].split(",")} == right
    for skip in result.skipped:
        assert skip.question.type not in ("mcq", "truefalse") or "choices; Blooket allows 4" in skip.reason


@pytest.mark.parametrize(("path", "lang"), BANK_FILES)
def test_gimkit_rows_follow_the_template(path: Path, lang: str) -> None:
    bank = load_bank(path).bank
    result = to_gimkit(bank, lang)
    rows = list(csv.reader(io.StringIO(str(result.data))))
    assert rows[0] == ["Gimkit Spreadsheet Import Template", "", "", "", ""] and rows[1] == list(GIMKIT_HEADERS)
    questions = exported(bank, result.skipped)
    assert len(rows) - 2 == len(questions) == result.exported
    for row, question in zip(rows[2:], questions, strict=True):
        texts, right = right_texts(question, lang)
        wrong = [text for text in row[2:] if text]
        assert (row[0], {row[1]}, sorted([row[1], *wrong])) == (prompt_text(question, lang), right, sorted(texts))
        assert 1 <= len(wrong) <= 3


@pytest.mark.parametrize(("path", "lang"), BANK_FILES)
def test_wayground_rows_follow_the_template(tmp_path: Path, path: Path, lang: str) -> None:
    import openpyxl  # here: importing it starts a thread, and test_parallel.py must fork before any (see conftest.py)

    bank = load_bank(path).bank
    result = to_wayground(bank, lang)
    (tmp_path / "sheet.xlsx").write_bytes(bytes(result.data))  # type: ignore[arg-type]
    rows = list(openpyxl.load_workbook(tmp_path / "sheet.xlsx").active.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert rows[0] == WAYGROUND_HEADERS and str(rows[1][0]).startswith("Text of the question")
    questions = exported(bank, result.skipped)
    assert len(rows) - 2 == len(questions) == result.exported
    for row, question in zip(rows[2:], questions, strict=True):
        options = [str(cell) for cell in row[2:7] if cell is not None]
        assert row[8] == TIME_LIMITS[question.difficulty]
        assert row[10] == (question.explanation[lang] if question.explanation else None)
        if isinstance(question, ShortAnswer | Numeric):
            assert (row[1], row[7]) == ("Fill-in-the-Blank", None)
            accepted = (
                [plain_number(question.answer)]
                if isinstance(question, Numeric)
                else list(dict.fromkeys([question.answer[lang], *(other[lang] for other in question.accept)]))
            )
            assert options == accepted
            continue
        texts, right = right_texts(question, lang)
        assert row[1] == ("Checkbox" if isinstance(question, MultipleAnswer) else "Multiple Choice")
        assert sorted(options) == sorted(texts)
        assert {options[int(index) - 1] for index in str(row[7]).split(",")} == right


def test_what_a_sheet_cannot_hold_is_skipped_with_its_reason(every_type_bank: Bank, tmp_path: Path) -> None:
    by_id = {question.id: question for question in every_type_bank.questions}
    numeric = by_id["investment-numeric"]
    assert isinstance(numeric, Numeric)
    pictured = dataclasses.replace(by_id["capital-mcq"], image=Image("map.png"))
    margin = dataclasses.replace(numeric, tolerance=5.0)
    bank = dataclasses.replace(every_type_bank, questions=(pictured, margin, by_id["countries-multi"], by_id["planets-order"]))
    reasons = {
        name: [(skip.question.id, skip.reason) for skip in render(bank, "en").skipped]
        for name, render in (("blooket", to_blooket), ("gimkit", to_gimkit), ("wayground", to_wayground))
    }
    assert reasons == {
        "blooket": [
            ("capital-mcq", "it has a picture; Blooket's sheet takes only a web link to one"),
            ("investment-numeric", "Blooket's sheet holds no numeric questions"),
            ("planets-order", "Blooket's sheet holds no order questions"),
        ],
        "gimkit": [
            ("capital-mcq", "it has a picture; Gimkit's sheet takes only a web link to one"),
            ("investment-numeric", "Gimkit's sheet holds no numeric questions"),
            ("countries-multi", "Gimkit's sheet takes one right answer per question; this one has several"),
            ("planets-order", "Gimkit's sheet holds no order questions"),
        ],
        "wayground": [
            ("capital-mcq", "it has a picture; Wayground's sheet takes only a web link to one"),
            ("investment-numeric", "Wayground's Fill-in-the-Blank takes exact answers, and this number has a margin"),
            ("planets-order", "Wayground's sheet holds no order questions"),
        ],
    }


def test_the_sheets_are_the_same_on_every_run(every_type_bank: Bank) -> None:
    for render in (to_blooket, to_gimkit, to_wayground):
        assert render(every_type_bank, "fr").data == render(load_bank(BANKS / "every-type.yaml").bank, "fr").data

"""The Kahoot export: an .xlsx laid out as Kahoot's template, read back cell by cell, and its limits."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from quizgen.bank import load_bank
from quizgen.exports.kahoot import HEADERS, to_kahoot
from quizgen.model import Bank, MultipleAnswer, MultipleChoice, TrueFalse
from quizgen.present import label

from .conftest import BANKS, BUNDLED_BANK

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
PACKAGE = "{http://schemas.openxmlformats.org/package/2006/relationships}"
TIME_LIMITS = {5, 10, 20, 30, 60, 90, 120, 240}


def cells(data: bytes) -> dict[str, str | int]:
    """Every cell of the workbook's one sheet, by reference ('B9'), found by following the package's relationships."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        parts = {name: archive.read(name) for name in archive.namelist()}
    types = ET.fromstring(parts["[Content_Types].xml"])
    overridden = {override.get("PartName", "").lstrip("/") for override in types}
    assert {name for name in parts if not name.endswith(".rels") and name != "[Content_Types].xml"} <= overridden
    (office,) = ET.fromstring(parts["_rels/.rels"])
    workbook = ET.fromstring(parts[office.get("Target", "")])
    targets = {
        rel.get("Id"): rel.get("Target") for rel in ET.fromstring(parts["xl/_rels/workbook.xml.rels"]).iter(f"{PACKAGE}Relationship")
    }
    (sheet_entry,) = workbook.iter(f"{MAIN}sheet")
    sheet_id = sheet_entry.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
    sheet = ET.fromstring(parts[f"xl/{targets[sheet_id]}"])
    strings = [item.findtext(f"{MAIN}t") or "" for item in ET.fromstring(parts["xl/sharedStrings.xml"])]
    ET.fromstring(parts["xl/styles.xml"])
    found: dict[str, str | int] = {}
    for cell in sheet.iter(f"{MAIN}c"):
        value = cell.findtext(f"{MAIN}v") or ""
        found[cell.get("r", "")] = strings[int(value)] if cell.get("t") == "s" else int(value)
    return found


@pytest.mark.parametrize(("path", "lang"), [(BANKS / "every-type.yaml", "en"), (BUNDLED_BANK, "fr"), (BUNDLED_BANK, "en")])
def test_each_quiz_question_is_a_row_under_the_template_headers(path: Path, lang: str) -> None:
    bank = load_bank(path).bank
    result = to_kahoot(bank, lang)
    assert isinstance(result.data, bytes)
    sheet = cells(result.data)
    assert [sheet.get(f"{column}8", "") for column in "ABCDEFGH"] == list(HEADERS)
    assert sheet["B2"] == "Quiz template"
    skipped = {skipped.question.id for skipped in result.skipped}
    exported = [question for question in bank.questions if question.id not in skipped]
    assert len(exported) == result.exported > 0
    assert len(skipped) + result.exported == len(bank.questions)
    for row, question in enumerate(exported, 9):
        assert isinstance(question, MultipleChoice | MultipleAnswer | TrueFalse)
        assert sheet[f"A{row}"] == row - 8
        assert sheet[f"B{row}"] == question.prompt[lang]  # type: ignore[index]
        answers = [str(sheet[f"{column}{row}"]) for column in "CDEF" if f"{column}{row}" in sheet]
        right = [answers[int(number) - 1] for number in str(sheet[f"H{row}"]).split(",")]
        if isinstance(question, TrueFalse):
            assert answers == [label("true", lang), label("false", lang)]
            assert right == [label("true" if question.answer else "false", lang)]
        else:
            assert sorted(answers) == sorted(choice[lang] for choice in question.choices)
            indices = [question.answer] if isinstance(question, MultipleChoice) else list(question.answers)
            assert sorted(right) == sorted(question.choices[index][lang] for index in indices)
        assert sheet[f"G{row}"] in TIME_LIMITS
        assert len(str(sheet[f"B{row}"])) <= 120 and all(len(answer) <= 75 for answer in answers)
    assert f"A{len(exported) + 9}" not in sheet


def xlsx(bank: Bank) -> bytes:
    data = to_kahoot(bank, "en").data
    assert isinstance(data, bytes)
    return data


def write_bank(folder: Path, questions: str) -> Bank:
    path = folder / "bank.yaml"
    path.write_text(f"title: T\nquestions:\n{questions}", encoding="utf-8")
    return load_bank(path).bank


LONG = "x" * 121


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        (
            "{id: q, type: short, prompt: P, answer: A}",
            "Kahoot's spreadsheet holds only questions with 2 to 4 answers to pick from, not short questions",
        ),
        (
            "{id: q, type: order, prompt: P, items: [a, b, c]}",
            "Kahoot's spreadsheet holds only questions with 2 to 4 answers to pick from, not order questions",
        ),
        ("{id: q, type: mcq, prompt: P, choices: [a, b, c, d, e], answer: a}", "it has 5 choices; Kahoot allows 4"),
        (f"{{id: q, type: mcq, prompt: {LONG}, choices: [a, b], answer: a}}", "the question has 121 characters; Kahoot allows 120"),
        (
            f"{{id: q, type: multi, prompt: {LONG}, choices: [a, {'y' * 76}, c], answers: [a, c]}}",
            "the question has 121 characters; Kahoot allows 120; answer 3 has 76 characters; Kahoot allows 75",
        ),
        (
            "{id: q, type: truefalse, prompt: 'Emoji 🎉 count twice: " + "z" * 99 + "', answer: true}",
            "the question has 121 characters; Kahoot allows 120",
        ),
    ],
)
def test_questions_that_do_not_fit_are_listed_with_the_reason(tmp_path: Path, question: str, reason: str) -> None:
    result = to_kahoot(write_bank(tmp_path, f"  - {question}\n"), "en")
    assert ([skipped.reason for skipped in result.skipped], result.exported) == ([reason], 0)


@pytest.mark.parametrize(("difficulty", "seconds"), [(1, 20), (2, 30), (3, 60)])
def test_the_time_limit_follows_the_difficulty(tmp_path: Path, difficulty: int, seconds: int) -> None:
    bank = write_bank(tmp_path, f"  - {{id: q, type: truefalse, prompt: P, answer: true, difficulty: {difficulty}}}\n")
    assert cells(xlsx(bank))["G9"] == seconds


def test_texts_are_kept_literally(tmp_path: Path) -> None:
    bank = write_bank(
        tmp_path, "  - {id: q, type: mcq, prompt: 'a <b> & _x0041_ \"q\"', choices: ['  spaced ', '_x0042_'], answer: '_x0042_'}\n"
    )
    sheet = cells(xlsx(bank))
    assert sheet["B9"] == 'a <b> & _x005F_x0041_ "q"'
    assert sorted([sheet["C9"], sheet["D9"]]) == ["_x005F_x0042_", "spaced"]


def test_the_file_is_the_same_on_every_run(every_type_bank: Bank) -> None:
    assert to_kahoot(every_type_bank, "en").data == to_kahoot(every_type_bank, "en").data
    assert re.search(rb"xl/worksheets/sheet1\.xml", xlsx(every_type_bank))

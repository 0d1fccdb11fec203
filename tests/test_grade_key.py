"""SLUG-key.json: made from the handout's versions, written, read back and checked; `handout --answer-sheet`."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pypdf
import pytest
from click.testing import CliRunner

from quizgen.cli import cli
from quizgen.errors import QuizgenError
from quizgen.grade import sheet
from quizgen.grade.key import Key, parse_key, read_key, same_text, to_json
from quizgen.grade.render import make_key
from quizgen.grade.sheet import lay_out, qr_text
from quizgen.handouts import make_handout
from quizgen.model import Bank, Match, MultipleAnswer, MultipleChoice, Numeric, Order, TrueFalse
from quizgen.present import label

from .conftest import BANKS


@pytest.fixture(scope="module")
def bundled_key() -> tuple[Bank, Key]:
    from quizgen.bank import load_bank

    from .conftest import BUNDLED_BANK

    bank = load_bank(BUNDLED_BANK).bank
    return bank, make_key(bank, make_handout(bank, versions=4, seed=5, lang="en"))


def test_every_versions_right_answers_are_the_banks(bundled_key: tuple[Bank, Key]) -> None:
    bank, key = bundled_key
    questions = {question.id: question for question in bank.questions}
    printed = sorted(q.id for q in key.versions[0].questions)
    assert len(printed) >= 10
    for version in key.versions:
        assert sorted(q.id for q in version.questions) == printed
        for entry in version.questions:
            question = questions[entry.id]
            assert entry.points == question.points
            if isinstance(question, MultipleChoice):
                assert [entry.options[i] for i in entry.right[0]] == [question.choices[question.answer]["en"]]
            elif isinstance(question, MultipleAnswer):
                assert sorted(entry.options[i] for i in entry.right[0]) == sorted(question.choices[i]["en"] for i in question.answers)
            elif isinstance(question, TrueFalse):
                assert entry.options[entry.right[0][0]] == label("true" if question.answer else "false", "en")
            elif isinstance(question, Match):
                assert entry.left == tuple(left["en"] for left, _ in question.pairs)
                for fits, (_, right) in zip(entry.right, question.pairs, strict=True):
                    assert fits
                    assert all(same_text(entry.options[i], right["en"]) for i in fits)
            elif isinstance(question, Order):
                ranked = sorted(range(len(entry.options)), key=lambda i: entry.right[i][0])
                assert [entry.options[i] for i in ranked] == [item["en"] for item in question.items]
            elif isinstance(question, Numeric):
                assert entry.bounds == question.bounds
                assert entry.digits is not None
                assert abs(question.answer) < 10 ** (entry.digits.integer - 1)
                assert entry.digits.sign == (question.bounds[0] < 0)
            else:
                assert entry.blanks >= 1


def test_a_key_reads_back_as_written(bundled_key: tuple[Bank, Key], tmp_path: Path) -> None:
    _, key = bundled_key
    path = tmp_path / "key.json"
    path.write_text(to_json(key), encoding="utf-8")
    assert read_key(path) == key


def test_the_fingerprint_names_what_is_printed_and_where_not_the_answers(
    bundled_key: tuple[Bank, Key], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, key = bundled_key
    first = key.versions[0]
    mcq = next(index for index, question in enumerate(first.questions) if question.type == "mcq")
    questions = list(first.questions)
    questions[mcq] = replace(questions[mcq], right=((questions[mcq].right[0][0] + 1) % len(questions[mcq].options),))
    corrected = replace(key, versions=(replace(first, questions=tuple(questions)), *key.versions[1:]))
    assert sheet.signed(corrected).fingerprint == key.fingerprint
    assert sheet.signed(replace(key, student_digits=key.student_digits + 1)).fingerprint != key.fingerprint
    assert sheet.signed(replace(key, versions=key.versions[:1])).fingerprint != key.fingerprint
    # Sheets whose bubbles another quizgen placed elsewhere are another printing: refused, not misread.
    monkeypatch.setattr(sheet, "PITCH_X", sheet.PITCH_X + 0.5)
    sheet.lay_out.cache_clear()
    try:
        assert sheet.signed(key).fingerprint != key.fingerprint
    finally:
        sheet.lay_out.cache_clear()


def key_data() -> dict[str, Any]:
    return {
        "quizgen_key": 1,
        "bank": {"slug": "s", "title": "T", "deck_id": 1},
        "fingerprint": "abc",
        "lang": "en",
        "paper": "a4",
        "student_digits": 6,
        "versions": [
            {
                "letter": "A",
                "questions": [
                    {"number": 1, "id": "q", "type": "mcq", "points": 1, "options": ["x", "y", "z"], "right": [1], "answer": "b) y"},
                    {
                        "number": 2,
                        "id": "m",
                        "type": "match",
                        "points": 2,
                        "left": ["1", "2"],
                        "options": ["a", "b"],
                        "right": [[1], [0]],
                        "answer": "",
                    },
                    {
                        "number": 3,
                        "id": "n",
                        "type": "numeric",
                        "points": 1,
                        "bounds": [1, 2],
                        "digits": {"sign": False, "integer": 2, "decimals": 1},
                        "answer": "1,5",
                    },
                    {"number": 4, "id": "o", "type": "order", "points": 1, "options": ["a", "b", "c"], "right": [2, 0, 1], "answer": ""},
                    {"number": 5, "id": "s", "type": "short", "points": 3, "blanks": 1, "answer": "Paris"},
                ],
            }
        ],
    }


def changed(path: str, value: Any) -> dict[str, Any]:
    data = key_data()
    *parents, last = path.split(".")
    target: Any = data
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    if value is DELETE:
        del target[int(last) if last.isdigit() else last]
    else:
        target[int(last) if last.isdigit() else last] = value
    return data


DELETE = object()


def test_the_sample_key_is_valid() -> None:
    key = parse_key(key_data())
    assert [q.type for q in key.versions[0].questions] == ["mcq", "match", "numeric", "order", "short"]


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("quizgen_key", 2, "key format 2; this quizgen reads format 1"),
        ("paper", "a3", "'paper' is 'a3'; the paper sizes are a4, letter"),
        ("student_digits", 0, "'student_digits' is 0; give 1 to 12"),
        ("student_digits", "6", "key: 'student_digits' must be a whole number"),
        ("versions", [], "'versions' is empty"),
        ("bank.slug", DELETE, "bank: 'slug' is missing"),
        (
            "versions.0.questions.0.type",
            "essay",
            "version A, question 1: type 'essay' is not one of mcq, multi, truefalse, match, order, numeric, short, cloze",
        ),
        ("versions.0.questions.0.right", [3], "version A, question 1: 'right' must hold positions from 0 to 2"),
        ("versions.0.questions.0.right", [0, 1], "version A, question 1: 'right' must list exactly one of the option positions"),
        ("versions.0.questions.0.points", 0, "version A, question 1: 'points' must be more than 0 and at most 100"),
        ("versions.0.questions.0.points", True, "version A, question 1: 'points' must be a number"),
        (
            "versions.0.questions.1.right",
            [[1]],
            "version A, question 2: 'right' must give, for each of the 2 left items, a list of the options that fit it",
        ),
        ("versions.0.questions.2.bounds", [2, 1], "version A, question 3: 'bounds' must be [lowest, highest] right values"),
        (
            "versions.0.questions.2.digits",
            {"sign": False, "integer": 0, "decimals": 1},
            "version A, question 3: 'digits' must have 1 to 12 integer digits and 0 to 4 decimals",
        ),
        ("versions.0.questions.3.right", [0, 0, 1], "version A, question 4: 'right' names a position twice"),
        ("versions.0.questions.3.right", [0, 1, 3], "version A, question 4: 'right' must hold positions from 0 to 2"),
        ("versions.0.questions.4.blanks", 0, "version A, question 5: 'blanks' must be 1 to 20"),
        ("versions.0.questions.4.number", 7, "version A: questions must be numbered 1 to 5 in order"),
    ],
)
def test_a_bad_key_is_refused_with_where_and_what(tmp_path: Path, path: str, value: Any, message: str) -> None:
    key_file = tmp_path / "k.json"
    key_file.write_text(json.dumps(changed(path, value)), encoding="utf-8")
    with pytest.raises(QuizgenError) as error:
        read_key(key_file)
    assert str(error.value) == f"{key_file}: {message}"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "{",
            "k.json:1: not JSON (Expecting property name enclosed in double quotes); give the SLUG-key.json that `quizgen handout --answer-sheet` wrote",
        ),
        ("[]", "k.json: not a quizgen key file (no 'quizgen_key'); give the SLUG-key.json that `quizgen handout --answer-sheet` wrote"),
    ],
)
def test_grade_refuses_a_file_that_is_not_a_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, message: str) -> None:
    monkeypatch.chdir(tmp_path)
    Path("k.json").write_text(text, encoding="utf-8")
    Path("scan.png").write_bytes(b"")
    result = CliRunner().invoke(cli, ["grade", "scan.png", "--key", "k.json"])
    assert (result.exit_code, result.output) == (1, f"Error: {message}\n")


def test_handout_answer_sheet_writes_the_sheets_and_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    bank = BANKS / "every-type.yaml"
    result = CliRunner().invoke(
        cli, ["handout", str(bank), "--versions", "2", "--answer-sheet", "--student-digits", "5", "-o", "out/sheet.pdf"]
    )
    assert result.exit_code == 0, result.output
    # The handout's own lines come first; the answer sheets' line is the last.
    assert result.output.splitlines()[-1] == (
        "Wrote out/every-type-answer-sheets.pdf: answer sheets, 2 pages; and out/every-type-key.json: the key `quizgen grade` reads"
    )
    key = read_key(Path("out/every-type-key.json"))
    assert key.student_digits == 5
    assert [letter.letter for letter in key.versions] == ["A", "B"]
    # numpy starts threads: imported here, not at collection, so that test_parallel.py can still fork (conftest.py).
    import numpy as np
    import pypdfium2 as pdfium
    import zxingcpp

    pdf = Path("out/every-type-answer-sheets.pdf").read_bytes()
    assert len(pypdf.PdfReader(Path("out/every-type-answer-sheets.pdf")).pages) == sum(len(lay_out(key, v)) for v in key.versions)
    # Each page's QR code reads back, naming the printing, the version and the page.
    document = pdfium.PdfDocument(pdf)
    codes = []
    for index in range(len(document)):
        image = np.asarray(document[index].render(scale=150 / 72, grayscale=True).to_numpy())
        codes += [found.text for found in zxingcpp.read_barcodes(image.reshape(image.shape[:2]))]
    document.close()
    assert codes == [qr_text(key, "A", 1), qr_text(key, "B", 1)]
    again = CliRunner().invoke(
        cli, ["handout", str(bank), "--versions", "2", "--answer-sheet", "--student-digits", "5", "-o", "out/sheet.pdf"]
    )
    assert again.exit_code == 0
    assert Path("out/every-type-answer-sheets.pdf").read_bytes() == pdf

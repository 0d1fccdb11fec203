"""`quizgen export`: the command's output and errors, the format registry, and the Quizlet and JSON exports."""

from __future__ import annotations

import dataclasses
import io
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizgen.cli import cli, export
from quizgen.exports import FORMATS, Exported, Format, export_file
from quizgen.exports.bank_json import to_json
from quizgen.exports.quizlet import to_quizlet
from quizgen.files import LATEST_EPOCH
from quizgen.model import Bank

from .conftest import BANKS, BUNDLED_BANK

GIFT_SKIPPED = (
    "every-type.yaml:71: question 'motto-cloze': skipped: GIFT has one blank per question and this cloze has 2 (--format moodle takes it)\n"
    "every-type.yaml:95: question 'planets-order': skipped: it has a picture, which GIFT can't carry (--format moodle, qti and html embed it)\n"
)
QUIZLET_SKIPPED = (
    "every-type.yaml:95: question 'planets-order': skipped: it has a picture, which Quizlet's import box can't carry "
    "(--format moodle, qti and html embed it)\n"
)
KAHOOT_SKIPPED = "".join(
    f"every-type.yaml:{line}: question '{id}': skipped: Kahoot's spreadsheet holds only questions with 2 to 4 answers to pick from, not {kind} questions\n"
    for line, id, kind in [
        (49, "author-short", "short"),
        (59, "investment-numeric", "numeric"),
        (71, "motto-cloze", "cloze"),
        (81, "quotes-match", "match"),
        (95, "planets-order", "order"),
    ]
)


@pytest.fixture
def in_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding a copy of the every-type bank, as the current folder."""
    shutil.copy(BANKS / "every-type.yaml", tmp_path)
    shutil.copy(BANKS / "every-type-sun.png", tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def sheet_skipped(platform: str, first: int) -> str:
    """What a game sheet leaves out of every-type.yaml, from line `first`."""
    kinds = [(49, "author-short", "short"), (59, "investment-numeric", "numeric"), (71, "motto-cloze", "cloze")]
    kinds += [(81, "quotes-match", "match"), (95, "planets-order", "order")]
    return "".join(
        f"every-type.yaml:{line}: question '{id}': skipped: {platform}'s sheet holds no {kind} questions\n"
        for line, id, kind in kinds
        if line >= first
    )


GIMKIT_SKIPPED = (
    "every-type.yaml:25: question 'countries-multi': skipped: Gimkit's sheet takes one right answer per question; this one has several\n"
    + sheet_skipped("Gimkit", 49)
)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["export", *args], prog_name="quizgen")
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.usefixtures("in_copy")
@pytest.mark.parametrize(
    ("format_name", "file", "stdout", "stderr"),
    [
        ("moodle", "every-type.en.moodle.xml", "Wrote every-type.en.moodle.xml: 8 questions (0 skipped)\n", ""),
        ("gift", "every-type.en.gift.txt", "Wrote every-type.en.gift.txt: 6 questions (2 skipped)\n", GIFT_SKIPPED),
        ("qti", "every-type.en.qti.zip", "Wrote every-type.en.qti.zip: 8 questions (0 skipped)\n", ""),
        ("csv", "every-type.en.csv", "Wrote every-type.en.csv: 8 questions (0 skipped)\n", ""),
        ("quizlet", "every-type.en.quizlet.txt", "Wrote every-type.en.quizlet.txt: 7 questions (1 skipped)\n", QUIZLET_SKIPPED),
        ("kahoot", "every-type.en.xlsx", "Wrote every-type.en.xlsx: 3 questions (5 skipped)\n", KAHOOT_SKIPPED),
        (
            "blooket",
            "every-type.en.blooket.csv",
            "Wrote every-type.en.blooket.csv: 3 questions (5 skipped)\n",
            sheet_skipped("Blooket", 49),
        ),
        ("gimkit", "every-type.en.gimkit.csv", "Wrote every-type.en.gimkit.csv: 2 questions (6 skipped)\n", GIMKIT_SKIPPED),
        (
            "wayground",
            "every-type.en.wayground.xlsx",
            "Wrote every-type.en.wayground.xlsx: 5 questions (3 skipped)\n",
            sheet_skipped("Wayground", 71),
        ),
        ("json", "every-type.en.json", "Wrote every-type.en.json: 8 questions (0 skipped)\n", ""),
        ("html", "every-type.en.html", "Wrote every-type.en.html: 8 questions (0 skipped)\n", ""),
    ],
)
def test_each_format_writes_its_file_and_reports_what_it_left_out(format_name: str, file: str, stdout: str, stderr: str) -> None:
    assert run("every-type.yaml", "--format", format_name) == (0, stdout, stderr)
    data = Path(file).read_bytes()
    rendered = FORMATS[format_name].render(load("every-type.yaml"), "en").data
    assert data == (rendered.encode("utf-8") if isinstance(rendered, str) else rendered)


def load(path: str) -> Bank:
    from quizgen.bank import load_bank

    return load_bank(Path(path)).bank


@pytest.mark.usefixtures("in_copy")
def test_lang_and_output_choose_the_language_and_the_file() -> None:
    assert run("every-type.yaml", "--format", "quizlet", "--lang", "fr", "-o", "out/cards.txt") == (
        0,
        "Wrote out/cards.txt: 7 questions (1 skipped)\n",
        QUIZLET_SKIPPED,
    )
    assert Path("out/cards.txt").read_text(encoding="utf-8").startswith("Quelle ville est la capitale de la France ?\tParis\n")


@pytest.mark.usefixtures("in_copy")
def test_a_text_format_can_go_to_standard_output() -> None:
    code, stdout, stderr = run("every-type.yaml", "--format", "gift", "-o", "-")
    assert (code, stderr) == (0, GIFT_SKIPPED + "Wrote standard output: 6 questions (2 skipped)\n")
    assert stdout == to_gift_text()
    assert sorted(path.name for path in Path().iterdir()) == ["every-type-sun.png", "every-type.yaml"]


def to_gift_text() -> str:
    return str(FORMATS["gift"].render(load("every-type.yaml"), "en").data)


@pytest.mark.usefixtures("in_copy")
@pytest.mark.parametrize(
    ("args", "code", "stderr"),
    [
        (["--format", "kahoot", "-o", "-"], 1, "Error: the kahoot export is a binary file (.xlsx); give a file name with -o\n"),
        (["--format", "json", "--lang", "de"], 1, "Error: every-type.yaml has no 'de' texts; its languages are en, fr\n"),
        (["--format", "json", "-o", "every-type.yaml/x.json"], 1, "Error: cannot write every-type.yaml/x.json: Not a directory\n"),
        (
            ["--format", "pdf"],
            2,
            "Usage: quizgen export [OPTIONS] [BANK]\nTry 'quizgen export --help' for help.\n\n"
            "Error: Invalid value for '--format': 'pdf' is not one of 'moodle', 'gift', 'qti', 'csv', 'quizlet', 'kahoot', 'blooket', 'gimkit', 'wayground', 'json', 'html'.\n",
        ),
        (
            [],
            2,
            "Usage: quizgen export [OPTIONS] [BANK]\nTry 'quizgen export --help' for help.\n\nError: Missing option '--format'. Choose from:\n"
            "\tmoodle,\n\tgift,\n\tqti,\n\tcsv,\n\tquizlet,\n\tkahoot,\n\tblooket,\n\tgimkit,\n\twayground,\n\tjson,\n\thtml\n",
        ),
    ],
)
def test_bad_requests_are_refused_with_a_message(args: list[str], code: int, stderr: str) -> None:
    assert run("every-type.yaml", *args) == (code, "", stderr)
    assert sorted(path.name for path in Path().iterdir()) == ["every-type-sun.png", "every-type.yaml"]


ORDER_ONLY = "title: T\nquestions:\n  - {id: steps, type: order, prompt: 'P {x}', items: [a, b, c]}\n"
GIFT_ORDER = "Moodle's GIFT import of an ordering question takes no brace in its prompt (--format moodle takes it)"


@pytest.mark.parametrize(
    ("format_name", "output", "reason"),
    [
        ("gift", "t.en.gift.txt", GIFT_ORDER),
        ("gift", "-", GIFT_ORDER),
        ("kahoot", "t.en.xlsx", "Kahoot's spreadsheet holds only questions with 2 to 4 answers to pick from, not order questions"),
    ],
)
def test_an_export_that_would_hold_no_question_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, format_name: str, output: str, reason: str
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("bank.yaml").write_text(ORDER_ONLY, encoding="utf-8")
    Path("t.en.gift.txt").write_text("a previous export", encoding="utf-8")
    args = ["-o", "-"] if output == "-" else []
    assert run("bank.yaml", "--format", format_name, *args) == (
        1,
        "",
        f"bank.yaml:3: question 'steps': skipped: {reason}\nnothing written: no question of bank.yaml fits the {format_name} format (1 skipped)\n",
    )
    assert sorted(path.name for path in Path().iterdir()) == ["bank.yaml", "t.en.gift.txt"]
    assert Path("t.en.gift.txt").read_text(encoding="utf-8") == "a previous export"


@pytest.mark.usefixtures("in_copy")
@pytest.mark.parametrize("format_name", ["qti", "kahoot"])
@pytest.mark.parametrize("value", ["soon", "-5", "²", "1_000", "99999999999999999999", str(LATEST_EPOCH + 1)])
def test_a_bad_source_date_epoch_is_refused(monkeypatch: pytest.MonkeyPatch, format_name: str, value: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    message = f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, from 0 to {LATEST_EPOCH}; found {value!r}"
    assert run("every-type.yaml", "--format", format_name) == (1, "", f"Error: {message}\n")
    assert sorted(path.name for path in Path().iterdir()) == ["every-type-sun.png", "every-type.yaml"]


@pytest.mark.parametrize("format_name", ["qti", "kahoot"])
@pytest.mark.parametrize(
    ("epoch", "date"),
    [
        (None, (1980, 1, 1, 0, 0, 0)),
        ("0", (1980, 1, 1, 0, 0, 0)),
        ("1467244800", (2016, 6, 30, 0, 0, 0)),
        (str(LATEST_EPOCH), (2106, 2, 7, 6, 28, 14)),
    ],
)
def test_zips_are_stored_and_dated_by_source_date_epoch(
    every_type_bank: Bank, monkeypatch: pytest.MonkeyPatch, format_name: str, epoch: str | None, date: tuple[int, ...]
) -> None:
    if epoch is not None:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    data = FORMATS[format_name].render(every_type_bank, "en").data
    assert isinstance(data, bytes)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        # Stored, not deflated: zlib builds deflate the same data to different bytes.
        assert {(entry.date_time, entry.compress_type) for entry in archive.infolist()} == {(date, zipfile.ZIP_STORED)}


HEAVY = frozenset({"genanki", "typst", "rich", "quizgen.anki", "quizgen.check"})
EXPORT = "from pathlib import Path\nfrom quizgen.exports import export_file\nexport_file(Path({bank!r}), '{format}', output={out!r})"
LOADS = {
    **{
        name: (EXPORT.replace("{format}", name), HEAVY)
        for name in ("moodle", "gift", "json", "quizlet", "html", "qti", "kahoot", "blooket", "gimkit", "wayground")
    },
    "csv": (EXPORT.replace("{format}", "csv"), HEAVY - {"genanki"}),
    "cli": ("import quizgen.cli", HEAVY | {"yaml", "quizgen.bank", "quizgen.exports"}),
}
"""What each use of the library must not import (genanki, slow to import, is for the GUIDs of Anki's import file only)."""


@pytest.mark.parametrize(("statement", "unwanted"), LOADS.values(), ids=LOADS)
def test_an_export_imports_only_what_its_format_needs(tmp_path: Path, statement: str, unwanted: frozenset[str]) -> None:
    run_it = statement.format(bank=str(BANKS / "every-type.yaml"), out=str(tmp_path / "out"))
    code = f"import sys\n{run_it}\nprint(' '.join(sys.modules))\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert sorted(unwanted & set(result.stdout.split())) == []


def test_the_registry_and_its_result_hold_only_what_is_read() -> None:
    assert [field.name for field in dataclasses.fields(Format)] == ["name", "renderer", "extension", "binary"]
    assert [field.name for field in dataclasses.fields(Exported)] == ["bank", "result", "target"]


def test_an_invalid_bank_is_reported_not_exported(tmp_path: Path) -> None:
    bank = tmp_path / "bad.yaml"
    bank.write_text(
        "title: T\nquestions:\n  - {id: a, type: mcq, prompt: P, choices: [X, Y], answer: Z, explanation: E, source: S}\n", encoding="utf-8"
    )
    assert run(str(bank), "--format", "json", "-o", str(tmp_path / "x.json")) == (
        1,
        "",
        f"{bank}:3: question 'a': answer 'Z' is not one of the choices (X, Y)\n1 error in {bank}\n",
    )
    assert not (tmp_path / "x.json").exists()


def test_the_command_offers_exactly_the_registered_formats() -> None:
    (option,) = (param for param in export.params if param.name == "format_")
    assert list(option.type.choices) == list(FORMATS)  # type: ignore[attr-defined]


def test_export_file_refuses_an_unknown_format() -> None:
    from quizgen.errors import QuizgenError

    with pytest.raises(
        QuizgenError,
        match="unknown export format 'pdf'; the formats are moodle, gift, qti, csv, quizlet, kahoot, blooket, gimkit, wayground, json, html",
    ):
        export_file(BANKS / "every-type.yaml", "pdf")


# ---------------------------------------------------------------- Quizlet


def test_quizlet_cards_are_term_tab_definition_one_per_line(every_type_bank: Bank) -> None:
    assert to_quizlet(every_type_bank, "en").data == (
        "Which city is the capital of France?\tParis\n"
        "Which of these countries are in Europe?\tFrance; Germany\n"
        "The Earth is flat.\tFalse\n"
        "Who wrote Les Misérables?\tVictor Hugo\n"
        "How much did the company invest?\t200,000,000 dollars\n"
        "Liberty, […], […].\tLiberty, equality, fraternity.\n"
        "Match each quote with its speaker.\t“I think, therefore I am.” → Descartes; “I have a dream.” → Martin Luther King; "
        "“To be or not to be.” → Shakespeare\n"
    )  # the order question has a picture, which Quizlet's import box can't carry


def test_quizlet_texts_never_break_a_card(tmp_path: Path) -> None:
    path = tmp_path / "bank.yaml"
    path.write_text(
        'title: T\nquestions:\n  - {id: s, type: short, prompt: "two\\nlines\\tand a tab", answer: "a\\u2028b"}\n', encoding="utf-8"
    )
    assert to_quizlet(load(str(path)), "en").data == "two lines and a tab\ta b\n"


# ---------------------------------------------------------------- JSON


def test_json_is_the_normalised_bank_in_one_language(every_type_bank: Bank) -> None:
    data = to_json(every_type_bank, "fr").data
    assert isinstance(data, str) and "Misérables" in data
    bank = json.loads(data)
    assert {key: value for key, value in bank.items() if key != "questions"} == {
        "$schema": "urn:quizgen:bank:2",
        "format": "quizgen-bank",
        "version": 2,
        "title": "Tous les types",
        "language": "fr",
        "no_source": False,
        "source": {
            "title": "A short text about tests",
            "url": None,
            "date": "2024-05-01",
            "file": "every-type-source.txt",
            "language": "en",
        },
        "deck": {"name": "Tous les types", "id": 1400000001},
    }
    questions = {question["id"]: question for question in bank["questions"]}
    assert list(questions) == [question.id for question in every_type_bank.questions]
    assert questions["capital-mcq"] == {
        "id": "capital-mcq",
        "type": "mcq",
        "prompt": "Quelle ville est la capitale de la France ?",
        "tags": ["geography", "france"],
        "difficulty": 1,
        "explanation": "Paris est la capitale.",
        "source": "Paris is the capital of France.",
        "hint": "La ville de la tour Eiffel.",
        "draft": False,
        "support": "quoted",
        "group": "capitals",
        "points": 1,
        "image": None,
        "choices": ["Paris", "Lyon", "Marseille", "Lille"],
        "answer": 0,
    }
    fields = {question["id"]: {key: question[key] for key in list(question)[13:]} for question in bank["questions"]}
    assert fields == {
        "capital-mcq": {"choices": ["Paris", "Lyon", "Marseille", "Lille"], "answer": 0},
        "countries-multi": {"choices": ["France", "Allemagne", "Japon", "Brésil"], "answers": [0, 1]},
        "earth-flat-tf": {"answer": False},
        "author-short": {"answer": "Victor Hugo", "accept": ["Hugo"]},
        "investment-numeric": {"answer": 200000000, "tolerance": 0, "range": None, "unit": "dollars"},
        "motto-cloze": {
            "text": "Liberté, {{c1::égalité::un mot pour l'équité}}, {{c2::fraternité}}.",
            "deletions": [
                {"number": 1, "answer": "égalité", "hint": "un mot pour l'équité", "accepted": ["égalité"]},
                {"number": 2, "answer": "fraternité", "hint": None, "accepted": ["fraternité"]},
            ],
        },
        "quotes-match": {
            "pairs": [
                ["« Je pense, donc je suis. »", "Descartes"],
                ["« J'ai fait un rêve. »", "Martin Luther King"],
                ["« Être ou ne pas être. »", "Shakespeare"],
            ],
            "pair_sources": ["Descartes, King and Shakespeare are quoted.", None, None],
            "distractors": ["Molière"],
            "right_column": ["Descartes", "Martin Luther King", "Shakespeare", "Molière"],
            "solution": [0, 1, 2],
        },
        "planets-order": {
            "items": ["Mercure", "Vénus", "Terre", "Mars"],
            "item_sources": ["Mercury, Venus, Earth and Mars are the inner planets.", None, None, None],
        },
    }


def test_json_of_the_bundled_bank_holds_every_question() -> None:
    from quizgen.bank import load_bank

    bank = load_bank(BUNDLED_BANK).bank
    exported = json.loads(str(to_json(bank, "en").data))
    assert len(exported["questions"]) == 66 and exported["language"] == "en"
    assert {question["type"] for question in exported["questions"]} == {
        "mcq",
        "multi",
        "truefalse",
        "short",
        "numeric",
        "cloze",
        "match",
        "order",
    }


@pytest.mark.parametrize("format_name", ["moodle", "gift", "qti", "json", "wayground"])
@pytest.mark.parametrize(("answer", "tolerance", "shown"), [(float("inf"), 0.0, "inf"), (1.0e308, 2.0e308, "inf")])
def test_a_number_that_is_not_finite_is_never_written(
    every_type_bank: Bank, format_name: str, answer: float, tolerance: float, shown: str
) -> None:
    numeric = next(question for question in every_type_bank.questions if question.type == "numeric")
    question = dataclasses.replace(numeric, answer=answer, tolerance=tolerance)
    result = FORMATS[format_name].render(dataclasses.replace(every_type_bank, questions=(question,)), "en")
    reason = f"the number {shown} is not finite"
    if format_name == "wayground" and tolerance:  # refused before its numbers are written
        reason = "Wayground's Fill-in-the-Blank takes exact answers, and this number has a margin"
    assert (result.exported, [skipped.reason for skipped in result.skipped]) == (0, [reason])

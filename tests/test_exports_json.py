"""The JSON export: valid against the schema shipped in the package, and read back as a bank by every command."""

from __future__ import annotations

import dataclasses
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from quizgen.bank import load_bank
from quizgen.cli import cli
from quizgen.exports.bank_json import SCHEMA_ID, SCHEMA_PATH, to_json
from quizgen.model import Bank, Image, Match, Numeric

from .conftest import BANKS, BUNDLED_BANK, ROOT


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"] == SCHEMA_ID
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize(
    ("path", "lang"),
    [(BUNDLED_BANK, "fr"), (BUNDLED_BANK, "en"), (BANKS / "every-type.yaml", "fr"), (BANKS / "hostile.yaml", "en")],
)
def test_the_export_validates_against_the_shipped_schema(validator: jsonschema.Draft202012Validator, path: Path, lang: str) -> None:
    document = json.loads(str(to_json(load_bank(path).bank, lang).data))
    assert document["$schema"] == SCHEMA_ID
    assert list(validator.iter_errors(document)) == []


def test_new_fields_are_in_the_export_and_valid(validator: jsonschema.Draft202012Validator, every_type_bank: Bank) -> None:
    by_id = {question.id: question for question in every_type_bank.questions}
    match, numeric = by_id["quotes-match"], by_id["investment-numeric"]
    assert isinstance(match, Match) and isinstance(numeric, Numeric)
    match = dataclasses.replace(
        match,
        pairs=(*match.pairs[:2], (match.pairs[2][0], match.pairs[0][1])),
        distractors=({"en": "Voltaire", "fr": "Voltaire"},),
        group="quotes",
        points=2.5,
        image=Image("map.png", {"en": "A map", "fr": "Une carte"}),
    )
    numeric = dataclasses.replace(numeric, answer=-273.15, tolerance=273.15 * 0.01)
    bank = dataclasses.replace(every_type_bank, questions=(match, numeric))
    document = json.loads(str(to_json(bank, "en").data))
    assert list(validator.iter_errors(document)) == []
    exported_match, exported_numeric = document["questions"]
    assert {key: exported_match[key] for key in ("group", "points", "image", "distractors", "right_column", "solution")} == {
        "group": "quotes",
        "points": 2.5,
        "image": {"file": "map.png", "alt": "A map"},
        "distractors": ["Voltaire"],
        "right_column": ["Descartes", "Martin Luther King", "Voltaire"],
        "solution": [0, 1, 0],
    }
    assert (exported_numeric["answer"], exported_numeric["tolerance"]) == (-273.15, 2.7315)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda document: document.update(extra=1), "Additional properties are not allowed ('extra' was unexpected)"),
        (lambda document: document["questions"][0].update(answer="Paris"), "is not valid under any of the given schemas"),
        (lambda document: document["questions"][0].pop("points"), "'points' is a required property"),
        (lambda document: document.update(version=3), "2 was expected"),
    ],
)
def test_the_schema_refuses_what_is_not_an_export(
    validator: jsonschema.Draft202012Validator, every_type_bank: Bank, change: Callable[[dict[str, Any]], object], message: str
) -> None:
    document = json.loads(str(to_json(every_type_bank, "en").data))
    change(document)
    assert next(error.message for error in validator.iter_errors(document)).endswith(message)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), prog_name="quizgen")
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("bank_file", "lang"),
    [(BUNDLED_BANK, "fr"), (BANKS / "every-type.yaml", "en")],
)
def test_json_to_bank_to_decks_is_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bank_file: Path, lang: str) -> None:
    """The JSON export, checked and built as a bank, gives the same deck, byte for byte, as the YAML bank.

    In the source's language: a JSON in another language holds excerpts in a language it does not have,
    which the bank reader refuses (test_a_json_in_another_language_than_its_source_is_refused)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1467244800")
    shutil.copy(bank_file, tmp_path / "bank.yaml")
    for picture in bank_file.parent.glob("every-type-*.png"):
        shutil.copy(picture, tmp_path / picture.name)
    source = (BANKS / "every-type-source.txt") if bank_file.parent == BANKS else ROOT.parent / "shared/sources/viva-technology-2016.txt"
    if source.exists():
        shutil.copy(source, tmp_path / source.name)
        text = (tmp_path / "bank.yaml").read_text(encoding="utf-8").replace("../shared/sources/", "")
        (tmp_path / "bank.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run("export", "bank.yaml", "--format", "json", "--lang", lang, "-o", "bank.json")[0] == 0
    code, output = run("check", "bank.json")
    assert code == 0, output
    assert output.startswith("bank.json: ")
    assert run("build", "bank.yaml", "--out-dir", "from-yaml")[0] == 0
    assert run("build", "bank.json", "--out-dir", "from-json")[0] == 0
    (from_json,) = Path("from-json").glob("*.apkg")
    slug = load_bank(Path("bank.yaml")).bank.slug
    assert (Path("from-yaml") / f"{slug}.{lang}.apkg").read_bytes() == from_json.read_bytes()


def test_a_json_in_another_language_than_its_source_is_refused(tmp_path: Path, every_type_bank: Bank) -> None:
    path = tmp_path / "bank.json"
    path.write_text(str(to_json(every_type_bank, "fr").data), encoding="utf-8")
    code, output = run("check", str(path))
    assert (code, output.splitlines()[0]) == (
        1,
        f"{path}:1: source language 'en' is not one of the bank's languages (fr): answers are looked for in the excerpts in that language",
    )


def test_a_problem_in_a_json_bank_names_the_line_of_its_question(tmp_path: Path, every_type_bank: Bank) -> None:
    document = json.loads(str(to_json(every_type_bank, "en").data))
    document["questions"][2]["answer"] = "maybe"
    path = tmp_path / "bank.json"
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False), encoding="utf-8")
    line = next(number for number, text in enumerate(path.read_text().splitlines(), 1) if '"id": "earth-flat-tf"' in text) - 1
    code, output = run("check", str(path))
    assert code == 1
    assert output.splitlines()[0].startswith(f"{path}:{line}: question 'earth-flat-tf': answer must be true or false")


def test_a_json_file_of_the_wrong_shape_is_one_located_line(tmp_path: Path) -> None:
    path = tmp_path / "bank.json"
    path.write_text('{"format": "quizgen-bank", "version": 2, "language": "en", "title": "T", "deck": [], "questions": []}')
    assert run("check", str(path)) == (1, f"{path}:1: not a quizgen JSON bank: 'deck' must be dict; found []\n1 error in {path}\n")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ('<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n<question type="truefalse"></question></quiz>\n', "a Moodle XML file"),
        ("// a comment\n::q1:: Paris is in France {TRUE}\n", "a GIFT file"),
        ("What is 2+2? {=4 ~5}\n", "a GIFT file"),
        ("#separator:tab\n#html:true\nfront\tback\n", "an Anki text export"),
    ],
)
def test_a_file_from_another_tool_is_named_with_the_command_that_imports_it(tmp_path: Path, text: str, kind: str) -> None:
    path = tmp_path / "questions.txt"
    path.write_text(text, encoding="utf-8")
    message = f"{path}:1: this looks like {kind}, not a quizgen bank: run `quizgen import {path}` first"
    for command in (["check"], ["export", "--format", "gift", "-o", "-"]):
        assert run(*command, str(path)) == (1, f"{message}\n1 error in {path}\n")

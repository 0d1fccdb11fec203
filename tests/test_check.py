"""`quizgen check`: its output, exit codes and grounding of excerpts in the source text."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizgen.check import closest_passage, fold
from quizgen.cli import cli

from .conftest import BANKS

EVERY_TYPE_SUMMARY = """\
tests/banks/every-type.yaml: 8 questions, 0 errors, 0 warnings
  types: mcq 1, multi 1, truefalse 1, short 1, numeric 1, cloze 1, match 1, order 1
  tags: france 2, geography 2, people 2, science 2, figures 1, literature 1, quotes 1
  languages: en, fr (default en); every text is in each of them
  grounding: 10 of 10 excerpts found in tests/banks/every-type-source.txt
  support: 6 shown in their excerpt, 2 marked inferred, 0 unsupported (en)
  give-aways: 0 between questions
"""


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(BANKS.parent.parent)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.usefixtures("in_repo")
def test_a_valid_bank_is_summed_up() -> None:
    assert run("check", "tests/banks/every-type.yaml") == (0, EVERY_TYPE_SUMMARY, "")


@pytest.mark.usefixtures("in_repo")
def test_strict_passes_a_bank_without_warnings() -> None:
    assert run("check", "--strict", "tests/banks/every-type.yaml") == (0, EVERY_TYPE_SUMMARY, "")


def write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_errors_are_listed_on_stderr_with_a_count_and_exit_1(tmp_path: Path) -> None:
    bank = write(
        tmp_path,
        "bad.yaml",
        "title: T\nquestions:\n  - {id: a, type: mcq, prompt: P, choices: [X, Y], answer: Z, explanation: e, source: s}\n",
    )
    assert run("check", bank) == (1, "", f"{bank}:3: question 'a': answer 'Z' is not one of the choices (X, Y)\n1 error in {bank}\n")


def test_warnings_pass_unless_strict(tmp_path: Path) -> None:
    bank = write(
        tmp_path,
        "warn.yaml",
        "title: T\ndeck: {id: 1234567890}\nquestions:\n  - {id: a, type: truefalse, prompt: P, answer: true, explanation: e}\n",
    )
    warning = f"{bank}:4: question 'a': warning: no 'source': add the verbatim excerpt of the source text the question is written from\n"
    code, out, err = run("check", bank)
    assert (code, err) == (0, warning)
    assert out.startswith(f"{bank}: 1 question, 0 errors, 1 warning\n")
    assert run("check", "--strict", bank) == (1, "", warning + f"0 errors and 1 warning in {bank} (--strict: warnings count as errors)\n")


def test_an_excerpt_missing_from_the_source_shows_the_closest_passage(tmp_path: Path) -> None:
    source = write(tmp_path, "article.txt", "John Chambers annonçait qu’il allait doubler l’investissement de Cisco.\n")
    bank = write(
        tmp_path,
        "bank.yaml",
        "title: T\nquestions:\n  - id: a\n    type: truefalse\n    prompt: P\n    answer: true\n    explanation: e\n    support: inferred\n"
        '    source: "il allait tripler l\'investissement de Cisco"\n',
    )
    assert run("check", bank, "--source", source) == (
        1,
        "",
        f"{bank}:3: question 'a': source excerpt not found in {source}; closest passage: \"il allait doubler l'investissement de Cisco\"\n"
        f"1 error in {bank}\n",
    )


def test_the_bank_source_file_is_used_without_source_option(tmp_path: Path) -> None:
    shutil.copy(BANKS / "every-type.yaml", tmp_path)
    shutil.copy(BANKS / "every-type-sun.png", tmp_path)
    (tmp_path / "every-type-source.txt").write_text("Nothing of the kind.\n", encoding="utf-8")
    code, _, err = run("check", str(tmp_path / "every-type.yaml"))
    assert code == 1
    assert err.endswith(f"10 errors in {tmp_path / 'every-type.yaml'}\n")


def test_a_declared_source_that_is_missing_skips_grounding(tmp_path: Path) -> None:
    shutil.copy(BANKS / "every-type.yaml", tmp_path)
    shutil.copy(BANKS / "every-type-sun.png", tmp_path)
    code, out, _ = run("check", str(tmp_path / "every-type.yaml"))
    assert code == 0
    assert out.splitlines()[-3] == "  grounding: skipped, the source file every-type-source.txt does not exist (use --source FILE)"


@pytest.mark.parametrize(
    ("arguments", "code", "stderr_end"),
    [
        (["check", "missing.yaml"], 1, "Error: missing.yaml: no such file\n"),
        (["check", "--source", "missing.txt"], 2, "Error: Invalid value for '--source': File 'missing.txt' does not exist.\n"),
        (["nope"], 2, "Error: No such command 'nope'.\n"),
    ],
)
def test_usage_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, arguments: list[str], code: int, stderr_end: str) -> None:
    monkeypatch.chdir(tmp_path)
    exit_code, _, err = run(*arguments)
    assert (exit_code, err[-len(stderr_end) :]) == (code, stderr_end)


def test_invalid_utf8_source_is_reported(tmp_path: Path) -> None:
    source = tmp_path / "latin1.txt"
    source.write_bytes(b"Caf\xe9\n")
    assert run("check", str(BANKS / "every-type.yaml"), "--source", str(source)) == (
        1,
        "",
        f"Error: {source}:1: not valid UTF-8 (byte 0xe9 at offset 3); save it as UTF-8\n",
    )


@pytest.mark.parametrize(
    ("excerpt", "text"),
    [
        ("l'investissement", "l’investissement"),
        ('"Vive la French Tech !"', "« Vive la French Tech\u00a0! »"),
        ("a   b\nc", "a b c"),
        ("« next place to be »", "“next place to be”"),
        ("Il faut rebondir.", "Il faut  rebondir."),
        ("trois points...", "trois points…"),
    ],
)
def test_folding_makes_typography_equal(excerpt: str, text: str) -> None:
    assert fold(excerpt) == fold(text)


@pytest.mark.parametrize(("excerpt", "text"), [("Cisco", "cisco"), ("200 millions", "300 millions"), ("Carney", "Carner")])
def test_folding_keeps_words_apart(excerpt: str, text: str) -> None:
    assert fold(excerpt) != fold(text)


def test_closest_passage_aligns_on_the_best_match() -> None:
    text = fold("Le monde du numérique sera bientôt menée par la France et Paris sera la capitale des start-up.")
    assert closest_passage(text, fold("Paris sera la capitale des startups")) == "Paris sera la capitale des start-up"


def test_python_dash_m_runs_the_command() -> None:
    result = subprocess.run([sys.executable, "-m", "quizgen", "--version"], capture_output=True, text=True, check=False)
    assert (result.returncode, result.stdout) == (0, "quizgen, version 0.1.0\n")


def test_the_public_api_is_importable_from_the_package() -> None:
    import quizgen

    for name in quizgen.__all__:
        assert getattr(quizgen, name) is not None, name
    with pytest.raises(AttributeError):
        quizgen.nothing_of_the_kind  # noqa: B018


DERIVED = (
    "no deck.id, so the deck's id comes from its name 'Planets': renaming it makes a second Anki deck "
    "with every card twice; add this fixed id to the bank: deck: {{id: {id}}}"
)
PLANETS = "title: Planets\nsource: none\nquestions:\n  - {id: a, type: truefalse, prompt: P, answer: true, explanation: e}\n"


@pytest.mark.parametrize("command", [["build", "--out-dir", "decks"], ["anki", "-o", "planets.apkg"]])
def test_a_derived_deck_id_is_warned_about_every_build_with_an_id_to_paste(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    bank = write(tmp_path, "planets.yaml", PLANETS)
    suggested = []
    for _ in range(2):
        code, _, err = run(*command, bank)
        found = re.fullmatch(r".*deck: \{id: (\d+)\}\n", err, re.DOTALL)
        assert code == 0 and found is not None
        suggested.append(int(found[1]))
        assert err == f"{bank}: " + DERIVED.format(id=suggested[-1]) + "\n"
        assert 1 << 30 <= suggested[-1] < 1 << 31
    assert suggested[0] != suggested[1]
    with_id = write(tmp_path, "planets.yaml", PLANETS + f"deck: {{id: {suggested[0]}}}\n")
    assert run(*command, with_id)[2] == ""


def test_check_shows_a_derived_deck_id_in_its_summary_and_strict_passes(tmp_path: Path) -> None:
    bank = write(tmp_path, "planets.yaml", PLANETS)
    code, out, err = run("check", "--strict", bank)
    lines = out.splitlines()
    found = re.fullmatch(r".*deck: \{id: (\d+)\}", lines[1])
    assert (code, err, lines[0]) == (0, "", f"{bank}: 1 question, 0 errors, 0 warnings")
    assert found is not None and lines[1] == "  deck id: " + DERIVED.format(id=found[1])
    assert lines[2] == "  types: truefalse 1"
    with_id = write(tmp_path, "planets.yaml", PLANETS + "deck: {id: 1234567890}\n")
    assert "deck id" not in run("check", with_id)[1]

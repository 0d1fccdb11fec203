"""`quizgen init` and the demo bank: a new user's first minutes."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect
import pytest
import yaml
from click.testing import CliRunner

from quizgen.bank import load_bank
from quizgen.cli import cli
from quizgen.starter import DECK_IDS

from .conftest import ROOT

DEMO = "Using the bundled demo bank (Viva Technology 2016): no questions.yaml here. Start your own with `quizgen init`"


def test_init_writes_a_starter_bank_that_passes_strict_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["init"])
    assert (result.exit_code, result.output) == (
        0,
        "Wrote questions.yaml: 8 questions, one of each type. Edit it, then: quizgen check, quizgen build, quizgen quiz.\n",
    )
    assert sorted(path.name for path in tmp_path.iterdir()) == ["questions.yaml"]
    bank = load_bank(tmp_path / "questions.yaml").bank
    assert sorted(question.type for question in bank.questions) == sorted(
        ["mcq", "multi", "truefalse", "short", "numeric", "cloze", "match", "order"]
    )
    assert bank.languages == ("en",)
    assert DECK_IDS[0] <= bank.deck.id < DECK_IDS[1]
    assert yaml.safe_load((tmp_path / "questions.yaml").read_text())["deck"]["id"] == bank.deck.id
    check = CliRunner().invoke(cli, ["check", "--strict"])
    assert check.exit_code == 0, check.output
    assert check.stderr == ""


def test_two_starters_get_different_deck_ids(tmp_path: Path) -> None:
    for name in ("a", "b"):
        assert CliRunner().invoke(cli, ["init", str(tmp_path / name)]).exit_code == 0
    ids = {load_bank(tmp_path / name / "questions.yaml").bank.deck.id for name in ("a", "b")}
    assert len(ids) == 2


def test_init_never_replaces_a_file(tmp_path: Path) -> None:
    (tmp_path / "questions.yaml").write_text("mine\n")
    result = CliRunner().invoke(cli, ["init", str(tmp_path)])
    assert (result.exit_code, result.output) == (
        1,
        f"Error: {tmp_path / 'questions.yaml'} already exists; quizgen init never replaces a file (give another folder)\n",
    )
    assert (tmp_path / "questions.yaml").read_text() == "mine\n"


@pytest.mark.parametrize(
    ("files", "suffix"),
    [
        ([], "."),
        (["planets.yaml", "notes.yml", "b.txt"], ", or name your bank: notes.yml, planets.yaml."),
        ([f"bank{n}.yaml" for n in range(5)], ", or name your bank: bank0.yaml, bank1.yaml, bank2.yaml, bank3.yaml, bank4.yaml."),
        (
            [f"bank{n:02}.yaml" for n in range(40)],
            ", or name your bank: bank00.yaml, bank01.yaml, bank02.yaml, bank03.yaml, bank04.yaml and 35 more.",
        ),
    ],
)
def test_the_demo_bank_is_never_used_silently(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: list[str], suffix: str) -> None:
    monkeypatch.chdir(tmp_path)
    for name in files:
        (tmp_path / name).write_text("title: x\n")
    result = CliRunner().invoke(cli, ["export", "--format", "json", "-o", "-"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == DEMO + suffix


def test_a_local_bank_or_a_named_one_says_nothing_more(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    CliRunner().invoke(cli, ["init"])
    for arguments in (["check"], ["check", "questions.yaml"], ["stats"]):
        result = CliRunner().invoke(cli, arguments)
        assert "demo bank" not in result.stderr


def test_init_build_quiz_in_an_empty_folder(tmp_path: Path) -> None:
    """The README's "first bank in two minutes", typed as a new user would."""
    env = {**os.environ, "TERM": "xterm-256color", "PYTHONPATH": str(ROOT)}
    for arguments in (["init"], ["build"]):
        child = pexpect.spawn(sys.executable, ["-m", "quizgen", *arguments], cwd=str(tmp_path), env=env, encoding="utf-8", timeout=60)
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 0, child.before
    assert sorted(path.name for path in (tmp_path / "decks").iterdir()) == ["the-solar-system.en.apkg", "the-solar-system.en.lock.json"]
    db = tmp_path / "progress.sqlite3"
    child = pexpect.spawn(
        sys.executable,
        ["-m", "quizgen", "quiz", "--count", "3", "--seed", "1", "--db", str(db)],
        cwd=str(tmp_path),
        env=env,
        encoding="utf-8",
        timeout=60,
        dimensions=(40, 100),
    )
    child.expect("The Solar System · 3 questions")
    child.expect("Question 1/3")
    child.expect("> ")
    child.sendline("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

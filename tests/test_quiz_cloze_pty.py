"""An English cloze whose blanks are the bank's own translation accepts each listed alternative, typed in a real terminal."""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

import pexpect
import pytest

from .conftest import ROOT

BANK = """title: Cloze
languages: [fr, en]
source: none
deck: {id: 1500000001}
questions:
  - id: capital
    type: cloze
    text:
      fr: "Paris sera la {{c1::capitale des start-up}} et {{c2::personne ne me croyait}}."
      en: "Paris will be the {{c1::start-up capital}} and {{c2::no one believed me}}."
    accept: {c1: {en: [capital of start-ups, startup capital]}, c2: {en: [nobody believed me]}}
    support: inferred
    explanation: The English blanks translate the French quote.
"""


def finish(child: pexpect.spawn) -> None:
    """Go on past the answer; a missed question comes back: leave it with /q."""
    child.send("\r")
    if child.expect([pexpect.EOF, "> "]) == 1:
        child.sendline("/q")
        child.expect(pexpect.EOF)
    child.close()


@pytest.mark.parametrize(
    ("first", "second"),
    [("start-up capital", "no one believed me"), ("capital of start-ups", "nobody believed me"), ("startup capital", "Nobody believed me")],
)
def test_each_listed_alternative_is_right(tmp_path: Path, first: str, second: str) -> None:
    (tmp_path / "bank.yaml").write_text(BANK, encoding="utf-8")
    db = tmp_path / "progress.sqlite3"
    env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm", "PYTHONPATH": str(ROOT)}
    arguments = ["-m", "quizgen", "quiz", "bank.yaml", "--lang", "en", "--count", "1", "--seed", "1", "--db", str(db)]
    child = pexpect.spawn(sys.executable, arguments, cwd=str(tmp_path), env=env, encoding="utf-8", timeout=30, dimensions=(40, 100))
    child.expect(r"\[1\] ")
    child.sendline(first)
    child.expect(r"\[2\] ")
    child.sendline(second)
    child.expect("✓ Right!")
    finish(child)
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT question, correct FROM reviews").fetchall() == [("capital", 1)]


def test_an_answer_that_is_no_alternative_is_wrong_with_the_right_one_shown(tmp_path: Path) -> None:
    (tmp_path / "bank.yaml").write_text(BANK, encoding="utf-8")
    env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm", "PYTHONPATH": str(ROOT)}
    arguments = ["-m", "quizgen", "quiz", "bank.yaml", "--lang", "en", "--count", "1", "--seed", "1", "--db", str(tmp_path / "p.sqlite3")]
    child = pexpect.spawn(sys.executable, arguments, cwd=str(tmp_path), env=env, encoding="utf-8", timeout=30, dimensions=(40, 100))
    child.expect(r"\[1\] ")
    child.sendline("the capital of hope")
    child.expect(r"\[2\] ")
    child.sendline("nobody believed me")
    child.expect("✗ Not quite")
    child.expect("blank 1: start-up capital")
    finish(child)

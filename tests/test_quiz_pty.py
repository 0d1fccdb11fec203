"""The quiz as a person meets it: a real pseudo-terminal, typed answers, Ctrl-C, Ctrl-D and a killed process."""

from __future__ import annotations

import io
import os
import signal
import sqlite3
import sys
from pathlib import Path
from typing import Any

import pexpect
import pytest

from .conftest import BANKS, ROOT

TIMEOUT = 30


def spawn(db: Path, colours: bool, columns: int = 100, *extra: str) -> Any:
    """`python -m quizgen quiz` on the every-type bank: a true-false, a numeric, a multi and an order question."""
    env = {key: value for key, value in os.environ.items() if key not in ("NO_COLOR", "COLUMNS", "LINES")}
    env["TERM"] = "xterm-256color"
    if not colours:
        env["NO_COLOR"] = "1"
    args = ["-m", "quizgen", "quiz", str(BANKS / "every-type.yaml"), "--seed", "1", "--count", "4", "--db", str(db), *extra]
    return pexpect.spawn(sys.executable, args, cwd=str(ROOT), env=env, encoding="utf-8", timeout=TIMEOUT, dimensions=(40, columns))


def reviews(db: Path) -> list[tuple[str, int]]:
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return connection.execute("SELECT question, correct FROM reviews ORDER BY id").fetchall()


def ratings(db: Path) -> list[tuple[str, int, int]]:
    with sqlite3.connect(db) as connection:
        return connection.execute("SELECT question, rating, correct FROM reviews ORDER BY id").fetchall()


def answer_two(child: Any) -> None:
    child.expect(r"Question 1/4")
    child.expect("> ")
    child.sendline("f")
    child.expect(r"✓ Right!")
    child.expect(r"Good · next 10 min")
    child.send("\r")
    child.expect(r"Question 2/4")
    child.expect("> ")
    child.sendline("2e9")
    child.expect(r"✗ Wrong\.")
    child.expect(r"Again · next 1 min")
    child.send("\r")
    child.expect(r"Question 3/5")
    child.expect("> ")


def test_ctrl_c_mid_session_shows_the_summary_and_keeps_the_answers(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    child = spawn(db, colours=True)
    answer_two(child)
    child.send("half an answ")
    # Python's readline only sees a Ctrl-C that arrives while it waits for a key, as a person's always does.
    child.expect("half an answ")
    child.sendintr()
    child.expect("Summary")
    child.expect(r"Score: 1/2 \(50%\)")
    child.expect(r"replay with --seed 1")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "Traceback" not in child.before
    assert reviews(db) == [("earth-flat-tf", 1), ("investment-numeric", 0)]


def test_ctrl_d_ends_a_plain_session_the_same_way(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    child = spawn(db, colours=False)
    answer_two(child)
    child.sendeof()
    child.expect("Summary\r\nScore: 1/2 \\(50%\\)")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "\x1b[" not in child.before
    assert reviews(db) == [("earth-flat-tf", 1), ("investment-numeric", 0)]


def test_a_killed_session_loses_at_most_the_answer_being_typed(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    child = spawn(db, colours=True)
    answer_two(child)
    child.send("a ")
    child.kill(signal.SIGKILL)
    child.close(force=True)
    assert child.signalstatus == signal.SIGKILL
    assert reviews(db) == [("earth-flat-tf", 1), ("investment-numeric", 0)]


def test_keys_help_rating_undo_override_and_a_missed_question_asked_again(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    child = spawn(db, colours=True)
    child.expect(r"Question 1/4")
    child.expect(r"\?\shelp · /h\shint · /s\sskip · /q\squit")
    child.expect("> ")
    child.sendline("help")  # a command word: asked about, not graded
    child.expect("is a command word here")
    child.sendline("?")  # the help key lists the keys
    child.expect(r"/u.*undo the last answer")
    child.expect("> ")
    assert ratings(db) == []
    child.sendline("t")
    child.expect(r"✗ Wrong\.")
    child.expect(r"Again · next 1 min")
    child.expect(r"4\sEasy\s8\sd")  # each key with its next interval, as Anki shows
    child.send("r")  # I was right
    child.expect("Counted as right.")
    child.expect(r"Good · next 10 min")
    assert ratings(db) == [("earth-flat-tf", 3, 1)]
    child.send("4")
    child.expect(r"Easy · next 8 d")
    assert ratings(db) == [("earth-flat-tf", 4, 1)]
    child.send("\r")
    child.expect(r"Question 2/4")
    child.expect("> ")
    child.sendline("5 ou 750")  # two numbers: asked again
    child.expect("Answer with one number")
    child.sendline("200 millions d'euros")
    child.expect(r"the unit is dollars, not euros")
    child.send("u")  # undo: the answer leaves no trace, the question is asked again
    child.expect("Answer undone")
    child.expect(r"Question 2/4")
    child.expect("> ")
    assert ratings(db) == [("earth-flat-tf", 4, 1)]
    child.sendline("1")
    child.expect(r"✗ Wrong\.")
    child.send("\r")
    for number, total in ((3, 5), (4, 6)):
        child.expect(rf"Question {number}/{total}")
        child.expect("> ")
        child.sendline("/s")
        child.expect("Skipped")
        child.send("\r")
    child.expect(r"Question 5/7 · medium · again")  # the missed question, before the session ends
    child.expect("How much did the company invest")
    child.sendline("/q")
    child.expect("Summary")
    child.expect(pexpect.EOF)
    assert [question for question, _, _ in ratings(db)] == ["earth-flat-tf", "investment-numeric", "countries-multi", "planets-order"]


@pytest.mark.parametrize("columns", [40, 80])
def test_no_word_is_broken_without_colour(tmp_path: Path, columns: int) -> None:
    """NO_COLOR: lines wrapped at spaces to the terminal's width, so the terminal never cuts a word."""
    db = tmp_path / "progress.sqlite3"
    child = spawn(db, False, columns, "--lang", "fr")
    child.logfile_read = io.StringIO()
    child.expect("> ")
    child.sendline("v")
    child.expect(r"Entrée\ssuite")
    child.send("\r")
    child.expect("> ")
    child.sendline("/q")
    child.expect(pexpect.EOF)
    lines = [text for text in child.logfile_read.getvalue().replace("\xa0", " ").split("\r\n") if text]
    assert max(len(text) for text in lines) <= columns
    # Every word shown is whole on one line: the words of the screen are the words of what was written.
    words = {word for text in lines for word in text.split()}
    expected = "La Terre est plate. Explication : La Terre est ronde. Source : « The Earth is round. » — A short text about tests"
    assert set(expected.split()) <= words
    assert {"1", "À", "revoir", "Difficile", "Correct", "Facile", "j’avais", "raison", "annuler"} <= words
    assert not any(text.startswith((":", "»", "!", ";")) for text in lines)
    assert "Question 1/4 · facile" in lines
    assert ("1 À revoir 1 min" in "\n".join(lines)) is True

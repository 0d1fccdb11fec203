"""The quiz as a person meets it: a real pseudo-terminal, typed answers, Ctrl-C, Ctrl-D and a killed process."""

from __future__ import annotations

import os
import signal
import sqlite3
import sys
from pathlib import Path
from typing import Any

import pexpect

from .conftest import BANKS, ROOT

TIMEOUT = 30


def spawn(db: Path, colours: bool) -> Any:
    """`python -m quizgen quiz` on the every-type bank: a true-false, a numeric, a multi and an order question."""
    env = {key: value for key, value in os.environ.items() if key != "NO_COLOR"}
    env["TERM"] = "xterm-256color"
    if not colours:
        env["NO_COLOR"] = "1"
    args = ["-m", "quizgen", "quiz", str(BANKS / "every-type.yaml"), "--seed", "1", "--count", "4", "--db", str(db)]
    return pexpect.spawn(sys.executable, args, cwd=str(ROOT), env=env, encoding="utf-8", timeout=TIMEOUT, dimensions=(40, 100))


def reviews(db: Path) -> list[tuple[str, int]]:
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return connection.execute("SELECT question, correct FROM reviews ORDER BY id").fetchall()


def answer_two(child: Any) -> None:
    child.expect(r"Question 1/4")
    child.expect("> ")
    child.sendline("f")
    child.expect(r"✓ Right!")
    child.expect(r"Question 2/4")
    child.expect("> ")
    child.sendline("2e9")
    child.expect(r"✗ Wrong\.")
    child.expect(r"Question 3/4")
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

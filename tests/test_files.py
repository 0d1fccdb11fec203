"""quizgen reads only regular files of a sane size, and a bank only names files in its own folder."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizgen.cli import cli
from quizgen.errors import QuizgenError
from quizgen.files import read_bytes

BANK = """title: T
source: {{title: S, file: {file}}}
questions:
  - id: q1
    type: short
    prompt: Which?
    answer: This one
    explanation: Because.
    source: "CI_SECRET"
"""


def run(*arguments: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(arguments))
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("declared", "shown"),
    [
        ("/proc/self/environ", "/proc/self/environ"),
        ("../outside.txt", "../outside.txt"),
        ("link.txt", "link.txt"),
        ("sub/../../outside.txt", "sub/../../outside.txt"),
    ],
)
def test_source_file_stays_in_the_banks_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, declared: str, shown: str) -> None:
    monkeypatch.setenv("CI_SECRET_TOKEN", "hunter2")
    (tmp_path / "outside.txt").write_text("CI_SECRET_TOKEN=hunter2\n")
    folder = tmp_path / "bank"
    (folder / "sub").mkdir(parents=True)
    (folder / "link.txt").symlink_to(tmp_path / "outside.txt")
    bank = folder / "bank.yaml"
    bank.write_text(BANK.format(file=declared))
    code, output = run("check", str(bank))
    assert (code, output) == (
        1,
        f"Error: {bank}: source.file '{shown}' is outside the bank's folder; put the file in the bank's folder\n",
    )
    assert "hunter2" not in output


def test_a_source_file_beside_the_bank_is_read(tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_text("It was CI_SECRET all along.\n")
    bank = tmp_path / "bank.yaml"
    bank.write_text(BANK.format(file="article.txt"))
    code, output = run("check", str(bank))
    assert code == 0, output


@pytest.mark.parametrize("command", [["check"], ["check", "--source"]])
def test_devices_are_refused_before_reading(tmp_path: Path, command: list[str]) -> None:
    bank = tmp_path / "bank.yaml"
    bank.write_text(BANK.format(file="article.txt"))
    arguments = [*command, "/dev/zero"] if len(command) == 1 else ["check", str(bank), "--source", "/dev/zero"]
    code, output = run(*arguments)
    assert (code, output) == (1, "Error: /dev/zero is not a regular file (a device, a pipe or a socket); give a file\n")


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "bank.yaml"
    os.mkfifo(fifo)
    outcome: list[tuple[int, str]] = []
    worker = threading.Thread(target=lambda: outcome.append(run("check", str(fifo))), daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert outcome == [(1, f"Error: {fifo} is not a regular file (a device, a pipe or a socket); give a file\n")]


def test_a_file_past_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * (3 * 1024 * 1024))
    assert read_bytes(path, limit=4 * 1024 * 1024) == b"x" * (3 * 1024 * 1024)
    with pytest.raises(QuizgenError, match=r"big.txt is larger than 2 MiB, more than quizgen reads; give a smaller file$"):
        read_bytes(path, limit=2 * 1024 * 1024)


def test_proc_files_that_claim_to_be_empty_are_bounded() -> None:
    with pytest.raises(QuizgenError, match="status is larger than 16 bytes, more than quizgen reads"):
        read_bytes(Path("/proc/self/status"), limit=16)

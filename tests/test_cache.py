"""The bank cache: it speeds loading up and can never run code or leak answer keys."""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
from pathlib import Path

import pytest

from quizgen.bank import load_bank
from quizgen.cache import cache_folder, code_fingerprint

BANK = b"""title: T
questions:
  - id: q1
    type: short
    prompt: Which?
    answer: This one
    explanation: Because.
    source: none given
"""


class Planted:
    """What an attacker would plant: unpickling it runs a shell command."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.marker}",))


def entry_for(folder: Path, path: Path, data: bytes) -> Path:
    """The entry the cache would read for `path` holding `data`: anyone can compute it."""
    key = hashlib.sha256(code_fingerprint() + str(path).encode() + b"\0" + data).hexdigest()
    return folder / f"{key}.pickle"


@pytest.fixture
def bank(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("QUIZGEN_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "bank.yaml"
    path.write_bytes(BANK)
    return path


def test_a_planted_entry_runs_no_code_and_is_replaced(bank: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    marker = tmp_path / "pwned"
    entry = entry_for(folder, bank, BANK)
    entry.write_bytes(pickle.dumps(Planted(marker)))
    assert load_bank(bank).bank.questions[0].id == "q1"
    assert not marker.exists()
    assert pickle.loads(entry.read_bytes()).bank.questions[0].id == "q1"


@pytest.mark.parametrize("planted", [{"bank": "not a bank"}, 42, b"not a pickle", pickle.dumps(print)[:-1]], ids=repr)
def test_an_entry_of_the_wrong_kind_is_ignored_and_rewritten(bank: Path, tmp_path: Path, planted: object) -> None:
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    entry = entry_for(folder, bank, BANK)
    entry.write_bytes(planted if isinstance(planted, bytes) else pickle.dumps(planted))
    assert load_bank(bank).bank.questions[0].id == "q1"
    assert pickle.loads(entry.read_bytes()).bank.questions[0].id == "q1"


def test_the_folder_and_entries_are_private(bank: Path, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        load_bank(bank)
    finally:
        os.umask(old)
    folder = cache_folder()
    assert folder == tmp_path / "cache"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    (entry,) = folder.glob("*.pickle")
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600


def test_a_folder_others_can_write_to_is_not_used(bank: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    folder.chmod(0o777)
    marker = tmp_path / "pwned"
    entry_for(folder, bank, BANK).write_bytes(pickle.dumps(Planted(marker)))
    assert load_bank(bank).bank.questions[0].id == "q1"
    assert capsys.readouterr().err == (
        f"Warning: cache folder {folder} not used: others can write to it (set QUIZGEN_CACHE_DIR to a private folder)\n"
    )
    assert not marker.exists()
    assert len(list(folder.glob("*.pickle"))) == 1


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a folder to another user")
def test_a_folder_of_another_user_is_not_used(bank: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    os.chown(folder, 65534, 65534)
    load_bank(bank)
    assert "belongs to another user" in capsys.readouterr().err
    assert list(folder.glob("*.pickle")) == []

"""Fixtures shared by the test modules: the test banks, and a private cache and data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizgen.bank import load_bank
from quizgen.model import Bank

ROOT = Path(__file__).resolve().parent.parent
BANKS = Path(__file__).resolve().parent / "banks"
BUNDLED_BANK = ROOT / "questions.yaml"
ARTICLE = ROOT.parent / "shared" / "sources" / "viva-technology-2016.txt"


@pytest.fixture(autouse=True)
def private_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep tests away from the user's own cache and quiz progress, and from colours."""
    monkeypatch.setenv("QUIZGEN_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
    monkeypatch.setenv("QUIZGEN_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


@pytest.fixture
def every_type_bank() -> Bank:
    """Eight questions, one of each type, in English and French."""
    return load_bank(BANKS / "every-type.yaml").bank


@pytest.fixture
def hostile_bank() -> Bank:
    """Text full of HTML, script and markup syntax that every output must show literally."""
    return load_bank(BANKS / "hostile.yaml").bank


@pytest.fixture
def bundled_bank() -> Bank:
    """The Viva Technology 2016 bank, in French and English."""
    return load_bank(BUNDLED_BANK).bank


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run test_parallel.py first: reading in parts forks, which quizgen only does in a
    process with one thread, and typst leaves threads behind once a handout PDF is made."""
    items.sort(key=lambda item: item.path.name != "test_parallel.py")

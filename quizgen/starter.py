"""`quizgen init`, and what a command says when it falls back on the bundled demo bank."""

from __future__ import annotations

import secrets
from importlib.resources import files
from pathlib import Path

from .errors import QuizgenError
from .files import write_atomic

STARTER_NAME = "questions.yaml"
# genanki's advice for deck ids: a random number between 2**30 and 2**31.
DECK_IDS = (1 << 30, 1 << 31)


def starter_bank(deck_id: int) -> str:
    """The starter bank's text: every type once, in English, with comments saying what each key is."""
    template = (files("quizgen") / "templates" / "starter.yaml").read_text(encoding="utf-8")
    return template.replace("{deck_id}", str(deck_id))


def random_deck_id() -> int:
    """A new deck id, in genanki's recommended range: written once into the bank, then never changed."""
    low, high = DECK_IDS
    return low + secrets.randbelow(high - low)


def write_starter(folder: Path) -> Path:
    """Write the starter bank as FOLDER/questions.yaml; an existing file is never replaced."""
    path = folder / STARTER_NAME
    if path.exists():
        raise QuizgenError(f"{path} already exists; quizgen init never replaces a file (give another folder)")
    write_atomic(path, starter_bank(random_deck_id()))
    return path


NAMES_SHOWN = 5
"""The demo notice names at most this many .yaml files of the folder: a folder of many banks gets one line, not a page."""


def demo_notice(folder: Path) -> str:
    """What a command says when it uses the bundled demo bank because `folder` has no questions.yaml."""
    others = sorted(path.name for path in folder.glob("*.y*ml") if path.suffix in (".yaml", ".yml"))
    notice = "Using the bundled demo bank (Viva Technology 2016): no questions.yaml here. Start your own with `quizgen init`"
    if others:
        shown = ", ".join(others[:NAMES_SHOWN])
        more = f" and {len(others) - NAMES_SHOWN} more" if len(others) > NAMES_SHOWN else ""
        notice += f", or name your bank: {shown}{more}"
    return notice + "."

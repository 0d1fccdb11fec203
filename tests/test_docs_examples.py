"""Every example in the README and in docs/ runs, and prints what the page shows.

A ```console block is a transcript: each `$ ` line is a command, run by a shell in a copy of
the repository (so `questions.yaml`, `tests/banks/` and `docs/examples/` are there), and the lines
after it, up to the next `$ `, are what it prints (stdout and stderr, as a terminal shows them).
A line `…` stands for any number of lines. Blocks that only illustrate (an interactive session,
a file's content) are written as ```text and are not run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import ROOT

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"^```console\n(.*?)^```", re.MULTILINE | re.DOTALL)
COPIED = ("questions.yaml", "decks", "tests/banks", "docs/examples")


@dataclass(frozen=True)
class Example:
    """One command of a page, with what it prints."""

    page: str
    line: int
    command: str
    expected: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.page}:{self.line}"


def examples() -> list[Example]:
    found: list[Example] = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for block in BLOCK.finditer(text):
            first_line = text.count("\n", 0, block.start(1)) + 1
            current: list[str] = []
            command: tuple[str, int] | None = None
            for offset, line in enumerate(block.group(1).splitlines()):
                if line.startswith("$ "):
                    if command is not None:
                        found.append(Example(page.name, command[1], command[0], tuple(current)))
                    command, current = (line[2:], first_line + offset), []
                else:
                    current.append(line)
            if command is not None:
                found.append(Example(page.name, command[1], command[0], tuple(current)))
    return found


def matches(expected: tuple[str, ...], actual: list[str]) -> bool:
    """Whether `actual` is `expected`, where a line `…` in `expected` stands for any lines."""
    if not expected:
        return not actual
    if expected[0] == "…":
        return any(matches(expected[1:], actual[start:]) for start in range(len(actual) + 1))
    return bool(actual) and actual[0] == expected[0] and matches(expected[1:], actual[1:])


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding what the examples name, as a fresh clone has it."""
    folder = tmp_path_factory.mktemp("docs")
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, folder / name)
        elif source.exists():
            shutil.copy2(source, folder / name)
    return folder


@pytest.mark.parametrize("example", examples(), ids=str)
def test_the_example_prints_what_the_page_shows(example: Example, sandbox: Path) -> None:
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONPATH": str(ROOT),
        "NO_COLOR": "1",
        "COLUMNS": "100",
        "SOURCE_DATE_EPOCH": "1700000000",
        "PYTHONUNBUFFERED": "1",  # stdout and stderr interleaved as a terminal shows them
    }
    result = subprocess.run(
        ["bash", "-c", example.command],
        cwd=sandbox,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=120,
        check=False,
    )
    actual = result.stdout.rstrip("\n").splitlines() if result.stdout.strip() else []
    expected = tuple(line.rstrip() for line in example.expected)
    while expected and not expected[-1]:
        expected = expected[:-1]
    assert matches(expected, [line.rstrip() for line in actual]), "\n".join(actual)

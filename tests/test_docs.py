"""The docs cover every command and option, the command reference is current, and every help shows an example."""

from __future__ import annotations

import re
import sys

import click
import pytest
from click.testing import CliRunner

from quizgen.cli import cli

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
TOPICS = "\n".join(page.read_text(encoding="utf-8") for page in sorted((ROOT / "docs").glob("*.md")) if page.name != "commands.md")
COMMANDS = sorted(cli.commands)
README_LINES = 250


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_in_the_readme_and_a_topic_page(name: str) -> None:
    assert f"quizgen {name}" in README
    assert f"quizgen {name}" in TOPICS


def test_the_readme_fits_a_few_screens_and_links_every_page() -> None:
    assert len(README.splitlines()) <= README_LINES
    pages = sorted(page.name for page in (ROOT / "docs").glob("*.md") if page.name != "bundled-bank-facts.md")
    assert [page for page in pages if f"docs/{page}" not in README] == []


def test_the_command_reference_is_what_its_script_writes() -> None:
    sys.path.insert(0, str(ROOT / "docs"))
    try:
        import make_commands
    finally:
        sys.path.remove(str(ROOT / "docs"))
    assert (ROOT / "docs" / "commands.md").read_text(encoding="utf-8") == make_commands.reference(), (
        "docs/commands.md is stale: run python docs/make_commands.py"
    )


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_with_an_example(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output
    assert f"quizgen {name}" in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_every_option_is_in_a_topic_page(name: str) -> None:
    command = cli.commands[name]
    options = [
        option
        for parameter in command.params
        if isinstance(parameter, click.Option)
        for option in parameter.opts
        if option.startswith("--")
    ]
    missing = [option for option in options if option != "--help" and not re.search(re.escape(option) + r"\b", TOPICS)]
    assert missing == []


def test_the_quick_start_has_exactly_two_commands() -> None:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = section.split("```console\n", 1)[1].split("```", 1)[0]
    assert block.strip().splitlines() == ["pip install . && quizgen build", "pip install -e '.[test]' && python -m pytest"]


def test_ci_runs_the_readmes_test_command() -> None:
    assert "pip install -e '.[test]' && python -m pytest" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")

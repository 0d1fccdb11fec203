"""The README documents every command, and every command's help shows an example."""

from __future__ import annotations

import re

import click
import pytest
from click.testing import CliRunner

from quizgen.cli import cli

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(cli.commands)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_in_the_readme(name: str) -> None:
    assert f"quizgen {name}" in README


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_with_an_example(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output
    assert f"quizgen {name}" in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_every_option_is_in_the_readme(name: str) -> None:
    command = cli.commands[name]
    options = [
        option
        for parameter in command.params
        if isinstance(parameter, click.Option)
        for option in parameter.opts
        if option.startswith("--")
    ]
    missing = [option for option in options if option != "--help" and not re.search(re.escape(option) + r"\b", README)]
    assert missing == []


def test_the_quick_start_has_exactly_two_commands() -> None:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = section.split("```console\n", 1)[1].split("```", 1)[0]
    assert block.strip().splitlines() == ["pip install . && quizgen build", "pip install -e '.[test]' && python -m pytest"]


def test_ci_runs_the_readmes_test_command() -> None:
    assert "pip install -e '.[test]' && python -m pytest" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")

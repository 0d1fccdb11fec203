"""The command line reads alike everywhere: summaries that fit, one short option per shared option, choices in any case,
and messages in good grammar."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from quizgen.cli import cli
from quizgen.errors import a, count
from quizgen.quiz.words import say_count

from .conftest import BANKS

EVERY_TYPE = str(BANKS / "every-type.yaml")
COMMANDS = sorted(cli.commands.items())


def test_every_summary_fits_80_columns_uncut() -> None:
    result = CliRunner().invoke(cli, ["--help"], terminal_width=80)
    listed = result.output.split("Commands:\n", 1)[1].splitlines()
    assert [line.split()[0] for line in listed] == [name for name, _ in COMMANDS]
    assert [line for line in listed if line.endswith("...") or len(line) > 80] == []


def test_a_shared_option_has_the_same_short_option_on_every_command() -> None:
    spellings: dict[str, set[tuple[str, ...]]] = {}
    for _, command in COMMANDS:
        for param in command.params:
            if isinstance(param, click.Option):
                for name in param.opts:
                    if name.startswith("--"):
                        spellings.setdefault(name, set()).add(tuple(sorted(param.opts)))
    assert {name: found for name, found in spellings.items() if len(found) > 1} == {}
    assert ("--count", "-n") in spellings["--count"] and ("--output", "-o") in spellings["--output"]


CHOICES = [
    (name, param.name, choice)
    for name, command in COMMANDS
    for param in command.params
    if isinstance(param.type, click.Choice)
    for choice in param.type.choices
]


@pytest.mark.parametrize(("command", "param", "choice"), CHOICES)
def test_every_choice_is_taken_in_any_case(command: str, param: str, choice: str) -> None:
    target = cli.commands[command]
    option = next(found for found in target.params if found.name == param)
    context = click.Context(target, parent=click.Context(cli, **cli.context_settings))
    assert option.type.convert(choice.upper(), option, context) == choice


def test_format_gift_in_capitals_writes_the_gift_file() -> None:
    lower = CliRunner().invoke(cli, ["export", EVERY_TYPE, "--format", "gift", "-o", "-"])
    upper = CliRunner().invoke(cli, ["export", EVERY_TYPE, "--format", "GIFT", "-o", "-"])
    assert (upper.exit_code, upper.stdout) == (0, lower.stdout)
    assert upper.stdout.startswith("// ")


def test_handout_takes_n_as_quiz_does(tmp_path: Path) -> None:
    output = tmp_path / "sheet.md"
    result = CliRunner().invoke(cli, ["handout", EVERY_TYPE, "-n", "3", "--no-key", "-o", str(output)])
    assert (result.exit_code, result.stdout) == (0, f"Wrote {output}: 1 version (A) of 3 questions; seed 0\n")


@pytest.mark.parametrize(
    ("word", "expected"),
    [("mcq", "an mcq"), ("truefalse", "a truefalse"), ("order", "an order"), ("octal", "an octal"), ("match", "a match")],
)
def test_the_article_is_said_as_the_word_is(word: str, expected: str) -> None:
    assert a(word) == expected


@pytest.mark.parametrize(
    ("key", "lang", "n", "expected"),
    [
        ("more-tags", "en", 1, "  and 1 more tag"),
        ("more-tags", "en", 3, "  and 3 more tags"),
        ("more-tags", "fr", 1, "  et 1 autre thème"),
        ("how-many", "en", 1, "1 answer is right"),
        ("how-many", "fr", 2, "2 réponses sont justes"),
        ("digits", "en", 1, "a number with 1 digit"),
        ("digits", "en", 4, "a number with 4 digits"),
    ],
)
def test_quiz_words_agree_with_their_number(key: str, lang: str, n: int, expected: str) -> None:
    assert say_count(key, lang, n) == expected


def test_counts_agree_with_their_number() -> None:
    assert [count(n, "question") for n in (0, 1, 2)] == ["0 questions", "1 question", "2 questions"]

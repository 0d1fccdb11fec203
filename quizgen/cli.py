"""The `quizgen` command: each subcommand parses its options, makes one library call and reports.

Library modules are imported inside the commands that use them, so that
`quizgen --help` and the quiz start fast (genanki, typst and rich are heavy).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import click

from . import __version__
from .errors import BankError, QuizgenError

BANK_ARGUMENT = click.argument("bank", required=False, type=click.Path(dir_okay=False))


class ReportedError(click.ClickException):
    """A QuizgenError shown as it is: bank problems are already one located line each."""

    def __init__(self, error: QuizgenError) -> None:
        super().__init__(str(error))
        self.located = isinstance(error, BankError)

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(self.message if self.located else f"Error: {self.message}", err=True)


@contextmanager
def reported() -> Iterator[None]:
    try:
        yield
    except QuizgenError as error:
        raise ReportedError(error) from error


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="quizgen")
def cli() -> None:
    """Turn one YAML question bank into Anki decks, a terminal quiz and classroom handouts.

    Start with `quizgen build` (checks the bank and writes the Anki decks) or
    `quizgen quiz` (practise in the terminal). Every command takes the bank as
    its first argument, and uses ./questions.yaml or the bundled bank without it.
    """


@cli.command()
@BANK_ARGUMENT
@click.option("--source", type=click.Path(dir_okay=False, exists=True), help="Text the excerpts come from [default: source.file].")
@click.option("--strict", is_flag=True, help="Fail on warnings too (a missing excerpt or explanation, a draft).")
def check(bank: str | None, source: str | None, strict: bool) -> None:
    """Validate a bank and check that every excerpt is in its source text.

    Every problem is reported on one line, FILE:LINE: question 'ID': message,
    then a count; the exit code is 1 when there are errors.

    \b
    Example:
        quizgen check questions.yaml --source article.txt --strict
    """
    from .bank import bank_path
    from .check import check_bank

    with reported():
        report = check_bank(bank_path(bank), Path(source) if source else None, strict)
    for warning in report.warnings:
        click.echo(str(warning), err=True)
    click.echo(report.summary())


# build command goes here
# anki command goes here
# quiz command goes here
# stats command goes here
# handout command goes here
# export command goes here
# draft command goes here

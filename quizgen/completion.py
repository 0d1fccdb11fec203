"""Shell completion of --tag, --type and --lang from the bank on the command line (or ./questions.yaml, or the bundled one).

Click runs these while the user presses Tab, with the command line parsed as far
as it goes. A completion must be quick and must never print or fail: a bank
that cannot be read completes nothing, and the shell falls back on nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Literal

import click
from click.shell_completion import CompletionItem, split_arg_string

Kind = Literal["tag", "type", "lang"]


def bank_words(bank: str | None, kind: Kind) -> list[str]:
    """The bank's tags, question types or languages, sorted; the types in the order the format lists them."""
    from .bank import bank_path, load_bank
    from .model import TYPES

    loaded = load_bank(bank_path(bank)).bank
    if kind == "lang":
        return list(loaded.languages)
    if kind == "type":
        present = {question.type for question in loaded.questions}
        return [name for name in TYPES if name in present]
    return sorted({tag for question in loaded.questions for tag in question.tags})


def named_bank(context: click.Context) -> str | None:
    """The BANK on the command line being completed.

    Click parses a line that ends with an option still waiting for its value
    (`quizgen quiz planets.yaml --tag <Tab>`) as a failed parse, every
    parameter left at its default; so the line is parsed again from the words
    the shell passed (COMP_WORDS, for bash, zsh and fish alike) without that option.
    """
    bank = context.params.get("bank")
    if isinstance(bank, str):
        return bank
    words = split_arg_string(os.environ.get("COMP_WORDS", ""))
    typed = words[: int(os.environ.get("COMP_CWORD", len(words)))]
    if context.info_name not in typed:
        return None
    after = typed[typed.index(context.info_name) + 1 :]
    if after and after[-1].startswith("-"):
        after = after[:-1]
    with context.command.make_context(context.info_name, after, resilient_parsing=True) as parsed:
        found = parsed.params.get("bank")
    return found if isinstance(found, str) else None


def from_bank(kind: Kind) -> Callable[[click.Context, click.Parameter, str], list[CompletionItem]]:
    """A click `shell_complete` callback offering the bank's words of `kind` that start with what is typed."""

    def complete(context: click.Context, parameter: click.Parameter, incomplete: str) -> list[CompletionItem]:
        try:
            words = bank_words(named_bank(context), kind)
        # Completion runs inside the user's shell on a half-typed command: whatever goes wrong
        # reading the bank (a missing file, a broken bank, a bug), offering nothing is the answer.
        except Exception:  # noqa: BLE001
            return []
        return [CompletionItem(word) for word in words if word.lower().startswith(incomplete.lower())]

    return complete

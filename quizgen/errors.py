"""Errors that are safe to show to the user, as they are, without a traceback."""

from __future__ import annotations

from dataclasses import dataclass


class QuizgenError(Exception):
    """A problem the user can fix; its message is shown as it is."""


@dataclass(frozen=True)
class Problem:
    """One located problem in a bank: an error, or a warning that only fails with --strict."""

    path: str
    line: int
    message: str
    question_id: str | None = None
    warning: bool = False

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}: "
        if self.question_id is not None:
            where += f"question '{self.question_id}': "
        return where + ("warning: " if self.warning else "") + self.message


def a(word: str) -> str:
    """'a truefalse', 'an mcq', 'an octal': the article as the word is said (mcq is said em-see-cue)."""
    return f"{'an' if word[:1].lower() in 'aeio' or word.lower() == 'mcq' else 'a'} {word}"


def count(n: int, word: str) -> str:
    """'1 error', '2 errors'."""
    return f"{n} {word}{'' if n == 1 else 's'}"


class BankError(QuizgenError):
    """A bank that cannot be used, with every problem found in it."""

    def __init__(self, path: str, problems: list[Problem], strict: bool = False) -> None:
        self.path = path
        self.problems = problems
        errors = sum(not problem.warning for problem in problems)
        warnings = len(problems) - errors
        summary = count(errors, "error")
        if warnings:
            summary += f" and {count(warnings, 'warning')}"
        summary += f" in {path}"
        if strict and warnings:
            summary += " (--strict: warnings count as errors)"
        lines = [str(problem) for problem in problems] + [summary]
        super().__init__("\n".join(lines))


class DraftError(QuizgenError):
    """An article that gives nothing to draft, or an output that must not be overwritten."""

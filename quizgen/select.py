"""Which questions a command works on: the --tag, --type and --difficulty filters, checked against the bank.

One set of rules and messages for every command that filters (the quiz, handouts): a filter that
cannot match says what the bank has instead, with a suggestion for a misspelt tag or type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .bank import did_you_mean
from .errors import QuizgenError
from .model import TYPES, Bank, Question


@dataclass(frozen=True)
class Filters:
    """Questions with any of `tags`, of any of `types`, within `difficulty` (low, high); empty or None means all."""

    tags: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    difficulty: tuple[int, int] | None = None

    def describe(self) -> str:
        """The filters as the user typed them: '--tag cisco --type mcq --difficulty 2-3'."""
        parts = [f"--tag {tag}" for tag in self.tags] + [f"--type {kind}" for kind in self.types]
        if self.difficulty is not None:
            low, high = self.difficulty
            parts.append(f"--difficulty {low}" if low == high else f"--difficulty {low}-{high}")
        return " ".join(parts)

    def admit(self, question: Question) -> bool:
        """Whether `question` passes every filter."""
        low, high = self.difficulty or (1, 3)
        return (
            (not self.tags or not set(self.tags).isdisjoint(question.tags))
            and (not self.types or question.type in self.types)
            and low <= question.difficulty <= high
        )


def parse_difficulty(text: str | None) -> tuple[int, int] | None:
    """'2' -> (2, 2); '2-3' -> (2, 3); None -> None (every difficulty)."""
    if text is None:
        return None
    found = re.fullmatch(r"\s*([123])\s*(?:-\s*([123])\s*)?", text)
    if found is None or int(found[2] or found[1]) < int(found[1]):
        raise QuizgenError(f"--difficulty '{text}': give 1 (easy), 2 (medium) or 3 (hard), or a range such as 2-3")
    return int(found[1]), int(found[2] or found[1])


def matching(bank: Bank, filters: Filters) -> list[Question]:
    """The bank's questions that pass `filters`, in bank order.

    Every unknown tag and type is reported at once, one per line; filters that are each valid but
    select nothing together say what the bank holds.
    """
    tags = sorted({tag for question in bank.questions for tag in question.tags})
    problems = [
        f"--type {kind}: not a question type{did_you_mean(kind.casefold(), TYPES)}; the types are {', '.join(TYPES)}"
        for kind in filters.types
        if kind not in TYPES
    ]
    problems += [
        f"--tag {tag}: no question in {bank.path} has this tag{did_you_mean(tag, tuple(tags))}; {tags_clause(tags)}"
        for tag in filters.tags
        if tag not in tags
    ]
    if problems:
        raise QuizgenError("\n".join(problems))
    found = [question for question in bank.questions if filters.admit(question)]
    if not found:
        raise QuizgenError(f"no question in {bank.path} matches {filters.describe()} ({holdings(bank, tags)})")
    return found


def tags_clause(tags: list[str]) -> str:
    return f"its tags are {', '.join(tags)}" if tags else "its questions have no tags"


def holdings(bank: Bank, tags: list[str]) -> str:
    """'the bank has types mcq, short; tags cisco, france; difficulties 1, 2', for a filter that selects nothing."""
    types = [kind for kind in TYPES if any(question.type == kind for question in bank.questions)]
    difficulties = sorted({question.difficulty for question in bank.questions})
    tagged = f"tags {', '.join(tags)}" if tags else "no tags"
    return f"the bank has types {', '.join(types)}; {tagged}; difficulties {', '.join(map(str, difficulties))}"

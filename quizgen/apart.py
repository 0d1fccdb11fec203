"""Questions that must not be drawn together: one `group`, or one giving another's answer away.

Every output that draws a set of questions (a quiz session, a handout version, a web quiz round)
calls `draw_apart` on its candidates, in the order it would ask them, so that the same rule holds
everywhere: of each cluster, only the first candidate is kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .answers import normalize
from .model import Bank, Cloze, Match, Question, ShortAnswer, cloze_deletions

# An answer shorter than this (once normalised) is too common to count as given away: "oui", "2016".
SHORTEST_LEAK = 6


@dataclass(frozen=True)
class Leak:
    """`shown` prints, in `where`, the answer `answer` that `asked` asks for."""

    asked: str
    shown: str
    answer: str
    where: str


def answers_of(question: Question) -> list[str]:
    """The texts a learner must produce for `question`, in every language: what another question must not show."""
    texts: list[str] = []
    if isinstance(question, ShortAnswer):
        texts += [*question.answer.values()]
        texts += [text for accepted in question.accept for text in accepted.values()]
    elif isinstance(question, Cloze):
        texts += [deletion.answer for text in question.text.values() for deletion in cloze_deletions(text)]
    return texts


def shown_texts(question: Question) -> list[tuple[str, str]]:
    """What `question` shows before it is answered, as (where, text) pairs, in every language."""
    shown: list[tuple[str, str]] = []
    if question.prompt is not None:
        shown += [("prompt", text) for text in question.prompt.values()]
    for name in ("choices", "items", "distractors"):
        for entry in getattr(question, name, ()):
            shown += [(name, text) for text in entry.values()]
    if isinstance(question, Match):
        shown += [("pairs", text) for left, _ in question.pairs for text in left.values()]
    if isinstance(question, Cloze):
        # The words around the blanks are shown too; the blanks themselves are not.
        shown += [("text", text) for text in question.text.values()]
    return shown


def leaks(bank: Bank) -> list[Leak]:
    """Every pair of questions where one shows what the other asks for, in bank order."""
    wanted = [(question, {normalize(answer) for answer in answers_of(question)}) for question in bank.questions]
    found: list[Leak] = []
    for shown_in in bank.questions:
        shown = [(where, f" {normalize(text)} ") for where, text in shown_texts(shown_in)]
        for asked, answers in wanted:
            if asked is shown_in:
                continue
            long_enough = [answer for answer in sorted(answers) if len(answer) >= SHORTEST_LEAK]
            hit = next(((answer, where) for answer in long_enough for where, text in shown if f" {answer} " in text), None)
            if hit is not None:
                found.append(Leak(asked.id, shown_in.id, hit[0], hit[1]))
    return found


def clusters(bank: Bank) -> dict[str, str]:
    """Each question id mapped to the id that stands for its cluster (its group's and its leaks' union)."""
    parent = {question.id: question.id for question in bank.questions}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def join(first: str, second: str) -> None:
        parent[root(second)] = root(first)

    first_of_group: dict[str, str] = {}
    for question in bank.questions:
        if question.group is not None:
            join(first_of_group.setdefault(question.group, question.id), question.id)
    for leak in leaks(bank):
        join(leak.asked, leak.shown)
    return {key: root(key) for key in parent}


def draw_apart(candidates: Iterable[Question], bank: Bank) -> list[Question]:
    """`candidates` in their order, without any question whose cluster already has one drawn."""
    cluster = clusters(bank)
    seen: set[str] = set()
    kept: list[Question] = []
    for question in candidates:
        key = cluster.get(question.id, question.id)
        if key not in seen:
            seen.add(key)
            kept.append(question)
    return kept


def apart_count(questions: Sequence[Question], bank: Bank) -> int:
    """How many of `questions` can be drawn together: one per cluster."""
    return len(draw_apart(questions, bank))

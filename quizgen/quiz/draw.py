"""Which questions a session asks: drawn across the bank, one per group or leak, or the ones due first in a review."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Collection, Sequence

from ..apart import draw_apart
from ..model import Bank, Question
from ..present import shuffled
from ..select import Filters, matching

SPREAD_WINDOW = 8
"""How many questions of a type are weighed against each other for tag variety at each pick."""


def spread(pool: Sequence[Question], count: int, seed: int) -> list[Question]:
    """Up to `count` questions of `pool`, drawn across it.

    Each type gets its share of the session in proportion to its share of the
    pool, its questions spaced evenly through the session from a random start
    (systematic sampling); each slot then takes, among the next few questions
    of its type, the one whose tags were asked least so far.
    """
    by_type: dict[str, list[Question]] = {}
    for question in shuffled(pool, seed, "pool"):
        by_type.setdefault(question.type, []).append(question)
    slots = sorted(
        ((number + random.Random(f"{seed}\x1f{kind}").random()) / len(queue), kind)
        for kind, queue in by_type.items()
        for number in range(len(queue))
    )
    chosen: list[Question] = []
    asked: Counter[str] = Counter()
    for _, kind in slots[:count]:
        window = by_type[kind][:SPREAD_WINDOW]
        pick = min(range(len(window)), key=lambda index: sum(asked[tag] for tag in window[index].tags))
        question = by_type[kind].pop(pick)
        chosen.append(question)
        asked.update(question.tags)
    return chosen


def select_questions(bank: Bank, count: int, filters: Filters, seed: int) -> list[Question]:
    """A session's questions: `count` drawn across the questions that pass `filters`, the same for the same seed.

    Of each group, or of questions that give one another's answer away, one is drawn (at random by the seed).
    """
    return spread(draw_apart(shuffled(matching(bank, filters), seed, "apart"), bank), count, seed)


def review_questions(bank: Bank, due: Sequence[str], seen: Collection[str], count: int, filters: Filters, seed: int) -> list[Question]:
    """A review session: the questions due (in the order given, most overdue first), then new ones, `count` in all.

    A due question keeps out the new questions of its group or leak, as does any question drawn before.
    """
    pool = matching(bank, filters)
    by_id = {question.id: question for question in pool}
    due_questions = [by_id[question_id] for question_id in due if question_id in by_id]
    new = [question for question in shuffled(pool, seed, "apart") if question.id not in seen]
    kept = draw_apart([*due_questions, *new], bank)
    due_kept = [question for question in kept if question.id in seen][:count]
    new_kept = [question for question in kept if question.id not in seen]
    return due_kept + spread(new_kept, count - len(due_kept), seed)

"""Fairness: questions that give each other away, and orders that show their own answer."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..apart import Leak, leaks
from ..errors import Problem
from ..model import Bank, Order

YEAR = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})\b")


@dataclass(frozen=True)
class FairnessReport:
    """The leaks of a bank (those inside one group are meant, so not warned about) and the orders that tell their answer."""

    leaks: tuple[Leak, ...]
    grouped: int
    problems: tuple[Problem, ...]

    def summary(self) -> str:
        kept = f" ({self.grouped} within a group, kept apart)" if self.grouped else ""
        return f"give-aways: {len(self.leaks)} between questions{kept}"


def order_on_its_face(question: Order, lang: str) -> list[str]:
    """The years the items carry, when they are in increasing order: the items then tell their own order."""
    years = [found.group() for item in question.items if (found := YEAR.search(item[lang]))]
    if len(years) >= 2 and years == sorted(years) and len(set(years)) > 1:
        return years
    return []


def check_fairness(bank: Bank) -> FairnessReport:
    by_id = {question.id: question for question in bank.questions}
    problems: list[Problem] = []
    found = leaks(bank)
    grouped = 0
    for leak in found:
        asked, shown = by_id[leak.asked], by_id[leak.shown]
        if asked.group is not None and asked.group == shown.group:
            grouped += 1
            continue
        message = (
            f"gives away the answer of question '{leak.asked}': its {leak.where} shows {' '.join(leak.answer.split())!r}; "
            f"rewrite one of them, or put both in one group"
        )
        problems.append(Problem(bank.path, shown.line, message, shown.id, warning=True))
    for question in bank.questions:
        if isinstance(question, Order) and (years := order_on_its_face(question, bank.default_language)):
            message = f"the items carry their order on their face ({', '.join(years)}): take the dates out of the items"
            problems.append(Problem(bank.path, question.line, message, question.id, warning=True))
    return FairnessReport(tuple(found), grouped, tuple(problems))

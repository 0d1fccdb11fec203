"""What `quizgen stats` reports from the progress database: per bank, new, learning and learned questions,
what is due, the retention and a week's forecast; per tag on request. It only reads the database."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from fsrs import State

from . import progress
from .model import Bank
from .progress import ProgressStore, bank_key, connect, inspect, problem, table_names

FORECAST_DAYS = 7


@dataclass(frozen=True)
class Tally:
    """Counts for a bank or one of its tags; `tag` is None for the whole bank.

    Each question is new, learning (answered, still in FSRS's learning steps) or learned; `due` counts those due now.
    """

    tag: str | None
    new: int
    learning: int
    due: int
    learned: int
    answers: int
    right: int

    @property
    def questions(self) -> int:
        return self.new + self.learning + self.learned


@dataclass(frozen=True)
class BankReport:
    """A bank's progress: the whole bank first, then each tag, the largest first; its retention and forecast."""

    title: str
    tallies: tuple[Tally, ...]
    retention: tuple[int, int] = (0, 0)
    """Reviews of learned questions answered right, out of all of them (new and learning answers do not count)."""
    forecast: tuple[int, ...] = (0,) * FORECAST_DAYS
    """Questions due within each of the next FORECAST_DAYS days (24-hour windows from now, the first with those overdue)."""
    due_week: int = 0
    """Questions due within the next 7 days, those due now included."""


def bank_report(store: ProgressStore, key: str, title: str, questions: dict[str, tuple[str, ...]]) -> BankReport:
    """The bank's counts of new, learning, due and learned questions, and its answers, overall and per tag."""
    cards = store.cards(key)
    answers = {
        question: (right, total)
        for question, right, total in store.connection.execute(
            "SELECT question, sum(correct), count(*) FROM reviews WHERE bank = ? GROUP BY question", (key,)
        )
    }
    retention = (0, 0)
    # A database of schema 1, read by `stats` before a quiz brings it up to date, has no previous states.
    if store.connection.execute("PRAGMA user_version").fetchone()[0] >= 2:
        retention = store.connection.execute(
            "SELECT coalesce(sum(correct), 0), count(*) FROM reviews WHERE bank = ? AND previous_state = ? AND scheduled = 1",
            (key, int(State.Review)),
        ).fetchone()
    return tally(title, questions, cards, answers, store.clock(), (retention[0], retention[1]))


def tally(
    title: str,
    questions: Mapping[str, tuple[str, ...]],
    cards: Mapping[str, tuple[State, datetime]],
    answers: Mapping[str, tuple[int, int]],
    now: datetime,
    retention: tuple[int, int] = (0, 0),
) -> BankReport:
    """Count each question once for the bank and once for each of its tags; forecast when the bank's questions fall due."""
    counts: dict[str | None, Counter[str]] = {None: Counter()}
    for question, tags in questions.items():
        due = 0
        if question not in cards:
            standing = "new"
        else:
            state, when = cards[question]
            standing = "learned" if state == State.Review else "learning"
            due = int(when <= now)
        right, total = answers.get(question, (0, 0))
        for tag in (None, *tags):
            counter = counts.setdefault(tag, Counter())
            counter.update({standing: 1, "due": due, "answers": total, "right": right})
    whole = as_tally(None, counts.pop(None))
    by_tag = sorted((as_tally(tag, counter) for tag, counter in counts.items()), key=lambda each: (-each.questions, each.tag or ""))
    forecast = [0] * FORECAST_DAYS
    for question in questions:
        if question in cards:
            day = max(0, (cards[question][1] - now) // timedelta(days=1))
            if day < FORECAST_DAYS:
                forecast[day] += 1
    return BankReport(title, (whole, *by_tag), retention, tuple(forecast), sum(forecast))


def as_tally(tag: str | None, counter: Counter[str]) -> Tally:
    return Tally(tag, counter["new"], counter["learning"], counter["due"], counter["learned"], counter["answers"], counter["right"])


def read_reports(path: Path, banks: Sequence[Bank] = (), clock: Callable[[], datetime] | None = None) -> list[BankReport]:
    """Progress for `banks`, or for every bank in the database when none is given; the database is only read, never created."""
    now = (clock or progress.utc_now)()
    if not path.exists():
        return [tally(bank.title[bank.default_language], questions_of(bank), {}, {}, now) for bank in banks]
    inspect(path)
    connection = connect(path, read_only=True)
    try:
        if not table_names(connection):
            return [tally(bank.title[bank.default_language], questions_of(bank), {}, {}, now) for bank in banks]
        store = ProgressStore(connection, path, clock)
        if banks:
            return [bank_report(store, bank_key(bank), bank.title[bank.default_language], questions_of(bank)) for bank in banks]
        return [bank_report(store, key, title, store.questions(key)) for key, title in store.banks()]
    except sqlite3.Error as error:
        raise problem(error, path) from error
    finally:
        connection.close()


def questions_of(bank: Bank) -> dict[str, tuple[str, ...]]:
    return {question.id: question.tags for question in bank.questions}

"""Quiz progress: every answer given, and each question's FSRS schedule, in an SQLite database.

Rows are keyed by the bank's deck id and the question's id, so rewording a
question keeps its history. Each answer is committed in its own transaction as
it is given, so a crash or a kill loses at most the answer being typed; the
database is in WAL mode with a busy timeout, so two sessions can write to it at
once. The schema version is SQLite's own `user_version`.
"""

from __future__ import annotations

import hashlib
import os
import shlex
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from fsrs import Card, Rating, Scheduler, State

from .errors import QuizgenError
from .model import Bank, stable_id

SCHEMA_VERSION = 1
SCHEMA = (
    "CREATE TABLE banks (bank TEXT PRIMARY KEY, title TEXT NOT NULL, fingerprint TEXT NOT NULL)",
    "CREATE TABLE questions (bank TEXT NOT NULL, question TEXT NOT NULL, tags TEXT NOT NULL, PRIMARY KEY (bank, question))",
    """CREATE TABLE cards (
        bank TEXT NOT NULL, question TEXT NOT NULL,
        card TEXT NOT NULL, state INTEGER NOT NULL, due TEXT NOT NULL,
        PRIMARY KEY (bank, question))""",
    """CREATE TABLE reviews (
        id INTEGER PRIMARY KEY, bank TEXT NOT NULL, question TEXT NOT NULL,
        answered_at TEXT NOT NULL, rating INTEGER NOT NULL, correct INTEGER NOT NULL, duration_ms INTEGER NOT NULL)""",
    "CREATE INDEX reviews_by_question ON reviews (bank, question)",
)
"""`questions` keeps each bank's question ids and tags, so that `quizgen stats` can count new questions without the bank file."""
# SQLite's wait for a lock is not fair: a session committing in a tight loop can hold off another
# for seconds on a loaded machine. People answer every few seconds, so a long wait costs nothing.
BUSY_TIMEOUT_MS = 30_000
TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
"""UTC to the second, so that stored times sort as text."""
DAMAGED = ("SQLITE_NOTADB", "SQLITE_CORRUPT")
ROW_ERRORS = (ValueError, KeyError, TypeError)
"""What decoding a damaged or hand-edited row raises: a bad time, number or JSON (json.JSONDecodeError is a ValueError),
card JSON without a field (KeyError), a value of the wrong kind (TypeError)."""


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def stamp(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime(TIME_FORMAT)


def unstamp(text: str) -> datetime:
    return datetime.strptime(text, TIME_FORMAT).replace(tzinfo=timezone.utc)


def progress_path(db: str | None) -> Path:
    """--db, else progress.sqlite3 in $QUIZGEN_DATA_DIR, else in the user's data folder."""
    if db is not None:
        return Path(db)
    configured = os.environ.get("QUIZGEN_DATA_DIR")
    if configured:
        return Path(configured) / "progress.sqlite3"
    import platformdirs

    return Path(platformdirs.user_data_dir("quizgen", appauthor=False)) / "progress.sqlite3"


def bank_key(bank: Bank) -> str:
    """A bank's identity in the database: its deck id, which stays when its title or file name changes."""
    return str(bank.deck.id)


def problem(error: sqlite3.Error, path: Path) -> QuizgenError:
    """The user's version of an SQLite error: what happened to which file, and what to do."""
    name = getattr(error, "sqlite_errorname", None)
    damaged = name in DAMAGED if name is not None else type(error) is sqlite3.DatabaseError
    if damaged:
        return damage(path, str(error))
    if "locked" in str(error) or "busy" in str(error):
        return QuizgenError(f"progress database {path} is busy: another quizgen has held it for {BUSY_TIMEOUT_MS // 1000} s; try again")
    return QuizgenError(f"cannot use progress database {path}: {error}")


def damage(path: Path, what: str) -> QuizgenError:
    """A damaged database: what is wrong, and how to start afresh."""
    return QuizgenError(
        f"progress database {path} is damaged ({what}); move it away or delete it to start afresh: "
        f"rm -f {' '.join(shlex.quote(f'{path}{suffix}') for suffix in ('', '-wal', '-shm'))}"
    )


def checked(card: Card) -> Card:
    """Refuse what Card.from_json lets through but fsrs cannot schedule: a time without a zone, a learning card without a step."""
    if card.due.tzinfo is None or (card.last_review is not None and card.last_review.tzinfo is None):
        raise ValueError("a time without a zone")
    if card.state != State.Review and not isinstance(card.step, int):
        raise ValueError(f"a learning card at step {card.step!r}")
    return card


@dataclass(frozen=True)
class Schedule:
    """Where a bank's questions stand: the ones due now (most overdue first), the ones ever answered, the next due time."""

    due: tuple[str, ...]
    seen: frozenset[str]
    next_due: datetime | None


@dataclass(frozen=True)
class Tally:
    """Counts for a bank or one of its tags; `tag` is None for the whole bank."""

    tag: str | None
    new: int
    learning: int
    due: int
    learned: int
    answers: int
    right: int

    @property
    def questions(self) -> int:
        return self.new + self.learning + self.due + self.learned


@dataclass(frozen=True)
class BankReport:
    """A bank's progress: the whole bank first, then each tag, the largest first."""

    title: str
    tallies: tuple[Tally, ...]


class ProgressStore:
    """An open progress database; use it inside `open_progress`, which turns SQLite errors into clear messages."""

    def __init__(self, connection: sqlite3.Connection, path: Path, clock: Callable[[], datetime] | None = None) -> None:
        self.connection = connection
        self.path = path
        self.clock = clock or utc_now
        self.scheduler = Scheduler()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE takes the write lock first, so that a read-then-write is never interleaved with another session's."""
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            yield self.connection
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")

    def prepare(self) -> None:
        """Create the tables in a new database; refuse a database from a newer quizgen or from another program."""
        version = self.connection.execute("PRAGMA user_version").fetchone()[0]
        if version == SCHEMA_VERSION:
            return
        if version > SCHEMA_VERSION:
            raise QuizgenError(
                f"progress database {self.path} was written by a newer quizgen (schema {version}; this one knows {SCHEMA_VERSION}); "
                "upgrade quizgen"
            )
        with self.transaction() as connection:
            if connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
                return
            if connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                raise QuizgenError(
                    f"progress database {self.path} is not a quizgen progress database (it holds other tables); give another file with --db"
                )
            for statement in SCHEMA:
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def remember(self, bank: Bank) -> None:
        """Keep the bank's title, question ids and tags, rewritten only when they changed."""
        key = bank_key(bank)
        title = bank.title[bank.default_language]
        listing = "\n".join(f"{question.id} {' '.join(question.tags)}" for question in bank.questions)
        fingerprint = hashlib.sha256(f"{title}\n{listing}".encode()).hexdigest()
        known = self.connection.execute("SELECT fingerprint FROM banks WHERE bank = ?", (key,)).fetchone()
        if known is not None and known[0] == fingerprint:
            return
        with self.transaction() as connection:
            connection.execute("INSERT OR REPLACE INTO banks VALUES (?, ?, ?)", (key, title, fingerprint))
            connection.execute("DELETE FROM questions WHERE bank = ?", (key,))
            connection.executemany(
                "INSERT INTO questions VALUES (?, ?, ?)", [(key, question.id, " ".join(question.tags)) for question in bank.questions]
            )

    @contextmanager
    def decoding(self, question: str) -> Iterator[None]:
        """A row that cannot be decoded was damaged or edited by hand: say so as for a damaged file, not with a traceback."""
        try:
            yield
        except ROW_ERRORS as error:
            raise damage(self.path, f"the card of question '{question}' cannot be read") from error

    def cards(self, key: str) -> dict[str, tuple[State, datetime]]:
        """Each answered question of a bank: its FSRS state and when it is due."""
        found = self.connection.execute("SELECT question, state, due FROM cards WHERE bank = ?", (key,))
        return {question: self.card_row(question, state, due) for question, state, due in found}

    def card_row(self, question: str, state: int, due: str) -> tuple[State, datetime]:
        with self.decoding(question):
            return State(state), unstamp(due)

    def schedule(self, bank: Bank) -> Schedule:
        now = self.clock()
        ids = {question.id for question in bank.questions}
        due_times = {question: due for question, (_, due) in self.cards(bank_key(bank)).items() if question in ids}
        due = tuple(question for when, question in sorted((when, question) for question, when in due_times.items()) if when <= now)
        later = [when for when in due_times.values() if when > now]
        return Schedule(due, frozenset(due_times), min(later, default=None))

    def record(self, bank: Bank, question_id: str, rating: int, correct: bool, seconds: float) -> None:
        """Schedule the question's next review from this answer, and log the answer; both committed before returning."""
        key = bank_key(bank)
        now = self.clock()
        duration_ms = round(seconds * 1000)
        with self.transaction() as connection:
            row = connection.execute("SELECT card FROM cards WHERE bank = ? AND question = ?", (key, question_id)).fetchone()
            card = self.stored_card(question_id, row[0]) if row else Card(card_id=stable_id(f"{key}/{question_id}"), due=now)
            card, _ = self.scheduler.review_card(card, Rating(rating), review_datetime=now, review_duration=duration_ms)
            connection.execute(
                "INSERT OR REPLACE INTO cards VALUES (?, ?, ?, ?, ?)", (key, question_id, card.to_json(), int(card.state), stamp(card.due))
            )
            connection.execute(
                "INSERT INTO reviews (bank, question, answered_at, rating, correct, duration_ms) VALUES (?, ?, ?, ?, ?, ?)",
                (key, question_id, stamp(now), rating, int(correct), duration_ms),
            )

    def stored_card(self, question: str, text: str) -> Card:
        with self.decoding(question):
            return checked(Card.from_json(text))

    def banks(self) -> list[tuple[str, str]]:
        """(key, title) of every bank with progress, by title."""
        return list(self.connection.execute("SELECT bank, title FROM banks ORDER BY title, bank"))

    def questions(self, key: str) -> dict[str, tuple[str, ...]]:
        """The ids and tags of a bank's questions, as last seen by a quiz."""
        found = self.connection.execute("SELECT question, tags FROM questions WHERE bank = ?", (key,))
        return {question: tuple(tags.split()) for question, tags in found}

    def report(self, key: str, title: str, questions: dict[str, tuple[str, ...]]) -> BankReport:
        """The bank's counts of new, learning, due and learned questions, and its answers, overall and per tag."""
        cards = self.cards(key)
        answers = {
            question: (right, total)
            for question, right, total in self.connection.execute(
                "SELECT question, sum(correct), count(*) FROM reviews WHERE bank = ? GROUP BY question", (key,)
            )
        }
        return tally(title, questions, cards, answers, self.clock())


def tally(
    title: str,
    questions: Mapping[str, tuple[str, ...]],
    cards: Mapping[str, tuple[State, datetime]],
    answers: Mapping[str, tuple[int, int]],
    now: datetime,
) -> BankReport:
    """Count each question once for the bank and once for each of its tags."""
    counts: dict[str | None, Counter[str]] = {None: Counter()}
    for question, tags in questions.items():
        if question not in cards:
            standing = "new"
        else:
            state, due = cards[question]
            standing = "due" if due <= now else "learned" if state == State.Review else "learning"
        right, total = answers.get(question, (0, 0))
        for tag in (None, *tags):
            counter = counts.setdefault(tag, Counter())
            counter.update({standing: 1, "answers": total, "right": right})
    whole = as_tally(None, counts.pop(None))
    by_tag = sorted((as_tally(tag, counter) for tag, counter in counts.items()), key=lambda each: (-each.questions, each.tag or ""))
    return BankReport(title, (whole, *by_tag))


def as_tally(tag: str | None, counter: Counter[str]) -> Tally:
    return Tally(tag, counter["new"], counter["learning"], counter["due"], counter["learned"], counter["answers"], counter["right"])


@contextmanager
def open_progress(path: Path, clock: Callable[[], datetime] | None = None) -> Iterator[ProgressStore]:
    """The progress database at `path`, created if need be; any SQLite error inside becomes a QuizgenError naming the file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise QuizgenError(f"cannot create the folder of progress database {path}: {exc.strerror}") from exc
    try:
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    except sqlite3.Error as error:
        raise problem(error, path) from error
    try:
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        connection.execute("PRAGMA journal_mode = WAL")
        store = ProgressStore(connection, path, clock)
        store.prepare()
        yield store
    except sqlite3.Error as error:
        raise problem(error, path) from error
    finally:
        connection.close()


def read_reports(path: Path, banks: Sequence[Bank] = (), clock: Callable[[], datetime] | None = None) -> list[BankReport]:
    """Progress for `banks`, or for every bank in the database when none is given; a missing database is not created."""
    if not path.exists():
        return [tally(bank.title[bank.default_language], questions_of(bank), {}, {}, utc_now()) for bank in banks]
    with open_progress(path, clock) as store:
        if banks:
            return [store.report(bank_key(bank), bank.title[bank.default_language], questions_of(bank)) for bank in banks]
        return [store.report(key, title, store.questions(key)) for key, title in store.banks()]


def questions_of(bank: Bank) -> dict[str, tuple[str, ...]]:
    return {question.id: question.tags for question in bank.questions}

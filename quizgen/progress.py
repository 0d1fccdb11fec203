"""Quiz progress: every answer given, and each question's FSRS schedule, in an SQLite database.

Rows are keyed by the bank's deck id and the question's id, so rewording a
question keeps its history. Each answer is committed in its own transaction as
it is given, so a crash or a kill loses at most the answer being typed; the
database is in WAL mode with a busy timeout, so two sessions can write to it at
once. The schema version is SQLite's own `user_version`.

Nothing is written to a file before it is known to be empty or a quizgen
progress database (its header and tables are read first, read-only), and
`quizgen stats` only ever reads. Each answer keeps what it replaced (a
`Receipt`), so that the learner can undo it or change its rating.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import shlex
import sqlite3
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from fsrs import Card, Rating, Scheduler, State

from .errors import QuizgenError
from .model import Bank, stable_id

SCHEMA_VERSION = 2
SCHEMA = (
    "CREATE TABLE banks (bank TEXT PRIMARY KEY, title TEXT NOT NULL, fingerprint TEXT NOT NULL)",
    "CREATE TABLE questions (bank TEXT NOT NULL, question TEXT NOT NULL, tags TEXT NOT NULL, PRIMARY KEY (bank, question))",
    """CREATE TABLE cards (
        bank TEXT NOT NULL, question TEXT NOT NULL,
        card TEXT NOT NULL, state INTEGER NOT NULL, due TEXT NOT NULL,
        PRIMARY KEY (bank, question))""",
    """CREATE TABLE reviews (
        id INTEGER PRIMARY KEY, bank TEXT NOT NULL, question TEXT NOT NULL,
        answered_at TEXT NOT NULL, rating INTEGER NOT NULL, correct INTEGER NOT NULL, duration_ms INTEGER NOT NULL,
        previous_state INTEGER, scheduled INTEGER NOT NULL DEFAULT 1)""",
    "CREATE INDEX reviews_by_question ON reviews (bank, question)",
)
"""`questions` keeps each bank's question ids and tags, so that `quizgen stats` can count new questions without the bank file.
A review's `previous_state` is the card's FSRS state before it (NULL: new), so that retention counts reviews of learned cards;
`scheduled` is 0 for a practice answer that left the schedule as it was."""
MIGRATIONS = {
    1: (
        "ALTER TABLE reviews ADD COLUMN previous_state INTEGER",
        "ALTER TABLE reviews ADD COLUMN scheduled INTEGER NOT NULL DEFAULT 1",
    ),
}
"""The statements that bring a database from each older schema version to the next."""
TABLES = frozenset({"banks", "questions", "cards", "reviews"})
SQLITE_HEADER = b"SQLite format 3\x00"
# A person waits a second or two at most before being told; the session keeps the answer and
# saves it with the next one. Scripts that write in a tight loop pass a longer wait.
BUSY_TIMEOUT_MS = 1_500
TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
"""UTC to the second, so that stored times sort as text."""
DAMAGED = ("SQLITE_NOTADB", "SQLITE_CORRUPT")
ANKI_TABLES = frozenset({"col", "notes", "cards", "revlog"})
SNIFF_BYTES = 4096
DATABASE_SUFFIXES = frozenset({".sqlite3", ".sqlite", ".db", ""})
MAGIC = (
    (b"%PDF", "a PDF file"),
    (b"PK\x03\x04", "a zip archive (an .apkg, .xlsx or .zip)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
)
"""How the files most often given to --db by mistake start."""
TEXT_KINDS = {
    ".yaml": "a YAML file (a bank is given without --db)",
    ".yml": "a YAML file (a bank is given without --db)",
    ".json": "a JSON file",
    ".html": "a web page (HTML)",
    ".htm": "a web page (HTML)",
    ".xml": "an XML file",
    ".md": "a Markdown file",
    ".csv": "a CSV file",
    ".txt": "a text file",
}
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
        return Busy(f"progress database {path} is busy: another program is writing to it; try again in a moment")
    return QuizgenError(f"cannot use progress database {path}: {error}")


class Busy(QuizgenError):
    """The progress database stayed locked by another writer for longer than the busy timeout."""


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
class Answer:
    """One answer to store: how it was rated, whether it was right, how long it took, and whether it moves the schedule."""

    question: str
    rating: int
    correct: bool
    seconds: float
    scheduled: bool = True


@dataclass(frozen=True)
class Receipt:
    """A stored answer, with the card it replaced (None: the question was new), so that it can be undone or rewritten."""

    answer: Answer
    review: int
    """The row id of the answer in `reviews`."""
    previous: str | None
    due: datetime | None
    """When the question is next due after this answer; None when the answer left the schedule as it was."""


class ProgressStore:
    """An open progress database; use it inside `open_progress`, which turns SQLite errors into clear messages."""

    def __init__(self, connection: sqlite3.Connection, path: Path, clock: Callable[[], datetime] | None = None) -> None:
        self.connection = connection
        self.path = path
        self.clock = clock or utc_now
        # fsrs fuzzes intervals at random; a fixed-seed scheduler would not, but the intervals shown
        # before a rating must be the ones stored after it, so fuzzing is off.
        self.scheduler = Scheduler(enable_fuzzing=False)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE takes the write lock first, so that a read-then-write is never interleaved with another session's.

        A lock held by another writer past the busy timeout raises Busy, which a session can wait out.
        """
        try:
            self.connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise problem(error, self.path) from error
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
        with self.transaction() as connection:
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            refuse_foreign(self.path, version, table_names(connection))
            if version == 0:
                for statement in SCHEMA:
                    connection.execute(statement)
            else:
                for step in range(version, SCHEMA_VERSION):
                    for statement in MIGRATIONS[step]:
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

    def card(self, bank: Bank, question_id: str) -> Card | None:
        """The question's FSRS card, or None when it was never answered."""
        row = self.connection.execute("SELECT card FROM cards WHERE bank = ? AND question = ?", (bank_key(bank), question_id)).fetchone()
        return self.stored_card(question_id, row[0]) if row else None

    def intervals(self, bank: Bank, question_id: str) -> dict[int, timedelta]:
        """For each rating, how long until the question is due again if it is given now: what Anki shows on its buttons."""
        now = self.clock()
        card = self.card(bank, question_id) or Card(card_id=stable_id(f"{bank_key(bank)}/{question_id}"), due=now)
        return {int(rating): self.scheduler.review_card(card, rating, review_datetime=now)[0].due - now for rating in Rating}

    def record(self, bank: Bank, question_id: str, rating: int, correct: bool, seconds: float, scheduled: bool = True) -> Receipt:
        """Log the answer and, when `scheduled`, schedule the question's next review from it; committed before returning."""
        with self.transaction() as connection:
            return self.store(connection, bank, Answer(question_id, rating, correct, seconds, scheduled))

    def store(self, connection: sqlite3.Connection, bank: Bank, answer: Answer) -> Receipt:
        key = bank_key(bank)
        now = self.clock()
        duration_ms = round(answer.seconds * 1000)
        row = connection.execute("SELECT card FROM cards WHERE bank = ? AND question = ?", (key, answer.question)).fetchone()
        previous = row[0] if row else None
        card = self.stored_card(answer.question, previous) if previous else Card(card_id=stable_id(f"{key}/{answer.question}"), due=now)
        state = int(card.state) if previous else None
        due = None
        if answer.scheduled:
            card, _ = self.scheduler.review_card(card, Rating(answer.rating), review_datetime=now, review_duration=duration_ms)
            connection.execute(
                "INSERT OR REPLACE INTO cards VALUES (?, ?, ?, ?, ?)",
                (key, answer.question, card.to_json(), int(card.state), stamp(card.due)),
            )
            due = card.due
        cursor = connection.execute(
            "INSERT INTO reviews (bank, question, answered_at, rating, correct, duration_ms, previous_state, scheduled) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (key, answer.question, stamp(now), answer.rating, int(answer.correct), duration_ms, state, int(answer.scheduled)),
        )
        assert cursor.lastrowid is not None
        return Receipt(answer, cursor.lastrowid, previous, due)

    def undo(self, bank: Bank, receipt: Receipt) -> None:
        """Remove an answer from the log and put the question's card back as it was before it."""
        with self.transaction() as connection:
            self.unstore(connection, bank, receipt)

    def unstore(self, connection: sqlite3.Connection, bank: Bank, receipt: Receipt) -> None:
        key = bank_key(bank)
        connection.execute("DELETE FROM reviews WHERE id = ?", (receipt.review,))
        if not receipt.answer.scheduled:
            return
        if receipt.previous is None:
            connection.execute("DELETE FROM cards WHERE bank = ? AND question = ?", (key, receipt.answer.question))
            return
        card = self.stored_card(receipt.answer.question, receipt.previous)
        connection.execute(
            "INSERT OR REPLACE INTO cards VALUES (?, ?, ?, ?, ?)",
            (key, receipt.answer.question, receipt.previous, int(card.state), stamp(card.due)),
        )

    def rewrite(self, bank: Bank, receipt: Receipt, answer: Answer) -> Receipt:
        """Replace a stored answer (another rating, or counted right after all), in the log and in the schedule, at once."""
        with self.transaction() as connection:
            self.unstore(connection, bank, receipt)
            return self.store(connection, bank, answer)

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


def table_names(connection: sqlite3.Connection) -> set[str]:
    return {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def refuse_foreign(path: Path, version: int, tables: set[str]) -> None:
    """Refuse a database from a newer quizgen or from another program, before anything is written to it."""
    if version > SCHEMA_VERSION:
        raise QuizgenError(
            f"progress database {path} was written by a newer quizgen (schema {version}; this one knows {SCHEMA_VERSION}); upgrade quizgen"
        )
    if (version == 0 and tables) or not tables <= TABLES:
        program = "Anki's collection" if tables >= ANKI_TABLES else "another program's SQLite database"
        raise QuizgenError(
            f"{path} is {program} (tables: {', '.join(sorted(tables))}), not a quizgen progress database; give another file with --db"
        )


def file_kind(path: Path) -> str | None:
    """What a file that is not an SQLite database looks like, for the message; None when it may be a database whose start was lost.

    Only an unknown binary file with a database's suffix counts as a damaged database: the user is told to delete that one,
    never a bank, an article or a file of another program given to --db by mistake.
    """
    with path.open("rb") as file:
        head = file.read(SNIFF_BYTES)
    for magic, kind in MAGIC:
        if head.startswith(magic):
            return kind
    try:
        text = codecs.getincrementaldecoder("utf-8-sig")().decode(head, final=False)
    except UnicodeDecodeError:
        return None if path.suffix.lower() in DATABASE_SUFFIXES else "a binary file of another kind"
    if "\x00" in text:
        return None if path.suffix.lower() in DATABASE_SUFFIXES else "a binary file of another kind"
    return TEXT_KINDS.get(path.suffix.lower()) or sniffed_text_kind(text)


def sniffed_text_kind(text: str) -> str:
    """A text file's kind from its first lines, when its suffix says nothing."""
    start = text.lstrip().lower()
    if start.startswith(("<!doctype html", "<html")):
        return "a web page (HTML)"
    if start.startswith("<?xml"):
        return "an XML file"
    if start.startswith(("{", "[")):
        return "a JSON file"
    if any(line.startswith(("questions:", "deck:", "title:", "languages:")) for line in text.splitlines()):
        return "a YAML file (a bank is given without --db)"
    return "a text file"


def inspect(path: Path) -> None:
    """Check what the file at `path` is, reading only: absent, empty, or a quizgen progress database; refuse anything else."""
    if not path.exists():
        return
    if not path.is_file():
        raise QuizgenError(f"progress database {path} is not a file; give a file with --db")
    try:
        with path.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except OSError as error:
        raise QuizgenError(f"cannot read progress database {path}: {error.strerror}") from error
    if not header:
        return
    if header != SQLITE_HEADER:
        kind = file_kind(path)
        if kind is None:
            raise damage(path, "file is not a database")
        raise QuizgenError(f"{path} is {kind}, not a progress database; give --db a progress database, or a new file name to start one")
    connection = connect(path, read_only=True)
    try:
        refuse_foreign(path, connection.execute("PRAGMA user_version").fetchone()[0], table_names(connection))
    except sqlite3.Error as error:
        raise problem(error, path) from error
    finally:
        connection.close()


def connect(path: Path, read_only: bool, busy_ms: int = BUSY_TIMEOUT_MS) -> sqlite3.Connection:
    """An SQLite connection; read-only opens the file as it is (mode=ro), creating nothing and changing nothing."""
    try:
        if read_only:
            uri = f"file:{urllib.parse.quote(str(path.absolute()))}?mode=ro"
            connection = sqlite3.connect(uri, uri=True, timeout=busy_ms / 1000, isolation_level=None)
        else:
            connection = sqlite3.connect(path, timeout=busy_ms / 1000, isolation_level=None)
        connection.execute(f"PRAGMA busy_timeout = {busy_ms}")
    except sqlite3.Error as error:
        raise problem(error, path) from error
    return connection


def check_writable(path: Path) -> None:
    """Refuse, before the first question, a database or a folder that cannot be written (SQLite writes its journal beside the file)."""
    if path.exists() and not os.access(path, os.W_OK):
        raise QuizgenError(f"progress database {path} is read-only; make it writable or give another file with --db")
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise QuizgenError(f"cannot write in {path.parent}, the folder of progress database {path}; give another file with --db")


@contextmanager
def open_progress(path: Path, clock: Callable[[], datetime] | None = None, busy_ms: int = BUSY_TIMEOUT_MS) -> Iterator[ProgressStore]:
    """The progress database at `path`, created if need be; any SQLite error inside becomes a QuizgenError naming the file.

    The file is inspected (read-only) before anything writes to it, and its folder and itself must be writable.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise QuizgenError(f"cannot create {path.parent}, the folder of progress database {path}: {exc.strerror}") from exc
    inspect(path)
    check_writable(path)
    connection = connect(path, read_only=False, busy_ms=busy_ms)
    try:
        connection.execute("PRAGMA journal_mode = WAL")
        store = ProgressStore(connection, path, clock)
        store.prepare()
        yield store
    except sqlite3.Error as error:
        raise problem(error, path) from error
    finally:
        connection.close()


class Journal:
    """A session's answers on their way to the database.

    Each is saved as it is given; while another program holds the database longer than
    the busy timeout, answers are kept in order and saved with the next one (or at the end),
    so that a busy database costs a message, not an answer. The last answer can be taken
    back or replaced (another rating, or counted right after all).
    """

    def __init__(self, store: ProgressStore, bank: Bank) -> None:
        self.store = store
        self.bank = bank
        self.entries: list[Receipt | Answer] = []
        """Every answer of the session, in order: saved (a Receipt) or waiting (an Answer)."""

    @property
    def waiting(self) -> int:
        return sum(isinstance(entry, Answer) for entry in self.entries)

    def give(self, answer: Answer) -> Receipt | None:
        """Save `answer`, after those waiting; None when it waits too (the database is busy)."""
        self.flush()
        if not self.waiting:
            try:
                receipt = self.store.record(self.bank, answer.question, answer.rating, answer.correct, answer.seconds, answer.scheduled)
            except Busy:
                pass
            else:
                self.entries.append(receipt)
                return receipt
        self.entries.append(answer)
        return None

    def flush(self) -> int:
        """Save the answers waiting, in order, until the database is busy again; how many were saved."""
        saved = 0
        for index, entry in enumerate(self.entries):
            if isinstance(entry, Answer):
                try:
                    self.entries[index] = self.store.record(
                        self.bank, entry.question, entry.rating, entry.correct, entry.seconds, entry.scheduled
                    )
                except Busy:
                    return saved
                saved += 1
        return saved

    def take_back(self) -> Answer | None:
        """Remove the last answer, from the database too; None when there is none. Raises Busy, keeping it, if it cannot."""
        if not self.entries:
            return None
        entry = self.entries[-1]
        if isinstance(entry, Receipt):
            self.store.undo(self.bank, entry)
        self.entries.pop()
        return entry.answer if isinstance(entry, Receipt) else entry

    def replace(self, answer: Answer) -> Receipt | None:
        """Put `answer` in place of the last answer, in the log and the schedule; None while it waits. Raises Busy if it cannot."""
        entry = self.entries[-1]
        if isinstance(entry, Answer):
            self.entries[-1] = answer
            return None
        receipt = self.store.rewrite(self.bank, entry, answer)
        self.entries[-1] = receipt
        return receipt

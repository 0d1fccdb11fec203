"""The progress database: FSRS schedules, answers committed one by one, concurrent sessions, damage, and `quizgen stats`."""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizgen import progress
from quizgen.cli import cli
from quizgen.errors import QuizgenError
from quizgen.model import Bank, Deck
from quizgen.progress import open_progress, progress_path
from quizgen.quiz import AGAIN, EASY, GOOD
from quizgen.stats import BankReport, Tally, read_reports

from .conftest import BANKS

START = datetime(2024, 5, 1, 12, tzinfo=timezone.utc)
EVERY_TYPE = str(BANKS / "every-type.yaml")


class Clock:
    """A settable clock, for schedules that depend on the time."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


def test_a_new_database_is_created_in_wal_mode(tmp_path: Path) -> None:
    db = tmp_path / "deep" / "folder" / "progress.sqlite3"
    with open_progress(db):
        pass
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert connection.execute("PRAGMA user_version").fetchone() == (progress.SCHEMA_VERSION,)
        tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"banks", "questions", "cards", "reviews"}


def test_every_answer_is_committed_as_it_is_given(tmp_path: Path, every_type_bank: Bank) -> None:
    db = tmp_path / "progress.sqlite3"
    with open_progress(db) as store:
        store.record(every_type_bank, "capital-mcq", GOOD, True, 4.2)
        # Another connection sees it at once, while the session is still open.
        with sqlite3.connect(db) as reader:
            assert reader.execute("SELECT question, rating, correct, duration_ms FROM reviews").fetchall() == [
                ("capital-mcq", GOOD, 1, 4200)
            ]
            assert reader.execute("SELECT bank, question, state FROM cards").fetchall() == [("1400000001", "capital-mcq", 1)]


def test_history_is_kept_by_bank_identity_and_question_id_when_wording_changes(tmp_path: Path, every_type_bank: Bank) -> None:
    clock = Clock()
    db = tmp_path / "progress.sqlite3"
    with open_progress(db, clock) as store:
        store.record(every_type_bank, "capital-mcq", AGAIN, False, 10)
    reworded = replace(
        every_type_bank,
        title={"en": "Renamed", "fr": "Renommé"},
        questions=tuple(replace(question, prompt={"en": "New words?", "fr": "Nouveaux mots ?"}) for question in every_type_bank.questions),
    )
    clock.now += timedelta(hours=1)
    with open_progress(db, clock) as store:
        assert store.schedule(reworded).due == ("capital-mcq",)
        other = replace(every_type_bank, deck=Deck(every_type_bank.deck.name, 42))
        assert store.schedule(other).seen == frozenset()


def test_due_questions_come_most_overdue_first(tmp_path: Path, every_type_bank: Bank) -> None:
    clock = Clock()
    with open_progress(tmp_path / "progress.sqlite3", clock) as store:
        for question_id in ("quotes-match", "author-short", "capital-mcq"):
            store.record(every_type_bank, question_id, AGAIN, False, 10)
            clock.now += timedelta(minutes=5)
        store.record(every_type_bank, "earth-flat-tf", EASY, True, 2)
        schedule = store.schedule(every_type_bank)
    assert schedule.due == ("quotes-match", "author-short", "capital-mcq")
    assert schedule.seen == {"quotes-match", "author-short", "capital-mcq", "earth-flat-tf"}
    assert schedule.next_due is not None
    assert schedule.next_due > clock.now + timedelta(days=2)


def test_fsrs_spaces_reviews_further_apart_as_answers_stay_right(tmp_path: Path, every_type_bank: Bank) -> None:
    clock = Clock()
    intervals = []
    with open_progress(tmp_path / "progress.sqlite3", clock) as store:
        for _ in range(5):
            store.record(every_type_bank, "author-short", GOOD, True, 8)
            next_due = store.schedule(every_type_bank).next_due
            assert next_due is not None
            intervals.append(next_due - clock.now)
            clock.now = next_due
    assert intervals[0] <= timedelta(minutes=11)
    assert intervals == sorted(intervals)
    assert intervals[-1] > timedelta(days=5)


def test_two_sessions_write_at_once(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from quizgen.bank import load_bank\n"
        "from quizgen.progress import open_progress\n"
        f"bank = load_bank(Path({EVERY_TYPE!r})).bank\n"
        f"with open_progress(Path({str(db)!r}), busy_ms=60_000) as store:\n"
        "    store.remember(bank)\n"
        "    for round in range(40):\n"
        "        for question in bank.questions:\n"
        "            store.record(bank, question.id, 3, True, 1.0)\n"
    )
    sessions = [subprocess.Popen([sys.executable, "-c", script]) for _ in range(2)]
    assert [session.wait(timeout=120) for session in sessions] == [0, 0]
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("SELECT count(*) FROM reviews").fetchone() == (2 * 40 * 8,)
        assert connection.execute("SELECT count(*) FROM cards").fetchone() == (8,)


def damaged(path: Path) -> None:
    path.write_bytes(bytes(range(256)) * 16)


def truncated(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE filler (text TEXT)")
        connection.executemany("INSERT INTO filler VALUES (?)", [("x" * 500,)] * 200)
    path.write_bytes(path.read_bytes()[:20000])


def foreign(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE contacts (name TEXT)")


def newer(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA user_version = 99")


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (
            damaged,
            "progress database {db} is damaged (file is not a database); "
            "move it away or delete it to start afresh: rm -f {db} {db}-wal {db}-shm",
        ),
        (
            truncated,
            "progress database {db} is damaged (database disk image is malformed); "
            "move it away or delete it to start afresh: rm -f {db} {db}-wal {db}-shm",
        ),
        (
            foreign,
            "{db} is another program's SQLite database (tables: contacts), not a quizgen progress database; give another file with --db",
        ),
        (newer, "progress database {db} was written by a newer quizgen (schema 99; this one knows 2); upgrade quizgen"),
    ],
)
def test_a_database_that_cannot_be_used_is_named_with_what_to_do(
    tmp_path: Path, every_type_bank: Bank, spoil: Callable[[Path], None], message: str
) -> None:
    db = tmp_path / "progress.sqlite3"
    spoil(db)
    with pytest.raises(QuizgenError) as error:
        start_session(db, every_type_bank)
    assert str(error.value) == message.format(db=db)


def start_session(db: Path, bank: Bank) -> None:
    with open_progress(db) as store:
        store.remember(bank)
        store.schedule(bank)


def test_an_empty_file_becomes_a_database(tmp_path: Path, every_type_bank: Bank) -> None:
    db = tmp_path / "progress.sqlite3"
    db.touch()
    with open_progress(db) as store:
        store.record(every_type_bank, "capital-mcq", GOOD, True, 3)
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA user_version").fetchone() == (progress.SCHEMA_VERSION,)
        assert connection.execute("SELECT bank, question, rating, correct, duration_ms FROM reviews").fetchall() == [
            ("1400000001", "capital-mcq", GOOD, 1, 3000)
        ]


def test_a_folder_in_the_way(tmp_path: Path) -> None:
    with pytest.raises(QuizgenError, match=r"^progress database .* is not a file; give a file with --db$"), open_progress(tmp_path):
        pass


def test_where_progress_lives(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("QUIZGEN_DATA_DIR", str(tmp_path))
    assert progress_path(None) == tmp_path / "progress.sqlite3"
    assert progress_path("mine.db") == Path("mine.db")
    monkeypatch.delenv("QUIZGEN_DATA_DIR")
    assert progress_path(None).name == "progress.sqlite3"
    assert progress_path(None).parent.name == "quizgen"


def answered_bank(db: Path, bank: Bank, clock: Clock) -> None:
    """Four questions answered: two learned, one due again, one learning; four new."""
    with open_progress(db, clock) as store:
        store.remember(bank)
        store.record(bank, "capital-mcq", EASY, True, 2)
        store.record(bank, "earth-flat-tf", EASY, True, 2)
        store.record(bank, "countries-multi", AGAIN, False, 20)
        store.record(bank, "countries-multi", AGAIN, False, 20)
        clock.now += timedelta(minutes=5)
        store.record(bank, "quotes-match", GOOD, True, 30)


def test_report(tmp_path: Path, every_type_bank: Bank) -> None:
    clock = Clock()
    db = tmp_path / "progress.sqlite3"
    answered_bank(db, every_type_bank, clock)
    (report,) = read_reports(db, clock=clock)
    assert report == BankReport(
        "Every type",
        (
            Tally(None, new=4, learning=2, due=1, learned=2, answers=5, right=3),
            Tally("france", new=1, learning=0, due=0, learned=1, answers=1, right=1),
            Tally("geography", new=0, learning=1, due=1, learned=1, answers=3, right=1),
            Tally("people", new=1, learning=1, due=0, learned=0, answers=1, right=1),
            Tally("science", new=1, learning=0, due=0, learned=1, answers=1, right=1),
            Tally("figures", new=1, learning=0, due=0, learned=0, answers=0, right=0),
            Tally("literature", new=1, learning=0, due=0, learned=0, answers=0, right=0),
            Tally("quotes", new=0, learning=1, due=0, learned=0, answers=1, right=1),
        ),
        retention=(0, 0),
        forecast=(2, 0, 0, 0, 0, 0, 0),
        due_week=2,
    )
    assert read_reports(db, [every_type_bank], clock) == [report]


def test_reports_without_a_database_write_nothing(tmp_path: Path, every_type_bank: Bank) -> None:
    db = tmp_path / "none.sqlite3"
    assert read_reports(db) == []
    (report,) = read_reports(db, [every_type_bank])
    assert report.tallies[0] == Tally(None, new=8, learning=0, due=0, learned=0, answers=0, right=0)
    assert not db.exists()


STATS = """\
Every type
  8 questions: 4 new · 2 learning · 2 learned
  Due: 2 today · 2 this week
  Retention: – (no review of a learned question yet)
  Next days: today\u00a02 · tomorrow\u00a00 · +2d\u00a00 · +3d\u00a00 · +4d\u00a00 · +5d\u00a00 · +6d\u00a00
  Answers: 5, 60% right

Progress database: {db} · --tags for each tag
"""
TAGS = """\
  tag           new  learning   due  learned  right
  france          1         0     0        1   100%
  geography       0         1     1        1    33%
  people          1         1     0        0   100%
  science         1         0     0        1   100%
  figures         1         0     0        0      –
  literature      1         0     0        0      –
  quotes          0         1     0        0   100%
"""


def test_stats(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, every_type_bank: Bank) -> None:
    clock = Clock()
    db = tmp_path / "progress.sqlite3"
    answered_bank(db, every_type_bank, clock)
    monkeypatch.setattr(progress, "utc_now", clock)
    expected = STATS.format(db=db)
    for args in ([], [EVERY_TYPE]):
        result = CliRunner().invoke(cli, ["stats", *args, "--db", str(db)])
        assert (result.output, result.exit_code) == (expected, 0)
    tags = CliRunner().invoke(cli, ["stats", "--db", str(db), "--tags"])
    head = STATS.format(db=db).split("\n\nProgress")[0]
    assert tags.output == f"{head}\n{TAGS}\nProgress database: {db}\n"


def test_retention_counts_reviews_of_learned_questions(tmp_path: Path, every_type_bank: Bank) -> None:
    clock = Clock()
    db = tmp_path / "progress.sqlite3"
    with open_progress(db, clock) as store:
        store.remember(every_type_bank)
        for question in ("capital-mcq", "earth-flat-tf", "author-short"):
            store.record(every_type_bank, question, EASY, True, 2)
        clock.now += timedelta(days=30)
        store.record(every_type_bank, "capital-mcq", GOOD, True, 2)
        store.record(every_type_bank, "earth-flat-tf", AGAIN, False, 2)
        # Practice of a question not due leaves its schedule alone, and is not a review of a learned question.
        store.record(every_type_bank, "countries-multi", GOOD, True, 2, scheduled=False)
    (report,) = read_reports(db, clock=clock)
    assert report.retention == (1, 2)
    assert report.tallies[0].new == 5
    assert report.forecast[0] == 2  # author-short, overdue; earth-flat-tf, relearning in 10 minutes


def test_stats_before_any_quiz(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    result = CliRunner().invoke(cli, ["stats", "--db", str(db)])
    assert (result.output, result.exit_code) == (f"No progress in {db} yet: answer some questions with `quizgen quiz` first.\n", 0)
    with_bank = CliRunner().invoke(cli, ["stats", EVERY_TYPE, "--db", str(db)])
    assert with_bank.output.startswith("Every type\n  8 questions: 8 new · 0 learning · 0 learned\n")
    assert not db.exists()


def anki_collection(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        for table in ("col", "notes", "cards", "revlog", "graves"):
            connection.execute(f"CREATE TABLE {table} (id INTEGER)")


NOT_A_DATABASE = "is {kind}, not a progress database; give --db a progress database, or a new file name to start one"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("planets.yaml", b"title: Planets\nquestions: []\n", NOT_A_DATABASE.format(kind="a YAML file (a bank is given without --db)")),
        ("notes.txt", "Notes d'élève\n".encode() * 300, NOT_A_DATABASE.format(kind="a text file")),
        ("bank", b"deck: {id: 1}\nquestions: []\n", NOT_A_DATABASE.format(kind="a YAML file (a bank is given without --db)")),
        ("progress.sqlite3", b"some notes\n", NOT_A_DATABASE.format(kind="a text file")),
        ("export.json", b'{"questions": []}', NOT_A_DATABASE.format(kind="a JSON file")),
        ("page", b"<!DOCTYPE html><p>hi</p>", NOT_A_DATABASE.format(kind="a web page (HTML)")),
        ("handout.pdf", b"%PDF-1.7\n" + bytes(range(256)), NOT_A_DATABASE.format(kind="a PDF file")),
        ("deck.apkg", b"PK\x03\x04" + bytes(range(256)), NOT_A_DATABASE.format(kind="a zip archive (an .apkg, .xlsx or .zip)")),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), NOT_A_DATABASE.format(kind="a PNG image")),
        ("music.ogg", bytes(range(256)) * 4, NOT_A_DATABASE.format(kind="a binary file of another kind")),
    ],
)
@pytest.mark.parametrize("command", ["quiz", "stats"])
def test_a_file_that_is_not_a_database_is_named_never_deleted(
    tmp_path: Path, command: str, name: str, content: bytes, message: str
) -> None:
    db = tmp_path / name
    db.write_bytes(content)
    result = CliRunner().invoke(cli, [command, EVERY_TYPE, "--db", str(db)], input="q\n")
    assert (result.output, result.exit_code) == (f"Error: {db} {message}\n", 1)
    assert db.read_bytes() == content
    assert sorted(path.name for path in tmp_path.iterdir()) == [name]


@pytest.mark.parametrize("command", ["quiz", "stats"])
def test_anki_s_collection_is_named(tmp_path: Path, command: str) -> None:
    db = tmp_path / "collection.anki2"
    anki_collection(db)
    result = CliRunner().invoke(cli, [command, EVERY_TYPE, "--db", str(db)], input="q\n")
    assert (result.output, result.exit_code) == (
        f"Error: {db} is Anki's collection (tables: cards, col, graves, notes, revlog), not a quizgen progress database; "
        "give another file with --db\n",
        1,
    )


def test_stats_of_a_damaged_database(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    damaged(db)
    result = CliRunner().invoke(cli, ["stats", "--db", str(db)])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: progress database {db} is damaged (file is not a database); move it away")


DUE_OR_STATE = "due or state"
"""Damage that both `quiz --review` (the schedule) and `stats` (the counts) read; the card's JSON only an answer reads."""
CARD_JSON = "card JSON"


@pytest.mark.parametrize(
    ("damage", "read_by"),
    [
        ("UPDATE cards SET due = 'soon'", DUE_OR_STATE),
        ("UPDATE cards SET due = 20240502", DUE_OR_STATE),
        ("UPDATE cards SET due = x'00ff'", DUE_OR_STATE),
        ("UPDATE cards SET state = 9", DUE_OR_STATE),
        ("UPDATE cards SET state = 'learning'", DUE_OR_STATE),
        ("UPDATE cards SET card = '{}'", CARD_JSON),
        ("UPDATE cards SET card = 'not json'", CARD_JSON),
        ("UPDATE cards SET card = '[1, 2]'", CARD_JSON),
        ("UPDATE cards SET card = 'null'", CARD_JSON),
        ("UPDATE cards SET card = json_set(card, '$.stability', 'high')", CARD_JSON),
        ("UPDATE cards SET card = json_set(card, '$.due', 'tomorrow')", CARD_JSON),
        ("UPDATE cards SET card = replace(card, '+00:00', '')", CARD_JSON),
        ("UPDATE cards SET card = json_set(card, '$.step', 'first')", CARD_JSON),
    ],
)
def test_a_damaged_row_is_named_with_how_to_reset_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, every_type_bank: Bank, damage: str, read_by: str
) -> None:
    clock = Clock()
    db = tmp_path / "progress.sqlite3"
    with open_progress(db, clock) as store:
        store.remember(every_type_bank)
        store.record(every_type_bank, "earth-flat-tf", AGAIN, False, 5)
    with sqlite3.connect(db) as connection:
        connection.execute(damage)
    clock.now += timedelta(days=1)
    monkeypatch.setattr(progress, "utc_now", clock)
    message = (
        f"Error: progress database {db} is damaged (the card of question 'earth-flat-tf' cannot be read); "
        f"move it away or delete it to start afresh: rm -f {db} {db}-wal {db}-shm\n"
    )
    review = CliRunner().invoke(cli, ["quiz", EVERY_TYPE, "--review", "--type", "truefalse", "--db", str(db)], input="f\n")
    asked = "Every type · 1 due, 0 new\n" if read_by == CARD_JSON else ""
    assert (review.output[: len(asked)], review.output[-len(message) :], review.exit_code) == (asked, message, 1)
    assert isinstance(review.exception, SystemExit)
    stats = CliRunner().invoke(cli, ["stats", "--db", str(db)])
    if read_by == DUE_OR_STATE:
        assert (stats.output, stats.exit_code) == (message, 1)
    else:
        assert (stats.output.splitlines()[:2], stats.exit_code) == (["Every type", "  8 questions: 7 new · 1 learning · 0 learned"], 0)
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT count(*) FROM reviews").fetchone() == (1,)


def test_stats_in_colour(tmp_path: Path, every_type_bank: Bank) -> None:
    from rich.console import Console

    from quizgen import terminal
    from quizgen.quiz.screens import stats_lines

    clock = Clock()
    db = tmp_path / "progress.sqlite3"
    answered_bank(db, every_type_bank, clock)
    output = terminal.RichOutput()
    output.console = Console(record=True, force_terminal=True, width=200, file=io.StringIO())
    output.write(stats_lines(read_reports(db, clock=clock), db))
    screen = output.console.export_text()
    assert screen.startswith("Every type ─────")
    assert "\n  8 questions: 4 new · 2 learning · 2 learned\n" in screen


def other_program(path: Path) -> bytes:
    """Another program's database, in SQLite's default (rollback journal) mode: its bytes, to compare after."""
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE contacts (name TEXT)")
        connection.execute("INSERT INTO contacts VALUES ('Ada')")
    connection.close()
    return path.read_bytes()


@pytest.mark.parametrize("command", [["stats"], ["stats", EVERY_TYPE], ["quiz", EVERY_TYPE]])
def test_another_programs_database_is_refused_untouched(tmp_path: Path, command: list[str]) -> None:
    db = tmp_path / "other-app.sqlite3"
    before = other_program(db)
    result = CliRunner().invoke(cli, [*command, "--db", str(db)], input="f\n\n")
    assert (result.output, result.exit_code) == (
        f"Error: {db} is another program's SQLite database (tables: contacts), not a quizgen progress database; "
        "give another file with --db\n",
        1,
    )
    assert db.read_bytes() == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["other-app.sqlite3"]


def test_stats_only_reads(tmp_path: Path, every_type_bank: Bank) -> None:
    db = tmp_path / "progress.sqlite3"
    answered_bank(db, every_type_bank, Clock())
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA journal_mode = DELETE")
    connection.close()
    before = db.read_bytes()
    assert CliRunner().invoke(cli, ["stats", EVERY_TYPE, "--db", str(db)]).exit_code == 0
    assert db.read_bytes() == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["progress.sqlite3"]


@pytest.mark.parametrize(
    ("blocked", "message"),
    [
        ("file", "Error: progress database {db} is read-only; make it writable or give another file with --db\n"),
        ("folder", "Error: cannot write in {folder}, the folder of progress database {db}; give another file with --db\n"),
    ],
)
def test_a_database_that_cannot_be_written_is_refused_before_the_first_question(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, every_type_bank: Bank, blocked: str, message: str
) -> None:
    db = tmp_path / "progress.sqlite3"
    with open_progress(db) as store:
        store.remember(every_type_bank)
    # Root writes whatever the permissions say, so the permissions are what os.access answers.
    refused = db if blocked == "file" else tmp_path
    real_access = progress.os.access
    monkeypatch.setattr(
        progress.os, "access", lambda path, mode: not (Path(path) == refused and mode & os.W_OK) and real_access(path, mode)
    )
    result = CliRunner().invoke(cli, ["quiz", EVERY_TYPE, "--db", str(db)], input="f\n\n")
    assert (result.output, result.exit_code) == (message.format(db=db, folder=tmp_path), 1)


def test_a_busy_database_keeps_the_answers_and_saves_them_later(tmp_path: Path, every_type_bank: Bank) -> None:
    from quizgen import terminal
    from quizgen.quiz import present

    db = tmp_path / "progress.sqlite3"
    other = sqlite3.connect(db, isolation_level=None)
    typed = iter(["f", "200 million", "/q"])
    shown: list[str] = []

    class Screen:
        def write(self, lines: Sequence[terminal.Line]) -> None:
            shown.extend(each.text for each in lines)

    def read(prompt: str) -> str:
        answer = next(typed)
        if answer == "f":
            other.execute("BEGIN IMMEDIATE")  # another program takes the write lock before the first answer
        elif answer == "200 million":
            other.execute("COMMIT")  # and lets it go before the second
        return answer

    questions = [question for question in every_type_bank.questions if question.id in ("earth-flat-tf", "investment-numeric")]
    with open_progress(db, busy_ms=50) as store:
        store.remember(every_type_bank)
        session = terminal.Session(every_type_bank, store, Screen(), read=read, read_key=lambda _: "\n")
        summary = session.run([present(question, "en", 1) for question in questions], 1)
    assert summary.right == 2
    assert "The progress database is busy (another quizgen is writing): this answer is kept and saved later." in shown
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT question, correct FROM reviews ORDER BY id").fetchall() == [
            ("earth-flat-tf", 1),
            ("investment-numeric", 1),
        ]
    other.close()


def test_practice_does_not_move_a_learned_question_that_is_not_due(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    clock = Clock()
    monkeypatch.setattr(progress, "utc_now", clock)
    db = tmp_path / "progress.sqlite3"
    args = ["quiz", EVERY_TYPE, "--type", "truefalse", "--db", str(db)]
    assert CliRunner().invoke(cli, args, input="f\n4\n\n").exit_code == 0  # Easy: learned, due in 8 days
    with sqlite3.connect(db) as connection:
        (due,) = connection.execute("SELECT due FROM cards").fetchone()
    clock.now += timedelta(minutes=1)
    again = CliRunner().invoke(cli, args, input="f\n4\n\n")
    assert "Not due until 2024-05-09: practice leaves the schedule as it is.\n" in again.output
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT due FROM cards").fetchone() == (due,)
        assert connection.execute("SELECT rating, scheduled FROM reviews ORDER BY id").fetchall() == [(EASY, 1), (GOOD, 0)]
    # A review asks nothing before it is due.
    review = CliRunner().invoke(cli, [*args, "--review"])
    assert review.output.startswith("Nothing to review")


def test_undo_and_rewrite_restore_the_schedule(tmp_path: Path, every_type_bank: Bank) -> None:
    clock = Clock()
    db = tmp_path / "progress.sqlite3"
    with open_progress(db, clock) as store:
        first = store.record(every_type_bank, "capital-mcq", GOOD, True, 2)
        card = store.card(every_type_bank, "capital-mcq")
        clock.now += timedelta(minutes=15)
        wrong = store.record(every_type_bank, "capital-mcq", AGAIN, False, 2)
        right = store.rewrite(every_type_bank, wrong, replace(wrong.answer, rating=GOOD, correct=True))
        assert right.due is not None and right.due - clock.now > timedelta(days=1)
        store.undo(every_type_bank, right)
        assert store.card(every_type_bank, "capital-mcq") == card
        store.undo(every_type_bank, first)
        assert store.card(every_type_bank, "capital-mcq") is None
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT count(*) FROM reviews").fetchone() == (0,)


def test_a_database_of_schema_1_is_read_by_stats_and_brought_up_to_date_by_a_quiz(tmp_path: Path, every_type_bank: Bank) -> None:
    clock = Clock()
    db = tmp_path / "progress.sqlite3"
    answered_bank(db, every_type_bank, clock)
    with sqlite3.connect(db) as connection:
        connection.execute("ALTER TABLE reviews DROP COLUMN previous_state")
        connection.execute("ALTER TABLE reviews DROP COLUMN scheduled")
        connection.execute("PRAGMA user_version = 1")
    connection.close()
    (report,) = read_reports(db, clock=clock)
    assert (report.tallies[0].answers, report.retention) == (5, (0, 0))
    with open_progress(db, clock) as store:
        store.record(every_type_bank, "capital-mcq", GOOD, True, 2)
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA user_version").fetchone() == (progress.SCHEMA_VERSION,)
        assert connection.execute("SELECT previous_state, scheduled FROM reviews ORDER BY id").fetchall()[-2:] == [(None, 1), (2, 1)]

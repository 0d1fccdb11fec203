"""Writing decks: a bank and its lock in, a lock and an .apkg out (each only if it changed), and what the learner must do."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..bank import load_bank
from ..check import check_bank
from ..errors import Problem, QuizgenError, count
from ..files import LATEST_EPOCH, read_bytes, source_date_epoch, write_atomic
from ..identity import derived_id_warning
from ..model import Bank
from .lock import Lock, Stamp, lock_path, published_locks, read_lock, relock, withdrawn
from .notes import Advance, DeckContent, deck_content, deck_key, ignore, tombstone
from .package import deck_bytes

PROGRESS_THRESHOLD = 500
"""Decks with more notes than this show a progress bar on a terminal."""
NAMED = 5
"""How many question ids an advice line names before '…'."""


@dataclass(frozen=True)
class DeckReport:
    """What writing one deck did."""

    path: Path
    notes: int
    cards: int
    new: int
    updated: int
    unchanged: int
    removed: int
    """Questions gone from the bank since the last build: their notes became tombstones in this build."""
    withdrawn: int
    """Tombstones in the deck, this build's and earlier ones'."""
    written: bool
    """False when the deck and its lock were already up to date."""
    retyped: tuple[str, ...] = ()
    """Questions whose note type changed: Anki converts them only with *Merge note types*."""
    lost_blanks: tuple[str, ...] = ()
    """Cloze questions that lost a deletion: its card stays, empty, until Tools → Empty Cards."""

    def summary(self) -> str:
        changes = [(self.new, "new"), (self.updated, "updated"), (self.unchanged, "unchanged"), (self.removed, "removed")]
        state = ", ".join(f"{n} {word}" for n, word in changes if n) if self.written else "up to date"
        withdrawn = f", {self.withdrawn} withdrawn" if self.withdrawn else ""
        return f"{self.path}: {count(self.notes, 'note')}, {count(self.cards, 'card')}{withdrawn} ({state})"

    def advice(self) -> list[str]:
        """What learners who imported an earlier version must do, one line each."""
        lines = []
        if self.retyped:
            lines.append(
                f"{self.path}: {count(len(self.retyped), 'question')} changed note type ({named(self.retyped)}): "
                'learners import this deck once with "Merge note types" ticked in the import options, '
                "or Anki skips those notes as conflicting"
            )
        if self.lost_blanks:
            lines.append(
                f"{self.path}: {count(len(self.lost_blanks), 'cloze question')} lost a blank ({named(self.lost_blanks)}): "
                "learners run Tools > Empty Cards after importing, to delete the blank's card"
            )
        return lines


def named(ids: Sequence[str]) -> str:
    return ", ".join(ids[:NAMED]) + (", …" if len(ids) > NAMED else "")


@dataclass(frozen=True)
class BuildReport:
    """The decks a command wrote, and the bank's warnings."""

    warnings: tuple[Problem, ...]
    decks: tuple[DeckReport, ...]
    derived_id: str | None = None
    """The warning of a bank without `deck.id` (identity.derived_id_warning), given on every build until it has one."""


def build_time(now: int | None = None) -> int:
    """The time given new and edited notes: `now`, else $SOURCE_DATE_EPOCH, else the clock."""
    if now is not None:
        return now
    configured = source_date_epoch()
    return int(time.time()) if configured is None else configured


def with_tombstones(bank: Bank, deck: DeckContent, previous: Lock | None, history: Sequence[Lock]) -> DeckContent:
    gone = withdrawn(deck, previous, history)
    stones = tuple(
        tombstone(bank, deck.lang, deck.key, key, stamp.note_type, stamp.clozes)
        for key, stamp in gone.items()
        if stamp.note_type is not None
    )
    return DeckContent(deck.id, deck.name, deck.description, deck.key, deck.lang, deck.notes + stones)


def write_deck(bank: Bank, lang: str, path: Path, now: int | None = None, typed: bool = False) -> DeckReport:
    """Write the lock file of the deck of `bank` in `lang`, then the deck to `path`; each is rewritten only if it changed.

    A build that fails before the lock is written leaves the previous deck and
    lock as they were; one that fails after leaves the previous deck with the
    new lock, which is harmless: the next build makes the deck from that lock.
    The other order could leave a new deck beside the old lock: the next build
    could then date an edited note with a time that deck already used, and
    Anki, which updates only notes newer than its own, would keep the old one.
    """
    if path.suffix.lower() != ".apkg":
        raise QuizgenError(f"{path}: an Anki deck file name must end in .apkg")
    lock_file = lock_path(path)
    previous = read_lock(lock_file)
    history = published_locks(lock_file)
    with progress(len(bank.questions), f"Building {path}") as advance:
        questions = deck_content(bank, bank.language(lang), advance, typed)
        deck = with_tombstones(bank, questions, previous, history)
        tombstones = {note.question_id: note for note in deck.notes[len(questions.notes) :]}
        lock = relock(previous, questions, build_time(now), tombstones, history)
        if lock.latest > LATEST_EPOCH:
            raise QuizgenError(f"{lock_file}: an edited note would be dated after {LATEST_EPOCH}; delete the lock file to start afresh")
        data = deck_bytes(deck, lock, advance)
    written = write_if_changed(lock_file, lock.to_json().encode("utf-8"))
    written = write_if_changed(path, data) or written
    return deck_report(path, questions, lock, previous.notes if previous is not None else {}, written)


def deck_report(path: Path, deck: DeckContent, lock: Lock, old: Mapping[str, Stamp], written: bool) -> DeckReport:
    """What changed between the previous lock and this one, for the build line and its advice."""
    current = [note.question_id for note in deck.notes]
    kept = [key for key in current if key in old]
    changed = sum(lock.notes[key] != old[key] for key in kept)
    new = len(current) - len(kept)
    stones = [key for key, stamp in lock.notes.items() if stamp.removed]
    removed = sum(key not in old or not old[key].removed for key in stones)
    retyped = tuple(key for key in kept if not old[key].removed and old[key].note_type != lock.notes[key].note_type)
    lost = tuple(
        key for key in kept if old[key].note_type == lock.notes[key].note_type and set(old[key].clozes) - set(lock.notes[key].clozes)
    )
    return DeckReport(path, len(current), deck.cards, new, changed, len(kept) - changed, removed, len(stones), written, retyped, lost)


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write `data` to `path` unless it already holds exactly that; True if written."""
    if path.is_file() and read_bytes(path) == data:
        return False
    write_atomic(path, data)
    return True


@contextmanager
def progress(notes: int, description: str) -> Iterator[Advance]:
    """A progress bar on stderr while a deck of more than PROGRESS_THRESHOLD notes builds, if stderr is a terminal.

    Each note is counted twice: once rendered, once written to the collection.
    """
    if notes <= PROGRESS_THRESHOLD or not sys.stderr.isatty():
        yield ignore
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(file=sys.stderr), transient=True) as bar:
        task = bar.add_task(description, total=2 * notes)
        yield lambda: bar.advance(task)


def deck_path(folder: Path, bank: Bank, lang: str) -> Path:
    """FOLDER/KEY.LANG.apkg: KEY is the deck key of the bank's first language, the same for every language."""
    return folder / f"{deck_key(bank)}.{lang}.apkg"


def build_decks(path: Path, out_dir: Path, now: int | None = None, typed: bool = False) -> BuildReport:
    """`quizgen build`: check the bank as `quizgen check` does, then write one deck per language into `out_dir`."""
    checked = check_bank(path)
    bank = checked.bank
    decks = tuple(write_deck(bank, lang, deck_path(out_dir, bank, lang), now, typed) for lang in bank.languages)
    return BuildReport(checked.warnings, decks, derived_id_warning(bank))


def anki_deck(path: Path, lang: str | None, output: Path | None, now: int | None = None, typed: bool = False) -> BuildReport:
    """`quizgen anki`: write the deck of one language, to `output` or decks/KEY.LANG.apkg."""
    loaded = load_bank(path)
    bank = loaded.bank
    lang = bank.language(lang)
    target = output if output is not None else deck_path(Path("decks"), bank, lang)
    return BuildReport(loaded.warnings, (write_deck(bank, lang, target, now, typed),), derived_id_warning(bank))

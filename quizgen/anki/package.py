"""The .apkg file: a genanki collection whose notes and note types carry their own times, zipped with the deck's media."""

from __future__ import annotations

import itertools
import json
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import genanki

from ..errors import QuizgenError
from ..files import zip_bytes
from .lock import Lock
from .notes import Advance, DeckContent, Media, NoteContent, ignore
from .notetypes import FIELDS, NOTE_TYPES, SORT_FIELD, css, templates


class TimedModel(genanki.Model):  # type: ignore[misc]
    """A note type stamped with its own time from the lock, not the build's."""

    def __init__(self, mtime: int, **options: Any) -> None:
        super().__init__(**options)
        self.mtime = mtime

    def to_json(self, timestamp: float, deck_id: int) -> Any:
        return super().to_json(self.mtime, deck_id)


class TimedNote(genanki.Note):  # type: ignore[misc]
    """A note (and its cards) stamped with its own time from the lock, not the build's; `written` is called once it is."""

    def __init__(self, mtime: int, written: Advance, **options: Any) -> None:
        super().__init__(**options)
        self.mtime = mtime
        self.written = written

    def write_to_db(self, cursor: sqlite3.Cursor, timestamp: float, deck_id: int, id_gen: Iterator[int]) -> None:
        super().write_to_db(cursor, self.mtime, deck_id, id_gen)
        self.written()


def note_type_model(key: str, mtime: int) -> TimedModel:
    note_type = NOTE_TYPES[key]
    return TimedModel(
        mtime,
        model_id=note_type.id,
        name=note_type.name,
        fields=[{"name": name} for name in FIELDS],
        templates=templates(key),
        css=css(),
        model_type=genanki.Model.CLOZE if note_type.cloze else genanki.Model.FRONT_BACK,
        sort_field_index=SORT_FIELD,
    )


def build_package(deck: DeckContent, lock: Lock, advance: Advance = ignore) -> genanki.Package:
    """The genanki package of `deck` (tombstones included), every note and note type stamped with its time from `lock`.

    `advance` is called as each note is written.
    """
    models = {key: note_type_model(key, stamp.mtime) for key, stamp in lock.note_types.items()}
    anki_deck = genanki.Deck(deck.id, deck.name, deck.description)
    for position, note in enumerate(deck.notes, 1):
        timed = TimedNote(
            lock.notes[note.question_id].mtime,
            advance,
            model=models[note.note_type],
            fields=list(note.fields),
            tags=list(note.tags),
            guid=note.guid,
            due=position,
        )
        timed.cards = cards(note)  # genanki would parse a cloze's text again to count them
        anki_deck.add_note(timed)
    return genanki.Package(anki_deck)


def cards(note: NoteContent) -> list[genanki.Card]:
    if NOTE_TYPES[note.note_type].cloze:
        return [genanki.Card(number - 1) for number in note.clozes]
    return [genanki.Card(0)]


def deck_bytes(deck: DeckContent, lock: Lock, advance: Advance = ignore) -> bytes:
    """The .apkg file of `deck`: the same bytes for the same deck and lock, on any machine."""
    package = build_package(deck, lock, advance)
    try:
        with tempfile.TemporaryDirectory(prefix="quizgen-") as folder:
            database = Path(folder) / "collection.anki2"
            with closing(sqlite3.connect(database)) as connection:
                # Settings a SQLite build may default otherwise, fixed so the file's layout is the same everywhere.
                connection.executescript(PINNED_SQLITE_SETTINGS)
                package.write_to_db(connection.cursor(), lock.latest, itertools.count(lock.created * 1000))
                connection.commit()
            collection = database.read_bytes()
    except (OSError, sqlite3.Error) as exc:
        raise QuizgenError(f"cannot build the deck {deck.name!r}: {exc}") from exc
    media = media_files(deck)
    listing = json.dumps({str(number): item.name for number, item in enumerate(media)}).encode()
    entries = [("collection.anki2", without_sqlite_version(collection)), ("media", listing)]
    entries += [(str(number), item.data) for number, item in enumerate(media)]
    return zip_bytes(entries, lock.latest)


def media_files(deck: DeckContent) -> list[Media]:
    """The deck's media, each file once, sorted by name."""
    return sorted({item.name: item for note in deck.notes for item in note.media}.values(), key=lambda item: item.name)


PINNED_SQLITE_SETTINGS = "PRAGMA page_size = 4096; PRAGMA auto_vacuum = NONE; PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF;"


def without_sqlite_version(database: bytes) -> bytes:
    """The database with the header's "SQLite version that last wrote the file" zeroed.

    SQLite keeps that number for information only (offset 96, four bytes);
    zeroed, machines with another SQLite build the same bytes.
    """
    return database[:96] + bytes(4) + database[100:]

"""Anki decks: one note type per question type, notes that keep their identity, updates that only move forward.

- notetypes: the note types' fixed ids and fields, templates, style sheet and card script;
- notes: what each question puts in its note (fields, tags, media), and the tombstone of a withdrawn one;
- lock: the lock file of content hashes and times, and the new times of a build;
- package: the .apkg file itself;
- build: writing a deck and its lock, and the report of what learners must do.

Identity. A note's GUID comes from the bank's deck id, the language and the
question id, never from the wording, so fixing a typo updates a note instead of
adding a second one (quizgen.identity, shared with the Anki text-import export).
"""

from .build import BuildReport, DeckReport, anki_deck, build_decks, deck_path, write_deck
from .lock import Lock, Stamp, lock_path, parse_lock, relock
from .notes import DeckContent, Media, NoteContent, deck_content, deck_key
from .notetypes import FIELDS, NOTE_TYPES, css, templates
from .package import deck_bytes

__all__ = [
    "FIELDS",
    "NOTE_TYPES",
    "BuildReport",
    "DeckContent",
    "DeckReport",
    "Lock",
    "Media",
    "NoteContent",
    "Stamp",
    "anki_deck",
    "build_decks",
    "css",
    "deck_bytes",
    "deck_content",
    "deck_key",
    "deck_path",
    "lock_path",
    "parse_lock",
    "relock",
    "templates",
    "write_deck",
]

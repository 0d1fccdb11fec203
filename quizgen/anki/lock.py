"""The lock file beside each deck: every note's content hash and modification time, so that updates only move forward.

Anki updates a note on import only when the incoming copy is newer than its own
and the note type has the same fields; equal times are never updated. So an
unchanged note keeps its time (and the deck its bytes), a changed one gets a
time later than any this note was ever given.

"Ever" includes the versions of the lock that git remembers: `git revert` of a
mistaken edit brings back the old lock with the old text, and without the
history the rebuilt deck would be byte-identical to the one before the mistake,
so learners who imported the mistake would keep it. The lock's history in the
current branch (and in `git stash`) is read once per build; outside git only the
lock file itself counts.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import QuizgenError
from ..files import LATEST_EPOCH, read_text
from .notes import DeckContent, NoteContent
from .notetypes import NOTE_TYPES, note_type_digest

LOCK_VERSION = 2
"""Version 1 (the first release) had no note types per note; it is read, and its notes count as of another note type."""
LOCK_ABOUT = (
    "quizgen keeps each note's content hash and modification time here: an unchanged bank rebuilds to the same .apkg, "
    "and an edited question gets a newer time so that Anki updates its note on import. Commit this file with the deck."
)
GIT_TIMEOUT = 30


@dataclass(frozen=True)
class Stamp:
    """A content hash and the time that content was first built; for a note, also what Anki must know of it again."""

    hash: str
    mtime: int
    note_type: str | None = None
    """The note type's key; None for note types and for notes of a version-1 lock."""
    clozes: tuple[int, ...] = ()
    removed: bool = False
    """The question left the bank: the deck carries its tombstone."""


@dataclass(frozen=True)
class Lock:
    """The modification times of one deck's notes and note types, kept beside the deck between builds."""

    created: int
    """The first build's time; note and card ids count up from it, in milliseconds, as Anki's do."""
    note_types: Mapping[str, Stamp]
    notes: Mapping[str, Stamp]
    """By question id: the bank's questions in its order, then the withdrawn ones."""

    @property
    def latest(self) -> int:
        return max([self.created, *(stamp.mtime for stamp in self.note_types.values()), *(stamp.mtime for stamp in self.notes.values())])

    def to_json(self) -> str:
        """The lock as JSON with one line per note, so that editing a question changes one line of it."""

        def row(key: str, stamp: Stamp) -> str:
            extra = ""
            if stamp.note_type is not None:
                extra += f', "type": {json.dumps(stamp.note_type)}'
            if stamp.clozes:
                extra += f', "clozes": {json.dumps(list(stamp.clozes))}'
            if stamp.removed:
                extra += ', "removed": true'
            return f'    {json.dumps(key)}: {{"hash": "{stamp.hash}", "mtime": {stamp.mtime}{extra}}}'

        def table(stamps: Mapping[str, Stamp]) -> str:
            rows = [row(key, stamp) for key, stamp in stamps.items()]
            return "{\n" + ",\n".join(rows) + "\n  }" if rows else "{}"

        return (
            f'{{\n  "about": {json.dumps(LOCK_ABOUT)},\n  "version": {LOCK_VERSION},\n  "created": {self.created},\n'
            f'  "note_types": {table(self.note_types)},\n  "notes": {table(self.notes)}\n}}\n'
        )


def parse_lock(text: str, path: Path) -> Lock:
    """A lock file's contents; anything else is refused with the way out."""
    try:
        document = json.loads(text)
        if document["version"] not in (1, LOCK_VERSION):
            raise ValueError(f"version {document['version']!r}, quizgen reads versions 1 and {LOCK_VERSION}")
        created = seconds(document["created"])
        note_types = {str(key): Stamp(str(value["hash"]), seconds(value["mtime"])) for key, value in document["note_types"].items()}
        notes = {str(key): note_stamp(value) for key, value in document["notes"].items()}
    except RecursionError:
        reason = "brackets nested too deeply: the file is damaged"
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        reason = f"missing {exc}" if isinstance(exc, KeyError) else str(exc)
    else:
        return Lock(created, note_types, notes)
    raise QuizgenError(
        f"{path} is not a quizgen lock file ({reason}); delete it to start afresh: "
        "every note then counts as changed, and Anki updates each one once"
    )


def note_stamp(value: dict[str, object]) -> Stamp:
    note_type = value.get("type")
    if note_type is not None and note_type not in NOTE_TYPES:
        raise ValueError(f"note type {note_type!r} is not one of {', '.join(NOTE_TYPES)}")
    clozes = value.get("clozes", [])
    if not isinstance(clozes, list) or not all(isinstance(number, int) and not isinstance(number, bool) for number in clozes):
        raise ValueError(f"clozes {clozes!r} is not a list of numbers")
    return Stamp(str(value["hash"]), seconds(value["mtime"]), note_type, tuple(clozes), value.get("removed") is True)


def seconds(value: object) -> int:
    """A lock file's time, checked to be in the range every output can date (1970 to 2106): a larger one
    would overflow the note ids, which count from it in milliseconds."""
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= LATEST_EPOCH:
        raise ValueError(f"{value!r} is not a time in seconds from 0 to {LATEST_EPOCH}")
    return value


def lock_path(deck_path: Path) -> Path:
    """`decks/x.fr.apkg` -> `decks/x.fr.lock.json`."""
    return deck_path.with_name(deck_path.name[: -len(".apkg")] + ".lock.json")


def read_lock(path: Path) -> Lock | None:
    return parse_lock(read_text(path), path) if path.is_file() else None


# ---------------------------------------------------------------- the lock's history


def published_locks(path: Path) -> list[Lock]:
    """Every version of the lock file that git keeps in the current branch's history and in the stash, newest first;
    none outside a git work tree. Versions that do not parse are skipped: only their times matter here."""
    folder = path.parent
    if not folder.is_dir():
        return []
    revisions = git(folder, "log", "--format=%H", "HEAD", "--", path.name).split()
    revisions += git(folder, "log", "-g", "--format=%H", "refs/stash").split()
    if not revisions:
        return []
    names = "".join(f"{revision}:./{path.name}\n" for revision in revisions)
    locks = []
    for text in blobs(git_bytes(folder, "cat-file", "--batch", stdin=names.encode())):
        try:
            locks.append(parse_lock(text, path))
        except QuizgenError:
            continue
    return locks


def git(folder: Path, *args: str) -> str:
    return git_bytes(folder, *args).decode("utf-8", "replace")


def git_bytes(folder: Path, *args: str, stdin: bytes = b"") -> bytes:
    """Git's output, or nothing where there is no git, no repository or no such history."""
    try:
        # No hook or monitor of the repository's own configuration runs: these commands only read history.
        command = ["git", "-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", "-C", str(folder), *args]
        done = subprocess.run(command, input=stdin, capture_output=True, timeout=GIT_TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError):
        return b""
    return done.stdout if done.returncode == 0 else b""


def blobs(output: bytes) -> Iterable[str]:
    """The contents in `git cat-file --batch` output ("<oid> blob <size>\\n<data>\\n", or "<name> missing\\n")."""
    position = 0
    while position < len(output):
        end = output.index(b"\n", position)
        header = output[position:end].split()
        position = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            yield output[position : position + size].decode("utf-8", "replace")
            position += size + 1


# ---------------------------------------------------------------- new times


def forward(content: str, seen: Iterable[Stamp], now: int) -> tuple[str, int]:
    """The hash and time of `content`: the time it was given, if it is what this note last had; otherwise a time after
    every time this note ever had, so that Anki takes it."""
    newest = max(seen, key=lambda stamp: stamp.mtime, default=None)
    if newest is None:
        return content, now
    if newest.hash == content:
        return content, newest.mtime
    return content, max(now, newest.mtime + 1)


def relock(
    previous: Lock | None, deck: DeckContent, now: int, tombstones: Mapping[str, NoteContent] | None = None, history: Iterable[Lock] = ()
) -> Lock:
    """The deck's times, its notes' and the withdrawn questions' (`tombstones`) alike. `history`: older versions of the lock."""
    locks = [*([previous] if previous is not None else []), *history]

    def stamp(table: str, key: str, content: str, note: NoteContent | None, removed: bool = False) -> Stamp:
        seen = [found for lock in locks if (found := getattr(lock, table).get(key)) is not None]
        digest, mtime = forward(content, seen, now)
        if note is None:
            return Stamp(digest, mtime)
        return Stamp(digest, mtime, note.note_type, note.clozes, removed)

    notes = {note.question_id: stamp("notes", note.question_id, note.digest, note) for note in deck.notes}
    notes.update({key: stamp("notes", key, note.digest, note, removed=True) for key, note in (tombstones or {}).items()})
    used = {stamp.note_type for stamp in notes.values()}
    kinds = [key for key in NOTE_TYPES if key in used]
    created = locks[0].created if locks else now
    return Lock(created, {kind: stamp("note_types", kind, note_type_digest(kind), None) for kind in kinds}, notes)


def withdrawn(deck: DeckContent, previous: Lock | None, history: Iterable[Lock]) -> dict[str, Stamp]:
    """The questions a lock (or its history) knows and the bank no longer has, with their note type: the newest stamp each."""
    present = {note.question_id for note in deck.notes}
    found: dict[str, Stamp] = {}
    for lock in [*([previous] if previous is not None else []), *history]:
        for key, stamp in lock.notes.items():
            if key in present or stamp.note_type is None:
                continue
            if key not in found or stamp.mtime > found[key].mtime:
                found[key] = stamp
    return found

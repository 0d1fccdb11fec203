"""Anki decks: one note type per question type, notes that keep their identity, builds that repeat byte for byte.

Identity. The note-type ids below are constants. A note's GUID comes from the
bank's deck id, the language and the question id, never from the wording, so
fixing a typo updates a note instead of adding a second one (quizgen.identity,
shared with the Anki text-import export).

Time. Anki updates a note on import only when the incoming copy is newer than
its own and the note type has the same fields and templates; equal times are
never updated. Each deck has a lock file beside it (`x.fr.apkg` ->
`x.fr.lock.json`) recording each note's content hash and modification time: an
unchanged note keeps its time, an edited one gets a strictly later time. The
ids, the note types' times and the zip entry dates all derive from the lock, so
an unchanged bank rebuilds to the same bytes.

Words. The templates hold no word of any language: quizgen's own words
("False", "Explanation") are in the fields or in CSS rules keyed on the card's
`lang`, so the decks of every language share the note types. The field list is
fixed for good: renaming or adding a field would make every note imported
earlier conflict with the new deck.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import json
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import genanki

from .bank import load_bank
from .check import check_bank
from .errors import Problem, QuizgenError, count
from .files import LATEST_EPOCH, read_bytes, read_text, source_date_epoch, write_atomic, zip_bytes
from .identity import deck_id, deck_name, derived_id_warning, note_guid, web_link
from .model import (
    TYPES,
    Bank,
    Cloze,
    Match,
    MultipleAnswer,
    MultipleChoice,
    Numeric,
    Order,
    Question,
    ShortAnswer,
    TrueFalse,
    cloze_deletions,
    cloze_parts,
)
from .present import BLANK, LABELS, accepted_values, answer_text, html_text, label, letter, prompt_text, quantity, scrambled, shuffled


@dataclass(frozen=True)
class NoteType:
    """A question type as an Anki note type; its id never changes."""

    id: int
    name: str


NOTE_TYPES: dict[str, NoteType] = {
    "mcq": NoteType(1090096366, "quizgen multiple choice"),
    "multi": NoteType(1988096601, "quizgen multiple answers"),
    "truefalse": NoteType(1307889927, "quizgen true or false"),
    "short": NoteType(1836526218, "quizgen short answer"),
    "numeric": NoteType(2020812827, "quizgen numeric"),
    "cloze": NoteType(1472877782, "quizgen cloze"),
    "match": NoteType(1289912991, "quizgen match"),
    "order": NoteType(1337861692, "quizgen order"),
}

FIELDS = ("Id", "Prompt", "Body", "Answer", "AnswerText", "Explanation", "Source", "SourceTitle", "SourceLink", "Hint", "Lang", "Extra")
"""Every note type's fields. Body: what the front shows under the prompt (the cloze text, for a cloze).
Answer: what the back shows. AnswerText: the answer as plain text, for searching and type-in templates.
Extra: empty today, shown on the back when filled, so later content needs no new field."""
SORT_FIELD = FIELDS.index("Prompt")

FRONT = """<div class="quizgen type-{type}" lang="{{Lang}}">
<div class="prompt">{{Prompt}}</div>
{{#Body}}<div class="body">{{Body}}</div>{{/Body}}
{{#Hint}}<div class="hint">{{hint:Hint}}</div>{{/Hint}}
</div>"""
CLOZE_FRONT = """<div class="quizgen type-{type}" lang="{{Lang}}">
<div class="prompt">{{Prompt}}</div>
<div class="body">{{cloze:Body}}</div>
{{#Hint}}<div class="hint">{{hint:Hint}}</div>{{/Hint}}
</div>"""
SHOWN_ANSWER = """<hr id="answer">
<div class="answer">{{Answer}}</div>"""
CLOZE_SHOWN_ANSWER = """<div class="body">{{cloze:Body}}</div>
<hr id="answer">"""
BACK = """<div class="quizgen type-{type}" lang="{{Lang}}">
<div class="prompt">{{Prompt}}</div>
{answer}
{{#Explanation}}<div class="explanation">{{Explanation}}</div>{{/Explanation}}
{{#Source}}<figure class="source"><blockquote>{{Source}}</blockquote>{{#SourceTitle}}<figcaption>\
{{#SourceLink}}<a href="{{SourceLink}}">{{SourceTitle}}</a>{{/SourceLink}}{{^SourceLink}}{{SourceTitle}}{{/SourceLink}}\
</figcaption>{{/SourceTitle}}</figure>{{/Source}}
{{#Extra}}<div class="extra">{{Extra}}</div>{{/Extra}}
</div>"""

CSS = """\
.card {
  --text: #1f2328; --muted: #59636e; --line: #d1d9e0; --panel: #f3f5f8;
  --accent: #0a58b8; --right: #1a7f37; --right-panel: #e3f6e8;
  font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
  font-size: 20px; line-height: 1.5; text-align: left; overflow-wrap: break-word;
  color: var(--text); background-color: #ffffff;
}
.card.nightMode, .card.night_mode, .nightMode .card, .night_mode .card {
  --text: #e6e9ee; --muted: #a2abb6; --line: #3e4550; --panel: #252b34;
  --accent: #79b8ff; --right: #63d489; --right-panel: #17361f;
  background-color: #16191e;
}
.quizgen { max-width: 34em; margin: 0 auto; padding: 0.75em 1em 1.5em; }
.prompt { font-size: 1.1em; font-weight: 600; }
.body { margin-top: 0.9em; }
hr#answer { border: none; border-top: 1px solid var(--line); margin: 1em 0; }
.options { list-style: none; margin: 0.8em 0 0; padding: 0; }
.options li { display: flex; align-items: baseline; gap: 0.6em; margin: 0.45em 0; padding: 0.45em 0.7em;
  border: 1px solid var(--line); border-radius: 0.5em; }
.options .text { flex: 1; }
.key { flex: none; min-width: 1.3em; padding: 0 0.3em; border: 1.5px solid currentColor; border-radius: 1em;
  color: var(--accent); font-size: 0.85em; font-weight: 700; text-align: center; }
.type-multi .key { border-radius: 0.3em; }
.rank { flex: none; min-width: 1.2em; color: var(--muted); font-weight: 700; }
.options li.right { border-color: var(--right); background-color: var(--right-panel); }
.options li.right .key, .mark { color: var(--right); font-weight: 700; }
.options li.wrong { opacity: 0.55; }
.chips { display: flex; flex-wrap: wrap; gap: 0.6em; }
.chips span { padding: 0.25em 0.9em; border: 1px solid var(--line); border-radius: 1em; }
.verdict { color: var(--right); font-size: 1.35em; font-weight: 700; }
.also, .blank { color: var(--muted); }
.columns { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1em; }
.columns .options { margin-top: 0; }
.pairs { width: 100%; border-collapse: collapse; }
.pairs td { width: 50%; padding: 0.45em 0.4em; border-bottom: 1px solid var(--line); vertical-align: top; }
.pairs .key { float: left; margin-right: 0.5em; }
.pairs .text { display: block; overflow: hidden; }
.explanation { margin-top: 1.1em; padding: 0.7em 0.9em; border-radius: 0.5em; background-color: var(--panel); }
.source { margin: 1.1em 0 0; color: var(--muted); font-size: 0.88em; }
.explanation::before, .source::before { display: block; margin-bottom: 0.25em; color: var(--muted);
  font-size: 0.75em; font-weight: 700; letter-spacing: 0.06em; text-transform: uppercase; }
.source blockquote { margin: 0; padding-left: 0.8em; border-left: 3px solid var(--line); font-style: italic; }
.source figcaption { margin-top: 0.3em; padding-left: calc(0.8em + 3px); }
.source figcaption::before { content: "\\2014\\00a0"; }
.source a, .hint a { color: var(--accent); }
.hint { margin-top: 1em; font-size: 0.9em; }
.cloze { color: var(--accent); font-weight: 700; }
.extra { margin-top: 1em; }
@media (max-width: 520px) {
  .card { font-size: 18px; }
  .quizgen { padding: 0.5em 0.6em 1em; }
  .columns { grid-template-columns: 1fr; }
}
"""
HEADINGS = ("explanation", "source")
"""The back's headings, written by CSS in the card's language (English for a language quizgen does not know)."""

LOCK_VERSION = 1
LOCK_ABOUT = (
    "quizgen keeps each note's content hash and modification time here: an unchanged bank rebuilds to the same .apkg, "
    "and an edited question gets a newer time so that Anki updates its note on import. Commit this file with the deck."
)
PROGRESS_THRESHOLD = 500
"""Decks with more notes than this show a progress bar on a terminal."""

Advance = Callable[[], None]
"""Told that one more step of a long build is done, to move a progress bar."""


def ignore() -> None:
    """An Advance for builds nobody watches."""


def css() -> str:
    """The note types' style sheet, with the back's headings in each language quizgen knows."""
    rules = [CSS]
    for lang, labels in sorted(LABELS.items(), key=lambda item: item[0] != "en"):
        scope = ".quizgen" if lang == "en" else f".quizgen:lang({lang})"
        rules.extend(f'{scope} .{key}::before {{ content: "{css_string(labels[key])}"; }}\n' for key in HEADINGS)
    return "".join(rules)


def css_string(text: str) -> str:
    return "".join(char if char.isalnum() or char == " " else f"\\{ord(char):06x}" for char in text)


def templates(kind: str) -> list[dict[str, str]]:
    if kind == "cloze":
        front, answer, name = CLOZE_FRONT, CLOZE_SHOWN_ANSWER, "Cloze"
    else:
        front, answer, name = FRONT, SHOWN_ANSWER, "Card"
    back = BACK.replace("{answer}", answer)
    return [{"name": name, "qfmt": front.replace("{type}", kind), "afmt": back.replace("{type}", kind)}]


def note_type_digest(kind: str) -> str:
    """A hash of everything Anki stores for the note type, to give it a new time when any of it changes."""
    definition = [NOTE_TYPES[kind].id, NOTE_TYPES[kind].name, kind == "cloze", FIELDS, SORT_FIELD, templates(kind), css()]
    return digest(definition)


def digest(value: object) -> str:
    return hashlib.sha256(json.dumps(value, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]


# ---------------------------------------------------------------- note content


@dataclass(frozen=True)
class NoteContent:
    """One question as an Anki note in one language, before any timestamp."""

    question_id: str
    type: str
    guid: str
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    cards: int

    @property
    def digest(self) -> str:
        """A hash of what an import updates: fields, tags, note type (and the GUID it is matched by)."""
        return digest([self.guid, NOTE_TYPES[self.type].id, self.fields, self.tags])


@dataclass(frozen=True)
class DeckContent:
    """One language of a bank as an Anki deck, before any timestamp."""

    id: int
    name: str
    description: str
    notes: tuple[NoteContent, ...]

    @property
    def cards(self) -> int:
        return sum(note.cards for note in self.notes)


@dataclass(frozen=True)
class Option:
    """One line of a lettered list: a choice, an item to order, a side of a pair."""

    key: str
    text: str
    state: str = ""
    """'right' or 'wrong' on the back of a choice question; empty elsewhere."""
    rank: int | None = None


def keyed(key: str, text: str) -> str:
    return f'<span class="key">{key}</span><span class="text">{text}</span>'


def option_list(options: Sequence[Option]) -> str:
    lines = []
    for option in options:
        state = f' class="{option.state}"' if option.state else ""
        rank = f'<span class="rank">{option.rank}</span>' if option.rank is not None else ""
        mark = '<span class="mark">✓</span>' if option.state == "right" else ""
        lines.append(f"<li{state}>{rank}{keyed(option.key, option.text)}{mark}</li>")
    return f'<ul class="options">{"".join(lines)}</ul>'


def choice_parts(question: MultipleChoice | MultipleAnswer, lang: str) -> tuple[str, str]:
    right = {question.answer} if isinstance(question, MultipleChoice) else set(question.answers)
    order = shuffled(range(len(question.choices)), question.id)
    texts = [(letter(shown).upper(), html_text(question.choices[index][lang]), index in right) for shown, index in enumerate(order)]
    front = option_list([Option(key, text) for key, text, _ in texts])
    back = option_list([Option(key, text, "right" if good else "wrong") for key, text, good in texts])
    return front, back


def true_false_parts(question: TrueFalse, lang: str) -> tuple[str, str]:
    words = [html_text(label("true", lang)), html_text(label("false", lang))]
    front = f'<div class="chips"><span>{words[0]}</span><span>{words[1]}</span></div>'
    return front, f'<div class="verdict">{words[0] if question.answer else words[1]}</div>'


def short_parts(question: ShortAnswer, lang: str) -> tuple[str, str]:
    back = f'<div class="verdict">{html_text(question.answer[lang])}</div>'
    others = [html_text(text[lang]) for text in question.accept if text[lang] != question.answer[lang]]
    if others:
        back += f'<div class="also">{html_text(label("or", lang))} {" · ".join(others)}</div>'
    return "", back


def numeric_parts(question: Numeric, lang: str) -> tuple[str, str]:
    front = f'<div class="blank">{BLANK} {html_text(question.unit[lang])}</div>' if question.unit is not None else ""
    back = f'<div class="verdict">{html_text(quantity(question, lang))}</div>'
    accepted = accepted_values(question, lang)
    if accepted:
        back += f'<div class="also">({html_text(accepted)})</div>'
    return front, back


def order_parts(question: Order, lang: str) -> tuple[str, str]:
    order = scrambled(len(question.items), question.id)
    keys = {index: letter(shown).upper() for shown, index in enumerate(order)}
    front = option_list([Option(keys[index], html_text(question.items[index][lang])) for index in order])
    back = option_list([Option(keys[index], html_text(item[lang]), rank=index + 1) for index, item in enumerate(question.items)])
    return front, back


def match_parts(question: Match, lang: str) -> tuple[str, str]:
    order = scrambled(len(question.pairs), question.id)
    keys = {index: letter(shown).upper() for shown, index in enumerate(order)}
    lefts = option_list([Option(str(number), html_text(left[lang])) for number, (left, _) in enumerate(question.pairs, 1)])
    rights = option_list([Option(keys[index], html_text(question.pairs[index][1][lang])) for index in order])
    rows = "".join(
        f"<tr><td>{keyed(str(number), html_text(left[lang]))}</td><td>{keyed(keys[number - 1], html_text(right[lang]))}</td></tr>"
        for number, (left, right) in enumerate(question.pairs, 1)
    )
    return f'<div class="columns">{lefts}{rights}</div>', f'<table class="pairs">{rows}</table>'


def cloze_body(text: str) -> str:
    """The cloze text as HTML, its {{cN::answer::hint}} deletions kept for Anki's cloze filter."""
    pieces = []
    for part in cloze_parts(text):
        if isinstance(part, str):
            pieces.append(html_text(part))
        else:
            hint = f"::{html_text(part.hint)}" if part.hint is not None else ""
            pieces.append(f"{{{{c{part.number}::{html_text(part.answer)}{hint}}}}}")
    return "".join(pieces)


def front_and_back(question: Question, lang: str) -> tuple[str, str]:
    """The Body and Answer fields: what the front shows under the prompt, and what the back shows as the answer."""
    if isinstance(question, MultipleChoice | MultipleAnswer):
        return choice_parts(question, lang)
    if isinstance(question, TrueFalse):
        return true_false_parts(question, lang)
    if isinstance(question, ShortAnswer):
        return short_parts(question, lang)
    if isinstance(question, Numeric):
        return numeric_parts(question, lang)
    if isinstance(question, Cloze):
        return cloze_body(question.text[lang]), ""
    if isinstance(question, Match):
        return match_parts(question, lang)
    if isinstance(question, Order):
        return order_parts(question, lang)
    raise TypeError(question.type)


def note_content(question: Question, bank: Bank, lang: str) -> NoteContent:
    body, answer = front_and_back(question, lang)
    source = bank.source
    fields = {
        "Id": question.id,
        "Prompt": html_text(prompt_text(question, lang)),
        "Body": body,
        "Answer": answer,
        "AnswerText": html_text(answer_text(question, lang)),
        "Explanation": html_text(question.explanation[lang]) if question.explanation is not None else "",
        "Source": html_text(question.source) if question.source is not None else "",
        "SourceTitle": html_text(source.title[lang]) if source is not None else "",
        "SourceLink": html.escape(web_link(bank) or ""),
        "Hint": html_text(question.hint[lang]) if question.hint is not None else "",
        "Lang": html.escape(lang),
        "Extra": "",
    }
    cards = len({deletion.number for deletion in cloze_deletions(question.text[lang])}) if isinstance(question, Cloze) else 1
    guid = note_guid(bank, lang, question.id)
    return NoteContent(question.id, question.type, guid, tuple(fields[name] for name in FIELDS), question.tags, cards)


def deck_description(bank: Bank, lang: str) -> str:
    text = f"<p>{html_text(bank.title[lang])}</p>"
    source = bank.source
    if source is not None:
        date = f" ({html_text(source.date)})" if source.date is not None else ""
        text += f"<p>\u2014 {html_text(source.title[lang])}{date}</p>"
    return text


def deck_content(bank: Bank, lang: str, advance: Advance = ignore) -> DeckContent:
    """What the deck of `bank` in `lang` holds; pure, and the same on every run. `advance` is called after each note."""
    notes = []
    for question in bank.questions:
        notes.append(note_content(question, bank, lang))
        advance()
    return DeckContent(deck_id(bank, lang), deck_name(bank, lang), deck_description(bank, lang), tuple(notes))


# ---------------------------------------------------------------- lock file


@dataclass(frozen=True)
class Stamp:
    """A content hash and the time that content was first built."""

    hash: str
    mtime: int


@dataclass(frozen=True)
class Lock:
    """The modification times of one deck's notes and note types, kept beside the deck between builds."""

    created: int
    """The first build's time; note and card ids count up from it, in milliseconds, as Anki's do."""
    note_types: Mapping[str, Stamp]
    notes: Mapping[str, Stamp]
    """By question id, in the bank's order."""

    @property
    def latest(self) -> int:
        return max([self.created, *(stamp.mtime for stamp in self.note_types.values()), *(stamp.mtime for stamp in self.notes.values())])

    def to_json(self) -> str:
        """The lock as JSON with one line per note, so that editing a question changes one line of it."""

        def table(stamps: Mapping[str, Stamp]) -> str:
            rows = [f'    {json.dumps(key)}: {{"hash": "{stamp.hash}", "mtime": {stamp.mtime}}}' for key, stamp in stamps.items()]
            return "{\n" + ",\n".join(rows) + "\n  }" if rows else "{}"

        return (
            f'{{\n  "about": {json.dumps(LOCK_ABOUT)},\n  "version": {LOCK_VERSION},\n  "created": {self.created},\n'
            f'  "note_types": {table(self.note_types)},\n  "notes": {table(self.notes)}\n}}\n'
        )


def parse_lock(text: str, path: Path) -> Lock:
    """A lock file's contents; anything else is refused with the way out."""
    try:
        document = json.loads(text)
        if document["version"] != LOCK_VERSION:
            raise ValueError(f"version {document['version']!r}, quizgen reads version {LOCK_VERSION}")
        created = seconds(document["created"])
        note_types, notes = (
            {str(key): Stamp(str(value["hash"]), seconds(value["mtime"])) for key, value in document[table].items()}
            for table in ("note_types", "notes")
        )
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        reason = f"missing {exc}" if isinstance(exc, KeyError) else str(exc)
        raise QuizgenError(
            f"{path} is not a quizgen lock file ({reason}); delete it to start afresh: "
            "every note then counts as changed, and Anki updates each one once"
        ) from None
    return Lock(created, note_types, notes)


def seconds(value: object) -> int:
    """A lock file's time, checked to be in the range every output can date (1970 to 2106): a larger one
    would overflow the note ids, which count from it in milliseconds."""
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= LATEST_EPOCH:
        raise ValueError(f"{value!r} is not a time in seconds from 0 to {LATEST_EPOCH}")
    return value


def relock(previous: Lock | None, deck: DeckContent, now: int) -> Lock:
    """The deck's times: unchanged content keeps its time; new content gets `now`, changed content a time after its last."""
    old_notes = previous.notes if previous is not None else {}
    old_types = previous.note_types if previous is not None else {}

    def stamp(old: Stamp | None, content: str) -> Stamp:
        if old is not None and old.hash == content:
            return old
        return Stamp(content, now if old is None else max(now, old.mtime + 1))

    used = {note.type for note in deck.notes}
    kinds = [kind for kind in TYPES if kind in used]
    return Lock(
        previous.created if previous is not None else now,
        {kind: stamp(old_types.get(kind), note_type_digest(kind)) for kind in kinds},
        {note.question_id: stamp(old_notes.get(note.question_id), note.digest) for note in deck.notes},
    )


def lock_path(deck_path: Path) -> Path:
    """`decks/x.fr.apkg` -> `decks/x.fr.lock.json`."""
    return deck_path.with_name(deck_path.name[: -len(".apkg")] + ".lock.json")


def read_lock(path: Path) -> Lock | None:
    return parse_lock(read_text(path), path) if path.is_file() else None


def build_time(now: int | None = None) -> int:
    """The time given new and edited notes: `now`, else $SOURCE_DATE_EPOCH, else the clock."""
    if now is not None:
        return now
    configured = source_date_epoch()
    return int(time.time()) if configured is None else configured


# ---------------------------------------------------------------- package


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


def note_type_model(kind: str, mtime: int) -> TimedModel:
    note_type = NOTE_TYPES[kind]
    return TimedModel(
        mtime,
        model_id=note_type.id,
        name=note_type.name,
        fields=[{"name": name} for name in FIELDS],
        templates=templates(kind),
        css=css(),
        model_type=genanki.Model.CLOZE if kind == "cloze" else genanki.Model.FRONT_BACK,
        sort_field_index=SORT_FIELD,
    )


def build_package(deck: DeckContent, lock: Lock, advance: Advance = ignore) -> genanki.Package:
    """The genanki package of `deck`, every note and note type stamped with its time from `lock`.

    `advance` is called as each note is written.
    """
    models = {kind: note_type_model(kind, stamp.mtime) for kind, stamp in lock.note_types.items()}
    anki_deck = genanki.Deck(deck.id, deck.name, deck.description)
    for position, note in enumerate(deck.notes, 1):
        anki_deck.add_note(
            TimedNote(
                lock.notes[note.question_id].mtime,
                advance,
                model=models[note.type],
                fields=list(note.fields),
                tags=list(note.tags),
                guid=note.guid,
                due=position,
            )
        )
    return genanki.Package(anki_deck)


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
    return zip_bytes([("collection.anki2", without_sqlite_version(collection)), ("media", b"{}")], lock.latest)


PINNED_SQLITE_SETTINGS = "PRAGMA page_size = 4096; PRAGMA auto_vacuum = NONE; PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF;"


def without_sqlite_version(database: bytes) -> bytes:
    """The database with the header's "SQLite version that last wrote the file" zeroed.

    SQLite keeps that number for information only (offset 96, four bytes);
    zeroed, machines with another SQLite build the same bytes.
    """
    return database[:96] + bytes(4) + database[100:]


# ---------------------------------------------------------------- writing decks


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
    """Questions gone from the bank since the last build; an import never deletes their notes from Anki."""
    written: bool
    """False when the deck and its lock were already up to date."""

    def summary(self) -> str:
        changes = [(self.new, "new"), (self.updated, "updated"), (self.unchanged, "unchanged"), (self.removed, "removed")]
        state = ", ".join(f"{n} {word}" for n, word in changes if n) if self.written else "up to date"
        return f"{self.path}: {count(self.notes, 'note')}, {count(self.cards, 'card')} ({state})"


@dataclass(frozen=True)
class BuildReport:
    """The decks a command wrote, and the bank's warnings."""

    warnings: tuple[Problem, ...]
    decks: tuple[DeckReport, ...]
    derived_id: str | None = None
    """The warning of a bank without `deck.id` (identity.derived_id_warning), given on every build until it has one."""


def write_deck(bank: Bank, lang: str, path: Path, now: int | None = None) -> DeckReport:
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
    with progress(len(bank.questions), f"Building {path}") as advance:
        deck = deck_content(bank, bank.language(lang), advance)
        lock = relock(previous, deck, build_time(now))
        if lock.latest > LATEST_EPOCH:
            raise QuizgenError(f"{lock_file}: an edited note would be dated after {LATEST_EPOCH}; delete the lock file to start afresh")
        data = deck_bytes(deck, lock, advance)
    written = write_if_changed(lock_file, lock.to_json().encode("utf-8"))
    written = write_if_changed(path, data) or written
    old = previous.notes if previous is not None else {}
    changed = sum(stamp != old[key] for key, stamp in lock.notes.items() if key in old)
    new = sum(key not in old for key in lock.notes)
    removed = sum(key not in lock.notes for key in old)
    return DeckReport(path, len(deck.notes), deck.cards, new, changed, len(lock.notes) - new - changed, removed, written)


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


def build_decks(path: Path, out_dir: Path, now: int | None = None) -> BuildReport:
    """`quizgen build`: check the bank as `quizgen check` does, then write one deck per language into `out_dir`."""
    checked = check_bank(path)
    bank = checked.bank
    decks = tuple(write_deck(bank, lang, out_dir / f"{bank.slug}.{lang}.apkg", now) for lang in bank.languages)
    return BuildReport(checked.warnings, decks, derived_id_warning(bank))


def anki_deck(path: Path, lang: str | None, output: Path | None, now: int | None = None) -> BuildReport:
    """`quizgen anki`: write the deck of one language, to `output` or decks/SLUG.LANG.apkg."""
    loaded = load_bank(path)
    bank = loaded.bank
    lang = bank.language(lang)
    target = output if output is not None else Path("decks") / f"{bank.slug}.{lang}.apkg"
    return BuildReport(loaded.warnings, (write_deck(bank, lang, target, now),), derived_id_warning(bank))

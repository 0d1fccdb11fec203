"""Anki decks: what the cards hold, how notes keep their identity and times, and what Anki itself makes of the decks."""

from __future__ import annotations

import dataclasses
import hashlib
import html
import io
import json
import re
import shutil
import sqlite3
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest, ImportLogWithChanges
from anki.models import NotetypeId
from anki.notes import NoteFieldsCheckResult
from click.testing import CliRunner

from quizgen import anki, files, identity, present
from quizgen.anki import (
    FIELDS,
    NOTE_TYPES,
    Lock,
    Stamp,
    deck_bytes,
    deck_content,
    deck_key,
    lock_path,
    notetypes,
    package,
    parse_lock,
    relock,
    write_deck,
)
from quizgen.anki import notes as anki_notes
from quizgen.anki.notes import MAX_CLOZE
from quizgen.bank import load_bank
from quizgen.cli import cli
from quizgen.errors import QuizgenError
from quizgen.exports import anki_csv, base, qti, webquiz
from quizgen.files import LATEST_EPOCH
from quizgen.identity import web_link
from quizgen.model import TYPES, Bank, Cloze, Image, Match

from .conftest import BANKS, BUNDLED_BANK, ROOT

BANK_FORMAT = (ROOT / "docs" / "bank-format.md").read_text(encoding="utf-8")

T0 = 1_700_000_000
EVERY_TYPE = BANKS / "every-type.yaml"


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def collection(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Collection]:
    """A fresh, empty Anki collection."""
    col = Collection(str(tmp_path_factory.mktemp("anki") / "collection.anki2"))
    yield col
    col.close()


def import_deck(col: Collection, path: Path) -> ImportLogWithChanges:
    """Import with the options Anki's import dialog starts with."""
    return col.import_anki_package(ImportAnkiPackageRequest(package_path=str(path), options=ImportAnkiPackageOptions()))


def note_ids(col: Collection, question_id: str) -> list[int]:
    """The notes of a question, in every language."""
    return list(col.find_notes(f"Id:{question_id}@*"))


def visible(rendered: str) -> str:
    """The text a rendered card side shows: no style sheet, no tags, entities decoded."""
    without_code = re.sub(r"<(style|script)>.*?</\1>", "", rendered, flags=re.DOTALL)
    return html.unescape(re.sub(r"<[^>]+>", "", without_code)).strip()


def assert_renders(col: Collection) -> None:
    for card_id in col.find_cards(""):
        card = col.get_card(card_id)
        for side in (card.question(), card.answer()):
            assert "template has a problem" not in side
            assert visible(side)


def package_tables(data: bytes, tmp_path: Path) -> tuple[dict[str, dict[str, object]], list[tuple[str, int, int]]]:
    """The decks (by id) and notes (guid, mod, model id) inside an .apkg."""
    database = tmp_path / "inside.anki2"
    database.write_bytes(zipfile.ZipFile(io.BytesIO(data)).read("collection.anki2"))
    connection = sqlite3.connect(database)
    try:
        decks = json.loads(connection.execute("SELECT decks FROM col").fetchone()[0])
        notes = connection.execute("SELECT guid, mod, mid FROM notes ORDER BY id").fetchall()
    finally:
        connection.close()
    return decks, notes


def edited(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the every-type bank with one text changed."""
    text = EVERY_TYPE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "every-type.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    shutil.copy(EVERY_TYPE.parent / "every-type-sun.png", tmp_path)
    return path


# ---------------------------------------------------------------- cards in Anki


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_type_imports_into_anki_with_one_note_per_question(
    collection: Collection, every_type_bank: Bank, tmp_path: Path, lang: str
) -> None:
    path = tmp_path / f"every-type.{lang}.apkg"
    write_deck(every_type_bank, lang, path, now=T0)
    log = import_deck(collection, path).log
    assert (len(log.new), collection.note_count(), collection.card_count()) == (8, 8, 9)  # the cloze has two deletions
    assert_renders(collection)
    for question in every_type_bank.questions:
        (note_id,) = note_ids(collection, question.id)
        note = collection.get_note(note_id)
        root = {"en": "quizgen::every-type", "fr": "quizgen::tous-les-types"}[lang]  # the deck's name in its language
        tags = [f"{root}::{tag}" for tag in question.tags] + [
            f"{root}::type::{question.type}",
            f"{root}::difficulty::{question.difficulty}",
        ]
        assert sorted(note.tags) == sorted(tags)
        assert (note.note_type() or {}).get("name") == NOTE_TYPES[question.type].name
        assert (note["Id"], note["Lang"], note["Points"]) == (f"{question.id}@{lang}", lang, f"{question.points:g}")


def test_cards_show_what_the_issue_asks(collection: Collection, every_type_bank: Bank, tmp_path: Path) -> None:
    write_deck(every_type_bank, "fr", tmp_path / "every.fr.apkg", now=T0)
    import_deck(collection, tmp_path / "every.fr.apkg")

    def sides(question_id: str, ordinal: int = 0) -> tuple[str, str]:
        card = next(card for card in map(collection.get_card, collection.find_cards(f"Id:{question_id}@fr")) if card.ord == ordinal)
        return visible(card.question()), visible(card.answer())

    front, back = sides("capital-mcq")
    assert re.search(r"A\S+B\S+C\S+D", front) and "✓" not in front
    assert "✓" in back and "Paris est la capitale." in back
    assert "Paris is the capital of France." in back and "A short text about tests" in back
    assert sides("earth-flat-tf")[0].endswith("VraiFaux") and "Faux" in sides("earth-flat-tf")[1]
    assert "[…] dollars" in sides("investment-numeric")[0]
    assert "200\u202f000\u202f000 dollars" in sides("investment-numeric")[1]
    assert "ou Hugo" in sides("author-short")[1]
    front, back = sides("motto-cloze", 0)
    assert "[un mot pour l'équité]" in front and "fraternité" in front and "égalité" in back
    assert "[...]" in sides("motto-cloze", 1)[0]


def test_html_in_the_bank_shows_as_text(collection: Collection, hostile_bank: Bank, tmp_path: Path) -> None:
    write_deck(hostile_bank, "en", tmp_path / "hostile.apkg", now=T0)
    import_deck(collection, tmp_path / "hostile.apkg")
    assert_renders(collection)
    (card_id,) = collection.find_cards("Id:html-prompt@en")
    card = collection.get_card(card_id)
    assert "What does &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; or &lt;b&gt;bold&lt;/b&gt; do?" in card.question()
    assert "<script>alert" not in card.question() + card.answer() and "<b>bold" not in card.question() + card.answer()
    assert "What does <script>alert('x')</script> or <b>bold</b> do?" in visible(card.question())
    assert "<b>bold</b>✓" in visible(card.answer()) and "Shown literally: <script>alert('y')</script>" in visible(card.answer())


def test_the_bundled_bank_imports_in_both_languages_with_no_note_flagged_duplicate(
    collection: Collection, bundled_bank: Bank, tmp_path: Path
) -> None:
    for lang in bundled_bank.languages:
        write_deck(bundled_bank, lang, tmp_path / f"viva.{lang}.apkg", now=T0)
        import_deck(collection, tmp_path / f"viva.{lang}.apkg")
    assert (collection.note_count(), collection.card_count()) == (2 * 66, 2 * 74)
    names = {deck.name for deck in collection.decks.all_names_and_ids()}
    assert {"Viva Technology 2016 (fr)", "Viva Technology 2016 (en)"} <= names
    assert_renders(collection)
    notes = [collection.get_note(note_id) for note_id in collection.find_notes("")]
    assert {note.fields_check() for note in notes} == {NoteFieldsCheckResult.NORMAL}
    assert all(tag.startswith("quizgen::viva-technology-2016::") for note in notes for tag in note.tags)


# ---------------------------------------------------------------- updates


@pytest.mark.parametrize("rebuilt_at", [T0, T0 + 3600], ids=["same-clock", "an-hour-later"])
def test_an_edited_question_updates_its_note_and_keeps_its_reviews(collection: Collection, tmp_path: Path, rebuilt_at: int) -> None:
    deck = tmp_path / "decks" / "every.en.apkg"
    write_deck(load_bank(EVERY_TYPE).bank, "en", deck, now=T0)
    import_deck(collection, deck)
    deck_id = collection.decks.id_for_name("Every type")
    assert deck_id is not None
    collection.decks.select(deck_id)
    card = collection.sched.getCard()
    assert card is not None and card.note()["Id"] == "capital-mcq@en"
    collection.sched.answerCard(card, 3)
    reviewed = collection.get_card(card.id)

    bank = load_bank(edited(tmp_path, "Which city is the capital of France?", "Which city is France's capital?")).bank
    report = write_deck(bank, "en", deck, now=rebuilt_at)
    assert (report.updated, report.unchanged, report.new) == (1, 7, 0)
    log = import_deck(collection, deck).log

    assert [note.fields[0] for note in log.updated] == ["capital-mcq@en"]
    assert (len(log.new), len(log.conflicting), collection.note_count(), collection.card_count()) == (0, 0, 8, 9)
    (note_id,) = note_ids(collection, "capital-mcq")
    assert collection.get_note(note_id)["Prompt"] == "Which city is France&#x27;s capital?"
    after = collection.get_card(card.id)
    assert (after.reps, after.ivl, after.type, after.due) == (reviewed.reps, reviewed.ivl, reviewed.type, reviewed.due) != (0, 0, 0, 0)
    assert collection.db is not None
    assert collection.db.scalar("SELECT count() FROM revlog WHERE cid = ?", card.id) == 1


def test_a_changed_style_sheet_updates_the_note_types_without_conflicts(
    collection: Collection, every_type_bank: Bank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deck = tmp_path / "every.en.apkg"
    write_deck(every_type_bank, "en", deck, now=T0)
    import_deck(collection, deck)
    teal = notetypes.css() + ".prompt { color: teal; }\n"
    monkeypatch.setattr(notetypes, "css", lambda: teal)
    monkeypatch.setattr(package, "css", lambda: teal)
    report = write_deck(every_type_bank, "en", deck, now=T0 + 60)
    assert (report.updated, report.unchanged, report.written) == (0, 8, True)
    log = import_deck(collection, deck).log
    assert (len(log.new), len(log.updated), len(log.conflicting)) == (0, 0, 0)
    assert all("teal" in (collection.models.get(NotetypeId(NOTE_TYPES[kind].id)) or {}).get("css", "") for kind in TYPES)


def test_guids_come_from_the_deck_id_language_and_question_id_only(tmp_path: Path) -> None:
    before = deck_content(load_bank(EVERY_TYPE).bank, "en")
    after = deck_content(load_bank(edited(tmp_path, "Which city is the capital of France?", "Capital?")).bank, "en")
    assert [note.guid for note in before.notes] == [note.guid for note in after.notes]
    assert before.notes[0].digest != after.notes[0].digest
    french = deck_content(load_bank(EVERY_TYPE).bank, "fr")
    assert not {note.guid for note in before.notes} & {note.guid for note in french.notes}


def test_each_language_has_its_own_deck_id(every_type_bank: Bank, bundled_bank: Bank, tmp_path: Path) -> None:
    english, french = (deck_content(every_type_bank, lang) for lang in ("en", "fr"))
    assert english.id == every_type_bank.deck.id == 1400000001 != french.id
    assert (english.name, french.name) == ("Every type", "Tous les types")
    lock = relock(None, french, T0)
    decks, _ = package_tables(deck_bytes(french, lock), tmp_path)
    assert decks[str(french.id)]["name"] == "Tous les types"
    assert [deck_content(bundled_bank, lang).name for lang in ("fr", "en")] == ["Viva Technology 2016 (fr)", "Viva Technology 2016 (en)"]


# ---------------------------------------------------------------- times and bytes


def test_relock_keeps_unchanged_times_and_moves_changed_ones_forward(every_type_bank: Bank) -> None:
    deck = deck_content(every_type_bank, "en")
    first = relock(None, deck, T0)
    assert first.created == T0 and {stamp.mtime for stamp in first.notes.values()} == {T0}
    assert relock(first, deck, T0 + 999) == first
    old = dict(first.notes)
    old["capital-mcq"] = Stamp("changed", T0 + 50)
    old["earth-flat-tf"] = Stamp("changed", T0 + 10)
    del old["author-short"]
    old["gone"] = Stamp("x", T0)
    second = relock(Lock(T0, first.note_types, old), deck, T0 + 20)
    times = {key: stamp.mtime for key, stamp in second.notes.items()}
    assert (times["capital-mcq"], times["earth-flat-tf"], times["author-short"], times["motto-cloze"]) == (T0 + 51, T0 + 20, T0 + 20, T0)
    assert "gone" not in second.notes and second.created == T0 and second.latest == T0 + 51


def test_rebuilding_an_unchanged_bank_gives_the_same_bytes(every_type_bank: Bank, tmp_path: Path) -> None:
    first = write_deck(every_type_bank, "fr", tmp_path / "a" / "every.fr.apkg", now=T0)
    (tmp_path / "b").mkdir()
    shutil.copy(tmp_path / "a" / "every.fr.lock.json", tmp_path / "b")
    second = write_deck(every_type_bank, "fr", tmp_path / "b" / "every.fr.apkg", now=T0 + 86400)
    assert (tmp_path / "a" / "every.fr.apkg").read_bytes() == (tmp_path / "b" / "every.fr.apkg").read_bytes()
    again = write_deck(every_type_bank, "fr", tmp_path / "a" / "every.fr.apkg", now=T0 + 86400)
    assert (first.written, second.written, again.written) == (True, True, False)
    assert again.summary() == f"{tmp_path / 'a' / 'every.fr.apkg'}: 8 notes, 9 cards (up to date)"


def test_source_date_epoch_makes_a_first_build_reproducible(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(T0))
    for folder in ("a", "b"):
        assert run("anki", str(EVERY_TYPE), "-o", str(tmp_path / folder / "every.apkg"))[0] == 0
    data = (tmp_path / "a" / "every.apkg").read_bytes()
    assert data == (tmp_path / "b" / "every.apkg").read_bytes()
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert [(entry.filename, entry.date_time, entry.compress_type) for entry in archive.infolist()] == [
        ("collection.anki2", time.gmtime(T0)[:6], zipfile.ZIP_STORED),
        ("media", time.gmtime(T0)[:6], zipfile.ZIP_STORED),
        ("0", time.gmtime(T0)[:6], zipfile.ZIP_STORED),  # the sun of planets-order
    ]
    _, notes = package_tables(data, tmp_path)
    assert {mod for _, mod, _ in notes} == {T0}


@pytest.mark.parametrize("value", ["soon", "-5", "²", "1_000", " 5", "99999999999999999999", "5000000000", str(LATEST_EPOCH + 1)])
def test_a_bad_source_date_epoch_is_refused(tmp_path: Path, value: str) -> None:
    message = f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, from 0 to {LATEST_EPOCH}; found {value!r}"
    for command in (["anki", "-o", str(tmp_path / "x.apkg")], ["build", "--out-dir", str(tmp_path)]):
        assert run(command[0], str(EVERY_TYPE), *command[1:], env={"SOURCE_DATE_EPOCH": value}) == (1, "", f"Error: {message}\n")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("epoch", "date"), [("0", (1980, 1, 1, 0, 0, 0)), (str(LATEST_EPOCH), (2106, 2, 7, 6, 28, 14))], ids=["earliest", "latest"]
)
def test_the_deck_is_a_stored_zip_dated_within_what_zip_can_hold(tmp_path: Path, epoch: str, date: tuple[int, ...]) -> None:
    assert run("anki", str(EVERY_TYPE), "-o", str(tmp_path / "x.apkg"), env={"SOURCE_DATE_EPOCH": epoch})[0] == 0
    with zipfile.ZipFile(tmp_path / "x.apkg") as archive:
        assert {(entry.date_time, entry.compress_type) for entry in archive.infolist()} == {(date, zipfile.ZIP_STORED)}
    _, notes = package_tables((tmp_path / "x.apkg").read_bytes(), tmp_path)
    assert {mod for _, mod, _ in notes} == {int(epoch)}


def test_notes_carry_their_own_times_and_ids_count_from_the_first_build(every_type_bank: Bank, tmp_path: Path) -> None:
    deck = deck_content(every_type_bank, "en")
    lock = relock(None, deck, T0)
    lock = Lock(lock.created, lock.note_types, {**lock.notes, "earth-flat-tf": Stamp("new", T0 + 7, "truefalse")})
    _, notes = package_tables(deck_bytes(deck, lock), tmp_path)
    assert [mod for _, mod, _ in notes] == [T0, T0, T0 + 7, T0, T0, T0, T0, T0]
    assert [guid for guid, _, _ in notes] == [note.guid for note in deck.notes]
    assert [model for _, _, model in notes] == [NOTE_TYPES[question.type].id for question in every_type_bank.questions]


def test_no_temporary_file_is_left_behind(every_type_bank: Bank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(scratch))
    write_deck(every_type_bank, "en", tmp_path / "out" / "every.en.apkg", now=T0)
    assert list(scratch.iterdir()) == []
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == ["every.en.apkg", "every.en.lock.json"]


def test_a_lock_file_that_cannot_be_written_leaves_the_previous_deck(tmp_path: Path) -> None:
    deck = tmp_path / "every.apkg"
    write_deck(load_bank(EVERY_TYPE).bank, "en", deck, now=T0)
    before = deck.read_bytes()
    lock_path(deck).unlink()
    lock_path(deck).mkdir()
    bank = edited(tmp_path, "Which city is the capital of France?", "Capital?")
    code, stdout, stderr = run("anki", str(bank), "-o", str(deck), env={"SOURCE_DATE_EPOCH": str(T0 + 60)})
    assert (code, stdout, stderr) == (1, "", f"Error: {lock_path(deck)} is a folder; give a file name\n")
    assert deck.read_bytes() == before


def test_a_note_dated_at_the_last_time_cannot_be_edited_again(every_type_bank: Bank, tmp_path: Path) -> None:
    deck = tmp_path / "every.apkg"
    write_deck(every_type_bank, "en", deck, now=LATEST_EPOCH)
    bank = load_bank(edited(tmp_path, "Which city is the capital of France?", "Capital?")).bank
    with pytest.raises(QuizgenError) as caught:
        write_deck(bank, "en", deck, now=LATEST_EPOCH)
    assert str(caught.value) == (
        f"{lock_path(deck)}: an edited note would be dated after {LATEST_EPOCH}; delete the lock file to start afresh"
    )
    assert parse_lock(lock_path(deck).read_text(encoding="utf-8"), lock_path(deck)).latest == LATEST_EPOCH


def test_a_failed_build_leaves_the_previous_deck_and_lock(every_type_bank: Bank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    deck = tmp_path / "every.en.apkg"
    write_deck(every_type_bank, "en", deck, now=T0)
    before = deck.read_bytes(), lock_path(deck).read_bytes()

    def broken(*args: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr("sqlite3.connect", broken)
    bank = load_bank(edited(tmp_path, "Which city is the capital of France?", "Capital?")).bank
    with pytest.raises(QuizgenError, match="cannot build the deck 'Every type': disk I/O error"):
        write_deck(bank, "en", deck, now=T0 + 60)
    assert (deck.read_bytes(), lock_path(deck).read_bytes()) == before


# ---------------------------------------------------------------- lock file


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("not json", "Expecting value: line 1 column 1 (char 0)"),
        ('{"version": 3}', "version 3, quizgen reads versions 1 and 2"),
        ("[" * 100_000 + "]" * 100_000, "brackets nested too deeply: the file is damaged"),
        (
            '{"version": 2, "created": 5, "note_types": {}, "notes": {"a": {"hash": "h", "mtime": 5, "type": "essay"}}}',
            "note type 'essay' is not one of mcq, multi, truefalse, short, numeric, cloze, match, order, short-typed, numeric-typed",
        ),
        (
            '{"version": 2, "created": 5, "note_types": {}, "notes": {"a": {"hash": "h", "mtime": 5, "type": "cloze", "clozes": [true]}}}',
            "clozes [True] is not a list of numbers",
        ),
        ('{"version": 1, "created": 5, "notes": {}}', "missing 'note_types'"),
        ('{"version": 1, "created": true, "note_types": {}, "notes": {}}', f"True is not a time in seconds from 0 to {LATEST_EPOCH}"),
        ('{"version": 1, "created": -5, "note_types": {}, "notes": {}}', f"-5 is not a time in seconds from 0 to {LATEST_EPOCH}"),
        ('{"version": 1, "created": 5.0, "note_types": {}, "notes": {}}', f"5.0 is not a time in seconds from 0 to {LATEST_EPOCH}"),
        (
            '{"version": 1, "created": 99999999999999999, "note_types": {}, "notes": {}}',
            f"99999999999999999 is not a time in seconds from 0 to {LATEST_EPOCH}",
        ),
        (
            '{"version": 1, "created": 5, "note_types": {}, "notes": {"a": {"hash": "h", "mtime": 4294967296}}}',
            f"4294967296 is not a time in seconds from 0 to {LATEST_EPOCH}",
        ),
        ('{"version": 1, "created": 5, "note_types": {}, "notes": {"a": {"hash": "h"}}}', "missing 'mtime'"),
        ('{"version": 1, "created": 5, "note_types": [], "notes": {}}', "'list' object has no attribute 'items'"),
    ],
)
def test_a_damaged_lock_file_is_refused_with_the_way_out(text: str, reason: str) -> None:
    with pytest.raises(QuizgenError) as caught:
        parse_lock(text, Path("decks/x.fr.lock.json"))
    assert str(caught.value) == (
        f"decks/x.fr.lock.json is not a quizgen lock file ({reason}); delete it to start afresh: "
        "every note then counts as changed, and Anki updates each one once"
    )


def test_the_lock_file_round_trips_with_one_line_per_note(every_type_bank: Bank) -> None:
    lock = relock(None, deck_content(every_type_bank, "en"), T0)
    text = lock.to_json()
    assert parse_lock(text, Path("x")) == lock
    assert f'    "capital-mcq": {{"hash": "{lock.notes["capital-mcq"].hash}", "mtime": {T0}, "type": "mcq"}},\n' in text
    assert f'    "motto-cloze": {{"hash": "{lock.notes["motto-cloze"].hash}", "mtime": {T0}, "type": "cloze", "clozes": [1, 2]}},\n' in text
    assert json.loads(text)["version"] == 2


@pytest.mark.parametrize(
    ("deck", "lock"),
    [("decks/viva.fr.apkg", "decks/viva.fr.lock.json"), ("out.apkg", "out.lock.json"), ("a.b/Deck.APKG", "a.b/Deck.lock.json")],
)
def test_the_lock_file_sits_beside_its_deck(deck: str, lock: str) -> None:
    assert lock_path(Path(deck)) == Path(lock)


# ---------------------------------------------------------------- building blocks


@pytest.mark.parametrize(
    ("module", "name", "shared"),
    [
        (anki_notes, "letter", present.letter),
        (anki_notes, "mixed", present.scrambled),
        (anki_notes, "escaped", present.html_text),
        (anki_notes, "deck_id", identity.deck_id),
        (anki_notes, "deck_name", identity.deck_name),
        (package, "zipped", files.zip_bytes),
        (anki_csv, "escaped", present.html_text),
        (anki_csv, "note_guid", identity.note_guid),
        (qti, "html_text", present.html_text),
        (base, "zip_bytes", files.zip_bytes),
        (base, "zip_date", files.source_date_epoch),
        (webquiz, "web_link", identity.web_link),
    ],
)
def test_shared_helpers_have_one_definition(module: ModuleType, name: str, shared: object) -> None:
    assert getattr(module, name, shared) is shared, f"{module.__name__}.{name} is a copy of {shared}"


def test_choices_are_lettered_in_capitals_and_items_never_in_their_right_order(tmp_path: Path) -> None:
    items = ", ".join(f"i{number}" for number in range(26))
    questions = "".join(f"  - {{id: q{seed}, type: order, prompt: P, items: [{items}]}}\n" for seed in range(20))
    bank = tmp_path / "bank.yaml"
    bank.write_text(f"title: T\nquestions:\n{questions}", encoding="utf-8")
    for note in deck_content(load_bank(bank).bank, "en").notes:
        front = note.fields[FIELDS.index("Body")]
        keys = re.findall(r'<span class="key">(\w+)</span><span class="text">i(\d+)</span>', front)
        assert [key for key, _ in keys] == [chr(ord("A") + shown) for shown in range(26)]
        assert sorted(int(item) for _, item in keys) == list(range(26)) != [int(item) for _, item in keys]


def test_note_fields_are_planned_once_for_every_type() -> None:
    design = BANK_FORMAT.split("**Anki fields, fixed for good.**")[1].split("Templates and CSS")[0]
    assert tuple(re.findall(r"`(\w+)`", design)) == FIELDS
    assert len(FIELDS) == 16 and FIELDS[0] == "Id"
    assert sorted(NOTE_TYPES) == sorted([*TYPES, "short-typed", "numeric-typed"])
    assert len({note_type.id for note_type in NOTE_TYPES.values()}) == len(NOTE_TYPES)
    assert len({note_type.name for note_type in NOTE_TYPES.values()}) == len(NOTE_TYPES)


@pytest.mark.parametrize(
    ("source", "link"),
    [
        ("{title: S, url: 'https://example.org/a?b=1&c=2'}", "https://example.org/a?b=1&amp;c=2"),
        ("{title: S, url: 'http://example.org/\"><script>x</script>'}", "http://example.org/&quot;&gt;&lt;script&gt;x&lt;/script&gt;"),
        ("{title: S}", ""),
    ],
)
def test_the_source_link_is_the_web_link_of_every_output(tmp_path: Path, source: str, link: str) -> None:
    path = tmp_path / "bank.yaml"
    path.write_text(f"title: T\nsource: {source}\nquestions:\n  - {{id: a, type: truefalse, prompt: P, answer: true}}\n")
    bank = load_bank(path).bank
    (note,) = deck_content(bank, "en").notes
    assert note.fields[FIELDS.index("SourceLink")] == link == html.escape(web_link(bank) or "")


# ---------------------------------------------------------------- commands


def test_build_writes_one_deck_per_language_then_reports_them_up_to_date(tmp_path: Path) -> None:
    out = tmp_path / "decks"
    expected = f"{out}/every-type.en.apkg: 8 notes, 9 cards (8 new)\n{out}/every-type.fr.apkg: 8 notes, 9 cards (8 new)\n"
    assert run("build", str(EVERY_TYPE), "--out-dir", str(out)) == (0, expected, "")
    assert run("build", str(EVERY_TYPE), "--out-dir", str(out)) == (0, expected.replace("(8 new)", "(up to date)"), "")
    assert sorted(path.name for path in out.iterdir()) == [
        "every-type.en.apkg",
        "every-type.en.lock.json",
        "every-type.fr.apkg",
        "every-type.fr.lock.json",
    ]


def test_build_reports_updated_and_removed_notes(tmp_path: Path) -> None:
    out = tmp_path / "decks"
    run("build", str(EVERY_TYPE), "--out-dir", str(out))
    text = EVERY_TYPE.read_text(encoding="utf-8").replace("Which city is the capital of France?", "Capital?")
    bank = tmp_path / "every-type.yaml"
    bank.write_text(text.split("  - id: planets-order")[0], encoding="utf-8")
    shutil.copy(EVERY_TYPE.parent / "every-type-source.txt", tmp_path)
    expected = (
        f"{out}/every-type.en.apkg: 7 notes, 8 cards, 1 withdrawn (1 updated, 6 unchanged, 1 removed)\n"
        f"{out}/every-type.fr.apkg: 7 notes, 8 cards, 1 withdrawn (7 unchanged, 1 removed)\n"
    )
    assert run("build", str(bank), "--out-dir", str(out)) == (0, expected, "")


def test_build_stops_on_the_errors_check_finds(tmp_path: Path) -> None:
    bank = tmp_path / "bank.yaml"
    bank.write_text(EVERY_TYPE.read_text(encoding="utf-8").replace("every-type-source.txt", "source.txt"), encoding="utf-8")
    (tmp_path / "source.txt").write_text("Nothing to see.\n", encoding="utf-8")
    shutil.copy(EVERY_TYPE.parent / "every-type-sun.png", tmp_path)
    code, stdout, stderr = run("build", str(bank), "--out-dir", str(tmp_path / "decks"))
    assert (code, stdout) == (1, "")
    assert stderr.startswith(f"{bank}:13: question 'capital-mcq': source excerpt not found in {tmp_path / 'source.txt'}")
    assert stderr.endswith(f"10 errors in {bank}\n")
    assert not (tmp_path / "decks").exists()


def test_build_prints_warnings_on_stderr(tmp_path: Path) -> None:
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        "title: T\ndeck: {id: 1234567890}\nquestions:\n  - {id: a, type: truefalse, prompt: P, answer: true, source: s}\n", encoding="utf-8"
    )
    assert run("build", str(bank), "--out-dir", str(tmp_path / "d")) == (
        0,
        f"{tmp_path}/d/t.en.apkg: 1 note, 1 card (1 new)\n",
        f"{bank}:4: question 'a': warning: no 'explanation': add a sentence or two to show after the answer\n"
        f"{bank}:4: question 'a': warning: a true/false answer is never shown word for word: "
        "mark it support: inferred, with an explanation saying why\n",
    )


def test_anki_writes_one_language_where_told(tmp_path: Path) -> None:
    target = tmp_path / "out" / "viva-en.apkg"
    assert run("anki", str(EVERY_TYPE), "--lang", "fr", "-o", str(target)) == (0, f"{target}: 8 notes, 9 cards (8 new)\n", "")
    assert sorted(path.name for path in target.parent.iterdir()) == ["viva-en.apkg", "viva-en.lock.json"]


def test_anki_writes_into_decks_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("anki", str(EVERY_TYPE)) == (0, "decks/every-type.en.apkg: 8 notes, 9 cards (8 new)\n", "")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--lang", "de"], f"Error: {EVERY_TYPE} has no 'de' texts; its languages are en, fr\n"),
        (["-o", "deck.zip"], "Error: deck.zip: an Anki deck file name must end in .apkg\n"),
    ],
)
def test_anki_refuses_bad_options(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("anki", str(EVERY_TYPE), *args) == (1, "", message)
    assert list(tmp_path.iterdir()) == []


def test_a_damaged_lock_stops_the_build(tmp_path: Path) -> None:
    (tmp_path / "every-type.en.lock.json").write_text("{", encoding="utf-8")
    code, stdout, stderr = run("build", str(EVERY_TYPE), "--out-dir", str(tmp_path))
    assert (code, stdout) == (1, "")
    assert stderr.startswith(f"Error: {tmp_path}/every-type.en.lock.json is not a quizgen lock file (")


@pytest.mark.parametrize("command", ["build", "anki"])
def test_help_has_an_example(command: str) -> None:
    code, stdout, _ = run(command, "--help")
    assert code == 0 and "Example:\n" in stdout and f"quizgen {command} questions.yaml" in stdout


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("stream", "threshold", "shown"), [(Terminal, 7, True), (io.StringIO, 7, False), (Terminal, 8, False)])
def test_a_progress_bar_shows_only_for_large_decks_on_a_terminal(
    every_type_bank: Bank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stream: type[io.StringIO], threshold: int, shown: bool
) -> None:
    monkeypatch.setattr(anki.build, "PROGRESS_THRESHOLD", threshold)  # the bank has 8 notes
    stderr = stream()
    monkeypatch.setattr("sys.stderr", stderr)
    write_deck(every_type_bank, "en", tmp_path / "every.apkg", now=T0)
    assert ("Building" in stderr.getvalue()) is shown


# ---------------------------------------------------------------- the committed decks


def test_the_committed_decks_are_up_to_date_with_the_bundled_bank(tmp_path: Path) -> None:
    committed = ROOT / "decks"
    bank = load_bank(BUNDLED_BANK).bank
    names = sorted(f"{deck_key(bank)}.{lang}.{kind}" for lang in bank.languages for kind in ("apkg", "lock.json"))
    assert sorted(path.name for path in committed.iterdir()) == names
    for lang in bank.languages:
        shutil.copy(committed / f"{deck_key(bank)}.{lang}.lock.json", tmp_path)
        write_deck(bank, lang, tmp_path / f"{deck_key(bank)}.{lang}.apkg", now=int(time.time()))
    stale = [name for name in names if (tmp_path / name).read_bytes() != (committed / name).read_bytes()]
    assert not stale, f"decks/ is out of date with questions.yaml ({', '.join(stale)}): run `quizgen build` in the repository root"


# ---------------------------------------------------------------- typed answers, pictures, hostile banks


def test_typed_decks_ask_short_and_numeric_answers_in_a_box(collection: Collection, tmp_path: Path) -> None:
    deck = tmp_path / "every.apkg"
    assert run("anki", str(EVERY_TYPE), "--typed", "-o", str(deck)) == (0, f"{deck}: 8 notes, 9 cards (8 new)\n", "")
    import_deck(collection, deck)
    for question_id, kind, answer in [("author-short", "short-typed", "Victor Hugo"), ("investment-numeric", "numeric-typed", "200000000")]:
        (note_id,) = note_ids(collection, question_id)
        note = collection.get_note(note_id)
        assert ((note.note_type() or {}).get("name"), note["AnswerText"]) == (NOTE_TYPES[kind].name, answer)
        card = note.cards()[0]
        assert "[[type:AnswerText]]" in card.question()  # the reviewer puts its answer box there
    (note_id,) = note_ids(collection, "capital-mcq")
    assert "[[type:" not in collection.get_note(note_id).cards()[0].question()


PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d4944415478da63f8cfc0f01f0005000201a0e6d5350000000049454e44ae426082"
)


def test_a_question_picture_goes_into_the_media_and_onto_the_card(collection: Collection, every_type_bank: Bank, tmp_path: Path) -> None:
    (tmp_path / "pictures").mkdir()
    (tmp_path / "pictures" / "paris.png").write_bytes(PNG)
    shutil.copy(BANKS / "every-type-sun.png", tmp_path)
    image = Image("pictures/paris.png", {"en": "A map of Paris", "fr": "Un plan de Paris"})
    first = dataclasses.replace(every_type_bank.questions[0], image=image)
    bank = dataclasses.replace(every_type_bank, questions=(first, *every_type_bank.questions[1:]), path=str(tmp_path / "bank.yaml"))
    write_deck(bank, "fr", tmp_path / "every.fr.apkg", now=T0)
    name = f"quizgen-{hashlib.sha256(PNG).hexdigest()[:20]}.png"
    with zipfile.ZipFile(tmp_path / "every.fr.apkg") as archive:
        media = {number: archive.read(number) for number, file in json.loads(archive.read("media")).items() if file == name}
        assert list(media.values()) == [PNG]
    import_deck(collection, tmp_path / "every.fr.apkg")
    assert (Path(collection.media.dir()) / name).read_bytes() == PNG
    (card_id,) = collection.find_cards("Id:capital-mcq@fr")
    assert f'<div class="image"><img src="{name}" alt="Un plan de Paris"></div>' in collection.get_card(card_id).question()


@pytest.mark.parametrize(
    ("file", "reason"),
    [
        ("missing.png", "'missing.png' cannot be read: "),
        ("../outside.png", "'../outside.png' is outside the bank's folder; put the file in the bank's folder"),
    ],
)
def test_a_picture_that_cannot_be_used_is_refused_where_the_bank_names_it(
    every_type_bank: Bank, tmp_path: Path, file: str, reason: str
) -> None:
    (tmp_path / "outside.png").write_bytes(PNG)
    (tmp_path / "bank").mkdir()
    first = dataclasses.replace(every_type_bank.questions[0], image=Image(file))
    bank = dataclasses.replace(every_type_bank, questions=(first,), path=str(tmp_path / "bank" / "bank.yaml"))
    with pytest.raises(QuizgenError) as caught:
        write_deck(bank, "en", tmp_path / "every.apkg", now=T0)
    assert str(caught.value).startswith(f"{tmp_path / 'bank' / 'bank.yaml'}:{first.line}: question 'capital-mcq': image {reason}")
    assert not (tmp_path / "every.apkg").exists()


def test_a_cloze_number_anki_cannot_import_is_refused(tmp_path: Path) -> None:
    bank = tmp_path / "bank.yaml"
    bank.write_text("title: T\nquestions:\n  - {id: big, type: cloze, text: 'A {{c70000::b}} c.'}\n", encoding="utf-8")
    assert run("anki", str(bank), "-o", str(tmp_path / "x.apkg")) == (
        1,
        "",
        f"Error: {bank}:3: question 'big': cloze number c70000 is more than Anki can import; "
        f"number the blanks from c1 (Anki takes c1 to c{MAX_CLOZE})\n",
    )
    assert list(tmp_path.iterdir()) == [bank]


@pytest.mark.parametrize(
    ("names", "files"),
    [
        (["Викторина", "测验"], ["quizgen-{0}.en.apkg", "quizgen-{1}.en.apkg"]),
        (
            ["Quiz " + "word " * 60 + "one", "Quiz " + "word " * 60 + "two"],
            ["quiz" + "-word" * 15 + "-{0}.en.apkg", "quiz" + "-word" * 15 + "-{1}.en.apkg"],
        ),
    ],
    ids=["no-latin-letters", "long-titles"],
)
def test_deck_file_names_are_short_and_one_per_bank(tmp_path: Path, names: list[str], files: list[str]) -> None:
    ids = []
    for number, name in enumerate(names):
        bank = tmp_path / f"bank{number}.yaml"
        bank.write_text(
            f"title: {json.dumps(name)}\nquestions:\n  - {{id: a, type: truefalse, prompt: P, answer: true}}\n", encoding="utf-8"
        )
        loaded = load_bank(bank).bank
        ids.append(loaded.deck.id)
        assert run("build", str(bank), "--out-dir", str(tmp_path / "decks"))[0] == 0
        decks, _ = package_tables((tmp_path / "decks" / files[number].format(*ids if number else [ids[0], 0])).read_bytes(), tmp_path)
        assert decks[str(loaded.deck.id)]["name"] == name
    assert sorted(path.name for path in (tmp_path / "decks").glob("*.apkg")) == sorted(name.format(*ids) for name in files)


def test_match_distractors_shared_right_sides_excerpts_and_cloze_alternatives_reach_the_note(every_type_bank: Bank) -> None:
    questions = {question.id: question for question in every_type_bank.questions}
    match = questions["quotes-match"]
    assert isinstance(match, Match)
    pairs = ((match.pairs[0][0], {"en": "Descartes", "fr": "Descartes"}), (match.pairs[1][0], {"en": "Descartes", "fr": "Descartes"}))
    match = dataclasses.replace(
        match, pairs=pairs, distractors=({"en": "Kant", "fr": "Kant"},), pair_sources=("Descartes said it.", None), source="Quoted."
    )
    cloze = questions["motto-cloze"]
    assert isinstance(cloze, Cloze)
    cloze = dataclasses.replace(cloze, accept={1: {"en": ("equity", "fairness")}})
    bank = dataclasses.replace(every_type_bank, questions=(match, cloze))
    notes = {note.question_id: dict(zip(FIELDS, note.fields, strict=True)) for note in deck_content(bank, "en").notes}

    body = notes["quotes-match"]["Body"]
    assert sorted(re.findall(r'<span class="text">(Descartes|Kant)</span>', body)) == ["Descartes", "Kant"]  # each right side once
    descartes = re.search(r'<span class="key">(\w)</span><span class="text">Descartes</span>', body)
    assert descartes is not None
    rows = re.findall(r'<tr><td>.*?</td><td><span class="key">(\w)</span>', notes["quotes-match"]["Answer"])
    assert rows == [descartes.group(1)] * 2
    assert re.search(r"Matches nothing: \w Kant</div>$", notes["quotes-match"]["Answer"])
    assert notes["quotes-match"]["Source"] == "<p>Quoted.</p><p>Descartes said it.</p>"

    assert notes["motto-cloze"]["Answer"] == '<div class="also">Blank 1 also accepts: equity · fairness</div>'
    assert notes["motto-cloze"]["Accept"] == "c1: equity · fairness"


def test_a_bank_picture_reaches_the_deck_by_its_content(collection: Collection, tmp_path: Path) -> None:
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "Chart.PNG").write_bytes(PNG)
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        "title: T\nquestions:\n  - id: chart\n    type: truefalse\n    prompt: The chart rises.\n    answer: true\n"
        "    image: {file: images/Chart.PNG, alt: A rising line}\n",
        encoding="utf-8",
    )
    assert run("anki", str(bank), "-o", str(tmp_path / "t.apkg"))[:2] == (0, f"{tmp_path / 't.apkg'}: 1 note, 1 card (1 new)\n")
    import_deck(collection, tmp_path / "t.apkg")
    name = f"quizgen-{hashlib.sha256(PNG).hexdigest()[:20]}.png"
    assert (Path(collection.media.dir()) / name).read_bytes() == PNG
    (card_id,) = collection.find_cards("Id:chart@en")
    assert f'<img src="{name}" alt="A rising line">' in collection.get_card(card_id).answer()


@pytest.mark.parametrize(
    ("names", "lang", "key"),
    [
        ({"fr": "Viva Technology 2016 (fr)"}, "fr", "viva-technology-2016"),  # a bank exported as JSON keeps the added language
        ({"fr": "Cours (fr) avancé"}, "fr", "cours-fr-avance"),
        ({"en": "Every type", "fr": "Tous les types"}, "fr", "tous-les-types"),
    ],
)
def test_the_deck_key_is_the_deck_name_in_its_language(every_type_bank: Bank, names: dict[str, str], lang: str, key: str) -> None:
    bank = dataclasses.replace(every_type_bank, languages=tuple(names), deck=dataclasses.replace(every_type_bank.deck, name=names))
    assert deck_key(bank, lang) == key

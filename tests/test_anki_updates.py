"""Anki decks over a learner's real life, imported by Anki itself: reverts, withdrawn questions, type changes,
removed blanks, and the move from the first release's note types."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest, ImportLogWithChanges
from click.testing import CliRunner

from quizgen.anki import NOTE_TYPES
from quizgen.cli import cli

from .conftest import BANKS, ROOT

T0 = 1_700_000_000
EVERY_TYPE = BANKS / "every-type.yaml"
PROMPT = "Which city is the capital of France?"
V1 = ROOT / "tests" / "fixtures" / "anki-v1"


@pytest.fixture
def collection(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Collection]:
    col = Collection(str(tmp_path_factory.mktemp("anki") / "collection.anki2"))
    yield col
    col.close()


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    """A copy of the every-type bank, with its source, in a folder of its own."""
    folder = tmp_path / "work"
    folder.mkdir()
    for file in BANKS.glob("every-type*"):
        shutil.copy(file, folder)
    return folder / "every-type.yaml"


def edit(bank: Path, old: str, new: str) -> None:
    text = bank.read_text(encoding="utf-8")
    assert old in text
    bank.write_text(text.replace(old, new), encoding="utf-8")


def build(bank: Path, at: int) -> str:
    """`quizgen anki` of the English deck into decks/ beside the bank, at time `at`; its output."""
    result = CliRunner().invoke(cli, ["anki", str(bank), "-o", str(deck_of(bank))], env={"SOURCE_DATE_EPOCH": str(at)})
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    return result.stdout.replace(f"{deck_of(bank)}: ", "")


def deck_of(bank: Path) -> Path:
    return bank.parent / "decks" / "every-type.en.apkg"


def import_deck(col: Collection, path: Path, merge: bool = False) -> ImportLogWithChanges:
    options = ImportAnkiPackageOptions(merge_notetypes=merge, with_scheduling=True)
    return col.import_anki_package(ImportAnkiPackageRequest(package_path=str(path), options=options))


def changes(log: ImportLogWithChanges) -> dict[str, list[str]]:
    """What an import did, by the first field (the question id and language) of each note; unchanged notes left out."""
    parts = {"new": log.log.new, "updated": log.log.updated, "conflicting": log.log.conflicting}
    return {name: sorted(note.fields[0] for note in notes) for name, notes in parts.items() if notes}


def note(col: Collection, question_id: str) -> dict[str, str]:
    (note_id,) = col.find_notes(f"Id:{question_id}@en")
    found = col.get_note(note_id)
    return {**dict(found.items()), "tags": " ".join(found.tags), "type": (found.note_type() or {}).get("name", "")}


def review(col: Collection, question_id: str) -> tuple[int, int]:
    """Answer the question's first card Good once; its review count and interval."""
    (card_id,) = col.find_cards(f"Id:{question_id}@en card:1")
    card = col.get_card(card_id)
    card.start_timer()
    col.sched.answerCard(card, 3)
    reviewed = col.get_card(card_id)
    return reviewed.reps, reviewed.ivl


def reviews(col: Collection, question_id: str) -> tuple[int, int]:
    (card_id,) = col.find_cards(f"Id:{question_id}@en card:1")
    card = col.get_card(card_id)
    return card.reps, card.ivl


def git(folder: Path, *args: str) -> None:
    command = ["git", "-c", "user.name=Author", "-c", "user.email=author@example.org", "-c", "commit.gpgsign=false", *args]
    subprocess.run(command, cwd=folder, check=True, capture_output=True)


# ---------------------------------------------------------------- updates only move forward


@pytest.mark.parametrize("undo", ["revert", "stash"])
def test_an_edit_and_its_undoing_both_reach_learners(collection: Collection, bank: Path, undo: str) -> None:
    folder = bank.parent
    git(folder, "init", "-q")
    assert build(bank, T0) == "8 notes, 9 cards (8 new)\n"
    git(folder, "add", "-A")
    git(folder, "commit", "-qm", "bank and decks")
    import_deck(collection, deck_of(bank))

    edit(bank, PROMPT, "[MISTAKE] Which city?")
    assert build(bank, T0 + 60) == "8 notes, 9 cards (1 updated, 7 unchanged)\n"
    if undo == "revert":
        git(folder, "commit", "-qam", "a mistake")
    assert changes(import_deck(collection, deck_of(bank))) == {"updated": ["capital-mcq@en"]}
    assert note(collection, "capital-mcq")["Prompt"] == "[MISTAKE] Which city?"

    # The bank and the lock both go back to what they were before the mistake.
    git(folder, "revert", "--no-edit", "HEAD") if undo == "revert" else git(folder, "stash")
    assert PROMPT in bank.read_text(encoding="utf-8")
    assert build(bank, T0 + 120) == "8 notes, 9 cards (1 updated, 7 unchanged)\n"
    assert changes(import_deck(collection, deck_of(bank))) == {"updated": ["capital-mcq@en"]}
    assert note(collection, "capital-mcq")["Prompt"] == PROMPT
    assert build(bank, T0 + 180) == "8 notes, 9 cards (up to date)\n"


# ---------------------------------------------------------------- withdrawn questions


def test_a_removed_question_becomes_a_tombstone_learners_can_find(collection: Collection, bank: Path) -> None:
    build(bank, T0)
    import_deck(collection, deck_of(bank))
    text = bank.read_text(encoding="utf-8")
    bank.write_text(text.replace(text[text.index("  - id: motto-cloze") : text.index("  - id: quotes-match")], ""), encoding="utf-8")
    assert build(bank, T0 + 60) == "7 notes, 7 cards, 1 withdrawn (7 unchanged, 1 removed)\n"
    assert build(bank, T0 + 120) == "7 notes, 7 cards, 1 withdrawn (up to date)\n"

    assert changes(import_deck(collection, deck_of(bank))) == {"updated": ["motto-cloze@en"]}
    withdrawn = note(collection, "motto-cloze")
    assert (withdrawn["tags"], withdrawn["type"]) == ("quizgen::every-type::removed", NOTE_TYPES["cloze"].name)
    assert list(collection.find_notes("tag:quizgen::every-type::removed")) == list(collection.find_notes("Id:motto-cloze@en"))
    cards = [collection.get_card(card_id) for card_id in collection.find_cards("Id:motto-cloze@en")]
    assert [card.ord for card in cards] == [0, 1]
    assert all("This question was withdrawn from the deck." in card.question() for card in cards)
    assert "tag:quizgen::every-type::removed" in cards[0].answer()
    assert collection.get_empty_cards().notes == []  # a tombstone keeps every card it had

    bank.write_text(text, encoding="utf-8")  # the question comes back
    assert build(bank, T0 + 180) == "8 notes, 9 cards (1 updated, 7 unchanged)\n"
    assert changes(import_deck(collection, deck_of(bank)))["updated"] == ["motto-cloze@en"]
    assert note(collection, "motto-cloze")["tags"] != "quizgen::every-type::removed"


# ---------------------------------------------------------------- what the learner must do


def test_a_type_change_says_to_merge_note_types_and_the_merge_keeps_the_history(collection: Collection, bank: Path) -> None:
    build(bank, T0)
    import_deck(collection, deck_of(bank))
    history = review(collection, "capital-mcq")
    edit(bank, "type: mcq\n", "type: multi\n")
    edit(bank, "answer: Paris\n", "answers: [Paris, Lyon]\n")
    assert build(bank, T0 + 60) == (
        "8 notes, 9 cards (1 updated, 7 unchanged)\n"
        "1 question changed note type (capital-mcq): learners import this deck once with "
        '"Merge note types" ticked in the import options, or Anki skips those notes as conflicting\n'
    )
    assert changes(import_deck(collection, deck_of(bank)))["conflicting"] == ["capital-mcq@en"]
    assert note(collection, "capital-mcq")["type"] == NOTE_TYPES["mcq"].name
    assert changes(import_deck(collection, deck_of(bank), merge=True))["updated"] == ["capital-mcq@en"]
    assert note(collection, "capital-mcq")["type"] == NOTE_TYPES["multi"].name
    assert reviews(collection, "capital-mcq") == history != (0, 0)


def test_a_removed_blank_says_to_empty_cards(collection: Collection, bank: Path) -> None:
    build(bank, T0)
    import_deck(collection, deck_of(bank))
    edit(bank, "{{c2::fraternity}}", "fraternity")
    edit(bank, "{{c2::fraternité}}", "fraternité")
    edit(bank, "    accept: {c2: {en: [brotherhood]}}\n", "")
    assert build(bank, T0 + 60) == (
        "8 notes, 8 cards (1 updated, 7 unchanged)\n"
        "1 cloze question lost a blank (motto-cloze): learners run Tools > Empty Cards after importing, "
        "to delete the blank's card\n"
    )
    assert changes(import_deck(collection, deck_of(bank)))["updated"] == ["motto-cloze@en"]
    (empty,) = collection.get_empty_cards().notes
    assert [collection.get_card(card_id).ord for card_id in empty.card_ids] == [1]


# ---------------------------------------------------------------- from the first release's note types


def test_learners_of_the_first_release_move_over_with_merge_note_types(collection: Collection, bank: Path) -> None:
    decks = bank.parent / "decks"
    decks.mkdir()
    for name in ("every-type.en.apkg", "every-type.en.lock.json"):
        shutil.copy(V1 / name, decks)
    import_deck(collection, decks / "every-type.en.apkg")
    (old,) = collection.find_notes("Id:capital-mcq")  # the first release's Id had no language
    card = collection.get_note(old).cards()[0]
    card.start_timer()
    collection.sched.answerCard(card, 3)
    before = collection.get_card(card.id)

    assert build(bank, T0 + 60).splitlines() == [
        "8 notes, 9 cards (8 updated)",
        "8 questions changed note type (capital-mcq, countries-multi, earth-flat-tf, author-short, "
        'investment-numeric, …): learners import this deck once with "Merge note types" ticked in the import options, '
        "or Anki skips those notes as conflicting",
    ]
    assert len(changes(import_deck(collection, deck_of(bank)))["conflicting"]) == 8
    assert len(changes(import_deck(collection, deck_of(bank), merge=True))["updated"]) == 8
    assert (collection.note_count(), collection.card_count()) == (8, 9)
    after = collection.get_card(card.id)
    assert (after.reps, after.ivl, after.nid) == (before.reps, before.ivl, old)
    assert {name.name for name in collection.models.all_names_and_ids()} >= {
        NOTE_TYPES[kind].name for kind in NOTE_TYPES if "typed" not in kind
    }
    names = [name.name for name in collection.models.all_names_and_ids()]
    assert not [name for name in names if (name.startswith("quizgen ") and not name.startswith("quizgen · ")) or "+" in name]

    # From then on, plain imports update in place.
    edit(bank, PROMPT, "Which city is France's capital?")
    assert build(bank, T0 + 120) == "8 notes, 9 cards (1 updated, 7 unchanged)\n"
    assert changes(import_deck(collection, deck_of(bank))) == {"updated": ["capital-mcq@en"]}

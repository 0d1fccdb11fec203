"""The Anki text-import export: read back with Python's csv module, then imported (twice) by Anki itself."""

from __future__ import annotations

import csv
import html
import io
import shutil
from pathlib import Path
from typing import Any

import genanki
import pytest

from quizgen.anki import deck_content, write_deck
from quizgen.bank import load_bank
from quizgen.exports.anki_csv import to_csv
from quizgen.exports.base import feedback_lines
from quizgen.model import Bank, Cloze
from quizgen.present import answer_text, cloze_text, label, prompt_text

from .conftest import BANKS, BUNDLED_BANK

HEADERS = """\
#separator:tab
#html:true
#notetype:Basic
#deck:{deck}
#columns:GUID\tFront\tBack\tTags
#guid column:1
#tags column:4
"""


def rows(data: str) -> tuple[list[str], list[list[str]]]:
    """The header lines, and the records as the csv module reads them."""
    lines = data.splitlines(keepends=True)
    headers = [line for line in lines if line.startswith("#")][:7]
    assert lines[: len(headers)] == headers
    return headers, list(csv.reader(io.StringIO("".join(lines[len(headers) :])), delimiter="\t"))


def text(field: str) -> str:
    return html.unescape(field.replace("<br>", "\n").replace("</p><p>", "\n").replace("<p>", "").replace("</p>", ""))


@pytest.mark.parametrize(
    ("path", "lang", "deck"),
    [
        (BANKS / "every-type.yaml", "en", "Every type"),
        (BANKS / "every-type.yaml", "fr", "Tous les types"),
        (BANKS / "hostile.yaml", "en", "Hostile <b>text</b> & co"),
        (BUNDLED_BANK, "fr", "Viva Technology 2016 (fr)"),
    ],
)
def test_every_question_reads_back_as_a_note(path: Path, lang: str, deck: str) -> None:
    bank = load_bank(path).bank
    data = to_csv(bank, lang).data
    assert isinstance(data, str)
    headers, records = rows(data)
    assert "".join(headers) == HEADERS.format(deck=deck)
    assert len(records) == len(bank.questions)
    for record, question in zip(records, bank.questions, strict=True):
        guid, front, back, tags = record
        assert guid == genanki.guid_for(bank.deck.id, lang, question.id)
        asked = cloze_text(question.text[lang]) if isinstance(question, Cloze) else prompt_text(question, lang)
        assert asked in text(front)
        assert text(back).split("\n") == [
            label("answer_line", lang).format(answer=answer_text(question, lang)),
            *feedback_lines(bank, question, lang),
        ]
        assert tags == " ".join(question.tags)
    assert len({record[0] for record in records}) == len(records)


def test_the_guids_are_those_of_the_apkg_deck() -> None:
    bank = load_bank(BUNDLED_BANK).bank
    _, records = rows(str(to_csv(bank, "en").data))
    assert [record[0] for record in records] == [note.guid for note in deck_content(bank, "en").notes]


def test_bank_markup_is_escaped_html(hostile_bank: Bank) -> None:
    _, records = rows(str(to_csv(hostile_bank, "en").data))
    front = records[0][1]
    assert "<script" not in front and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in front
    assert front.startswith("<p>What does &lt;script&gt;")


def import_into(collection: Any, path: Path) -> Any:
    """What Anki's File > Import does with the file, taking every setting from its headers; returns Anki's log."""
    from anki.import_export_pb2 import ImportCsvRequest

    return collection.import_csv(ImportCsvRequest(path=str(path), metadata=collection.get_csv_metadata(str(path), None))).log


def test_anki_imports_the_file_and_a_second_import_updates_in_place(tmp_path: Path) -> None:
    anki_collection = pytest.importorskip("anki.collection")
    source = (BANKS / "every-type.yaml").read_text(encoding="utf-8")
    bank_path = tmp_path / "every-type.yaml"
    bank_path.write_text(source, encoding="utf-8")
    (tmp_path / "every-type-source.txt").write_text("", encoding="utf-8")
    shutil.copy(BANKS / "every-type-sun.png", tmp_path)
    export = tmp_path / "every-type.csv"
    export.write_text(str(to_csv(load_bank(bank_path).bank, "en").data), encoding="utf-8")
    collection = anki_collection.Collection(str(tmp_path / "collection.anki2"))
    try:
        import_into(collection, export)
        notes = [collection.get_note(note_id) for note_id in collection.find_notes("")]
        assert len(notes) == 8
        first = {note.guid: note for note in notes}[genanki.guid_for(1400000001, "en", "capital-mcq")]
        assert (first.note_type()["name"], first.tags, collection.decks.name(first.cards()[0].did)) == (
            "Basic",
            ["france", "geography"],
            "Every type",
        )
        assert first.fields[0].startswith("<p>Which city is the capital of France?</p>")

        bank_path.write_text(source.replace("Paris is the capital.", "Paris has been the capital since 987."), encoding="utf-8")
        export.write_text(str(to_csv(load_bank(bank_path).bank, "en").data), encoding="utf-8")
        import_into(collection, export)
        assert len(collection.find_notes("")) == 8
        assert "Paris has been the capital since 987." in collection.get_note(first.id).fields[1]
    finally:
        collection.close()


def test_in_a_collection_holding_the_apkg_notes_anki_reports_conflicts_and_changes_nothing(tmp_path: Path) -> None:
    anki_collection = pytest.importorskip("anki.collection")
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    bank = load_bank(BANKS / "every-type.yaml").bank
    write_deck(bank, "en", tmp_path / "every.apkg", now=1_700_000_000)
    export = tmp_path / "every-type.csv"
    export.write_text(str(to_csv(bank, "en").data), encoding="utf-8")
    collection = anki_collection.Collection(str(tmp_path / "collection.anki2"))
    try:
        collection.import_anki_package(
            ImportAnkiPackageRequest(package_path=str(tmp_path / "every.apkg"), options=ImportAnkiPackageOptions())
        )
        before = {note_id: collection.get_note(note_id).fields for note_id in collection.find_notes("")}
        log = import_into(collection, export)
        assert (len(log.new), len(log.updated), len(log.conflicting)) == (0, 0, 8)
        assert {note_id: collection.get_note(note_id).fields for note_id in collection.find_notes("")} == before
    finally:
        collection.close()

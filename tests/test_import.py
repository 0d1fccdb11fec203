"""`quizgen import`: quizgen's own exports come back as the same questions; other tools' files as the nearest ones, with notes."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizgen.bank import load_bank
from quizgen.cli import cli
from quizgen.exports import FORMATS
from quizgen.exports.base import prompt_with_unit
from quizgen.importers import import_file, slug_id
from quizgen.model import (
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
)
from quizgen.present import quoted

from .conftest import BANKS, BUNDLED_BANK


def answers(question: Question, lang: str) -> object:
    """What a question asks and accepts, in one language: the part an import must keep exactly."""
    if isinstance(question, MultipleChoice):
        return [choice[lang] for choice in question.choices], question.answer
    if isinstance(question, MultipleAnswer):
        return [choice[lang] for choice in question.choices], question.answers
    if isinstance(question, TrueFalse):
        return question.answer
    if isinstance(question, ShortAnswer):
        return list(dict.fromkeys([question.answer[lang], *(other[lang] for other in question.accept)]))
    if isinstance(question, Numeric):
        return [float(f"{value:.12g}") for value in (question.answer, *question.bounds)]
    if isinstance(question, Cloze):
        deletions = cloze_deletions(question.text[lang])
        return question.text[lang], [question.accepted(deletion.number, lang) for deletion in deletions]
    if isinstance(question, Match):
        return [(left[lang], right[lang]) for left, right in question.pairs], question.right_column(lang)
    assert isinstance(question, Order)
    return [item[lang] for item in question.items]


def same_questions(original: Bank, imported: Bank, lang: str, ids: list[str], hints: bool = True) -> None:
    by_id = {question.id: question for question in imported.questions}
    assert list(by_id) == ids
    for question in (question for question in original.questions if question.id in by_id):
        found = by_id[question.id]
        # A unit the format puts after the prompt may come back there: the learner reads the same words.
        assert (found.type, prompt_with_unit(found, lang)) == (question.type, prompt_with_unit(question, lang))
        assert answers(found, lang) == answers(question, lang), question.id
        assert (found.tags, found.points) == (question.tags, question.points if hints else 1)  # nor a weight
        assert (found.hint is None) == (question.hint is None or not hints)
        if hints or not isinstance(question, Order):  # GIFT's ordering question takes no feedback
            assert found.explanation == (question.explanation and {lang: question.explanation[lang]})
            # The export quotes the excerpt unless it has its own quotation marks: either way it reads the same.
            assert found.source is not None and question.source is not None
            assert quoted(found.source, lang) == quoted(question.source, lang)


ROUND_TRIPS = [
    pytest.param("moodle", BANKS / "every-type.yaml", "en", id="moodle-every-type-en"),
    pytest.param("moodle", BANKS / "every-type.yaml", "fr", id="moodle-every-type-fr"),
    pytest.param("moodle", BUNDLED_BANK, "fr", id="moodle-bundled-fr"),
    pytest.param("moodle", BUNDLED_BANK, "en", id="moodle-bundled-en"),
    pytest.param("gift", BANKS / "every-type.yaml", "en", id="gift-every-type-en"),
    pytest.param("gift", BANKS / "every-type.yaml", "fr", id="gift-every-type-fr"),
    pytest.param("gift", BUNDLED_BANK, "en", id="gift-bundled-en"),
    pytest.param("json", BANKS / "every-type.yaml", "en", id="json-every-type-en"),
    pytest.param("json", BUNDLED_BANK, "fr", id="json-bundled-fr"),
]


@pytest.mark.parametrize(("format_name", "bank_file", "lang"), ROUND_TRIPS)
def test_an_export_imports_back_to_the_same_questions(tmp_path: Path, format_name: str, bank_file: Path, lang: str) -> None:
    original = load_bank(bank_file).bank
    for picture in bank_file.parent.glob("every-type-*.png"):  # a JSON bank names its pictures beside it
        shutil.copy(picture, tmp_path / picture.name)
    exported = FORMATS[format_name].render(original, lang)
    source = tmp_path / f"export{FORMATS[format_name].extension}"
    source.write_text(str(exported.data), encoding="utf-8")
    imported = import_file(source, tmp_path / "bank.yaml", lang=lang)
    pictured = {question.id for question in original.questions if question.image is not None}
    assert {(note.question_id, note.message) for note in imported.notes} == {
        (question_id, "not carried: the picture in its text") for question_id in pictured if format_name == "moodle"
    }
    bank = load_bank(tmp_path / "bank.yaml").bank  # what `quizgen check` reads: it must load without an error
    assert (bank.languages, bank.no_source) == ((lang,), False)
    skipped = {skip.question.id for skip in exported.skipped}
    kept = [question.id for question in original.questions if question.id not in skipped]
    same_questions(original, bank, lang, kept, hints=format_name != "gift")  # GIFT has no place for a hint


def test_a_json_bank_s_picture_is_named_from_the_bank_written(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "sun.png").write_bytes((BANKS / "every-type-sun.png").read_bytes())
    bank = load_bank(BANKS / "every-type.yaml").bank
    order = next(question for question in bank.questions if question.image is not None)
    order = dataclasses.replace(order, image=dataclasses.replace(order.image, file="sun.png"))  # type: ignore[arg-type]
    (tmp_path / "in" / "bank.json").write_text(str(FORMATS["json"].render(dataclasses.replace(bank, questions=(order,)), "en").data))
    import_file(tmp_path / "in" / "bank.json", tmp_path / "bank.yaml")
    (imported,) = load_bank(tmp_path / "bank.yaml").bank.questions
    assert imported.image is not None and imported.image.file == "in/sun.png"


def test_a_json_bank_s_source_comes_in_with_its_text_named_from_the_bank_written(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    shutil.copy(BANKS / "every-type-source.txt", tmp_path / "in")
    bank = load_bank(BANKS / "every-type.yaml").bank
    questions = tuple(question for question in bank.questions if question.image is None)
    (tmp_path / "in" / "bank.json").write_text(str(FORMATS["json"].render(dataclasses.replace(bank, questions=questions), "en").data))
    import_file(tmp_path / "in" / "bank.json", tmp_path / "bank.yaml")
    imported = load_bank(tmp_path / "bank.yaml").bank
    assert imported.source is not None and (imported.source.file, imported.source.title["en"]) == (
        "in/every-type-source.txt",
        "A short text about tests",
    )
    assert imported.deck.id == bank.deck.id  # the notes of its Anki deck stay the same notes
    assert [question.source for question in imported.questions] == [question.source for question in questions]


def test_an_imported_bank_passes_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bank = load_bank(BUNDLED_BANK).bank
    (tmp_path / "quiz.xml").write_text(str(FORMATS["moodle"].render(bank, "en").data), encoding="utf-8")
    count = len(bank.questions)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(cli, ["import", "quiz.xml", "--lang", "en"], prog_name="quizgen")
    assert (result.exit_code, result.stdout, result.stderr) == (0, f"Wrote quiz.yaml: {count} questions from Moodle XML (0 notes)\n", "")
    check = runner.invoke(cli, ["check", "quiz.yaml"], prog_name="quizgen")
    assert check.exit_code == 0 and check.stdout.startswith(f"quiz.yaml: {count} questions, 0 errors"), check.output


MOODLE = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/top/Biology//Cells</text></category></question>
  <question type="essay">
    <name><text>Describe a cell</text></name>
    <questiontext format="html"><text>Describe a cell.</text></questiontext>
  </question>
  <question type="multichoice">
    <name><text>Organelle</text></name>
    <questiontext format="html"><text><![CDATA[<p>Which is an <b>organelle</b>? <img src="@@PLUGINFILE@@/cell.png"></p>]]></text>
      <file name="cell.png" path="/" encoding="base64">iVBORw0KGgo=</file></questiontext>
    <single>true</single>
    <answer fraction="100"><text>Nucleus</text><feedback><text>Yes.</text></feedback></answer>
    <answer fraction="50"><text>Membrane</text></answer>
    <answer fraction="0"><text>Wall</text></answer>
  </question>
  <question type="shortanswer">
    <name><text>Cell unit</text></name>
    <questiontext format="plain_text"><text>The unit of life?</text></questiontext>
    <usecase>1</usecase>
    <answer fraction="100"><text>cell*</text></answer>
  </question>
  <question type="numerical">
    <name><text>Size</text></name>
    <questiontext format="html"><text>Size of a cell in µm?</text></questiontext>
    <answer fraction="100"><text>10</text><tolerance>5</tolerance></answer>
    <units><unit><multiplier>1</multiplier><unit_name>µm</unit_name></unit><unit><multiplier>1000</multiplier><unit_name>nm</unit_name></unit></units>
  </question>
  <question type="cloze">
    <name><text>Parts</text></name>
    <questiontext format="html"><text>A cell has a {1:MULTICHOICE:=nucleus~wall} and a {1:SA:=membrane~%50%skin}.</text></questiontext>
  </question>
  <question type="calculated">
    <name><text>Area</text></name>
    <questiontext format="html"><text>Area of {r}?</text></questiontext>
  </question>
</quiz>
"""


def test_what_moodle_has_and_quizgen_lacks_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "cells.xml"
    path.write_text(MOODLE, encoding="utf-8")
    imported = import_file(path, tmp_path / "cells.yaml")
    assert [str(note).removeprefix(f"{path}:") for note in imported.notes] == [
        "4: question 'describe-a-cell': not imported: a Moodle essay question has no quizgen type",
        "8: question 'organelle': not carried: the picture in its text",
        "8: question 'organelle': not carried: partial credit (50 %)",
        "17: question 'cell-unit': not carried: the wildcard * in the answer 'cell*'",
        "17: question 'cell-unit': not carried: case-sensitive grading (quizgen ignores case)",
        "23: question 'size': not carried: the units other than 'µm'",
        "29: question 'parts': not carried: blank 1 is a MULTICHOICE blank: it becomes a typed answer",
        "29: question 'parts': not carried: partial credit in blank 2",
        "33: question 'area': not imported: a Moodle calculated question has no quizgen type",
    ]
    bank = load_bank(tmp_path / "cells.yaml").bank
    assert bank.title["en"] == "Biology/Cells"  # Moodle reads // in a category path as a slash in one name
    assert bank.no_source  # no question quotes an excerpt: the bank says it is not written from a text
    organelle, unit, size, parts = bank.questions
    assert isinstance(organelle, MultipleChoice) and (organelle.prompt, organelle.answer) == ({"en": "Which is an organelle?"}, 0)
    assert isinstance(unit, ShortAnswer) and unit.answer == {"en": "cell*"}
    assert isinstance(size, Numeric) and (size.answer, size.tolerance, size.unit) == (10, 5, {"en": "µm"})
    assert isinstance(parts, Cloze) and parts.text == {"en": "A cell has a {{c1::nucleus}} and a {{c2::membrane}}."}


GIFT = """// A hand-written GIFT file
$CATEGORY: Geography

::Capital:: What is the capital of France? {=Paris ~Lyon ~%50%Versailles}

::Essay:: Write about Paris. {}

Paris is a city.

// [id:rivers] [tag:water]
::Rivers:: Which are rivers? {~%50%Seine ~%50%Loire ~%-100%Alps}

::Range:: How long is the Seine, in km? {#776..780}

::Blank:: The Seine flows into the {=English Channel =Channel} near Le Havre.

::Match:: Match each city with its river. {
=Paris -> Seine
=Nantes -> Loire
=Lyon -> Rhône
= -> Rhine
}

::Steps:: Put in order. {>3 ALL VERTICAL ALL_OR_NOTHING SHOW
Source
Paris
Sea
}
"""


def test_a_hand_written_gift_file_comes_in_with_notes(tmp_path: Path) -> None:
    path = tmp_path / "geo.gift"
    path.write_text(GIFT, encoding="utf-8")
    imported = import_file(path, tmp_path / "geo.yaml", lang="en")
    assert [str(note).removeprefix(f"{path}:") for note in imported.notes] == [
        "4: question 'capital': not carried: partial credit",
        "6: question 'essay': not imported: an essay (an empty answer block) has no quizgen type",
        "8: not imported: a description (no answer) has no quizgen type",
    ]
    bank = load_bank(tmp_path / "geo.yaml").bank
    assert [(question.id, question.type) for question in bank.questions] == [
        ("capital", "mcq"),
        ("rivers", "multi"),
        ("range", "numeric"),
        ("blank", "cloze"),
        ("match", "match"),
        ("steps", "order"),
    ]
    rivers, length, blank, match = bank.questions[1:5]
    assert isinstance(rivers, MultipleAnswer) and (rivers.answers, rivers.tags) == ((0, 1), ("water",))
    assert isinstance(length, Numeric) and length.bounds == (776, 780)
    assert isinstance(blank, Cloze) and blank.text == {"en": "The Seine flows into the {{c1::English Channel}} near Le Havre."}
    assert blank.accepted(1, "en") == ("English Channel", "Channel")
    assert isinstance(match, Match) and match.right_column("en") == ("Seine", "Loire", "Rhône", "Rhine")


ANKI = (
    "#separator:tab\n#html:true\n#guid column:1\n#tags column:4\n"
    "abc\tCapital of France?\tParis<br>It is on the Seine.\tgeo\n"
    "def\tThe {{c1::Seine}} flows through Paris.\t\tgeo rivers\n"
    'ghi\t<img src="x.png"> What is this?\tA map\t\n'
    "jkl\tNo back\t\t\n"
)


def test_anki_notes_become_short_answers_and_clozes(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text(ANKI, encoding="utf-8")
    imported = import_file(path, tmp_path / "notes.yaml")
    assert [str(note).removeprefix(f"{path}:") for note in imported.notes] == [
        "7: question 'ghi': not carried: its pictures or sounds",
        "8: question 'jkl': not imported: a note without a back has no answer to ask for",
    ]
    capital, seine, picture = load_bank(tmp_path / "notes.yaml").bank.questions
    assert isinstance(capital, ShortAnswer) and (capital.id, capital.answer, capital.explanation) == (
        "abc",
        {"en": "Paris"},
        {"en": "It is on the Seine."},
    )
    assert isinstance(seine, Cloze) and seine.tags == ("geo", "rivers")
    assert picture.prompt == {"en": "What is this?"}


def test_the_anki_export_of_a_bank_comes_back_as_its_answers(tmp_path: Path) -> None:
    original = load_bank(BANKS / "every-type.yaml").bank
    path = tmp_path / "deck.txt"
    path.write_text(str(FORMATS["csv"].render(original, "en").data), encoding="utf-8")
    import_file(path, tmp_path / "deck.yaml")
    mcq = load_bank(tmp_path / "deck.yaml").bank.questions[0]
    assert isinstance(mcq, ShortAnswer) and mcq.answer == {"en": "Paris"}


@pytest.mark.parametrize(
    ("args", "files", "message"),
    [
        (
            ["import", "bank.md"],
            {"bank.md": "title: T\n"},
            "Error: bank.md: not a file quizgen imports; it reads Moodle XML, GIFT, Anki's text export and quizgen JSON\n",
        ),
        (
            ["import", "q.gift", "-o", "q.yaml"],
            {"q.gift": "::a:: A? {TRUE}\n", "q.yaml": "mine"},
            "Error: q.yaml already exists; an import never replaces a bank silently: choose another -o FILE or add --force\n",
        ),
        (
            ["import", "q.gift"],
            {"q.gift": "::a:: Tell me. {}\n"},
            "Error: q.gift:1: question 'a': not imported: an essay (an empty answer block) has no quizgen type\n"
            "nothing written: q.gift holds no question quizgen can import\n",
        ),
        (["import", "missing.xml"], {}, "Error: missing.xml: no such file\n"),
        (
            ["import", "bad.xml"],
            {"bad.xml": '<?xml version="1.0"?>\n<quiz>\n<question type="truefalse">\n</quiz>\n'},
            "Error: bad.xml:4: not well-formed XML: mismatched tag\n",
        ),
        (
            ["import", "doctype.xml"],
            {"doctype.xml": '<?xml version="1.0"?>\n<!DOCTYPE quiz [<!ENTITY a "b">]>\n<quiz></quiz>\n'},
            "Error: doctype.xml:2: a Moodle XML file has no DOCTYPE; this one declares one, which quizgen does not read\n",
        ),
    ],
)
def test_bad_imports_are_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], files: dict[str, str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    for name, text in files.items():
        Path(name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, args, prog_name="quizgen")
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", message)
    assert {path.name: path.read_text(encoding="utf-8") for path in Path().iterdir()} == files


@pytest.mark.parametrize(
    ("name", "expected"),
    [("chambers-role", "chambers-role"), ("Q1 – Paris?", "q1-paris"), ("Élève_n°2", "eleve_n2"), ("???", ""), ("a--b__c", "a-b_c")],
)
def test_ids_come_from_the_file_s_own_names(name: str, expected: str) -> None:
    assert slug_id(name) == expected

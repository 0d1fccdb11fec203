"""The QTI export: the zip's layout, the XML structure Canvas reads, and each item's right answer read back."""

from __future__ import annotations

import dataclasses
import html
import io
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from quizgen.bank import load_bank
from quizgen.errors import QuizgenError
from quizgen.exports.base import blank_answers, bounds_text, plain_number
from quizgen.exports.qti import to_qti
from quizgen.model import (
    Bank,
    Cloze,
    Image,
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
from quizgen.present import label, prompt_text

from .conftest import BANKS, BUNDLED_BANK

QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
MANIFEST = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"
CANVAS = "{http://canvas.instructure.com/xsd/cccv1p0}"
TYPES = {
    "mcq": "multiple_choice_question",
    "multi": "multiple_answers_question",
    "truefalse": "true_false_question",
    "short": "short_answer_question",
    "numeric": "numerical_question",
    "cloze": "fill_in_multiple_blanks_question",
    "match": "matching_question",
    "order": "matching_question",
}


def unpack(bank: Bank, lang: str) -> dict[str, bytes]:
    data = to_qti(bank, lang).data
    assert isinstance(data, bytes)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name) for name in archive.namelist()}


def html_text(mattext: ET.Element) -> str:
    """The plain text of an HTML mattext: tags dropped, entities read."""
    assert mattext.get("texttype") in ("text/html", "text/plain", None)
    text = mattext.text or ""
    if mattext.get("texttype") == "text/html":
        text = html.unescape(re.sub(r"<br>", "\n", re.sub(r"</?p>", "", text)))
    return text


def field(item: ET.Element, name: str) -> str:
    for entry in item.iter(f"{QTI}qtimetadatafield"):
        if entry.findtext(f"{QTI}fieldlabel") == name:
            return entry.findtext(f"{QTI}fieldentry") or ""
    raise AssertionError(f"no {name} in {item.get('ident')}")


def right_labels(item: ET.Element) -> dict[str, list[str]]:
    """For each response, the idents (or typed texts) that score: every varequal outside a <not>."""
    scoring: dict[str, list[str]] = {}
    for condition in item.iter(f"{QTI}respcondition"):
        setvar = condition.find(f"{QTI}setvar")
        if setvar is None:
            continue
        negated = {id(equal) for no in condition.iter(f"{QTI}not") for equal in no.iter(f"{QTI}varequal")}
        for equal in condition.iter(f"{QTI}varequal"):
            if id(equal) not in negated:
                scoring.setdefault(equal.get("respident", ""), []).append(equal.text or "")
    return scoring


def label_texts(response: ET.Element) -> dict[str, str]:
    return {label.get("ident", ""): html_text(label.find(f".//{QTI}mattext")) for label in response.iter(f"{QTI}response_label")}  # type: ignore[arg-type]


def check_item(item: ET.Element, question: Question, lang: str) -> None:
    """The item asks `question` and scores exactly its right answer."""
    assert (item.get("ident"), item.get("title"), field(item, "question_type")) == (
        f"{question.id}-{lang}",
        question.id,
        TYPES[question.type],
    )
    assert float(field(item, "points_possible")) == question.points
    assert [child.tag for child in item][:3] == [f"{QTI}itemmetadata", f"{QTI}presentation", f"{QTI}resprocessing"]
    presentation = item.find(f"{QTI}presentation")
    assert presentation is not None
    responses = {
        response.get("ident", ""): response for response in presentation if response.tag in (f"{QTI}response_lid", f"{QTI}response_str")
    }
    scoring = right_labels(item)
    assert set(scoring) <= set(responses), "a condition refers to a response the item does not have"
    for ident, values in scoring.items():
        if responses[ident].tag == f"{QTI}response_lid":
            assert set(values) <= set(label_texts(responses[ident])), "a condition refers to a label the response does not have"
    question_text = html_text(presentation.find(f"{QTI}material/{QTI}mattext"))  # type: ignore[arg-type]
    if isinstance(question, MultipleChoice | MultipleAnswer | TrueFalse):
        (texts,) = (label_texts(response) for response in responses.values())
        if isinstance(question, TrueFalse):
            assert list(texts.values()) == [label("true", lang), label("false", lang)]
            right = [label("true" if question.answer else "false", lang)]
        else:
            assert list(texts.values()) == [choice[lang] for choice in question.choices]
            right = [
                question.choices[index][lang] for index in ([question.answer] if isinstance(question, MultipleChoice) else question.answers)
            ]
        assert [texts[ident] for ident in scoring["response1"]] == right
        assert question_text == prompt_text(question, lang)
    elif isinstance(question, ShortAnswer):
        assert scoring == {"response1": list(dict.fromkeys([question.answer[lang], *(other[lang] for other in question.accept)]))}
    elif isinstance(question, Numeric):
        bounds = [item.findtext(f".//{QTI}{name}") or "nan" for name in ("vargte", "varlte")]
        assert tuple(bounds) == bounds_text(question)
        assert [float(bound) for bound in bounds] == pytest.approx(question.bounds, rel=1e-14)
        assert scoring == ({} if question.range else {"response1": [plain_number(question.answer)]})
    elif isinstance(question, Cloze):
        answers = [deletion.answer for deletion in cloze_deletions(question.text[lang])]
        blanks = re.findall(r"\[(blank\d+)\]", question_text)
        assert blanks == [f"blank{number}" for number in range(1, len(answers) + 1)]
        assert [label_texts(responses[f"response_{blank}"])[scoring[f"response_{blank}"][0]] for blank in blanks] == answers
        for blank, deletion in zip(blanks, cloze_deletions(question.text[lang]), strict=True):
            texts = label_texts(responses[f"response_{blank}"])
            assert [texts[ident] for ident in scoring[f"response_{blank}"]] == blank_answers(question, deletion, lang)
    else:
        lefts = [response.findtext(f"{QTI}material/{QTI}mattext") for response in responses.values()]
        columns = [list(label_texts(response).values()) for response in responses.values()]
        chosen = [label_texts(response)[scoring[ident][0]] for ident, response in responses.items()]
        if isinstance(question, Order):
            # Canvas's own ordering: each item matched to its position, the items never shown in the right order.
            assert columns == [[str(number) for number in range(1, len(question.items) + 1)]] * len(question.items)
            assert [question.items[int(position) - 1][lang] for position in chosen] == lefts
            assert lefts != [item[lang] for item in question.items]
            return
        assert isinstance(question, Match)
        assert lefts == [left[lang] for left, _ in question.pairs]
        assert columns == [list(question.right_column(lang))] * len(question.pairs)
        assert chosen == [right[lang] for _, right in question.pairs]


@pytest.mark.parametrize(
    ("path", "lang"),
    [(BANKS / "every-type.yaml", "en"), (BANKS / "every-type.yaml", "fr"), (BANKS / "hostile.yaml", "en"), (BUNDLED_BANK, "fr")],
)
def test_the_package_is_what_canvas_imports(path: Path, lang: str) -> None:
    bank = load_bank(path).bank
    files = unpack(bank, lang)
    ident = f"quizgen-{bank.slug}-{lang}"
    pictures = list(dict.fromkeys(f"images/{Path(question.image.file).name}" for question in bank.questions if question.image))
    assert list(files) == ["imsmanifest.xml", "non_cc_assessments/", f"{ident}/assessment_meta.xml", f"{ident}/{ident}.xml", *pictures]
    trees = {name: ET.fromstring(data) for name, data in files.items() if name.endswith(".xml")}

    manifest = trees["imsmanifest.xml"]
    assert manifest.tag == f"{MANIFEST}manifest"
    resources = {resource.get("identifier"): resource for resource in manifest.iter(f"{MANIFEST}resource")}
    hrefs = [file.get("href", "") for file in manifest.iter(f"{MANIFEST}file")]
    assert sorted(hrefs) == sorted(name for name in files if name != "imsmanifest.xml" and not name.endswith("/"))
    assert all(dependency.get("identifierref") in resources for dependency in manifest.iter(f"{MANIFEST}dependency"))

    meta = trees[f"{ident}/assessment_meta.xml"]
    assert (meta.tag, meta.get("identifier"), meta.findtext(f"{CANVAS}title")) == (f"{CANVAS}quiz", ident, bank.title[lang])

    root = trees[f"{ident}/{ident}.xml"]
    assert root.tag == f"{QTI}questestinterop"
    assessment = root.find(f"{QTI}assessment")
    assert assessment is not None and assessment.get("ident") == ident
    items = list(root.iter(f"{QTI}item"))
    expected = list(bank.questions)
    assert [item.get("ident") for item in items] == [f"{question.id}-{lang}" for question in expected]
    for response in [*root.iter(f"{QTI}response_lid"), *root.iter(f"{QTI}response_str")]:
        idents = [label.get("ident") for label in response.iter(f"{QTI}response_label")]
        assert len(idents) == len(set(idents)), "a response repeats an answer ident"
    # Choice idents are unique in the package; a text box's is always answer1, as in Canvas's own exports.
    per_item = [{label.get("ident") for label in item.iter(f"{QTI}response_label")} - {"answer1"} for item in items]
    assert sum(map(len, per_item)) == len(set().union(*per_item)), "two items share an answer ident"
    for item, question in zip(items, expected, strict=True):
        check_item(item, question, lang)
    assert float(meta.findtext(f"{CANVAS}points_possible") or "nan") == sum(question.points for question in expected)


def test_the_two_languages_share_no_id(every_type_bank: Bank) -> None:
    """Canvas overwrites content with matching ids: the fr and en packages of one bank must not share any."""

    def idents(lang: str) -> set[str]:
        files = unpack(every_type_bank, lang)
        found = set()
        for name, data in files.items():
            if name.endswith(".xml"):
                for node in ET.fromstring(data).iter():
                    found |= {node.get(key, "") for key in ("ident", "identifier", "identifierref")} - {""}
        return found - {"root_section", "response1", "answer1", "general_fb"} - {f"response_blank{n}" for n in range(1, 9)}

    english, french = idents("en"), idents("fr")
    assert english and french and not english & french


PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000")


def test_distractors_shared_right_sides_points_and_pictures_reach_canvas(every_type_bank: Bank, tmp_path: Path) -> None:
    (tmp_path / "map.png").write_bytes(PNG)
    match = next(question for question in every_type_bank.questions if isinstance(question, Match))
    question = dataclasses.replace(
        match,
        pairs=(*match.pairs[:2], (match.pairs[2][0], match.pairs[0][1])),
        distractors=({"en": "Voltaire", "fr": "Voltaire"},),
        points=2.5,
        image=Image("map.png", {"en": "A map", "fr": "Une carte"}),
    )
    bank = dataclasses.replace(every_type_bank, path=str(tmp_path / "bank.yaml"), questions=(question,))
    files = unpack(bank, "en")
    ident = f"quizgen-{bank.slug}-en"
    assert files["images/map.png"] == PNG
    manifest = ET.fromstring(files["imsmanifest.xml"])
    assert "images/map.png" in [file.get("href") for file in manifest.iter(f"{MANIFEST}file")]
    (item,) = ET.fromstring(files[f"{ident}/{ident}.xml"]).iter(f"{QTI}item")
    check_item(item, question, "en")
    prompt = item.findtext(f"{QTI}presentation/{QTI}material/{QTI}mattext") or ""
    assert '<img src="%24IMS-CC-FILEBASE%24/images/map.png" alt="A map">' in prompt
    assert ET.fromstring(files[f"{ident}/assessment_meta.xml"]).findtext(f"{CANVAS}points_possible") == "2.5"


def test_markup_in_the_bank_reaches_canvas_as_text(hostile_bank: Bank) -> None:
    files = unpack(hostile_bank, "en")
    questions = ET.fromstring(files["quizgen-hostile-b-text-b-co-en/quizgen-hostile-b-text-b-co-en.xml"])
    shown = [mattext.text or "" for mattext in questions.iter(f"{QTI}mattext") if mattext.get("texttype") == "text/html"]
    assert not any("<script" in text or "<img" in text or "<b>" in text for text in shown)
    assert "<p>What does &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; or &lt;b&gt;bold&lt;/b&gt; do?" in shown[0]


def write_bank(folder: Path, questions: str) -> Bank:
    path = folder / "bank.yaml"
    path.write_text(f"title: T\nquestions:\n{questions}", encoding="utf-8")
    return load_bank(path).bank


def test_a_cloze_whose_text_holds_a_blank_name_is_skipped(tmp_path: Path) -> None:
    bank = write_bank(tmp_path, "  - {id: c, type: cloze, text: 'Type [blank1] here: {{c1::x}}'}\n")
    assert [skipped.reason for skipped in to_qti(bank, "en").skipped] == ["the text contains [blank1], which Canvas would read as a blank"]


def test_the_zip_is_the_same_on_every_run_and_dated_by_source_date_epoch(every_type_bank: Bank, monkeypatch: pytest.MonkeyPatch) -> None:
    first = to_qti(every_type_bank, "en").data
    assert to_qti(every_type_bank, "en").data == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:  # type: ignore[arg-type]
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1467244800")
    with zipfile.ZipFile(io.BytesIO(to_qti(every_type_bank, "en").data)) as archive:  # type: ignore[arg-type]
        assert {info.date_time for info in archive.infolist()} == {(2016, 6, 30, 0, 0, 0)}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(
        QuizgenError, match="SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, from 0 to 4294967295; found 'yesterday'"
    ):
        to_qti(every_type_bank, "en")


def skeleton(node: ET.Element, path: str = "") -> set[str]:
    """Every element path of an item, with the attributes that decide how Canvas reads it."""
    kept = {
        key: value for key, value in node.attrib.items() if key in ("rcardinality", "fibtype", "action", "varname", "texttype", "continue")
    }
    here = f"{path}/{node.tag.removeprefix(QTI)}" + (str(sorted(kept.items())) if kept else "")
    return {here}.union(*(skeleton(child, here) for child in node))


def text2qti_quiz(questions: list[Question]) -> str:
    """The same questions in text2qti's plain-text quiz format."""
    blocks = []
    for question in questions:
        lines = [f"1.  {prompt_text(question, 'en')}"]
        if isinstance(question, MultipleChoice):
            lines += [
                f"{'*' if index == question.answer else ''}{letter})  {choice['en']}"
                for index, (letter, choice) in enumerate(zip("abcdefghijklmnopqrstuvwxyz", question.choices, strict=False))
            ]
        elif isinstance(question, MultipleAnswer):
            lines += [f"[{'*' if index in question.answers else ' '}] {choice['en']}" for index, choice in enumerate(question.choices)]
        elif isinstance(question, TrueFalse):
            lines += [f"{'*' if question.answer else ''}a)  True", f"{'' if question.answer else '*'}b)  False"]
        elif isinstance(question, ShortAnswer):
            lines += [f"*   {text}" for text in [question.answer["en"], *(other["en"] for other in question.accept)]]
        else:
            assert isinstance(question, Numeric) and question.range is None
            lines += [f"=   {plain_number(question.answer)} +- {plain_number(question.tolerance)}"]
        blocks.append("\n".join(lines))
    return "Quiz title: T\n\n" + "\n\n".join(blocks) + "\n"


def test_items_have_the_structure_text2qti_gives_canvas(every_type_bank: Bank) -> None:
    """mcq, multi, truefalse, short and numeric items are built as text2qti builds them, element for element."""
    from text2qti.config import Config
    from text2qti.qti import QTI as Text2QTI
    from text2qti.quiz import Quiz

    kinds = (MultipleChoice, MultipleAnswer, TrueFalse, ShortAnswer, Numeric)
    # Without feedback: text2qti writes feedback per answer, quizgen a general one.
    questions = [dataclasses.replace(q, explanation=None, source=None) for q in every_type_bank.questions if isinstance(q, kinds)]
    config = Config()
    config.load()
    theirs = Text2QTI(Quiz(text2qti_quiz(questions), config=config, source_name="quiz.txt")).zip_bytes()
    with zipfile.ZipFile(io.BytesIO(theirs)) as archive:
        (name,) = (name for name in archive.namelist() if name.endswith(".xml") and "/" in name and "meta" not in name)
        their_items = list(ET.fromstring(archive.read(name)).iter(f"{QTI}item"))
    ours = unpack(dataclasses.replace(every_type_bank, questions=tuple(questions)), "en")
    ident = f"quizgen-{every_type_bank.slug}-en"
    our_items = list(ET.fromstring(ours[f"{ident}/{ident}.xml"]).iter(f"{QTI}item"))
    assert len(our_items) == len(their_items) == 5
    for question, our_item, their_item in zip(questions, our_items, their_items, strict=True):
        assert skeleton(our_item) == skeleton(their_item), question.type
        assert field(our_item, "question_type") == field(their_item, "question_type")

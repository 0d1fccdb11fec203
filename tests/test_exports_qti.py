"""The QTI export: the zip's layout, the XML structure Canvas reads, and each item's right answer read back."""

from __future__ import annotations

import html
import io
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from quizgen.bank import load_bank
from quizgen.errors import QuizgenError
from quizgen.exports.qti import to_qti
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
    assert (item.get("ident"), item.get("title"), field(item, "question_type")) == (question.id, question.id, TYPES[question.type])
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
        bounds = [float(item.findtext(f".//{QTI}{name}") or "nan") for name in ("vargte", "varlte")]
        assert tuple(bounds) == question.bounds
        assert scoring == ({} if question.range else {"response1": [str(int(question.answer))]})
    elif isinstance(question, Cloze):
        answers = [deletion.answer for deletion in cloze_deletions(question.text[lang])]
        blanks = re.findall(r"\[(blank\d+)\]", question_text)
        assert blanks == [f"blank{number}" for number in range(1, len(answers) + 1)]
        assert [label_texts(responses[f"response_{blank}"])[scoring[f"response_{blank}"][0]] for blank in blanks] == answers
    else:
        assert isinstance(question, Match)
        lefts = [response.findtext(f"{QTI}material/{QTI}mattext") for response in responses.values()]
        assert lefts == [left[lang] for left, _ in question.pairs]
        chosen = [label_texts(response)[scoring[ident][0]] for ident, response in responses.items()]
        assert chosen == [right[lang] for _, right in question.pairs]


@pytest.mark.parametrize(
    ("path", "lang"),
    [(BANKS / "every-type.yaml", "en"), (BANKS / "every-type.yaml", "fr"), (BANKS / "hostile.yaml", "en"), (BUNDLED_BANK, "fr")],
)
def test_the_package_is_what_canvas_imports(path: Path, lang: str) -> None:
    bank = load_bank(path).bank
    files = unpack(bank, lang)
    ident = f"quizgen-{bank.slug}-{lang}"
    assert list(files) == ["imsmanifest.xml", "non_cc_assessments/", f"{ident}/assessment_meta.xml", f"{ident}/{ident}.xml"]
    trees = {name: ET.fromstring(data) for name, data in files.items() if name.endswith(".xml")}

    manifest = trees["imsmanifest.xml"]
    assert manifest.tag == f"{MANIFEST}manifest"
    resources = {resource.get("identifier"): resource for resource in manifest.iter(f"{MANIFEST}resource")}
    hrefs = [file.get("href", "") for file in manifest.iter(f"{MANIFEST}file")]
    assert sorted(hrefs) == sorted(name for name in files if name.endswith(".xml") and name != "imsmanifest.xml")
    assert all(dependency.get("identifierref") in resources for dependency in manifest.iter(f"{MANIFEST}dependency"))

    meta = trees[f"{ident}/assessment_meta.xml"]
    assert (meta.tag, meta.get("identifier"), meta.findtext(f"{CANVAS}title")) == (f"{CANVAS}quiz", ident, bank.title[lang])

    root = trees[f"{ident}/{ident}.xml"]
    assert root.tag == f"{QTI}questestinterop"
    assessment = root.find(f"{QTI}assessment")
    assert assessment is not None and assessment.get("ident") == ident
    items = list(root.iter(f"{QTI}item"))
    expected = [question for question in bank.questions if not isinstance(question, Order)]
    assert [item.get("ident") for item in items] == [question.id for question in expected]
    for response in [*root.iter(f"{QTI}response_lid"), *root.iter(f"{QTI}response_str")]:
        idents = [label.get("ident") for label in response.iter(f"{QTI}response_label")]
        assert len(idents) == len(set(idents)), "a response repeats an answer ident"
    # Choice idents are unique in the package; a text box's is always answer1, as in Canvas's own exports.
    per_item = [{label.get("ident") for label in item.iter(f"{QTI}response_label")} - {"answer1"} for item in items]
    assert sum(map(len, per_item)) == len(set().union(*per_item)), "two items share an answer ident"
    for item, question in zip(items, expected, strict=True):
        check_item(item, question, lang)
    assert meta.findtext(f"{CANVAS}points_possible") == f"{len(expected)}.0"


def test_order_questions_are_skipped_with_the_reason(every_type_bank: Bank) -> None:
    result = to_qti(every_type_bank, "en")
    assert [(skipped.question.id, skipped.reason) for skipped in result.skipped] == [
        ("planets-order", "Canvas classic quizzes have no ordering question")
    ]
    assert result.exported == 7


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

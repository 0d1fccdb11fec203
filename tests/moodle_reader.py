"""Moodle XML read back as Moodle's importer reads it, for the tests.

A port of the reading half of `question/format/xml/format.php` (qformat_xml:
getpath, import_headers, import_answer, import_hints, import_question_tags,
import_files_as_draft, and the importers of multichoice, truefalse,
shortanswer, numerical, match and cloze), of `qtype_multianswer_extract_question`
(question/type/multianswer/questiontype.php: the regular expressions that cut a
cloze text into blanks), of `qtype_ordering::import_from_xml`, and of the
grade check every import makes (`match_grade_options`, "error if a grade is not
listed"). Each function names the PHP it follows. Moodle 4.4 and later (the
ordering question type is core since 4.4).
"""

from __future__ import annotations

import base64
import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any

GRADES = (
    1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2,
    0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0.0,
)  # fmt: skip
"""question_bank::fraction_options_full(), positive half: an imported fraction must be one of them or its negative."""


@dataclass
class Imported:
    """What Moodle keeps of one <question>: the fields its import functions set."""

    qtype: str
    name: str = ""
    questiontext: str = ""
    questiontextformat: str = "html"
    generalfeedback: str = ""
    idnumber: str | None = None
    defaultmark: str = "1"
    penalty: str = "0.3333333"
    tags: list[str] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    answers: list[str] = field(default_factory=list)
    fractions: list[float] = field(default_factory=list)
    feedback: list[str] = field(default_factory=list)
    tolerances: list[str] = field(default_factory=list)
    options: dict[str, Any] = field(default_factory=dict)
    subquestions: list[tuple[str, str]] = field(default_factory=list)
    blanks: list[Imported] = field(default_factory=list)


def getpath(node: ET.Element | None, path: list[str], default: Any, istext: bool = False) -> Any:
    """qformat_xml::getpath over ElementTree: 'tag' steps take the first child of that tag, '@name' an attribute,
    and a final '#' the element's text (trimmed when istext), as xmlize's arrays would give them."""
    for step in path:
        if node is None:
            return default
        if step.startswith("@"):
            value = node.get(step[1:])
            return default if value is None else value
        if step == "#":
            text = node.text or ""
            return text.strip() if istext else text
        node = node.find(step)
    return default if node is None else node


def import_text_with_files(node: ET.Element | None, imported: Imported) -> tuple[str, str]:
    """qformat_xml::import_text_with_files: the <text>, the format attribute (default html), and the <file>s."""
    if node is None:
        return "", "html"
    for file in node.findall("file"):
        path = file.get("path", "/") + file.get("name", "")
        assert file.get("encoding") == "base64"
        imported.files[path] = base64.b64decode(file.text or "", validate=True)
    return getpath(node, ["text", "#"], "", istext=True), node.get("format", "html")


def import_headers(question: ET.Element, qtype: str) -> Imported:
    imported = Imported(qtype)
    imported.name = getpath(question, ["name", "text", "#"], "", istext=True)
    assert imported.name, "Moodle refuses a question without a name (xmlimportnoname)"
    imported.questiontext, imported.questiontextformat = import_text_with_files(question.find("questiontext"), imported)
    imported.idnumber = getpath(question, ["idnumber", "#"], None)
    imported.generalfeedback, _ = import_text_with_files(question.find("generalfeedback"), imported)
    imported.defaultmark = getpath(question, ["defaultgrade", "#"], imported.defaultmark)
    imported.penalty = getpath(question, ["penalty", "#"], imported.penalty)
    import_question_tags(question, imported)
    return imported


def import_question_tags(question: ET.Element, imported: Imported) -> None:
    tags = question.find("tags")
    for tag in [] if tags is None else tags.findall("tag"):
        imported.tags.append(getpath(tag, ["text", "#"], "", istext=True))


def import_hints(question: ET.Element, imported: Imported) -> None:
    for hint in question.findall("hint"):
        imported.hints.append(import_text_with_files(hint, imported)[0])


def import_answer(answer: ET.Element, imported: Imported, with_files: bool) -> None:
    """qformat_xml::import_answer: the text (HTML when with_files, else plain), its feedback, fraction / 100."""
    text = import_text_with_files(answer, imported)[0] if with_files else getpath(answer, ["text", "#"], "", istext=True)
    imported.answers.append(text)
    imported.feedback.append(import_text_with_files(answer.find("feedback"), imported)[0])
    imported.fractions.append(float(getpath(answer, ["@fraction"], 0)) / 100)


def import_multichoice(question: ET.Element) -> Imported:
    imported = import_headers(question, "multichoice")
    imported.options["single"] = getpath(question, ["single", "#"], "true").strip() not in ("false", "")
    imported.options["shuffleanswers"] = getpath(question, ["shuffleanswers", "#"], "false").strip() not in ("false", "")
    for answer in question.findall("answer"):
        import_answer(answer, imported, with_files=True)
    import_hints(question, imported)
    return imported


def import_truefalse(question: ET.Element) -> Imported:
    imported = import_headers(question, "truefalse")
    for answer in question.findall("answer"):
        text = getpath(answer, ["text", "#"], "", istext=True)
        assert text in ("true", "false"), "an old-style true/false file: Moodle would guess the order"
        right = float(answer.get("fraction", "0")) == 100
        imported.options["answer"] = right if text == "true" else not right
        imported.feedback.append(import_text_with_files(answer.find("feedback"), imported)[0])
    import_hints(question, imported)
    return imported


def import_shortanswer(question: ET.Element) -> Imported:
    imported = import_headers(question, "shortanswer")
    imported.options["usecase"] = getpath(question, ["usecase", "#"], "0")
    for answer in question.findall("answer"):
        import_answer(answer, imported, with_files=False)
    import_hints(question, imported)
    return imported


def import_numerical(question: ET.Element) -> Imported:
    imported = import_headers(question, "numerical")
    for answer in question.findall("answer"):
        import_answer(answer, imported, with_files=False)
        imported.tolerances.append(getpath(answer, ["tolerance", "#"], "0"))
    imported.options["showunits"] = getpath(question, ["showunits", "#"], None)
    imported.options["units"] = [getpath(unit, ["unit_name", "#"], "", istext=True) for unit in question.findall("units/unit")]
    import_hints(question, imported)
    return imported


def import_match(question: ET.Element) -> Imported:
    imported = import_headers(question, "match")
    for sub in question.findall("subquestion"):
        text = import_text_with_files(sub, imported)[0]
        imported.subquestions.append((text, getpath(sub, ["answer", "text", "#"], "", istext=True)))
    import_hints(question, imported)
    return imported


def import_ordering(question: ET.Element) -> Imported:
    """qtype_ordering::import_from_xml: the answers in file order are the right order."""
    imported = import_headers(question, "ordering")
    for name, default in (("layouttype", "VERTICAL"), ("selecttype", "RANDOM"), ("selectcount", 6), ("gradingtype", "RELATIVE")):
        imported.options[name] = getpath(question, [name, "#"], default)
    for answer in question.findall("answer"):
        import_answer(answer, imported, with_files=True)
    imported.fractions = [1.0] * len(imported.answers)  # "will be reset later in save_question_options()"
    import_hints(question, imported)
    return imported


# qtype_multianswer's regular expressions. PCRE's (?<!\\|&|&amp;) has branches of different lengths, which
# Python's re refuses: three lookbehinds in a row test the same.
FRACTION = r"=|%(-?[0-9]+(?:[.,][0-9]*)?)%"
ANSWER = r".+?(?<!\\)(?<!&)(?<!&amp;)(?=[~#}]|$)"
FEEDBACK = r".*?(?<!\\)(?=[~}]|$)"
ALTERNATIVE = f"({FRACTION})?({ANSWER})(#({FEEDBACK}))?"
TYPES = (
    r"(NUMERICAL|NM)|(MULTICHOICE|MC)|(MULTICHOICE_V|MCV)|(MULTICHOICE_H|MCH)|(SHORTANSWER|SA|MW)|(SHORTANSWER_C|SAC|MWC)|"
    r"(MULTICHOICE_S|MCS)|(MULTICHOICE_VS|MCVS)|(MULTICHOICE_HS|MCHS)|(MULTIRESPONSE|MR)|(MULTIRESPONSE_H|MRH)|"
    r"(MULTIRESPONSE_S|MRS)|(MULTIRESPONSE_HS|MRHS)"
)
BLANK = re.compile(r"\{([0-9]*):(" + TYPES + r"):(" + ALTERNATIVE + "(~" + ALTERNATIVE + r")*)\}", re.DOTALL)
ONE_ALTERNATIVE = re.compile("~?" + ALTERNATIVE, re.DOTALL)


def extract_cloze(text: str) -> tuple[str, list[Imported]]:
    """qtype_multianswer_extract_question: each {N:TYPE:alternatives} becomes a sub-question and {#n} in the text."""
    blanks = []
    while found := BLANK.search(text):
        kind = "shortanswer" if found.group(7) or found.group(8) else "other"
        blank = Imported(kind, defaultmark=found.group(1) or "1")
        remaining = found.group(16)
        while alternative := ONE_ALTERNATIVE.search(remaining):
            if alternative.group(1) == "=":
                blank.fractions.append(1.0)
            elif alternative.group(2):
                blank.fractions.append(0.01 * float(alternative.group(2).replace(",", ".")))
            else:
                blank.fractions.append(0.0)
            answer = html.unescape(alternative.group(3)).replace("\\}", "}")
            blank.answers.append(answer.replace("\\#", "#"))
            remaining = remaining.split(alternative.group(0), 1)[1]
        blanks.append(blank)
        text = text.replace(found.group(0), "{#" + str(len(blanks)) + "}", 1)
    return text, blanks


def import_multianswer(question: ET.Element) -> Imported:
    imported = Imported("multianswer")
    text, imported.questiontextformat = import_text_with_files(question.find("questiontext"), imported)
    imported.questiontext, imported.blanks = extract_cloze(text)
    assert imported.blanks, "Moodle refuses a cloze without blanks (questionsmissing)"
    for blank in imported.blanks:
        assert max(blank.fractions) == 1, "a blank needs a 100 % answer (fractionsnomax)"
    imported.name = getpath(question, ["name", "text", "#"], "", istext=True)
    imported.idnumber = getpath(question, ["idnumber", "#"], None)
    imported.generalfeedback, _ = import_text_with_files(question.find("generalfeedback"), imported)
    imported.penalty = getpath(question, ["penalty", "#"], imported.penalty)
    import_hints(question, imported)
    import_question_tags(question, imported)
    return imported


IMPORTERS = {
    "multichoice": import_multichoice,
    "truefalse": import_truefalse,
    "shortanswer": import_shortanswer,
    "numerical": import_numerical,
    "matching": import_match,
    "match": import_match,
    "cloze": import_multianswer,
    "multianswer": import_multianswer,
    "ordering": import_ordering,
}


def check_grades(imported: Imported) -> None:
    """match_grade_options(..., 'error'): every fraction must be a listed grade (or its negative)."""
    for fraction in imported.fractions:
        assert any(abs(abs(fraction) - grade) < 1e-6 for grade in GRADES), f"{imported.name}: grade {fraction} is not listed"


def read_quiz(data: str) -> tuple[list[str], list[Imported]]:
    """qformat_xml::readquestions: the categories met and the questions, in file order."""
    root = ET.fromstring(data.encode("utf-8"))
    assert root.tag == "quiz"
    categories, questions = [], []
    for question in root.findall("question"):
        qtype = question.get("type", "")
        if qtype == "category":
            categories.append(getpath(question, ["category", "text", "#"], "", istext=True))
            continue
        assert qtype in IMPORTERS, f"Moodle has no importer for {qtype}"
        imported = IMPORTERS[qtype](question)
        check_grades(imported)
        questions.append(imported)
    return categories, questions


def plain(html_text: str) -> str:
    """The words a learner reads in an HTML text: tags dropped, entities read, <br> a line break."""
    text = html_text.replace("<br>", "\n").replace("</p><p>", "\n")
    return html.unescape(re.sub(r"<[^>]+>", "", text)).strip()


def shortanswer_matches(pattern: str, response: str) -> bool:
    """qtype_shortanswer_question::compare_string_with_wildcard, case-insensitive: * is any text, \\* a star."""
    bits = re.split(r"(?<!\\)\*", pattern)
    regexp = ".*".join(re.escape(bit.replace("\\*", "*")) for bit in bits)
    return re.fullmatch(regexp, response.strip(), re.IGNORECASE | re.DOTALL) is not None

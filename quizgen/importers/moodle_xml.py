"""Moodle XML read as bank questions, element by element as Moodle's own importer (qformat_xml) reads them.

multichoice becomes mcq (one right answer) or multi, truefalse truefalse,
shortanswer short, numerical numeric (a tolerance, or the range its right
answers cover), matching match (a subquestion without text is a distractor),
cloze a cloze (its short-answer blanks as deletions), ordering order. Partial
credit, wildcards, pictures, units other than the first, and blanks that are
not short answers can't be carried: each is a note. Essays, descriptions and
calculated questions are left out, with the reason.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import xml.parsers.expat
from collections.abc import Callable
from typing import Any

from . import Foreign, Read, Skip, Unreadable, html_to_text

FRACTION = r"=|%(-?[0-9]+(?:[.,][0-9]*)?)%"
ANSWER = r".+?(?<!\\)(?<!&)(?<!&amp;)(?=[~#}]|$)"
FEEDBACK = r".*?(?<!\\)(?=[~}]|$)"
ALTERNATIVE = f"({FRACTION})?({ANSWER})(#({FEEDBACK}))?"
BLANK = re.compile(r"\{([0-9]*):([A-Z_]+):(" + ALTERNATIVE + "(?:~" + ALTERNATIVE + r")*)\}", re.DOTALL)
"""qtype_multianswer's ANSWER_REGEX (question/type/multianswer/questiontype.php), its blank types spelled out below."""
ONE_ALTERNATIVE = re.compile("~?" + ALTERNATIVE, re.DOTALL)
SHORT_BLANKS = {"SHORTANSWER", "SA", "MW", "SHORTANSWER_C", "SAC", "MWC"}
HINT_AFTER_BLANK = re.compile(r'\s*<small class="hint">\((.*?)\)</small>', re.DOTALL)
"""How quizgen's own Moodle export shows a deletion's hint after its blank."""
TEXT_FORMATS = {"html", "moodle_auto_format"}


def question_lines(data: bytes) -> list[int]:
    """The line of each <question> under <quiz>, in order (ElementTree keeps no lines; expat does)."""
    lines: list[int] = []
    depth = 0
    parser = xml.parsers.expat.ParserCreate()

    def start(name: str, attributes: dict[str, str]) -> None:
        nonlocal depth
        depth += 1
        if depth == 2 and name == "question":
            lines.append(parser.CurrentLineNumber)

    def end(name: str) -> None:
        nonlocal depth
        depth -= 1

    def doctype(*arguments: object) -> None:
        raise Unreadable(parser.CurrentLineNumber, "a Moodle XML file has no DOCTYPE; this one declares one, which quizgen does not read")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.StartDoctypeDeclHandler = doctype
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as error:
        raise Unreadable(error.lineno, f"not well-formed XML: {xml.parsers.expat.ErrorString(error.code)}") from None
    return lines


def text_of(node: ET.Element | None, notes: list[str], what: str) -> str:
    """A formatted text's words (<text>, HTML made plain), noting the pictures and files it had."""
    if node is None:
        return ""
    raw = (node.findtext("text") or "").strip()
    if node.findall("file") or "<img" in raw:
        notes.append(f"the picture in its {what}")
    return html_to_text(raw) if node.get("format", "html") in TEXT_FORMATS else raw


def fraction(answer: ET.Element) -> float:
    try:
        return float(answer.get("fraction", "0")) / 100
    except ValueError:
        return 0.0


def explanation(question: ET.Element, answers: list[ET.Element], notes: list[str]) -> str | None:
    """The explanation: the right answers' feedback (or the combined feedback for a right response), then the
    general feedback, each once."""
    parts = [text_of(answer.find("feedback"), notes, "feedback") for answer in answers if fraction(answer) > 0]
    parts.append(text_of(question.find("correctfeedback"), notes, "feedback"))
    parts.append(text_of(question.find("generalfeedback"), notes, "general feedback"))
    joined = "\n".join(dict.fromkeys(part for part in parts if part))
    return joined or None


def common(question: ET.Element, notes: list[str], answers: list[ET.Element]) -> dict[str, Any]:
    """Prompt, explanation, hint, tags and points: what every type has."""
    fields: dict[str, Any] = {"prompt": text_of(question.find("questiontext"), notes, "text")}
    found = explanation(question, answers, notes)
    if found:
        fields["explanation"] = found
    hints = [text_of(hint, notes, "hint") for hint in question.findall("hint")]
    if hints:
        fields["hint"] = hints[0]
        if len(hints) > 1:
            notes.append(f"{len(hints) - 1} more hint(s): quizgen keeps one")
    tags = [tag.findtext("text", "").strip() for tag in question.findall("tags/tag")]
    if tags:
        fields["tags"] = list(dict.fromkeys(tag for tag in tags if tag))
    grade = question.findtext("defaultgrade")
    if grade is not None and grade.strip() not in ("", "1", "1.0", "1.0000000"):
        fields["points"] = float(grade)
    return fields


def partial(answers: list[ET.Element], notes: list[str]) -> None:
    shares = sorted({round(100 * fraction(answer), 5) for answer in answers} - {0, 100})
    if shares:
        notes.append("partial credit (" + ", ".join(f"{share:g} %" for share in shares) + ")")


def multichoice(question: ET.Element, notes: list[str]) -> dict[str, Any]:
    answers = question.findall("answer")
    choices = [text_of(answer, notes, "choice") for answer in answers]
    right = [index for index, answer in enumerate(answers) if fraction(answer) > 0]
    single = (question.findtext("single") or "true").strip() not in ("false", "0", "")
    fields = common(question, notes, answers)
    if single or len(right) < 2:
        best = max(range(len(answers)), key=lambda index: fraction(answers[index]), default=0)
        partial(answers, notes)
        return {"type": "mcq", **fields, "choices": choices, "answer": choices[best] if choices else ""}
    if any(0 < fraction(answers[index]) < 1 / len(right) - 1e-3 for index in right):
        notes.append("right answers of unequal weights")
    return {"type": "multi", **fields, "choices": choices, "answers": [choices[index] for index in right]}


def truefalse(question: ET.Element, notes: list[str]) -> dict[str, Any]:
    answers = question.findall("answer")
    truth = next((answer.findtext("text", "").strip() == "true") == (fraction(answer) == 1) for answer in answers)
    return {"type": "truefalse", **common(question, notes, answers), "answer": truth}


def unstar(text: str, notes: list[str]) -> str:
    """A short answer without Moodle's wildcards: \\* is a star; a bare * matches anything, which quizgen can't."""
    if re.search(r"(?<!\\)\*", text):
        notes.append(f"the wildcard * in the answer {text!r}")
    return text.replace("\\*", "*")


def shortanswer(question: ET.Element, notes: list[str]) -> dict[str, Any]:
    answers = question.findall("answer")
    right = [unstar(answer.findtext("text", "").strip(), notes) for answer in answers if fraction(answer) == 1]
    partial(answers, notes)
    if (question.findtext("usecase") or "0").strip() == "1":
        notes.append("case-sensitive grading (quizgen ignores case)")
    fields = {"type": "short", **common(question, notes, answers), "answer": right[0] if right else ""}
    return fields | ({"accept": right[1:]} if right[1:] else {})


def numerical(question: ET.Element, notes: list[str]) -> dict[str, Any]:
    answers = question.findall("answer")
    right = [
        (float(answer.findtext("text", "nan")), abs(float(answer.findtext("tolerance") or 0)))
        for answer in answers
        if fraction(answer) == 1
    ]
    partial(answers, notes)
    fields: dict[str, Any] = {"type": "numeric", **common(question, notes, answers)}
    if not right:
        return fields | {"answer": ""}
    value, tolerance = right[0]
    low, high = min(v - t for v, t in right), max(v + t for v, t in right)
    fields["answer"] = value
    if (low, high) != (value - tolerance, value + tolerance):
        fields["range"] = [low, high]
    elif tolerance:
        fields["tolerance"] = tolerance
    units = [unit.findtext("unit_name", "").strip() for unit in question.findall("units/unit")]
    if units and units[0]:
        fields["unit"] = units[0]
        # quizgen's own export, and others, show the unit after the prompt when Moodle is not to ask for it.
        fields["prompt"] = fields["prompt"].removesuffix(f" ({units[0]})")
        if len(units) > 1:
            notes.append(f"the units other than {units[0]!r}")
    return fields


def matching(question: ET.Element, notes: list[str]) -> dict[str, Any]:
    pairs, distractors = [], []
    for sub in question.findall("subquestion"):
        left, right = text_of(sub, notes, "item"), (sub.findtext("answer/text") or "").strip()
        if left:
            pairs.append([left, right])
        elif right:
            distractors.append(right)
    fields = {"type": "match", **common(question, notes, []), "pairs": pairs}
    return fields | ({"distractors": distractors} if distractors else {})


def ordering(question: ET.Element, notes: list[str]) -> dict[str, Any]:
    answers = question.findall("answer")
    if (question.findtext("selecttype") or "ALL").strip() not in ("ALL", "EXACT", "0"):
        notes.append("showing a subset of the items")
    return {"type": "order", **common(question, notes, []), "items": [text_of(answer, notes, "item") for answer in answers]}


def cloze(question: ET.Element, notes: list[str]) -> dict[str, Any]:
    """Each blank {N:SHORTANSWER:=a~=b} becomes {{cK::a}} accepting b too; paragraphs before the first blank are the prompt."""
    node = question.find("questiontext")
    raw = (node.findtext("text") or "") if node is not None else ""
    if node is not None and (node.findall("file") or "<img" in raw):
        notes.append("the picture in its text")
    deletions: list[str] = []
    accept: dict[str, list[str]] = {}

    def blank(found: re.Match[str]) -> str:
        number = len(deletions) + 1
        kind, rest = found.group(2), found.group(3)
        answers: list[tuple[float, str]] = []
        while alternative := ONE_ALTERNATIVE.search(rest):
            share = (
                1.0 if alternative.group(1) == "=" else float(alternative.group(2).replace(",", ".")) / 100 if alternative.group(2) else 0.0
            )
            text = html_to_text(alternative.group(3)).replace("\\}", "}").replace("\\#", "#")
            answers.append((share, text))
            rest = rest.split(alternative.group(0), 1)[1]
        right = [unstar(text, notes) for share, text in answers if share == 1] or [max(answers)[1] if answers else ""]
        if kind not in SHORT_BLANKS:
            notes.append(f"blank {number} is a {kind} blank: it becomes a typed answer")
        if any(0 < share < 1 for share, _ in answers):
            notes.append(f"partial credit in blank {number}")
        deletions.append(right[0])
        if right[1:]:
            accept[f"c{number}"] = right[1:]
        return f"\x00{number}\x00"

    marked = BLANK.sub(blank, raw)
    marked = HINT_AFTER_BLANK.sub(lambda found: f"\x01{html_to_text(found.group(1))}\x01", marked)
    paragraphs = [html_to_text(part) for part in re.split(r"(?i)</p>\s*<p[^>]*>", marked)]
    first = next((index for index, part in enumerate(paragraphs) if "\x00" in part), 0)
    prompt, text = "\n".join(paragraphs[:first]).strip(), "\n".join(paragraphs[first:]).strip()

    def deletion(found: re.Match[str]) -> str:
        number = int(found.group(1))
        hint = f"::{found.group(2)}" if found.group(2) else ""
        return f"{{{{c{number}::{deletions[number - 1]}{hint}}}}}"

    text = re.sub(r"\x00(\d+)\x00(?:\x01(.*?)\x01)?", deletion, text)
    fields: dict[str, Any] = {"type": "cloze", **common(question, notes, [])}
    fields["prompt"] = prompt
    if not prompt:
        del fields["prompt"]
    fields["text"] = text
    return fields | ({"accept": accept} if accept else {})


READERS: dict[str, Callable[[ET.Element, list[str]], dict[str, Any]]] = {
    "multichoice": multichoice,
    "truefalse": truefalse,
    "shortanswer": shortanswer,
    "numerical": numerical,
    "matching": matching,
    "match": matching,
    "cloze": cloze,
    "multianswer": cloze,
    "ordering": ordering,
}


def read_moodle_xml(data: bytes, lang: str) -> Read:
    """Every question of a Moodle XML file, with the line it starts on."""
    lines = question_lines(data)
    root = ET.fromstring(data)
    read = Read()
    for line, question in zip(lines, root.findall("question"), strict=True):
        kind = question.get("type", "")
        name = (question.findtext("idnumber") or "").strip() or (question.findtext("name/text") or "").strip()
        if kind == "category":
            path = (question.findtext("category/text") or "").strip()
            read.title = read.title or path.replace("//", "\x00").split("/")[-1].replace("\x00", "/") or None
            continue
        if kind not in READERS:
            read.skipped.append(Skip(line, name, f"a Moodle {kind or 'untyped'} question has no quizgen type"))
            continue
        notes: list[str] = []
        try:
            fields = READERS[kind](question, notes)
        except (ValueError, StopIteration, IndexError) as error:
            read.skipped.append(Skip(line, name, f"its {kind} answers can't be read ({error or 'none'})"))
            continue
        read.questions.append(Foreign(line, name, fields, notes))
    return read

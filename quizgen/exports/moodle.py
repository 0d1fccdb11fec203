"""Moodle XML: the file Moodle's own question exporter writes, read back by its importer (qformat_xml).

Unlike GIFT it holds every question type of a bank: a cloze with several
blanks becomes a `cloze` question whose text embeds `{1:SHORTANSWER:=a~=b}`
(every accepted answer of each blank), an `order` question becomes core
Moodle's `ordering` question (Moodle 4.4 and later), and a match keeps its
distractors (a subquestion without text, as Moodle writes them).

Every question carries its id as name and `idnumber`, its tags, its points as
default grade, its hint, and its picture (embedded base64 as `@@PLUGINFILE@@`,
as Moodle exports files). The source excerpt is the general feedback, shown
after any answer; the explanation is the feedback of each answer (the combined
feedback of a match or ordering question, and the general feedback before the
excerpt for a cloze, whose blanks carry none). All questions go in one category
named after the bank's title. Texts are HTML made from the bank's plain text,
so markup in the bank shows literally.
"""

from __future__ import annotations

import base64
import html
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

from ..model import (
    Bank,
    Cloze,
    Deletion,
    Match,
    MultipleAnswer,
    MultipleChoice,
    Numeric,
    Order,
    Question,
    ShortAnswer,
    TrueFalse,
    cloze_parts,
)
from ..present import html_text
from .base import (
    ExportResult,
    Skipped,
    Unfit,
    blank_answers,
    decimal_number,
    image_alt,
    image_file,
    plain_number,
    prompt_with_unit,
    source_line,
)
from .gift import grade, penalty

PENALTY = "0.3333333"
"""Moodle's default penalty for each wrong try in an interactive quiz."""
CLOZE_ANSWER_ESCAPES = {"}": "\\}", "#": "\\#", "~": "&#126;", "*": "\\*"}
"""In a cloze blank, Moodle ends an answer at an unescaped ~ # or }: it reads \\} and \\# back, and decodes
entities (so ~ is written &#126;); * is a wildcard of short answers unless backslashed."""


def element(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    child = ET.SubElement(parent, tag, attributes)
    child.text = text
    return child


def text_field(parent: ET.Element, tag: str, text: str, format_name: str = "html") -> ET.Element:
    """`<tag format="html"><text>...</text></tag>`, the shape of every formatted text Moodle reads."""
    field = element(parent, tag, format=format_name)
    element(field, "text", text)
    return field


def paragraphs(*lines: str) -> str:
    """Plain texts as HTML paragraphs that show every character as written."""
    return "".join(f"<p>{html_text(line)}</p>" for line in lines if line)


def attach_image(bank: Bank, question: Question, lang: str, field: ET.Element) -> None:
    """The question's picture after its text, as Moodle exports a file: base64 in a <file>, named @@PLUGINFILE@@."""
    picture = image_file(bank, question)
    if picture is None:
        return
    name, data = picture
    text = field.find("text")
    assert text is not None
    src = "@@PLUGINFILE@@/" + html.escape(name)
    text.text = (text.text or "") + f'<p><img src="{src}" alt="{html.escape(image_alt(question, lang))}"></p>'
    element(field, "file", base64.b64encode(data).decode("ascii"), name=name, path="/", encoding="base64")


def short_answer(text: str) -> str:
    """An accepted short answer: Moodle reads * as a wildcard unless it is backslashed."""
    return text.replace("*", "\\*")


def answer(parent: ET.Element, fraction: str, text: str, feedback: str, format_name: str | None = "html") -> ET.Element:
    """`<answer fraction="100">` with its text and feedback; short and numerical answers are plain (no format)."""
    attributes = {"fraction": fraction, **({"format": format_name} if format_name else {})}
    node = element(parent, "answer", **attributes)
    element(node, "text", text)
    text_field(node, "feedback", feedback)
    return node


def combined_feedback(parent: ET.Element, feedback: str) -> None:
    """The feedback for a right, partly right and wrong response: the explanation, whatever the response."""
    for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
        text_field(parent, tag, feedback)


def choices(node: ET.Element, question: MultipleChoice | MultipleAnswer, lang: str, feedback: str) -> None:
    single = isinstance(question, MultipleChoice)
    for tag, value in (("single", "true" if single else "false"), ("shuffleanswers", "true"), ("answernumbering", "abc")):
        element(node, tag, value)
    element(node, "showstandardinstruction", "0")
    combined_feedback(node, "")
    if isinstance(question, MultipleChoice):
        fractions = ["100" if index == question.answer else "0" for index in range(len(question.choices))]
    else:
        # Moodle refuses a grade outside its list: the right answers share 100 %, each wrong one takes back a share.
        wrong = len(question.choices) - len(question.answers)
        right, taken = grade(len(question.answers)), penalty(wrong) if wrong else "0"
        fractions = [right if index in question.answers else f"-{taken}" for index in range(len(question.choices))]
    for choice, fraction in zip(question.choices, fractions, strict=True):
        answer(node, fraction, paragraphs(choice[lang]), feedback)


def numeric(node: ET.Element, question: Numeric, lang: str, feedback: str) -> None:
    """value ± tolerance; a range is its middle ± half its width, after the bank's answer (shown as the right one)."""
    value = plain_number(question.answer)
    if question.range is None:
        answer(node, "100", value, feedback, format_name=None).append(tolerance(plain_number(question.tolerance)))
    else:
        low, high = (Decimal(plain_number(bound)) for bound in question.range)
        middle, half = decimal_number((low + high) / 2), decimal_number((high - low) / 2)
        if middle != value:
            answer(node, "100", value, feedback, format_name=None).append(tolerance("0"))
        answer(node, "100", middle, feedback, format_name=None).append(tolerance(half))
    # The unit is shown in the prompt and not asked for (showunits 3): Moodle's unit box would mark a right
    # number wrong for a unit spelled differently. It is still listed, for an import to find it.
    if question.unit is not None:
        unit = element(element(node, "units"), "unit")
        element(unit, "multiplier", "1")
        element(unit, "unit_name", question.unit[lang])
    for tag, value in (("unitgradingtype", "0"), ("unitpenalty", "0.1"), ("showunits", "3"), ("unitsleft", "0")):
        element(node, tag, value)


def tolerance(value: str) -> ET.Element:
    node = ET.Element("tolerance")
    node.text = value
    return node


def cloze_escape(found: re.Match[str]) -> str:
    return CLOZE_ANSWER_ESCAPES[found.group()]


def cloze_blank(question: Cloze, deletion: Deletion, lang: str) -> str:
    """`{1:SHORTANSWER:=answer~=other}`: each accepted answer of the blank, escaped for Moodle's cloze reader."""
    accepted = blank_answers(question, deletion, lang)
    for text in accepted:
        if not text or text.strip() != text or text.endswith(("\\", "&")):
            raise Unfit(f"the blank's answer {text!r} can't be read back by Moodle's cloze reader (a space at an end, a final \\ or &)")
    escaped = [
        "=" + re.sub(r"[}#~*]", lambda found: CLOZE_ANSWER_ESCAPES[found.group()], html.escape(text, quote=False)) for text in accepted
    ]
    hint = f' <small class="hint">({html_text(deletion.hint)})</small>' if deletion.hint else ""
    return "{1:SHORTANSWER:" + "~".join(escaped) + "}" + hint


def cloze_html(question: Cloze, lang: str) -> str:
    """The prompt, then the text with each blank embedded; { in the text is written &#123; so that Moodle never
    reads the text as a blank."""
    pieces = [
        html_text(part).replace("{", "&#123;") if isinstance(part, str) else cloze_blank(question, part, lang)
        for part in cloze_parts(question.text[lang])
    ]
    lead = paragraphs(question.prompt[lang]) if question.prompt is not None else ""
    return lead + "<p>" + "".join(pieces) + "</p>"


def match(node: ET.Element, question: Match, lang: str, feedback: str) -> None:
    """A subquestion per pair; each right-hand text not on a pair is a subquestion without text (a distractor).
    Moodle offers each distinct right-hand text once, so a right side shared by two pairs is graded by text."""
    element(node, "shuffleanswers", "true")
    combined_feedback(node, feedback)
    rights = {right[lang] for _, right in question.pairs}
    rows = [(paragraphs(left[lang]), right[lang]) for left, right in question.pairs]
    rows += [("", text) for text in question.right_column(lang) if text not in rights]
    for left_html, right_text in rows:
        sub = text_field(node, "subquestion", left_html)
        element(element(sub, "answer"), "text", right_text)


def ordering(node: ET.Element, question: Order, lang: str, feedback: str) -> None:
    """Core Moodle's ordering question: every item shown, in a column, one mark per item in its right place."""
    for tag, value in (("layouttype", "VERTICAL"), ("selecttype", "ALL"), ("selectcount", str(len(question.items))),
                       ("gradingtype", "ABSOLUTE_POSITION"), ("showgrading", "SHOW")):  # fmt: skip
        element(node, tag, value)
    combined_feedback(node, feedback)
    for position, item in enumerate(question.items, 1):
        element(element(node, "answer", fraction=str(position), format="html"), "text", paragraphs(item[lang]))


MOODLE_TYPES = {
    "mcq": "multichoice",
    "multi": "multichoice",
    "truefalse": "truefalse",
    "short": "shortanswer",
    "numeric": "numerical",
    "cloze": "cloze",
    "match": "matching",
    "order": "ordering",
}


def question_node(bank: Bank, question: Question, lang: str) -> ET.Element:
    """One <question>, in the order of Moodle's own exporter; Unfit for what Moodle can't hold."""
    node = ET.Element("question", type=MOODLE_TYPES[question.type])
    element(element(node, "name"), "text", question.id)
    explanation = "" if question.explanation is None else question.explanation[lang]
    excerpt = source_line(bank, question, lang) or ""
    if isinstance(question, Cloze):
        text = text_field(node, "questiontext", cloze_html(question, lang))
        general, explanation = paragraphs(explanation, excerpt), ""
    else:
        text = text_field(node, "questiontext", paragraphs(prompt_with_unit(question, lang)))
        general = paragraphs(excerpt)
    attach_image(bank, question, lang, text)
    text_field(node, "generalfeedback", general)
    if not isinstance(question, Cloze):  # a cloze's grade is the sum of its blanks' (Moodle writes none)
        element(node, "defaultgrade", plain_number(question.points))
    element(node, "penalty", PENALTY)
    element(node, "hidden", "0")
    element(node, "idnumber", question.id)
    feedback = paragraphs(explanation)
    if isinstance(question, MultipleChoice | MultipleAnswer):
        choices(node, question, lang, feedback)
    elif isinstance(question, TrueFalse):
        answer(node, "100" if question.answer else "0", "true", feedback, format_name="moodle_auto_format")
        answer(node, "0" if question.answer else "100", "false", feedback, format_name="moodle_auto_format")
    elif isinstance(question, ShortAnswer):
        element(node, "usecase", "0")
        for accepted in dict.fromkeys([question.answer[lang], *(other[lang] for other in question.accept)]):
            answer(node, "100", short_answer(accepted), feedback, format_name="moodle_auto_format")
    elif isinstance(question, Numeric):
        numeric(node, question, lang, feedback)
    elif isinstance(question, Match):
        match(node, question, lang, feedback)
    elif isinstance(question, Order):
        ordering(node, question, lang, feedback)
    if question.hint is not None:
        text_field(node, "hint", paragraphs(question.hint[lang]))
    if question.tags:
        tags = element(node, "tags")
        for tag in question.tags:
            element(element(tags, "tag"), "text", tag)
    return node


def category_node(bank: Bank, lang: str) -> ET.Element:
    """The category the questions go in: `$course$/top/<title>`, a / in the title written // as Moodle does."""
    node = ET.Element("question", type="category")
    element(element(node, "category"), "text", "$course$/top/" + bank.title[lang].replace("/", "//"))
    text_field(node, "info", paragraphs(prompt_source(bank, lang)))
    element(node, "idnumber", "")
    return node


def prompt_source(bank: Bank, lang: str) -> str:
    """The category's description: where the questions come from."""
    if bank.source is None:
        return ""
    details = ", ".join(part for part in (bank.source.date, bank.source.url) if part)
    return bank.source.title[lang] + (f" ({details})" if details else "")


def to_moodle(bank: Bank, lang: str) -> ExportResult:
    """The bank as a Moodle XML file, in `lang`."""
    root = ET.Element("quiz")
    root.append(category_node(bank, lang))
    skipped = []
    for question in bank.questions:
        try:
            root.append(question_node(bank, question, lang))
        except Unfit as unfit:
            skipped.append(Skipped(question, str(unfit)))
    ET.indent(root)
    text = '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
    return ExportResult(text, len(root) - 1, tuple(skipped))

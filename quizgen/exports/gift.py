"""Moodle's GIFT: a plain-text file of questions that Moodle's question bank imports.

Every text is written `[plain]`, so Moodle shows it literally (HTML in the bank
stays text), with GIFT's special characters `~ = # { } :` and the backslash
escaped. Each question is named `::id::` and carries its id and tags in the
comment Moodle reads (`// [id:...] [tag:...]`); all questions go in one
category named after the bank's title. The general feedback (`####`) is the
explanation and the source excerpt.

GIFT has one blank per question: a cloze with several blanks is left out, with
the reason (Moodle XML takes it: --format moodle). An `order` question is
written as the ordering question type's GIFT (`{>3 ALL VERTICAL ...` then one
item per line), which Moodle 4.4 and later import (qtype_ordering, core since
4.4, reads it through qformat_gift's hook for question types); that import
reads the items literally, without GIFT's escapes, and takes no feedback, so an
item with a brace, a prompt with a brace and the explanation can't go there:
--format moodle carries them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from ..model import (
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
from ..present import prompt_text
from .base import ExportResult, Skipped, Unfit, feedback_lines, one_line, plain_number, prompt_with_unit, refuse_picture

SPECIAL = re.compile(r"([~=#{}:\\])")
MOODLE_GRADES = (
    "100", "90", "83.33333", "80", "75", "70", "66.66667", "60", "50", "40",
    "33.33333", "30", "25", "20", "16.66667", "14.28571", "12.5", "11.11111", "10", "5",
)  # fmt: skip
"""The answer grades Moodle offers, in percent; an imported multi-answer question should use them."""


def escape(text: str) -> str:
    """Text with GIFT's special characters backslashed and line breaks written \\n (a blank line ends a question)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return SPECIAL.sub(r"\\\1", text).replace("\n", "\\n")


def answer_text(text: str) -> str:
    """An escaped answer. Moodle would read a leading [word] as a text format, and a leading %n% as a grade;
    a [plain] prefix keeps both as text."""
    escaped = escape(text)
    return f"[plain]{escaped}" if escaped.startswith(("[", "%")) else escaped


def short_answer(text: str) -> str:
    """An accepted short answer: Moodle's short-answer grading reads * as a wildcard unless it is backslashed."""
    if "->" in text:
        raise Unfit(f"the answer {text!r} contains ->, which GIFT reads as a matching pair")
    return answer_text(text).replace("*", "\\*")


def grade(share: int) -> str:
    """100/share percent, as one of Moodle's grades: the right answers' grades must add up to 100 %."""
    for value in MOODLE_GRADES:
        if abs(float(value) - 100 / share) < 1e-4:
            return value
    raise Unfit(f"Moodle has no grade of 100/{share} %, needed for {share} right choices")


def penalty(wrong: int) -> str:
    """A wrong choice's penalty: the smallest of Moodle's grades that is at least 100/wrong percent, so that
    ticking every choice scores 0 (Moodle never goes below 0), whatever the number of wrong choices."""
    return min((value for value in MOODLE_GRADES if float(value) >= 100 / wrong - 1e-4), key=float)


def answer_block(lines: Iterable[str], feedback: str) -> str:
    """`{` answers, general feedback `}`, one per line as Moodle writes them."""
    body = "".join(f"\t{line}\n" for line in lines)
    return "{\n" + body + (f"\t####{feedback}\n" if feedback else "") + "}"


def choices(question: MultipleChoice | MultipleAnswer, lang: str) -> list[str]:
    if isinstance(question, MultipleChoice):
        return [("=" if index == question.answer else "~") + answer_text(choice[lang]) for index, choice in enumerate(question.choices)]
    wrong = len(question.choices) - len(question.answers)
    right_weight = f"~%{grade(len(question.answers))}%"
    wrong_weight = f"~%-{penalty(wrong)}%" if wrong else ""
    return [
        (right_weight if index in question.answers else wrong_weight) + answer_text(choice[lang])
        for index, choice in enumerate(question.choices)
    ]


def numeric(question: Numeric) -> str:
    """The numerical answer: value:tolerance, or for a range the bank's answer first (Moodle shows it as the
    right answer) and then the range it accepts."""
    answer = plain_number(question.answer)
    if question.range is None:
        return f"#{answer}:{plain_number(question.tolerance)}"
    low, high = question.range
    return f"#={answer}:0 ={plain_number(low)}..{plain_number(high)}"


def cloze(question: Cloze, lang: str, feedback: str) -> str:
    """A one-blank cloze as Moodle's missing-word short answer: the blank's answers go where the blank is."""
    text = question.text[lang]
    blanks = len(cloze_deletions(text))
    if blanks > 1:
        raise Unfit(f"GIFT has one blank per question and this cloze has {blanks} (--format moodle takes it)")
    pieces = []
    for part in cloze_parts(text):
        if isinstance(part, str):
            pieces.append(escape(part))
        else:
            pieces.append("{=" + short_answer(part.answer) + (f"####{feedback}" if feedback else "") + "}")
    lead = f"{escape(question.prompt[lang])}\\n" if question.prompt is not None else ""
    return "[plain]" + lead + "".join(pieces)


def match(question: Match, lang: str) -> list[str]:
    lines = []
    for left, right in question.pairs:
        if "->" in left[lang]:
            raise Unfit(f"the item {left[lang]!r} contains ->, which GIFT reads as the arrow of its pair")
        lines.append(f"={answer_text(left[lang])} -> {escape(right[lang])}")
    # A pair with no left side is a distractor to Moodle; it shows each right-hand text once.
    rights = {right[lang] for _, right in question.pairs}
    return lines + [f"= -> {escape(text)}" for text in question.right_column(lang) if text not in rights]


def ordering(question: Order, lang: str) -> str:
    """`[plain]prompt {>N ALL VERTICAL ABSOLUTE_POSITION SHOW`, the items one a line, `}`: qtype_ordering's GIFT.

    Moodle matches the whole question against `[^{]*\\{>...\\}`, so no brace may come
    before the block, even escaped; items are read raw, one a line, trimmed, as
    HTML: a brace can't be written in one, and <, > and & are written as entities.
    """
    prompt = prompt_text(question, lang)
    if "{" in prompt or "}" in prompt:
        raise Unfit("Moodle's GIFT import of an ordering question takes no brace in its prompt (--format moodle takes it)")
    items = [one_line(item[lang]) for item in question.items]
    for item in items:
        if "{" in item or "}" in item or item.startswith("//"):
            raise Unfit(f"Moodle's GIFT import of an ordering question can't read the item {item!r} (--format moodle takes it)")
    header = f"{{>{len(items)} ALL VERTICAL ABSOLUTE_POSITION SHOW"
    body = "".join(f"{html.escape(item, quote=False)}\n" for item in items)
    return f"[plain]{escape(prompt)} {header}\n{body}}}"


def question_text(question: Question, lang: str, feedback: str) -> str:
    """The question after its name: `[plain]prompt {answers}`."""
    if isinstance(question, Cloze):
        return cloze(question, lang, feedback)
    if isinstance(question, Order):
        return ordering(question, lang)
    prompt = f"[plain]{escape(prompt_with_unit(question, lang))} "
    if isinstance(question, MultipleChoice | MultipleAnswer):
        return prompt + answer_block(choices(question, lang), feedback)
    if isinstance(question, TrueFalse):
        return prompt + "{" + ("TRUE" if question.answer else "FALSE") + (f"####{feedback}" if feedback else "") + "}"
    if isinstance(question, ShortAnswer):
        accepted = [question.answer[lang], *(other[lang] for other in question.accept)]
        return prompt + answer_block((f"={short_answer(text)}" for text in dict.fromkeys(accepted)), feedback)
    if isinstance(question, Numeric):
        return prompt + "{" + numeric(question) + (f"####{feedback}" if feedback else "") + "}"
    if isinstance(question, Match):
        return prompt + answer_block(match(question, lang), feedback)
    raise TypeError(question.type)


def comment(question: Question) -> str:
    """The comment Moodle (3.6 and later) reads a question's id number and tags from."""
    tags = (tag.replace("]", "\\]") for tag in question.tags)
    return "// " + " ".join([f"[id:{question.id}]", *(f"[tag:{tag}]" for tag in tags)])


def category(bank: Bank, lang: str) -> str:
    """The category line: Moodle splits category paths at /, and reads // as a slash in a name."""
    return "$CATEGORY: " + one_line(bank.title[lang]).replace("\\", "\\\\").replace("/", "//")


def to_gift(bank: Bank, lang: str) -> ExportResult:
    """The bank as a GIFT file, in `lang`."""
    blocks = [f"// {one_line(bank.title[lang])} — exported by quizgen ({lang})\n{category(bank, lang)}"]
    skipped = []
    for question in bank.questions:
        feedback = escape("\n".join(feedback_lines(bank, question, lang)))
        try:
            refuse_picture(question, "GIFT")
            text = question_text(question, lang, feedback)
        except Unfit as unfit:
            skipped.append(Skipped(question, str(unfit)))
            continue
        blocks.append(f"{comment(question)}\n::{question.id}::{text}")
    return ExportResult("\n\n".join(blocks) + "\n", len(blocks) - 1, tuple(skipped))

"""`quizgen handout`: worksheets to print, in versions A, B, C..., with their answer keys.

`make_handout` picks the questions once, then shuffles them, and the choices
inside them, once per version; every version holds the same questions. The
renderers lay out that one `Handout`: `to_markdown` and `to_html` here, `to_pdf`
in handout_pdf.py (typst). `write_handout` is the only function that touches
files.
"""

from __future__ import annotations

import functools
import html
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from . import errors, present
from .bank import load_bank
from .errors import QuizgenError
from .files import source_date_epoch, write_atomic
from .model import (
    Bank,
    Cloze,
    Deletion,
    Localized,
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
from .present import answer_text, label, prompt_text, shuffled
from .select import Filters, matching, parse_difficulty

KeyMode = Literal["include", "omit", "only"]
"""Answer keys after the versions, none, or the keys alone (the teacher's copy)."""
FORMATS = ("pdf", "html", "md")
PAPERS = ("a4", "letter")
SUFFIXES = {".pdf": "pdf", ".html": "html", ".htm": "html", ".md": "md", ".markdown": "md"}
"""The suffixes a handout's file name may end in, and the format each names."""
FORMAT_NAMES = {"pdf": "a pdf", "html": "an html", "md": "an md"}
"""Each format with its article, for messages."""
STDOUT = "-"
"""The output that means standard output."""
MAX_VERSIONS = 99
"""Versions are lettered A to Z, then AA, AB... up to CU: far more than a class needs."""

# Room for handwriting: a blank is this much wider than the printed answer, within these bounds (in characters).
BLANK_STRETCH = 1.3
BLANK_WIDTH = (8, 40)
CHARACTERS_PER_LINE = 45
"""Handwritten characters on one writing line, to give a short answer enough lines."""

# French puts a no-break space inside « » and before ? ! : ; so that they never start a line.
FRENCH_SPACE_BEFORE = re.compile(r"[ \t]+(?=[?!:;»])")
FRENCH_SPACE_AFTER = re.compile(r"(?<=«)[ \t]+")
SPACING = re.compile(r"[ \t\r\n]+")


# Records


@dataclass(frozen=True)
class Blank:
    """A gap to write in, in a cloze sentence, with the deletion's hint if it has one."""

    width: int
    """In characters: the answer's length with room for handwriting."""
    hint: str | None = None


@dataclass(frozen=True)
class Boxes:
    """Options with a box to tick (mcq, multi, truefalse)."""

    options: tuple[str, ...]
    marks: tuple[str, ...] | None
    """The letters the key names the options by ('a)', 'b)'...); None for True/False."""
    columns: int

    @property
    def printed(self) -> tuple[str, ...]:
        """Each option as printed beside its box: 'a) Paris', or 'True'."""
        if self.marks is None:
            return self.options
        return tuple(f"{mark} {option}" for mark, option in zip(self.marks, self.options, strict=True))


@dataclass(frozen=True)
class Lines:
    """Ruled lines to write a short answer on."""

    count: int


@dataclass(frozen=True)
class NumberBlank:
    """A blank for a number, then its unit."""

    unit: str | None


@dataclass(frozen=True)
class Sentence:
    """A cloze text with blanks in place of its deletions."""

    parts: tuple[str | Blank, ...]


@dataclass(frozen=True)
class Columns:
    """Two columns to link: numbered items on the left, lettered (and shuffled) ones on the right."""

    left: tuple[str, ...]
    right: tuple[str, ...]
    marks: tuple[str, ...]

    @property
    def printed(self) -> tuple[str, ...]:
        """The right column as printed: 'a) Descartes'."""
        return tuple(f"{mark} {right}" for mark, right in zip(self.marks, self.right, strict=True))


@dataclass(frozen=True)
class Ranking:
    """Items in a shuffled order, each with a box for its rank."""

    items: tuple[str, ...]


Layout = Boxes | Lines | NumberBlank | Sentence | Columns | Ranking


@dataclass(frozen=True)
class Item:
    """One numbered question of a version as it is printed, with its line of the answer key."""

    number: int
    question: Question
    prompt: str
    instruction: str | None
    layout: Layout
    answer: str
    """The answer as the teacher checks it on this version: 'b) Paris', '1 → c) Descartes; 2 → a) ...', '3, 1, 2'."""
    excerpt: str | None
    """The question's source excerpt, verbatim, to find the line in the article."""


@dataclass(frozen=True)
class Version:
    """One version of the worksheet: the same questions as the others, in its own order."""

    letter: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Handout:
    """Everything a handout prints: the header texts and the versions."""

    title: str
    source: str | None
    """The source's title and date, as the header shows them."""
    lang: str
    seed: int
    versions: tuple[Version, ...]

    @property
    def letters(self) -> str:
        """'A', 'A and B', 'A to C'."""
        letters = [version.letter for version in self.versions]
        if len(letters) <= 2:
            return " and ".join(letters)
        return f"{letters[0]} to {letters[-1]}"


@dataclass(frozen=True)
class HandoutOptions:
    """What `quizgen handout` is asked for; None picks the default."""

    format: str | None = None
    """pdf, html or md; None: from the output file's suffix, else pdf."""
    versions: int = 1
    count: int | None = None
    tags: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    difficulty: str | None = None
    """As typed: '2' or '2-3'."""
    seed: int = 0
    lang: str | None = None
    paper: str = "a4"
    key: KeyMode = "include"
    title: str | None = None


@dataclass(frozen=True)
class Written:
    """A handout written to a file, or made for standard output, to report."""

    path: Path | None
    """None: standard output, where the caller prints `data`."""
    handout: Handout
    key: KeyMode
    data: bytes | str

    def summary(self) -> str:
        """'Wrote x.pdf: 3 versions (A to C) of 20 questions, then their answer keys; seed 0'."""
        one = len(self.handout.versions) == 1
        versions = errors.count(len(self.handout.versions), "version")
        what = f"{versions} ({self.handout.letters}) of {errors.count(len(self.handout.versions[0].items), 'question')}"
        if self.key == "only":
            what = f"the answer key{'' if one else 's'} of {what}"
        elif self.key == "include":
            what += ", then its answer key" if one else ", then their answer keys"
        else:
            what += ", without answer key" if one else ", without answer keys"
        where = "standard output" if self.path is None else str(self.path)
        return f"Wrote {where}: {what}; seed {self.handout.seed}"


# Choosing and shuffling


def select_questions(
    bank: Bank,
    tags: tuple[str, ...] = (),
    types: tuple[str, ...] = (),
    count: int | None = None,
    seed: int = 0,
    difficulty: tuple[int, int] | None = None,
) -> tuple[Question, ...]:
    """The questions of the handout, in bank order: those that pass the filters, `count` of them picked by the seed."""
    filters = Filters(tags, types, difficulty)
    chosen = matching(bank, filters)
    if count is None:
        return tuple(chosen)
    if count < 1:
        raise QuizgenError(f"--count {count}: give 1 or more questions")
    if count > len(chosen):
        among = f" matching {filters.describe()}" if filters.describe() else ""
        raise QuizgenError(f"--count {count}: {bank.path} has only {errors.count(len(chosen), 'question')}{among}")
    picked = {question.id for question in shuffled(chosen, seed, "pick")[:count]}
    return tuple(question for question in chosen if question.id in picked)


def make_handout(
    bank: Bank,
    *,
    lang: str | None = None,
    versions: int = 1,
    count: int | None = None,
    tags: tuple[str, ...] = (),
    types: tuple[str, ...] = (),
    difficulty: tuple[int, int] | None = None,
    seed: int = 0,
    title: str | None = None,
) -> Handout:
    """The versions of a worksheet: the same questions, shuffled (with their choices) per version from the seed."""
    lang = bank.language(lang)
    if not 1 <= versions <= MAX_VERSIONS:
        last = version_letter(MAX_VERSIONS - 1)
        raise QuizgenError(f"--versions {versions}: give 1 to {MAX_VERSIONS} versions (they are lettered A to Z, then AA to {last})")
    questions = select_questions(bank, tags, types, count, seed, difficulty)
    return Handout(
        title=typographic(title if title is not None else bank.title[lang], lang),
        source=source_line(bank, lang),
        lang=lang,
        seed=seed,
        versions=tuple(make_version(version_letter(index), questions, lang, seed) for index in range(versions)),
    )


def source_line(bank: Bank, lang: str) -> str | None:
    if bank.source is None:
        return None
    title = typographic(bank.source.title[lang], lang)
    return f"{title} ({bank.source.date})" if bank.source.date else title


def make_version(letter: str, questions: tuple[Question, ...], lang: str, seed: int) -> Version:
    ordered = shuffled(questions, seed, letter)
    return Version(letter, tuple(make_item(number, question, lang, seed, letter) for number, question in enumerate(ordered, 1)))


def make_item(number: int, question: Question, lang: str, seed: int, letter: str) -> Item:
    """A question as printed on one version: its choices, right column or items shuffled, and its key."""
    sheet = Sheet(lang, seed, letter, question.id)
    layout, answer, instruction = LAYOUT_MAKERS[type(question)](question, sheet)
    return Item(number, question, sheet.text(prompt_text(question, lang)), instruction, layout, answer, question.source)


@dataclass(frozen=True)
class Sheet:
    """The version a question is laid out for: its language, and the seed of its shuffles."""

    lang: str
    seed: int
    letter: str
    question_id: str

    def text(self, value: Localized | str) -> str:
        return typographic(value if isinstance(value, str) else value[self.lang], self.lang)

    def order(self, size: int) -> list[int]:
        """Positions 0..size-1, shuffled for this question on this version."""
        return shuffled(range(size), *self.seed_parts)

    def scrambled(self, size: int) -> list[int]:
        """The same shuffle, never in the right order (which would give a match or an order away)."""
        return present.scrambled(size, *self.seed_parts)

    @property
    def seed_parts(self) -> tuple[object, ...]:
        """What shuffles this question on this version: another version, or another question, shuffles otherwise."""
        return (self.seed, self.letter, self.question_id)


Laid = tuple[Layout, str, str | None]
"""A question's layout, its answer for the key, and the instruction printed under it."""


def lay_out_choices(question: MultipleChoice | MultipleAnswer, sheet: Sheet) -> Laid:
    positions = sheet.order(len(question.choices))
    options = tuple(sheet.text(question.choices[index]) for index in positions)
    layout = Boxes(options, tuple(f"{present.letter(index)})" for index in range(len(options))), choice_columns(options))
    right = question.answers if isinstance(question, MultipleAnswer) else (question.answer,)
    answer = "; ".join(layout.printed[shown] for shown in sorted(positions.index(index) for index in right))
    instruction = "handout_tick_one" if isinstance(question, MultipleChoice) else "handout_tick_all"
    return layout, answer, label(instruction, sheet.lang)


def lay_out_true_false(question: TrueFalse, sheet: Sheet) -> Laid:
    return Boxes((label("true", sheet.lang), label("false", sheet.lang)), None, 2), answer_text(question, sheet.lang), None


def lay_out_short(question: ShortAnswer, sheet: Sheet) -> Laid:
    answer = sheet.text(question.answer)
    if question.accept:
        answer += f" ({label('or', sheet.lang)} {', '.join(sheet.text(other) for other in question.accept)})"
    return Lines(1 + len(question.answer[sheet.lang]) // CHARACTERS_PER_LINE), answer, None


def lay_out_numeric(question: Numeric, sheet: Sheet) -> Laid:
    unit = sheet.text(question.unit) if question.unit is not None else None
    return NumberBlank(unit), sheet.text(answer_text(question, sheet.lang)), None


def lay_out_cloze(question: Cloze, sheet: Sheet) -> Laid:
    parts = cloze_parts(question.text[sheet.lang])
    sentence = tuple(
        sheet.text(part) if isinstance(part, str) else blank(part.answer, part.hint and sheet.text(part.hint)) for part in parts
    )
    answer = "; ".join(sheet.text(part.answer) for part in parts if isinstance(part, Deletion))
    return Sentence(sentence), answer, None


def lay_out_match(question: Match, sheet: Sheet) -> Laid:
    positions = sheet.scrambled(len(question.pairs))
    layout = Columns(
        tuple(sheet.text(left) for left, _ in question.pairs),
        tuple(sheet.text(question.pairs[index][1]) for index in positions),
        tuple(f"{present.letter(index)})" for index in range(len(positions))),
    )
    answer = "; ".join(f"{number} → {layout.printed[positions.index(number - 1)]}" for number in range(1, len(positions) + 1))
    return layout, answer, label("handout_link", sheet.lang)


def lay_out_order(question: Order, sheet: Sheet) -> Laid:
    positions = sheet.scrambled(len(question.items))
    layout = Ranking(tuple(sheet.text(question.items[index]) for index in positions))
    return layout, ", ".join(str(index + 1) for index in positions), label("handout_rank", sheet.lang)


LAYOUT_MAKERS: dict[type[Question], Callable[[Any, Sheet], Laid]] = {
    MultipleChoice: lay_out_choices,
    MultipleAnswer: lay_out_choices,
    TrueFalse: lay_out_true_false,
    ShortAnswer: lay_out_short,
    Numeric: lay_out_numeric,
    Cloze: lay_out_cloze,
    Match: lay_out_match,
    Order: lay_out_order,
}
"""How each type of question is laid out on paper; each maker takes a question of its own type."""


def version_letter(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA', 27 -> 'AB': versions are lettered like spreadsheet columns."""
    return present.letter(index).upper()


def choice_columns(options: tuple[str, ...]) -> int:
    """Short options side by side, long ones one per line."""
    longest = max(len(option) for option in options)
    columns = 4 if longest <= 14 else 2 if longest <= 34 else 1
    return min(columns, len(options))


def blank(answer: str, hint: str | None) -> Blank:
    low, high = BLANK_WIDTH
    return Blank(max(low, min(high, round(len(answer) * BLANK_STRETCH) + 2)), hint)


@functools.lru_cache(maxsize=4096)
def typographic(text: str, lang: str) -> str:
    """French spacing made unbreakable: 'Cisco ?' keeps its '?' on the same line (cached: every version prints the same texts)."""
    if lang.split("-")[0] != "fr":
        return text
    return FRENCH_SPACE_AFTER.sub("\u00a0", FRENCH_SPACE_BEFORE.sub("\u00a0", text))


# Markdown

MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]<>#|~$&{}])")


def md(text: str) -> str:
    """User text as literal Markdown, on one line."""
    return MARKDOWN_SPECIALS.sub(r"\\\1", SPACING.sub(" ", text))


def md_blank(width: int) -> str:
    return "\\_" * width


def to_markdown(handout: Handout, key: KeyMode = "include") -> str:
    """The handout as Markdown to edit before printing; an HTML page break separates the sheets."""
    sections = []
    if key != "only":
        sections += [markdown_version(handout, version) for version in handout.versions]
    if key != "omit":
        sections += [markdown_key(handout, version) for version in handout.versions]
    return '\n<div style="break-before: page"></div>\n\n'.join(sections)


def markdown_version(handout: Handout, version: Version) -> str:
    lang = handout.lang
    version_label = label("handout_version", lang).format(letter=version.letter)
    lines = [f"# {md(handout.title)} — {version_label}", ""]
    if handout.source is not None:
        lines += [md(label("handout_source", lang).format(source=handout.source)), ""]
    lines += [
        "   ".join(f"**{label(word, lang)}** {md_blank(width)}" for word, width in STUDENT_FIELDS),
        "",
        f"*{label('handout_instructions', lang)}*",
        "",
    ]
    for item in version.items:
        lines += markdown_item(item, lang)
    return "\n".join(lines)


STUDENT_FIELDS = (("handout_name", 24), ("handout_class", 10), ("handout_date", 10))
"""The lines a student fills in at the top of the sheet, with their width in characters."""


def markdown_item(item: Item, lang: str) -> list[str]:
    lines = [f"**{item.number}.** {md(item.prompt)}"]
    if item.instruction is not None:
        lines[0] += "  "
        lines.append(f"*{item.instruction}*")
    lines.append("")
    layout = item.layout
    if isinstance(layout, Boxes):
        lines += [f"- [ ] {md(option)}" for option in layout.printed]
    elif isinstance(layout, Lines):
        lines += "\n\n".join([md_blank(60)] * layout.count).split("\n")
    elif isinstance(layout, NumberBlank):
        lines.append(md_blank(16) + (f" {md(layout.unit)}" if layout.unit else ""))
    elif isinstance(layout, Sentence):
        lines.append("> " + "".join(md_sentence_part(part) for part in layout.parts).strip())
    elif isinstance(layout, Columns):
        lines += ["| | |", "| --- | --- |"]
        lines += [
            f"| {number}. {md(left)} | {md(right)} |"
            for number, (left, right) in enumerate(zip(layout.left, layout.printed, strict=True), 1)
        ]
    else:
        lines += [f"- \\[  \\] {md(entry)}" for entry in layout.items]
    return [*lines, ""]


def md_sentence_part(part: str | Blank) -> str:
    if isinstance(part, str):
        return md(part)
    return md_blank(part.width) + (f" *({md(part.hint)})*" if part.hint else "")


def markdown_key(handout: Handout, version: Version) -> str:
    lang = handout.lang
    lines = [
        f"# {label('handout_key', lang).format(letter=version.letter)}",
        "",
        md(handout.title),
        "",
        f"| {label('handout_number', lang)} | {label('answer', lang)} | {label('source', lang)} |",
        "| --- | --- | --- |",
    ]
    lines += [f"| {item.number} | {md(item.answer)} | {markdown_source(item)} |" for item in version.items]
    return "\n".join([*lines, ""])


def markdown_source(item: Item) -> str:
    """The excerpt, then the question's id in code (a slug, so it needs no escaping), to find it in the bank."""
    return " ".join([*([md(item.excerpt)] if item.excerpt else []), f"`{item.question.id}`"])


# HTML

HTML_STYLE = """
:root { --ink: #1a1a1a; --faint: #777; --rule: #999; }
* { box-sizing: border-box; }
body { margin: 0; background: #e8e8e8; color: var(--ink); font: 11pt/1.45 "Libertinus Serif", "Linux Libertine", Georgia, serif; }
.sheet { background: white; max-width: 190mm; margin: 12mm auto; padding: 14mm 16mm; box-shadow: 0 1px 6px rgba(0,0,0,.25); }
.sheet, .sheet * { overflow-wrap: anywhere; }
header { border-bottom: 1.2pt solid var(--ink); padding-bottom: 3mm; margin-bottom: 5mm; }
.heading { display: flex; justify-content: space-between; align-items: flex-start; gap: 6mm; }
h1 { font-size: 17pt; line-height: 1.2; margin: 0; }
.letter { border: 1.2pt solid var(--ink); padding: 1mm 3mm; font-weight: bold; white-space: nowrap; }
.source { margin: 1.5mm 0 0; color: #444; font-size: 10pt; }
.student { display: flex; gap: 6mm; margin: 5mm 0 3mm; }
.student span { display: flex; flex: 1; gap: 2mm; white-space: nowrap; }
.student span:first-child { flex: 2; }
.student span::after { content: ""; flex: 1; border-bottom: .6pt solid var(--ink); }
.instructions { font-style: italic; margin: 0; }
.question { display: grid; grid-template-columns: 2.2em 1fr; margin: 0 0 5mm; break-inside: avoid; }
.number { font-weight: bold; }
.question p { margin: 0; }
.instruction { font-style: italic; font-size: 10pt; color: #444; }
.boxes { list-style: none; padding: 0; margin: 1.5mm 0 0; display: grid; gap: 1.5mm 6mm; }
.cols-1 { grid-template-columns: 1fr; } .cols-2 { grid-template-columns: 1fr 1fr; }
.cols-3 { grid-template-columns: repeat(3, 1fr); } .cols-4 { grid-template-columns: repeat(4, 1fr); }
.boxes li, .ranking li { display: flex; gap: 2mm; align-items: baseline; }
.box { flex: none; display: inline-block; width: .85em; height: .85em; border: .6pt solid var(--ink); position: relative; top: .1em; }
.ranking { list-style: none; padding: 0; margin: 1.5mm 0 0; display: grid; gap: 1.5mm; }
.ranking .box { width: 1.6em; height: 1.3em; top: .3em; }
.writing { height: 9mm; border-bottom: .6pt solid var(--rule); }
.number-blank { margin-top: 3mm; }
.blank { display: inline-block; border-bottom: .6pt solid var(--ink); height: 1.1em; vertical-align: -0.25em; max-width: 100%; }
.number-blank .blank { width: 45mm; }
.sentence { line-height: 2.1; margin-top: 1mm; }
.hint { font-style: italic; font-size: 9pt; color: #555; }
.columns { display: grid; grid-template-columns: 1fr 10mm 1fr; gap: 2.5mm 0; margin-top: 2mm; }
.left, .right { display: flex; gap: 2mm; align-items: baseline; }
.left .text { flex: 1; }
.dot { flex: none; display: inline-block; width: 5px; height: 5px; border-radius: 50%; background: var(--ink);
  position: relative; top: -.15em; }
.key h1 { margin-bottom: 4mm; }
.key table { width: 100%; border-collapse: collapse; font-size: 10pt; table-layout: fixed; }
.key th:first-child { width: 3em; }
.key th, .key td { text-align: left; vertical-align: top; padding: 1.5mm 2mm; border-bottom: .4pt solid #bbb; }
.key th { border-bottom: 1pt solid var(--ink); }
.key td.excerpt { font-style: italic; color: #333; }
.key .id { float: right; margin-left: 1em; font: 8pt/1.8 ui-monospace, monospace; color: #888; }
@media print {
  body { background: none; }
  .sheet { box-shadow: none; margin: 0; padding: 0; max-width: none; break-before: page; }
  .sheet:first-child { break-before: auto; }
}
"""


def to_html(handout: Handout, key: KeyMode = "include", paper: str = "a4") -> str:
    """The handout as one self-contained web page: inline CSS, no script, a page per sheet when printed."""
    sheets = []
    if key != "only":
        sheets += [html_version(handout, version) for version in handout.versions]
    if key != "omit":
        sheets += [html_key(handout, version) for version in handout.versions]
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{html.escape(handout.lang)}">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{html.escape(handout.title)}</title>",
            f"<style>{HTML_STYLE}{page_style(handout, paper)}</style>",
            "</head>",
            "<body>",
            *sheets,
            "</body>",
            "</html>",
            "",
        ]
    )


def page_style(handout: Handout, paper: str) -> str:
    """Paper size, and the version letter at the foot of every printed page (a named page per sheet)."""
    size = "A4" if paper == "a4" else "letter"
    rules = [f"@page {{ size: {size}; margin: 16mm 18mm 18mm; }}"]
    for version in handout.versions:
        for kind, words in (("v", "handout_version"), ("k", "handout_key")):
            footer = css_string(label(words, handout.lang).format(letter=version.letter))
            rules.append(
                f"@page {kind}{version.letter} {{ @bottom-center {{ content: {footer}; font: 9pt serif; color: #555; }} }}"
                f" .page-{kind}{version.letter} {{ page: {kind}{version.letter}; }}"
            )
    return "\n".join(rules) + "\n"


def css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def html_header(handout: Handout, heading: str) -> list[str]:
    lines = [
        "<header>",
        f'<div class="heading"><h1>{html.escape(handout.title)}</h1><div class="letter">{html.escape(heading)}</div></div>',
    ]
    if handout.source is not None:
        lines.append(f'<p class="source">{html.escape(label("handout_source", handout.lang).format(source=handout.source))}</p>')
    return lines


def html_version(handout: Handout, version: Version) -> str:
    lang = handout.lang
    heading = label("handout_version", lang).format(letter=version.letter)
    fields = "".join(f"<span>{html.escape(label(word, lang))}</span>" for word, _ in STUDENT_FIELDS)
    lines = [
        f'<section class="sheet version page-v{version.letter}" id="version-{version.letter}">',
        *html_header(handout, heading),
        f'<div class="student">{fields}</div>',
        f'<p class="instructions">{html.escape(label("handout_instructions", lang))}</p>',
        "</header>",
    ]
    lines += [html_item(item) for item in version.items]
    lines.append("</section>")
    return "\n".join(lines)


def html_item(item: Item) -> str:
    body = [f'<p class="prompt">{html.escape(item.prompt)}</p>']
    if item.instruction is not None:
        body.append(f'<p class="instruction">{html.escape(item.instruction)}</p>')
    body.append(html_layout(item.layout))
    return (
        f'<div class="question {item.question.type}" data-question="{html.escape(item.question.id)}">'
        f'<span class="number">{item.number}.</span><div>{"".join(body)}</div></div>'
    )


def html_layout(layout: Layout) -> str:
    box = '<span class="box"></span>'
    if isinstance(layout, Boxes):
        options = "".join(f"<li>{box}<span>{html.escape(option)}</span></li>" for option in layout.printed)
        return f'<ul class="boxes cols-{layout.columns}">{options}</ul>'
    if isinstance(layout, Lines):
        return '<div class="writing"></div>' * layout.count
    if isinstance(layout, NumberBlank):
        unit = f" {html.escape(layout.unit)}" if layout.unit else ""
        return f'<p class="number-blank"><span class="blank"></span>{unit}</p>'
    if isinstance(layout, Sentence):
        return f'<p class="sentence">{"".join(html_sentence_part(part) for part in layout.parts)}</p>'
    if isinstance(layout, Columns):
        rows = "".join(
            f'<div class="left"><span>{number}.</span><span class="text">{html.escape(left)}</span><span class="dot"></span></div>'
            f'<div></div><div class="right"><span class="dot"></span><span>{html.escape(right)}</span></div>'
            for number, (left, right) in enumerate(zip(layout.left, layout.printed, strict=True), 1)
        )
        return f'<div class="columns">{rows}</div>'
    items = "".join(f"<li>{box}<span>{html.escape(entry)}</span></li>" for entry in layout.items)
    return f'<ol class="ranking">{items}</ol>'


def html_sentence_part(part: str | Blank) -> str:
    if isinstance(part, str):
        return html.escape(part)
    hint = f' <span class="hint">({html.escape(part.hint)})</span>' if part.hint else ""
    return f'<span class="blank" style="width: {part.width * 0.55:.2f}em"></span>{hint}'


def html_excerpt(excerpt: str | None) -> str:
    """The excerpt, with a space to keep it apart from the id that follows when the text is copied or read aloud."""
    return f"{html.escape(excerpt)} " if excerpt else ""


def html_key(handout: Handout, version: Version) -> str:
    lang = handout.lang
    rows = "".join(
        f'<tr><td>{item.number}</td><td>{html.escape(item.answer)}</td><td class="excerpt">{html_excerpt(item.excerpt)}'
        f'<span class="id">{html.escape(item.question.id)}</span></td></tr>'
        for item in version.items
    )
    return "\n".join(
        [
            f'<section class="sheet key page-k{version.letter}" id="key-{version.letter}">',
            *html_header(handout, label("handout_key", lang).format(letter=version.letter)),
            "</header>",
            f"<table><thead><tr><th>{html.escape(label('handout_number', lang))}</th><th>{html.escape(label('answer', lang))}</th>"
            f"<th>{html.escape(label('source', lang))}</th></tr></thead><tbody>{rows}</tbody></table>",
            "</section>",
        ]
    )


# Files


def render(handout: Handout, format: str, key: KeyMode = "include", paper: str = "a4", timestamp: int | None = None) -> bytes | str:
    """The handout in `format`; `timestamp` dates the PDF (None: no date, so the bytes never change)."""
    if format == "pdf":
        from .handout_pdf import to_pdf

        return to_pdf(handout, key, paper, timestamp)
    if format == "html":
        return to_html(handout, key, paper)
    if format == "md":
        return to_markdown(handout, key)
    raise QuizgenError(f"--format {format}: the formats are {', '.join(FORMATS)}")


def output_format(requested: str | None, output: Path | None) -> str:
    """The format asked for, else the one the output file's suffix names, else pdf.

    A file whose suffix names another format, or none, is refused: a PDF in
    out.txt, or Markdown in x.pdf, would open as garbage.
    """
    if requested is not None and requested not in FORMATS:
        raise QuizgenError(f"--format {requested}: the formats are {', '.join(FORMATS)}")
    named = SUFFIXES.get(output.suffix.lower()) if output is not None else None
    format = requested or named or "pdf"
    if output is not None and named != format:
        suffixes = " or ".join(suffix for suffix, kind in SUFFIXES.items() if kind == format)
        raise QuizgenError(f"{output}: {FORMAT_NAMES[format]} handout's file name ends in {suffixes}")
    return format


def default_output(bank: Bank, format: str, key: KeyMode) -> Path:
    """viva-technology-2016-handout.pdf, or ...-handout-key.pdf for the keys alone, in the current folder."""
    return Path(f"{bank.slug}-handout{'-key' if key == 'only' else ''}.{format}")


def stdout_is_terminal() -> bool:
    """Whether standard output is a terminal, where a PDF's bytes would only garble the screen."""
    return sys.stdout.isatty()


def write_handout(bank_file: Path, options: HandoutOptions, output: str | None = None) -> Written:
    """Build the handout and write it to `output` (None: the default name; "-": no file, the caller prints `Written.data`).

    A handout that fails to build leaves the old file as it was.
    """
    to_stdout = output == STDOUT
    path = Path(output) if output is not None and not to_stdout else None
    format = output_format(options.format, path)
    if to_stdout and format == "pdf" and stdout_is_terminal():
        raise QuizgenError("refusing to write a PDF to the terminal; redirect it: quizgen handout -o - > worksheet.pdf")
    # Only a PDF is dated, so a bad SOURCE_DATE_EPOCH stops no other format.
    timestamp = source_date_epoch() if format == "pdf" else None
    if options.paper not in PAPERS:
        raise QuizgenError(f"--paper {options.paper}: the paper sizes are {', '.join(PAPERS)}")
    difficulty = parse_difficulty(options.difficulty)
    bank = load_bank(bank_file).bank
    handout = make_handout(
        bank,
        lang=options.lang,
        versions=options.versions,
        count=options.count,
        tags=options.tags,
        types=options.types,
        difficulty=difficulty,
        seed=options.seed,
        title=options.title,
    )
    data = render(handout, format, options.key, options.paper, timestamp)
    if to_stdout:
        return Written(None, handout, options.key, data)
    if path is None:
        path = default_output(bank, format, options.key)
    write_atomic(path, data)
    return Written(path, handout, options.key, data)

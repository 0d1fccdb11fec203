"""The GIFT export, read back by two parsers that share nothing with the writer.

pygiftparser (from PyPI) reads the every-type and bundled banks. It ends an
answer block at the first `}` even when it is escaped, so the hostile bank,
whose choices hold braces, is read by `read_moodle` instead: a port of
Moodle's own reader (question/format/gift/format.php, readquestion, and the
ordering question type's import_from_gift, which readquestion tries first),
which every bank also goes through. pygiftparser knows no ordering question.
"""

from __future__ import annotations

import builtins
import html
import io
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from quizgen.bank import load_bank
from quizgen.exports.base import feedback_lines, prompt_with_unit
from quizgen.exports.gift import MOODLE_GRADES, escape, to_gift
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
    cloze_parts,
)

from .conftest import BANKS, BUNDLED_BANK


def gift_expressible(question: Question, lang: str) -> bool:
    """GIFT has one blank per question, and no picture."""
    return question.image is None and not (isinstance(question, Cloze) and len(cloze_deletions(question.text[lang])) > 1)


# ---------------------------------------------------------------- Moodle's reader, ported


PLACEHOLDERS = {"\\:": "\0058;", "\\#": "\0035;", "\\=": "\0061;", "\\{": "\0123;", "\\}": "\0125;", "\\~": "\0126;", "\\n": "\0010;"}
CHARACTERS = {":": "\0058;", "#": "\0035;", "=": "\0061;", "{": "\0123;", "}": "\0125;", "~": "\0126;", "\n": "\0010;"}
GRADE = re.compile(r"^%-*([0-9]{1,2})\.?([0-9]*)%")
ORDERING = re.compile(
    r"^([^{]*)\s*\{>\s*(\d+)\s*((?:ALL|EXACT|RANDOM|REL|CONTIGUOUS|CONTIG)?)\s*((?:HORIZONTAL|HORI|H|1|VERTICAL|VERT|V|0)?)\s*"
    r"((?:ALL_OR_NOTHING|ABSOLUTE_POSITION|ABSOLUTE|ABS|RELATIVE_NEXT_EXCLUDE_LAST|RELATIVE_NEXT_INCLUDE_LAST|"
    r"RELATIVE_ONE_PREVIOUS_AND_NEXT|RELATIVE_ALL_PREVIOUS_AND_NEXT|RELATIVE_TO_CORRECT|RELATIVE|RELLONGEST_ORDERED_SUBSET|"
    r"LONGEST_CONTIGUOUS_SUBSET)?)\s*((?:SHOW|TRUE|YES|1|HIDE|FALSE|NO|0)?)\s*(.*?)\s*\}\s*$",
    re.DOTALL,
)
"""qtype_ordering::import_from_gift's pattern, matched against the question's raw lines (comments blanked)."""


def escaped_pre(text: str) -> str:
    text = text.replace("\\\\", "\0092;")
    for escape_, placeholder in PLACEHOLDERS.items():
        text = text.replace(escape_, placeholder)
    return text.replace("\0092;", "\\")


def escaped_post(text: str) -> str:
    for character, placeholder in CHARACTERS.items():
        text = text.replace(placeholder, character)
    return text


def with_format(text: str) -> tuple[str, str]:
    """(format, text) as parse_text_with_format reads a text."""
    text_format = "moodle"
    if text.startswith("[") and "]" in text:
        name = text[1 : text.index("]")]
        if name in ("moodle", "html", "plain", "markdown"):
            text_format, text = name, text[text.index("]") + 1 :]
    return text_format, escaped_post(text).strip()


def weight(answer: str) -> tuple[float | None, str]:
    found = GRADE.match(answer)
    if found is None:
        return None, answer
    return float(answer[1 : answer.index("%", 1)]) / 100, answer[answer.index("%", 1) + 1 :]


@dataclass
class MoodleQuestion:
    """What Moodle's importer makes of one GIFT question."""

    name: str
    qtype: str
    text: str
    text_format: str
    feedback: str
    category: str
    idnumber: str = ""
    tags: list[str] = field(default_factory=list)
    answers: list[tuple[str, float]] = field(default_factory=list)
    pairs: list[tuple[str, str]] = field(default_factory=list)
    numbers: list[tuple[float, float]] = field(default_factory=list)
    truth: bool | None = None
    single: bool = True
    items: list[str] = field(default_factory=list)
    ordering: tuple[str, ...] = ()


def read_moodle_question(lines: list[str], category: str) -> MoodleQuestion | str:
    """A question, or the new category's name."""
    comments = "".join(line.strip() + "\n" for line in lines if line.strip().startswith("//"))
    raw = "\n".join(" " if line.strip().startswith("//") else line for line in lines)
    text = raw.strip()
    text = escaped_pre(text)
    if text.startswith("$CATEGORY:"):
        return text[10:].strip()
    assert text.startswith("::"), text
    name, text = text[2:].split("::", 1)
    text = text.strip()
    start, finish = text.index("{"), text.index("}")
    answer = text[start + 1 : finish].strip()
    question_text = text[:start] + text[finish + 1 :] if text.endswith("}") else text[:start] + "_____" + text[finish + 1 :]
    feedback = ""
    if "####" in answer:
        answer, feedback = answer[: answer.rindex("####")].strip(), answer[answer.rindex("####") + 4 :]
    text_format, question_text = with_format(question_text)
    idnumber = re.search(r"\[id:((?:\\]|[^]\x00-\x1f])+)]", comments)
    tags = [tag.replace("\\]", "]").strip() for tag in re.findall(r"\[tag:((?:\\]|[^]<>`\x00-\x1f])+)]", comments)]
    question = MoodleQuestion(escaped_post(name), "", question_text, text_format, with_format(feedback)[1], category,
                              idnumber[1].replace("\\]", "]") if idnumber else "", tags)  # fmt: skip
    if answer and (ordering := ORDERING.match(raw)):  # question types' own GIFT readers are tried first
        question.qtype, question.ordering = "ordering", ordering.group(3, 4, 5, 6)
        question.items = [html.unescape(line.strip()) for line in ordering.group(7).split("\n") if line.strip()]
        assert int(ordering.group(2)) == len(question.items)
    elif answer.startswith("#"):
        question.qtype = "numerical"
        for number in (part.strip() for part in answer[1:].split("=") if part.strip()):
            number = with_format(weight(number)[1])[1]
            if ".." in number:
                low, high = (float(bound) for bound in number.split(".."))
                question.numbers.append(((low + high) / 2, (high - low) / 2))
            else:
                value, tolerance = number.split(":") if ":" in number else (number, "0")
                question.numbers.append((float(value), float(tolerance)))
    elif "~" in answer:
        question.qtype, question.single = "multichoice", "=" in answer
        for choice in (part.strip() for part in answer.replace("=", "~=").split("~") if part.strip()):
            if choice.startswith("="):
                fraction, choice = 1.0, choice[1:]
            else:
                grade, choice = weight(choice)
                fraction = 0.0 if grade is None else grade
            question.answers.append((with_format(choice.split("#")[0].strip())[1], fraction))
    elif "=" in answer and "->" in answer:
        question.qtype = "match"
        for pair in (part.strip() for part in answer.split("=") if part.strip()):
            left, right = pair[: pair.index("->")], pair[pair.index("->") + 2 :]
            question.pairs.append((with_format(left.strip())[1], escaped_post(right).strip()))
    elif answer.split("#")[0].strip() in ("T", "TRUE", "F", "FALSE"):
        question.qtype, question.truth = "truefalse", answer.startswith("T")
    else:
        question.qtype = "shortanswer"
        for accepted in (part.strip() for part in answer.split("=") if part.strip()):
            grade, accepted = weight(accepted)
            question.answers.append((with_format(accepted.split("#")[0].strip())[1], 1.0 if grade is None else grade))
    return question


def read_moodle(gift: str) -> list[MoodleQuestion]:
    """Every question of a GIFT file, split on blank lines as Moodle does."""
    questions, category, block = [], "", []
    for line in [*gift.split("\n"), ""]:
        if line.strip():
            block.append(line)
            continue
        if block and any(not part.strip().startswith("//") for part in block):
            read = read_moodle_question(block, category)
            if isinstance(read, str):
                category = read
            else:
                questions.append(read)
        block = []
    return questions


def unstar(text: str) -> str:
    """A short answer as Moodle matches it: \\* is a literal star."""
    return text.replace("\\*", "*")


def check_moodle(bank: Bank, lang: str, question: Question, read: MoodleQuestion) -> None:
    """`read` is `question`, in every part Moodle keeps."""
    assert (read.name, read.idnumber, read.tags, read.text_format) == (question.id, question.id, list(question.tags), "plain")
    assert read.category == " ".join(bank.title[lang].split()).replace("/", "//")
    if isinstance(question, Order):
        assert (read.qtype, read.ordering, read.feedback) == ("ordering", ("ALL", "VERTICAL", "ABSOLUTE_POSITION", "SHOW"), "")
        assert (read.text, read.items) == (question.prompt and question.prompt[lang], [item[lang] for item in question.items])
        return
    assert read.feedback == "\n".join(feedback_lines(bank, question, lang))
    if isinstance(question, Cloze):
        prompt = f"{question.prompt[lang]}\n" if question.prompt is not None else ""
        parts = cloze_parts(question.text[lang])
        assert read.qtype == "shortanswer"
        assert read.text == (prompt + "".join(part if isinstance(part, str) else "_____" for part in parts)).strip()
        assert [unstar(answer) for answer, _ in read.answers] == [deletion.answer for deletion in cloze_deletions(question.text[lang])]
        return
    assert read.text == prompt_with_unit(question, lang)
    if isinstance(question, MultipleChoice):
        assert (read.qtype, read.single) == ("multichoice", True)
        assert read.answers == [(choice[lang], 1.0 if index == question.answer else 0.0) for index, choice in enumerate(question.choices)]
    elif isinstance(question, MultipleAnswer):
        assert (read.qtype, read.single) == ("multichoice", False)
        assert [text for text, _ in read.answers] == [choice[lang] for choice in question.choices]
        right = [fraction for _, fraction in read.answers if fraction > 0]
        wrong = [fraction for _, fraction in read.answers if fraction <= 0]
        assert len(right) == len(question.answers) and round(sum(right), 2) == 1
        # Ticking every choice scores 0 at best: the penalties outweigh the right answers.
        assert all(fraction < 0 for fraction in wrong) and round(sum(wrong), 2) <= -1
        assert {f"{abs(fraction) * 100:g}" for _, fraction in read.answers} <= {f"{float(grade):g}" for grade in MOODLE_GRADES}
    elif isinstance(question, TrueFalse):
        assert (read.qtype, read.truth) == ("truefalse", question.answer)
    elif isinstance(question, ShortAnswer):
        accepted = list(dict.fromkeys([question.answer[lang], *(other[lang] for other in question.accept)]))
        assert read.qtype == "shortanswer"
        assert [(unstar(text), fraction) for text, fraction in read.answers] == [(text, 1.0) for text in accepted]
    elif isinstance(question, Numeric):
        assert read.qtype == "numerical"
        assert all(
            low <= value - tolerance and value + tolerance <= high for value, tolerance in read.numbers for low, high in [question.bounds]
        )
        assert read.numbers[0][0] == question.answer
        assert min(v - t for v, t in read.numbers) == question.bounds[0] and max(v + t for v, t in read.numbers) == question.bounds[1]
    else:
        assert isinstance(question, Match)
        assert read.qtype == "match"
        # A pair without a left side is a distractor: Moodle offers each distinct right side once, then those.
        assert [pair for pair in read.pairs if pair[0]] == [(left[lang], right[lang]) for left, right in question.pairs]
        offered = list(dict.fromkeys(right for _, right in read.pairs))
        assert offered == list(question.right_column(lang))


BANK_FILES = [
    pytest.param(BANKS / "every-type.yaml", "en", id="every-type-en"),
    pytest.param(BANKS / "every-type.yaml", "fr", id="every-type-fr"),
    pytest.param(BANKS / "hostile.yaml", "en", id="hostile"),
    pytest.param(BUNDLED_BANK, "fr", id="bundled-fr"),
    pytest.param(BUNDLED_BANK, "en", id="bundled-en"),
]


@pytest.mark.parametrize(("path", "lang"), BANK_FILES)
def test_moodle_reads_back_every_exported_question_and_answer(path: Path, lang: str) -> None:
    bank = load_bank(path).bank
    result = to_gift(bank, lang)
    assert isinstance(result.data, str)
    read = read_moodle(result.data)
    expected = [question for question in bank.questions if gift_expressible(question, lang)]
    assert [question.name for question in read] == [question.id for question in expected]
    for question, moodle in zip(expected, read, strict=True):
        check_moodle(bank, lang, question, moodle)
    assert result.exported == len(expected)
    assert [skipped.question.id for skipped in result.skipped] == [q.id for q in bank.questions if not gift_expressible(q, lang)]


# ---------------------------------------------------------------- pygiftparser


@pytest.fixture(scope="module")
def pygift() -> Any:
    """pygiftparser's parser module. Importing it calls a deprecated locale function and installs _ in builtins."""
    had_underscore = hasattr(builtins, "_")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from pygiftparser import parser
    if not had_underscore:
        delattr(builtins, "_")
    return parser


def plain(text: str) -> str:
    """A text as pygiftparser leaves it, made plain: GIFT escapes removed."""
    return re.sub(r"\\(.)", r"\1", text).strip()


def check_pygift(bank: Bank, lang: str, question: Question, parsed: Any) -> None:
    assert parsed.valid
    assert parsed.title == question.id
    assert (parsed.markup, plain(parsed.generalFeedback)) == ("plain", "\n".join(feedback_lines(bank, question, lang)))
    answers = parsed.answers
    kind = type(answers).__name__
    if isinstance(question, Cloze):
        before, after = (part for part in cloze_parts(question.text[lang]) if isinstance(part, str))
        lead = f"{question.prompt[lang]}\n" if question.prompt is not None else ""
        assert (plain(parsed.text), plain(parsed.tail)) == ((lead + before).strip(), after.strip())
        assert [plain(answer.answer) for answer in answers.answers] == [cloze_deletions(question.text[lang])[0].answer]
        return
    assert plain(parsed.text) == prompt_with_unit(question, lang)
    if isinstance(question, MultipleChoice):
        assert kind == "SelectSet"
        assert [(plain(a.answer), a.fraction) for a in answers.answers] == [
            (choice[lang], 100 if index == question.answer else 0) for index, choice in enumerate(question.choices)
        ]
    elif isinstance(question, MultipleAnswer):
        assert kind == "MultipleChoicesSet"
        assert [plain(a.answer) for a in answers.answers] == [choice[lang] for choice in question.choices]
        assert [a.fraction > 0 for a in answers.answers] == [index in question.answers for index in range(len(question.choices))]
    elif isinstance(question, TrueFalse):
        assert (kind, answers.answer) == ("TrueFalseSet", question.answer)
    elif isinstance(question, ShortAnswer):
        accepted = list(dict.fromkeys([question.answer[lang], *(other[lang] for other in question.accept)]))
        assert kind == "ShortSet"
        assert [unstar(plain(a.answer)) for a in answers.answers] == accepted
    elif isinstance(question, Numeric):
        assert kind == "NumericAnswerSet"
        first, *others = answers.answers
        assert (first.value, first.tolerance) == (question.answer, 0 if question.range else question.tolerance)
        if question.range is not None:
            assert [(float(other.mini), float(other.maxi)) for other in others] == [question.range]
    else:
        assert isinstance(question, Match)
        assert kind == "MatchingSet"
        pairs = [(plain(a.question), plain(a.answer)) for a in answers.answers]
        assert [pair for pair in pairs if pair[0]] == [(left[lang], right[lang]) for left, right in question.pairs]
        assert list(dict.fromkeys(right for _, right in pairs)) == list(question.right_column(lang))


@pytest.mark.parametrize(("path", "lang"), [param for param in BANK_FILES if param.id != "hostile"])
def test_pygiftparser_reads_back_every_exported_question_and_answer(pygift: Any, path: Path, lang: str) -> None:
    bank = load_bank(path).bank
    data = to_gift(bank, lang).data
    assert isinstance(data, str)
    orders = {question.id for question in bank.questions if isinstance(question, Order)}
    parsed = [found for found in pygift.parseFile(io.StringIO(data)) if found.title not in orders]
    expected = [question for question in bank.questions if gift_expressible(question, lang) and not isinstance(question, Order)]
    assert [question.title for question in parsed] == [question.id for question in expected]
    for question, found in zip(expected, parsed, strict=True):
        check_pygift(bank, lang, question, found)


# ---------------------------------------------------------------- the writer's own rules


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("plain", "plain"),
        ("a ~ b = c # d { e } f : g", "a \\~ b \\= c \\# d \\{ e \\} f \\: g"),
        ("back\\slash", "back\\\\slash"),
        ("two\nlines", "two\\nlines"),
        ("crlf\r\nline", "crlf\\nline"),
        ("a literal \\n", "a literal \\\\n"),
    ],
)
def test_special_characters_are_escaped(text: str, escaped: str) -> None:
    assert escape(text) == escaped


def write_bank(folder: Path, questions: str) -> Bank:
    path = folder / "bank.yaml"
    path.write_text(f"title: T\nquestions:\n{questions}", encoding="utf-8")
    return load_bank(path).bank


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        (
            "{id: o, type: order, prompt: 'P {x}', items: [a, b, c]}",
            "Moodle's GIFT import of an ordering question takes no brace in its prompt (--format moodle takes it)",
        ),
        (
            "{id: o, type: order, prompt: P, items: [a, 'b}', c]}",
            "Moodle's GIFT import of an ordering question can't read the item 'b}' (--format moodle takes it)",
        ),
        (
            "{id: c, type: cloze, text: '{{c1::a}} and {{c2::b}}'}",
            "GIFT has one blank per question and this cloze has 2 (--format moodle takes it)",
        ),
        (
            "{id: c, type: cloze, text: '{{c1::a}} and {{c1::b}}'}",
            "GIFT has one blank per question and this cloze has 2 (--format moodle takes it)",
        ),
        ("{id: s, type: short, prompt: P, answer: 'a->b'}", "the answer 'a->b' contains ->, which GIFT reads as a matching pair"),
        (
            "{id: m, type: match, prompt: P, pairs: [[a->b, c], [d, e], [f, g]]}",
            "the item 'a->b' contains ->, which GIFT reads as the arrow of its pair",
        ),
        (
            "{id: x, type: multi, prompt: P, choices: [a, b, c, d, e, f, g, h, i, j, k, l], answers: [a, b, c, d, e, f, g, h, i, j, k]}",
            "Moodle has no grade of 100/11 %, needed for 11 right choices",
        ),
    ],
)
def test_what_gift_cannot_express_is_skipped_with_its_reason(tmp_path: Path, question: str, reason: str) -> None:
    bank = write_bank(tmp_path, f"  - {question}\n")
    result = to_gift(bank, "en")
    assert [(skipped.question.id, skipped.reason) for skipped in result.skipped] == [(bank.questions[0].id, reason)]
    assert (result.exported, str(result.skipped[0].problem(bank.path))) == (
        0,
        f"{bank.path}:3: question '{bank.questions[0].id}': skipped: {reason}",
    )


def test_texts_moodle_would_read_as_a_format_or_a_grade_keep_their_meaning(tmp_path: Path) -> None:
    bank = write_bank(
        tmp_path, "  - {id: q, type: mcq, prompt: '[html]<b>x</b>', choices: ['%50% off', '[markdown] *a*', plain], answer: plain}\n"
    )
    read = read_moodle(str(to_gift(bank, "en").data))[0]
    assert (read.text, read.text_format) == ("[html]<b>x</b>", "plain")
    assert read.answers == [("%50% off", 0.0), ("[markdown] *a*", 0.0), ("plain", 1.0)]


def test_a_range_gives_moodle_the_banks_answer_first_then_the_range(tmp_path: Path) -> None:
    bank = write_bank(tmp_path, "  - {id: n, type: numeric, prompt: How many?, answer: 400, range: [400, 450]}\n")
    assert "::n::[plain]How many? {#=400:0 =400..450}" in str(to_gift(bank, "en").data)


def test_short_answers_keep_a_star_literal(tmp_path: Path) -> None:
    bank = write_bank(tmp_path, "  - {id: s, type: short, prompt: P, answer: 'C*', accept: [C star]}\n")
    assert "\t=C\\*\n\t=C star\n" in str(to_gift(bank, "en").data)


def test_the_file_starts_with_the_category_and_each_question_with_its_id_and_tags(every_type_bank: Bank) -> None:
    data = str(to_gift(every_type_bank, "fr").data)
    assert data.startswith(
        "// Tous les types — exported by quizgen (fr)\n$CATEGORY: Tous les types\n\n// [id:capital-mcq] [tag:geography] [tag:france]\n"
    )
    assert data.endswith("}\n") and "\n\n\n" not in data

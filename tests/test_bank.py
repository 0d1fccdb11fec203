"""Loading and validating banks: every rule, with the exact message and line it reports."""

from __future__ import annotations

import pickle
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizgen.bank import bank_path, bundled_bank_path, load_bank, parse_bank
from quizgen.cache import cache_folder
from quizgen.errors import BankError
from quizgen.model import Cloze, Match, MultipleAnswer, MultipleChoice, Numeric, Order, ShortAnswer, TrueFalse

from .conftest import BANKS

HEADER = "title: Test bank\nlanguages: [en, fr]\nquestions:\n"
"""Three lines, so the first question starts on line 4."""

QUESTION = """\
  - id: q1
    type: mcq
    prompt: {en: "Which?", fr: "Lequel ?"}
    choices: [Cisco, Amazon, Wikipedia]
    answer: Cisco
    explanation: {en: "Because.", fr: "Parce que."}
    source: "Cisco invests."
"""


def bank_text(question: str = QUESTION) -> bytes:
    return (HEADER + question).encode("utf-8")


def problems(data: bytes) -> list[str]:
    with pytest.raises(BankError) as caught:
        parse_bank(data, "bank.yaml")
    return [str(problem) for problem in caught.value.problems]


def question(replacements: dict[str, str]) -> str:
    """QUESTION with whole lines replaced, keyed by the field name at their start."""
    lines = []
    for line in QUESTION.splitlines(keepends=True):
        key = line.strip().removeprefix("- ").split(":")[0]
        lines.append(replacements.pop(key, line) if key in replacements else line)
    return "".join(lines) + "".join(replacements.values())


BAD_QUESTIONS = [
    (
        "unknown key, with a hint",
        {"explanation": '    explantion: {en: "Because.", fr: "Parce que."}\n'},
        [
            "bank.yaml:4: question 'q1': warning: no 'explanation': add a sentence or two to show after the answer",
            "bank.yaml:9: question 'q1': unknown key 'explantion' (did you mean 'explanation'?); "
            "valid keys: id, type, prompt, tags, difficulty, explanation, source, hint, draft, support, group, points, image, choices, answer",
        ],
    ),
    (
        "a field of another type",
        {"answer": "    answers: [Cisco, Amazon]\n"},
        [
            "bank.yaml:4: question 'q1': an mcq question needs 'answer'",
            "bank.yaml:8: question 'q1': 'answers' is not a field of an mcq question (it is one of multi); an mcq question has choices, answer",
        ],
    ),
    (
        "answer not a choice",
        {"answer": "    answer: Intel\n"},
        ["bank.yaml:8: question 'q1': answer 'Intel' is not one of the choices (Cisco, Amazon, Wikipedia)"],
    ),
    ("one choice only", {"choices": "    choices: [Cisco]\n"}, ["bank.yaml:7: question 'q1': choices must have at least 2 items; found 1"]),
    ("a choice twice", {"choices": "    choices: [Cisco, Cisco]\n"}, ["bank.yaml:7: question 'q1': choices: 'Cisco' is listed twice"]),
    (
        "no type",
        {"type": ""},
        ["bank.yaml:4: question 'q1': no 'type'; valid types: mcq, multi, truefalse, short, numeric, cloze, match, order"],
    ),
    (
        "unknown type",
        {"type": "    type: mcqq\n"},
        [
            "bank.yaml:5: question 'q1': type 'mcqq' is not one of mcq, multi, truefalse, short, numeric, cloze, match, order (did you mean 'mcq'?)"
        ],
    ),
    (
        "no id",
        {"id": "  - type: mcq\n", "type": ""},
        ["bank.yaml:4: question '?': no 'id': give the question a stable slug such as 'cisco-investment'"],
    ),
    (
        "id not a slug",
        {"id": "  - id: Cisco Invest\n"},
        ["bank.yaml:4: question 'Cisco Invest': id must be a slug of lowercase letters, digits, '-' and '_', like 'cisco-invest'"],
    ),
    (
        "YAML 1.1 boolean where text is expected",
        {"prompt": "    prompt: no\n"},
        ["bank.yaml:6: question 'q1': prompt must be text, but YAML reads 'no' as a boolean; put it in quotes: \"no\""],
    ),
    (
        "YAML 1.1 date where text is expected",
        {"prompt": "    prompt: 2016-06-30\n"},
        ["bank.yaml:6: question 'q1': prompt must be text, but YAML reads '2016-06-30' as a date; put it in quotes: \"2016-06-30\""],
    ),
    (
        "number where text is expected",
        {"answer": "    answer: 12\n"},
        [
            "bank.yaml:8: question 'q1': answer is the right choice's text, not its number: write one of the choices (Cisco, Amazon, Wikipedia)"
        ],
    ),
    ("empty text", {"prompt": '    prompt: ""\n'}, ["bank.yaml:6: question 'q1': prompt is empty"]),
    ("null text", {"prompt": "    prompt:\n"}, ["bank.yaml:6: question 'q1': prompt must be text, but YAML reads nothing as empty (null)"]),
    (
        "text as a list",
        {"prompt": "    prompt: [a, b]\n"},
        ["bank.yaml:6: question 'q1': prompt must be text, or a mapping of language to text; found a list"],
    ),
    (
        "a language missing",
        {"prompt": '    prompt: {en: "Which?"}\n'},
        ["bank.yaml:6: question 'q1': prompt has no fr text (the bank's languages are en, fr)"],
    ),
    (
        "an undeclared language",
        {"prompt": '    prompt: {en: "Which?", fr: "Lequel ?", de: "Welche?"}\n'},
        ["bank.yaml:6: question 'q1': prompt: language 'de' is not one of the bank's languages (en, fr)"],
    ),
    (
        "tag with a space",
        {"tags": "    tags: [john chambers]\n"},
        ["bank.yaml:11: question 'q1': tag 'john chambers' has a space, which Anki does not allow in tags; write 'john-chambers'"],
    ),
    (
        "difficulty out of range",
        {"difficulty": "    difficulty: 4\n"},
        ["bank.yaml:11: question 'q1': difficulty must be a whole number from 1 to 3; found '4'"],
    ),
    (
        "difficulty as text",
        {"difficulty": "    difficulty: easy\n"},
        ["bank.yaml:11: question 'q1': difficulty must be a number; found 'easy'"],
    ),
    ("draft as text", {"draft": "    draft: maybe\n"}, ["bank.yaml:11: question 'q1': draft must be true or false; found 'maybe'"]),
    (
        "duplicate key",
        {"source": '    source: "Cisco invests."\n    source: "Again."\n'},
        ["bank.yaml:11: question 'q1': duplicate key 'source' (first on line 10): YAML would silently keep only the last one"],
    ),
    (
        "merge key",
        {"source": '    source: "Cisco invests."\n    <<: {hint: "x"}\n'},
        ["bank.yaml:11: question 'q1': merge keys (<<) are not allowed: write each value out in full"],
    ),
    (
        "anchor and alias",
        {"choices": "    choices: &c [Cisco, Amazon, Wikipedia]\n", "source": "    source: *c\n"},
        [
            "bank.yaml:7: question 'q1': anchors and aliases (&c) are not allowed in a bank: write each value out in full",
            "bank.yaml:10: question 'q1': source (the verbatim excerpt) must be text, but YAML reads nothing as empty (null)",
        ],
    ),
    (
        "a python tag",
        {"prompt": "    prompt: !!python/object/apply:os.system ['echo pwned']\n"},
        [
            "bank.yaml:6: question 'q1': the tag '!!python/object/apply:os.system' is not allowed: a bank holds text, numbers and lists, never code or objects",
            "bank.yaml:6: question 'q1': prompt must be text, or a mapping of language to text; found a list",
        ],
    ),
]


@pytest.mark.parametrize(("replacements", "expected"), [case[1:] for case in BAD_QUESTIONS], ids=[case[0] for case in BAD_QUESTIONS])
def test_bad_question_is_reported_with_its_line(replacements: dict[str, str], expected: list[str]) -> None:
    assert problems(bank_text(question(dict(replacements)))) == expected


TYPED = [
    (
        "multi answers not choices",
        "  - id: m\n    type: multi\n    prompt: P\n    choices: [A, B, C]\n    answers: [A, D]\n",
        ["bank.yaml:8: question 'm': each answer 'D' is not one of the choices (A, B, C)"],
    ),
    (
        "multi with one answer",
        "  - id: m\n    type: multi\n    prompt: P\n    choices: [A, B, C]\n    answers: [A]\n",
        ["bank.yaml:8: question 'm': answers must have at least 2 items; found 1"],
    ),
    (
        "multi answer twice",
        "  - id: m\n    type: multi\n    prompt: P\n    choices: [A, B, C]\n    answers: [A, A]\n",
        ["bank.yaml:8: question 'm': answers names the same choice twice"],
    ),
    (
        "truefalse yes",
        "  - id: t\n    type: truefalse\n    prompt: P\n    answer: yes\n",
        ["bank.yaml:7: question 't': answer must be true or false; found 'yes'"],
    ),
    (
        "truefalse text",
        "  - id: t\n    type: truefalse\n    prompt: P\n    answer: 'true'\n",
        ["bank.yaml:7: question 't': answer must be true or false; found 'true'"],
    ),
    ("short without answer", "  - id: s\n    type: short\n    prompt: P\n", ["bank.yaml:4: question 's': a short question needs 'answer'"]),
    (
        "numeric as text",
        "  - id: n\n    type: numeric\n    prompt: P\n    answer: '200'\n",
        ["bank.yaml:7: question 'n': answer must be a number; found '200'"],
    ),
    (
        "numeric exponent YAML reads as text",
        "  - id: n\n    type: numeric\n    prompt: P\n    answer: 1e3\n",
        ["bank.yaml:7: question 'n': answer '1e3' is text to YAML 1.1; write it in full (1000) or as 1.0e+3"],
    ),
    (
        "numeric NaN",
        "  - id: n\n    type: numeric\n    prompt: P\n    answer: .nan\n",
        ["bank.yaml:7: question 'n': answer '.nan' is not a finite number; write a number such as 1000"],
    ),
    (
        "tolerance and range",
        "  - id: n\n    type: numeric\n    prompt: P\n    answer: 5\n    tolerance: 1\n    range: [1, 9]\n",
        ["bank.yaml:9: question 'n': give either a tolerance or a range, not both"],
    ),
    (
        "answer outside range",
        "  - id: n\n    type: numeric\n    prompt: P\n    answer: 5\n    range: [6, 9]\n",
        ["bank.yaml:8: question 'n': the answer 5 is outside its range [6, 9]"],
    ),
    (
        "range reversed",
        "  - id: n\n    type: numeric\n    prompt: P\n    answer: 5\n    range: [9, 1]\n",
        ["bank.yaml:8: question 'n': range [9, 1] has its min above its max"],
    ),
    (
        "negative tolerance",
        "  - id: n\n    type: numeric\n    prompt: P\n    answer: 5\n    tolerance: -1\n",
        ["bank.yaml:8: question 'n': tolerance must be zero or more"],
    ),
    (
        "tolerance as words",
        "  - id: n\n    type: numeric\n    prompt: P\n    answer: 5\n    tolerance: a little\n",
        ["bank.yaml:8: question 'n': tolerance must be a number (5) or a percentage (\"10%\"); found 'a little'"],
    ),
    (
        "cloze without deletion",
        "  - id: c\n    type: cloze\n    text: No blank.\n",
        ["bank.yaml:6: question 'c': text has no deletion; mark what to hide as {{c1::answer}}"],
    ),
    (
        "cloze unclosed",
        "  - id: c\n    type: cloze\n    text: 'A {{c1::blank'\n",
        ["bank.yaml:6: question 'c': text has an unclosed deletion; write {{c1::answer}} or {{c1::answer::hint}}"],
    ),
    (
        "cloze deletions differ by language",
        "  - id: c\n    type: cloze\n    text: {en: 'A {{c1::b}}', fr: 'A {{c2::b}}'}\n",
        ["bank.yaml:6: question 'c': text has different deletions in each language (en: c1; fr: c2)"],
    ),
    (
        "match with one pair",
        "  - id: p\n    type: match\n    prompt: P\n    pairs: [[a, b]]\n",
        ["bank.yaml:7: question 'p': pairs must have at least 2 items; found 1"],
    ),
    (
        "match pair of three",
        "  - id: p\n    type: match\n    prompt: P\n    pairs: [[a, b], [c, d, e]]\n",
        ["bank.yaml:7: question 'p': pair 2 must be [left, right] or {left: …, right: …, source: …}; found a list"],
    ),
    (
        "match left twice",
        "  - id: p\n    type: match\n    prompt: P\n    pairs: [[a, b], [a, d]]\n",
        ["bank.yaml:7: question 'p': pairs: the left side 'a' is listed twice"],
    ),
    (
        "order of two",
        "  - id: o\n    type: order\n    prompt: P\n    items: [a, b]\n",
        ["bank.yaml:7: question 'o': items must have at least 3 items; found 2"],
    ),
    (
        "a question that is text",
        "  - just text\n",
        ["bank.yaml:4: a question must be a mapping with id, type and prompt; found 'just text'"],
    ),
    (
        "cloze c0",
        "  - id: c\n    type: cloze\n    text: 'A {{c0::b}}'\n",
        ["bank.yaml:6: question 'c': text has a deletion c0; deletions are numbered from c1, as in Anki"],
    ),
    (
        "27 choices",
        "  - id: m\n    type: mcq\n    prompt: P\n    choices: [" + ", ".join(f"c{n}" for n in range(27)) + "]\n    answer: c0\n",
        ["bank.yaml:7: question 'm': choices must have at most 26 items (they are lettered a to z); found 27"],
    ),
    (
        "a control character in text",
        '  - id: s\n    type: short\n    prompt: "P\\x01Q"\n    answer: A\n',
        ["bank.yaml:6: question 's': prompt holds the control character U+0001, which no output can show; remove it"],
    ),
    (
        "a number too large for any output",
        "  - id: n\n    type: numeric\n    prompt: P\n    answer: 1" + "0" * 400 + "\n",
        ["bank.yaml:7: question 'n': answer must be a number; found '1" + "0" * 400 + "'"],
    ),
    (
        "an infinite number",
        "  - id: n\n    type: numeric\n    prompt: P\n    answer: .inf\n",
        ["bank.yaml:7: question 'n': answer '.inf' is not a finite number; write a number such as 1000"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), [case[1:] for case in TYPED], ids=[case[0] for case in TYPED])
def test_bad_typed_field_is_reported(text: str, expected: list[str]) -> None:
    reported = problems(("title: T\nlanguages: [en, fr]\nquestions:\n" + text).encode())
    assert [line for line in reported if "warning:" not in line] == expected


BAD_FILES = [
    ("empty file", b"", ["bank.yaml:1: the file is empty: a bank needs at least a title and questions"]),
    ("only a comment", b"# nothing\n", ["bank.yaml:1: the file is empty: a bank needs at least a title and questions"]),
    ("a list at the top", b"- a\n- b\n", ["bank.yaml:1: the top level must be a mapping with title, languages, source, deck, questions; found a list"]),
    ("a scalar at the top", b"hello\n", ["bank.yaml:1: the top level must be a mapping with title, languages, source, deck, questions; found 'hello'"]),
    ("invalid UTF-8", b"title: caf\xe9\nquestions: []\n", ["bank.yaml:1: the file is not valid UTF-8: byte 0xe9 at offset 10; save it as UTF-8"]),
    ("a control character", b"title: T\nquestions:\n- \x07\n", ["bank.yaml:3: invalid YAML: unacceptable character #x0007: control characters are not allowed"]),
    ("a syntax error", b"title: T\nquestions:\n  - id: a\n   type: x\n", ["bank.yaml:4: invalid YAML: while parsing a block collection did not find expected '-' indicator"]),
    ("no title, no questions", b"languages: [en]\n", ["bank.yaml:1: the bank has no 'title'", "bank.yaml:1: the bank has no 'questions' list"]),
    ("no question", b"title: T\nquestions: []\n", ["bank.yaml:2: questions is empty: a bank needs at least one question"]),
    ("questions not a list", b"title: T\nquestions: many\n", ["bank.yaml:2: questions must be a list; found 'many'"]),
    (
        "unknown top-level key",
        b"titel: T\nquestions: []\n",
        [
            "bank.yaml:1: unknown key 'titel' in the bank (did you mean 'title'?); valid keys: title, languages, source, deck, questions",
            "bank.yaml:1: the bank has no 'title'",
            "bank.yaml:2: questions is empty: a bank needs at least one question",
        ],
    ),
    ("duplicate top-level key", b"title: T\ntitle: U\nquestions: []\n", [
        "bank.yaml:2: duplicate key 'title' (first on line 1): YAML would silently keep only the last one",
        "bank.yaml:3: questions is empty: a bank needs at least one question",
    ]),
    ("two documents", b"title: T\nquestions: []\n---\ntitle: U\n", [
        "bank.yaml:2: questions is empty: a bank needs at least one question",
        "bank.yaml:3: a bank is one YAML document; remove this second '---' and what follows",
    ]),
    ("bad language code", b"title: T\nlanguages: [French]\nquestions: []\n", [
        "bank.yaml:2: language code 'French' is not like 'fr', 'en' or 'pt-BR'",
        "bank.yaml:3: questions is empty: a bank needs at least one question",
    ]),
    ("bad source date", b"title: T\nsource: {title: S, date: June}\nquestions: []\n", [
        "bank.yaml:2: source date must be a date like 2016-06-30; found 'June'",
        "bank.yaml:3: questions is empty: a bank needs at least one question",
    ]),
    ("source url not a web address", b"title: T\nsource: {title: S, url: 'http://[bad'}\nquestions: []\n", [
        "bank.yaml:2: source url must be a web address such as https://example.org/article; found 'http://[bad'",
        "bank.yaml:3: questions is empty: a bank needs at least one question",
    ]),
    ("deck id as text", b"title: T\ndeck: {id: abc}\nquestions: []\n", [
        "bank.yaml:2: deck id must be a number; found 'abc'",
        "bank.yaml:3: questions is empty: a bank needs at least one question",
    ]),
    ("deep nesting", b"title: T\nquestions: " + b"[" * 40 + b"]" * 40 + b"\n", [
        "bank.yaml:2: nested more than 16 levels deep; a bank is never that deep",
        "bank.yaml:2: a question must be a mapping with id, type and prompt; found a list",
    ]),
]  # fmt: skip


@pytest.mark.parametrize(("data", "expected"), [case[1:] for case in BAD_FILES], ids=[case[0] for case in BAD_FILES])
def test_bad_file_is_reported(data: bytes, expected: list[str]) -> None:
    assert problems(data) == expected


def test_every_problem_of_a_bank_is_reported_in_one_pass() -> None:
    data = bank_text(question({"answer": "    answer: Intel\n", "tags": "    tags: [a b]\n"}) + "  - id: q1\n    type: nope\n")
    with pytest.raises(BankError) as caught:
        parse_bank(data, "bank.yaml")
    assert str(caught.value).splitlines() == [
        "bank.yaml:8: question 'q1': answer 'Intel' is not one of the choices (Cisco, Amazon, Wikipedia)",
        "bank.yaml:11: question 'q1': tag 'a b' has a space, which Anki does not allow in tags; write 'a-b'",
        "bank.yaml:12: question 'q1': duplicate id (first used on line 4); ids must be unique",
        "bank.yaml:13: question 'q1': type 'nope' is not one of mcq, multi, truefalse, short, numeric, cloze, match, order",
        "4 errors in bank.yaml",
    ]


def test_billion_laughs_is_refused_without_expanding() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for name, previous in zip("bcdefghij", "abcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    reported = problems(("\n".join(lines) + "\n").encode())
    assert reported[0] == "bank.yaml:1: anchors and aliases (&a) are not allowed in a bank: write each value out in full"
    assert sum("anchors and aliases" in line for line in reported) == 1


def test_questions_before_languages_are_still_checked_against_them() -> None:
    data = b"title: T\nquestions:\n  - {id: a, type: short, prompt: {en: P}, answer: A, explanation: e, source: s}\nlanguages: [en, fr]\n"
    assert problems(data) == ["bank.yaml:3: question 'a': prompt has no fr text (the bank's languages are en, fr)"]


def test_warnings_do_not_stop_loading() -> None:
    loaded = parse_bank(b"title: T\nquestions:\n  - {id: a, type: short, prompt: P, answer: A, draft: true}\n", "bank.yaml")
    assert [str(problem) for problem in loaded.warnings] == [
        "bank.yaml:3: question 'a': warning: no 'source': add the verbatim excerpt of the source text the question is written from",
        "bank.yaml:3: question 'a': warning: no 'explanation': add a sentence or two to show after the answer",
        "bank.yaml:3: question 'a': warning: draft question: review it, then remove 'draft: true'",
    ]
    assert loaded.bank.questions[0].draft


# Valid banks


def test_banks_named_in_other_scripts_get_their_own_deck_id() -> None:
    names = ["Русская история", "日本の歴史", "Ελληνικά"]
    ids = {
        parse_bank(f"title: {name}\nquestions: [{{id: a, type: truefalse, prompt: P, answer: true}}]\n".encode(), "b.yaml").bank.deck.id
        for name in names
    }
    assert len(ids) == 3


def test_minimal_bank_takes_defaults() -> None:
    bank = parse_bank(b"title: Minimal\nquestions:\n  - {id: a, type: truefalse, prompt: P, answer: true}\n", "min.yaml").bank
    assert bank.languages == ("en",)
    assert bank.title == {"en": "Minimal"}
    assert bank.deck.name == {"en": "Minimal"}
    assert 1 << 30 <= bank.deck.id < 1 << 31
    assert bank.source is None
    (only,) = bank.questions
    assert only == TrueFalse(id="a", prompt={"en": "P"}, answer=True, line=3)
    assert (only.difficulty, only.tags, only.explanation) == (2, (), None)


def test_byte_order_mark_crlf_and_unicode_are_accepted() -> None:
    text = 'title: "Café ✓ 日本"\r\nquestions:\r\n  - id: a\r\n    type: short\r\n    prompt: "« Qui ? » — 🎉"\r\n    answer: Zoë\r\n'
    bank = parse_bank(b"\xef\xbb\xbf" + text.encode("utf-8"), "bom.yaml").bank
    assert bank.title["en"] == "Café ✓ 日本"
    assert bank.questions[0].prompt == {"en": "« Qui ? » — 🎉"}
    assert bank.questions[0].line == 3


def test_every_type_is_read_into_its_record(every_type_bank: object) -> None:
    bank = load_bank(BANKS / "every-type.yaml").bank
    by_id = {question.id: question for question in bank.questions}
    assert bank.languages == ("en", "fr")
    assert bank.source is not None and bank.source.date == "2024-05-01"
    assert isinstance(by_id["capital-mcq"], MultipleChoice) and by_id["capital-mcq"].answer == 0
    multi = by_id["countries-multi"]
    assert isinstance(multi, MultipleAnswer) and multi.answers == (0, 1)
    assert multi.choices[1] == {"en": "Germany", "fr": "Allemagne"}
    assert isinstance(by_id["earth-flat-tf"], TrueFalse) and by_id["earth-flat-tf"].answer is False
    short = by_id["author-short"]
    assert isinstance(short, ShortAnswer) and short.accept == ({"en": "Hugo", "fr": "Hugo"},)
    numeric = by_id["investment-numeric"]
    assert isinstance(numeric, Numeric) and numeric.bounds == (200000000, 200000000)
    assert isinstance(by_id["motto-cloze"], Cloze)
    match = by_id["quotes-match"]
    assert isinstance(match, Match) and match.pairs[1][1] == {"en": "Martin Luther King", "fr": "Martin Luther King"}
    order = by_id["planets-order"]
    assert isinstance(order, Order) and [item["fr"] for item in order.items] == ["Mercure", "Vénus", "Terre", "Mars"]


@pytest.mark.parametrize(
    ("answer", "index"),
    [("Allemagne", 1), ("Germany", 1), ("{en: Germany, fr: Allemagne}", 1), ("France", 0)],
)
def test_an_answer_names_a_choice_in_any_language(answer: str, index: int) -> None:
    data = f"title: T\nlanguages: [en, fr]\nquestions:\n  - id: a\n    type: mcq\n    prompt: P\n    choices: [{{en: France, fr: France}}, {{en: Germany, fr: Allemagne}}]\n    answer: {answer}\n"
    question = parse_bank(data.encode(), "b.yaml").bank.questions[0]
    assert isinstance(question, MultipleChoice) and question.answer == index


@pytest.mark.parametrize(
    ("fields", "bounds"),
    [
        ("tolerance: 5", (45, 55)),
        ('tolerance: "10%"', (45, 55)),
        ("range: [40, 60]", (40, 60)),
        ("", (50, 50)),
        ("tolerance: 0.5", (49.5, 50.5)),
    ],
)
def test_numeric_tolerance_and_range(fields: str, bounds: tuple[float, float]) -> None:
    data = f"title: T\nquestions:\n  - id: n\n    type: numeric\n    prompt: P\n    answer: 50\n    {fields}\n"
    question = parse_bank(data.encode(), "b.yaml").bank.questions[0]
    assert isinstance(question, Numeric) and question.bounds == bounds


@pytest.mark.parametrize(
    ("written", "value"),
    [("1000", 1000), ("1.0e+3", 1000.0), ("-2.5", -2.5), ("!!float 3", 3.0), ("0", 0), ("-0.5", -0.5), (".5", 0.5), ("2.", 2.0)],
)
def test_yaml_numbers_are_read_as_numbers(written: str, value: float) -> None:
    data = f"title: T\nquestions:\n  - id: n\n    type: numeric\n    prompt: P\n    answer: {written}\n"
    question = parse_bank(data.encode(), "b.yaml").bank.questions[0]
    assert isinstance(question, Numeric) and question.answer == value


def test_quoted_and_tagged_strings_are_text() -> None:
    data = (
        b"title: T\nquestions:\n  - id: s\n    type: short\n    prompt: !!str no\n    answer: 'yes'\n    accept: [\"2016-06-30\", ! on]\n"
    )
    question = parse_bank(data, "b.yaml").bank.questions[0]
    assert isinstance(question, ShortAnswer)
    assert (question.prompt, question.answer, question.accept) == ({"en": "no"}, {"en": "yes"}, ({"en": "2016-06-30"}, {"en": "on"}))


# Random damage: a located error or a bank, never another exception.

VALID = (BANKS / "every-type.yaml").read_bytes()


def assert_loads_or_locates(data: bytes) -> None:
    try:
        parse_bank(data, "fuzz.yaml")
    except BankError as error:
        assert error.problems, "a BankError always carries its problems"
        line_count = data.count(b"\n") + 2
        for problem in error.problems:
            assert problem.path == "fuzz.yaml"
            assert 1 <= problem.line <= line_count
            assert "\n" not in problem.message


def mutate(valid: bytes, data: st.DataObject) -> bytes:
    """The bank with random damage: deleted, duplicated or re-indented lines, swapped types, truncation or stray bytes."""
    lines = valid.split(b"\n")
    mutation = data.draw(st.sampled_from(["delete", "swap-type", "truncate", "bytes", "duplicate", "indent"]))
    if mutation == "delete":
        start = data.draw(st.integers(0, len(lines) - 1))
        del lines[start : start + data.draw(st.integers(1, 5))]
        mutated = b"\n".join(lines)
    elif mutation == "swap-type":
        kinds = [b"mcq", b"multi", b"truefalse", b"short", b"numeric", b"cloze", b"match", b"order", b"essay"]
        mutated = valid
        for _ in range(data.draw(st.integers(1, 4))):
            mutated = mutated.replace(data.draw(st.sampled_from(kinds[:8])), data.draw(st.sampled_from(kinds)), 1)
    elif mutation == "truncate":
        mutated = valid[: data.draw(st.integers(0, len(valid)))]
    elif mutation == "bytes":
        position = data.draw(st.integers(0, len(valid)))
        mutated = valid[:position] + data.draw(st.binary(min_size=1, max_size=8)) + valid[position:]
    elif mutation == "duplicate":
        position = data.draw(st.integers(0, len(lines) - 1))
        lines.insert(position, lines[data.draw(st.integers(0, len(lines) - 1))])
        mutated = b"\n".join(lines)
    else:
        position = data.draw(st.integers(0, len(lines) - 1))
        lines[position] = b" " * data.draw(st.integers(0, 6)) + lines[position].lstrip()
        mutated = b"\n".join(lines)
    return mutated


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_mutations_never_crash_the_loader(data: st.DataObject) -> None:
    assert_loads_or_locates(mutate(VALID, data))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_never_crash_the_loader(data: bytes) -> None:
    assert_loads_or_locates(data)


# Where banks come from, and the cache


def test_bank_path_prefers_the_argument_then_the_local_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert bank_path("mine.yaml") == Path("mine.yaml")
    assert bank_path(None) == bundled_bank_path()
    (tmp_path / "questions.yaml").write_text("title: T\n")
    assert bank_path(None) == Path("questions.yaml")


def test_the_bundled_bank_is_there() -> None:
    assert bundled_bank_path().is_file()
    assert load_bank(bundled_bank_path()).bank.slug == "viva-technology-2016"


def test_a_second_load_comes_from_the_cache_and_an_edit_is_never_stale(tmp_path: Path) -> None:
    path = tmp_path / "bank.yaml"
    path.write_bytes(bank_text())
    first = load_bank(path).bank
    folder = cache_folder()
    assert folder is not None
    entries = list(folder.glob("*.pickle"))
    assert any(pickle.loads(entry.read_bytes()).bank == first for entry in entries)
    assert load_bank(path).bank == first
    path.write_bytes(bank_text().replace(b"Which?", b"Which one?"))
    assert load_bank(path).bank.questions[0].prompt == {"en": "Which one?", "fr": "Lequel ?"}


def test_a_damaged_cache_entry_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "bank.yaml"
    path.write_bytes(bank_text())
    expected = load_bank(path).bank
    folder = cache_folder()
    assert folder is not None
    for entry in folder.glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert load_bank(path).bank == expected


def test_invalid_banks_are_not_cached(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"title: T\n")
    folder = cache_folder()
    assert folder is not None
    before = set(folder.glob("*.pickle")) if folder.exists() else set()
    with pytest.raises(BankError):
        load_bank(path)
    after = set(folder.glob("*.pickle")) if folder.exists() else set()
    assert after == before


def test_no_cache_when_disabled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("QUIZGEN_NO_CACHE", "1")
    path = tmp_path / "bank.yaml"
    path.write_bytes(bank_text())
    load_bank(path)
    assert not (tmp_path / "cache").exists()


def test_format_doc_examples_are_valid() -> None:
    """The bank format page shows every type; its YAML must load."""
    doc = (Path(__file__).resolve().parent.parent / "docs" / "bank-format.md").read_text(encoding="utf-8")
    start = doc.index("```yaml\n- id: chambers-role")
    block = doc[start + len("```yaml\n") : doc.index("```", start + 8)]
    indented = textwrap.indent(block, "  ")
    data = "title: Example\nlanguages: [fr, en]\nquestions:\n" + indented
    bank = parse_bank(data.encode(), "bank-format.md").bank
    assert sorted({question.type for question in bank.questions}) == sorted(
        ["mcq", "multi", "truefalse", "short", "numeric", "cloze", "match", "order"]
    )


def test_the_complete_example_is_the_starter_bank_and_loads() -> None:
    """The bank format page's complete example is what `quizgen init` writes, and it loads with no warning."""
    root = Path(__file__).resolve().parent.parent
    doc = (root / "docs" / "bank-format.md").read_text(encoding="utf-8")
    start = doc.index("## A complete example")
    block = doc[doc.index("```yaml\n", start) + len("```yaml\n") : doc.index("```\n", doc.index("```yaml\n", start) + 8)]
    starter = (root / "quizgen" / "templates" / "starter.yaml").read_text(encoding="utf-8")
    assert block.replace("1543268790", "{deck_id}") == starter
    loaded = parse_bank(block.encode(), "bank-format.md")
    assert loaded.warnings == ()
    assert sorted({question.type for question in loaded.bank.questions}) == sorted(
        ["mcq", "multi", "truefalse", "short", "numeric", "cloze", "match", "order"]
    )

"""SLUG-key.json: what each printed version asks and expects, so that grading never needs the bank or the seed.

The key is made from the `Handout` the sheets are printed from: for each
version, its questions in printed order, each with its options as printed
(choices, right column, items to rank), the right answers as printed
positions, and its points. The answer sheet's layout is a pure function of the
key (see sheet.py), so the grader finds every bubble from the key alone.

`fingerprint` names one printing: the QR code of every sheet carries it, and
`grade` refuses a sheet whose fingerprint is not the key's. It is computed from
what the sheets show and where (not from the right answers), so a teacher may
correct a right answer in the key and grade again.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import asdict, dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..errors import QuizgenError
from ..handouts import Boxes, Columns, Handout, Item, Ranking, Sentence
from ..model import Bank, Cloze, Match, MultipleAnswer, MultipleChoice, Numeric, Order, ShortAnswer, TrueFalse

FORMAT = 1
"""The key file's format; a key of another format is refused with its number."""
MARKED_TYPES = ("mcq", "multi", "truefalse", "match", "order", "numeric")
"""Types the student answers with bubbles; short and cloze are marked by the teacher in a "points given" row."""
TYPES = (*MARKED_TYPES, "short", "cloze")
PAPERS = ("a4", "letter")
MAX_DECIMALS = 4
SPACES = re.compile(r"[\s\u00a0\u202f]+")


@dataclass(frozen=True)
class Digits:
    """The digit columns of a numeric answer: a sign bubble or not, digits before and after the decimal point."""

    sign: bool
    integer: int
    decimals: int


@dataclass(frozen=True)
class KeyQuestion:
    """One question as one version prints it, with its right answer in printed positions."""

    number: int
    id: str
    type: str
    points: float
    options: tuple[str, ...] = ()
    """mcq, multi, truefalse: the choices; match: the right column; order: the items; all as printed, top to bottom."""
    left: tuple[str, ...] = ()
    """match: the left items, numbered from 1 on the sheet."""
    right: tuple[tuple[int, ...], ...] = ()
    """Positions in `options` (from 0). mcq, multi, truefalse: one entry, the right choices; match: per left item, the
    right items that fit it; order: per item as printed, its rank (from 0)."""
    bounds: tuple[float, float] | None = None
    """numeric: the smallest and largest right values."""
    digits: Digits | None = None
    answer: str = ""
    """The right answer as the printed key writes it (short and cloze: what the teacher looks for)."""
    blanks: int = 0
    """short: 1; cloze: its number of blanks (lines in the writing box)."""


@dataclass(frozen=True)
class KeyVersion:
    letter: str
    questions: tuple[KeyQuestion, ...]

    @property
    def total(self) -> float:
        return sum(question.points for question in self.questions)


@dataclass(frozen=True)
class Key:
    """Everything `grade` needs: the bank's identity, the sheet's layout settings and every version."""

    slug: str
    title: str
    deck_id: int
    lang: str
    paper: str
    student_digits: int
    fingerprint: str
    versions: tuple[KeyVersion, ...]

    def version(self, letter: str) -> KeyVersion | None:
        return next((version for version in self.versions if version.letter == letter), None)


# Making the key


def build_key(bank: Bank, handout: Handout, paper: str = "a4", student_digits: int = 8) -> Key:
    """The key of a handout's versions, in the positions its sheets print, not yet fingerprinted (see sheet.signed)."""
    versions = tuple(
        KeyVersion(version.letter, tuple(key_question(item, handout.lang) for item in version.items)) for version in handout.versions
    )
    return Key(bank.slug, handout.title, bank.deck.id, handout.lang, paper, student_digits, "", versions)


def fingerprint(key: Key, layout: str) -> str:
    """12 hex digits of a hash of what the sheets print: the bank, each version's questions and options, and `layout`,
    a digest of where every bubble is (so that sheets printed by another quizgen, placing bubbles elsewhere, are refused
    rather than misread)."""
    shown = {
        "slug": key.slug,
        "deck_id": key.deck_id,
        "paper": key.paper,
        "student_digits": key.student_digits,
        "versions": [
            [[q.id, q.type, q.options, q.left, q.digits and asdict(q.digits), q.blanks, q.points] for q in version.questions]
            for version in key.versions
        ],
        "layout": layout,
    }
    return hashlib.sha256(json.dumps(shown, ensure_ascii=False, sort_keys=True).encode()).hexdigest()[:12]


def same_text(printed: str, written: str) -> bool:
    """Whether a printed text is a bank text: the handout only turns some spaces into no-break spaces."""
    return SPACES.sub(" ", printed).strip() == SPACES.sub(" ", written).strip()


def positions(printed: tuple[str, ...], texts: list[str]) -> tuple[int, ...]:
    """The printed positions whose text is one of `texts`."""
    return tuple(index for index, option in enumerate(printed) if any(same_text(option, text) for text in texts))


def key_question(item: Item, lang: str) -> KeyQuestion:
    question, layout = item.question, item.layout
    base = KeyQuestion(item.number, question.id, question.type, float(question.points), answer=item.answer)
    if isinstance(question, (MultipleChoice, MultipleAnswer)) and isinstance(layout, Boxes):
        chosen = question.answers if isinstance(question, MultipleAnswer) else (question.answer,)
        return replace(base, options=layout.options, right=(positions(layout.options, [question.choices[i][lang] for i in chosen]),))
    if isinstance(question, TrueFalse) and isinstance(layout, Boxes):
        return replace(base, options=layout.options, right=((0 if question.answer else 1,),))
    if isinstance(question, Match) and isinstance(layout, Columns):
        fits = tuple(positions(layout.right, [pair_right[lang]]) for _, pair_right in question.pairs)
        return replace(base, options=layout.right, left=layout.left, right=fits)
    if isinstance(question, Order) and isinstance(layout, Ranking):
        bank_order = [entry[lang] for entry in question.items]
        ranks = tuple((next(rank for rank, text in enumerate(bank_order) if same_text(entry, text)),) for entry in layout.items)
        return replace(base, options=layout.items, right=ranks)
    if isinstance(question, Numeric):
        return replace(base, bounds=question.bounds, digits=digits_for(question))
    if isinstance(question, Cloze) and isinstance(layout, Sentence):
        return replace(base, blanks=sum(not isinstance(part, str) for part in layout.parts))
    if isinstance(question, ShortAnswer):
        return replace(base, blanks=1)
    raise QuizgenError(f"question '{question.id}': no answer-sheet layout for a {question.type} printed as {type(layout).__name__}")


def decimals_of(value: float) -> int:
    exponent = Decimal(repr(value)).normalize().as_tuple().exponent
    return min(MAX_DECIMALS, -exponent) if isinstance(exponent, int) and exponent < 0 else 0


def digits_for(question: Numeric) -> Digits:
    """Room for the right answer and one more digit (so the grid does not tell its size), a sign where it may be negative."""
    low, high = question.bounds
    decimals = decimals_of(question.answer)
    largest = max(abs(low), abs(high), abs(question.answer))
    integer = len(str(math.floor(largest))) + 1
    return Digits(sign=low < 0, integer=max(2, integer), decimals=decimals)


# Writing and reading


def to_json(key: Key) -> str:
    """The key as JSON: compact lists, one question per line, so that it diffs and reads well."""
    data = {
        "quizgen_key": FORMAT,
        "bank": {"slug": key.slug, "title": key.title, "deck_id": key.deck_id},
        "fingerprint": key.fingerprint,
        "lang": key.lang,
        "paper": key.paper,
        "student_digits": key.student_digits,
        "versions": [{"letter": version.letter, "questions": [question_data(q) for q in version.questions]} for version in key.versions],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def question_data(question: KeyQuestion) -> dict[str, Any]:
    data: dict[str, Any] = {"number": question.number, "id": question.id, "type": question.type, "points": question.points}
    if question.type in ("mcq", "multi", "truefalse"):
        data |= {"options": list(question.options), "right": list(question.right[0])}
    elif question.type == "match":
        data |= {"left": list(question.left), "options": list(question.options), "right": [list(fits) for fits in question.right]}
    elif question.type == "order":
        data |= {"options": list(question.options), "right": [rank for (rank,) in question.right]}
    elif question.type == "numeric" and question.bounds is not None and question.digits is not None:
        data |= {"bounds": list(question.bounds), "digits": asdict(question.digits)}
    else:
        data["blanks"] = question.blanks
    data["answer"] = question.answer
    return data


def read_key(path: Path) -> Key:
    """The key in `path`, checked: a bad key stops with one line saying where and what is expected."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise QuizgenError(f"{path}: no such key file") from error
    except (OSError, UnicodeDecodeError) as error:
        raise QuizgenError(f"{path}: cannot read the key file ({error})") from error
    except json.JSONDecodeError as error:
        raise QuizgenError(
            f"{path}:{error.lineno}: not JSON ({error.msg}); give the SLUG-key.json that `quizgen handout --answer-sheet` wrote"
        ) from error
    try:
        return parse_key(data)
    except KeyProblem as problem:
        raise QuizgenError(f"{path}: {problem}") from problem


class KeyProblem(Exception):
    """What is wrong in a key's data, and where."""


KIND_NAMES = {str: "a text", int: "a whole number", float: "a number", bool: "true or false", list: "a list", dict: "a mapping"}


def need(data: Any, name: str, kind: type | tuple[type, ...], where: str) -> Any:
    """`data[name]`, which must be of `kind` (a bool is not a number here, though Python says it is an int)."""
    if not isinstance(data, dict) or name not in data:
        raise KeyProblem(f"{where}: '{name}' is missing")
    kinds = kind if isinstance(kind, tuple) else (kind,)
    value = data[name]
    if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
        raise KeyProblem(f"{where}: '{name}' must be {KIND_NAMES[kinds[-1]]}")
    return value


def parse_key(data: Any) -> Key:
    if not isinstance(data, dict) or "quizgen_key" not in data:
        raise KeyProblem("not a quizgen key file (no 'quizgen_key'); give the SLUG-key.json that `quizgen handout --answer-sheet` wrote")
    if data["quizgen_key"] != FORMAT:
        raise KeyProblem(f"key format {data['quizgen_key']!r}; this quizgen reads format {FORMAT}")
    bank = need(data, "bank", dict, "key")
    paper = need(data, "paper", str, "key")
    if paper not in PAPERS:
        raise KeyProblem(f"'paper' is {paper!r}; the paper sizes are {', '.join(PAPERS)}")
    digits = need(data, "student_digits", int, "key")
    if not 1 <= digits <= 12:
        raise KeyProblem(f"'student_digits' is {digits}; give 1 to 12")
    versions = need(data, "versions", list, "key")
    if not versions:
        raise KeyProblem("'versions' is empty")
    parsed = tuple(parse_version(version, index) for index, version in enumerate(versions))
    letters = [version.letter for version in parsed]
    if len(set(letters)) != len(letters):
        raise KeyProblem("two versions have the same letter")
    return Key(
        slug=need(bank, "slug", str, "bank"),
        title=need(bank, "title", str, "bank"),
        deck_id=need(bank, "deck_id", int, "bank"),
        lang=need(data, "lang", str, "key"),
        paper=paper,
        student_digits=digits,
        fingerprint=need(data, "fingerprint", str, "key"),
        versions=parsed,
    )


def parse_version(data: Any, index: int) -> KeyVersion:
    letter = need(data, "letter", str, f"version {index + 1}")
    questions = need(data, "questions", list, f"version {letter}")
    parsed = tuple(parse_question(question, f"version {letter}, question {number}") for number, question in enumerate(questions, 1))
    if [question.number for question in parsed] != list(range(1, len(parsed) + 1)):
        raise KeyProblem(f"version {letter}: questions must be numbered 1 to {len(parsed)} in order")
    return KeyVersion(letter, parsed)


def parse_question(data: Any, where: str) -> KeyQuestion:
    kind = need(data, "type", str, where)
    if kind not in TYPES:
        raise KeyProblem(f"{where}: type {kind!r} is not one of {', '.join(TYPES)}")
    points = float(need(data, "points", (int, float), where))
    if not 0 < points <= 100:
        raise KeyProblem(f"{where}: 'points' must be more than 0 and at most 100")
    question = KeyQuestion(
        need(data, "number", int, where), need(data, "id", str, where), kind, points, answer=need(data, "answer", str, where)
    )
    if kind in ("mcq", "multi", "truefalse", "match", "order"):
        options = tuple(texts(need(data, "options", list, where), where, "options"))
        if not 2 <= len(options) <= 26:
            raise KeyProblem(f"{where}: 'options' must hold 2 to 26 texts")
        right = need(data, "right", list, where)
        if kind == "match":
            left = tuple(texts(need(data, "left", list, where), where, "left"))
            if len(right) != len(left) or not all(isinstance(fits, list) and fits for fits in right):
                raise KeyProblem(f"{where}: 'right' must give, for each of the {len(left)} left items, a list of the options that fit it")
            fits = tuple(tuple(checked_positions(entry, len(options), where)) for entry in right)
            return replace(question, options=options, left=left, right=fits)
        if kind == "order":
            ranks = checked_positions(right, len(options), where)
            if sorted(ranks) != list(range(len(options))):
                raise KeyProblem(f"{where}: 'right' must give each item's rank, 0 to {len(options) - 1}, each once")
            return replace(question, options=options, right=tuple((rank,) for rank in ranks))
        chosen = checked_positions(right, len(options), where)
        if not chosen or (kind != "multi" and len(chosen) != 1):
            raise KeyProblem(f"{where}: 'right' must list {'one or more' if kind == 'multi' else 'exactly one'} of the option positions")
        return replace(question, options=options, right=(tuple(chosen),))
    if kind == "numeric":
        bounds = need(data, "bounds", list, where)
        if len(bounds) != 2 or not all(isinstance(b, (int, float)) and not isinstance(b, bool) for b in bounds) or bounds[0] > bounds[1]:
            raise KeyProblem(f"{where}: 'bounds' must be [lowest, highest] right values")
        spec = need(data, "digits", dict, where)
        digits = Digits(bool(need(spec, "sign", bool, where)), need(spec, "integer", int, where), need(spec, "decimals", int, where))
        if not (1 <= digits.integer <= 12 and 0 <= digits.decimals <= MAX_DECIMALS):
            raise KeyProblem(f"{where}: 'digits' must have 1 to 12 integer digits and 0 to {MAX_DECIMALS} decimals")
        return replace(question, bounds=(float(bounds[0]), float(bounds[1])), digits=digits)
    blanks = need(data, "blanks", int, where)
    if not 1 <= blanks <= 20:
        raise KeyProblem(f"{where}: 'blanks' must be 1 to 20")
    return replace(question, blanks=blanks)


def texts(values: list[Any], where: str, name: str) -> list[str]:
    if not all(isinstance(value, str) for value in values):
        raise KeyProblem(f"{where}: '{name}' must be a list of texts")
    return values


def checked_positions(values: Any, size: int, where: str) -> list[int]:
    if not isinstance(values, list) or not all(isinstance(v, int) and not isinstance(v, bool) and 0 <= v < size for v in values):
        raise KeyProblem(f"{where}: 'right' must hold positions from 0 to {size - 1}")
    if len(set(values)) != len(values):
        raise KeyProblem(f"{where}: 'right' names a position twice")
    return values

"""Choosing a handout's questions, and laying each out, per version, for paper.

`make_handout` picks the questions once (keeping a group's or a leak's
questions apart), then shuffles them, and the choices inside them, once per
version: every version holds the same questions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path, PurePath
from typing import Any

from .. import errors, present
from ..apart import draw_apart
from ..bank.media import image_kind
from ..errors import QuizgenError
from ..model import (
    Bank,
    Cloze,
    Image,
    Localized,
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
from ..present import answer_text, label, prompt_text, shuffled, typographic
from ..select import Filters, matching
from .sheet import (
    Blank,
    Boxes,
    Columns,
    Handout,
    Item,
    Layout,
    Lines,
    NumberBlank,
    Picture,
    Ranking,
    Sentence,
    Version,
    list_separator,
)

MAX_VERSIONS = 99
"""Versions are lettered A to Z, then AA, AB... up to CU: far more than a class needs."""

# Room for handwriting: a blank is this much wider than the printed answer, within these bounds (in characters).
BLANK_STRETCH = 1.3
BLANK_WIDTH = (8, 40)
CHARACTERS_PER_LINE = 45
"""Handwritten characters on one writing line, to give a short answer enough lines."""
ACCEPTED_MARK = "*"
"""After a grid answer that has other accepted forms, listed in the version's key."""


def select_questions(
    bank: Bank,
    tags: tuple[str, ...] = (),
    types: tuple[str, ...] = (),
    count: int | None = None,
    seed: int = 0,
    difficulty: tuple[int, int] | None = None,
) -> tuple[Question, ...]:
    """The questions of the handout, in bank order: those that pass the filters and can be drawn together, `count` of them.

    The seed orders the candidates, and `draw_apart` keeps the first of each
    group or leak in that order: another seed may print another of a group.
    """
    filters = Filters(tags, types, difficulty)
    chosen = matching(bank, filters)
    if count is not None and count < 1:
        raise QuizgenError(f"--count {count}: give 1 or more questions")
    apart = draw_apart(shuffled(chosen, seed, "pick"), bank)
    if count is not None and count > len(apart):
        among = f" matching {filters.describe()}" if filters.describe() else ""
        if len(apart) < len(chosen):
            raise QuizgenError(
                f"--count {count}: {bank.path} has {errors.count(len(chosen), 'question')}{among}, but only {len(apart)} "
                "can be printed together (the others share a group with one of them, or give its answer away; see quizgen check)"
            )
        raise QuizgenError(f"--count {count}: {bank.path} has only {errors.count(len(chosen), 'question')}{among}")
    picked = {question.id for question in (apart if count is None else apart[:count])}
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
    folder = Path(bank.path).parent
    pictures = {question.id: picture(bank, question, question.image, folder, lang) for question in questions if question.image is not None}
    # A question that no version shuffles (true/false, short, numeric, cloze) is laid out once for all of them.
    unshuffled = {
        question.id: make_item(0, question, lang, seed, "", pictures.get(question.id))
        for question in questions
        if isinstance(question, UNSHUFFLED)
    }
    printed = {question.id for question in questions}
    left_out = (
        ()
        if count is not None
        else tuple(question.id for question in matching(bank, Filters(tags, types, difficulty)) if question.id not in printed)
    )
    return Handout(
        title=typographic(title if title is not None else bank.title[lang], lang),
        source=source_line(bank, lang),
        lang=lang,
        seed=seed,
        versions=tuple(make_version(version_letter(index), questions, lang, seed, pictures, unshuffled) for index in range(versions)),
        folder=str(folder) if pictures else None,
        left_out=left_out,
    )


def picture(bank: Bank, question: Question, image: Image, folder: Path, lang: str) -> Picture:
    """The question's image, read once for every version (the loader has checked it is a picture inside the bank's folder)."""
    try:
        data = (folder / image.file).read_bytes()
    except OSError as exc:
        raise QuizgenError(
            f"{bank.path}:{question.line}: question '{question.id}': image {image.file} cannot be read ({exc.strerror})"
        ) from exc
    kind = image_kind(data[:512])
    if kind is None:
        raise QuizgenError(f"{bank.path}:{question.line}: question '{question.id}': image {image.file} is no longer a picture")
    alt = typographic(image.alt[lang], lang) if image.alt is not None else None
    return Picture(PurePath(image.file).as_posix(), alt, kind, data)


def source_line(bank: Bank, lang: str) -> str | None:
    if bank.source is None:
        return None
    title = typographic(bank.source.title[lang], lang)
    return f"{title} ({bank.source.date})" if bank.source.date else title


UNSHUFFLED = (TrueFalse, ShortAnswer, Numeric, Cloze)
"""The types whose layout is the same on every version."""


def make_version(
    letter: str, questions: tuple[Question, ...], lang: str, seed: int, pictures: dict[str, Picture], unshuffled: dict[str, Item]
) -> Version:
    """The questions in this version's order, each laid out for it (or, unshuffled, as laid out once)."""
    items = []
    for number, question in enumerate(shuffled(questions, seed, letter), 1):
        same = unshuffled.get(question.id)
        items.append(replace(same, number=number) if same else make_item(number, question, lang, seed, letter, pictures.get(question.id)))
    return Version(letter, tuple(items))


def make_item(number: int, question: Question, lang: str, seed: int, letter: str, image: Picture | None = None) -> Item:
    """A question as printed on one version: its choices, right column or items shuffled, and its key."""
    sheet = Sheet(lang, seed, letter, question.id)
    laid = LAYOUT_MAKERS[type(question)](question, sheet)
    return Item(
        number=number,
        question=question,
        prompt=sheet.text(prompt_text(question, lang)),
        instruction=laid.instruction,
        layout=laid.layout,
        answer=laid.answer,
        excerpt=excerpt(question),
        grid=laid.grid,
        image=image,
        others=laid.others,
        solution=laid.solution,
    )


EXCERPT_SEPARATOR = " … "


def excerpt(question: Question) -> str | None:
    """The question's excerpt, then those of its pairs (match) or items (order) that differ, for the key."""
    own = question.pair_sources if isinstance(question, Match) else question.item_sources if isinstance(question, Order) else ()
    parts = [question.source, *own]
    found = list(dict.fromkeys(part for part in parts if part))
    return EXCERPT_SEPARATOR.join(found) if found else None


@dataclass(frozen=True)
class Sheet:
    """The version a question is laid out for: its language, and the seed of its shuffles."""

    lang: str
    seed: int
    letter: str
    question_id: str

    def text(self, value: Localized | str) -> str:
        return typographic(value if isinstance(value, str) else value[self.lang], self.lang)

    def join(self, texts: list[str]) -> str:
        """Answers of one key cell, with the language's separator."""
        return typographic(list_separator(self.lang).join(texts), self.lang)

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


@dataclass(frozen=True)
class Laid:
    """A question's layout on one version, with its answer for the key and for the grid."""

    layout: Layout
    answer: str
    grid: str
    instruction: str | None = None
    solution: tuple[int, ...] = ()
    others: bool = False
    """Whether other answers than the grid's are right."""


def lay_out_choices(question: MultipleChoice | MultipleAnswer, sheet: Sheet) -> Laid:
    positions = sheet.order(len(question.choices))
    options = tuple(sheet.text(question.choices[index]) for index in positions)
    marks = tuple(f"{present.letter(index)})" for index in range(len(options)))
    layout = Boxes(options, marks, choice_columns(options))
    right = question.answers if isinstance(question, MultipleAnswer) else (question.answer,)
    shown = tuple(sorted(positions.index(index) for index in right))
    instruction = "handout_tick_one" if isinstance(question, MultipleChoice) else "handout_tick_all"
    return Laid(
        layout,
        sheet.join([layout.printed[index] for index in shown]),
        ", ".join(present.letter(index) for index in shown),
        label(instruction, sheet.lang),
        shown,
    )


def lay_out_true_false(question: TrueFalse, sheet: Sheet) -> Laid:
    answer = answer_text(question, sheet.lang)
    return Laid(
        Boxes((label("true", sheet.lang), label("false", sheet.lang)), None, 2), answer, answer, None, (0 if question.answer else 1,)
    )


def lay_out_short(question: ShortAnswer, sheet: Sheet) -> Laid:
    answer = sheet.text(question.answer)
    grid = answer
    if question.accept:
        answer += f" ({label('or', sheet.lang)} {', '.join(sheet.text(other) for other in question.accept)})"
        grid += ACCEPTED_MARK
    return Laid(Lines(1 + len(question.answer[sheet.lang]) // CHARACTERS_PER_LINE), answer, grid, others=bool(question.accept))


def lay_out_numeric(question: Numeric, sheet: Sheet) -> Laid:
    unit = sheet.text(question.unit) if question.unit is not None else None
    answer = sheet.text(answer_text(question, sheet.lang))
    # A tolerance or a range accepts other numbers, which the key lists.
    others = bool(present.accepted_values(question, sheet.lang))
    grid = present.format_number(question.answer, sheet.lang) + (ACCEPTED_MARK if others else "")
    return Laid(NumberBlank(unit), answer, grid, others=others)


def lay_out_cloze(question: Cloze, sheet: Sheet) -> Laid:
    parts = cloze_parts(question.text[sheet.lang])
    sentence = tuple(
        sheet.text(part) if isinstance(part, str) else blank(part.answer, part.hint and sheet.text(part.hint)) for part in parts
    )
    keyed, short, others_accepted = [], [], False
    for deletion in cloze_deletions(question.text[sheet.lang]):
        own, *others = question.accepted(deletion.number, sheet.lang)
        # The blank's own text first: accepted() starts with it, and a deletion number used twice has one text per blank.
        others = [other for other in (own, *others) if other != deletion.answer]
        keyed.append(deletion.answer + (f" ({label('or', sheet.lang)} {', '.join(others)})" if others else ""))
        short.append(deletion.answer + (ACCEPTED_MARK if others else ""))
        others_accepted = others_accepted or bool(others)
    return Laid(Sentence(sentence), sheet.join(keyed), sheet.join(short), others=others_accepted)


def lay_out_match(question: Match, sheet: Sheet) -> Laid:
    column = question.right_column(sheet.lang)
    positions = sheet.scrambled(len(column))
    layout = Columns(
        tuple(sheet.text(left) for left, _ in question.pairs),
        tuple(sheet.text(column[index]) for index in positions),
        tuple(f"{present.letter(index)})" for index in range(len(positions))),
    )
    links = tuple(positions.index(index) for index in question.solution(sheet.lang))
    answer = sheet.join([f"{number} → {layout.printed[link]}" for number, link in enumerate(links, 1)])
    grid = " ".join(f"{number}{present.letter(link)}" for number, link in enumerate(links, 1))
    return Laid(layout, answer, grid, label("handout_link", sheet.lang), links)


def lay_out_order(question: Order, sheet: Sheet) -> Laid:
    positions = sheet.scrambled(len(question.items))
    layout = Ranking(tuple(sheet.text(question.items[index]) for index in positions))
    ranks = ", ".join(str(index + 1) for index in positions)
    return Laid(layout, ranks, ranks, label("handout_rank", sheet.lang), tuple(positions))


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

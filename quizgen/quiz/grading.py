"""A question as a session shows it, and whether an answer to it is right: pure and deterministic given a seed."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .. import answers
from ..model import (
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
    cloze_deletions,
    cloze_parts,
)
from ..present import BLANK, answer_text, base_language, format_number, letter, scrambled, shuffled
from .words import COMMAND_WORDS, COMMANDS, NUMBER_EXAMPLES, say, say_count


@dataclass(frozen=True)
class Presentation:
    """A question as one session shows it: in one language, with its lists in a seeded order."""

    question: Question
    lang: str
    order: tuple[int, ...] = ()
    """The indices of the choices (mcq, multi), of Match.right_column (match) or of the items (order), in the order shown."""

    @property
    def blanks(self) -> tuple[Deletion, ...]:
        """The deletions of a cloze, asked one after another; other types have none."""
        if isinstance(self.question, Cloze):
            return tuple(cloze_deletions(self.question.text[self.lang]))
        return ()

    def shown(self, position: int) -> str:
        """The text shown at `position` of the shuffled list."""
        question = self.question
        index = self.order[position]
        if isinstance(question, (MultipleChoice, MultipleAnswer)):
            return question.choices[index][self.lang]
        if isinstance(question, Match):
            return question.right_column(self.lang)[index]
        if isinstance(question, Order):
            return question.items[index][self.lang]
        raise TypeError(question.type)

    def choice(self, index: int) -> str:
        """A choice or right-hand side by its index in the bank, as 'b) Paris'."""
        position = self.order.index(index)
        return f"{letter(position)}) {self.shown(position)}"


def present(question: Question, lang: str, seed: int) -> Presentation:
    """How `question` is shown in a session with `seed`: the same seed gives the same order in every language."""
    if isinstance(question, (MultipleChoice, MultipleAnswer)):
        return Presentation(question, lang, tuple(shuffled(range(len(question.choices)), seed, question.id)))
    # Shown in the right order, an order or match question would answer itself.
    if isinstance(question, Match):
        return Presentation(question, lang, tuple(scrambled(len(question.right_column(lang)), seed, question.id)))
    if isinstance(question, Order):
        return Presentation(question, lang, tuple(scrambled(len(question.items), seed, question.id)))
    return Presentation(question, lang)


def cloze_prompt(text: str) -> str:
    """A cloze text with its blanks numbered in the order they are asked: 'Liberty, [1 …], [2 …].'."""
    parts = cloze_parts(text)
    numbered = sum(isinstance(part, Deletion) for part in parts) > 1
    pieces = []
    number = 0
    for part in parts:
        if isinstance(part, Deletion):
            number += 1
            pieces.append(f"[{number} …]" if numbered else BLANK)
        else:
            pieces.append(part)
    return "".join(pieces)


def how_to_answer(presentation: Presentation) -> str:
    """The line that tells which keys answer this type, with an example that is never the answer."""
    question, lang = presentation.question, presentation.lang
    if isinstance(question, MultipleChoice):
        return say("how-mcq", lang, letter(len(question.choices) - 1))
    if isinstance(question, Numeric) and question.unit is not None:
        return say("how-numeric-unit", lang, question.unit[lang])
    return say(f"how-{question.type}", lang, example(presentation))


MATCH_EXAMPLE_PAIRS = 6
"""Pairs in a match's example; a longer match gets the first six and '…'."""


def example(presentation: Presentation) -> str:
    """An answer of the right shape that is not the right answer: 'a c', '1a 2b', '1 2 3', '1500, 2.5 or 3 million'.

    A fixed example would be the answer to some questions ('3 1 2' to one order question in six).
    """
    question, lang = presentation.question, presentation.lang
    if isinstance(question, MultipleAnswer):
        right = {presentation.order.index(index) for index in question.answers}
        count = len(question.choices)
        picks = [(0, 2), (1, 2), (0, 1), (1, 3), (0, 3), (2, 3), (0,), (1,)]
        pick = next(each for each in picks if max(each) < count and set(each) != right)
        return " ".join(letter(position) for position in pick)
    if isinstance(question, Match):
        solution = right_positions(presentation)
        column = len(presentation.order)
        shown = min(len(solution), MATCH_EXAMPLE_PAIRS)
        shifts = (tuple((number + shift) % column for number in range(shown)) for shift in range(column + 1))
        pick = next(each for each in shifts if len(solution) > shown or each != solution)
        return " ".join(f"{number + 1}{letter(position)}" for number, position in enumerate(pick)) + (" …" if len(solution) > shown else "")
    if isinstance(question, Order):
        # The items are never shown in their right order, so '1 2 3' is never the answer.
        return " ".join(str(number) for number in range(1, len(question.items) + 1))
    if isinstance(question, Numeric):
        low, high = question.bounds
        examples = NUMBER_EXAMPLES.get(base_language(lang), NUMBER_EXAMPLES["en"])
        texts = [text for text, value in examples if not low <= value <= high][:3]
        return say("or-list", lang, ", ".join(texts[:-1]), texts[-1])
    return ""


def right_positions(presentation: Presentation) -> tuple[int, ...]:
    """For a match, the position in the shown right column of each left side's right side."""
    question = presentation.question
    assert isinstance(question, Match)
    return tuple(presentation.order.index(index) for index in question.solution(presentation.lang))


@dataclass(frozen=True)
class Note:
    """A remark on an answer: a kind (a WORDS key) and the values it names."""

    kind: str
    values: tuple[str, ...]

    def text(self, lang: str) -> str:
        return say(self.kind, lang, *self.values)


@dataclass(frozen=True)
class Verdict:
    """Whether an answer is right, what the right answer is, and what to tell the learner about theirs."""

    correct: bool
    answer: str
    """The right answer as the session shows it ('b) Paris', '1c 2a 3b')."""
    notes: tuple[Note, ...] = ()
    partial: bool = False
    """Wrong, but some of it right (some choices, blanks, pairs or places)."""
    detail: str | None = None
    """The right answer spelt out, when `answer` is only letters or numbers (match, order)."""

    @property
    def misspelt(self) -> bool:
        return any(note.kind == "spelling" for note in self.notes)


@dataclass(frozen=True)
class Unclear:
    """An answer that cannot be read for this type: say how to answer, and ask again."""

    message: str


def right_answer(presentation: Presentation) -> Verdict:
    """The verdict on a question nobody answered: wrong, with the right answer."""
    question = presentation.question
    if isinstance(question, MultipleChoice):
        return Verdict(False, presentation.choice(question.answer))
    if isinstance(question, MultipleAnswer):
        return Verdict(False, ", ".join(presentation.choice(index) for index in sorted(question.answers, key=presentation.order.index)))
    if isinstance(question, Match):
        pairs = " ".join(f"{number + 1}{letter(position)}" for number, position in enumerate(right_positions(presentation)))
        return Verdict(False, pairs, detail=answer_text(question, presentation.lang))
    if isinstance(question, Order):
        numbers = " ".join(str(presentation.order.index(index) + 1) for index in range(len(question.items)))
        return Verdict(False, numbers, detail=answer_text(question, presentation.lang))
    return Verdict(False, answer_text(question, presentation.lang))


def check_answer(presentation: Presentation, responses: Sequence[str]) -> Verdict | Unclear:
    """Judge an answer: one response per blank for a cloze, a single response for every other type."""
    question = presentation.question
    if isinstance(question, Cloze):
        return check_cloze(presentation, responses)
    (response,) = responses
    checkers = {
        "mcq": check_mcq,
        "multi": check_multi,
        "truefalse": check_truefalse,
        "short": check_short,
        "numeric": check_numeric,
        "match": check_match,
        "order": check_order,
    }
    return checkers[question.type](presentation, response)


def chosen_position(presentation: Presentation, response: str) -> int | None:
    """The position of the choice a response names: by letter, else exact text, else number, else misspelt text,
    else a distinctive part of one choice ('mobile app' for 'Its mobile app').

    Text before number, so that a choice such as '3' among '3', '5' and '10' is chosen by its text.
    """
    count = len(presentation.order)
    text = response.strip().lower()
    single = re.fullmatch(r"([a-z])\)?", text)
    if single and ord(single[1]) - ord("a") < count:
        return ord(single[1]) - ord("a")
    question = presentation.question
    assert isinstance(question, (MultipleChoice, MultipleAnswer))
    languages = [presentation.lang, *(lang for lang in question.choices[0] if lang != presentation.lang)]
    candidates = [question.choices[index][lang] for lang in languages for index in presentation.order]
    positions = [number % count for number in range(len(candidates))]
    found = answers.match_text(response, candidates, positions)
    if found is not None and not found.misspelt:
        return found.index % count
    # ASCII digits only: str.isdigit() is true of '²', which int() refuses.
    if re.fullmatch(r"[0-9]{1,3}", text) and 1 <= int(text) <= count:
        return int(text) - 1
    if found is not None:
        return found.index % count
    part = answers.part_of(response, candidates, positions)
    return part % count if part is not None else None


def check_mcq(presentation: Presentation, response: str) -> Verdict | Unclear:
    question = presentation.question
    assert isinstance(question, MultipleChoice)
    chosen = chosen_position(presentation, response)
    if chosen is None:
        return Unclear(say("unclear-mcq", presentation.lang, letter(len(question.choices) - 1)))
    right = right_answer(presentation)
    return Verdict(presentation.order[chosen] == question.answer, right.answer)


def check_multi(presentation: Presentation, response: str) -> Verdict | Unclear:
    question = presentation.question
    assert isinstance(question, MultipleAnswer)
    positions = answers.read_letters(response, len(question.choices))
    if positions is None:
        found = [chosen_position(presentation, part) for part in re.split(r"[,;]", response) if part.strip()]
        if not found or None in found:
            return Unclear(say("unclear-multi", presentation.lang, letter(len(question.choices) - 1), example(presentation)))
        positions = tuple(sorted({position for position in found if position is not None}))
    chosen = {presentation.order[position] for position in positions}
    right = set(question.answers)
    by_position = presentation.order.index
    notes = []
    if right - chosen:
        notes.append(Note("missing", (", ".join(presentation.choice(index) for index in sorted(right - chosen, key=by_position)),)))
    if chosen - right:
        notes.append(Note("extra", (", ".join(presentation.choice(index) for index in sorted(chosen - right, key=by_position)),)))
    return Verdict(chosen == right, right_answer(presentation).answer, tuple(notes), partial=bool(chosen & right))


def check_truefalse(presentation: Presentation, response: str) -> Verdict | Unclear:
    question = presentation.question
    assert isinstance(question, TrueFalse)
    truth = answers.read_truth(response)
    if truth is None:
        return Unclear(say("unclear-truefalse", presentation.lang))
    return Verdict(truth == question.answer, right_answer(presentation).answer)


def check_short(presentation: Presentation, response: str) -> Verdict:
    question = presentation.question
    assert isinstance(question, ShortAnswer)
    lang = presentation.lang
    languages = [lang, *(other for other in question.answer if other != lang)]
    accepted = [text[other] for other in languages for text in (question.answer, *question.accept)]
    # Every accepted text is one answer: a slip near two of its spellings ('Launchpad', 'Launch Pad') is still right.
    found = answers.match_text(response, accepted, [0] * len(accepted))
    right = right_answer(presentation).answer
    if found is None:
        same = any(answers.same_quantity(response, text, lang) for text in accepted)
        return Verdict(same, right)
    notes = (Note("spelling", (accepted[found.index],)),) if found.misspelt else ()
    return Verdict(True, right, notes)


def check_numeric(presentation: Presentation, response: str) -> Verdict | Unclear:
    question = presentation.question
    assert isinstance(question, Numeric)
    lang = presentation.lang
    units = list(question.unit.values()) if question.unit is not None else []
    # In "million pounds", "15,400,000 pounds" names the unit too.
    units += [answers.unscaled(unit, lang) for unit in units if answers.unit_scale(unit, lang)]
    reading = answers.read_number(response, lang, units)
    if reading is None:
        return Unclear(say("unclear-numeric", lang, example(presentation)))
    value = float(reading.value)
    low, high = question.bounds
    margin = 1e-9 * max(1.0, abs(low), abs(high))
    # In "million pounds", "15.4 million" (read as 15 400 000) is 15.4 too.
    power = answers.unit_scale(question.unit[lang], lang) if question.unit is not None else 0
    correct = any(low - margin <= shown <= high + margin for shown in (value, float(reading.value.scaleb(-power))))
    notes = []
    if not correct:
        notes.append(Note("read-as", (format_number(value, lang),)))
    if question.unit is not None:
        wanted = answers.currency_of(question.unit[lang])
        if reading.currency is not None and reading.currency != wanted:
            # An amount in another currency (or a currency for a count) is another quantity, whatever its number.
            correct = False
            notes.append(Note("other-currency", (question.unit[lang], answers.unit_words(reading.unit) or reading.currency)))
        elif not reading.unit_ok:
            # Another unit is another quantity too ("200 km" for a count of planets); "r" overrides a synonym.
            correct = False
            notes.append(Note("other-currency", (question.unit[lang], answers.unit_words(reading.unit))))
    return Verdict(correct, right_answer(presentation).answer, tuple(notes))


def check_cloze(presentation: Presentation, responses: Sequence[str]) -> Verdict:
    question, lang = presentation.question, presentation.lang
    assert isinstance(question, Cloze)
    blanks = presentation.blanks
    notes = []
    right = 0
    for number, (deletion, response) in enumerate(zip(blanks, responses, strict=True), start=1):
        accepted = question.accepted(deletion.number, lang)
        found = answers.match_text(response, accepted, [0] * len(accepted))
        if found is None and not any(answers.same_quantity(response, text, lang) for text in accepted):
            notes.append(Note("blank", (str(number), deletion.answer)))
            continue
        right += 1
        if found is not None and found.misspelt:
            notes.append(Note("spelling", (accepted[found.index],)))
    correct = right == len(blanks)
    return Verdict(correct, right_answer(presentation).answer, tuple(notes), partial=not correct and right > 0)


def check_match(presentation: Presentation, response: str) -> Verdict | Unclear:
    question = presentation.question
    assert isinstance(question, Match)
    size = len(question.pairs)
    chosen = answers.read_pairs(response, size, len(presentation.order))
    if chosen is None:
        return Unclear(say("unclear-match", presentation.lang, size, example(presentation)))
    right = right_answer(presentation)
    # Graded by the text of the right side, so that two lefts sharing one right side accept its one letter.
    solution = right_positions(presentation)
    wrong = [f"{number + 1}{letter(position)}" for number, position in enumerate(chosen) if position != solution[number]]
    notes = (Note("pairs", (" ".join(wrong),)),) if wrong else ()
    return Verdict(not wrong, right.answer, notes, partial=0 < len(wrong) < size, detail=right.detail)


def check_order(presentation: Presentation, response: str) -> Verdict | Unclear:
    question = presentation.question
    assert isinstance(question, Order)
    size = len(question.items)
    positions = answers.read_order(response, size)
    if positions is None:
        return Unclear(say("unclear-order", presentation.lang, size))
    right = right_answer(presentation)
    placed = sum(presentation.order[position] == place for place, position in enumerate(positions))
    notes = (Note("placed", (str(placed), str(size))),) if placed < size else ()
    return Verdict(placed == size, right.answer, notes, partial=0 < placed < size, detail=right.detail)


def hint(presentation: Presentation, blank: int = 0) -> str | None:
    """What `?` shows: the question's own hint, else a clue that fits its type; None when there is none to give."""
    question, lang = presentation.question, presentation.lang
    if isinstance(question, Cloze):
        deletion = presentation.blanks[blank]
        if deletion.hint:
            return deletion.hint
        if question.hint is not None:
            return question.hint[lang]
        return say("starts-with", lang, deletion.answer[:1])
    if question.hint is not None:
        return question.hint[lang]
    if isinstance(question, MultipleChoice):
        wrong = [index for index in presentation.order if index != question.answer]
        if len(wrong) < 2:
            return None
        ruled_out = sorted(shuffled(wrong, question.id, "hint")[: len(wrong) - 1], key=presentation.order.index)
        return say("not-these", lang, ", ".join(presentation.choice(index) for index in ruled_out))
    if isinstance(question, MultipleAnswer):
        return say_count("how-many", lang, len(question.answers))
    if isinstance(question, ShortAnswer):
        return say("starts-with", lang, question.answer[lang][:1])
    if isinstance(question, Numeric):
        whole = abs(question.answer)
        if whole < 10 or whole != int(whole):
            return None
        return say_count("digits", lang, len(str(int(whole))))
    if isinstance(question, Match):
        return say("goes-with", lang, 1, f"{letter(right_positions(presentation)[0])})")
    if isinstance(question, Order):
        first = presentation.order.index(0)
        return say("comes-first", lang, f"{first + 1}. {presentation.shown(first)}")
    return None


def command(typed: str, choices: int = 0) -> str | None:
    """The command a line names ('help', 'hint', 'skip', 'undo', 'right', 'quit'), or None for an answer.

    `?` (or `??`) alone is help; the others are a slash or a colon and a name ('/h', ':hint'); 'q' alone
    quits unless it is a choice's letter (a question with 17 choices or more).
    """
    text = typed.strip().casefold()
    if text and set(text) == {"?"}:
        return "help"
    if text == "q" and choices < 17:
        return "quit"
    if len(text) > 1 and text[0] in "/:":
        name = text[1:].strip()
        return next((each for each, names in COMMANDS.items() if name in names), None)
    return None


def command_word(typed: str) -> bool:
    """True for an answer that is a command's name ('help', 'quitter'): the learner is asked what they meant."""
    return answers.normalize(typed) in COMMAND_WORDS

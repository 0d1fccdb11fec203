"""The quiz without a terminal: which questions to ask, how each is shown, whether an answer is right.

Everything here is pure and deterministic given a seed; terminal.py does the
asking and progress.py the remembering.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from . import answers
from .model import (
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
    cloze_deletions,
    cloze_parts,
)
from .present import BLANK, answer_text, format_number, letter, localized, prompt_text, scrambled, shuffled
from .select import Filters, matching

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "question": "Question {0}/{1}",
        "easy": "easy",
        "medium": "medium",
        "hard": "hard",
        "keys": "? for a hint (twice to skip) · q to quit",
        "session": "{0} · {1} question{2}",
        "review": "{0} · {1} due, {2} new",
        "how-mcq": "Answer with a letter, a to {0}.",
        "how-multi": "Answer with one or more letters, e.g. a c.",
        "how-truefalse": "Answer t for true or f for false.",
        "how-short": "Type your answer.",
        "how-numeric": "Answer with a number.",
        "how-numeric-unit": "Answer with a number; unit: {0}.",
        "how-cloze": "Fill in the blanks one at a time.",
        "how-match": "Answer with pairs, e.g. 1c 2a 3b.",
        "how-order": "Answer with the numbers in the right order, e.g. 3 1 2.",
        "unclear-mcq": "Answer with a letter from a to {0}, its number, or the text of a choice.",
        "unclear-multi": "Answer with letters from a to {0}, e.g. a c.",
        "unclear-truefalse": "Answer t or f (true/false, y/n also work).",
        "unclear-numeric": "Answer with a number, e.g. 200, 2.5, 200 million or 2e8.",
        "unclear-match": "Give one letter to each number from 1 to {0}, e.g. 1c 2a 3b.",
        "unclear-order": "Give each number from 1 to {0} once, in the right order.",
        "right": "Right!",
        "wrong": "Wrong.",
        "partly": "Not quite.",
        "skipped": "Skipped.",
        "spelling": "watch the spelling: {0}",
        "missing": "missed: {0}",
        "extra": "not right: {0}",
        "blank": "blank {0}: {1}",
        "pairs": "wrong pairs: {0}",
        "placed": "{0} of {1} in the right place",
        "read-as": "your answer reads as {0}",
        "unit": "the unit is {0}",
        "starts-with": "it starts with “{0}”",
        "not-these": "it is not {0}",
        "how-many": "{0} answers are right",
        "digits": "a number with {0} digits",
        "goes-with": "{0} goes with {1}",
        "comes-first": "{0} comes first",
        "no-hint": "No hint for this one; ? again skips it.",
        "again-skips": "(? again skips)",
        "colon": ": ",
        "summary": "Summary",
        "score": "Score: {0}/{1} ({2})",
        "percent": "{0}%",
        "time": "time {0}",
        "replay": "replay with --seed {0}",
        "by-tag": "By tag",
        "no-tag": "(no tag)",
        "more-tags": "  and {0} more tags",
        "missed": "Missed",
        "all-right": "Nothing missed.",
        "none-answered": "No question answered.",
        "nothing-due": "Nothing to review: no question is due and none is new.",
        "next-due": "The next one is due {0}.",
        "in-minutes": "in {0} min",
        "in-hours": "in {0} h",
        "in-days": "in {0} day{1}",
    },
    "fr": {
        "question": "Question {0}/{1}",
        "easy": "facile",
        "medium": "moyenne",
        "hard": "difficile",
        "keys": "? pour un indice (deux fois pour passer) · q pour quitter",
        "session": "{0} · {1} question{2}",
        "review": "{0} · {1} à revoir, {2} nouvelles",
        "how-mcq": "Répondez par une lettre, de a à {0}.",
        "how-multi": "Répondez par une ou plusieurs lettres, par ex. a c.",
        "how-truefalse": "Répondez v pour vrai ou f pour faux.",
        "how-short": "Tapez votre réponse.",
        "how-numeric": "Répondez par un nombre.",
        "how-numeric-unit": "Répondez par un nombre ; unité : {0}.",
        "how-cloze": "Complétez les blancs un par un.",
        "how-match": "Répondez par paires, par ex. 1c 2a 3b.",
        "how-order": "Répondez par les numéros dans le bon ordre, par ex. 3 1 2.",
        "unclear-mcq": "Répondez par une lettre de a à {0}, son numéro ou le texte d’un choix.",
        "unclear-multi": "Répondez par des lettres de a à {0}, par ex. a c.",
        "unclear-truefalse": "Répondez v ou f (vrai/faux, o/n marchent aussi).",
        "unclear-numeric": "Répondez par un nombre, par ex. 200, 2,5, 200 millions ou 2e8.",
        "unclear-match": "Donnez une lettre à chaque numéro de 1 à {0}, par ex. 1c 2a 3b.",
        "unclear-order": "Donnez chaque numéro de 1 à {0} une fois, dans le bon ordre.",
        "right": "Bonne réponse !",
        "wrong": "Mauvaise réponse.",
        "partly": "Pas tout à fait.",
        "skipped": "Question passée.",
        "spelling": "attention à l’orthographe : {0}",
        "missing": "oublié : {0}",
        "extra": "à tort : {0}",
        "blank": "blanc {0} : {1}",
        "pairs": "paires fausses : {0}",
        "placed": "{0} sur {1} à la bonne place",
        "read-as": "votre réponse se lit {0}",
        "unit": "l’unité est : {0}",
        "starts-with": "commence par « {0} »",
        "not-these": "ce n’est pas {0}",
        "how-many": "{0} réponses sont justes",
        "digits": "un nombre à {0} chiffres",
        "goes-with": "{0} va avec {1}",
        "comes-first": "{0} vient en premier",
        "no-hint": "Pas d’indice pour celle-ci ; ? encore pour passer.",
        "again-skips": "(? encore pour passer)",
        "colon": " : ",
        "summary": "Bilan",
        "score": "Score : {0}/{1} ({2})",
        "percent": "{0} %",
        "time": "durée {0}",
        "replay": "pour rejouer : --seed {0}",
        "by-tag": "Par thème",
        "no-tag": "(sans thème)",
        "more-tags": "  et {0} autres thèmes",
        "missed": "À revoir",
        "all-right": "Aucune erreur.",
        "none-answered": "Aucune réponse donnée.",
        "nothing-due": "Rien à réviser : aucune question n’est à revoir et aucune n’est nouvelle.",
        "next-due": "La prochaine est à revoir {0}.",
        "in-minutes": "dans {0} min",
        "in-hours": "dans {0} h",
        "in-days": "dans {0} jour{1}",
    },
}
"""The quiz's own words; present.LABELS holds the words every output shares."""

DIFFICULTY_WORDS = {1: "easy", 2: "medium", 3: "hard"}
AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
"""FSRS ratings, by value, so that this module needs no scheduler."""
EASY_SECONDS = 4.0
READING_SPEED = 25
"""Characters read per second, to allow for the length of a question before an answer counts as fast."""


def say(key: str, lang: str, *values: object) -> str:
    """A quiz word in `lang` (English for a language it does not know), filled with `values`."""
    return localized(WORDS, key, lang).format(*values)


@dataclass(frozen=True)
class Presentation:
    """A question as one session shows it: in one language, with its lists in a seeded order."""

    question: Question
    lang: str
    order: tuple[int, ...] = ()
    """The indices of the choices (mcq, multi), right-hand sides (match) or items (order), in the order shown."""

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
            return question.pairs[index][1][self.lang]
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
        return Presentation(question, lang, tuple(scrambled(len(question.pairs), seed, question.id)))
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
    """The line that tells which keys answer this type."""
    question, lang = presentation.question, presentation.lang
    if isinstance(question, MultipleChoice):
        return say("how-mcq", lang, letter(len(question.choices) - 1))
    if isinstance(question, Numeric) and question.unit is not None:
        return say("how-numeric-unit", lang, question.unit[lang])
    return say(f"how-{question.type}", lang)


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
        pairs = " ".join(f"{number + 1}{letter(presentation.order.index(number))}" for number in range(len(question.pairs)))
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
    """The position of the choice a response names: by letter, else exact text, else number, else misspelt text.

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
    found = answers.match_text(response, candidates)
    if found is not None and not found.misspelt:
        return found.index % count
    # ASCII digits only: str.isdigit() is true of '²', which int() refuses.
    if re.fullmatch(r"[0-9]{1,3}", text) and 1 <= int(text) <= count:
        return int(text) - 1
    if found is not None:
        return found.index % count
    return None


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
            return Unclear(say("unclear-multi", presentation.lang, letter(len(question.choices) - 1)))
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
    found = answers.match_text(response, accepted)
    right = right_answer(presentation).answer
    if found is None:
        return Verdict(False, right)
    notes = (Note("spelling", (accepted[found.index],)),) if found.misspelt else ()
    return Verdict(True, right, notes)


def check_numeric(presentation: Presentation, response: str) -> Verdict | Unclear:
    question = presentation.question
    assert isinstance(question, Numeric)
    lang = presentation.lang
    units = list(question.unit.values()) if question.unit is not None else []
    reading = answers.read_number(response, lang, units)
    if reading is None:
        return Unclear(say("unclear-numeric", lang))
    value = float(reading.value)
    low, high = question.bounds
    margin = 1e-9 * max(1.0, abs(low), abs(high))
    correct = low - margin <= value <= high + margin
    notes = []
    if not correct:
        notes.append(Note("read-as", (format_number(value, lang),)))
    if not reading.unit_ok and question.unit is not None:
        notes.append(Note("unit", (question.unit[lang],)))
    return Verdict(correct, right_answer(presentation).answer, tuple(notes))


def check_cloze(presentation: Presentation, responses: Sequence[str]) -> Verdict:
    blanks = presentation.blanks
    notes = []
    right = 0
    for number, (deletion, response) in enumerate(zip(blanks, responses, strict=True), start=1):
        found = answers.match_text(response, [deletion.answer])
        if found is None:
            notes.append(Note("blank", (str(number), deletion.answer)))
            continue
        right += 1
        if found.misspelt:
            notes.append(Note("spelling", (deletion.answer,)))
    correct = right == len(blanks)
    return Verdict(correct, right_answer(presentation).answer, tuple(notes), partial=not correct and right > 0)


def check_match(presentation: Presentation, response: str) -> Verdict | Unclear:
    question = presentation.question
    assert isinstance(question, Match)
    size = len(question.pairs)
    chosen = answers.read_pairs(response, size, size)
    if chosen is None:
        return Unclear(say("unclear-match", presentation.lang, size))
    right = right_answer(presentation)
    wrong = [f"{number + 1}{letter(position)}" for number, position in enumerate(chosen) if presentation.order[position] != number]
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
        return say("how-many", lang, len(question.answers))
    if isinstance(question, ShortAnswer):
        return say("starts-with", lang, question.answer[lang][:1])
    if isinstance(question, Numeric):
        whole = abs(question.answer)
        if whole < 10 or whole != int(whole):
            return None
        return say("digits", lang, len(str(int(whole))))
    if isinstance(question, Match):
        return say("goes-with", lang, 1, f"{letter(presentation.order.index(0))})")
    if isinstance(question, Order):
        first = presentation.order.index(0)
        return say("comes-first", lang, f"{first + 1}. {presentation.shown(first)}")
    return None


SPREAD_WINDOW = 8
"""How many questions of a type are weighed against each other for tag variety at each pick."""


def spread(pool: Sequence[Question], count: int, seed: int) -> list[Question]:
    """Up to `count` questions of `pool`, drawn across it.

    Each type gets its share of the session in proportion to its share of the
    pool, its questions spaced evenly through the session from a random start
    (systematic sampling); each slot then takes, among the next few questions
    of its type, the one whose tags were asked least so far.
    """
    by_type: dict[str, list[Question]] = {}
    for question in shuffled(pool, seed, "pool"):
        by_type.setdefault(question.type, []).append(question)
    slots = sorted(
        ((number + random.Random(f"{seed}\x1f{kind}").random()) / len(queue), kind)
        for kind, queue in by_type.items()
        for number in range(len(queue))
    )
    chosen: list[Question] = []
    asked: Counter[str] = Counter()
    for _, kind in slots[:count]:
        window = by_type[kind][:SPREAD_WINDOW]
        pick = min(range(len(window)), key=lambda index: sum(asked[tag] for tag in window[index].tags))
        question = by_type[kind].pop(pick)
        chosen.append(question)
        asked.update(question.tags)
    return chosen


def select_questions(bank: Bank, count: int, filters: Filters, seed: int) -> list[Question]:
    """A session's questions: `count` drawn across the questions that pass `filters`, the same for the same seed."""
    return spread(matching(bank, filters), count, seed)


def review_questions(bank: Bank, due: Sequence[str], seen: Collection[str], count: int, filters: Filters, seed: int) -> list[Question]:
    """A review session: the questions due (in the order given, most overdue first), then new ones, `count` in all."""
    pool = matching(bank, filters)
    by_id = {question.id: question for question in pool}
    due_questions = [by_id[question_id] for question_id in due if question_id in by_id][:count]
    new = [question for question in pool if question.id not in seen]
    return due_questions + spread(new, count - len(due_questions), seed)


@dataclass(frozen=True)
class Outcome:
    """What happened to one question of a session; `verdict` is None when it was skipped."""

    presentation: Presentation
    verdict: Verdict | None
    hinted: bool
    seconds: float

    @property
    def correct(self) -> bool:
        return self.verdict is not None and self.verdict.correct


def reading_time(presentation: Presentation) -> float:
    """Seconds a learner needs to read the question before answering."""
    question, lang = presentation.question, presentation.lang
    text = prompt_text(question, lang)
    if isinstance(question, Cloze):
        text += question.text[lang]
    elif presentation.order:
        text += "".join(presentation.shown(position) for position in range(len(presentation.order)))
    if isinstance(question, Match):
        text += "".join(left[lang] for left, _ in question.pairs)
    return len(text) / READING_SPEED


def rating(outcome: Outcome) -> int:
    """The FSRS rating of an answer: wrong or skipped -> Again; right with a hint or a spelling slip -> Hard;
    right within EASY_SECONDS after reading the question -> Easy; otherwise right -> Good."""
    verdict = outcome.verdict
    if verdict is None or not verdict.correct:
        return AGAIN
    if outcome.hinted or verdict.misspelt:
        return HARD
    if outcome.seconds <= EASY_SECONDS + reading_time(outcome.presentation):
        return EASY
    return GOOD


@dataclass(frozen=True)
class TagScore:
    """Right answers out of questions asked, for one tag."""

    tag: str
    right: int
    asked: int


@dataclass(frozen=True)
class Summary:
    """A finished (or interrupted) session."""

    outcomes: tuple[Outcome, ...]
    seconds: float
    seed: int

    @property
    def right(self) -> int:
        return sum(outcome.correct for outcome in self.outcomes)

    @property
    def percent(self) -> int:
        return round(100 * self.right / len(self.outcomes)) if self.outcomes else 0

    def by_tag(self) -> list[TagScore]:
        """Each tag of the questions asked, the most asked first, then the least right; untagged questions under ''."""
        right: Counter[str] = Counter()
        asked: Counter[str] = Counter()
        for outcome in self.outcomes:
            for tag in outcome.presentation.question.tags or ("",):
                asked[tag] += 1
                right[tag] += outcome.correct
        scores = [TagScore(tag, right[tag], count) for tag, count in asked.items()]
        return sorted(scores, key=lambda score: (-score.asked, score.right / score.asked, score.tag))

    def missed(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if not outcome.correct]

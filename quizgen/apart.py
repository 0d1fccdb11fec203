"""Questions that must not be drawn together: one `group`, or one giving another's answer away.

Every output that draws a set of questions (a quiz session, a handout version, a web quiz round)
calls `draw_apart` on its candidates, in the order it would ask them, so that the same rule holds
everywhere: of each cluster, only the first candidate is kept.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from .answers import LIGATURES, NOT_A_WORD, unit_scale
from .figures import figures, spelled
from .model import Bank, Cloze, Deletion, Match, Numeric, Question, ShortAnswer, cloze_parts

CONTEXT_WORDS = 3
CONTEXT_LETTERS = 6
"""Words beside a blank (up to three, with six letters at least) that, printed with its answer elsewhere, let a learner
fill it: 'sera la {{capitale des start-up}}'. Fewer letters ('a b', 'd'ici') are found anywhere."""
LONG_ANSWER = 4
"""An answer of this many words is a give-away on its own, wherever it is printed."""
RARE = 2
"""A one-word answer is distinctive when at most this many other questions print it ('Launchpad', not 'France')."""
SHORTEST_WORD = 4
TOPIC = 3
"""A short answer printed by more questions than this is what the bank is about, not a give-away."""


@dataclass(frozen=True)
class Leak:
    """`shown` prints, in `where`, the answer `answer` that `asked` asks for."""

    asked: str
    shown: str
    answer: str
    where: str


DIGIT = re.compile(r"\d")
COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
"""Accents and other combining marks, once a text is decomposed (a regular expression: the whole bank is read)."""


def words(text: str) -> tuple[str, ...]:
    """The words of a text without case, accents or punctuation (articles kept: they are a blank's context too)."""
    if not text.isascii():
        text = COMBINING.sub("", unicodedata.normalize("NFKD", text.translate(LIGATURES)))
    return tuple(NOT_A_WORD.sub(" ", text.casefold()).split())


def shown_texts(question: Question, lang: str) -> list[tuple[str, str]]:
    """What `question` shows before it is answered, as (where, text) pairs, in `lang`."""
    shown: list[tuple[str, str]] = []
    if question.prompt is not None:
        shown.append(("prompt", question.prompt[lang]))
    for name in ("choices", "items", "distractors"):
        shown += [(name, entry[lang]) for entry in getattr(question, name, ())]
    if isinstance(question, Match):
        shown += [("pairs", side[lang]) for pair in question.pairs for side in pair]
    if isinstance(question, Cloze):
        # The words around the blanks are shown; the blanks themselves are not.
        shown.append(("text", " … ".join(part for part in cloze_parts(question.text[lang]) if isinstance(part, str))))
    return shown


def cloze_giveaways(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """For each blank, its answer with the words just before it, and with the words just after it."""
    parts = cloze_parts(text)
    filled = [part.answer if isinstance(part, Deletion) else part for part in parts]
    found: list[tuple[str, tuple[str, ...]]] = []
    for index, part in enumerate(parts):
        if not isinstance(part, Deletion):
            continue
        answer = words(part.answer)
        if len(answer) >= LONG_ANSWER:
            found.append((part.answer, answer))
            continue
        before = context(tuple(reversed(words(" ".join(filled[:index])))))[::-1]
        after = context(words(" ".join(filled[index + 1 :])))
        found += [(part.answer, phrase) for phrase in (before + answer, answer + after) if len(phrase) > len(answer)]
    return found


def context(nearest_first: tuple[str, ...]) -> tuple[str, ...]:
    """The words next to a blank, nearest first, until they hold CONTEXT_LETTERS letters (none if they never do)."""
    taken: list[str] = []
    for word in nearest_first[:CONTEXT_WORDS]:
        taken.append(word)
        if sum(len(each) for each in taken) >= CONTEXT_LETTERS:
            return tuple(taken)
    return ()


def giveaways(question: Question, lang: str) -> list[tuple[str, tuple[str, ...]]]:
    """The answers `question` asks for, each with the run of words that gives it away when another question prints it."""
    if isinstance(question, Cloze):
        return cloze_giveaways(question.text[lang])
    if isinstance(question, ShortAnswer):
        found = []
        main = words(question.answer[lang])
        for text in (question.answer[lang], *(accepted[lang] for accepted in question.accept)):
            answer_words = words(text)
            if answer_words != main and set(main) <= set(answer_words):
                continue  # 'Jay Carney' accepted for 'Carney': printing it gives away no more than the answer itself
            if len(answer_words) >= 2 or (len(answer_words) == 1 and len(answer_words[0]) >= SHORTEST_WORD):
                found.append((text, answer_words))
        return found
    return []


def leaks(bank: Bank) -> list[Leak]:
    """Every pair of questions where one shows what the other asks for, in bank order.

    Linear in the bank's size: every give-away phrase goes into one table, then
    each shown text is read once, looking up its runs of words of each length a
    phrase has.
    """
    found: dict[tuple[str, str], Leak] = {}
    read_already: dict[str, tuple[str, ...]] = {}

    def read(text: str) -> tuple[str, ...]:
        """words(text), once for a text that every language shares."""
        if text not in read_already:
            read_already[text] = words(text)
        return read_already[text]

    short_answers = {question.id for question in bank.questions if isinstance(question, ShortAnswer)}
    for lang in bank.languages:
        texts_shown = {question.id: shown_texts(question, lang) for question in bank.questions}
        shown = {question_id: [(where, read(text)) for where, text in texts] for question_id, texts in texts_shown.items()}
        wanted: dict[tuple[str, ...], list[tuple[str, str]]] = {}
        most: dict[tuple[str, ...], int | None] = {}
        for asked in bank.questions:
            for answer, phrase in giveaways(asked, lang):
                wanted.setdefault(phrase, []).append((asked.id, answer))
                # A short answer printed by many questions is the bank's topic ('France', 'Maria Lopez'), not a give-away.
                limit = (RARE if len(phrase) == 1 else TOPIC) if isinstance(asked, ShortAnswer) else None
                if phrase not in most:
                    most[phrase] = limit
                elif (before := most[phrase]) is not None:
                    most[phrase] = None if limit is None else max(before, limit)
        printers = find_phrases(shown, most)
        for phrase, askers in wanted.items():
            for asked_id, answer in askers:
                holders = {holder: where for holder, where in printers.get(phrase, {}).items() if holder != asked_id}
                if asked_id in short_answers and len(holders) > (RARE if len(phrase) == 1 else TOPIC):
                    continue
                if len(phrase) == 1:
                    # One word among others' choices or items ('Mars' in a list of planets) tells nothing; in a sentence it does.
                    holders = {holder: where for holder, where in holders.items() if where in ("prompt", "text")}
                for holder, where in holders.items():
                    found.setdefault((asked_id, holder), Leak(asked_id, holder, answer, where))
        for leak in figure_leaks(bank, lang, texts_shown, read):
            found.setdefault((leak.asked, leak.shown), leak)
    order = {question.id: number for number, question in enumerate(bank.questions)}
    return sorted(found.values(), key=lambda leak: (order[leak.shown], order[leak.asked]))


def find_phrases(
    shown: dict[str, list[tuple[str, tuple[str, ...]]]], most: dict[tuple[str, ...], int | None]
) -> dict[tuple[str, ...], dict[str, str]]:
    """For each phrase of `most`, the questions that print it and where (the first place), up to its limit + 2 (None: all)."""
    lengths = sorted({len(phrase) for phrase in most})
    printers: dict[tuple[str, ...], dict[str, str]] = {}
    for holder, texts in shown.items():
        for where, text_words in texts:
            for start in range(len(text_words)):
                for length in lengths:
                    if start + length > len(text_words):
                        break
                    phrase = text_words[start : start + length]
                    if phrase in most:
                        found = printers.setdefault(phrase, {})
                        limit = most[phrase]
                        if limit is None or len(found) <= limit + 1:  # one more than the limit, besides the asker itself
                            found.setdefault(holder, where)
    return printers


def figure_leaks(
    bank: Bank, lang: str, shown: dict[str, list[tuple[str, str]]], read: Callable[[str], tuple[str, ...]] = words
) -> list[Leak]:
    """Questions that print a numeric question's figure with its unit ('200 millions de dollars')."""
    numerics = [question for question in bank.questions if isinstance(question, Numeric)]
    units = {question.id: (question.unit[lang], words(question.unit[lang])[:1]) for question in numerics if question.unit is not None}
    unit_words = {unit[0] for _, unit in units.values() if unit}
    if not units:
        return []  # a bare number ('2016', '3') is printed everywhere without giving anything away
    printed = sorted(
        (
            (figure.value, holder, where, figure)
            for holder, texts in shown.items()
            for where, text in texts
            if DIGIT.search(text) and ("%" in text or not unit_words.isdisjoint(read(text)))
            # Digits only: a figure another question prints in words ("deux cents millions") is rare, and reading words is slow.
            for figure in figures(text, lang, in_words=False)
        ),
        key=lambda entry: entry[0],
    )
    values = [entry[0] for entry in printed]
    found = []
    for question in numerics:
        if question.id not in units:
            continue
        written, unit = units[question.id]
        low, high = question.bounds
        power = unit_scale(written, lang)
        if power:  # "15,4" in "millions d’euros" is printed "15,4 millions d’euros", read as 15 400 000 euros
            low, high = (float(Decimal(repr(bound)).scaleb(power)) for bound in (low, high))
            unit = words(written)[-1:]
        for _, holder, where, figure in printed[bisect_left(values, low) : bisect_right(values, high)]:
            if holder == question.id:
                continue
            if (figure.percent and "%" in written) or (not figure.percent and unit and unit[0] in figure.after.split()[:3]):
                found.append(Leak(question.id, holder, f"{spelled(question.answer)} {written}", where))
    return found


def clusters(bank: Bank) -> dict[str, str]:
    """Each question id mapped to the id that stands for its cluster (its group's and its leaks' union)."""
    parent = {question.id: question.id for question in bank.questions}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def join(first: str, second: str) -> None:
        parent[root(second)] = root(first)

    first_of_group: dict[str, str] = {}
    for question in bank.questions:
        if question.group is not None:
            join(first_of_group.setdefault(question.group, question.id), question.id)
    for leak in leaks(bank):
        join(leak.asked, leak.shown)
    return {key: root(key) for key in parent}


def draw_apart(candidates: Iterable[Question], bank: Bank) -> list[Question]:
    """`candidates` in their order, without any question whose cluster already has one drawn."""
    cluster = clusters(bank)
    seen: set[str] = set()
    kept: list[Question] = []
    for question in candidates:
        key = cluster.get(question.id, question.id)
        if key not in seen:
            seen.add(key)
            kept.append(question)
    return kept


def apart_count(questions: Sequence[Question], bank: Bank) -> int:
    """How many of `questions` can be drawn together: one per cluster."""
    return len(draw_apart(questions, bank))

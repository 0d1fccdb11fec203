"""Questions that must not be drawn together: one `group`, or one giving another's answer away.

Every output that draws a set of questions (a quiz session, a handout version, a web quiz round)
calls `draw_apart` on its candidates, in the order it would ask them, so that the same rule holds
everywhere: of each cluster, only the first candidate is kept.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .answers import LIGATURES, NOT_A_WORD
from .figures import figures, spelled
from .model import Bank, Cloze, Deletion, Match, Numeric, Question, ShortAnswer, cloze_parts

CONTEXT_WORDS = 2
"""Words beside a blank that, printed with its answer elsewhere, let a learner fill it: 'la {{capitale des start-up}}'."""
LONG_ANSWER = 4
"""An answer of this many words is a give-away on its own, wherever it is printed."""
RARE = 2
"""A one-word answer is distinctive when the texts of at most this many questions print it ('Launchpad', not 'France')."""
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


def words(text: str) -> tuple[str, ...]:
    """The words of a text without case, accents or punctuation (articles kept: they are a blank's context too)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(LIGATURES))
    return tuple(NOT_A_WORD.sub(" ", "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()).split())


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
        before = words(" ".join(filled[:index]))[-CONTEXT_WORDS:]
        after = words(" ".join(filled[index + 1 :]))[:CONTEXT_WORDS]
        found += [(part.answer, phrase) for phrase in (before + answer, answer + after) if len(phrase) > len(answer)]
    return found


def giveaways(question: Question, lang: str, rare_words: set[str]) -> list[tuple[str, tuple[str, ...]]]:
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
            distinctive = len(answer_words) == 1 and len(answer_words[0]) >= SHORTEST_WORD and answer_words[0] in rare_words
            if len(answer_words) >= 2 or distinctive:
                found.append((text, answer_words))
        return found
    return []


def leaks(bank: Bank) -> list[Leak]:
    """Every pair of questions where one shows what the other asks for, in bank order."""
    found: dict[tuple[str, str], Leak] = {}
    for lang in bank.languages:
        shown = {question.id: [(where, text, words(text)) for where, text in shown_texts(question, lang)] for question in bank.questions}
        index: dict[str, set[str]] = {}
        for question_id, texts in shown.items():
            for _, _, text_words in texts:
                for word in text_words:
                    index.setdefault(word, set()).add(question_id)
        rare = {word for word, holders in index.items() if len(holders) <= RARE}
        for asked in bank.questions:
            for answer, phrase in giveaways(asked, lang, rare):
                holders = min((index.get(word, set()) for word in phrase), key=len)
                hits = {}
                for holder in sorted(holders - {asked.id}):
                    hit = next((where for where, _, text_words in shown[holder] if contains(text_words, phrase)), None)
                    if hit is not None:
                        hits[holder] = hit
                if isinstance(asked, ShortAnswer) and len(hits) > TOPIC:
                    continue  # the bank's topic ('Maria Lopez' in every quote question): no draw could keep it apart
                for holder, hit in hits.items():
                    found.setdefault((asked.id, holder), Leak(asked.id, holder, answer, hit))
        for leak in figure_leaks(bank, lang, shown):
            found.setdefault((leak.asked, leak.shown), leak)
    order = {question.id: number for number, question in enumerate(bank.questions)}
    return sorted(found.values(), key=lambda leak: (order[leak.shown], order[leak.asked]))


def figure_leaks(bank: Bank, lang: str, shown: dict[str, list[tuple[str, str, tuple[str, ...]]]]) -> list[Leak]:
    """Questions that print a numeric question's figure with its unit ('200 millions de dollars')."""
    numerics = [question for question in bank.questions if isinstance(question, Numeric)]
    units = {question.id: (question.unit[lang], words(question.unit[lang])[:1]) for question in numerics if question.unit is not None}
    unit_words = {unit[0] for _, unit in units.values() if unit}
    if not units:
        return []  # a bare number ('2016', '3') is printed everywhere without giving anything away
    printed = [
        (holder, where, figure)
        for holder, texts in shown.items()
        for where, text, text_words in texts
        if unit_words & set(text_words) or "%" in text
        for figure in figures(text, lang)
    ]
    found = []
    for question in numerics:
        if question.id not in units:
            continue
        written, unit = units[question.id]
        low, high = question.bounds
        for holder, where, figure in printed:
            if holder == question.id or not low <= figure.value <= high:
                continue
            if (figure.percent and "%" in written) or (not figure.percent and unit and unit[0] in figure.after.split()[:3]):
                found.append(Leak(question.id, holder, f"{spelled(question.answer)} {written}", where))
    return found


def contains(seen: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    return any(seen[start : start + size] == phrase for start in range(len(seen) - size + 1))


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

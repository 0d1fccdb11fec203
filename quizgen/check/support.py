"""Support: each question's excerpt shows its answer, in the source's language, or the bank says it is inferred.

An answer is shown when its words, folded as typed answers are (no case, accents,
punctuation or articles at the ends), follow one another in the excerpt; a
person's name is also shown by the surname alone; a numeric answer by any
spelling of a figure within its tolerance ("200 millions de dollars", "une
cinquantaine", "3,5 milliards", "49 %"). A match needs both sides of every pair
in the pair's own excerpt or the question's, an order every item; a cloze every
blank. A true/false answer is never shown word for word: it is marked inferred.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from ..answers import ARTICLES, unit_scale
from ..apart import words as plain_words
from ..errors import Problem
from ..figures import spelled, states
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
)
from .grounding import fold

SENTENCE_END = re.compile(r"(?<=[.!?…»\"])\s+(?=[«\"A-ZÀ-Ý])|\n+")
JOINED_WORDS = 6
"""The most words an answer written as one word ('startup', 'e-commerce') is split into elsewhere."""
SHOWN_PASSAGE = 160
"""Characters of the closest passage shown in a message."""


@dataclass(frozen=True)
class Missing:
    """What a question's excerpt does not show: a text (or one of several spellings), or a figure."""

    texts: tuple[str, ...] = ()
    bounds: tuple[float, float] | None = None

    def describe(self) -> str:
        if self.bounds is not None:
            low, high = self.bounds
            return f"the figure {spelled(low)}" if low == high else f"a figure from {spelled(low)} to {spelled(high)}"
        texts = [" ".join(text.split()) for text in self.texts]  # no-break spaces as plain ones
        if len(texts) > 1:
            return "the answer " + " or ".join(repr(text) for text in texts[:3])
        return repr(texts[0])

    def found_in(self, passage: str, lang: str) -> bool:
        if self.bounds is not None:
            return states(passage, lang, *self.bounds)
        return any(shows(passage, text) for text in self.texts)


@dataclass(frozen=True)
class SupportReport:
    """How many answers were shown in their excerpts, marked inferred or unsupported, and a warning for each unsupported one."""

    shown: int
    inferred: int
    unsupported: int
    problems: tuple[Problem, ...]

    def summary(self) -> str:
        return f"support: {self.shown} shown in their excerpt, {self.inferred} marked inferred, {self.unsupported} unsupported"


@lru_cache(maxsize=1024)
def words(text: str) -> tuple[str, ...]:
    """The folded words of a text, each without a plural s ('startups' shows 'start-up').

    Cached: a match or an order compares each of its sides with the same excerpt.
    """
    found = list(plain_words(fold(text)))
    while len(found) > 1 and found[0] in ARTICLES:
        found.pop(0)
    while len(found) > 1 and found[-1] in ARTICLES:
        found.pop()
    return tuple(word[:-1] if len(word) > 3 and word.endswith("s") else word for word in found)


def contains(haystack: Sequence[str], needle: Sequence[str]) -> bool:
    size = len(needle)
    return size > 0 and any(haystack[start : start + size] == needle for start in range(len(haystack) - size + 1))


def is_name(text: str) -> bool:
    """'John Chambers', 'Bruno Le Maire': two words or more, each starting with a capital (particles aside)."""
    parts = text.split()
    return (
        len(parts) >= 2
        and parts[0][:1].isupper()
        and parts[-1][:1].isupper()
        and all(part[:1].isupper() or len(part) <= 3 for part in parts)
    )


def shows(passage: str, answer: str) -> bool:
    """Whether `passage` shows `answer`: its words in a row (however hyphenated), or a person's surname."""
    seen = words(passage)
    wanted = words(answer)
    if not wanted:  # an answer of symbols only
        return fold(answer).casefold() in fold(passage).casefold()
    if contains(seen, wanted) or spelled_together(seen, "".join(wanted)):
        return True
    return is_name(answer) and len(wanted[-1]) >= 3 and wanted[-1] in seen


def spelled_together(seen: tuple[str, ...], target: str) -> bool:
    """'start up' in the excerpt and 'startup' in the answer (or the reverse) are one word written two ways."""
    if target not in "".join(seen):  # the quick test, in C: most answers are not spelled another way
        return False
    return any(
        "".join(seen[start:end]) == target
        for start in range(len(seen))
        for end in range(start + 1, min(len(seen), start + JOINED_WORDS) + 1)
    )


def requirements(question: Question, lang: str) -> list[tuple[Missing, str]]:
    """What the excerpts must show, each with the passage that must show it (the question's excerpt, or a pair's or item's with it)."""
    own = question.source or ""
    if isinstance(question, MultipleChoice):
        return [(Missing((question.choices[question.answer][lang],)), own)]
    if isinstance(question, MultipleAnswer):
        return [(Missing((question.choices[index][lang],)), own) for index in question.answers]
    if isinstance(question, ShortAnswer):
        return [(Missing((question.answer[lang], *(accepted[lang] for accepted in question.accept))), own)]
    if isinstance(question, Numeric):
        # An answer in "millions d’euros" is stated by "15,4 millions d’euros", which reads as 15 400 000.
        power = unit_scale(question.unit[lang], lang) if question.unit is not None else 0
        low, high = (float(Decimal(repr(bound)).scaleb(power)) for bound in question.bounds)
        return [(Missing(bounds=(low, high)), own)]
    if isinstance(question, Cloze):
        return [(Missing(question.accepted(deletion.number, lang)), own) for deletion in cloze_deletions(question.text[lang])]
    if isinstance(question, Match):
        sources = question.pair_sources or (None,) * len(question.pairs)
        needed = []
        for (left, right), source in zip(question.pairs, sources, strict=True):
            passage = own if source in (None, own) else f"{source} {own}"
            needed += [(Missing((left[lang],)), passage), (Missing((right[lang],)), passage)]
        return needed
    if isinstance(question, Order):
        sources = question.item_sources or (None,) * len(question.items)
        return [
            (Missing((item[lang],)), own if source in (None, own) else f"{source} {own}")
            for item, source in zip(question.items, sources, strict=True)
        ]
    return []


def has_excerpt(question: Question) -> bool:
    return question.source is not None or any(getattr(question, "pair_sources", ())) or any(getattr(question, "item_sources", ()))


def check_support(bank: Bank, source_text: str | None) -> SupportReport:
    """Count the answers shown in their excerpts and the inferred ones; a warning for each answer that is neither."""
    lang = bank.source_language
    shown = inferred = 0
    problems: list[Problem] = []
    sentences = [sentence.strip() for sentence in SENTENCE_END.split(source_text or "") if sentence.strip()]
    for question in bank.questions:
        if question.support == "inferred":
            inferred += 1
            continue
        if not has_excerpt(question):
            continue  # the loader warns about a missing excerpt already
        if isinstance(question, TrueFalse):
            message = "a true/false answer is never shown word for word: mark it support: inferred, with an explanation saying why"
            problems.append(Problem(bank.path, question.line, message, question.id, warning=True))
            continue
        missing = [(need, passage) for need, passage in requirements(question, lang) if not need.found_in(passage, lang)]
        if not missing:
            shown += 1
            continue
        need, passage = missing[0]
        where = next((sentence for sentence in sentences if need.found_in(sentence, lang)), None)
        closest = (
            f'closest passage: "{shorten(where)}"'
            if where
            else f'no passage of the source shows it; the excerpt: "{shorten(passage.strip())}"'
        )
        more = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
        message = f"unsupported answer: {need.describe()}{more} is not in its excerpt ({lang}); "
        message += f"extend the excerpt, or mark it support: inferred; {closest}"
        problems.append(Problem(bank.path, question.line, message, question.id, warning=True))
    unsupported = len(problems)
    return SupportReport(shown, inferred, unsupported, tuple(problems))


def shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHOWN_PASSAGE else text[: SHOWN_PASSAGE - 1].rstrip() + "…"

"""Numbers as an article writes them: in digits ("1 500", "3.5bn"), in words ("quinze"), or round ("une cinquantaine")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from ..figures import HYPHEN_UNITS
from .lexicon import LANGUAGES, NUMBER_WORDS, ROUND_NUMBERS
from .records import Number

VULGAR_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75}
MAX_DIGITS = 15
"""Digits in the whole part of a figure: a quadrillion, far above any amount in the news."""


@dataclass(frozen=True)
class Numeral:
    """A number as found: its value, its digits as written ('' for words), an attached scale ("bn")."""

    value: Number
    digits: str = ""
    attached: str = ""
    round_words: str = ""
    """"une cinquantaine", "a dozen": a round number, which is approximate."""


def find_numbers(text: str, start: int, end: int, lang: str) -> list[tuple[int, int, Numeral]]:
    """Every number in text[start:end], as (start, end, numeral), in order; overlapping finds are all kept."""
    digits, words, rounds = _PATTERNS[lang]
    found: list[tuple[int, int, Numeral]] = []
    for match in digits.finditer(text, start, end):
        if sum(char.isdigit() for char in match.group(1)) > MAX_DIGITS:
            continue  # a serial number or a run of digits, no figure a question asks about (and past what a float holds)
        attached = match.group(3) or ""
        figure = _digits_value(match)
        if attached in VULGAR_FRACTIONS:  # "1½ inches": one number, read with its noun
            figure, attached = clean_number(figure + VULGAR_FRACTIONS[attached]), ""
        found.append((match.start(), match.end(), Numeral(figure, match.group(1), attached)))
    for match in words.finditer(text, start, end):
        spelled = re.split(r"-et-|\s+et\s+|\s+and\s+|-|\s+", match.group().lower())
        value = _words_value(spelled, NUMBER_WORDS[lang], lang == "fr")
        if value is not None:  # "two three", "nineteen eighty": no one number, none found rather than a wrong one
            found.append((match.start(), match.end(), Numeral(value)))
    for match in rounds.finditer(text, start, end):
        value = ROUND_NUMBERS[lang][match.group(1).lower()]
        found.append((match.start(), match.end(), Numeral(value, round_words=match.group())))
    return sorted(found, key=lambda item: item[:2])


def clean_number(value: float) -> Number:
    """A computed value rounded to 6 decimals, an int when it is whole: 3.5 × 10**9 is 3500000000, not 3500000000.0."""
    rounded = round(value, 6)
    return int(rounded) if float(rounded).is_integer() else rounded


def _digits_pattern(lang: str) -> re.Pattern[str]:
    """Digits: "1 500,5" in French; "1,500.5", "3.5bn" in English. Groups: whole part, fraction, attached scale, unit or
    ordinal's ending ("20km", "32C", "50pc", "13th", "115e")."""
    # French "69'000" groups digits the Swiss way; "1½" carries its fraction.
    if lang == "fr":
        return re.compile(
            r"(?<![\w.,])(\d{1,3}(?:[ \u00a0\u202f.’']\d{3})+|\d+)(?:,(\d+))?(e|er|re|ère|ème|km|kg|cm|mm|m²|m2|ha|kW|MW|½|¼|¾)?"
            r"(?![\w]|[.,]\d)"
        )
    return re.compile(
        r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?"
        r"(million|billion|trillion|bn|mn|m|k|tn|pc|km|kg|cm|mm|mph|ft|m²|m2|kW|KW|MW|p|C|th|st|nd|rd|s|½|¼|¾)?(?![\w]|[.,]\d)"
    )


# "and", "et" join the words of one number only after the words they follow in it: "two hundred and five",
# "soixante et onze"; "between two and three", "entre deux et trois" are two numbers.
_AND_AFTER = {
    "fr": "|".join(rf"(?<={tens})" for tens in ("vingt", "trente", "quarante", "cinquante", "soixante")),
    "en": r"(?<=hundred)|(?<=thousand)",
}


_TENS = {
    "fr": ("vingt", "trente", "quarante", "cinquante", "soixante"),
    "en": ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"),
}
_ONE_AFTER = {
    "fr": "(?:(?:" + "|".join(rf"(?<={tens})" for tens in _TENS["fr"]) + r")(?:\s+et\s+|-et-|(?<=quatre-vingt)-)(?:un|une))?",
    "en": "(?:(?:" + "|".join(rf"(?<={tens})" for tens in _TENS["en"]) + r")(?:-one|\s+one(?![\w-])))?",  # not "twenty one-day trips"
}
"""The one that only ends a number ("trente et un", "vingt et une", "quatre-vingt-un", "twenty-one"): alone, "un", "une"
and "one" are articles or pronouns, no figure."""
ONES = {"un": 1, "une": 1, "one": 1}


def _words_pattern(lang: str) -> re.Pattern[str]:
    """Numbers in words, hyphenated or not: "vingt-cinq", "quatre-vingt-dix", "two hundred and five".

    Never before a hyphen ("deux-roues", "two-thirds"), except, in English, a unit
    of time joined to the number ("a six-year mission")."""
    words = "|".join(sorted(NUMBER_WORDS[lang], key=len, reverse=True))
    joint = rf"(?:-|\s+|(?:{_AND_AFTER[lang]})(?:\s+et\s+|-et-|\s+and\s+))"
    end = rf"(?!\w|-(?!(?:{HYPHEN_UNITS})\b))" if lang == "en" else r"(?![\w-])"
    return re.compile(rf"(?i)(?<![\w-])(?:{words})(?:{joint}(?:{words}))*{_ONE_AFTER[lang]}{end}")


def _rounds_pattern(lang: str) -> re.Pattern[str]:
    """A round number with its article: "une cinquantaine", "a dozen". Group 1: the noun."""
    words = "|".join(ROUND_NUMBERS[lang])
    article = r"une?|la|cette" if lang == "fr" else r"a"
    return re.compile(rf"(?i)(?<![\w-])(?:{article})\s+({words})(?![\w-])")


_PATTERNS = {lang: (_digits_pattern(lang), _words_pattern(lang), _rounds_pattern(lang)) for lang in LANGUAGES}


def _digits_value(found: re.Match[str]) -> Number:
    whole = re.sub(r"[^\d]", "", found.group(1))
    fraction = found.group(2)
    value: Number = int(whole)
    if fraction:
        value = float(f"{whole}.{fraction}")
    return value


def _words_value(words: list[str], table: dict[str, int], french: bool) -> int | None:
    """The value of a number in words: "deux cent mille" -> 200000, "quatre vingt dix" -> 90; None for words that
    make no one number ("two three", "nineteen eighty-four")."""
    values = [table[word] if word in table else ONES[word] for word in words]
    if not all(_follows(previous, value, french) for previous, value in pairwise(values)):
        return None
    total = current = 0
    for value in values:
        if value == 100:
            current = (current or 1) * 100
        elif value == 1000:
            total, current = total + (current or 1) * 1000, 0
        elif value == 20 and current == 4:  # quatre-vingt
            current = 80
        else:
            current += value
    return total + current


def _follows(previous: int, value: int, french: bool) -> bool:
    """Whether a number word may follow another in one number: a multiplier ("cent", "thousand"), anything after one,
    a unit after tens ("vingt-cinq"), in French "vingt" after "quatre", ten to nineteen after "soixante" and
    "quatre-vingt", seven to nine after "dix" ("dix-sept")."""
    if value in (100, 1000) or previous in (100, 1000):
        return True
    if previous % 10 == 0 and previous >= 20:
        return value < 10 or (french and previous in (20, 60) and value < 20)
    return french and ((previous == 4 and value == 20) or (previous == 10 and 7 <= value <= 9))

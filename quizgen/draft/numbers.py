"""Numbers as an article writes them: in digits ("1 500", "3.5bn"), in words ("quinze"), or round ("une cinquantaine")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import LANGUAGES, NUMBER_WORDS, ROUND_NUMBERS
from .records import Number

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
        found.append((match.start(), match.end(), Numeral(_digits_value(match), match.group(1), match.group(3) or "")))
    for match in words.finditer(text, start, end):
        spelled = re.split(r"-et-|\s+et\s+|\s+and\s+|-|\s+", match.group().lower())
        found.append((match.start(), match.end(), Numeral(_words_value(spelled, NUMBER_WORDS[lang]))))
    for match in rounds.finditer(text, start, end):
        value = ROUND_NUMBERS[lang][match.group(1).lower()]
        found.append((match.start(), match.end(), Numeral(value, round_words=match.group())))
    return sorted(found, key=lambda item: item[:2])


def clean_number(value: float) -> Number:
    """A computed value rounded to 6 decimals, an int when it is whole: 3.5 × 10**9 is 3500000000, not 3500000000.0."""
    rounded = round(value, 6)
    return int(rounded) if float(rounded).is_integer() else rounded


def _digits_pattern(lang: str) -> re.Pattern[str]:
    """Digits: "1 500,5" in French; "1,500.5", "3.5bn" in English. Groups: whole part, fraction, attached scale."""
    if lang == "fr":
        return re.compile(r"(?<![\w.,])(\d{1,3}(?:[ \u00a0\u202f.]\d{3})+|\d+)(?:,(\d+))?()(?![\w]|[.,]\d)")
    return re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(bn|mn|m|k|tn)?(?![\w]|[.,]\d)")


def _words_pattern(lang: str) -> re.Pattern[str]:
    """Numbers in words, hyphenated or not: "vingt-cinq", "quatre-vingt-dix", "two hundred and five"."""
    words = "|".join(sorted(NUMBER_WORDS[lang], key=len, reverse=True))
    joint = r"(?:-|\s+|\s+et\s+|-et-|\s+and\s+)"
    return re.compile(rf"(?i)(?<![\w-])(?:{words})(?:{joint}(?:{words}))*(?![\w-])")


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


def _words_value(words: list[str], table: dict[str, int]) -> int:
    """The value of a number in words: "deux cent mille" -> 200000, "quatre vingt dix" -> 90."""
    total = current = 0
    for word in words:
        value = table[word]
        if value == 100:
            current = (current or 1) * 100
        elif value == 1000:
            total, current = total + (current or 1) * 1000, 0
        elif value == 20 and current == 4:  # quatre-vingt
            current = 80
        else:
            current += value
    return total + current

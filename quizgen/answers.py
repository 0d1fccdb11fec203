"""How typed answers are read: text compared loosely, numbers in every usual spelling, letters and pairs.

These readers know nothing of questions or sessions; quiz.py applies them to
the question being asked.

Numbers. Spaces, no-break spaces, thin spaces and apostrophes between digit
groups of three are thousands separators ("200 000 000", "1'000"). When a
number has both a comma and a dot, the last one is the decimal mark
("1,234.5", "1.234,5"). A mark that appears more than once separates thousands
("200,000,000", "1.000.000"). A single mark followed by exactly three digits,
after a whole part other than 0, is ambiguous ("200,000"): it separates
thousands where the language writes thousands that way (a comma in English, a
dot in French) and is a decimal mark otherwise. Any other single mark is a
decimal mark ("200,5", "2.5"). Then come an optional exponent ("2e8",
"2×10^8"), an optional scale word ("k", "M", "million", "milliard", "Md",
"bn"; "billion" is 10^9 in English and 10^12 in French) and an optional unit.
A number a float cannot hold ("1e999") or longer than MAX_DIGITS is not read.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, DecimalException, InvalidOperation

from rapidfuzz.distance import OSA

from .present import base_language

ARTICLES = frozenset({"le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "the", "a", "an"})
LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})
NOT_A_WORD = re.compile(r"[\W_]+")
TYPO_MINIMUM = 5
"""Letters an expected answer (or word) needs before a one-letter slip is forgiven."""

TRUTHS = {
    **dict.fromkeys(("t", "true", "y", "yes", "v", "vrai", "o", "oui", "1"), True),
    **dict.fromkeys(("f", "false", "n", "no", "faux", "non", "0"), False),
}
"""English and French words for true and false, both accepted whatever the quiz language."""

GROUP_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "'": " ", "\u2019": " "})
NUMBER = re.compile(
    r"""\s*(?P<sign>[-+\u2212]?)\s*(?:(?P<symbol>[$€£¥])\s*)?
    (?P<digits>\d(?:[\d.,]|[ \u00a0\u202f\u2009'\u2019](?=\d))*)
    (?:\s*[eE]\s*(?P<exponent>[-+]?\d+)|\s*[x×*]\s*10\s*\^\s*(?P<power>[-+]?\d+))?
    (?P<rest>.*)""",
    re.VERBOSE | re.DOTALL,
)
APPROXIMATELY = re.compile(r"\s*(?:[~≈]|(?:about|around|approximately|approx\.|roughly|environ|pr[eè]s de|à peu près)\s)\s*", re.IGNORECASE)
GROUPED = re.compile(r"\d{1,3}(?: \d{3})+(?:[.,]\d+)?\Z")
SCALES: dict[str, int] = {
    **dict.fromkeys(("k", "thousand", "thousands", "mille", "milliers"), 3),
    **dict.fromkeys(("m", "mn", "mln", "mio", "million", "millions"), 6),
    **dict.fromkeys(("md", "mds", "mrd", "milliard", "milliards", "bn", "bln", "b"), 9),
    **dict.fromkeys(("trillion", "trillions"), 12),
}
LONG_SCALE = {"billion": 12, "billions": 12, "trillion": 18, "trillions": 18}
"""French counts billions and trillions in the long scale."""
MAX_DIGITS = 50
"""Digits and marks in a number: more is not an answer anyone means, and Decimal and float need not see it."""
THOUSANDS_MARK = {"en": ",", "fr": "."}
UNIT_LINKS = frozenset({"de", "d", "of", "en", "in"})
PERCENT_WORDS = frozenset({"percent", "per cent", "pour cent", "pourcent", "pct"})
CURRENCIES: dict[str, str] = {
    **dict.fromkeys(("$", "dollar", "us dollar", "usd", "us", "dollar americain", "dollar us"), "USD"),
    **dict.fromkeys(("€", "euro", "eur"), "EUR"),
    **dict.fromkeys(("£", "pound", "pound sterling", "livre", "livre sterling", "gbp"), "GBP"),
    **dict.fromkeys(("¥", "yen", "jpy"), "JPY"),
    **dict.fromkeys(("yuan", "cny", "rmb"), "CNY"),
    **dict.fromkeys(("franc suisse", "swiss franc", "chf"), "CHF"),
    **dict.fromkeys(("franc",), "FRF"),
}
"""Currency symbols and names (singular, as `singular` leaves them), by ISO code: two amounts in different currencies differ."""
DIGIT = re.compile(r"[0-9]")
PAIRED = r"\s*(?:[-:=>→.)]+\s*)?"
"""What may join a number to its letter in '1b', '1 b', '1-b', '1) b', '1 -> b'; written so that a long run of spaces is read once."""
POSITION = "[0-9]{1,3}"
"""A number in a list answer: ASCII digits (int() refuses '²', and numbers of more than 4300 digits), as many as a position needs."""


def normalize(text: str) -> str:
    """Text as compared: no case, accents, punctuation or extra spaces, and no article at either end."""
    decomposed = unicodedata.normalize("NFKD", text.translate(LIGATURES))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
    words = NOT_A_WORD.sub(" ", plain).split()
    while len(words) > 1 and words[0] in ARTICLES:
        words.pop(0)
    while len(words) > 1 and words[-1] in ARTICLES:
        words.pop()
    return " ".join(words)


def within_one_edit(given: str, expected: str) -> bool:
    """True when one letter added, dropped, replaced or swapped with its neighbour turns `given` into `expected`."""
    return OSA.distance(given, expected, score_cutoff=1) <= 1


def letters(text: str) -> int:
    return sum(char.isalpha() for char in text)


def misspelt(given: str, expected: str) -> bool:
    """True when normalized `given` is `expected` but for a slip: one letter over the whole answer, or one per long word.

    Answers with digits get no such leniency: 2015 is not 2016.
    """
    if any(char.isdigit() for char in expected):
        return False
    if letters(expected) >= TYPO_MINIMUM and within_one_edit(given, expected):
        return True
    given_words, expected_words = given.split(), expected.split()
    return len(given_words) == len(expected_words) and all(
        mine == theirs or (letters(theirs) >= TYPO_MINIMUM and within_one_edit(mine, theirs))
        for mine, theirs in zip(given_words, expected_words, strict=True)
    )


@dataclass(frozen=True)
class TextMatch:
    """Which of several expected texts an answer is, and whether it was misspelt."""

    index: int
    misspelt: bool


def comparable(text: str) -> str:
    """normalize(text); an answer made only of symbols ('€', '?', '🎉') is compared as written, not as nothing."""
    return normalize(text) or " ".join(text.casefold().split())


def match_text(given: str, candidates: Sequence[str], keys: Sequence[object] | None = None) -> TextMatch | None:
    """The candidate that `given` spells (exactly first, then with a slip if only one answer fits), or None.

    Words written together, hyphenated or apart are the same ('start-up', 'startup', 'start up').
    `keys` says which candidates are one answer (a choice in two languages, every accepted spelling
    of a short answer): a slip close to several candidates of one answer is that answer, not an
    ambiguity. Without keys, candidates that read the same once joined are one answer.
    """
    mine = comparable(given)
    if not mine:
        return None
    normalized = [comparable(candidate) for candidate in candidates]
    for index, candidate in enumerate(normalized):
        if joined(mine) == joined(candidate):
            return TextMatch(index, False)
    close = [index for index, candidate in enumerate(normalized) if misspelt(mine, candidate) or misspelt(joined(mine), joined(candidate))]
    answers = {keys[index] if keys is not None else joined(normalized[index]) for index in close}
    if len(answers) != 1:
        return None
    return TextMatch(close[0], True)


def part_of(given: str, candidates: Sequence[str], keys: Sequence[object]) -> int | None:
    """The index of the one answer (by `keys`) whose words include every word of `given`, or None.

    'mobile app' names 'Its mobile app'; a word may have a slip when it is long enough to forgive one.
    Articles and one- or two-letter words do not count, so that 'the' or 'a' names nothing.
    """
    words = [word for word in comparable(given).split() if len(word) > 2 and word not in ARTICLES]
    if not words:
        return None
    found = [
        index
        for index, candidate in enumerate(candidates)
        if all(any(word == theirs or misspelt(word, theirs) for theirs in comparable(candidate).split()) for word in words)
    ]
    if len({keys[index] for index in found}) != 1:
        return None
    return found[0]


def joined(words: str) -> str:
    return words.replace(" ", "")


def read_truth(text: str) -> bool | None:
    """True for t, true, y, yes, v, vrai, o, oui; False for f, false, n, no, faux, non; else None."""
    return TRUTHS.get(normalize(text))


@dataclass(frozen=True)
class NumberReading:
    """A number read from an answer, and whether the words after it named the expected unit (or none).

    `value` is always within what a float holds, so that it can be compared and shown.
    """

    value: Decimal
    unit_ok: bool
    unit: str = ""
    """The words after the number (and its scale word), as typed: '%', "d'euros"."""
    currency: str | None = None
    """The ISO code of the currency the answer names by a symbol or a word, if any."""


def currency_of(text: str) -> str | None:
    """The ISO code of the currency `text` names ('$', 'de dollars', "d'euros", 'EUR'), or None."""
    for symbol in "$€£¥":
        if symbol in text:
            return CURRENCIES[symbol]
    words = unit_words(text).split()
    if len(words) > 1 and (words[0] in SCALES or words[0] in LONG_SCALE):
        words = [word for word in words[1:] if word not in UNIT_LINKS]  # "millions d’euros" is in euros
    return CURRENCIES.get(singular(" ".join(words)))


def unit_words(text: str) -> str:
    """The words of a unit as compared, without the link that may join it to its number: "d'euros" -> 'euros'."""
    words = normalize(text).split()
    while words and words[0] in UNIT_LINKS:
        words.pop(0)
    return " ".join(words)


def read_number(text: str, lang: str, units: Sequence[str] = ()) -> NumberReading | None:
    """The number in `text` (see the module's rules), or None if `text` does not start with one."""
    approximately = APPROXIMATELY.match(text)
    found = NUMBER.fullmatch(text[approximately.end() if approximately else 0 :].strip())
    if found is None or len(found["digits"]) > MAX_DIGITS:
        return None
    digits = read_digits(found["digits"].translate(GROUP_SPACES), base_language(lang))
    # '2O0' or '5O': a letter O typed for a zero is not read as 2 or 5 followed by a word.
    if digits is None or re.match(r"[oO]+(?![^\W\d_])", found["rest"]):
        return None
    rest = found["rest"].strip()
    power = 0
    if rest and not unit_matches(rest, units):
        scale = re.match(r"([^\W\d_]+)\.?(.*)", rest, re.DOTALL)
        if scale is not None and normalize(scale[1]) in scale_words(lang):
            power = scale_words(lang)[normalize(scale[1])]
            rest = scale[2].strip()
    value = scaled(digits, found["exponent"] or found["power"], power)
    if value is None:
        return None
    if found["sign"] in ("-", "\u2212"):
        value = -value
    # '5 ou 750', '15-20': a second number is a hedge, not a unit.
    if DIGIT.search(rest) and not unit_matches(rest, units):
        return None
    currency = CURRENCIES[found["symbol"]] if found["symbol"] else currency_of(rest)
    return NumberReading(value, unit_matches(rest, units), rest, currency)


def same_quantity(given: str, expected: str, lang: str) -> bool:
    """True when `given` reads as the number `expected` states, in its unit if it names one ('49 pour cent' for '49 %')."""
    wanted = read_number(expected, lang)
    if wanted is None:
        return False
    reading = read_number(given, lang, [wanted.unit] if wanted.unit else [])
    return reading is not None and reading.value == wanted.value and reading.unit_ok


def scaled(digits: Decimal, exponent: str | None, power: int) -> Decimal | None:
    """`digits` × 10^(exponent + power), or None beyond a float's range ('1e999') or Decimal's ('2×10^400000000')."""
    try:
        value = digits.scaleb(Decimal(exponent or 0) + power)
    except DecimalException:
        return None
    return value if math.isfinite(float(value)) else None


def scale_words(lang: str) -> dict[str, int]:
    if base_language(lang) == "fr":
        return {**SCALES, **LONG_SCALE}
    return {**SCALES, "billion": 9, "billions": 9}


def unit_scale(unit: str, lang: str) -> int:
    """The power of ten a unit counts in when it starts with a scale word: 6 for "millions d’euros", "million
    pounds" (an answer of 15.4 is 15 400 000 pounds) or "million", 3 for "milliers de personnes", 9 for "billion
    dollars" (12 in French); 0 for any other unit ("m" is metres, not millions)."""
    words = normalize(unit).split()
    first = words[0] if words else ""
    return scale_words(lang).get(first, 0) if len(first) > 2 else 0


def unscaled(unit: str, lang: str) -> str:
    """A unit without its scale word and the link after it: "millions d’euros" -> "euros", "million pounds" -> "pounds"."""
    words = normalize(unit).split()
    if words and unit_scale(unit, lang):
        words = words[1:]
    while words and words[0] in UNIT_LINKS:
        words.pop(0)
    return " ".join(words)


def read_digits(digits: str, lang: str) -> Decimal | None:
    """A number's digits and marks, grouping spaces already made plain spaces, as a Decimal."""
    if " " in digits:
        if not GROUPED.match(digits):
            return None
        digits = digits.replace(" ", "")
        return as_decimal(digits.replace(",", "."))
    marks = [char for char in digits if char in ".,"]
    if not marks:
        return as_decimal(digits)
    last = marks[-1]
    if len(set(marks)) == 2:
        other = "," if last == "." else "."
        if digits.rindex(other) > digits.index(last):
            return None
        return as_decimal(digits.replace(other, "").replace(last, "."))
    if len(marks) > 1:
        groups = digits.split(last)
        if not all(len(group) == 3 for group in groups[1:]) or not 1 <= len(groups[0]) <= 3:
            return None
        return as_decimal(digits.replace(last, ""))
    whole, fraction = digits.split(last)
    if len(fraction) == 3 and whole != "0" and THOUSANDS_MARK.get(lang, ",") == last:
        return as_decimal(whole + fraction)
    return as_decimal(f"{whole}.{fraction}")


def as_decimal(digits: str) -> Decimal | None:
    try:
        return Decimal(digits)
    except InvalidOperation:
        return None


def unit_matches(rest: str, units: Sequence[str]) -> bool:
    """True when the words after a number are only signs ('$', '%') or name one of `units` ('de dollars')."""
    said = unit_words(rest)
    if not said:
        return True
    if said in PERCENT_WORDS:
        return any("%" in unit for unit in units)
    return any(singular(said) == singular(normalize(unit)) for unit in units if normalize(unit))


def singular(words: str) -> str:
    return " ".join(word.rstrip("s") for word in words.split())


def read_letters(text: str, count: int) -> tuple[int, ...] | None:
    """Choice positions from 'a c', 'a,c', 'ac' or '1 3'; None unless every one is among the first `count`."""
    compact = text.strip().lower()
    if re.fullmatch(r"[a-z](?:[\s,;]*[a-z])*", compact):
        positions = [ord(letter) - ord("a") for letter in compact if letter.isalpha()]
    elif re.fullmatch(rf"{POSITION}(?:[\s,;]+{POSITION})*", compact):
        positions = [int(number) - 1 for number in re.findall(POSITION, compact)]
    else:
        return None
    if not positions or not all(0 <= position < count for position in positions):
        return None
    return tuple(sorted(set(positions)))


def read_pairs(text: str, lefts: int, rights: int) -> tuple[int, ...] | None:
    """For '1b 2a 3c' (or 'b a c', read in the order of the numbers): the letter position chosen for each number."""
    compact = text.strip().lower()
    if re.fullmatch(r"[a-z](?:[\s,;]*[a-z])*", compact):
        chosen = [ord(letter) - ord("a") for letter in compact if letter.isalpha()]
        pairs = list(enumerate(chosen))
    elif re.fullmatch(rf"(?:{POSITION}{PAIRED}[a-z][\s,;]*)+", compact):
        pairs = [(int(number) - 1, ord(letter) - ord("a")) for number, letter in re.findall(rf"([0-9]+){PAIRED}([a-z])", compact)]
    else:
        return None
    numbers = [number for number, _ in pairs]
    if sorted(numbers) != list(range(lefts)) or not all(0 <= letter < rights for _, letter in pairs):
        return None
    return tuple(letter for _, letter in sorted(pairs))


def read_order(text: str, count: int) -> tuple[int, ...] | None:
    """Positions from '3 1 2' (or '312' when there are fewer than ten items); None unless each appears once."""
    compact = text.strip()
    if count < 10 and re.fullmatch(r"[0-9]{2,}", compact):
        numbers = [int(digit) for digit in compact]
    elif re.fullmatch(rf"{POSITION}(?:[\s,;>\-→]+{POSITION})*", compact):
        numbers = [int(number) for number in re.findall(POSITION, compact)]
    else:
        return None
    if sorted(numbers) != list(range(1, count + 1)):
        return None
    return tuple(number - 1 for number in numbers)

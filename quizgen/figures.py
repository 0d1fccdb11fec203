"""The figures a text states, however it spells them: "200 millions de dollars", "3,5 milliards", "une cinquantaine", "49 %".

`check` looks for a numeric answer among its excerpt's figures, and `apart` for a
figure that one question prints and another asks for. Numbers in words are read
by text2num ("deux cents millions" is 200000000); the digits and their marks by
the same rules as a typed answer (answers.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from text_to_num import alpha2digit

from .answers import normalize, read_digits, scale_words
from .present import base_language

APPROXIMATE = {
    "fr": {
        "dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30, "quarantaine": 40,
        "cinquantaine": 50, "soixantaine": 60, "centaine": 100, "millier": 1000,
    },
    "en": {"dozen": 12, "score": 20},
}  # fmt: skip
"""Words that state a round figure: "une cinquantaine de start-up" is about 50."""
WORDS_READ = ("fr", "en", "es", "pt", "de", "nl", "it", "da")
"""The languages text2num reads numbers in words in."""
PERCENT = re.compile(r"\b(?:pour cent|pourcent|percent|per cent)\b", re.IGNORECASE)
FIGURE = re.compile(
    r"(?<![\w.,])(?P<sign>[-\u2212])?(?:[$€£¥]\s?)?(?P<digits>\d(?:[\d.,]*\d)?(?:[ \u00a0\u202f]\d{3}(?![\d]))*)"
    r"(?P<fraction>[½¼¾])?(?P<percent>\s?%)?(?:[\s-]?(?P<scale>[^\W\d_]+)\.?)?"
)
"""A figure: a sign, a currency, digits with their marks, then a percent sign or a word ('millions', 'bn', the 'm' of '$45m')."""
POWER_OF_TEN = re.compile(r"10{3,}\Z")
SHARED_SCALE = re.compile(
    r"\s?(?:to|-|–|à|et|and)\s?(?:[$€£¥]\s?)?(?P<end>\d(?:[\d.,]*\d)?)(?:\s(?P<power>10{3,})\b|\s?(?P<scale>[^\W\d_]+))"
)
"""The end of a range whose scale word is the start's too: "17 to 18 billion", "entre 2 et 3 millions"."""
HYPHEN_UNITS = "year|month|week|day|hour|minute|mile|metre|meter|acre|bed|bedroom|place|seat|seater|classroom|storey|room|page"
"""Units an English number is joined to by a hyphen: "a six-year mission", "a 100-bed shortfall", "a 180-seater plane"."""
HYPHEN_UNIT = re.compile(rf"(?<=[^\W\d_])-(?=(?:{HYPHEN_UNITS})s?\b)", re.IGNORECASE)
"""The hyphen of "a five-year plan", which text2num would not read past."""
SWISS_THOUSANDS = re.compile(r"(?<=\d)['’](?=\d{3}(?!\d))")
"""The apostrophe of "69'000", digits grouped the Swiss way."""
FRACTIONS = {"½": Decimal("0.5"), "¼": Decimal("0.25"), "¾": Decimal("0.75")}
"""A fraction written onto a number: "1½ inches"."""
HALF = re.compile(r"(?:\s+[^\W\d_]+)?\s+(?:et\s+demie?|and\s+a\s+half)\b", re.IGNORECASE)
"""The half after a number, or after its unit: "2 mois et demi", "two and a half years"."""
CENTS = re.compile(r"\s?(?:€|euros?)\s?(?P<cents>\d{2})(?!\d|[.,]\d)")
"""The cents of a price written "39€50" or "5 euros 20"."""
THOUSANDS_END = re.compile(r"\s(?:à|to|-|–)\s(?P<end>\d{1,3}(?:[ \u00a0\u202f]\d{3})+)(?!\d)")
"""A range whose end alone writes the thousands: "de 550 à 600 000"."""


@dataclass(frozen=True)
class Figure:
    """A number stated in a text, with the words that follow it (its unit, often)."""

    value: float
    percent: bool
    after: str
    """The normalised words after the figure, to find its unit."""


def figures(text: str, lang: str, in_words: bool = True) -> list[Figure]:
    """Every figure `text` states, in reading order; with `in_words` False, only those written with digits (quicker)."""
    base = base_language(lang)
    text = SWISS_THOUSANDS.sub("", PERCENT.sub("%", text))
    for word, about in APPROXIMATE.get(base, {}).items():
        # The article goes with its word ("une trentaine" is 30); "la trentaine" keeps its space ("la 30", not "la30").
        text = re.sub(rf"\b(?:(?:une?|a|an)\s+)?{word}s?\b", str(about), text, flags=re.IGNORECASE)
    if in_words and base in WORDS_READ:
        text = alpha2digit(HYPHEN_UNIT.sub(" ", text), base, threshold=2)
    scales = scale_words(base)
    found: list[Figure] = []
    position = 0
    while (match := FIGURE.search(text, position)) is not None:
        position = match.end("digits")
        digits = read_digits(match["digits"].replace("\u00a0", " ").replace("\u202f", " "), base)
        if digits is None:
            continue
        if match["fraction"]:
            digits += FRACTIONS[match["fraction"]]
        end = match.end("percent") if match["percent"] else match.end("fraction") if match["fraction"] else match.end("digits")
        scale = match["scale"]
        # "17 to 18 billion": the end of a range gives its start its scale (text2num writes "billion" 1000000000);
        # not "from 2000 to £12m", whose start is larger.
        shared = None if match["percent"] else SHARED_SCALE.match(text, end)
        until = read_digits(shared["end"], base) if shared is not None else None
        if shared is not None and until is not None and digits <= until:
            if shared["power"]:
                digits *= Decimal(shared["power"])
            elif normalize(shared["scale"]) in scales:
                scale = shared["scale"]
        # "400m from", "100 m nage libre", "474m2" are metres; "$45m" is millions only
        metres = digits if scale == "m" and not re.match(r"[-\u2212]?[$€£¥]", match.group()) else None
        if scale is not None and not match["percent"] and normalize(scale) in scales:
            digits = digits.scaleb(scales[normalize(scale)])
            end = match.end()
        # text2num writes "200 millions" as "200 1000000": the power of ten scales the figure before it.
        following = text[end:]
        power = re.match(r"\s(\d+)", following)
        if power is not None and POWER_OF_TEN.match(power[1]) and not match["percent"]:
            digits *= Decimal(power[1])
            end += power.end()
        position = end
        value = float(-digits if match["sign"] else digits)
        after = " ".join(normalize(text[end : end + 60]).split()[:4])
        found.append(Figure(value, bool(match["percent"]), after))
        if metres is not None:
            found.append(Figure(float(metres), False, after))
        if match["sign"]:  # "-3,8%" asked with its minus sign in sight: the blank is 3.8
            found.append(Figure(-value, bool(match["percent"]), after))
        found += [Figure(float(other), False, after) for other in _also_read(text, match.end("digits"), digits, scales)]
    return found


def _also_read(text: str, end: int, digits: Decimal, scales: dict[str, int]) -> list[Decimal]:
    """What else the number ending at `end` states, as `quizgen draft` reads it: "deux mois et demi" is 2.5 months,
    "5 euros 20" and "39€50" are 5.20 and 39.50 euros, the 550 of "de 550 à 600 000" is 550 000, the 31 of "a baissé
    de 31 à 14 millions" is 31 million (a small start takes its end's scale, whichever is larger)."""
    also = []
    shared = SHARED_SCALE.match(text, end) if digits < 1000 else None
    if shared is not None and shared["power"]:  # text2num writes "millions" 1000000
        also.append(digits * Decimal(shared["power"]))
    elif shared is not None and shared["scale"] and normalize(shared["scale"]) in scales:
        also.append(digits.scaleb(scales[normalize(shared["scale"])]))
    if HALF.match(text, end):
        also.append(digits + Decimal("0.5"))
    cents = CENTS.match(text, end)
    if cents:
        also.append(digits + Decimal(cents["cents"]) / 100)
    thousands = THOUSANDS_END.match(text, end)
    if thousands and digits < 1000:
        until = Decimal(thousands["end"].replace(" ", "").replace("\u00a0", "").replace("\u202f", ""))
        if until % 1000 == 0 and digits * 1000 <= until * 2:
            also.append(digits * 1000)
    return also


def spelled(value: float) -> str:
    """A figure as messages show it: 200 000 000, 3.5, 49."""
    if value == int(value) and abs(value) < 1e15:
        return f"{value:,.0f}".replace(",", " ")
    return f"{value:g}"


def states(text: str, lang: str, low: float, high: float, unit: str | None = None) -> bool:
    """Whether `text` states a figure from `low` to `high` (followed by `unit`'s first word, when one is given)."""
    wanted = normalize(unit).split()[:1] if unit else []
    for figure in figures(text, lang):
        if not low <= figure.value <= high:
            continue
        if not wanted or wanted[0] in figure.after.split()[:3] or (figure.percent and "%" in (unit or "")):
            return True
    return False

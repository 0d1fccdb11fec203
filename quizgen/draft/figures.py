"""Pass 5, figures: each number with its qualifier ("plus de", "une cinquantaine", "about"), its scale,
currency, percent sign or noun, and the tolerance its wording allows."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from . import figure_patterns as patterns
from .figure_excerpts import excerpt_of, figure_tags
from .lexicon import (
    ABOUT,
    CURRENCY_SYMBOLS,
    CURRENCY_SYMBOLS_EN,
    DAYS,
    DETERMINERS,
    LEADING_ADJECTIVES,
    MEASURES,
    MONTH_ABBREVIATIONS,
    MONTHS,
    PLURAL_ALWAYS,
    QUALIFIERS,
    SCALES,
    STOPWORDS,
    TIME_UNITS,
)
from .numbers import Numeral, clean_number, find_numbers
from .people import People
from .records import Figure, FigureKind, Number, Person, Quotation
from .sentences import Scan
from .text import ENDERS, Span


@dataclass(frozen=True)
class _RawFigure:
    """A figure as read in its block, before its excerpt, tolerance and tags."""

    value: Number
    unit: str
    kind: FigureKind
    qualifier: str
    start: int
    end: int
    blank: Span
    """What the question hides, in the article."""
    ranged: bool = False
    """The first end of a range, which runs on to the second's noun: the second is read after it, a figure too."""
    scale: int = 0
    """The power of ten of the scale word the article writes the figure with: 6 for "15,4 millions d’euros"."""


def find_figures(
    text: str,
    scans: list[Scan],
    lang: str,
    people: People,
    persons: list[Person],
    quotations: list[Quotation],
    focus_after: dict[int, int | None],
) -> list[Figure]:
    """The figures of the article, in article order, each with its excerpt, tolerance and tags."""
    reader = _FigureReader(text, lang)
    body: list[tuple[_RawFigure, Scan]] = []
    headings: list[tuple[_RawFigure, Scan]] = []
    for scan in scans:
        for raw in reader.read(scan.block.start, scan.block.end):
            (headings if scan.block.heading else body).append((raw, scan))
    values = {raw.value for raw, _ in body}
    # A heading repeats a figure of the text ("200 millions investis en France"): one question, from the text.
    kept = body + [(raw, scan) for raw, scan in headings if raw.value not in values and (raw.unit or raw.kind == "year")]
    figures = []
    by_start = {quotation.position: quotation for quotation in quotations}
    # The organisations by their first word, longest first: "Cisco France" is not also "Cisco".
    organisations: dict[str, list[str]] = {}
    for organisation in sorted({p.organisation for p in persons if p.organisation}, key=lambda o: (-len(o), o)):
        organisations.setdefault(organisation.split()[0], []).append(organisation)
    by_name = {person.name: person for person in persons}
    same: set[tuple[object, ...]] = set()
    for raw, scan in sorted(kept, key=lambda item: item[0].start):
        index = scan.sentence_at(raw.start)
        sentence = scan.sentences[index]
        # The length first: a demonstrative is looked for only in a sentence short enough to take the one before.
        previous = scan.sentences[index - 1] if index > 0 else None
        if (
            previous is not None
            and sentence[1] - previous[0] <= 2 * patterns.EXCERPT_LIMIT
            and (
                patterns.ANAPHOR.match(text, sentence[0])
                or patterns.FRAGMENT.match(text, sentence[0])
                or patterns.DEMONSTRATIVE.search(text, sentence[0], raw.start)
                # "L’université accueille plus de 30 000 étudiants": which one, the sentence before says
                or (
                    not patterns.NAMED.search(text, sentence[0] + 1, sentence[1])
                    and patterns.NAMED.search(text, previous[0] + 1, previous[1])
                )
            )
        ):
            sentence = (previous[0], sentence[1])  # "Il comprend 250 personnes", "ces gendarmes": who, too
        low, high = excerpt_of(text, sentence, (raw.start, raw.end))
        key = (raw.value, raw.unit, raw.kind, " ".join(text[low:high].split()), raw.blank[0] - low, raw.blank[1] - low)
        if key in same:  # a repeated caption or paragraph: the same question, read once
            continue
        same.add(key)
        # The blank leaves "plus de", "about" in sight: the answer is the number the text gives (teachers refused
        # "more than $240" accepting $300). A round number's words ("une cinquantaine", "a dozen") are the blank, and an
        # "about", "près de" says the text does not give it to the unit ("almost 800 entries", later "790"): 5% either way.
        round_words = bool(raw.qualifier) and raw.blank[0] == raw.start
        about = ABOUT[lang].fullmatch(raw.qualifier) is not None
        approximate = (round_words or about) and raw.kind not in ("year", "date", "rank")
        tolerance: int | float | str = "5%" if approximate else 0
        if approximate and raw.kind == "percent":
            # "about 80 per cent": 4 points either way; "within 5%" of a percentage reads as points and misleads.
            tolerance = clean_number(max(0.5, round(abs(float(raw.value)) * 0.05, 1)))
        tags = figure_tags(raw.start, (low, high), sentence[0], scan, people, persons, by_name, by_start, organisations, focus_after)
        figures.append(
            Figure(
                raw.value,
                raw.unit,
                raw.kind,
                text[raw.start : raw.end],
                tolerance,
                text[low:high],
                (raw.blank[0] - low, raw.blank[1] - low),
                raw.start,
                tags,
                scan.block.heading,
                sentence[0],
                raw.scale,
            )
        )
    return figures


class _FigureReader:
    """Reads the figures of one block: each number with what surrounds it."""

    def __init__(self, text: str, lang: str) -> None:
        self.text = text
        self.lang = lang
        # Full names first, then the short forms with their full stop ("Oct. 15", "15 janv.").
        months = "|".join((*MONTHS[lang], *(rf"{short}\.?" for short in MONTH_ABBREVIATIONS[lang])))
        self.month_after = re.compile(rf"(?i)^\s+({months})(?!\w)(?:[\s,]+(\d{{4}})\b)?")
        self.month_before = re.compile(rf"(?i)\b({months})\s+(?:(\d{{1,2}})\s+)?$|\b(\d{{1,2}})\s+({months})\s+$")
        self.qualifier = re.compile(rf"(?i)(?:^|(?<=[\s(«“\"]))({QUALIFIERS[lang]}|~)\s*$")
        # "750 postes"; after a scale or a round number, "de"/"of" may come first ("200 millions d’habitants").
        link = r"(?:de\s+|d[’']\s*)" if lang == "fr" else r"(?:of\s+)?"
        self.noun_after = {False: re.compile(rf"\s+({patterns.NOUN})"), True: re.compile(rf"\s*{link}({patterns.NOUN})")}
        self.currency_after = patterns.CURRENCY_AFTER[lang]
        self.symbols = CURRENCY_SYMBOLS if lang == "fr" else CURRENCY_SYMBOLS_EN

    def read(self, start: int, end: int) -> list[_RawFigure]:
        """The figures of text[start:end]; of numbers that overlap, the first that makes a figure wins."""
        figures: list[_RawFigure] = []
        taken = -1
        for number_start, number_end, number in find_numbers(self.text, start, end, self.lang):
            if number_start < taken:
                continue
            figure = self._figure_at(number_start, number_end, number, start, end)
            if (figure is None or (figure.kind == "count" and not figure.unit)) and figures:
                # "58.000 fermes en 2017 contre environ 100.000 en 2005": the count before, over the year between.
                counted = next(
                    (f for f in reversed(figures[-3:]) if f.kind not in ("year", "date")), figures[-1]
                )  # (the last few only: a long paragraph of figures costs no more)
                figure = self._elliptical(counted, number_start, number_end, number, start, end) or figure
            if figure is not None and figure.kind in ("percent", "amount") and self._signed(number_start, start):
                # "à -15 %", "-3,8%": the blank takes the minus sign, and the answer is negative (a pupil types "-15")
                blank = (number_start - 1, figure.blank[1])
                figure = replace(figure, value=-figure.value, start=min(figure.start, number_start - 1), blank=blank)
            if figure is not None:
                figures.append(figure)
                taken = figure.blank[1] if figure.ranged else figure.end
        return figures

    def _signed(self, number_start: int, block_start: int) -> bool:
        """A minus sign right before the number, not a hyphen ("10-15", "COVID-19") nor a dash between words."""
        at = number_start - 1
        # ("5%-10%", "€5-€10" are ranges: a sign follows a space, a parenthesis or a colon)
        return at >= block_start and self.text[at] in "-\u2212" and (at == block_start or self.text[at - 1] in " \u00a0\t(:")

    def _figure_at(
        self, start: int, end: int, number: Numeral, block_start: int, block_end: int, range_start: bool = True
    ) -> _RawFigure | None:
        """A number with its context, or None when it is not a figure worth a question.

        Kinds: a year (1800-2100, four digits); a date (a day with its month,
        "jeudi 30 juin": the day is asked, the month is its unit); a percentage;
        an amount (a currency, with a scale: "200 millions de dollars",
        "$3.5bn"); a count or a duration (a noun: "750 postes", "quinze ans").
        Not figures: labels ("page 3", "Windows 11"), a number with no noun,
        and vague plurals ("des millions", "dozens of"), which have no number.
        A range's first end takes the second's noun ("entre 27 et 34 minutes"),
        unless `range_start` is False (the second end is being read).
        """
        text = self.text
        # A figure's words are near it: a window keeps each number's reading short, whatever the paragraph's length.
        window_start = max(block_start, start - patterns.BEFORE)
        before, rest = text[window_start:start], text[end : min(block_end, end + patterns.WINDOW)]
        # Patterns anchored at the window's end read only its last characters: each costs the same for any number.
        if (
            patterns.LABELS.search(before[-16:]) or patterns.TIME_BEFORE.fullmatch(before[-2:]) or patterns.TIME_AFTER.match(rest)
        ):  # a label or a time ("10h30")
            return None
        if len(number.digits) <= 2 and patterns.YEAR_SPAN_BEFORE.search(before[-6:]):
            return None  # the "16" of "2015-16", "2012/13": a year's end, no count ("2022-2023" is two years)
        if patterns.RATIO_BEFORE.search(before[-16:]):  # "one in 40 households", "un sur dix": a ratio, not 40 households
            return None
        if patterns.NOT_A_COUNT_AFTER[self.lang].match(rest):
            return None  # "cinq centièmes" (a fraction), "1555 B.C." (an era), "$1 089,68" (digits grouped as no English text does)
        value, round_words = number.value, number.round_words
        if number.digits and self._label_name(before):
            return None
        if not number.digits and patterns.IDIOM_AFTER[self.lang].match(rest):
            return None  # "aux quatre coins de la France": nobody counted the corners
        if not number.digits and patterns.FEW_BEFORE.search(before[-12:]):
            return None  # "a few hundred", "plusieurs milliers": no number is given
        if not number.digits and text[start].isupper() and before.rstrip()[-1:] not in ("", *ENDERS, "«", "»", "“", "”", '"', ":"):
            return None  # "the Three Rivers Community Rail Partnership": a name
        # An age in apposition: "Mr. Perez, 59, spent", "Rachel Delacour, 37 ans, doit"; the figure starts at the name,
        # so that its excerpt says whose age it is.
        age_after = patterns.AGE_AFTER.match(rest)
        named = patterns.NAME_COMMA.search(before[-30:]) if age_after else None
        if number.digits and named and 1 <= value <= 120 and not number.attached:
            name_start = start - len(before[-30:]) + named.start(1)
            stop = end + len(age_after.group().rstrip(" ,)")) if age_after else end
            return self._raw(value, "ans" if self.lang == "fr" else "years", "age", "", name_start, stop, (start, end))
        if number.digits and not number.attached and 1 <= value <= 120 and patterns.AGE_BEFORE.search(before[-24:]):
            return self._raw(value, "ans" if self.lang == "fr" else "years", "age", "", start, end, (start, end))  # "aged 50"
        hyphen = patterns.HYPHEN_UNIT.match(rest) if self.lang == "en" and not number.attached else None
        if hyphen:  # before the calendar: "a 2000-year-old tree" is no year
            return self._hyphen_unit(hyphen, number, start, end, before)
        if number.attached == "s":  # "the 1970s": a decade, asked by its first year
            decade = len(number.digits) == 4 and 1000 <= value <= 2100 and value % 10 == 0
            return self._raw(value, "", "year", "", start, end, (start, start + 4)) if decade else None
        calendar = self._calendar(start, end, number, before, rest) if number.digits else None
        if calendar is not None:
            return calendar or None
        tail = max(0, len(before) - 6)
        symbol = patterns.SYMBOL_BEFORE.search(before, tail)
        ahead = before[: symbol.start()] if symbol else before  # "under $500": the qualifier is before the symbol
        qualifier_match = self.qualifier.search(ahead)
        qualifier = round_words or (qualifier_match.group(1) if qualifier_match else "")
        figure_start = window_start + len(ahead) if symbol else start
        blank_start = figure_start  # "moins de … minutes": the blank is the number, its qualifier stays in sight
        if qualifier_match and not round_words:
            figure_start = window_start + qualifier_match.start(1)
        attached = patterns.ATTACHED.get(number.attached)
        if attached is not None:  # "13th", "115e", "50pc", "20km", "32C": the ending says what the number is
            ending_kind, ending_unit = attached
            digits_end = end - len(number.attached)  # "38.7C": the blank is the whole number
            ranked = ending_kind == "rank"
            return self._raw(value, ending_unit, ending_kind, "" if ranked else qualifier, figure_start, end, (blank_start, digits_end))
        scale_word = number.attached
        position = end  # where the figure's unit is looked for: after the number and its scale
        if not scale_word:
            scale = patterns.SCALE_AFTER.match(rest)
            # "17 to 18 billion", "entre 2 et 3 millions": the scale of the range's end is the start's too;
            # not "500,000 to 2 million", whose start is written out in full.
            if not scale and value < 1000:
                shared = patterns.SHARED_SCALE.match(rest)
                if shared:
                    scale_word = shared.group(1)
            if not scale:
                scale = patterns.SHORT_SCALE.match(rest)
            if scale:
                scale_word, position = scale.group(1), end + scale.end()
        half = patterns.HALF_BEFORE_UNIT.match(text, position) if self.lang == "en" else None
        if half:  # "two and a half years": the blank is "two and a half"
            value, position = value + 0.5, half.end()
        multiplier = SCALES.get(scale_word.lower(), 1) if scale_word else 1
        amount = clean_number(value * multiplier)
        power = {10**6: 6, 10**9: 9}.get(multiplier, 0)  # the scales a question is asked in (questions.SCALE_WORDS)
        after = text[position : min(block_end, position + patterns.WINDOW)]
        percent = patterns.PERCENT_AFTER.match(after)
        if percent and not scale_word:
            stop = position + percent.end()
            return self._raw(amount, "%", "percent", qualifier, figure_start, stop, (blank_start, stop))
        currency = self.currency_after.match(after)
        if currency and (scale_word or not currency.group(1)):
            unit = self.symbols.get(currency.group(2).lower(), currency.group(2))
            stop = position + currency.end()
            cents = (
                (patterns.CENTS_AFTER.match(text, stop) or patterns.CENTS_AFTER_SIGN.match(text, stop))
                if self.lang == "fr" and not scale_word
                else None
            )
            if cents:  # "5 euros 20" is 5,20 euros
                amount, stop = clean_number(amount + int(cents.group(1)) / 100), cents.end()
            # "15,4 … millions d’euros": the blank is the number; its scale and currency stay in sight (the label says them too).
            shown = end if power and not number.attached else stop
            return self._raw(amount, unit, "amount", qualifier, figure_start, stop, (blank_start, shown), power)
        if symbol:
            unit = self.symbols["".join(symbol.group(1).split()).lower()]
            shown = end if power and not number.attached else position  # "$… million"
            return self._raw(amount, unit, "amount", qualifier, figure_start, position, (blank_start, shown), power)
        if number.attached:  # "5m" with no currency: metres or millions, nobody can tell, but for a distance's words
            metres = number.attached == "m" and patterns.DISTANCE_AFTER.match(after)
            return self._raw(number.value, "m", "amount", qualifier, figure_start, end, (blank_start, end - 1)) if metres else None
        noun = self._noun(after, bool(scale_word or round_words), amount >= 2)
        # "16 for and 45 against", "deux contre et trois abstentions": votes, when the article is counting them
        if (
            noun is None
            and amount >= 2
            and patterns.VOTE_AFTER[self.lang].match(after)
            and patterns.VOTING.search(text, max(block_start, start - patterns.WINDOW), start)
        ):
            unit = "votes" if self.lang == "en" else "voix"
            return self._raw(amount, unit, "count", qualifier, figure_start, position, (blank_start, position))
        if noun is None:
            ranged = None
            hyphened = rest[:1] in "-–"  # "environ 35-40 inscrits": the qualifier is the range's
            if range_start and (not qualifier or hyphened) and position == end:
                ranged = self._range_start(start, end, amount, bool(scale_word), before, rest, block_start, block_end)
                if ranged is None and number.digits and not scale_word:
                    ranged = self._listed(start, end, amount, before, rest, block_start, block_end)
                if ranged is None and not scale_word:
                    ranged = self._part_of(start, end, amount, rest, block_start, block_end)
            if ranged is None and self._bare(number, amount, before, after):
                # "turnout was 1167", "visitor numbers hit 25,000": the noun is before; the excerpt shows it.
                return self._raw(amount, "", "count", qualifier, figure_start, position, (blank_start, position), power)
            return ranged
        unit, noun_end = noun
        demi = patterns.HALF_AFTER_UNIT.match(after, noun_end) if self.lang == "fr" else None
        if demi:  # "deux mois et demi": the blank is all three words, the unit is asked in the label
            amount, noun_end = clean_number(amount + 0.5), demi.end()
        head = unit.split()[0]
        # "16 h" is a time of day, "m" metres or millions; "20 Minutes", "7 Jours" are titles, not durations.
        # French writes millions "M": "100 m nage libre", "753 000 t" are metres and tonnes; "q/ha" is a rate
        metric = (self.lang == "fr" and head in ("m", "t")) or "/" in head
        if (len(head) == 1 and not metric) or (head.lower() in TIME_UNITS and head[0].isupper() and not head.isupper()):
            return None
        kind: FigureKind = "duration" if head.lower() in TIME_UNITS else "count"
        if unit.endswith("²") or head.lower() in ("sq", "square") or metric:
            kind = "amount"  # a surface is asked "in m²", as "20km" is, not "how many"
        if self.lang == "fr" and head.lower() in ("heure", "heures") and patterns.AT_BEFORE.search(before[-16:]):
            return None  # "à 2 heures du matin": a time of day
        if (
            kind == "duration"
            and head.lower() == "ans"
            and 15 <= amount <= 110
            and patterns.AGE_OF.search(before[-20:])
            and not patterns.OF_WHAT.match(after, noun_end)
        ):
            kind = "age"  # "le slalomeur de 23 ans", "l’Espagnole de 22 ans"; not "une peine de 20 ans de prison"
        if kind == "count" and amount in (0, 1):
            return None  # "1 victoire", "no 1 mondiale", "a 3-0 win": nobody asks how many when it is one or none
        blank_end = position + noun_end if demi else position if ((scale_word and not power) or round_words or half) else end
        return self._raw(amount, unit, kind, qualifier, figure_start, position + noun_end, (blank_start, blank_end), power)

    def _bare(self, number: Numeral, amount: Number, before: str, after: str) -> bool:
        """A number whose noun came before it: digits (10 or more, or a decimal) after a verb or preposition that states
        a quantity ("hit", "was", "of", "atteint", "contre"), and then no word of its own."""
        if not number.digits or number.attached or (amount < 10 and amount == int(amount)):
            return False
        if not patterns.BARE_BEFORE[self.lang].search(before[-24:]):
            return False
        follows = patterns.NEXT_WORD.match(after)
        return follows is None or follows.group(1).lower() in STOPWORDS[self.lang] | patterns.COMPARING

    def _hyphen_unit(self, hyphen: re.Match[str], number: Numeral, start: int, end: int, before: str) -> _RawFigure:
        """ "a six-year mission", "a 10-day trip": a duration; "the 19-year-old American": an age, in years; "a 100-bed
        shortfall": a count of beds."""
        unit, old = hyphen.group(1), hyphen.group(2)
        measure = unit in ("mile", "metre", "meter", "acre")  # "a six-mile walk" is asked "in miles", as "20km" is
        kind: FigureKind = "age" if old and unit == "year" else "duration" if unit in TIME_UNITS else "amount" if measure else "count"
        qualifier_match = self.qualifier.search(before)
        qualifier = number.round_words or (qualifier_match.group(1) if qualifier_match else "")
        figure_start = start - len(before) + qualifier_match.start(1) if qualifier_match else start
        return self._raw(number.value, f"{unit}s", kind, qualifier, figure_start, end + hyphen.end(), (start, end))

    def _range_start(
        self, start: int, end: int, amount: Number, scaled: bool, before: str, rest: str, block_start: int, block_end: int
    ) -> _RawFigure | None:
        """The first end of a range, with the unit and kind of the second: "entre 27 et 34 minutes" is 27 minutes too.

        Only numbers stand between the two, and the second is read as a figure on
        its own: "les 3 et 4 juillet" are dates, "de 14 à 18 heures" times of day.
        """
        opener = patterns.RANGE_OPENER[self.lang].search(before, max(0, len(before) - 12))
        joint = patterns.RANGE_END.match(rest)
        if not joint:
            return None
        # "28 et 29 ans", "40 ou 50 millimètres": two figures of one noun, no opener needed.
        word = (joint.group(1) or "to").lower()  # "35-40 inscrits", "10-15 minutes": a hyphen reads "to"
        # ("between 15 to 20 years" mixes the two openers' joints, and means the same)
        ranged = opener is not None and (
            word == patterns.RANGE_JOINT[opener.group(1).lower()] or (opener.group(1).lower(), word) == ("between", "to")
        )
        # Two figures of one noun: "40 ou 50 millimètres", "2 or 3 times"; "de 28 et 29 ans" (an opener, then "et");
        # not "He was 30 and 5 people died".
        # "six to eight weeks", "4 à 5 ans", "25 to 80 bushels": a duration, a share or a rise is a range without an opener.
        bare = not ranged and opener is None and word in ("to", "à")
        if not ranged and not bare and not (word in ("ou", "or") or (opener is not None and word in ("et", "and"))):
            return None
        second_start = end + joint.end()
        found = find_numbers(self.text, second_start, min(block_end, second_start + patterns.RANGE_REACH), self.lang)
        at = next(((high, numeral) for low, high, numeral in found if low == second_start), None)
        if at is None:
            return None
        second_end, number = at
        second = self._figure_at(second_start, second_end, number, block_start, block_end, range_start=False)
        if second is None or second.kind not in ("count", "duration", "percent", "amount") or second.qualifier:
            return None
        if bare and second.kind not in ("duration", "percent") and not amount < second.value:
            return None  # "25 to 80 bushels" rises: a range; "gave 5 to 3 people", "gagne 3 à 0" do not
        # "between two and three million people": the second's scale is not the first's unless the first shares it.
        if not scaled and second.value != number.value:
            return None
        if (ranged or bare) and amount < 1000 <= second.value and second.value % 1000 == 0 and second.value <= amount * 1000 * 2:
            amount = amount * 1000  # "de 550 à 600 000 visiteurs": 550 000
        if self.lang == "fr" and second.unit.lower() in ("heure", "heures"):
            return None
        figure_start = start - len(before) + opener.start(1) if opener and ranged else start
        return _RawFigure(amount, second.unit, second.kind, "", figure_start, second.end, (start, end), ranged=True)

    def _listed(self, start: int, end: int, amount: Number, before: str, rest: str, block_start: int, block_end: int) -> _RawFigure | None:
        """A number of a list that ends on the list's noun: "4.000, 6.000 et 8.000 litres", "2, 5 and 9 km": each one is
        that many litres. Only a list: commas between its numbers (not "He was 30 and 5 people died")."""
        listed = patterns.LIST_AFTER[self.lang].match(rest)
        if listed is None or not (listed.group(1) or patterns.LIST_BEFORE[self.lang].search(before)):
            return None
        return self._noun_of_next(start, end, end + listed.end(), amount, block_start, block_end)

    def _part_of(self, start: int, end: int, amount: Number, rest: str, block_start: int, block_end: int) -> _RawFigure | None:
        """A part counted out of a whole that says its noun: "29 of its 44 libraries", "seven of the 50 trusts",
        "17 sur les 580 trajets": that many libraries."""
        part = patterns.PART_OF[self.lang].match(rest) if amount not in (0, 1) else None  # "one of the 50": no count
        return self._noun_of_next(start, end, end + part.end(), amount, block_start, block_end) if part else None

    def _noun_of_next(self, start: int, end: int, last_start: int, amount: Number, block_start: int, block_end: int) -> _RawFigure | None:
        """The number at `last_start` read as a figure, and this one (text[start:end]) as that many of its noun."""
        found = find_numbers(self.text, last_start, min(block_end, last_start + patterns.RANGE_REACH), self.lang)
        at = next(((high, numeral) for low, high, numeral in found if low == last_start and numeral.digits), None)
        if at is None:
            return None
        last = self._figure_at(last_start, at[0], at[1], block_start, block_end, range_start=False)
        if last is None or last.kind not in ("count", "duration", "percent", "amount") or last.qualifier or last.scale:
            return None
        return self._raw(amount, last.unit, last.kind, "", start, end, (start, end))

    def _elliptical(
        self, previous: _RawFigure, start: int, end: int, number: Numeral, block_start: int, block_end: int
    ) -> _RawFigure | None:
        """A number that leaves out the noun of the count just before it: "21 élèves, contre 28 cette année", "273 jobs in
        Trowbridge and a further 12 at": the same noun, when only a comparison's words stand between the two."""
        if previous.kind not in ("count", "duration") or number.attached or number.value == 1 or not number.digits:
            return None
        between = self.text[previous.end : start]
        if (
            len(between) > patterns.ELLIPSIS_REACH
            or not patterns.ELLIPSIS_JOINT[self.lang].search(between)
            or any(c in between for c in ENDERS + ";")
        ):
            return None
        after = self.text[end : min(block_end, end + patterns.WINDOW)]
        follows = patterns.NEXT_WORD.match(after)
        word = follows.group(1).lower() if follows else ""
        if follows and word not in STOPWORDS[self.lang] and word not in DAYS and not patterns.ELIDED.match(word):
            return None  # a noun of its own, which `_figure_at` did not take: not this count's
        if not follows and not re.match(r"\s*(?:[,.;:)»”]|$)", after):
            return None
        before = self.text[max(block_start, start - patterns.BEFORE) : start]
        found = self.qualifier.search(before)
        figure_start = start - len(before) + found.start(1) if found else start
        qualifier = found.group(1) if found else ""
        return self._raw(number.value, previous.unit, previous.kind, qualifier, figure_start, end, (start, end))

    def _raw(
        self, value: Number, unit: str, kind: FigureKind, qualifier: str, start: int, end: int, blank: Span, scale: int = 0
    ) -> _RawFigure:
        return _RawFigure(value, unit, kind, " ".join(qualifier.split()), start, end, blank, scale=scale)

    def _calendar(self, start: int, end: int, number: Numeral, before: str, rest: str) -> _RawFigure | Literal[False] | None:
        """A year or a day of a month; False for a day whose year is the figure ("30 juin 2016"); None for neither."""
        value, plain = number.value, number.digits
        if len(plain) == 4 and 1800 <= value <= 2100 and not patterns.QUANTITY_AFTER.match(rest):
            month = self.month_before.search(before)
            return _RawFigure(value, "", "year", "", start - len(month.group()) if month else start, end, (start, end))
        if not (len(plain) <= 2 and 1 <= value <= 31):
            return None
        date = self.month_after.match(rest)
        if date:
            return False if date.group(2) else _RawFigure(value, date.group(1).lower(), "date", "", start, end + date.end(), (start, end))
        month = self.month_before.search(before)
        if month and month.group(1) and not month.group(2):  # "June 12" ("June 12, 2016": the year is the figure)
            if patterns.YEAR_AFTER.match(rest):
                return False
            return _RawFigure(value, month.group(1).capitalize(), "date", "", start - len(month.group()), end, (start, end))
        return None

    def _label_name(self, before: str) -> bool:
        """ "Windows 11", "Python 3": a number right after a capitalised word that does not start the sentence."""
        found = patterns.WORD_BEFORE.search(before, max(0, len(before) - 30))
        if not found or not found.group(1)[:1].isupper():
            return False
        word = found.group(1).lower()
        if word in MONTHS[self.lang] or word in DAYS:
            return False
        preceding = before[: found.start()].rstrip()
        return bool(preceding) and preceding[-1] not in ENDERS + '«“"(:'

    def _noun(self, after: str, needs_de: bool, many: bool) -> tuple[str, int] | None:
        """The noun a count is of, and where it ends: "750 postes", "une cinquantaine de start-up", "5 centres R&D", "3 new stores".

        A function word between the number and a unit of time is a slip in the
        article's word order ("quinze après ans"): the unit is still read; not a
        determiner ("28 cette année" counts no years). With `many` (two or more),
        the noun has a plural's ending or counts without one ("300 people"): an
        adjective or a verb is no unit ("6-3 face à", "1ère mondiale"); in
        English, the head noun of a compound may come two words later ("5 career
        titles", "six giant panda cubs").
        """
        stop = STOPWORDS[self.lang]
        rate = patterns.RATE_UNIT.match(after)
        if rate:  # "61 q/ha", "9 t/ha", "130 km/h": a rate, its unit in two parts
            return rate.group(1), rate.end()
        dotted = patterns.DOTTED.match(after)  # "42 U.S. states": the initials are the noun's first word
        found = (patterns.NEXT_WORD if dotted else self.noun_after[needs_de]).match(after, dotted.end() if dotted else 0)
        if not found:
            return None
        noun, end = found.group(1), found.end()
        if dotted:
            return (f"{dotted.group(1)} {noun}", end) if not many or self._plural(noun) else None
        if patterns.ELIDED.match(noun):
            return None  # "30 000 qu’on", "5 l’an": an elided function word, no noun
        squared = patterns.SQUARED.match(after, end)
        if squared:  # "220 m2", "225,000 sq ft", "10,000 square feet": a surface, its unit written in two parts
            return f"{noun} {squared.group(1)}" if squared.group(1) else f"{noun}²", squared.end()
        if self.lang == "fr" and noun in ("m", "t"):
            return noun, end  # metres or tonnes, not the elided "m’", "t’" (read as one word with their verb)
        if self.lang == "en":
            # "five new stores"; "the nine most serious cases": a superlative's two words come before the noun too
            while noun.lower() in LEADING_ADJECTIVES or noun.lower() in ("most", "least"):
                skip = 2 if noun.lower() in ("most", "least") else 1
                for _ in range(skip):
                    more = patterns.NEXT_WORD.match(after, end)
                    if not more:
                        return None
                    noun, end = more.group(1), more.end()
        elif noun.lower() in LEADING_ADJECTIVES:
            more = patterns.NEXT_WORD.match(after, end)
            if more and more.group(1).lower() not in stop:
                noun, end = f"{noun} {more.group(1)}", more.end()
        if noun.lower() in stop or noun.lower() in DAYS:
            slip = patterns.NEXT_WORD.match(after, end)
            # ("an" is French: "1167 of an electorate" is no duration)
            if (
                slip
                and noun.lower() not in DETERMINERS
                and slip.group(1).lower() in TIME_UNITS
                and (self.lang, slip.group(1)) != ("en", "an")
            ):
                return slip.group(1), slip.end()
            return None
        if many and noun.split()[-1].lower() not in TIME_UNITS and not self._plural(noun.split()[-1]):
            if self.lang != "en":
                return None
            for _ in range(2):
                more = patterns.NEXT_WORD.match(after, end)
                if not more or more.group(1).lower() in stop:
                    return None
                noun, end = f"{noun} {more.group(1)}", more.end()
                if self._plural(more.group(1), symbol=False):
                    break
            else:
                return None
        acronym = patterns.ACRONYM.match(after, end)
        if acronym and len(acronym.group(1)) > 1:
            noun, end = f"{noun} {acronym.group(1)}", acronym.end()
        return noun, end

    def _plural(self, word: str, symbol: bool = True) -> bool:
        """A plural's ending ("titles", "élèves", "chevaux"), a noun that counts without one, or (with `symbol`, right
        after the number) a unit's symbol ("kg"; not "pay" in "22 million customer pay")."""
        lower = word.lower()
        if lower in PLURAL_ALWAYS or lower.rsplit("-", 1)[-1] in MEASURES or (symbol and len(lower) <= 3):
            return True
        if self.lang == "en":
            return lower.endswith("s") and not lower.endswith(("ss", "us", "is"))
        return lower[-1] in "sxz" or "-" in lower  # "start-up" is often left as it is

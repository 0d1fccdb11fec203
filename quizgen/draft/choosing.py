"""Which findings are worth a question: what a teacher would keep, from blind reviews of drafts of real articles.

Each rule leaves out questions that are right but that reviewers struck out (docs/draft.md, "Choosing", lists them
with what the reviews said): on quotations (none nobody is named for, no cloze, one "who said" a speaker, two an
article, only with two speakers quoted), on figures (one a sentence, a handful an article, two of a unit, none a
reader would mix up, none that does not read alone or that another question or the headline prints, no age, day,
rank, year, round number, list, range end, clause or dateline) and on people (no "who is"). `quizgen draft --all`
skips them all. Pure functions of the findings.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from ..model import slugify
from . import figure_patterns as patterns
from .lexicon import DAYS, MONTH_NAMES, PRONOUN_CLAUSE, SCALES
from .numbers import find_numbers
from .records import Figure, Findings, Person, Quotation

PER_SPEAKER = 1
"""Who-said questions on one speaker at most: a pupil who gives the same name three times learns nothing new."""
MOST_WHO = 2
"""Who-said questions of an article at most: the third of three with the same four names is answered by elimination."""
LEAST_WORDS = 4
"""Words a quotation needs for a who-said question: "C’est assez irréel" could be anyone's."""
LEAST_FRAGMENT_WORDS = 8
"""Words a fragment quoted in the writer's sentence needs: "in at least five years" means nothing on its own."""
LEAST_EXCERPT_WORDS = 5
"""Words a figure's excerpt needs: a dateline ("Sep 6, 2012") says nothing about the figure."""
TITLE_WORDS = 8
"""Words of a title at most ("Tous les hommes n’habitent pas le monde de la même façon")."""
_TITLE_BEFORE = re.compile(
    r"(?i)\b(?:exposition|exhibition|film|livre|book|roman|novel|album|spectacle|show|pièce|play|série|series|chanson|song"
    r"|opéra|opera|émission|programme|intitulée?s?|titled|entitled|called|baptisée?s?|nommée?s?|named"
    r"|liste|list|parti|party|mouvement|movement|campagne|campaign|slogan|opération|dispositif|label)\b[^.!?]{0,20}$"
)
_NAME_AFTER = re.compile(r"(?i)(?:\b(?:de|du|chez|of|at|from)|\bd[’'])\s*[«“\"‘']?\s*$")
"""A preposition right before the quotation marks: "gérant de « Sur le trottoir d’en face »" names a shop."""
_ENDS_A_SENTENCE = re.compile(r"[.!?…][\"»”’')]*\s*$")
_NUMBER_WORD = (
    r"(?:\d|\b(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|trente|quarante|cinquante"
    r"|soixante|cent|two|three|four|five|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty"
    r"|hundred)\b)"
)
_RANGE_BEFORE = re.compile(rf"{_NUMBER_WORD}\s*(?:-|–|à|et|ou|to|and|or)\s*$", re.IGNORECASE)
_RANGE_AFTER = re.compile(rf"\s*(?:-|–|à|et|ou|to|and|or)\s*{_NUMBER_WORD}", re.IGNORECASE)
_NUMBER = re.compile(r"\d+(?:[.,\s\u00a0\u202f]\d+)*")
_FREQUENCY = re.compile(
    r"(?i)\s*[^\W\d_]*\s+(?:par|per|a|an|sur|every|each|chaque)\s+(?:semaine|mois|an|année|jour|week|month|year|day|24)\b"
)
UNASKED = ("date", "age", "rank", "year")
"""Kinds of figure asked only with `--all`: a day, an age, a rank ("élèves de 5e"), a year (teachers kept 2 of the last 7
years: "the year of the sting is a peripheral date")."""
_RESPECTIVELY = re.compile(r"(?i)\brespective(?:ly|ment)\b")
_PRONOUN = {
    # "on" is someone ("L’an dernier on a fait 7.000 festivaliers"), except in "on compte", "on estime" (there are)
    "fr": re.compile(rf"\b(?:il{patterns.IMPERSONAL}|elle|ils|elles|lui|on(?!\s+(?:compte|dénombre|recense|estime|note|constate)\b))\b"),
    "en": re.compile(r"\b(?:he|she|him|his|her|they|them|their)\b"),
}
_ITEM = r"[^\W\d_]+(?:\s+[^\W\d_]+)?"
_ENUMERATION = re.compile(rf"\b{_ITEM}(?:,\s+{_ITEM})+,?\s+(?:and|et)\s+{_ITEM}")
_CAPITALISED = re.compile(r"(?<![\w-])[A-ZÀ-Ý][\w’'&-]*")
_CALENDAR = frozenset(MONTH_NAMES) | frozenset(DAYS)
_WHERE = re.compile(
    r"\s*(?i:km|kilomètres?|kilometres?|kilometers?|miles?)\s+(?i:de\s+|d[’']|du\s+|from\s+|away\s+from\s+|outside\s+"
    r"|(?:north|south|east|west)\s+of\s+|au\s+(?:nord|sud)\s+de\s+|à\s+l[’'](?:est|ouest)\s+de\s+)[A-ZÀ-Ý]"
)
"""After a distance's blank, a place it is from ("d’Amiens", "from Leeds"; not "de pistes cyclables"): the article
says where something is, a detail no teacher asks."""
_RELATIVE = re.compile(r"(?i)\s*[^\W\d_]*\s*(?:plus\s+tard|auparavant|plus\s+tôt|later|earlier|before|after)\b")
"""After a duration's blank, the time it counts from: "… ans plus tard", "… years later", said of an earlier sentence."""
LISTED = 12
"""Counts up to which a list in the excerpt gives the answer away: "three sold-out days (Monday, Friday and Saturday)"."""
SIGNIFICANT = 4
"""Significant digits of a figure at most: "79 818 560 €" to the euro is memorisation, not understanding."""
OTHER_NUMBERS = 2
"""Numbers besides the blank an excerpt may show: more make a reading puzzle ("1167 of 5672 … a reduction of 1,829")."""
PER_DURATION = 1
"""Questions on a duration at most: "three-day festival", "ten-week run", "two decades" were struck out as trivia."""
LIST = 3
"""Figures of one unit in a sentence that make it a list."""
PER_UNIT = 2
"""Figure questions of one unit at most (two percentages, two amounts in euros)."""
MOST_FIGURES = 3
WORDS_PER_FIGURE = 60
"""Figure questions of an article at most: one for every 60 words, three at least (teachers struck out the fifth
price of a list of lamb sales)."""
KIND_ORDER = ("amount", "percent", "count", "duration", "age", "rank", "date", "year")
"""Which figure first: of one sentence's, the one asked; of an article's, the first kept when there are too many."""


@dataclass(frozen=True)
class Choice:
    """The quotations asked "who said" and made clozes (by position), the figures and the people whose role is asked."""

    who: frozenset[int]
    cloze: frozenset[int]
    figures: tuple[Figure, ...]
    roles: tuple[Person, ...]


def everything(findings: Findings) -> Choice:
    """Every question the findings can make (`--all`)."""
    quotations = findings.quotations
    return Choice(
        frozenset(q.position for q in quotations if q.asked_speaker and not _titled(q)),  # a title is nobody's words
        frozenset(q.position for q in quotations if q.cloze),
        findings.figures,
        findings.roles,
    )


def choose(findings: Findings) -> Choice:
    """The questions a teacher would keep (module docstring)."""
    who = _who(findings.quotations)
    # No cloze of a quotation: teachers kept 1 in 8, even hiding a name or a figure ("trivially guessable", "a duplicate").
    # A figure of a quotation asked about is in that question already: "who said « … 40 % … »" and "… %" ask one thing.
    asked = [(q.position, q.end) for q in findings.quotations if q.position in who]
    # A figure someone says is asked with who says it: "« … on en prend un tous les … ans », conclut-elle" names nobody.
    figures = [f for f in _figures(findings.figures, findings.title, findings.language) if _speaker_shown(f, findings.quotations)]
    kept = [f for f in figures if not any(low <= f.position < high for low, high in asked)]
    # A handful of figures an article: the first kinds first (`KIND_ORDER`), then the earliest (a news lead says most).
    most = max(MOST_FIGURES, findings.words // WORDS_PER_FIGURE)
    per_unit: Counter[tuple[str, str]] = Counter()
    per_kind: Counter[str] = Counter()
    ordered: list[Figure] = []
    answered: set[float] = set()
    # What the questions asked so far show: no figure whose answer one of them prints ("over five years" and "a …-year
    # plan"), nor one that prints theirs.
    shown = set().union(*(_values(q.text, findings.language) for q in findings.quotations if q.position in who))
    for figure in sorted(kept, key=lambda f: (_rank(f), f.position)):
        if len(ordered) == most:
            break  # the handful is full: a long text costs no more comparisons
        answers, printed = _answers(figure), _values(figure.excerpt, findings.language)
        if answers & shown or answered & printed:
            continue
        if per_unit[figure.unit, figure.kind] == PER_UNIT:
            continue  # the fourth trust's percentage is rote, not the story
        if figure.kind == "duration" and per_kind["duration"] == PER_DURATION:
            continue
        per_unit[figure.unit, figure.kind] += 1
        per_kind[figure.kind] += 1
        ordered.append(figure)
        answered |= answers
        shown |= printed - answers
    chosen = set(map(id, ordered))
    kept = [f for f in kept if id(f) in chosen]
    # No "who is" by default: teachers kept 5 of 24 ("only asks for a name, with nothing to learn"); `--all` asks them.
    return Choice(who, frozenset(), tuple(kept), ())


def _answers(figure: Figure) -> set[float]:
    """A figure's answer, as written and in its scale ("15,4 millions": 15400000 and 15.4)."""
    return {figure.value, figure.value / 10**figure.scale}


@functools.lru_cache(maxsize=1024)
def _values(text: str, lang: str) -> frozenset[float]:
    """The values of the numbers a text prints, scaled as a reader reads them ("£360k": 360 and 360000)."""
    return frozenset(
        value
        for _, _, numeral in find_numbers(text, 0, len(text), lang)
        for value in (numeral.value, numeral.value * SCALES.get(numeral.attached, 1))
    )


def _speaker_shown(figure: Figure, quotations: tuple[Quotation, ...]) -> bool:
    """A figure outside quotations, or inside one whose speaker its excerpt names."""
    for quotation in quotations:
        if quotation.position <= figure.position < quotation.end:
            speaker = quotation.asked_speaker
            return speaker is not None and any(
                re.search(rf"(?<!\w){re.escape(word)}(?!\w)", figure.excerpt) for word in speaker.split() if len(word) > 1
            )
    return True


def _titled(quotation: Quotation) -> bool:
    """A few words in quotation marks right after a work's noun ("l’exposition", "the novel", "a film called") or a
    preposition ("gérant de « Sur le trottoir d’en face »"): a title or a name."""
    at = quotation.excerpt.find(quotation.text)
    before, words = quotation.excerpt[max(0, at - 40) : at], quotation.text.strip()
    if at <= 0 or _words(words) > TITLE_WORDS:
        return False
    # After a preposition, only what reads as a name: a capital, and no sentence's end ("warned of “a crisis …”" is speech).
    named = words[:1].isupper() and not _ENDS_A_SENTENCE.search(words) and _NAME_AFTER.search(before) is not None
    return named or _TITLE_BEFORE.search(before) is not None


def _words(text: str) -> int:
    return len(re.findall(r"[^\W_]+", text))


def _who(quotations: tuple[Quotation, ...]) -> frozenset[int]:
    """Quotations asked "who said": two speakers quoted at least, each speaker's longest (sentences before fragments),
    `MOST_WHO` of them an article."""
    by_speaker: dict[str, list[Quotation]] = defaultdict(list)
    for quotation in quotations:
        if _titled(quotation):
            continue  # son exposition phare, « Les origines du monde »: a title, nobody's words
        if quotation.asked_speaker and _words(quotation.text) >= (LEAST_FRAGMENT_WORDS if quotation.partial else LEAST_WORDS):
            by_speaker[quotation.asked_speaker].append(quotation)
    if len(by_speaker) < 2:
        return frozenset()  # the only person quoted: "who said" asks nothing a reader could get wrong
    asked: set[int] = set()
    for said in by_speaker.values():
        said.sort(key=lambda q: (q.partial, -min(_words(q.text), 60), q.position))
        # One quotation of an excerpt: two fragments of one sentence are one question's worth.
        one_each = list({q.excerpt: q for q in reversed(said)}.values())
        one_each.sort(key=lambda q: (q.partial, -min(_words(q.text), 60), q.position))
        asked.update(q.position for q in one_each[:PER_SPEAKER])
    # The longest whole sentences first: "C’est un très beau projet" is what anyone there could have said.
    ranked = sorted((q for q in quotations if q.position in asked), key=lambda q: (q.partial, -min(_words(q.text), 60), q.position))
    return frozenset(q.position for q in ranked[:MOST_WHO])


def _close_values(figures: tuple[Figure, ...]) -> set[tuple[str, str, float]]:
    """The (unit, kind, value) of figures another figure of that unit nearly equals (less than a tenth apart): a reader
    recalls one for the other. Each value is compared with its neighbours in order, so a long text costs n log n."""
    by_unit: dict[tuple[str, str], set[float]] = defaultdict(set)
    for figure in figures:
        by_unit[figure.unit, figure.kind].add(figure.value)
    close: set[tuple[str, str, float]] = set()
    for (unit, kind), values in by_unit.items():
        ordered = sorted(values)
        for low, high in itertools.pairwise(ordered):
            if high - low < 0.1 * max(abs(low), abs(high)):
                close |= {(unit, kind, low), (unit, kind, high)}
    return close


def _rank(figure: Figure) -> int:
    """Which of a sentence's figures is asked: by `KIND_ORDER`, a number whose noun came before it last."""
    return KIND_ORDER.index(figure.kind) if figure.unit or figure.kind != "count" else len(KIND_ORDER)


def _alone(figure: Figure, lang: str) -> bool:
    """Whether a figure's excerpt reads on its own: no pronoun or "ces gendarmes" whose noun is elsewhere, no blank in
    parentheses ("(…)", a conversion), no quotation left open, no "respectively", few other numbers, and the answer
    not shown twice ("a 3.6 per cent increase … a 3.6 per cent decrease") nor countable ("five lines: A, B, C, D and E")."""
    excerpt, (low, high) = figure.excerpt, figure.blank
    first = re.match(r".+?(?:[.!?…]+(?=\s)|$)", excerpt, re.S)
    opening = excerpt[: first.end() if first else low]
    if patterns.ANAPHOR.match(excerpt) or patterns.FRAGMENT.match(excerpt) or patterns.DEMONSTRATIVE.search(opening):
        return False  # the excerpt could not take the sentence before: the paragraph starts with it
    clause = PRONOUN_CLAUSE[lang].search(opening)
    if clause and not any(tag.rsplit("-", 1)[-1] in slugify(opening[: clause.start()]).split("-") for tag in figure.tags):
        return False  # "«…» dans une petite ville de … habitants, a-t-il assuré": whose words, the excerpt does not say
    pronoun = _PRONOUN[lang].search(opening)
    if pronoun and not any(word.lower() not in _CALENDAR for word in _CAPITALISED.findall(opening, 1, pronoun.start())):
        return False  # "…services from October 27, he added": nobody named before "he", who is someone elsewhere
    if figure.kind == "count" and figure.value <= LISTED and _ENUMERATION.search(excerpt):
        return False
    if excerpt.rfind("(", 0, low) > excerpt.rfind(")", 0, low) or _RESPECTIVELY.search(excerpt):
        return False
    if excerpt.count("«") != excerpt.count("»") or excerpt.count("“") != excerpt.count("”") or excerpt.count('"') % 2:
        return False
    answer = excerpt[low:high]
    others = _NUMBER.findall(excerpt[:low] + " " + excerpt[high:])
    digits = re.sub(r"\D", "", answer)
    return len(others) <= OTHER_NUMBERS and not (digits and any(re.sub(r"\D", "", number) == digits for number in others))


def _opens_a_sentence(text: str) -> bool:
    """Whether `text` starts as a sentence does: a capital, a digit or a currency, after an opening mark if any."""
    first = text.lstrip("«“\"‘'([ \u00a0")[:1]
    return first.isupper() or first.isdigit() or first in "$€£¥"


def _figures(figures: tuple[Figure, ...], title: str, lang: str) -> tuple[Figure, ...]:
    """One figure per sentence (by `KIND_ORDER`, then the first), each value once; none whose excerpt starts mid-sentence,
    none the headline prints, no end of a range ("400 000 ou …", "10-… minutes"), none a reader cannot read alone."""
    best: dict[int, Figure] = {}
    # "Plans for four houses…", "…cost taxpayers 360k": the headline's values, however written, give those answers away.
    headline = _values(title, lang)
    listed = Counter((figure.sentence, figure.unit, figure.kind) for figure in figures)
    close = _close_values(figures)
    for figure in figures:
        if listed[figure.sentence, figure.unit, figure.kind] >= LIST:
            continue  # "sold for $189, $166, $157 and $150 respectively": a list, not one fact
        if not _opens_a_sentence(figure.excerpt) or _words(figure.excerpt) < LEAST_EXCERPT_WORDS or figure.kind in UNASKED:
            continue  # ", a encore dit le ministre…", "” Ferguson, celebrating", a dateline
        if not _ENDS_A_SENTENCE.search(figure.excerpt):
            continue  # a clause cut from a long sentence: teachers kept 1 of 19
        low, high = figure.blank
        if figure.tolerance and not re.search(r"\d", figure.excerpt[low:high]):
            continue  # "une vingtaine d’…": the blank of a round number reads badly, and it is vague (no teacher kept one)
        if figure.kind == "duration" and _FREQUENCY.match(figure.excerpt, high):
            continue  # "quatre jours par semaine", "three days a week": how often, no duration
        if figure.kind == "count" and figure.value == 2:
            continue  # "the two hospitals", "des deux côtés": the sentence names both
        if _WHERE.match(figure.excerpt, high) or (figure.kind == "duration" and _RELATIVE.match(figure.excerpt, high)):
            continue  # "à 20 kilomètres d’Amiens" says where, not what happened; "… ans plus tard" is later than what?
        if not _alone(figure, lang) or len(re.sub(r"\D", "", str(figure.value)).strip("0")) > SIGNIFICANT:
            continue
        number = re.sub(r"\D", "", figure.excerpt[low:high])
        if number and re.search(rf"(?<!\d){number}(?!\d)", re.sub(r"(?<=\d)[\s\u00a0\u202f.,](?=\d{{3}})", "", title)):
            continue  # the answer is in the deck's title
        if _answers(figure) & headline:
            continue
        if _RANGE_BEFORE.search(figure.excerpt, 0, low) or _RANGE_AFTER.match(figure.excerpt, high):
            continue
        if (figure.unit, figure.kind, figure.value) in close:
            continue  # "more than 400 pups" and "440 pups", "818 drivers" and "about 820": an answer would be marked wrong
        held = best.get(figure.sentence)
        if held is None or _rank(figure) < _rank(held):
            best[figure.sentence] = figure
    seen: set[tuple[object, ...]] = set()
    chosen = []
    for figure in sorted(best.values(), key=lambda f: f.position):
        key = (figure.value, figure.unit, figure.kind)
        if key not in seen:
            seen.add(key)
            chosen.append(figure)
    return tuple(chosen)

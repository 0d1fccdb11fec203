"""`quizgen draft`: a draft bank from a plain-text article, by rules alone (no model, nothing downloaded).

The article is read in five passes, each a small set of rules over the text:

1. Layout. Lines (or hard-wrapped paragraphs) are blocks; page chrome is
   dropped: consent banners, buttons, menus, "2 semaines ago" lines, and
   everything from a "Recent Posts" or "À lire aussi" line on. A block without
   final punctuation is a heading.
2. Sentences and quotations, in one scan per block that keeps a stack of open
   quotation marks, so that « ... « ... » ... » nests and the full stops inside a
   quotation do not end the sentence around it. Straight "..." pair up by
   position. A quoted run of fewer than four words with no final punctuation
   is a term (the "smart city"), not a quotation.
3. People: two or more capitalised words starting with a known first name, a
   title (M., Mme, Mr, Dr) or carrying a role in apposition ("X, patron du
   MEDEF", "Cofondateur de Wikipedia, X"). Spellings of one person are merged
   (same first name, surnames one edit apart: "Jay Carner" is "Jay Carney"),
   and the person is shown under the spelling used most, then the one in a
   heading, then the first.
4. Attribution, in a walk through the article that keeps the person in focus
   (see `_attribute`).
5. Figures: a number with its qualifier ("plus de", "une cinquantaine",
   "about"), scale, currency, percent sign or noun (see `_figure_at`).

`extract` returns these findings as frozen records; `draft_bank` renders them as
the YAML of a bank; `write_draft` is the only function that touches files.
"""

from __future__ import annotations

import os
import re
import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from .errors import QuizgenError, count
from .files import read_text, write_atomic
from .model import slugify

LANGUAGES = ("fr", "en")
Attribution = Literal["named", "role", "following", "pronoun", "context"]
FigureKind = Literal["amount", "percent", "count", "duration", "date", "year"]
Number = int | float


class DraftError(QuizgenError):
    """An article that gives nothing to draft, or an output that must not be overwritten."""


# Records


@dataclass(frozen=True)
class Person:
    """Someone the article names, under one spelling, with the role it gives them if any."""

    name: str
    role: str | None = None
    organisation: str | None = None
    excerpt: str | None = None
    """Where the role is given, verbatim: "Pierre Gattaz, le patron du MEDEF"."""
    variants: tuple[str, ...] = ()
    """Other spellings of the name in the article ("Jay Carner")."""
    position: int = 0
    """Offset of the role's excerpt (or of the first mention) in the article."""


@dataclass(frozen=True)
class Quotation:
    """A quotation and the person the article attributes it to (None: nobody could be found)."""

    text: str
    """The words inside the outer quotation marks; nested marks are kept."""
    speaker: str | None
    attribution: Attribution | None
    """How the speaker was found: named in the sentence, a role ("le Président exécutif de Cisco"),
    named in the following sentence, a pronoun ("il a rappelé que"), or the person in focus."""
    excerpt: str
    position: int
    cloze: tuple[int, int]
    """The part of `text` a cloze hides."""
    mentions: tuple[str, ...] = ()
    """People named inside the quotation (never offered as its speaker)."""
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Figure:
    """A number of the article, with its unit and how precisely the article gives it."""

    value: Number
    unit: str
    """'dollars', '%', 'postes', the month of a day ('juin'); '' for a year."""
    kind: FigureKind
    wording: str
    """The figure as written: 'Plus de 400 produits', 'une cinquantaine de start-up'."""
    qualifier: str
    """'plus de', 'une cinquantaine', 'about'... or '' for an exact figure."""
    tolerance: int | str | None
    """0 for an exact figure, '10%' for an approximate one; None when `range` is given."""
    range: tuple[Number, Number] | None
    excerpt: str
    blank: tuple[int, int]
    """The part of `excerpt` that the question hides."""
    position: int
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Findings:
    """Everything `extract` found in an article, in article order."""

    title: str
    language: str
    quotations: tuple[Quotation, ...]
    figures: tuple[Figure, ...]
    people: tuple[Person, ...]
    """Every person named; those with a role become questions, the others are distractors."""
    skipped: tuple[str, ...] = ()
    """The lines left out as page chrome."""

    @property
    def roles(self) -> tuple[Person, ...]:
        return tuple(person for person in self.people if person.role is not None)


@dataclass(frozen=True)
class Draft:
    """A drafted bank: its YAML text and the findings it was written from."""

    text: str
    findings: Findings
    questions: int

    def summary(self, path: str) -> str:
        findings = self.findings
        people = len(findings.roles)
        return (
            f"Wrote {path}: {count(self.questions, 'draft question')} ({count(len(findings.quotations), 'quotation')}, "
            f"{count(len(findings.figures), 'figure')}, {people} {'person' if people == 1 else 'people'}); "
            "review them, then remove draft: true"
        )


def _flat(text: str) -> str:
    """A text without the line breaks of a hard-wrapped paragraph, for what the draft writes itself."""
    return re.sub(r"[ \t]*\n\s*", " ", text)


# Word lists. Lower case unless said otherwise.


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS = {
    "fr": _words(
        "a à ai as au aux avec c ce ces cet cette chez comme d dans de des du elle elles en entre est et été être il ils j je l la le"
        " les leur leurs lui m ma mais me même mes moi mon n ne ni nos notre nous on ont ou où par pas plus moins pour qu que qui s"
        " sa sans se ses si son sont sur t ta te tes toi ton tous tout toute toutes tu un une vos votre vous y après avant très aussi"
        " dont donc or car puis alors vers sous lors ainsi déjà encore"
    ),
    "en": _words(
        "a an and are as at be been being but by can could did do does for from had has have he her his i if in into is it its more"
        " most no not of on or our she so some such than that the their them then there these they this those to up was we were"
        " what when where which who will with would you your after before about over under per each"
    ),
}
# Words frequent in one language and rare in the other, to guess the article's language.
DETECTION = {
    "fr": _words("le la les des du et est une dans pour que qui sur au aux avec ce cette sont pas ne il elle nous vous leur été"),
    "en": _words("the and of to is was that for with this are from by have has it its which were be been not they their will"),
}
PREPOSITIONS = _words(
    "à au aux avec de du des d par pour auprès chez contre sans sur sous entre vers envers malgré via comme"
    " by with to of for from at about against than between among like into onto upon toward towards versus behind"
)
"""A name right after one of these is an object ("invité par Pierre Gattaz"), never the speaker."""
PRONOUNS = re.compile(r"\b(?:il|elle|lui|ses|son|sa|he|she|his|her|him)\b", re.IGNORECASE)
TITLES = _words("M Mme Mlle Mr Mrs Ms Dr Pr Sir Dame")
NAME_PARTICLES = _words("de du des van von der den da di del della le bin al")
FIRST_NAMES = _words(
    # French
    "Adrien Agnès Ahmed Alain Alexandre Alexis Alice Amélie Anne Anne-Marie Anne-Sophie Antoine Arnaud Arthur Audrey Aurélie Axel"
    " Axelle Baptiste Bastien Benjamin Benoît Benoit Bernard Bertrand Brigitte Bruno Camille Caroline Catherine Cécile Cédric"
    " Céline Charles Charlotte Chloé Christian Christine Christophe Claire Clara Claude Clément Corinne Damien Daniel Delphine"
    " Denis Didier Dominique Édouard Edouard Élisabeth Elisabeth Élise Emma Emmanuel Emmanuelle Éric Estelle Étienne Fabien"
    " Fabrice Fatima Fleur Florence Florian François Françoise Franck Frédéric Frédérique Gabriel Gaëlle Gérard Gilles Grégoire"
    " Guillaume Hélène Henri Hervé Hubert Hugo Inès Isabelle Jacques Jean Jean-Baptiste Jean-Claude Jean-François Jean-Louis"
    " Jean-Luc Jean-Marc Jean-Marie Jean-Michel Jean-Noël Jean-Paul Jean-Pierre Jean-Yves Jérôme Joël Julie Julien Juliette"
    " Karim Laurence Laurent Léa Leïla Léo Lionel Loïc Louis Louise Luc Lucie Ludovic Manon Manuel Marc Marcel Margaux Marie"
    " Marie-Claire Marine Marion Martine Mathieu Mathilde Matthieu Maurice Maxime Mehdi Michel Michèle Mohamed Monique Nadia"
    " Najat Nathalie Nicolas Noémie Octave Olivier Pascal Pascale Patrice Patricia Patrick Paul Pauline Philippe Pierre Quentin"
    " Rachid Rachida Raphaël Raymond Rémi Rémy René Robert Roger Romain Sabine Samuel Sandrine Sébastien Ségolène Serge Simon"
    " Simone Sophie Stéphane Stéphanie Sylvain Sylvie Thibault Thierry Thomas Valentin Valérie Véronique Victor Vincent Virginie"
    " Xavier Yann Yannick Yves Zoé"
    # English and international
    " Aaron Abigail Adam Alan Albert Alex Alexander Ali Alicia Amanda Amy Andrea Andrew Angela Ann Anna Anthony Ashley Barack"
    " Barbara Ben Benjamin Betty Bill Bob Boris Brian Bruce Carl Carlos Carol Carolyn Chris Christopher Craig Cynthia Dan Dave"
    " David Deborah Dennis Diana Diane Donald Donna Doug Douglas Drew Edward Elena Elizabeth Ellen Elon Emily Evan Frank Gary"
    " George Giulia Greg Gregory Hannah Hans Harold Harry Heather Helen Henry Hillary Ian Jack Jacob Jacqueline James Jamie Jane"
    " Janet Jason Jay Jeff Jeffrey Jennifer Jenny Jensen Jeremy Jerry Jessica Jim Jimmy Joe John Johnny Jon Jonathan Jordan"
    " Jorge Jose José Joseph Joshua Joyce Juan Judith Julia Justin Karen Kate Katherine Kathleen Katie Keith Kelly Ken Kenneth"
    " Kevin Kim Klaus Larry Laura Lauren Lawrence Linda Lisa Liz Lucy Luis Marco Margaret Maria Mario Marissa Mark Martha Mary"
    " Matt Matthew Megan Melissa Meg Michael Michelle Mike Miguel Nancy Natalie Nathan Nick Nicole Olivia Omar Pamela Patrick"
    " Peter Philip Priya Rachel Raj Ravi Rebecca Reed Richard Rick Rob Ron Ronald Ruth Ryan Sam Samantha Sandra Sara Sarah Satya"
    " Scott Sean Sergey Sharon Sheryl Stefan Stephen Steve Steven Sundar Susan Sven Ted Teresa Terry Tim Timothy Tom Tony Travis"
    " Ursula Victoria Vladimir Walter Wayne William Yuki"
)
ROLE_NOUNS = _words(
    "président présidente vice-président vice-présidente pdg p-dg président-directeur présidente-directrice directeur directrice"
    " fondateur fondatrice cofondateur cofondatrice co-fondateur co-fondatrice patron patronne porte-parole ministre maire"
    " député députée sénateur sénatrice secrétaire responsable chef dirigeant dirigeante associé associée chercheur chercheuse"
    " professeur professeure économiste analyste avocat avocate ingénieur ingénieure journaliste délégué déléguée administrateur"
    " administratrice gérant gérante conseiller conseillère commissaire gouverneur ambassadeur ambassadrice investisseur"
    " créateur créatrice rédacteur rédactrice adjoint adjointe"
    " president vice-president chairman chairwoman chair chairperson ceo cfo cto coo cio founder co-founder cofounder chief"
    " director head spokesperson spokesman spokeswoman minister secretary mayor senator governor professor researcher economist"
    " analyst manager partner executive editor lawyer engineer author investor ambassador commissioner boss creator vp svp evp"
)
ROLE_PREFIXES = _words("ancien ancienne former nouveau nouvel nouvelle new actuel actuelle current senior vice deputy executive general")
MONTHS = {
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"),
    "en": ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"),
}
MONTH_NAMES = frozenset(MONTHS["fr"] + MONTHS["en"])
DAYS = _words("lundi mardi mercredi jeudi vendredi samedi dimanche monday tuesday wednesday thursday friday saturday sunday")
NUMBER_WORDS = {
    "fr": {
        "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11,
        "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20, "vingts": 20, "trente": 30,
        "quarante": 40, "cinquante": 50, "soixante": 60, "cent": 100, "cents": 100, "mille": 1000,
    },
    "en": {
        "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
        "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
        "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90, "hundred": 100, "thousand": 1000,
    },
}  # fmt: skip
# "un", "une" and "one" are articles and pronouns far more often than numbers: never figures.
ROUND_NUMBERS = {
    "fr": {
        "dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30, "quarantaine": 40,
        "cinquantaine": 50, "soixantaine": 60, "centaine": 100, "millier": 1000,
    },
    "en": {"dozen": 12},
}  # fmt: skip
SCALES = {
    "milliard": 10**9, "milliards": 10**9, "million": 10**6, "millions": 10**6, "billion": 10**9, "billions": 10**9,
    "trillion": 10**12, "thousand": 1000, "bn": 10**9, "mn": 10**6, "m": 10**6, "k": 1000, "tn": 10**12,
    "md": 10**9, "mds": 10**9,
}  # fmt: skip
CURRENCY_SYMBOLS = {"$": "dollars", "us$": "dollars", "€": "euros", "£": "livres", "¥": "yens"}
CURRENCY_SYMBOLS_EN = {**CURRENCY_SYMBOLS, "£": "pounds", "¥": "yen"}
TIME_UNITS = _words(
    "an ans année années mois jour jours semaine semaines heure heures minute minutes seconde secondes siècle siècles décennie"
    " décennies year years month months week weeks day days hour hours second seconds decade decades century centuries"
)
# Adjectives that may stand between a number and its noun ("3 new stores", "5 grands groupes").
LEADING_ADJECTIVES = _words(
    "new more other additional extra major small large big young local full-time part-time different separate top leading key"
    " nouveaux nouvelles grands grandes petits petites jeunes autres principaux principales gros grosses premiers premières"
)
QUALIFIERS = {
    "fr": r"plus\s+de|moins\s+de|près\s+de|environ|quelque|à\s+peu\s+près|au\s+moins|au-delà\s+de|jusqu[’']à|pas\s+moins\s+de"
    r"|presque|autour\s+de|quasiment",
    "en": r"more\s+than|over|at\s+least|less\s+than|fewer\s+than|under|nearly|almost|about|around|approximately|roughly|some"
    r"|up\s+to|upwards\s+of|in\s+excess\s+of|close\s+to|no\s+more\s+than",
}
AT_LEAST = {"plus de", "au moins", "au-delà de", "pas moins de", "more than", "over", "at least", "upwards of", "in excess of"}
AT_MOST = {"moins de", "près de", "jusqu’à", "jusqu'à", "presque", "quasiment", "less than", "fewer than", "under", "nearly"}
AT_MOST |= {"almost", "up to", "close to", "no more than"}
# The rest ("environ", "about", a round number such as "une cinquantaine") means give or take 10%.
LABELS = re.compile(
    r"(?i)\b(?:pages?|chapitres?|articles?|numéros?|n°|no\.|sections?|versions?|saisons?|épisodes?|chapters?|seasons?|episodes?"
    r"|steps?|étapes?|phases?|tomes?|volumes?|vol\.|figures?|fig\.|tableaux?|tables?|lignes?|lines?|salles?|rooms?|niveaux?|levels?"
    r"|rangs?|#)\s*$"
)
"""Words after which a number is a label ("page 3", "saison 2"), not a quantity."""
END_MARKERS = {
    "recent posts", "related posts", "articles récents", "articles similaires", "à lire aussi", "a lire aussi", "lire aussi",
    "sur le même sujet", "read more", "read next", "read also", "related articles", "related stories", "more stories",
    "you may also like", "vous aimerez aussi", "popular posts", "most read", "les plus lus", "leave a reply", "leave a comment",
    "laisser un commentaire", "commentaires", "comments", "share this", "share this article", "partager cet article",
}  # fmt: skip
"""A line that starts the page's furniture: it and everything after it are skipped."""
CHROME_WORDS = re.compile(
    r"(?i)\b(?:cookies?|consentements?|consent|rgpd|gdpr|privacy|confidentialité|tous droits réservés|all rights reserved"
    r"|abonnez-vous|subscribe|newsletter|inscrivez-vous|sign up|log in|se connecter|accept(?:er|ez)?|refuser|paramétrer)\b|©"
)
TIME_AGO = re.compile(r"(?i)^(?:\d+\s+\w+\s+ago|il y a \d+\s+\w+|\d+\s+min(?:ute)?s?\s+(?:read|de lecture)|lecture\s*:.*)$")
META_LINE = re.compile(r"(?i)^(?:publié|mis à jour|updated|published|posted|par|by)\b")
CURRENCY_AFTER = {
    "fr": re.compile(
        r"^\s*(?:(de\s+|d[’']\s*))?"
        r"(dollars?|euros?|livres(?:\ssterling)?|yens?|yuans?|francs(?:\ssuisses)?|€|\$|£|¥)"
    ),
    "en": re.compile(r"^\s*()(dollars?|euros?|pounds?(?:\ssterling)?|yen|yuan|francs?|€|\$|£|¥)"),
}
"""A currency after a number; group 1 is the "de" that only follows a scale ("200 millions de dollars")."""
QUANTITY_AFTER = re.compile(r"(?i)^\s*(%|pour\s?cent|per\s?cent|percent|milliards?|millions?|billions?|€|\$|£|dollars?|euros?)")
"""What makes a four-digit number an amount or a percentage rather than a year ("2015 euros")."""
TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
"""A word: letters, maybe hyphenated ("start-up"); an apostrophe ends it ("d’Amazon" is "d", "Amazon")."""
CAPITALS = "A-ZÀ-ÖØ-ÞŒ"
"""Capital letters, for the patterns that need one (Python's re has no class for them)."""
ENDERS = ".!?…"
CLOSERS = ")]”\"'’»"


# Layout: blocks and chrome


@dataclass(frozen=True)
class _Block:
    start: int
    end: int
    heading: bool


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, whitespace trimmed."""
    spans = []
    for found in re.finditer(r"[^\n]+", text):
        line = found.group()
        if line.strip():
            start = found.start() + len(line) - len(line.lstrip())
            spans.append((start, found.start() + len(line.rstrip())))
    return spans


def _is_chrome(line: str, repeated: bool) -> bool:
    words = line.split()
    if repeated and len(words) <= 4:  # "Enregistrer" three times: a button, not prose
        return True
    if len(words) <= 12 and CHROME_WORDS.search(line):
        return True
    if TIME_AGO.match(line) or re.fullmatch(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+", line):
        return True
    if re.search(r"\s[|•·>]\s", line) and len(words) <= 15:  # menus and breadcrumbs
        return True
    if META_LINE.match(line) and len(words) <= 8 and not line.endswith(tuple(ENDERS)):
        return True
    # A one- or two-word line is a button or a menu item, unless it is a name ("Jimmy Wales").
    return len(words) <= 2 and not (len(words) == 2 and words[1][:1].isupper()) and not line.endswith(tuple(ENDERS))


def _wrap_width(lines: list[tuple[int, int]]) -> int:
    """The width a hard-wrapped text is wrapped at, or 0 when each line is a paragraph.

    Wrapped: at least three lines over 40 characters, and nearly all of them 100 characters or less.
    """
    long = [end - start for start, end in lines if end - start > 40]
    if len(long) < 3 or sum(length <= 100 for length in long) < 0.9 * len(long):
        return 0
    return max(length for length in long if length <= 100)


def _layout(text: str) -> tuple[list[_Block], list[str]]:
    """The article's blocks of prose or headings, and the lines skipped as page chrome.

    In a hard-wrapped text, a line that reaches most of the wrap width goes on
    in the next line (unless a blank line comes between), and the two are one
    block; otherwise each line is a block.
    """
    lines = _lines(text)
    counts = Counter(text[start:end] for start, end in lines)
    width = _wrap_width(lines)
    blocks: list[_Block] = []
    skipped: list[str] = []
    ended = False
    previous: tuple[int, int] | None = None  # the last line of the last block; None after a skipped line
    for start, end in lines:
        line = text[start:end]
        if width and previous and text.count("\n", previous[1], start) == 1 and previous[1] - previous[0] >= 0.6 * width:
            blocks[-1] = _Block(blocks[-1].start, end, False)
            previous = (start, end)
            continue
        if not ended and line.lower().rstrip(" :") in END_MARKERS:
            ended = True
        if ended or _is_chrome(line, counts[line] > 1):
            skipped.append(line)
            previous = None
            continue
        blocks.append(_Block(start, end, False))
        previous = (start, end)
    return [_Block(b.start, b.end, _is_heading(text[b.start : b.end])) for b in blocks], skipped


def _is_heading(block: str) -> bool:
    return not block.rstrip().endswith(tuple(ENDERS + CLOSERS + ":;")) and len(block.split()) <= 20


# Sentences and quotations


@dataclass(frozen=True)
class _Scan:
    """One block cut into sentences, with its quotations and parentheses."""

    block: _Block
    sentences: tuple[tuple[int, int], ...]
    quotes: tuple[tuple[int, int], ...]
    """(start, end) of each outermost quotation, marks included."""
    parens: tuple[tuple[int, int], ...]


PAIRS = {"«": "»", "“": "”"}


def _opens_straight(text: str, i: int, start: int) -> bool:
    return i == start or text[i - 1].isspace() or text[i - 1] in "([{—–-«“/"


def _boundary_after(text: str, i: int, end: int) -> int | None:
    """Where the next sentence starts if one starts after position i (just past a full stop)."""
    j = i
    while j < end and text[j] in CLOSERS:
        j += 1
    k = j
    while k < end and text[k].isspace():
        k += 1
    if k == end:
        return None
    if k > j and (text[k].isupper() or text[k].isdigit() or text[k] in '«“"('):
        return k
    return None


def _abbreviation(text: str, i: int, start: int) -> bool:
    """A full stop that ends "M.", "Dr." or an initial ("J."), not a sentence."""
    found = re.search(r"(\w+)$", text[start:i])
    word = found.group(1) if found else ""
    return word in TITLES or (len(word) == 1 and word.isupper())


def _scan(text: str, block: _Block) -> _Scan:
    stack: list[str] = []
    quotes: list[tuple[int, int]] = []
    parens: list[tuple[int, int]] = []
    sentences: list[tuple[int, int]] = []
    sentence_start = block.start
    quote_start = paren_start = -1
    paren_depth = 0
    i = block.start
    while i < block.end:
        character = text[i]
        next_start = None
        if stack and character == stack[-1]:
            stack.pop()
            if not stack:
                quotes.append((quote_start, i + 1))
                if text[quote_start + 1 : i].rstrip().endswith(tuple(ENDERS)):
                    next_start = _boundary_after(text, i + 1, block.end)
        elif character in PAIRS or (character == '"' and _opens_straight(text, i, block.start)):
            if not stack:
                quote_start = i
            stack.append(PAIRS.get(character, '"'))
        elif stack:
            pass
        elif character == "(":
            paren_depth += 1
            paren_start = i if paren_depth == 1 else paren_start
        elif character == ")" and paren_depth:
            paren_depth -= 1
            if not paren_depth:
                parens.append((paren_start, i + 1))
        elif character in ENDERS and not (character == "." and _abbreviation(text, i, block.start)):
            next_start = _boundary_after(text, i + 1, block.end)
        if next_start is not None:
            sentences.append((sentence_start, _rstrip(text, sentence_start, next_start)))
            sentence_start = i = next_start
            continue
        i += 1
    if stack:  # a quotation left open runs to the end of its paragraph
        quotes.append((quote_start, block.end))
    if paren_depth:
        parens.append((paren_start, block.end))
    sentences.append((sentence_start, block.end))
    return _Scan(block, tuple(sentences), tuple(quotes), tuple(parens))


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _inside(position: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


def _quote_inner(text: str, start: int, end: int) -> tuple[int, int]:
    """The words of a quotation without its marks, the spaces inside them, and a comma that belongs
    to the sentence around it ("“We will,” said X")."""
    inner_start, inner_end = start + 1, end - 1 if text[end - 1] in '»”"' else end
    while inner_start < inner_end and text[inner_start].isspace():
        inner_start += 1
    inner_end = _rstrip(text, inner_start, inner_end)
    while inner_end > inner_start and text[inner_end - 1] in ",;:":
        inner_end = _rstrip(text, inner_start, inner_end - 1)
    return inner_start, inner_end


def _is_quotation(words: str) -> bool:
    """Four words or more, or a sentence of two or more ("Never again."); less is a term: the « classe inversée »."""
    count = len(TOKEN.findall(words))
    return count >= 4 or (count >= 2 and words.rstrip().endswith(tuple(ENDERS)))


# People


@dataclass(frozen=True)
class _Mention:
    person: int
    start: int
    end: int
    attributive: bool
    """Outside quotations and parentheses, and not the object of a preposition: it may be a speaker."""


@dataclass
class _PersonBuilder:
    spellings: Counter[str] = field(default_factory=Counter)
    first_at: dict[str, int] = field(default_factory=dict)
    in_heading: set[str] = field(default_factory=set)
    role: tuple[str, str | None, str, int] | None = None
    """(role, organisation, excerpt, position)."""
    role_in_heading: bool = False

    @property
    def name(self) -> str:
        return min(self.spellings, key=lambda s: (-self.spellings[s], s not in self.in_heading, self.first_at[s]))

    @property
    def first(self) -> int:
        return min(self.first_at.values())

    def add(self, spelling: str, position: int, heading: bool) -> None:
        self.spellings[spelling] += 1
        self.first_at.setdefault(spelling, position)
        if heading:
            self.in_heading.add(spelling)


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and not (len(word) > 1 and word.isupper())


def _joined(text: str, end: int, start: int) -> bool:
    """Two words separated by spaces only (a name never spans a comma; it may span the line break of a wrapped paragraph)."""
    return start > end and not text[end:start].strip()


def _name_runs(text: str, tokens: list[re.Match[str]]) -> list[tuple[int, int]]:
    """Runs of capitalised words, joined by spaces or a particle ("Charles de Gaulle"): (first, last) token."""
    runs = []
    i = 0
    while i < len(tokens):
        if not _capitalised(tokens[i].group()):
            i += 1
            continue
        j = i
        while j + 1 < len(tokens) and j - i < 4:
            titled = (
                j == i and tokens[i].group() in TITLES and re.fullmatch(r"\.\s", text[tokens[i].end() : tokens[i + 1].start()]) is not None
            )
            if not (titled or _joined(text, tokens[j].end(), tokens[j + 1].start())):
                break
            following = tokens[j + 1].group()
            if _capitalised(following) and following.lower() not in MONTH_NAMES and following.lower() not in DAYS:
                j += 1
            elif following in NAME_PARTICLES and j + 2 < len(tokens) and _capitalised(tokens[j + 2].group()):
                j += 2
            else:
                break
        runs.append((i, j))
        i = j + 1
    return runs


def _levenshtein(a: str, b: str) -> int:
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (ca != cb))
    return row[-1]


def _same_person(a: str, b: str) -> bool:
    """Two spellings of one name: equal, or same first name and surnames one edit apart ("Carney", "Carner")."""
    if a == b:
        return True
    first_a, _, last_a = a.partition(" ")
    first_b, _, last_b = b.partition(" ")
    if not last_a or not last_b:  # "M. Dupont" is the "Jean Dupont" named elsewhere
        return a.split()[-1] == b.split()[-1]
    return first_a == first_b and min(len(last_a), len(last_b)) >= 5 and _levenshtein(last_a, last_b) <= 1


def _role_at(segment: str) -> tuple[int, int, str | None] | None:
    """The role phrase that `segment` starts with, if it does: (start, end, organisation).

    "le patron du MEDEF" -> "patron du MEDEF", MEDEF; "Acme’s chief executive" -> Acme.
    The role stops after its organisation, so "CEO of Acme said that" gives "CEO of Acme".
    """
    article = re.match(r"\s*(?:(?:le|la|les|un|une|son|sa|the|a|an|its|his|her)\s+|[lL][’'])?", segment, re.IGNORECASE)
    start = article.end() if article else 0
    body = segment[start:].rstrip()
    organisation = None
    owner = re.match(rf"((?:[{CAPITALS}][\w&.-]*\s+){{0,3}}[{CAPITALS}][\w&-]*)[’']s\s+", body)
    if owner:
        organisation = owner.group(1)
    words = body[owner.end() if owner else 0 :].lower().split()
    while len(words) > 1 and words[0] in ROLE_PREFIXES:
        words = words[1:]
    if not words or words[0].strip(",") not in ROLE_NOUNS:
        return None
    end = len(body)
    if organisation is None:
        found = ORGANISATION.search(body)
        if found:
            organisation, end = found.group(1), found.end()
    if not 1 <= len(body[:end].split()) <= 8:
        return None
    return start, start + end, organisation and " ".join(organisation.split())


ORGANISATION = re.compile(
    rf"\b(?:de|du|des|d[’']|of|at|chez|for)\s*(?:(?:la|le|les|the)\s+|l[’'])?([0-9{CAPITALS}][\w&-]*(?:\s+[{CAPITALS}][\w&-]*)*)"
)
"""The organisation of a role: "de Cisco", "d’Amazon", "du MEDEF", "of Acme", "de la Maison Blanche"."""


@dataclass(frozen=True)
class _Anaphor:
    """A role standing for a person not named there: "le Président exécutif de Cisco"."""

    start: int
    end: int
    role: str
    organisation: str


class _People:
    """The people of an article, their mentions and roles."""

    def __init__(self, text: str, scans: list[_Scan]) -> None:
        self.text = text
        self.builders: list[_PersonBuilder] = []
        self.mentions: list[_Mention] = []
        self.anaphors: list[_Anaphor] = []
        self.appositions: list[tuple[int, int]] = []
        found: list[tuple[str, int, int, _Scan]] = []
        for scan in scans:
            found.extend((name, start, end, scan) for name, start, end in self._names(scan))
        for name, start, end, scan in found:
            person = self._person(name, start, scan.block.heading)
            self._mention(person, start, end, scan)
        self._surnames(scans, [(start, end) for _, start, end, _ in found])
        for scan in scans:
            self._find_anaphors(scan)
        self.mentions.sort(key=lambda mention: mention.start)

    def _names(self, scan: _Scan) -> list[tuple[str, int, int]]:
        text = self.text
        tokens = list(TOKEN.finditer(text, scan.block.start, scan.block.end))
        names = []
        for first, last in _name_runs(text, tokens):
            # The name starts at its first name or after its title: "Selon Jean Dupont", "M. Dupont".
            known = next((k for k in range(first, last) if tokens[k].group() in FIRST_NAMES | TITLES), None)
            if known is not None:
                first = known + 1 if tokens[known].group() in TITLES else known
            start, end = tokens[first].start(), tokens[last].end()
            role = self._apposition(start, end, scan)
            if (known is not None and last >= first) or (last > first and role is not None):
                names.append((_flat(text[start:end]), start, end))
                if role is not None and not _inside(start, scan.quotes):
                    self.appositions.append((role[2], role[3]))
        return names

    def _apposition(self, start: int, end: int, scan: _Scan) -> tuple[str, str | None, int, int] | None:
        """A role given next to a name: "X, patron du MEDEF" or "Cofondateur de Wikipedia, X"."""
        text = self.text
        after = re.match(r"\s*,\s*([^,.;:()«»“”—–]+)", text[end : scan.block.end])
        if after:
            role = _role_at(after.group(1))
            if role is not None:
                role_start, role_end, organisation = role
                base = end + after.start(1)
                return text[base + role_start : base + role_end], organisation, start, base + role_end
        before = re.search(r"([^,.;:()«»“”—–]+),\s*$", text[scan.block.start : start])
        if before:
            role = _role_at(before.group(1))
            if role is not None:
                role_start, role_end, organisation = role
                base = scan.block.start + before.start(1)
                return text[base + role_start : base + role_end], organisation, base + role_start, end
        return None

    def _person(self, name: str, position: int, heading: bool) -> int:
        for index, builder in enumerate(self.builders):
            if any(_same_person(name, spelling) for spelling in builder.spellings):
                builder.add(name, position, heading)
                return index
        self.builders.append(_PersonBuilder())
        self.builders[-1].add(name, position, heading)
        return len(self.builders) - 1

    def _mention(self, person: int, start: int, end: int, scan: _Scan) -> None:
        text = self.text
        quoted, aside = _inside(start, scan.quotes), _inside(start, scan.parens)
        words = [found.group().lower() for found in TOKEN.finditer(text, max(scan.block.start, start - 30), start)]
        gap = text[start - 1] if start > scan.block.start else ""
        object_of = bool(words) and words[-1] in PREPOSITIONS and (gap.isspace() or gap in "’'")
        # "selon X", "d'après X" and "according to X" name the speaker.
        if words[-2:] == ["according", "to"] or words[-2:] == ["d", "après"]:
            object_of = False
        self.mentions.append(_Mention(person, start, end, not (quoted or aside or object_of)))
        role = None if quoted else self._apposition(start, end, scan)
        builder = self.builders[person]
        # The text's own wording beats a heading's caption ("Vice-Président senior d’Amazon" over "vice-président d’Amazon").
        if role is not None and (builder.role is None or (builder.role_in_heading and not scan.block.heading)):
            builder.role = (role[0], role[1], text[role[2] : role[3]], role[2])
            builder.role_in_heading = scan.block.heading

    def _surnames(self, scans: list[_Scan], full: list[tuple[int, int]]) -> None:
        """Mentions by surname alone ("Chambers"), for surnames that belong to one person only."""
        owners: dict[str, set[int]] = {}
        for index, builder in enumerate(self.builders):
            for spelling in builder.spellings:
                owners.setdefault(spelling.split()[-1], set()).add(index)
        for scan in scans:
            for token in TOKEN.finditer(self.text, scan.block.start, scan.block.end):
                people = owners.get(token.group(), set())
                if len(people) == 1 and not _inside(token.start(), full):
                    self._mention(next(iter(people)), token.start(), token.end(), scan)

    def _find_anaphors(self, scan: _Scan) -> None:
        text = self.text
        definite = rf"(?<![\w’'])(?:(?:[Ll]e|[Ll]a|[Tt]he)\s+|[Ll][’']|(?=[{CAPITALS}][\w&-]*[’']s\s))"
        for found in re.finditer(definite, text[scan.block.start : scan.block.end]):
            start = scan.block.start + found.start()
            if _inside(start, scan.quotes) or _inside(start, scan.parens) or _inside(start, self.appositions):
                continue
            segment = re.match(r"[^,.;:()«»“”]+", text[start : scan.block.end])
            role = _role_at(segment.group()) if segment else None
            if role is not None and role[2] is not None:  # without its organisation, a role is too vague to stand for anyone
                self.anaphors.append(_Anaphor(start, start + role[1], text[start + role[0] : start + role[1]], role[2]))

    def resolve(self, anaphor: _Anaphor, focus: int | None) -> int | None:
        """The person a role stands for: whoever the article gave that role, else the person in focus."""
        for index, builder in enumerate(self.builders):
            if builder.role and builder.role[1] == anaphor.organisation and _role_core(builder.role[0]) == _role_core(anaphor.role):
                return index
        return focus

    def give_role(self, person: int, anaphor: _Anaphor) -> None:
        """The role a person in focus was designated by becomes theirs, if they had none."""
        builder = self.builders[person]
        if builder.role is None:
            builder.role = (anaphor.role, anaphor.organisation, self.text[anaphor.start : anaphor.end], anaphor.start)

    def records(self) -> list[Person]:
        people = []
        for builder in self.builders:
            name = builder.name
            variants = tuple(sorted(set(builder.spellings) - {name}, key=lambda s: builder.first_at[s]))
            if builder.role is None:
                people.append(Person(name, variants=variants, position=builder.first))
            else:
                role, organisation, excerpt, position = builder.role
                people.append(Person(name, _flat(role), organisation and _flat(organisation), excerpt, variants, position))
        return people


def _role_core(role: str) -> str:
    """A role without its organisation: "directrice générale de Numéco" and "Harbor’s chief executive" -> the title."""
    role = re.sub(rf"^(?:[{CAPITALS}][\w&.-]*\s+)*[{CAPITALS}][\w&-]*[’']s\s+", "", " ".join(role.split()))
    return re.split(r"\s+(?:de|du|des|of|at|chez|for)\s+|\s+d[’']", role.lower())[0]


# Attribution


@dataclass(frozen=True)
class _Event:
    person: int
    start: int
    end: int
    how: Attribution


Speakers = dict[int, tuple[int | None, Attribution | None]]
"""Who says each quotation (a person's index, and how that was found), keyed by the quotation's start."""


def _attribute(text: str, scans: list[_Scan], people: _People) -> tuple[Speakers, dict[int, int | None]]:
    """Who says each quotation, keyed by the quotation's start; and the person in focus after each sentence.

    The person in focus is the last one named as a subject: outside quotations
    and parentheses, not after a preposition ("invité par Pierre Gattaz" and
    "(... auprès de Barack Obama)" do not change it), or designated by a role
    ("le Président exécutif de Cisco" is the person in focus, unless someone
    was given that role). A heading without a name clears it: a new section.

    A quotation's speaker is, in this order:
    1. named: a person named as a subject in the quotation's own sentence,
       the one right after the quotation first ("« ... », a rappelé Jay Carney"),
       else the first one before it ("Jay Carney a rappelé que « ... »");
    2. role: a role in that sentence standing for a person;
    3. following: for a quotation that opens its paragraph, the person named in
       the next sentence ("« ... ». Ce jeudi, John Chambers ...");
    4. pronoun / context: the person in focus (the sentence says "il", "she",
       "ses yeux"... or nothing at all).
    """
    speakers: Speakers = {}
    focus_after: dict[int, int | None] = {}
    focus: int | None = None
    for scan in scans:
        if scan.block.heading:
            focus = None
        for number, (start, end) in enumerate(scan.sentences):
            events = _events(people, start, end, focus)
            following = _named(people, *scan.sentences[number + 1]) if number + 1 < len(scan.sentences) else []
            said: int | None = None
            for quote_start, quote_end in scan.quotes:
                if start <= quote_start < end:
                    speaker, how = _speaker(text, scan, (start, end), (quote_start, quote_end), events, following, focus)
                    speakers[quote_start] = (speaker, how)
                    said = speaker if speaker is not None else said
            if said is not None:
                focus = said
            elif events:
                focus = events[-1].person
            focus_after[start] = focus
    return speakers, focus_after


def _events(people: _People, start: int, end: int, focus: int | None) -> list[_Event]:
    """The people a sentence names as possible subjects, in order, roles resolved."""
    found: list[tuple[int, int, int | _Anaphor]] = [(event.start, event.end, event.person) for event in _named(people, start, end)]
    found += [(anaphor.start, anaphor.end, anaphor) for anaphor in people.anaphors if start <= anaphor.start < end]
    events = []
    for event_start, event_end, what in sorted(found, key=lambda item: item[0]):
        if isinstance(what, _Anaphor):
            person = people.resolve(what, focus)
            if person is not None:
                people.give_role(person, what)
                events.append(_Event(person, event_start, event_end, "role"))
                focus = person
        else:
            events.append(_Event(what, event_start, event_end, "named"))
            focus = what
    return events


def _named(people: _People, start: int, end: int) -> list[_Event]:
    """The people a sentence names as possible subjects (roles left out: this only looks ahead)."""
    return [
        _Event(mention.person, mention.start, mention.end, "named")
        for mention in people.mentions
        if mention.attributive and start <= mention.start < end
    ]


def _speaker(
    text: str,
    scan: _Scan,
    sentence: tuple[int, int],
    quote: tuple[int, int],
    events: list[_Event],
    following: list[_Event],
    focus: int | None,
) -> tuple[int | None, Attribution | None]:
    after = [event for event in events if event.start >= quote[1]]
    before = [event for event in events if event.end <= quote[0]]
    if after and len(re.findall(r"\w+", text[quote[1] : after[0].start])) <= 4:
        return after[0].person, after[0].how
    if before or after:
        event = (before or after)[0]
        return event.person, event.how
    if not text[scan.block.start : quote[0]].strip() and following:
        return following[0].person, "following"
    if focus is None:
        return None, None
    outside = "".join(text[a:b] for a, b in _outside(sentence, scan.quotes))
    return focus, "pronoun" if PRONOUNS.search(outside) else "context"


def _outside(span: tuple[int, int], holes: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    parts, position = [], span[0]
    for start, end in sorted(holes):
        if end <= span[0] or start >= span[1]:
            continue
        parts.append((position, max(position, start)))
        position = max(position, end)
    parts.append((position, span[1]))
    return parts


# Figures


@dataclass(frozen=True)
class _RawFigure:
    value: Number
    unit: str
    kind: FigureKind
    qualifier: str
    start: int
    end: int
    blank: tuple[int, int]


def _digits(lang: str) -> re.Pattern[str]:
    if lang == "fr":
        return re.compile(r"(?<![\w.,])(\d{1,3}(?:[ \u00a0\u202f.]\d{3})+|\d+)(?:,(\d+))?()(?![\w]|[.,]\d)")
    return re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(bn|mn|m|k|tn)?(?![\w]|[.,]\d)")


def _word_numbers(lang: str) -> re.Pattern[str]:
    words = "|".join(sorted(NUMBER_WORDS[lang], key=len, reverse=True))
    joint = r"(?:-|\s+|\s+et\s+|-et-|\s+and\s+)"
    return re.compile(rf"(?i)(?<![\w-])(?:{words})(?:{joint}(?:{words}))*(?![\w-])")


def _round_numbers(lang: str) -> re.Pattern[str]:
    words = "|".join(ROUND_NUMBERS[lang])
    article = r"une?|la|cette" if lang == "fr" else r"a"
    return re.compile(rf"(?i)(?<![\w-])(?:{article})\s+({words})(?![\w-])")


def _word_value(words: list[str], table: dict[str, int]) -> int:
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


@dataclass(frozen=True)
class _Number:
    """A number as found: its value, its digits as written ('' for words), an attached scale ("bn")."""

    value: Number
    digits: str = ""
    attached: str = ""
    round_words: str = ""
    """"une cinquantaine", "a dozen": a round number, which is approximate."""


def _number_at(found: re.Match[str]) -> Number:
    whole = re.sub(r"[^\d]", "", found.group(1))
    fraction = found.group(2)
    value: Number = int(whole)
    if fraction:
        value = float(f"{whole}.{fraction}")
    return value


def _clean(value: float) -> Number:
    rounded = round(value, 6)
    return int(rounded) if float(rounded).is_integer() else rounded


class _FigureReader:
    """Reads the figures of one block: each number with what surrounds it."""

    def __init__(self, text: str, lang: str) -> None:
        self.text = text
        self.lang = lang
        months = "|".join(MONTHS[lang])
        self.month_after = re.compile(rf"(?i)^\s+({months})\b(?:[\s,]+(\d{{4}})\b)?")
        self.month_before = re.compile(rf"(?i)\b({months})\s+(?:(\d{{1,2}})\s+)?$|\b(\d{{1,2}})\s+({months})\s+$")
        self.qualifier = re.compile(rf"(?i)(?:^|(?<=[\s(«“\"]))({QUALIFIERS[lang]}|~)\s*$")
        self.currency_after = CURRENCY_AFTER[lang]
        self.symbols = CURRENCY_SYMBOLS if lang == "fr" else CURRENCY_SYMBOLS_EN
        self.digits, self.words, self.rounds = _digits(lang), _word_numbers(lang), _round_numbers(lang)

    def read(self, start: int, end: int) -> list[_RawFigure]:
        text = self.text
        found: list[tuple[int, int, _Number]] = []
        for match in self.digits.finditer(text, start, end):
            found.append((match.start(), match.end(), _Number(_number_at(match), match.group(1), match.group(3) or "")))
        table = NUMBER_WORDS[self.lang]
        for match in self.words.finditer(text, start, end):
            words = re.split(r"-et-|\s+et\s+|\s+and\s+|-|\s+", match.group().lower())
            found.append((match.start(), match.end(), _Number(_word_value(words, table))))
        for match in self.rounds.finditer(text, start, end):
            value = ROUND_NUMBERS[self.lang][match.group(1).lower()]
            found.append((match.start(), match.end(), _Number(value, round_words=match.group())))
        figures: list[_RawFigure] = []
        taken = -1
        for number_start, number_end, number in sorted(found, key=lambda item: item[:2]):
            if number_start < taken:
                continue
            figure = self._figure_at(number_start, number_end, number, start, end)
            if figure is not None:
                figures.append(figure)
                taken = figure.end
        return figures

    def _figure_at(self, start: int, end: int, number: _Number, block_start: int, block_end: int) -> _RawFigure | None:
        """A number with its context, or None when it is not a figure worth a question.

        Kinds: a year (1800-2100, four digits); a date (a day with its month,
        "jeudi 30 juin": the day is asked, the month is its unit); a percentage;
        an amount (a currency, with a scale: "200 millions de dollars",
        "$3.5bn"); a count or a duration (a noun: "750 postes", "quinze ans").
        Not figures: labels ("page 3", "Windows 11"), a number with no noun,
        and vague plurals ("des millions", "dozens of"), which have no number.
        """
        text = self.text
        before, rest = text[block_start:start], text[end:block_end]
        if LABELS.search(before) or re.search(r"\d[:h]$", before) or re.match(r"[:h]\d", rest):
            return None
        value, round_words = number.value, number.round_words
        if number.digits and self._label_name(before):
            return None
        calendar = self._calendar(start, end, number, before, rest) if number.digits else None
        if calendar is not None:
            return calendar or None
        symbol = re.search(r"(US\s?\$|\$|€|£|¥)\s*$", before)
        ahead = before[: symbol.start()] if symbol else before  # "under $500": the qualifier is before the symbol
        qualifier_match = self.qualifier.search(ahead)
        qualifier = round_words or (qualifier_match.group(1) if qualifier_match else "")
        figure_start = block_start + len(ahead) if symbol else start
        if qualifier_match and not round_words:
            figure_start = block_start + qualifier_match.start(1)
        scale_word = number.attached
        position = end
        if not scale_word:
            scale = re.match(r"(?i)^\s+(milliards?|millions?|billions?|trillions?|thousand|bn|mn)\b", rest)
            if not scale:
                scale = re.match(r"^\s*(Mds?|Md|M|k)(?=\s*[€$£])", rest)
            if scale:
                scale_word, position = scale.group(1), end + scale.end()
        multiplier = SCALES.get(scale_word.lower(), 1) if scale_word else 1
        amount = _clean(value * multiplier)
        after = text[position:block_end]
        percent = re.match(r"(?i)^\s*(%|pour\s?cent|pourcents?|per\s?cent|percent)(?![\w])", after)
        if percent and not scale_word:
            return self._raw(
                amount, "%", "percent", qualifier, figure_start, position + percent.end(), (figure_start, position + percent.end())
            )
        currency = self.currency_after.match(after)
        if currency and (scale_word or not currency.group(1)):
            unit = self.symbols.get(currency.group(2).lower(), currency.group(2))
            stop = position + currency.end()
            return self._raw(amount, unit, "amount", qualifier, figure_start, stop, (figure_start, stop))
        if symbol:
            unit = self.symbols[re.sub(r"\s", "", symbol.group(1)).lower()]
            return self._raw(amount, unit, "amount", qualifier, figure_start, position, (figure_start, position))
        if number.attached:  # "5m" with no currency: metres or millions, nobody can tell
            return None
        noun = self._noun(after, bool(scale_word or round_words))
        if noun is None:
            return None
        unit, noun_end = noun
        kind: FigureKind = "duration" if unit.split()[0].lower() in TIME_UNITS else "count"
        blank_end = position if (scale_word or round_words) else end
        return self._raw(amount, unit, kind, qualifier, figure_start, position + noun_end, (figure_start, blank_end))

    def _raw(self, value: Number, unit: str, kind: FigureKind, qualifier: str, start: int, end: int, blank: tuple[int, int]) -> _RawFigure:
        return _RawFigure(value, unit, kind, re.sub(r"\s+", " ", qualifier), start, end, blank)

    def _calendar(self, start: int, end: int, number: _Number, before: str, rest: str) -> _RawFigure | Literal[False] | None:
        """A year or a day of a month; False for a day whose year is the figure ("30 juin 2016"); None for neither."""
        value, plain = number.value, number.digits
        if re.fullmatch(r"\d{4}", plain) and 1800 <= value <= 2100 and not QUANTITY_AFTER.match(rest):
            month = self.month_before.search(before)
            return _RawFigure(value, "", "year", "", start - len(month.group()) if month else start, end, (start, end))
        if not (re.fullmatch(r"\d{1,2}", plain) and 1 <= value <= 31):
            return None
        date = self.month_after.match(rest)
        if date:
            return False if date.group(2) else _RawFigure(value, date.group(1).lower(), "date", "", start, end + date.end(), (start, end))
        month = self.month_before.search(before)
        if month and month.group(1) and not month.group(2):  # "June 12" ("June 12, 2016": the year is the figure)
            if re.match(r"\s*,?\s*\d{4}", rest):
                return False
            return _RawFigure(value, month.group(1).capitalize(), "date", "", start - len(month.group()), end, (start, end))
        return None

    def _label_name(self, before: str) -> bool:
        """ "Windows 11", "Python 3": a number right after a capitalised word that does not start the sentence."""
        found = re.search(r"([^\W\d_][\w&+-]*)\s$", before)
        if not found or not found.group(1)[:1].isupper():
            return False
        word = found.group(1).lower()
        if word in MONTHS[self.lang] or word in DAYS:
            return False
        preceding = before[: found.start()].rstrip()
        return bool(preceding) and preceding[-1] not in ENDERS + '«“"(:'

    def _noun(self, after: str, needs_de: bool) -> tuple[str, int] | None:
        """The noun a count is of: "750 postes", "une cinquantaine de start-up", "5 centres R&D", "3 new stores".

        A function word between the number and a unit of time is a slip in the
        article's word order ("quinze après ans"): the unit is still read.
        """
        stop = STOPWORDS[self.lang]
        link = ""
        if needs_de:  # "une cinquantaine de start-up", "200 millions d’habitants"; English may leave "of" out
            link = r"(?:de\s+|d[’']\s*)" if self.lang == "fr" else r"(?:of\s+)?"
        word = r"[^\W\d_]+(?:[-’'][^\W\d_]+)*|[A-Z][A-Z0-9]*&[A-Z]+"
        found = re.match(rf"^\s+{link}({word})", after) if not needs_de else re.match(rf"^\s*{link}({word})", after)
        if not found:
            return None
        noun, end = found.group(1), found.end()
        if self.lang == "en":
            while noun.lower() in LEADING_ADJECTIVES:
                more = re.match(rf"^\s+({word})", after[end:])
                if not more:
                    return None
                noun, end = more.group(1), end + more.end()
        elif noun.lower() in LEADING_ADJECTIVES:
            more = re.match(rf"^\s+({word})", after[end:])
            if more:
                noun, end = f"{noun} {more.group(1)}", end + more.end()
        if noun.lower() in stop or noun.lower() in DAYS:
            slip = re.match(rf"^\s+({word})", after[end:])
            if slip and slip.group(1).lower() in TIME_UNITS:
                return slip.group(1), end + slip.end()
            return None
        acronym = re.match(r"^\s+([A-Z][A-Z0-9]*(?:&[A-Z]+)?)(?![\w&])", after[end:])
        if acronym and len(acronym.group(1)) > 1:
            noun, end = f"{noun} {acronym.group(1)}", end + acronym.end()
        return noun, end


def _tolerance(qualifier: str, value: Number) -> tuple[int | str | None, tuple[Number, Number] | None]:
    """How far an answer may be from the figure, from the article's wording.

    Exact figures: 0. "Plus de 400" / "more than": the figure to a quarter
    more, [400, 500]. "Moins de", "près de", "almost", "up to": a fifth less to
    the figure. "Environ", "about", a round number ("une cinquantaine", "a
    dozen"): 10% either way.
    """
    if not qualifier:
        return 0, None
    wording = re.sub(r"\s+", " ", qualifier.lower())
    if wording in AT_LEAST:
        return None, (value, _clean(value * 1.25))
    if wording in AT_MOST:
        return None, (_clean(value * 0.8), value)
    return "10%", None


# Excerpts


def _excerpt(text: str, sentence: tuple[int, int], focus: tuple[int, int], limit: int = 220) -> tuple[int, int]:
    """The sentence holding a fact; for a long sentence, the clauses around the fact, 80 characters at least."""
    start, end = sentence
    if end - start <= limit:
        return start, end
    cuts = sorted({start, end, *(start + found.end() for found in re.finditer(r"[,;:(—–]\s*", text[start:end]))})
    low = max(cut for cut in cuts if cut <= focus[0])
    high = min(cut for cut in cuts if cut >= min(focus[1], end))
    while high - low < 80:
        earlier, later = [cut for cut in cuts if cut < low], [cut for cut in cuts if cut > high]
        if later and (not earlier or later[0] - high <= low - earlier[-1]):
            high = later[0]
        elif earlier:
            low = earlier[-1]
        else:
            break
    while high > low and text[high - 1] in " \u00a0,;:(—–":
        high -= 1
    return low, high


# Language and title


def detect_language(text: str) -> str:
    """'fr' or 'en', whichever language's frequent words the text uses most (English on a tie)."""
    words = Counter(word.lower() for word in TOKEN.findall(text))
    scores = {lang: sum(words[word] for word in DETECTION[lang]) for lang in LANGUAGES}
    return "fr" if scores["fr"] > scores["en"] else "en"


# Extraction


def extract(text: str, lang: str | None = None) -> Findings:
    """Everything a draft can be made of: quotations and speakers, figures, people and roles."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks, skipped = _layout(text)
    prose = "\n".join(text[block.start : block.end] for block in blocks)
    language = lang or detect_language(prose)
    if language not in LANGUAGES:
        raise DraftError(f"cannot draft in '{language}': quizgen draft writes French (fr) or English (en)")
    title = text[blocks[0].start : blocks[0].end] if blocks else ""
    scans = [_scan(text, block) for block in blocks]
    people = _People(text, scans)
    speakers, focus_after = _attribute(text, scans, people)
    persons = people.records()
    quotations = _quotations(text, scans, people, persons, speakers)
    figures = _figures(text, scans, language, people, persons, quotations, focus_after)
    return Findings(title, language, tuple(quotations), tuple(figures), tuple(persons), tuple(skipped))


def _person_tags(person: Person | None) -> list[str]:
    if person is None:
        return []
    tags = [slugify(person.name)]
    if person.organisation:
        tags.append(slugify(person.organisation))
    return tags


def _quotations(text: str, scans: list[_Scan], people: _People, persons: list[Person], speakers: Speakers) -> list[Quotation]:
    quotations: list[Quotation] = []
    seen: set[str] = set()
    for scan in scans:
        if scan.block.heading:  # a heading repeats the body, or is a title in quotes
            continue
        for start, end in scan.quotes:
            inner_start, inner_end = _quote_inner(text, start, end)
            words = _flat(text[inner_start:inner_end])
            if not _is_quotation(words) or words in seen:
                continue
            seen.add(words)
            sentence = next(span for span in scan.sentences if span[0] <= start < span[1])
            excerpt = sentence if sentence[1] - sentence[0] <= 300 else (start, end)
            speaker, how = speakers.get(start, (None, None))
            person = persons[speaker] if speaker is not None else None
            named = tuple(
                persons[mention.person].name
                for mention in people.mentions
                if inner_start <= mention.start < inner_end and mention.person != speaker
            )
            tags = (*_person_tags(person), "quote")
            quotations.append(
                Quotation(
                    words,
                    person.name if person else None,
                    how,
                    text[excerpt[0] : excerpt[1]],
                    start,
                    _cloze_target(words),
                    tuple(dict.fromkeys(named)),
                    tags,
                )
            )
    return quotations


def _cloze_target(words: str) -> tuple[int, int]:
    """What a cloze of a quotation hides, in this order: a figure, a nested quotation,
    a run of capitalised words inside a sentence ("French Tech"), a capitalised word, the longest word."""
    figure = re.search(r"\d[\d \u00a0.,]*(?:\s?%|\s?(?:millions?|milliards?|billion|million)\b)?", words)
    if figure:
        return figure.start(), figure.end() - (len(figure.group()) - len(figure.group().rstrip(" \u00a0.,")))
    nested = re.search(r"[«“\"‘]\s*([^«»“”\"‘’]+?)\s*[»”\"’](?!\w)", words)
    if nested:
        return nested.start(1), nested.end(1)
    tokens = list(TOKEN.finditer(words))
    runs: list[tuple[int, int]] = []
    for first, last in _name_runs(words, tokens):
        head = words[: tokens[first].start()].rstrip(" \u00a0")
        if head and head[-1] not in ENDERS and len(tokens[first].group()) + (tokens[last].end() - tokens[first].start()) > 4:
            runs.append((tokens[first].start(), tokens[last].end()))
    if runs:
        return max(runs, key=lambda span: (words[span[0] : span[1]].count(" ") > 0, span[1] - span[0], -span[0]))
    stop = STOPWORDS["fr"] | STOPWORDS["en"]
    best = max(tokens, key=lambda token: (token.group().lower() not in stop, len(token.group()), token.start()))
    return best.start(), best.end()


def _figures(
    text: str,
    scans: list[_Scan],
    lang: str,
    people: _People,
    persons: list[Person],
    quotations: list[Quotation],
    focus_after: dict[int, int | None],
) -> list[Figure]:
    reader = _FigureReader(text, lang)
    body: list[tuple[_RawFigure, _Scan]] = []
    headings: list[tuple[_RawFigure, _Scan]] = []
    for scan in scans:
        for raw in reader.read(scan.block.start, scan.block.end):
            (headings if scan.block.heading else body).append((raw, scan))
    values = {raw.value for raw, _ in body}
    # A heading repeats a figure of the text ("200 millions investis en France"): one question, from the text.
    kept = body + [(raw, scan) for raw, scan in headings if raw.value not in values and (raw.unit or raw.kind == "year")]
    figures = []
    for raw, scan in sorted(kept, key=lambda item: item[0].start):
        sentence = next(span for span in scan.sentences if raw.start < span[1])
        low, high = _excerpt(text, sentence, (raw.start, raw.end))
        tolerance, accepted = _tolerance(raw.qualifier, raw.value) if raw.kind not in ("year", "date") else (0, None)
        tags = _figure_tags(raw, sentence, scan, people, persons, quotations, focus_after)
        figures.append(
            Figure(
                raw.value,
                raw.unit,
                raw.kind,
                text[raw.start : raw.end],
                raw.qualifier,
                tolerance,
                accepted,
                text[low:high],
                (raw.blank[0] - low, raw.blank[1] - low),
                raw.start,
                tags,
            )
        )
    return figures


def _figure_tags(
    raw: _RawFigure,
    sentence: tuple[int, int],
    scan: _Scan,
    people: _People,
    persons: list[Person],
    quotations: list[Quotation],
    focus_after: dict[int, int | None],
) -> tuple[str, ...]:
    """Who a figure is about: its quotation's speaker, else the people and organisations its sentence names,
    else the person in focus."""
    tags: list[str] = []
    for quote_start, quote_end in scan.quotes:
        if quote_start <= raw.start < quote_end:
            quotation = next((q for q in quotations if q.position == quote_start), None)
            if quotation and quotation.speaker:
                tags += _person_tags(next(p for p in persons if p.name == quotation.speaker))
    named = [persons[m.person] for m in people.mentions if sentence[0] <= m.start < sentence[1]]
    if not tags:
        for person in named:
            tags += _person_tags(person)
    sentence_text = people.text[sentence[0] : sentence[1]]
    for organisation in sorted({p.organisation for p in persons if p.organisation}, key=lambda o: (-len(o), o)):
        named_here = re.compile(rf"\b{re.escape(organisation)}\b")
        if named_here.search(sentence_text):
            tags.append(slugify(organisation))
            sentence_text = named_here.sub(" ", sentence_text)
    focus = focus_after.get(sentence[0])
    if not tags and focus is not None:
        tags += _person_tags(persons[focus])
    return (*dict.fromkeys(tags), "figure")


# The bank


WORDING = {
    "fr": {
        "who": "Qui a dit : « {quote} » ?",
        "said": "Le texte attribue cette citation à {speaker}.",
        "cloze": "{speaker} : « {quote} »",
        "cloze_alone": "« {quote} »",
        "cloze_why": "Citation de {speaker}, telle que le texte la rapporte.",
        "cloze_why_alone": "Citation telle que le texte la rapporte ; le texte ne dit pas clairement qui parle.",
        "fill": "Complétez ({label}) : {passage}",
        "figure_why": "Le texte indique « {wording} ».",
        "range_why": " Toute réponse de {low} à {high} est acceptée.",
        "tolerance_why": " Une réponse à {tolerance} près est acceptée.",
        "role": "Quel rôle le texte attribue-t-il à {name} ?",
        "who_role": "Qui le texte présente-t-il comme « {role} » ?",
        "role_why": "Le texte présente {name} comme « {role} ».",
        "amount": "en {unit}",
        "percent": "en %",
        "count": "nombre {of}{unit}",
        "year": "année",
        "date": "jour de {unit}",
    },
    "en": {
        "who": "Who said: “{quote}”?",
        "said": "The text attributes this quotation to {speaker}.",
        "cloze": "{speaker}: “{quote}”",
        "cloze_alone": "“{quote}”",
        "cloze_why": "{speaker}’s words, as the text reports them.",
        "cloze_why_alone": "The words as the text reports them; it does not say clearly who speaks.",
        "fill": "Fill in the blank ({label}): {passage}",
        "figure_why": "The text says “{wording}”.",
        "range_why": " Any answer from {low} to {high} is accepted.",
        "tolerance_why": " Answers within {tolerance} are accepted.",
        "role": "What role does the text give {name}?",
        "who_role": "Who does the text describe as “{role}”?",
        "role_why": "The text describes {name} as “{role}”.",
        "amount": "in {unit}",
        "percent": "in %",
        "count": "number of {unit}",
        "year": "year",
        "date": "day of {unit}",
    },
}


def _format_number(value: Number, lang: str) -> str:
    """200000000 -> '200 000 000' in French (narrow no-break spaces), '200,000,000' in English."""
    shown = f"{value:,}"
    return shown.replace(",", "\u202f").replace(".", ",") if lang == "fr" else shown


class _Ids:
    """Stable, unique slugs: the same article always gives the same ids."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def make(self, *parts: str, suffix: str = "") -> str:
        base = slugify(re.sub(r"[’']", " ", " ".join(part for part in parts if part)))
        if len(base) > 40:  # cut at a word
            base = base[:41].rsplit("-", 1)[0]
        base = "-".join(part for part in (base or "question", suffix) if part)
        candidate, n = base, 1
        while candidate in self.used:
            n += 1
            candidate = f"{base}-{n}"
        self.used.add(candidate)
        return candidate


def _first_words(words: str, n: int = 4) -> str:
    return " ".join(re.findall(r"[^\W_]+", words)[:n])


def _choices(answer: str, others: list[str], key: str, limit: int = 4) -> list[str]:
    """The answer among up to three distractors, at a place that depends on the question only."""
    distractors = [other for other in dict.fromkeys(others) if other.casefold() != answer.casefold()][: limit - 1]
    choices = list(distractors)
    choices.insert(zlib.crc32(key.encode()) % (len(distractors) + 1), answer)
    return choices


def _surname_forms(person: Person) -> list[str]:
    forms = [person.name.split()[-1], *person.variants]
    return [form for form in dict.fromkeys(forms) if form != person.name]


def _questions(findings: Findings) -> list[dict[str, Any]]:
    lang = findings.language
    words = WORDING[lang]
    ids = _Ids()
    by_name = {person.name: person for person in findings.people}
    speaking = Counter(q.speaker for q in findings.quotations if q.speaker)
    # Distractors: the other speakers first (most quoted first), then everyone else in order of appearance.
    ranked = sorted(findings.people, key=lambda p: (-speaking[p.name], p.position))
    people_order = [person.name for person in ranked]
    items: list[tuple[int, int, dict[str, Any]]] = []
    for quotation in findings.quotations:
        items.extend(
            (quotation.position, order, question)
            for order, question in enumerate(_quotation_questions(quotation, people_order, by_name, ids, words))
        )
    for figure in findings.figures:
        items.append((figure.position, 0, _figure_question(figure, ids, words, lang)))
    roles = findings.roles
    for person in roles:
        items.append((person.position, 0, _role_question(person, roles, ids, words)))
    return [question for _, _, question in sorted(items, key=lambda item: (item[0], item[1]))]


def _quotation_questions(
    quotation: Quotation, people_order: list[str], by_name: dict[str, Person], ids: _Ids, words: dict[str, str]
) -> list[dict[str, Any]]:
    speaker = quotation.speaker
    opening = _first_words(quotation.text)
    questions = []
    if speaker is not None:
        question_id = ids.make(speaker, opening)
        others = [name for name in people_order if name != speaker and name not in quotation.mentions]
        prompt = words["who"].format(quote=quotation.text)
        question: dict[str, Any] = {"id": question_id, "type": "mcq", "draft": True, "prompt": prompt}
        if others:
            question["choices"] = _choices(speaker, others, question_id)
            question["answer"] = speaker
        else:
            question["type"] = "short"
            question["answer"] = speaker
            if forms := _surname_forms(by_name[speaker]):
                question["accept"] = forms
        difficulty = 1 if quotation.attribution == "named" else 2
        question |= _closing(quotation.tags, difficulty, words["said"].format(speaker=speaker), quotation.excerpt)
        questions.append(question)
    start, end = quotation.cloze
    hidden = quotation.text[start:end]
    if "::" not in hidden and "{{" not in quotation.text and "}}" not in quotation.text:
        cloze = quotation.text[:start] + "{{c1::" + hidden + "}}" + quotation.text[end:]
        text = words["cloze"].format(speaker=speaker, quote=cloze) if speaker else words["cloze_alone"].format(quote=cloze)
        why = words["cloze_why"].format(speaker=speaker) if speaker else words["cloze_why_alone"]
        cloze_id = ids.make(speaker or "quote", opening, suffix="cloze")
        questions.append(
            {"id": cloze_id, "type": "cloze", "draft": True, "text": text, **_closing(quotation.tags, 2, why, quotation.excerpt)}
        )
    return questions


def _figure_id(figure: Figure) -> tuple[str, ...]:
    """The words an id is made of: "year 2015", "day 30 juin", "200 millions de dollars", "45m dollars", "49 percent"."""
    if figure.kind == "year":
        return ("year", str(figure.value))
    if figure.kind == "date":
        return ("day", figure.wording)
    wording = figure.wording.replace("%", " percent")
    return (wording,) if slugify(figure.unit) in slugify(wording) else (wording, figure.unit)


def _figure_question(figure: Figure, ids: _Ids, words: dict[str, str], lang: str) -> dict[str, Any]:
    low, high = figure.blank
    passage = _flat(figure.excerpt[:low] + "…" + figure.excerpt[high:])
    unit = figure.unit
    if figure.kind == "count" or figure.kind == "duration":
        of = "d’" if lang == "fr" and unit[:1].lower() in "aeiouyhéèêàâîôû" else "de "
        label = words["count"].format(of=of, unit=unit)
    elif figure.kind == "amount":
        label = words["amount"].format(unit=unit)
    else:
        label = words[figure.kind].format(unit=unit)
    question: dict[str, Any] = {
        "id": ids.make(*_figure_id(figure)),
        "type": "numeric",
        "draft": True,
        "prompt": words["fill"].format(label=label, passage=passage),
        "answer": figure.value,
    }
    if unit:
        question["unit"] = unit
    why = words["figure_why"].format(wording=re.sub(r"\s+", " ", figure.wording))
    if figure.range is not None:
        question["range"] = list(figure.range)
        why += words["range_why"].format(low=_format_number(figure.range[0], lang), high=_format_number(figure.range[1], lang))
    else:
        question["tolerance"] = figure.tolerance
        if figure.tolerance:
            tolerance = str(figure.tolerance).replace("%", "\u00a0%") if lang == "fr" else str(figure.tolerance)
            why += words["tolerance_why"].format(tolerance=tolerance)
    return question | _closing(figure.tags, 2, why, figure.excerpt)


def _closing(tags: tuple[str, ...], difficulty: int, explanation: str, source: str) -> dict[str, Any]:
    """The fields every drafted question ends with."""
    return {"tags": list(tags), "difficulty": difficulty, "explanation": explanation, "source": source}


def _role_question(person: Person, roles: tuple[Person, ...], ids: _Ids, words: dict[str, str]) -> dict[str, Any]:
    assert person.role is not None
    role = person.role[:1].upper() + person.role[1:]
    others = [p.role[:1].upper() + p.role[1:] for p in roles if p is not person and p.role]
    question_id = ids.make(person.name, suffix="role")
    question: dict[str, Any] = {"id": question_id, "type": "mcq", "draft": True}
    if len({other.casefold() for other in others} - {role.casefold()}) >= 2:
        question |= {"prompt": words["role"].format(name=person.name), "choices": _choices(role, others, question_id), "answer": role}
    else:
        question |= {"type": "short", "prompt": words["who_role"].format(role=person.role), "answer": person.name}
        if forms := _surname_forms(person):
            question["accept"] = forms
    tags = (*_person_tags(person), "people")
    return question | _closing(tags, 1, words["role_why"].format(name=person.name, role=person.role), person.excerpt or person.name)


class _Dumper(yaml.SafeDumper):
    """Never anchors and aliases, which a bank refuses: a repeated value is written out again."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _require_questions(findings: Findings, name: str) -> None:
    if not (findings.quotations or findings.figures or findings.roles):
        lines = "no line of prose" if not findings.title else "its prose"
        raise DraftError(f"{name}: found no quotation, figure or person with a role in {lines} to draft a question from")


def render_bank(findings: Findings, *, source_file: str, title: str | None = None) -> tuple[str, int]:
    """The YAML text of a draft bank and its number of questions; the article gave nothing: DraftError."""
    _require_questions(findings, source_file)
    questions = _questions(findings)
    source_title = findings.title or Path(source_file).stem
    bank = {
        "title": title or source_title,
        "languages": [findings.language],
        "source": {"title": source_title, "file": source_file},
        "questions": questions,
    }
    header = (
        f"# A draft written by `quizgen draft` from {source_file}.\n"
        "# Every question has draft: true. Review each one, fix it or delete it, then remove its draft line;\n"
        "# check it with: quizgen check THIS_FILE --strict\n"
    )
    body = yaml.dump(bank, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return header + body, len(questions)


def draft_bank(text: str, *, source_file: str, lang: str | None = None, title: str | None = None) -> str:
    """The YAML of a draft bank for an article's text; `source_file` is the article's path relative to the bank."""
    return render_bank(extract(text, lang), source_file=source_file, title=title)[0]


def default_output(article: Path) -> Path:
    """Where `quizgen draft ARTICLE` writes without -o: ARTICLE's stem + .draft.yaml, in the current folder."""
    return Path(f"{article.stem}.draft.yaml")


def write_draft(
    article: Path, output: Path | None = None, *, lang: str | None = None, title: str | None = None, force: bool = False
) -> Draft:
    """Read an article, draft a bank from it and write the bank to `output`, never over a file unless `force`."""
    text = read_text(article)
    if not text.strip():
        raise DraftError(f"{article} is empty: there is nothing to draft from")
    output = output if output is not None else default_output(article)
    if output.is_dir():
        raise DraftError(f"{output} is a folder; give the draft a file name with -o FILE")
    if output.exists() and not force:
        raise DraftError(f"{output} already exists; a draft never replaces a bank silently: choose another -o FILE or add --force")
    findings = extract(text, lang)
    _require_questions(findings, str(article))
    try:
        relative = os.path.relpath(article.resolve(), output.resolve().parent)
    except ValueError:  # another drive, on Windows
        relative = str(article.resolve())
    source_file = Path(relative).as_posix()
    rendered, questions = render_bank(findings, source_file=source_file, title=title)
    write_atomic(output, rendered)
    return Draft(rendered, findings, questions)

"""How questions and answers read as plain text, in the bank's languages; shared by every output."""

from __future__ import annotations

import functools
import html
import random
import re
from collections.abc import Mapping, Sequence
from typing import TypeVar

from .model import (
    Cloze,
    Deletion,
    Match,
    MultipleAnswer,
    MultipleChoice,
    Numeric,
    Order,
    Question,
    ShortAnswer,
    TrueFalse,
    cloze_parts,
)

T = TypeVar("T")

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "true": "True",
        "false": "False",
        "answer": "Answer",
        "explanation": "Explanation",
        "source": "Source",
        "hint": "Hint",
        "cloze": "Fill in the blanks.",
        "or": "or",
        "between": "between {low} and {high}",
        "within": "give or take {tolerance}",
        "quote": "“{text}”",
        "excerpt": "Source: {excerpt}",
        "excerpt_from": "Source ({title}): {excerpt}",
        "answer_line": "Answer: {answer}",
        "handout_name": "Name:",
        "handout_class": "Class:",
        "handout_date": "Date:",
        "handout_source": "Source: {source}",
        "handout_instructions": "Answer every question on this sheet: tick the boxes, fill in the blanks, write on the lines.",
        "handout_version": "Version {letter}",
        "handout_page": "Version {letter} — page {page}/{pages}",
        "handout_key": "Answer key — version {letter}",
        "handout_key_page": "Answer key, version {letter} — page {page}/{pages}",
        "handout_number": "No.",
        "handout_tick_one": "Tick one box.",
        "handout_tick_all": "Tick all that apply.",
        "handout_rank": "Number the boxes in order, from 1.",
        "handout_link": "Link each item on the left to one on the right.",
    },
    "fr": {
        "true": "Vrai",
        "false": "Faux",
        "answer": "Réponse",
        "explanation": "Explication",
        "source": "Source",
        "hint": "Indice",
        "cloze": "Complétez les blancs.",
        "or": "ou",
        "between": "entre {low} et {high}",
        "within": "à {tolerance} près",
        "quote": "«\u00a0{text}\u00a0»",
        "excerpt": "Source\u00a0: {excerpt}",
        "excerpt_from": "Source ({title})\u00a0: {excerpt}",
        "answer_line": "Réponse\u00a0: {answer}",
        "handout_name": "Nom\u00a0:",
        "handout_class": "Classe\u00a0:",
        "handout_date": "Date\u00a0:",
        "handout_source": "Source\u00a0: {source}",
        "handout_instructions": "Répondez à toutes les questions sur cette feuille\u00a0: "
        "cochez les cases, complétez les blancs, écrivez sur les lignes.",
        "handout_version": "Version {letter}",
        "handout_page": "Version {letter} — page {page}/{pages}",
        "handout_key": "Corrigé — version {letter}",
        "handout_key_page": "Corrigé, version {letter} — page {page}/{pages}",
        "handout_number": "N°",
        "handout_tick_one": "Cochez une case.",
        "handout_tick_all": "Cochez toutes les bonnes réponses.",
        "handout_rank": "Numérotez les cases dans l’ordre, à partir de 1.",
        "handout_link": "Reliez chaque élément de gauche à un élément de droite.",
    },
}
"""Words quizgen itself puts in outputs, so a French bank gives French cards and handouts."""

BLANK = "[…]"


def label(key: str, lang: str) -> str:
    """A quizgen word in `lang` (English for a language it does not know)."""
    return localized(LABELS, key, lang)


def localized(table: Mapping[str, Mapping[str, str]], key: str, lang: str) -> str:
    """`key` in `table`'s words for `lang`, or for English when the table does not have that language."""
    return table.get(base_language(lang), table["en"])[key]


def base_language(lang: str) -> str:
    """'fr-CA' -> 'fr': quizgen's words and number formats go by language, not by region."""
    return lang.split("-")[0]


def prompt_text(question: Question, lang: str) -> str:
    """The question's prompt; a cloze without one gets a generic instruction."""
    if question.prompt is not None:
        return question.prompt[lang]
    return label("cloze", lang)


def format_number(value: float, lang: str) -> str:
    """200000000 -> '200,000,000' (en) or '200 000 000' (fr, with narrow no-break spaces); 2.5 -> '2.5' or '2,5'."""
    whole = abs(value) < 1e15 and value == int(value)
    text = f"{int(value):,}" if whole else f"{value:,.15g}"
    if base_language(lang) == "fr":
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


def quantity(question: Numeric, lang: str) -> str:
    """The answer with its unit: '200 000 000 dollars'."""
    unit = f" {question.unit[lang]}" if question.unit is not None else ""
    return format_number(question.answer, lang) + unit


def accepted_values(question: Numeric, lang: str) -> str:
    """What the tolerance or range accepts, or '' for an exact answer."""
    if question.range is not None:
        low, high = question.range
        return label("between", lang).format(low=format_number(low, lang), high=format_number(high, lang))
    if question.tolerance:
        return label("within", lang).format(tolerance=format_number(question.tolerance, lang))
    return ""


def cloze_text(text: str, shown: int | None = None, reveal: bool = False) -> str:
    """A cloze text with its deletions as blanks (or answers, if `reveal`).

    With `shown`, only deletion number `shown` is blanked (or revealed); the
    others read as their answers, as on an Anki cloze card.
    """
    pieces = []
    for part in cloze_parts(text):
        if isinstance(part, Deletion):
            hidden = shown is None or part.number == shown
            pieces.append(part.answer if reveal or not hidden else BLANK)
        else:
            pieces.append(part)
    return "".join(pieces)


def answer_text(question: Question, lang: str) -> str:
    """The right answer on one line, as a person would say it."""
    if isinstance(question, MultipleChoice):
        return question.choices[question.answer][lang]
    if isinstance(question, MultipleAnswer):
        return "; ".join(question.choices[index][lang] for index in question.answers)
    if isinstance(question, TrueFalse):
        return label("true" if question.answer else "false", lang)
    if isinstance(question, ShortAnswer):
        return question.answer[lang]
    if isinstance(question, Numeric):
        extra = accepted_values(question, lang)
        return quantity(question, lang) + (f" ({extra})" if extra else "")
    if isinstance(question, Cloze):
        return cloze_text(question.text[lang], reveal=True)
    if isinstance(question, Match):
        return "; ".join(f"{left[lang]} → {right[lang]}" for left, right in question.pairs)
    if isinstance(question, Order):
        return " → ".join(item[lang] for item in question.items)
    raise TypeError(question.type)


OPENING_QUOTES = '«“"'
CLOSING_QUOTES = '»”"'
QUOTE_PAIRS = {"«": "\u00a0»", "“": "”", '"': '"'}


def quoted(excerpt: str, lang: str) -> str:
    """An excerpt in quotation marks: its own when it has them, else the language's.

    An excerpt cut inside a quotation keeps its one mark and gets the other
    ('« Hollande … ont compris' -> '« Hollande … ont compris »'), never a second pair around it.
    """
    opens, closes = excerpt[:1] in OPENING_QUOTES, excerpt[-1:] in CLOSING_QUOTES
    if len(excerpt) > 1 and opens and closes:
        return excerpt
    if len(excerpt) > 1 and opens:
        return excerpt + QUOTE_PAIRS[excerpt[0]]
    if len(excerpt) > 1 and closes:
        opening = {close.strip(): open_ for open_, close in QUOTE_PAIRS.items()}[excerpt[-1]]
        return opening + ("\u00a0" if opening == "«" else "") + excerpt
    return label("quote", lang).format(text=excerpt)


def html_text(text: str) -> str:
    """Bank text as HTML that shows every character as written, line breaks included."""
    return html.escape(text).replace("\n", "<br>")


def letter(index: int) -> str:
    """0 -> 'a', 25 -> 'z', 26 -> 'aa', 27 -> 'ab': the letters of spreadsheet columns, for choices and versions."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("a") + rest) + name
    return name


def scrambled(size: int, *seed: object) -> list[int]:
    """Positions 0..size-1 in a seeded order that is never the right order, which would give an answer away."""
    order = shuffled(range(size), *seed)
    return order[1:] + order[:1] if size > 1 and order == sorted(order) else order


def shuffled(items: Sequence[T], *seed: object) -> list[T]:
    """`items` in an order that depends only on the seed parts (the same on every machine and run)."""
    order = list(items)
    random.Random("\x1f".join(str(part) for part in seed)).shuffle(order)
    return order


# French puts a no-break space inside « » and before ? ! : ; so that they never start a line.
FRENCH_SPACE_BEFORE = re.compile(r"[ \t]+(?=[?!:;»])")
FRENCH_SPACE_AFTER = re.compile(r"(?<=«)[ \t]+")
FRENCH_INVERSION = re.compile(r"(?<=\w)-(t-)?(?=(?:il|ils|elle|elles|on|iel|iels)\b)", re.IGNORECASE)
"""The hyphens of an inverted pronoun ('préfère-t-il', 'dit-elle'): a line must not break after them."""
WORD_JOINER = "\u2060"
"""An invisible character that forbids a line break where it stands (typst and browsers both honour it)."""


@functools.lru_cache(maxsize=4096)
def typographic(text: str, lang: str) -> str:
    """The language's typography made unbreakable (cached: every version prints the same texts).

    French: 'Cisco ?' keeps its '?' on the same line, « » hold their words, and
    'préfère-t-il' never breaks after a hyphen.
    """
    if base_language(lang) != "fr":
        return text
    text = FRENCH_SPACE_AFTER.sub("\u00a0", FRENCH_SPACE_BEFORE.sub("\u00a0", text))
    return FRENCH_INVERSION.sub(lambda found: "-" + WORD_JOINER + ("t-" + WORD_JOINER if found.group(1) else ""), text)

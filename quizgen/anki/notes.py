"""What each question puts in its Anki note: the fields, the tags, the media, the number of cards; pure but for reading images."""

from __future__ import annotations

import hashlib
import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..bank.media import SNIFFED, image_kind
from ..errors import QuizgenError
from ..files import inside, read_bytes
from ..identity import deck_id, deck_name, note_guid, web_link
from ..model import (
    Bank,
    Cloze,
    Image,
    Match,
    MultipleAnswer,
    MultipleChoice,
    Numeric,
    Order,
    Question,
    ShortAnswer,
    TrueFalse,
    cloze_deletions,
    cloze_parts,
    slugify,
)
from ..present import (
    BLANK,
    accepted_values,
    answer_text,
    base_language,
    format_number,
    html_text,
    label,
    letter,
    localized,
    prompt_text,
    quantity,
    scrambled,
    shuffled,
)
from .notetypes import FIELDS, NOTE_TYPES, TYPED, digest

MAX_CLOZE = 65536
"""The largest cloze number Anki imports: a card's template number is 16 bits (c70000 stops the whole import)."""
STEM_LENGTH = 80
"""Deck file names are cut to about this many characters (a file name may have at most 255 bytes)."""

WORDS = {
    "en": {
        "withdrawn": "This question was withdrawn from the deck.",
        "withdrawn_back": "Its author removed it, perhaps because it was wrong. "
        "Find every withdrawn question in the Browse window with the search <code>tag:{tag}</code> and delete them.",
        "also_blank": "Blank {number} also accepts: {answers}",
        "unused": "Matches nothing: {items}",
    },
    "fr": {
        "withdrawn": "Cette question a été retirée du paquet.",
        "withdrawn_back": "Son auteur l’a retirée, peut-être parce qu’elle était fausse. "
        "Retrouvez les questions retirées dans la fenêtre Parcourir avec la recherche <code>tag:{tag}</code> et supprimez-les.",
        "also_blank": "Le blanc {number} accepte aussi\u00a0: {answers}",
        "unused": "Ne correspond à rien\u00a0: {items}",
    },
}
"""Words of the Anki cards only; the words every output shares are present.LABELS."""


def word(key: str, lang: str) -> str:
    return localized(WORDS, key, lang)


@dataclass(frozen=True)
class Media:
    """A file of the deck's media: its name in Anki's media folder (from its content, so an edited picture is a new file)."""

    name: str
    data: bytes


@dataclass(frozen=True)
class NoteContent:
    """One question (or the tombstone of a withdrawn one) as an Anki note in one language, before any timestamp."""

    question_id: str
    note_type: str
    """The key of NOTE_TYPES."""
    guid: str
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    clozes: tuple[int, ...] = ()
    """A cloze's deletion numbers: one card each."""
    media: tuple[Media, ...] = ()

    @property
    def cards(self) -> int:
        return len(self.clozes) if NOTE_TYPES[self.note_type].cloze else 1

    @property
    def digest(self) -> str:
        """A hash of what an import updates: fields, tags, note type (and the GUID it is matched by)."""
        return digest([self.guid, NOTE_TYPES[self.note_type].id, self.fields, self.tags])


@dataclass(frozen=True)
class DeckContent:
    """One language of a bank as an Anki deck, before any timestamp."""

    id: int
    name: str
    description: str
    key: str
    """The deck's tag root: quizgen::KEY::…"""
    lang: str
    notes: tuple[NoteContent, ...]

    @property
    def cards(self) -> int:
        return sum(note.cards for note in self.notes)


# ---------------------------------------------------------------- names


def deck_key(bank: Bank, lang: str | None = None) -> str:
    """The slug of the deck's name in `lang` (default: the bank's first language), for file names and tags.

    The name is taken without the " (fr)" quizgen adds to tell equally named decks apart, which a bank exported as
    JSON keeps in its one deck name: both give one key. A slug longer than STEM_LENGTH is cut at a hyphen and gets the
    deck id, to stay unique; a name with no Latin letter or digit gives `quizgen-DECKID`, so two such banks never share
    a file.
    """
    lang = bank.default_language if lang is None else lang
    name = bank.deck.name[lang].removesuffix(f" ({lang})")
    slug = slugify(name)
    if not slug:
        return f"quizgen-{deck_id(bank, lang)}"
    if len(slug) <= STEM_LENGTH:
        return slug
    return f"{slug[:STEM_LENGTH].rsplit('-', 1)[0] or slug[:STEM_LENGTH]}-{deck_id(bank, lang)}"


def tag_root(key: str) -> str:
    return f"quizgen::{key}"


def note_tags(question: Question, key: str) -> tuple[str, ...]:
    """The bank's tags under the bank's root, then the question's type and difficulty."""
    root = tag_root(key)
    return (*(f"{root}::{tag}" for tag in question.tags), f"{root}::type::{question.type}", f"{root}::difficulty::{question.difficulty}")


# ---------------------------------------------------------------- lists


@dataclass(frozen=True)
class Option:
    """One line of a lettered list: a choice, an item to order, a side of a pair."""

    key: str
    text: str
    state: str = ""
    """'right' or 'wrong' on the back of a choice question; empty elsewhere."""
    rank: int | None = None
    choice: int | None = None
    """The choice's number in the bank, for the card script to reorder and mark it."""


def keyed(key: str, text: str) -> str:
    return f'<span class="key">{key}</span><span class="text">{text}</span>'


def option_list(options: Sequence[Option], kind: str = "", pills: bool = False) -> str:
    lines = []
    for option in options:
        attributes = f' class="{option.state}"' if option.state else ""
        if option.choice is not None:
            attributes += f' data-choice="{option.choice}"'
        rank = f'<span class="rank">{option.rank}</span>' if option.rank is not None else ""
        mark = '<span class="mark">✓</span>' if option.state == "right" else ""
        text = f'<span class="text">{option.text}</span>' if pills else keyed(option.key, option.text)
        lines.append(f"<li{attributes}>{rank}{text}{mark}</li>")
    classes = "options pills" if pills else "options"
    data = f' data-kind="{kind}"' if kind else ""
    return f'<ul class="{classes}"{data}>{"".join(lines)}</ul>'


# ---------------------------------------------------------------- the types


@dataclass(frozen=True)
class Parts:
    """A question's type-specific fields."""

    body: str = ""
    choices: str = ""
    answer: str = ""
    answer_text: str = ""
    accept: tuple[str, ...] = ()


def choice_parts(question: MultipleChoice | MultipleAnswer, lang: str) -> Parts:
    right = {question.answer} if isinstance(question, MultipleChoice) else set(question.answers)
    order = shuffled(range(len(question.choices)), question.id)
    texts = [(letter(shown).upper(), html_text(question.choices[index][lang]), index) for shown, index in enumerate(order)]
    front = option_list([Option(key, text, choice=index) for key, text, index in texts], question.type)
    back = option_list(
        [Option(key, text, "right" if index in right else "wrong", choice=index) for key, text, index in texts], question.type
    )
    return Parts(choices=front, answer=back, answer_text=html_text(answer_text(question, lang)))


def true_false_parts(question: TrueFalse, lang: str) -> Parts:
    words = [(html_text(label("true", lang)), True), (html_text(label("false", lang)), False)]
    front = option_list([Option("", text, choice=int(value)) for text, value in words], "truefalse", pills=True)
    states = ["right" if value == question.answer else "wrong" for _, value in words]
    back = option_list(
        [Option("", text, state, choice=int(value)) for (text, value), state in zip(words, states, strict=True)], "truefalse", pills=True
    )
    return Parts(choices=front, answer=back, answer_text=html_text(answer_text(question, lang)))


def short_parts(question: ShortAnswer, lang: str) -> Parts:
    answer = question.answer[lang]
    others = [html_text(text[lang]) for text in question.accept if text[lang] != answer]
    back = f'<div class="verdict">{html_text(answer)}</div>'
    if others:
        back += f'<div class="also">{html_text(label("or", lang))} {" · ".join(others)}</div>'
    return Parts(answer=back, answer_text=html_text(answer), accept=tuple(others))


def numeric_parts(question: Numeric, lang: str) -> Parts:
    front = f'<div class="blank">{BLANK} {html_text(question.unit[lang])}</div>' if question.unit is not None else ""
    back = f'<div class="verdict">{html_text(quantity(question, lang))}</div>'
    accepted = accepted_values(question, lang)
    if accepted:
        back += f'<div class="also">({html_text(accepted)})</div>'
    # A typed answer is compared character by character: the plain number, without the grouping spaces no one types.
    grouping = "\u202f" if base_language(lang) == "fr" else ","
    typed = format_number(question.answer, lang).replace(grouping, "")
    return Parts(body=front, answer=back, answer_text=html_text(typed), accept=(html_text(accepted),) if accepted else ())


def cloze_parts_of(question: Cloze, lang: str) -> Parts:
    pieces = []
    for part in cloze_parts(question.text[lang]):
        if isinstance(part, str):
            pieces.append(html_text(part))
        else:
            hint = f"::{html_text(part.hint)}" if part.hint is not None else ""
            pieces.append(f"{{{{c{part.number}::{html_text(part.answer)}{hint}}}}}")
    numbers = sorted({deletion.number for deletion in cloze_deletions(question.text[lang])})
    others = [(number, [html_text(text) for text in question.accepted(number, lang)[1:]]) for number in numbers]
    lines = [word("also_blank", lang).format(number=number, answers=" · ".join(texts)) for number, texts in others if texts]
    answer = "".join(f'<div class="also">{line}</div>' for line in lines)
    accept = tuple(f"c{number}: {' · '.join(texts)}" for number, texts in others if texts)
    return Parts(body="".join(pieces), answer=answer, answer_text=html_text(answer_text(question, lang)), accept=accept)


def match_parts(question: Match, lang: str) -> Parts:
    column = question.right_column(lang)
    solution = question.solution(lang)
    order = scrambled(len(column), question.id)
    keys = {index: letter(shown).upper() for shown, index in enumerate(order)}
    lefts = option_list([Option(str(number), html_text(left[lang])) for number, (left, _) in enumerate(question.pairs, 1)])
    rights = option_list([Option(keys[index], html_text(column[index])) for index in order])
    rows = "".join(
        f"<tr><td>{keyed(str(number), html_text(left[lang]))}</td><td>{keyed(keys[right], html_text(column[right]))}</td></tr>"
        for number, ((left, _), right) in enumerate(zip(question.pairs, solution, strict=True), 1)
    )
    back = f'<table class="pairs">{rows}</table>'
    unused = [f"{keys[index]} {html_text(column[index])}" for index in order if index not in solution]
    if unused:
        back += f'<div class="unused">{word("unused", lang).format(items=" · ".join(unused))}</div>'
    return Parts(body=f'<div class="columns">{lefts}{rights}</div>', answer=back, answer_text=html_text(answer_text(question, lang)))


def order_parts(question: Order, lang: str) -> Parts:
    order = scrambled(len(question.items), question.id)
    keys = {index: letter(shown).upper() for shown, index in enumerate(order)}
    front = option_list([Option(keys[index], html_text(question.items[index][lang])) for index in order])
    back = option_list([Option(keys[index], html_text(item[lang]), rank=index + 1) for index, item in enumerate(question.items)])
    return Parts(body=front, answer=back, answer_text=html_text(answer_text(question, lang)))


def type_parts(question: Question, lang: str) -> Parts:
    if isinstance(question, MultipleChoice | MultipleAnswer):
        return choice_parts(question, lang)
    if isinstance(question, TrueFalse):
        return true_false_parts(question, lang)
    if isinstance(question, ShortAnswer):
        return short_parts(question, lang)
    if isinstance(question, Numeric):
        return numeric_parts(question, lang)
    if isinstance(question, Cloze):
        return cloze_parts_of(question, lang)
    if isinstance(question, Match):
        return match_parts(question, lang)
    if isinstance(question, Order):
        return order_parts(question, lang)
    raise TypeError(question.type)


# ---------------------------------------------------------------- notes


ReadImage = Callable[[Bank, Question, Image], Media]


def read_image(bank: Bank, question: Question, image: Image) -> Media:
    """The picture's bytes, named by their hash; a file outside the bank's folder or unreadable is refused where it is named."""
    where = f"{bank.path}:{question.line}: question '{question.id}': image"
    path = inside(Path(bank.path).parent, image.file, where)
    try:
        data = read_bytes(path)
    except QuizgenError as exc:
        raise QuizgenError(f"{where} {image.file!r} cannot be read: {exc}") from None
    # Named by content and format, so that a changed picture is a new file in Anki and its name says what it is.
    kind = image_kind(data[:SNIFFED])
    suffix = {"jpeg": ".jpg", None: path.suffix.lower()}.get(kind, f".{kind}")
    return Media(f"quizgen-{hashlib.sha256(data).hexdigest()[:20]}{suffix}", data)


def excerpts(question: Question) -> str:
    """The question's verbatim excerpts, its own then each pair's or item's, as paragraphs."""
    texts = [question.source] if question.source is not None else []
    if isinstance(question, Match):
        texts += [text for text in question.pair_sources if text is not None]
    if isinstance(question, Order):
        texts += [text for text in question.item_sources if text is not None]
    unique = list(dict.fromkeys(texts))
    if len(unique) == 1:
        return html_text(unique[0])
    return "".join(f"<p>{html_text(text)}</p>" for text in unique)


def check_cloze_numbers(question: Cloze, bank: Bank, lang: str) -> None:
    for deletion in cloze_deletions(question.text[lang]):
        if deletion.number > MAX_CLOZE:
            raise QuizgenError(
                f"{bank.path}:{question.line}: question '{question.id}': cloze number c{deletion.number} is more than Anki "
                f"can import; number the blanks from c1 (Anki takes c1 to c{MAX_CLOZE})"
            )


def note_content(question: Question, bank: Bank, lang: str, key: str, typed: bool = False, image: ReadImage = read_image) -> NoteContent:
    """The note of `question` in `lang`; `typed`: short and numeric answers are typed on the card."""
    if isinstance(question, Cloze):
        check_cloze_numbers(question, bank, lang)
    parts = type_parts(question, lang)
    media = image(bank, question, question.image) if question.image is not None else None
    alt = question.image.alt[lang] if question.image is not None and question.image.alt is not None else ""
    source = bank.source
    fields = {
        "Id": html.escape(f"{question.id}@{lang}"),
        "Prompt": html_text(prompt_text(question, lang)),
        "Body": parts.body,
        "Choices": parts.choices,
        "Answer": parts.answer,
        "AnswerText": parts.answer_text,
        "Accept": "<br>".join(parts.accept),
        "Image": f'<img src="{media.name}" alt="{html.escape(alt)}">' if media is not None else "",
        "Explanation": html_text(question.explanation[lang]) if question.explanation is not None else "",
        "Source": excerpts(question),
        "SourceTitle": html_text(source.title[lang]) if source is not None else "",
        "SourceLink": html.escape(web_link(bank) or ""),
        "Hint": html_text(question.hint[lang]) if question.hint is not None else "",
        "Lang": html.escape(lang),
        "Points": f"{question.points:g}",
        "Extra": "",
    }
    note_type = f"{question.type}-typed" if typed and question.type in TYPED else question.type
    clozes = tuple(sorted({deletion.number for deletion in cloze_deletions(question.text[lang])})) if isinstance(question, Cloze) else ()
    return NoteContent(
        question.id,
        note_type,
        note_guid(bank, lang, question.id),
        tuple(fields[name] for name in FIELDS),
        note_tags(question, key),
        clozes,
        (media,) if media is not None else (),
    )


def tombstone(bank: Bank, lang: str, key: str, question_id: str, note_type: str, clozes: Sequence[int]) -> NoteContent:
    """What a withdrawn question's note becomes: its own GUID and note type, a front that says it was withdrawn,
    and one tag to find every such note."""
    tag = f"{tag_root(key)}::removed"
    message = html.escape(word("withdrawn", lang))
    cloze = NOTE_TYPES[note_type].cloze
    fields = dict.fromkeys(FIELDS, "")
    fields.update(
        {
            "Id": html.escape(f"{question_id}@{lang}"),
            "Prompt": message,
            # A cloze note keeps one deletion per card it had, so that none of its cards turns empty.
            "Body": " ".join(f"{{{{c{number}::…}}}}" for number in clozes) if cloze else "",
            "Answer": word("withdrawn_back", lang).format(tag=html.escape(tag)),
            "Lang": html.escape(lang),
            "Points": "0",
        }
    )
    return NoteContent(
        question_id, note_type, note_guid(bank, lang, question_id), tuple(fields[name] for name in FIELDS), (tag,), tuple(clozes)
    )


def deck_description(bank: Bank, lang: str) -> str:
    text = f"<p>{html_text(bank.title[lang])}</p>"
    source = bank.source
    if source is not None:
        date = f" ({html_text(source.date)})" if source.date is not None else ""
        text += f"<p>\u2014 {html_text(source.title[lang])}{date}</p>"
    return text


Advance = Callable[[], None]
"""Told that one more step of a long build is done, to move a progress bar."""


def ignore() -> None:
    """An Advance for builds nobody watches."""


def deck_content(bank: Bank, lang: str, advance: Advance = ignore, typed: bool = False, image: ReadImage = read_image) -> DeckContent:
    """What the deck of `bank` in `lang` holds (without tombstones: they come from the lock); the same on every run.
    `advance` is called after each note."""
    key = deck_key(bank, lang)
    notes = []
    for question in bank.questions:
        notes.append(note_content(question, bank, lang, key, typed, image))
        advance()
    return DeckContent(deck_id(bank, lang), deck_name(bank, lang), deck_description(bank, lang), key, lang, tuple(notes))

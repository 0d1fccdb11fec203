"""Pass 4, attribution: who says each quotation, in a walk through the article that keeps the person in focus."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .lexicon import PRONOUNS, STOPWORDS
from .people import Anaphor, People, name_runs, person_tags
from .records import Attribution, Person, Quotation
from .sentences import Scan, is_quotation, quote_inner
from .text import ENDERS, TOKEN, Span, flat

Speakers = dict[int, tuple[int | None, Attribution | None]]
"""Who says each quotation (a person's index, and how that was found), keyed by the quotation's start."""


@dataclass(frozen=True)
class _Subject:
    """A person a sentence names, or designates by a role, as a possible speaker."""

    person: int
    start: int
    end: int
    how: Attribution


def attribute(text: str, scans: list[Scan], people: People) -> tuple[Speakers, dict[int, int | None]]:
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
            subjects = _subjects(people, start, end, focus)
            following = _named_subjects(people, *scan.sentences[number + 1]) if number + 1 < len(scan.sentences) else []
            said: int | None = None
            for quote_start, quote_end in scan.quotes:
                if start <= quote_start < end:
                    speaker, how = _speaker(text, scan, (start, end), (quote_start, quote_end), subjects, following, focus)
                    speakers[quote_start] = (speaker, how)
                    said = speaker if speaker is not None else said
            if said is not None:
                focus = said
            elif subjects:
                focus = subjects[-1].person
            focus_after[start] = focus
    return speakers, focus_after


def _subjects(people: People, start: int, end: int, focus: int | None) -> list[_Subject]:
    """The people a sentence names as possible subjects, in order, roles resolved.

    A role may stand for the person in focus, so the focus moves along the sentence.
    """
    found: list[tuple[int, int, int | Anaphor]] = [(named.start, named.end, named.person) for named in _named_subjects(people, start, end)]
    found += [(anaphor.start, anaphor.end, anaphor) for anaphor in people.anaphors if start <= anaphor.start < end]
    subjects = []
    for subject_start, subject_end, who in sorted(found, key=lambda item: item[0]):
        if isinstance(who, Anaphor):
            person = people.resolve(who, focus)
            if person is not None:
                people.give_role(person, who)
                subjects.append(_Subject(person, subject_start, subject_end, "role"))
                focus = person
        else:
            subjects.append(_Subject(who, subject_start, subject_end, "named"))
            focus = who
    return subjects


def _named_subjects(people: People, start: int, end: int) -> list[_Subject]:
    """The people a sentence names as possible subjects (roles left out: this only looks ahead)."""
    return [
        _Subject(mention.person, mention.start, mention.end, "named")
        for mention in people.mentions
        if mention.attributive and start <= mention.start < end
    ]


def _speaker(
    text: str,
    scan: Scan,
    sentence: Span,
    quote: Span,
    subjects: list[_Subject],
    following: list[_Subject],
    focus: int | None,
) -> tuple[int | None, Attribution | None]:
    """Who says one quotation, and how that was found (the order of `attribute`'s docstring)."""
    after = [subject for subject in subjects if subject.start >= quote[1]]
    before = [subject for subject in subjects if subject.end <= quote[0]]
    if after and len(re.findall(r"\w+", text[quote[1] : after[0].start])) <= 4:  # "« ... », a rappelé Jay Carney"
        return after[0].person, after[0].how
    if before or after:
        subject = (before or after)[0]
        return subject.person, subject.how
    if not text[scan.block.start : quote[0]].strip() and following:
        return following[0].person, "following"
    if focus is None:
        return None, None
    outside = "".join(text[a:b] for a, b in _outside(sentence, scan.quotes))
    return focus, "pronoun" if PRONOUNS.search(outside) else "context"


def _outside(span: Span, holes: Iterable[Span]) -> list[Span]:
    """The parts of `span` outside the `holes`: a sentence without its quotations."""
    parts, position = [], span[0]
    for start, end in sorted(holes):
        if end <= span[0] or start >= span[1]:
            continue
        parts.append((position, max(position, start)))
        position = max(position, end)
    parts.append((position, span[1]))
    return parts


def find_quotations(text: str, scans: list[Scan], people: People, persons: list[Person], speakers: Speakers) -> list[Quotation]:
    """The quotations of the article's prose, each once, with their speakers; the terms in quotes left out."""
    quotations: list[Quotation] = []
    seen: set[str] = set()
    for scan in scans:
        if scan.block.heading:  # a heading repeats the body, or is a title in quotes
            continue
        for start, end in scan.quotes:
            inner_start, inner_end = quote_inner(text, start, end)
            words = flat(text[inner_start:inner_end])
            if not is_quotation(words) or words in seen:
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
            tags = (*person_tags(person), "quote")
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


def _cloze_target(words: str) -> Span:
    """What a cloze of a quotation hides, in this order: a figure, a nested quotation,
    a run of capitalised words inside a sentence ("French Tech"), a capitalised word, the longest word."""
    figure = re.search(r"\d[\d \u00a0.,]*(?:\s?%|\s?(?:millions?|milliards?|billion|million)\b)?", words)
    if figure:
        return figure.start(), figure.end() - (len(figure.group()) - len(figure.group().rstrip(" \u00a0.,")))
    nested = re.search(r"[«“\"‘]\s*([^«»“”\"‘’]+?)\s*[»”\"’](?!\w)", words)
    if nested:
        return nested.start(1), nested.end(1)
    tokens = list(TOKEN.finditer(words))
    runs: list[Span] = []
    for first, last in name_runs(words, tokens):
        head = words[: tokens[first].start()].rstrip(" \u00a0")
        if head and head[-1] not in ENDERS and len(tokens[first].group()) + (tokens[last].end() - tokens[first].start()) > 4:
            runs.append((tokens[first].start(), tokens[last].end()))
    if runs:
        return max(runs, key=lambda span: (words[span[0] : span[1]].count(" ") > 0, span[1] - span[0], -span[0]))
    stop = STOPWORDS["fr"] | STOPWORDS["en"]
    best = max(tokens, key=lambda token: (token.group().lower() not in stop, len(token.group()), token.start()))
    return best.start(), best.end()

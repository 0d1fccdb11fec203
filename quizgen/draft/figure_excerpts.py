"""Where a figure is shown and whom it is about: its excerpt (its sentence, or the clauses around it in a long one)
and its tags (the speaker of its quotation, the people and organisations its excerpt names)."""

from __future__ import annotations

from ..model import slugify
from . import figure_patterns as patterns
from .people import People, person_tags
from .records import Person, Quotation
from .sentences import Scan
from .text import Span


def excerpt_of(text: str, sentence: Span, focus: Span, limit: int = patterns.EXCERPT_LIMIT) -> Span:
    """The sentence holding a fact; for a long sentence, the clauses around the fact, 80 characters at least,
    within `limit` characters of it (an unpunctuated transcript is one endless sentence), cut at words."""
    start, end = sentence
    if end - start <= limit:
        return start, end
    start, end = max(start, focus[0] - limit), min(end, focus[1] + limit)
    if start > sentence[0]:  # start on a word
        space = text.find(" ", start, focus[0])
        start = space + 1 if space != -1 else start
    if end < sentence[1]:
        space = text.rfind(" ", focus[1], end)
        end = space if space != -1 else end
    found = list(patterns.CUT.finditer(text[start:end]))
    cuts = sorted({start, end, *(start + cut.end() for cut in found)})
    # An excerpt may end before a parenthesis but does not start right after one: "CEBR) found…" reads as a fragment.
    inside = {start + cut.end() for cut in found if cut.group().startswith("(")}
    low = max(cut for cut in cuts if cut <= focus[0] and cut not in inside)
    high = min(cut for cut in cuts if cut >= min(focus[1], end))
    while high - low < 80:
        earlier, later = [cut for cut in cuts if cut < low and cut not in inside], [cut for cut in cuts if cut > high]
        if later and (not earlier or later[0] - high <= low - earlier[-1]):
            high = later[0]
        elif earlier:
            low = earlier[-1]
        else:
            break
    while high > low and text[high - 1] in " \u00a0,;:(—–":
        high -= 1
    return low, high


def figure_tags(
    figure_start: int,
    excerpt: Span,
    sentence_start: int,
    scan: Scan,
    people: People,
    persons: list[Person],
    by_name: dict[str, Person],
    quotations: dict[int, Quotation],
    organisations: dict[str, list[str]],
    focus_after: dict[int, int | None],
) -> tuple[str, ...]:
    """Who a figure is about: its quotation's speaker, else the people and organisations its excerpt names,
    else the person in focus."""
    tags: list[str] = []
    quote = scan.quote_spans.holding(figure_start)
    if quote is not None:
        quotation = quotations.get(quote[0])
        if quotation and quotation.speaker:
            tags += person_tags(by_name[quotation.speaker])
    named = [persons[m.person] for m in people.mentions_in(*excerpt)]
    if not tags:
        for person in named:
            tags += person_tags(person)
    # Each word of the excerpt that starts an organisation's name, in turn (a word per name: linear in the excerpt).
    text = people.text
    position = excerpt[0]
    for word in patterns.WORD.finditer(text, excerpt[0], excerpt[1]):
        if word.start() < position:
            continue
        for organisation in organisations.get(word.group(), ()):
            end = word.start() + len(organisation)
            if end <= excerpt[1] and text.startswith(organisation, word.start()) and not text[end : end + 1].isalnum():
                tags.append(slugify(organisation))
                position = end
                break
    focus = focus_after.get(sentence_start)
    if not tags and focus is not None:
        tags += person_tags(persons[focus])
    return (*dict.fromkeys(tags), "figure")

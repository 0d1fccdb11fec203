"""Pass 4, attribution: who says each quotation, in a walk through the article that keeps the person in focus.

Right or absent: a quotation gets a speaker only when the article says who
speaks, by a name, a role that stands for one person, a pronoun with one
possible antecedent, or as the continuation of a quotation just attributed.
A quotation the reader could only guess about keeps no speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from .lexicon import LOOSE_SPEECH_VERBS, POSTNOMINALS, PRONOUN_CLAUSE, ROLE_NOUNS, SAYING_NOUNS, SPEECH_VERBS
from .people import Anaphor, Mention, People, name_runs, names_in, person_tags
from .records import Attribution, Person, Quotation
from .sentences import Scan, is_quotation, quote_inner
from .text import ENDERS, TOKEN, Span, flat

CONTEXT = 1500
"""How far back (in characters) a pronoun looks for the person it stands for."""
SAME_SENTENCE = 150
"""How close (in characters) two people of one gender named before a pronoun make it either one's."""
_LETTERS = re.compile(r"[^\W\d_]+")
_CROWD = re.compile(
    r"(?i)\b(?:(?:banners?|signs?|placards?|posters?|pancartes?|banderoles?)\s+(?:saying|reading|proclaiming|that\s+read|disant|proclamant)"
    r"|chanting|chanted|chantaient|scandant|scandaient|scandé|slogans?"
    r"|(?:when|if|being|was|were)\s+asked(?:\s+(?:if|whether|about))?|interrogée?s?\s+sur)\s*:?\s*$"
)
"""Words before a quotation that make it a crowd's, a banner's or a question put to someone: "bearing banners saying
“…” and chanting “…”", "When asked “why can’t we crack that nut”, Mr Barkley said"."""
_WORDS = re.compile(r"\w+")
_NON_SPACE = re.compile(r"\S")
"""Whether only spaces lie between two points, found at the first letter: no copy of a paragraph that may be 10 MB."""
_OTHER_SOURCE = re.compile(
    r"\b(?i:from|by|according\s+to|selon|de\s+la\s+part\s+d(?:es|u|e\s+la|e\s+l[’']))\s+(?i:(?:the|les|des|some|many)\s+)?"
    r"(?!(?:his|its|this|was|is|has|us|yes|hers|theirs|ours|yours|always|perhaps|lui|eux|elles?)\b)[a-zàâçéèêëîïôûùüÿœ]{3,}s\b"
)
"""Between the one person a sentence names and its quotation, other people as its source: "amid claims from unions",
"selon des habitants" (not "from his home", "by Reuters")."""
_INCISE = re.compile(r"[,—–]\s*([^\W\d_]+)(?:-t-(?:il|elle))?\s+(?:(?:le|la|les|l[’']|the)\b\s*)?([^\W\d_]+)")
"""An incise inside a quotation: ", retient le Procureur", ", souligne Bernard Pivot", ", said the mayor" (group 2: the
word after the verb, a name or a role)."""
_COLON = re.compile(r"\s*:")
_VERB_AFTER = re.compile(
    rf"(?:\s+{POSTNOMINALS}(?!\w))?\s*(?:,[^,]{{0,60}},\s*)?(?:(?:a|avait|has|had|also|then|later|ne|n[’'])\s+)*([^\W\d_’']+)"
)
_CHARGE = re.compile(
    r"(?i)\b(?:(?:was|were|been|is|are|being|found|a\s+été|ont\s+été|est|sont|été)\s+(?:\w+\s+)?"
    r"(?:convicted|charged|accused|guilty|acquitted|suspected|condamnée?s?|accusée?s?|inculpée?s?|poursuivie?s?|soupçonnée?s?"
    r"|reconnue?s?\s+coupables?)|pleaded\s+(?:not\s+)?guilty|mise?s?\s+en\s+examen)"
    r"(?:\s+\w+){0,2}\s+(?:of|with|to|pour|de|d[’'])?\s*$"
    r"|(?i:c[’']est[- ]à[- ]dire|autrement\s+dit|that\s+is(?:\s+to\s+say)?|i\.\s?e\.|namely)\s*,?:?\s*$"
)
"""Words before a quotation that make it a charge's wording, not the words of the person charged ("who was
convicted earlier of “doing acts intending…”", "mis en examen pour « … »"; not "Johnson accused Labour of “…”"),
or the writer's gloss ("responsable produit, c'est à dire « offre, itinéraire, fréquence et amplitude »")."""
_CLAUSE_TO_QUOTE = re.compile(r"[\s\w’'-]*[:,]?\s*")
"""Patterns read at every quotation, compiled once."""
_CLOZE_FIGURE = re.compile(r"(?<!\w)\d[\d \u00a0.,]*(?:\s?%|\s?(?:millions?|milliards?|billion|million)\b)?(?![^\W_])")
"""A figure a cloze may hide: a number of its own, not the digits of "P3", "D1B" or "08H00"."""


@dataclass(frozen=True)
class Speaker:
    """Who says a quotation, how that was found, and where the article says so (the start of the clause or the name)."""

    person: int | None
    how: Attribution | None
    clause: int | None = None


Speakers = dict[int, Speaker]
"""Who says each quotation, keyed by the quotation's start."""


@dataclass(frozen=True)
class _Subject:
    """A person a sentence names, or designates by a role, as a possible speaker."""

    person: int
    start: int
    end: int
    how: Attribution


class _Walk:
    """The walk through the article: the person in focus, the last quotation attributed, the recent subjects."""

    def __init__(self, text: str, people: People, lang: str) -> None:
        self.text = text
        self.people = people
        self.lang = lang
        self.focus: int | None = None
        self.subjects: list[_Subject] = []
        """Every subject so far, in order: a pronoun looks back through them."""
        self.subject_starts: list[int] = []
        self.last: tuple[int, Speaker] | None = None
        """The end of the last quotation given a speaker, and that speaker."""
        self.speakers: Speakers = {}
        """The speaker of each quotation so far, by its start."""

    def remember(self, subjects: list[_Subject]) -> None:
        for subject in subjects:
            self.subjects.append(subject)
            self.subject_starts.append(subject.start)

    def antecedent(self, gender: str | None, position: int, current: list[_Subject]) -> _Subject | None:
        """The person a pronoun at `position` stands for: the last one named of that gender (in the sentence so
        far, `current`, then before); if nobody's gender is known, the one person named lately. Two candidates
        and no gender to choose, someone of unknown gender named since, or someone speaking since whom the
        article names by one unknown word ("Gauff said she..."): nobody."""
        index = bisect_left(self.subject_starts, position) - 1
        seen: list[_Subject] = [subject for subject in reversed(current) if subject.end <= position]
        while index >= 0 and self.subjects[index].start >= position - CONTEXT and len(seen) < 30:
            seen.append(self.subjects[index])
            index -= 1
        seen = [subject for subject in seen if not self.people.unknown_speaker_between(subject.end, position)]
        if gender is not None:
            for number, subject in enumerate(seen):
                known = self.people.gender(subject.person)
                if known == gender:
                    # "Mr Eager said Paris 'cooperated fully'. … 'Punishment is severe,' he said": two men named in the
                    # sentence before, and the pronoun could be either one's.
                    close = seen[number:]
                    # (in its paragraph: a man named at the end of the paragraph before is not in that sentence)
                    near = {
                        s.person
                        for s in close
                        if s.start >= subject.start - SAME_SENTENCE
                        and self.people.gender(s.person) == gender
                        and "\n" not in self.text[s.start : subject.start]
                    }
                    return subject if len(near) == 1 else None
                if known is None:
                    break  # "Claude Martin" since: the pronoun may be theirs, unless they are the one person named lately
        people = {subject.person for subject in seen}
        if len(people) == 1:
            subject = seen[0]
            known = self.people.gender(subject.person)
            return subject if gender is None or known is None or known == gender else None
        return None


def attribute(text: str, scans: list[Scan], people: People, lang: str) -> tuple[Speakers, dict[int, int | None]]:
    """Who says each quotation, keyed by the quotation's start; and the person in focus after each sentence.

    The person in focus is the last one named as a subject: outside quotations
    and parentheses, not after a preposition, or designated by a role. A
    heading clears it: a new section.

    A quotation's speaker is, in this order:
    1. named: a person named as a subject right after the quotation
       ("« ... », a rappelé Jay Carney"), or by a role there (", a expliqué la ministre");
    2. pronoun: "a-t-elle ajouté", "he said" next to the quotation: the last person
       named of that gender (the one person named lately when no gender is known);
    3. named before it in its sentence ("Jay Carney a rappelé que « ... »"), when one
       person only is named there or one of them is the subject of a verb of saying;
    4. continued: a quotation right after one that was just attributed, with only the
       attribution clause between them ("“...,” Ren said. “...”");
    5. following: for a quotation that opens its paragraph, a person named as the subject of
       a verb of saying in the next sentence;
    6. a quotation that goes on into the next paragraph takes the speaker named where it ends.
    Anything else is nobody's: the article does not say.
    """
    focus_after: dict[int, int | None] = {}
    walk = _Walk(text, people, lang)
    speakers = walk.speakers
    pending: list[int] = []  # quotations left open at the end of their paragraph, waiting for where they end
    for scan in scans:
        if scan.block.heading:
            walk.focus = None
            pending = []
        if pending and not (scan.quotes and scan.quotes[0][0] == scan.block.start):
            pending = []  # a quotation goes on only into a paragraph that opens on a quotation mark
        quotes = list(scan.quotes)
        q = 0
        for number, (start, end) in enumerate(scan.sentences):
            subjects = _subjects(people, start, end, walk.focus)
            said: int | None = None
            while q < len(quotes) and quotes[q][0] < end:
                quote = quotes[q]
                q += 1
                if quote[0] < start:
                    continue
                speaker = _speaker(walk, scan, number, quote, subjects)
                if speaker.person is None and pending and quote[0] == scan.block.start:
                    speaker = Speaker(None, None)  # decided when the quotation ends
                speakers[quote[0]] = speaker
                if speaker.person is not None:
                    said = speaker.person
                    walk.last = (quote[1], speaker)
                    for earlier in pending:
                        speakers[earlier] = Speaker(speaker.person, "continued", speaker.clause)
                    pending = []
            walk.remember(subjects)
            if said is not None:
                walk.focus = said
            elif subjects:
                walk.focus = subjects[-1].person
            focus_after[start] = walk.focus
        # A quotation left open goes on in the next paragraph (which starts with a quotation mark, by custom).
        if scan.left_open and quotes and speakers[quotes[-1][0]].person is None:
            pending.append(quotes[-1][0])
        elif not scan.left_open:
            pending = []
    return speakers, focus_after


def _subjects(people: People, start: int, end: int, focus: int | None) -> list[_Subject]:
    """The people a sentence names as possible subjects, in order, roles resolved.

    A role may stand for the person in focus, so the focus moves along the sentence.
    """
    found: list[tuple[int, int, Mention | Anaphor]] = [(m.start, m.end, m) for m in people.mentions_in(start, end) if m.attributive]
    found += [(anaphor.start, anaphor.end, anaphor) for anaphor in people.anaphors_in(start, end)]
    subjects = []
    for subject_start, subject_end, who in sorted(found, key=lambda item: item[0]):
        if isinstance(who, Anaphor):
            person = people.resolve(who, focus)
            if person is not None:
                people.give_role(person, who)
                subjects.append(_Subject(person, subject_start, subject_end, "role"))
                focus = person
        else:
            subjects.append(_Subject(who.person, subject_start, subject_end, "named"))
            focus = who.person
    return subjects


def _speaker(walk: _Walk, scan: Scan, number: int, quote: Span, subjects: list[_Subject]) -> Speaker:
    """Who says one quotation, and how that was found (the order of `attribute`'s docstring)."""
    text = walk.text
    sentence = scan.sentences[number]
    after = [subject for subject in subjects if subject.start >= quote[1]]
    before = [subject for subject in subjects if subject.end <= quote[0]]
    following_quote = scan.quote_spans.first_start(quote[1], scan.block.end)
    if _CROWD.search(text, max(sentence[0], quote[0] - 40), quote[0]) or _CHARGE.search(text, max(sentence[0], quote[0] - 60), quote[0]):
        return Speaker(None, None)  # a banner, a chant, a question put, a charge: nobody's own words, whoever the sentence names
    # 0. In an incise inside the quotation: «…, assure Pelletier. …», «…, explique cette ancienne contrôleur…».
    inside = [subject for subject in subjects if quote[0] < subject.start < quote[1]]
    if inside:
        return Speaker(inside[0].person, inside[0].how, inside[0].start)
    # 1. Right after the quotation: "« ... », a rappelé Jay Carney", "“...,” Chief Executive Greg Mesch said".
    unknown_after = walk.people.unknown_speaker_between(quote[1], after[0].start if after else min(following_quote, sentence[1]))
    if unknown_after:  # "“...,” said Gauff, who beat Caroline Wozniacki": the speaker is the word nobody knows
        return Speaker(None, None)
    if after and after[0].start < following_quote:
        gap = _LETTERS.findall(text[quote[1] : after[0].start])
        if len(gap) <= 4 or (len(gap) <= 10 and any(word.lower() in SPEECH_VERBS for word in gap)):
            return Speaker(after[0].person, after[0].how, after[0].start)
    # 2. A pronoun clause next to the quotation: "», a-t-elle ajouté", "she said", "Elle ajoute : «".
    clause = _pronoun_clause(walk, scan, quote, min(following_quote, sentence[1]))
    if clause is not None:
        gender, position = clause
        subject = walk.antecedent(gender, position, before)
        return Speaker(subject.person, "pronoun", subject.start) if subject is not None else Speaker(None, None)
    # 3. Named before it in the sentence.
    before = [subject for subject in before if not walk.people.unknown_speaker_between(subject.end, quote[0])]
    if before and _OTHER_SOURCE.search(text, before[-1].end, quote[0]):
        return Speaker(None, None)  # "David Cameron admitted…, amid claims from unions the NHS was “…”"
    if before:
        speaking = [subject for subject in before if _speaks_after(text, subject.end, quote[0])]
        if speaking:
            return Speaker(speaking[-1].person, speaking[-1].how, speaking[-1].start)
        if len({subject.person for subject in before}) == 1 and not after:
            return Speaker(before[-1].person, before[-1].how, before[-1].start)
        return Speaker(None, None)
    if after and after[0].start < following_quote and _speaks_after(text, after[0].end, following_quote):
        return Speaker(after[0].person, after[0].how, after[0].start)
    # Its own clause says someone said it, and names nobody the article names: «…», a reconnu le quadruple médaillé olympique.
    if any(word.lower() in SPEECH_VERBS for word in _LETTERS.findall(text, quote[1], min(following_quote, sentence[1]))[:4]):
        return Speaker(None, None)
    # Its own incise says someone speaks, whom the article does not name: «…, retient le Procureur X. …» is X's, not
    # the next sentence's speaker's.
    if any(
        found.group(1).lower() in SPEECH_VERBS and (found.group(2)[:1].isupper() or found.group(2).lower() in ROLE_NOUNS)
        for found in _INCISE.finditer(text, quote[0], quote[1])
    ):
        return Speaker(None, None)
    # 4. Right after a quotation just attributed, with only the attribution clause between.
    if walk.last is not None:
        last_end, last = walk.last
        between = text[last_end : quote[0]]
        if (
            _NON_SPACE.search(text, sentence[0], quote[0]) is None
            and scan.block.start <= last_end
            and len(_WORDS.findall(between)) <= 6
            and "\n" not in between
        ):
            return Speaker(last.person, "continued", last.clause)
    opens_sentence = _NON_SPACE.search(text, sentence[0], quote[0]) is None
    # 5. Right after a sentence that names one person and says they speak: "X a nuancé. « ... »", "X ajoute :".
    if opens_sentence and number > 0:
        start, end = scan.sentences[number - 1]
        named = _subjects(walk.people, start, end, walk.focus)
        # "« C’était fantastique », a réagi la championne qui a loué sa rivale Paolini. « J’ai été… »": that sentence's
        # verb of saying is its own quotation's, whose speaker is not Paolini.
        others = [walk.speakers[q[0]].person for q in scan.quote_spans.starting_in(start, end) if q[0] in walk.speakers]
        if (
            len({subject.person for subject in named}) == 1
            and _says(text, scan, start, end)
            and not walk.people.unknown_speaker_between(start, end)
            and all(person == named[-1].person for person in others)
        ):
            return Speaker(named[-1].person, named[-1].how, named[-1].start)
    # 6. A quotation that opens its paragraph: the person the next sentence names as saying it.
    if _NON_SPACE.search(text, scan.block.start, quote[0]) is None and number + 1 < len(scan.sentences):
        start, end = scan.sentences[number + 1]
        mentions = [mention for mention in walk.people.mentions_in(start, end) if mention.attributive]
        alone = not walk.people.unknown_speaker_between(start, end)
        if mentions and len({mention.person for mention in mentions}) == 1 and alone and _says(text, scan, start, end):
            return Speaker(mentions[0].person, "following", mentions[0].start)
    return Speaker(None, None)


def _says(text: str, scan: Scan, start: int, end: int) -> bool:
    """A sentence that says someone speaks: a verb of saying or a noun of words outside its quotations, or a final colon."""
    if text[start:end].rstrip().endswith(":"):
        return True
    words: list[str] = []
    position = start
    for quote_start, quote_end in scan.quote_spans.starting_in(start, end):
        words += _LETTERS.findall(text[position:quote_start])
        position = quote_end
    words += _LETTERS.findall(text[position:end])
    return any((word.lower() in SPEECH_VERBS and word.lower() not in LOOSE_SPEECH_VERBS) or word.lower() in SAYING_NOUNS for word in words)


def _pronoun_clause(walk: _Walk, scan: Scan, quote: Span, following_quote: int) -> tuple[str | None, int] | None:
    """(gender, position) of a pronoun attribution clause right after the quotation or right before it."""
    pattern = PRONOUN_CLAUSE[walk.lang]
    text = walk.text
    after = pattern.search(text, quote[1], min(following_quote, quote[1] + 40, scan.block.end))
    if after is not None and len(_WORDS.findall(text[quote[1] : after.start()])) <= 3:
        return _gender(after), after.start()
    window = max(scan.block.start, quote[0] - 120)
    before = None
    for found in pattern.finditer(text, window, quote[0]):
        before = found
    if before is not None and _CLAUSE_TO_QUOTE.fullmatch(text[before.end() : quote[0]]):
        return _gender(before), before.start()
    return None


def _gender(found: re.Match[str]) -> str | None:
    pronoun = next((group for group in found.groups() if group), "").lower()
    return "f" if pronoun in ("elle", "she") else "m" if pronoun in ("il", "he") else None


def _speaks_after(text: str, end: int, limit: int) -> bool:
    """A verb of saying or a colon right after a subject: "Jay Carney a rappelé que", "Ren said", "X ajoute :"."""
    window = text[end : min(limit, end + 80)]
    if _COLON.match(window):
        return True
    found = _VERB_AFTER.match(window)
    return found is not None and found.group(1).lower() in SPEECH_VERBS


def find_quotations(text: str, scans: list[Scan], people: People, persons: list[Person], speakers: Speakers) -> list[Quotation]:
    """The quotations of the article's prose, each once, with their speakers; the terms in quotes left out."""
    quotations: list[Quotation] = []
    seen: set[str] = set()
    starts = [scan.block.start for scan in scans]
    for scan in scans:
        if scan.block.heading:  # a heading repeats the body, or is a title in quotes
            continue
        for start, end in scan.quotes:
            inner_start, inner_end = quote_inner(text, start, end)
            words = flat(text[inner_start:inner_end])
            key = " ".join(_WORDS.findall(words.casefold()))
            if not is_quotation(words) or key in seen:
                continue
            seen.add(key)
            number = scan.sentence_at(start)
            sentence = scan.sentences[number]
            speaker = speakers.get(start, Speaker(None, None))
            excerpt = sentence if sentence[1] - sentence[0] <= 300 else (start, end)
            person = persons[speaker.person] if speaker.person is not None else None
            if person is not None and speaker.clause is not None:
                # The excerpt must show who speaks: from the quotation's sentence to the one that names them.
                clause = _sentence_of(scans, starts, speaker.clause)
                low, high = min(excerpt[0], clause[0]), max(excerpt[1], clause[1])
                if high - low > 600:
                    person = None  # too far apart to show together: the question would not prove its answer
                else:
                    excerpt = (low, high)
                    if speaker.how == "role" and person.excerpt is not None:
                        # "a expliqué la ministre": show where the article says who the minister is, when it is close.
                        given = _sentence_of(scans, starts, person.position)
                        if max(high, given[1]) - min(low, given[0]) <= 600:
                            excerpt = (min(low, given[0]), max(high, given[1]))
            if person is not None and speaker.person is not None and not names_in(text[excerpt[0] : excerpt[1]], person):
                # "she said", "a-t-il ajouté", "le président d’Arianespace": the excerpt goes back to where the article names them.
                named_at = _named_before(people, text, speaker.person, person, excerpt[0])
                if named_at is None or excerpt[1] - _sentence_of(scans, starts, named_at)[0] > 600:
                    person = None
                else:
                    excerpt = (_sentence_of(scans, starts, named_at)[0], excerpt[1])
            if person is None:
                speaker = Speaker(None, None)
            named = tuple(
                persons[mention.person].name for mention in people.mentions_in(inner_start, inner_end) if mention.person != speaker.person
            )
            tags = (*person_tags(person), "quote")
            quotations.append(
                Quotation(
                    words,
                    person.name if person else None,
                    speaker.how,
                    text[excerpt[0] : excerpt[1]],
                    start,
                    _cloze_target(words),
                    tuple(dict.fromkeys(named)),
                    tags,
                    _is_partial(text, scan, start, end, words),
                )
            )
    return quotations


def _named_before(people: People, text: str, index: int, person: Person, position: int) -> int | None:
    """Where the article last names the person (so that `names_in` holds) within 600 characters before `position`."""
    for mention in reversed(people.mentions_in(max(0, position - 600), position)):
        if mention.person == index and names_in(text[mention.start : mention.end], person):
            return mention.start
    return None


def _sentence_of(scans: list[Scan], starts: list[int], position: int) -> Span:
    """The sentence that holds `position`, in whichever block (`starts`: the blocks' starts)."""
    scan = scans[max(0, bisect_left(starts, position + 1) - 1)]
    return scan.sentences[scan.sentence_at(position)]


def _is_partial(text: str, scan: Scan, start: int, end: int, words: str) -> bool:
    """A fragment quoted inside the writer's own sentence ("to “fix the foundations”"), not a sentence of the speaker:
    it does not start its sentence or a clause, and it does not start with a capital."""
    head = text[max(scan.block.start, start - 3) : start].rstrip()
    opens = not head or head[-1] in ENDERS + ":—–-(" + '»”"'
    return not opens and not words[:1].isupper()


def _cloze_target(words: str) -> Span | None:
    """What a cloze of a quotation hides, in this order: a figure, a nested quotation, a run of capitalised words
    inside a sentence ("French Tech"), a capitalised word; None when it has none of these. Not the longest word:
    teachers struck out every such blank as a test of the language, not of the article ("particular", "irréel")."""
    figure = _CLOZE_FIGURE.search(words)
    if figure:
        return figure.start(), figure.end() - (len(figure.group()) - len(figure.group().rstrip(" \u00a0.,")))
    nested = re.search(r"[«“\"‘]\s*([^«»“”\"‘’\s][^«»“”\"‘’]*?)\s*[»”\"’](?!\w)", words)  # words, not a lone space
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
    return None

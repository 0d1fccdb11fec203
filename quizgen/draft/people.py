"""Pass 3, people: names, the roles the article gives them, and the roles that stand for them.

A name is two or more capitalised words starting with a known first name, a
title (M., Mme, Mr, Dr) or carrying a role in apposition ("X, patron du
MEDEF", "Cofondateur de Wikipedia, X"). Spellings of one person are merged
(same first name, surnames one edit apart: "Jay Carner" is "Jay Carney"), and
the person is shown under the spelling used most, then the one in a heading,
then the first.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import slugify
from .lexicon import DAYS, FIRST_NAMES, MONTH_NAMES, NAME_PARTICLES, PREPOSITIONS, ROLE_NOUNS, ROLE_PREFIXES, TITLES
from .records import Person
from .sentences import Scan
from .text import CAPITALS, TOKEN, Span, flat

ORGANISATION = re.compile(
    rf"\b(?:de|du|des|d[’']|of|at|chez|for)\s*(?:(?:la|le|les|the)\s+|l[’'])?([0-9{CAPITALS}][\w&-]*(?:\s+[{CAPITALS}][\w&-]*)*)"
)
"""The organisation of a role: "de Cisco", "d’Amazon", "du MEDEF", "of Acme", "de la Maison Blanche"."""


@dataclass(frozen=True)
class Mention:
    """A person named at [start, end): by a full name, or by a surname that is theirs alone."""

    person: int
    """The person's index in `People.builders`."""
    start: int
    end: int
    attributive: bool
    """Outside quotations and parentheses, and not the object of a preposition: it may be a speaker."""


@dataclass(frozen=True)
class Anaphor:
    """A role standing for a person not named there: "le Président exécutif de Cisco"."""

    start: int
    end: int
    role: str
    organisation: str


@dataclass(frozen=True)
class _Role:
    """A role as the article words it ("patron du MEDEF"), and the span that gives it ("Pierre Gattaz, le patron du MEDEF")."""

    wording: str
    organisation: str | None
    span: Span


@dataclass
class _PersonBuilder:
    """One person, as their mentions are found: every spelling, where each appears, their role."""

    spellings: Counter[str] = field(default_factory=Counter)
    first_at: dict[str, int] = field(default_factory=dict)
    in_heading: set[str] = field(default_factory=set)
    role: _Role | None = None
    role_in_heading: bool = False

    @property
    def name(self) -> str:
        """The spelling used most, then one used in a heading, then the first."""
        return min(self.spellings, key=lambda s: (-self.spellings[s], s not in self.in_heading, self.first_at[s]))

    @property
    def first(self) -> int:
        return min(self.first_at.values())

    def add(self, spelling: str, position: int, heading: bool) -> None:
        self.spellings[spelling] += 1
        self.first_at.setdefault(spelling, position)
        if heading:
            self.in_heading.add(spelling)


class People:
    """The people of an article, their mentions and roles.

    Attribution reads `mentions` and `anaphors`, and may give a person in
    focus the role that designated them (`give_role`); `records` comes last.
    """

    def __init__(self, text: str, scans: list[Scan]) -> None:
        self.text = text
        self.builders: list[_PersonBuilder] = []
        self.mentions: list[Mention] = []
        self.anaphors: list[Anaphor] = []
        self.appositions: list[Span] = []
        """Where a name comes with its role: a role there is that person's, not an anaphor."""
        found: list[tuple[str, int, int, Scan]] = []
        for scan in scans:
            found.extend((name, start, end, scan) for name, start, end in self._names(scan))
        for name, start, end, scan in found:
            person = self._person(name, start, scan.block.heading)
            self._mention(person, start, end, scan)
        self._surnames(scans, [(start, end) for _, start, end, _ in found])
        for scan in scans:
            self._find_anaphors(scan)
        self.mentions.sort(key=lambda mention: mention.start)

    def resolve(self, anaphor: Anaphor, focus: int | None) -> int | None:
        """The person a role stands for: whoever the article gave that role, else the person in focus."""
        for index, builder in enumerate(self.builders):
            role = builder.role
            if role is not None and role.organisation == anaphor.organisation and _role_core(role.wording) == _role_core(anaphor.role):
                return index
        return focus

    def give_role(self, person: int, anaphor: Anaphor) -> None:
        """The role a person in focus was designated by becomes theirs, if they had none."""
        builder = self.builders[person]
        if builder.role is None:
            builder.role = _Role(anaphor.role, anaphor.organisation, (anaphor.start, anaphor.end))

    def records(self) -> list[Person]:
        people = []
        for builder in self.builders:
            name = builder.name
            variants = tuple(sorted(set(builder.spellings) - {name}, key=lambda s: builder.first_at[s]))
            role = builder.role
            if role is None:
                people.append(Person(name, variants=variants, position=builder.first))
            else:
                start, end = role.span
                organisation = role.organisation and flat(role.organisation)
                people.append(Person(name, flat(role.wording), organisation, self.text[start:end], variants, start))
        return people

    def _names(self, scan: Scan) -> list[tuple[str, int, int]]:
        """The names in a block: (name, start, end)."""
        text = self.text
        tokens = list(TOKEN.finditer(text, scan.block.start, scan.block.end))
        names = []
        for first, last in name_runs(text, tokens):
            # The name starts at its first name or after its title: "Selon Jean Dupont", "M. Dupont".
            known = next((k for k in range(first, last) if tokens[k].group() in FIRST_NAMES | TITLES), None)
            if known is not None:
                first = known + 1 if tokens[known].group() in TITLES else known
            start, end = tokens[first].start(), tokens[last].end()
            role = self._apposition(start, end, scan)
            if (known is not None and last >= first) or (last > first and role is not None):
                names.append((flat(text[start:end]), start, end))
                if role is not None and not _inside(start, scan.quotes):
                    self.appositions.append(role.span)
        return names

    def _apposition(self, start: int, end: int, scan: Scan) -> _Role | None:
        """A role given next to a name: "X, patron du MEDEF" or "Cofondateur de Wikipedia, X"."""
        text = self.text
        after = re.match(r"\s*,\s*([^,.;:()«»“”—–]+)", text[end : scan.block.end])
        if after:
            role = _role_at(after.group(1))
            if role is not None:
                role_start, role_end, organisation = role
                base = end + after.start(1)
                return _Role(text[base + role_start : base + role_end], organisation, (start, base + role_end))
        before = re.search(r"([^,.;:()«»“”—–]+),\s*$", text[scan.block.start : start])
        if before:
            role = _role_at(before.group(1))
            if role is not None:
                role_start, role_end, organisation = role
                base = scan.block.start + before.start(1)
                return _Role(text[base + role_start : base + role_end], organisation, (base + role_start, end))
        return None

    def _person(self, name: str, position: int, heading: bool) -> int:
        """The index of the person a name is a spelling of; a new person if it is nobody's yet."""
        for index, builder in enumerate(self.builders):
            if any(_same_person(name, spelling) for spelling in builder.spellings):
                builder.add(name, position, heading)
                return index
        self.builders.append(_PersonBuilder())
        self.builders[-1].add(name, position, heading)
        return len(self.builders) - 1

    def _mention(self, person: int, start: int, end: int, scan: Scan) -> None:
        text = self.text
        quoted, aside = _inside(start, scan.quotes), _inside(start, scan.parens)
        words = [found.group().lower() for found in TOKEN.finditer(text, max(scan.block.start, start - 30), start)]
        gap = text[start - 1] if start > scan.block.start else ""
        object_of = bool(words) and words[-1] in PREPOSITIONS and (gap.isspace() or gap in "’'")
        # "selon X", "d'après X" and "according to X" name the speaker.
        if words[-2:] == ["according", "to"] or words[-2:] == ["d", "après"]:
            object_of = False
        self.mentions.append(Mention(person, start, end, not (quoted or aside or object_of)))
        role = None if quoted else self._apposition(start, end, scan)
        builder = self.builders[person]
        # The text's own wording beats a heading's caption ("Vice-Président senior d’Amazon" over "vice-président d’Amazon").
        if role is not None and (builder.role is None or (builder.role_in_heading and not scan.block.heading)):
            builder.role = role
            builder.role_in_heading = scan.block.heading

    def _surnames(self, scans: list[Scan], full: list[Span]) -> None:
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

    def _find_anaphors(self, scan: Scan) -> None:
        """Roles with their organisation, after a definite article or a possessive, outside quotations, asides and appositions."""
        text = self.text
        definite = rf"(?<![\w’'])(?:(?:[Ll]e|[Ll]a|[Tt]he)\s+|[Ll][’']|(?=[{CAPITALS}][\w&-]*[’']s\s))"
        for found in re.finditer(definite, text[scan.block.start : scan.block.end]):
            start = scan.block.start + found.start()
            if _inside(start, scan.quotes) or _inside(start, scan.parens) or _inside(start, self.appositions):
                continue
            segment = re.match(r"[^,.;:()«»“”]+", text[start : scan.block.end])
            role = _role_at(segment.group()) if segment else None
            if role is not None and role[2] is not None:  # without its organisation, a role is too vague to stand for anyone
                self.anaphors.append(Anaphor(start, start + role[1], text[start + role[0] : start + role[1]], role[2]))


def person_tags(person: Person | None) -> list[str]:
    """The tags of a question about a person: their name and their organisation."""
    if person is None:
        return []
    tags = [slugify(person.name)]
    if person.organisation:
        tags.append(slugify(person.organisation))
    return tags


def name_runs(text: str, tokens: list[re.Match[str]]) -> list[tuple[int, int]]:
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
            if not (titled or _only_spaces_between(text, tokens[j].end(), tokens[j + 1].start())):
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


def _capitalised(word: str) -> bool:
    """A capital then lower case: "Dupont", not "dupont" nor an acronym ("MEDEF")."""
    return word[:1].isupper() and not (len(word) > 1 and word.isupper())


def _only_spaces_between(text: str, end: int, start: int) -> bool:
    """Two words separated by spaces only (a name never spans a comma; it may span the line break of a wrapped paragraph)."""
    return start > end and not text[end:start].strip()


def _inside(position: int, spans: Iterable[Span]) -> bool:
    return any(start <= position < end for start, end in spans)


def _same_person(a: str, b: str) -> bool:
    """Two spellings of one name: equal, or same first name and surnames one edit apart ("Carney", "Carner")."""
    if a == b:
        return True
    first_a, _, last_a = a.partition(" ")
    first_b, _, last_b = b.partition(" ")
    if not last_a or not last_b:  # "M. Dupont" is the "Jean Dupont" named elsewhere
        return a.split()[-1] == b.split()[-1]
    return first_a == first_b and min(len(last_a), len(last_b)) >= 5 and _levenshtein(last_a, last_b) <= 1


def _levenshtein(a: str, b: str) -> int:
    """The number of one-letter edits from a to b."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (ca != cb))
    return row[-1]


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


def _role_core(role: str) -> str:
    """A role without its organisation: "directrice générale de Numéco" and "Harbor’s chief executive" -> the title."""
    role = re.sub(rf"^(?:[{CAPITALS}][\w&.-]*\s+)*[{CAPITALS}][\w&-]*[’']s\s+", "", " ".join(role.split()))
    return re.split(r"\s+(?:de|du|des|of|at|chez|for)\s+|\s+d[’']", role.lower())[0]

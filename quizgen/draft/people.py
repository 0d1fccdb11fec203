"""Pass 3, people: names, the roles the article gives them, and the roles that stand for them.

A name is a run of capitalised words that the article vouches for as a
person: it starts with a known first name or a title (M., Mme, Mr, Ms, Dr),
or it carries a role ("X, patron du MEDEF", "la présidente X", "Chief
Executive X"), or it is the subject of a verb of saying ("X a déclaré",
"said X"), or the optional NLP pass tags it as a person. A name right after
"fonds", "fondation", "groupe"... or before "Company", "Foundation"... is an
organisation named after a person, never a speaker.

Spellings of one person are merged: the same name, a surname after a title
("M. Le Maire" is "Bruno Le Maire"), a short first name ("Bill Perez" is
"William D. Perez"), or surnames one edit apart ("Jay Carner" is "Jay
Carney"). The person is shown under a full name: the spelling used most,
then the one in a heading, then the first.

Everything here is linear in the article: lookups go through dictionaries
and bisected spans, and each look around a name reads a bounded window.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

from ..model import slugify
from .lexicon import (
    AMBIGUOUS_FIRST_NAMES,
    DAYS,
    FEMALE_FIRST_NAMES,
    FEMALE_ROLES,
    FEMALE_TITLES,
    FIRST_NAMES,
    KNIGHTS,
    LISTENER_VERBS,
    MALE_ROLES,
    MALE_TITLES,
    MONTH_NAMES,
    NAME_PARTICLES,
    NICKNAMES,
    OPENING_WORDS,
    ORGANISATION_AFTER,
    ORGANISATION_BEFORE,
    ORGANISATION_HEADS,
    POSTNOMINALS,
    PREPOSITIONS,
    ROLE_NOUNS,
    ROLE_PREFIXES,
    SPEECH_VERBS,
    STATE_BODIES,
    STOPWORDS,
    TITLES,
)
from .records import Person
from .sentences import Scan
from .text import CAPITALS, TOKEN, Span, Spans, flat

ORGANISATION = re.compile(
    rf"\b(?:de|du|des|d[’']|of|at|chez|for)\s*(?:(?:la|le|les|the)\s+|l[’'])?((?:[{CAPITALS}]|\d+[^\W\d_])[\w&-]*(?:\s+[{CAPITALS}][\w&-]*)*)"
)
"""The organisation of a role: "de Cisco", "d’Amazon", "du MEDEF", "of Acme", "de la Maison Blanche", "de 3M" (not the
"36" of "le capitaine de 36 ans")."""
WINDOW = 160
_INCISE = re.compile(r"[,!?…]\s*([^\W\d_]+)(?:-t-(?:il|elle))?\s+$")
_CLAUSE_AFTER = re.compile(r"\s*,\s*([^,.;:()«»“”—–]{1,160})")
_WORD = re.compile(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*")
_UNNAMED_SPEAKER = re.compile(
    r"\b(?:[Aa]n?|[Uu]ne?)\s+(?:[A-Z][\w&’'-]*\s+|company\s+|council\s+)?(?:spokes(?:man|woman|person)|porte-parole)\b"
)
"""A speaker the article gives no name: "a spokesman for Warburtons", "un porte-parole de la mairie"."""
_JOINED_BEFORE = re.compile(r"(?:\bof|\band|\bde|\bet|\bdu|\bdes)\s+$")
_FUNCTION_WORDS = STOPWORDS["fr"] | STOPWORDS["en"]
"""Words a role does not end on ("chief executive of the" is "chief executive")."""
_POSSESSIVES = frozenset(["his", "her", "their", "its", "son", "sa", "ses", "leur", "leurs"])
_INITIAL = re.compile(r"[^\W\d_]\.?")
# Looked for at every name: compiled once.
_WORD_AT_END = re.compile(r"([^\W\d_]+(?:[-’'][^\W\d_]+)*)\s*$")
_LAST_TOKEN = re.compile(r"([^\W\d_]+)(?:\s+|[’'])$")
_LAST_WORD = re.compile(r"([^\W\d_]+)\s+$")
_VERB_AFTER = re.compile(
    rf"(?:\s+{POSTNOMINALS}(?!\w))?\s*(?:,[^,]{{0,80}},\s*)?(?:(?:a|avait|has|had|also|then|later|n[’'])\s+)*([^\W\d_’']+)"
)
_POSTNOMINAL = re.compile(rf"\s+{POSTNOMINALS}(?!\w)")
_COLON_QUOTE = re.compile(r"\s*:\s*[«“\"]")
_VERB_BEFORE = re.compile(r"([^\W\d_]+)(?:-t-(?:il|elle))?\s*(?:,\s*)?(?:(?:le|la|l[’']|the)\s+(?:[^\W\d_][\w’'-]*,?\s+){1,5})?$")
_ACCORDING_TO = re.compile(r"(?i)(?:selon|d[’']après|according\s+to)\s+$")
_NEXT_WORD = re.compile(r"\s+(\w+)")
_TITLED_SURNAME = re.compile(r"\b(Mr|Mrs|Ms|Miss|Dr|M|Mme|Mlle)\.?\s+([A-ZÀ-Ý][\w’'-]+)")
_FIRM_ADJECTIVE = re.compile(r"(?i)\w-(?:owned|based|run|founded|listed|backed)\s")
_FIRM_ADJECTIVE_BEFORE = re.compile(r"(?i)\w-(?:owned|based|run|founded|listed|backed)\s+$")
_THE_NAME = re.compile(r"\b[Tt]he\s+((?:[A-Z][\w&’'-]*\s+){1,4}?[A-Z][\w&-]*)(?![\w’'-])(?!\s+[A-Z])")
_LETTER_SPACE = re.compile(r"[^\W\d_]\s+$")
_JOINT_END = re.compile(r"(?:\b(?:of|for|at|and|de|du|des|et|the|la|le)|[&’'])\s*$")
_OF_A_ROLE = re.compile(r"([^\W\d_]+)\s+(?:of|for|at|de|du|des|d[’'])\s*(?:the\s+|la\s+|le\s+|l[’'])?$")
"""Before a run of capitals, a role's preposition: "Managing Director of "."""
_LONGER_NAME = re.compile(r"((?:[A-Z][\w&-]*\s+(?:(?:of|for|and|&|de|du|des|et)\s+)?){1,5}?)(?:of|for|and|&|de|du|des|et)\s+$")
"""Before a run of capitals, the start of a longer name: "Department for Communities and ", "Association of "."""
_SEGMENT = re.compile(r"[^,.;:()«»“”!?]+")
_WORD_AFTER = re.compile(r"\s*(?:(?:a|avait|has|had)\s+)?([^\W\d_]+)")
"""How far before or after a name its role, its verb of saying or its preposition is looked for."""
Gender = str
"""'f' or 'm'."""


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
    """A role standing for a person not named there: "le Président exécutif de Cisco", ", a expliqué la ministre"."""

    start: int
    end: int
    role: str
    organisation: str | None
    demonstrative: bool = False
    """ "cette ancienne contrôleur de gestion": the person in focus, whatever their role."""
    gender: Gender | None = None


@dataclass(frozen=True)
class _Role:
    """A role as the article words it ("patron du MEDEF"), and the span that gives it ("Pierre Gattaz, le patron du MEDEF")."""

    wording: str
    organisation: str | None
    span: Span


@dataclass(frozen=True)
class _Name:
    """A name found in a block: its spelling, where, whether a title stood before it, and the gender that title gives."""

    spelling: str
    start: int
    end: int
    titled: bool
    gender: Gender | None
    title: str = ""
    """The title as written ("Mrs", "M."), when one stood before the name."""


@dataclass
class _PersonBuilder:
    """One person, as their mentions are found: every spelling, where each appears, their role and gender."""

    spellings: Counter[str] = field(default_factory=Counter)
    first_at: dict[str, int] = field(default_factory=dict)
    in_heading: set[str] = field(default_factory=set)
    full: set[str] = field(default_factory=set)
    """The spellings with a first name (not "M. Le Maire")."""
    role: _Role | None = None
    role_in_heading: bool = False
    genders: Counter[Gender] = field(default_factory=Counter)
    titles: Counter[str] = field(default_factory=Counter)

    @property
    def name(self) -> str:
        """A full name: the spelling used most, then one used in a heading, then the first."""
        candidates = self.full or set(self.spellings)
        return min(candidates, key=lambda s: (-self.spellings[s], s not in self.in_heading, self.first_at[s]))

    @property
    def first(self) -> int:
        return min(self.first_at.values())

    @property
    def named(self) -> int:
        return sum(self.spellings.values())

    @property
    def gender(self) -> Gender | None:
        """The gender the article gives them, when its clues agree."""
        if len(self.genders) == 1:
            return next(iter(self.genders))
        return None

    def add(self, spelling: str, position: int, heading: bool, full: bool) -> None:
        self.spellings[spelling] += 1
        self.first_at.setdefault(spelling, position)
        if heading:
            self.in_heading.add(spelling)
        if full:
            self.full.add(spelling)


class People:
    """The people of an article, their mentions and roles.

    Attribution reads `mentions` and `anaphors`, and may give a person in
    focus the role that designated them (`give_role`); `records` comes last.
    """

    def __init__(self, text: str, scans: list[Scan], nlp_spans: Sequence[Span] | None = None) -> None:
        self.text = text
        self.builders: list[_PersonBuilder] = []
        self.mentions: list[Mention] = []
        self.anaphors: list[Anaphor] = []
        self.appositions: list[Span] = []
        """Where a name comes with its role: a role there is that person's, not an anaphor."""
        self._by_surname: dict[str, list[int]] = {}
        self._near: dict[tuple[str, str], dict[int, None]] = {}
        """The people by first name and surname less one letter: a misspelt surname finds its person directly."""
        self._by_first: dict[str, dict[int, None]] = {}
        """Full names by their first name: "Sir Ken" is Sir Ken Morrison."""
        titled = _TITLED_SURNAME.findall(text)
        self._titled_surnames = {surname for _, surname in titled}
        """Surnames the article writes after a title ("Mr Davies"): "Shaun Davies" is a person, whatever "Shaun" is."""
        genders: dict[str, set[str]] = {}
        for title, surname in titled:
            genders.setdefault(surname, set()).add("f" if title in FEMALE_TITLES else "m" if title in MALE_TITLES else "")
        self._couples = {surname for surname, given in genders.items() if {"f", "m"} <= given}
        """Surnames written after a man's title and after a woman's ("Mr Edwards", "Mrs Edwards"): two people."""
        self._holders: dict[tuple[str, str | None], dict[int, None]] = {}
        """The people by the core of their role ("ministre"), for the roles that stand for them."""
        self._nlp = Spans(nlp_spans or ())
        self._unknown_speakers: list[Span] = []
        self._institutions = {
            " ".join(found.group(1).split()) for found in _THE_NAME.finditer(text) if not _first_name(found.group(1).split()[0])
        }
        """Names the article writes after "the" ("the Nassau Cruise Port"): an institution's, wherever it is written."""
        found: list[tuple[_Name, Scan]] = []
        for scan in scans:
            found.extend((name, scan) for name in self._names(scan))
        for name, scan in found:
            person = self._person(name, scan.block.heading)
            if person is None:  # "Mr Scragg" after Jem and Terry Scragg: either; whoever speaks there is nobody known
                self._unknown_speakers.append((name.start, name.end))
                continue
            self._mention(person, name.start, name.end, scan)
        self._surnames(scans, Spans((name.start, name.end) for name, _ in found))
        appositions = Spans(self.appositions)
        for scan in scans:
            self._find_anaphors(scan, appositions)
        self.mentions.sort(key=lambda mention: mention.start)
        self.anaphors.sort(key=lambda anaphor: anaphor.start)
        self._mention_starts = [mention.start for mention in self.mentions]
        # A speaker the article names by one word that is nobody known ("said Gauff", "Amazon said"): a pronoun or a
        # name beyond it may not stand for the speaker, so nothing is attributed across it.
        mentioned = set(self._mention_starts)
        # Someone the article does not name at all ("A spokesman for Warburtons said"): the same barrier.
        unnamed = [(found.start(), found.end()) for found in _UNNAMED_SPEAKER.finditer(text)]
        self.unknown_speakers = sorted({start for start, _ in self._unknown_speakers + unnamed if start not in mentioned})
        self._anaphor_starts = [anaphor.start for anaphor in self.anaphors]

    def unknown_speaker_between(self, start: int, end: int) -> bool:
        """Whether someone the article names by one unknown word speaks in [start, end)."""
        from bisect import bisect_left

        index = bisect_left(self.unknown_speakers, start)
        return index < len(self.unknown_speakers) and self.unknown_speakers[index] < end

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """The mentions that start in [start, end), in order."""
        from bisect import bisect_left

        return self.mentions[bisect_left(self._mention_starts, start) : bisect_left(self._mention_starts, end)]

    def anaphors_in(self, start: int, end: int) -> list[Anaphor]:
        """The anaphors that start in [start, end), in order."""
        from bisect import bisect_left

        return self.anaphors[bisect_left(self._anaphor_starts, start) : bisect_left(self._anaphor_starts, end)]

    def gender(self, person: int) -> Gender | None:
        return self.builders[person].gender

    def resolve(self, anaphor: Anaphor, focus: int | None) -> int | None:
        """The person a role stands for: whoever the article gave that role; else, for a role that
        no one else has, the person in focus; else nobody (right or absent)."""
        if anaphor.demonstrative:
            return focus if focus is not None and self._agrees(focus, anaphor.gender) else None
        # Holders are indexed by role and organisation; a role given again later may leave a stale entry, checked here.
        key = (_role_core(anaphor.role), anaphor.organisation)
        holders: list[int] = []
        for index in self._holders.get(key, {}):
            role = self.builders[index].role
            if role is not None and (_role_core(role.wording), anaphor.organisation and role.organisation) == key:
                holders.append(index)
                if len(holders) == 2:
                    break  # two holders are as many as a hundred: nobody can tell
        if len(holders) == 1:
            return holders[0]
        if holders or focus is None or anaphor.organisation is None:
            return None  # two holders, or a bare title ("le président") no one was given: nobody can tell
        role = self.builders[focus].role
        if (role is None or role.organisation == anaphor.organisation) and self._agrees(focus, anaphor.gender):
            return focus
        return None

    def _agrees(self, person: int, gender: Gender | None) -> bool:
        known = self.builders[person].gender
        return gender is None or known is None or known == gender

    def _index_role(self, person: int, role: _Role) -> None:
        """Index a person's role by its core, with and without its organisation."""
        core = _role_core(role.wording)
        self._holders.setdefault((core, None), {})[person] = None
        if role.organisation is not None:
            self._holders.setdefault((core, role.organisation), {})[person] = None

    def give_role(self, person: int, anaphor: Anaphor) -> None:
        """The role a person in focus was designated by becomes theirs, if they had none."""
        builder = self.builders[person]
        if builder.role is None and anaphor.organisation is not None and not anaphor.demonstrative:
            builder.role = _Role(anaphor.role, anaphor.organisation, (anaphor.start, anaphor.end))
            self._index_role(person, builder.role)

    def records(self) -> list[Person]:
        people = []
        names = Counter(builder.name for builder in self.builders)
        for builder in self.builders:
            name = builder.name
            if names[name] > 1 and name not in builder.full and builder.titles:
                name = f"{builder.titles.most_common(1)[0][0]} {name}"  # "Mr Edwards" and "Mrs Edwards", a couple
            variants = tuple(sorted(set(builder.spellings) - {name}, key=lambda s: builder.first_at[s]))
            role = builder.role
            if role is None:
                people.append(Person(name, variants=variants, position=builder.first, named=builder.named))
            else:
                start, end = role.span
                organisation = role.organisation and flat(role.organisation)
                # "chief executive of the" (the sale): a role read up to a function word ends before it.
                words = flat(role.wording).split()
                while len(words) > 1 and words[-1].lower() in _FUNCTION_WORDS:
                    words.pop()
                people.append(Person(name, " ".join(words), organisation, self.text[start:end], variants, start, builder.named))
        return people

    # Finding names

    def _names(self, scan: Scan) -> list[_Name]:
        """The names in a block that the article vouches for as persons."""
        text = self.text
        tokens = list(TOKEN.finditer(text, scan.block.start, scan.block.end))
        names = []
        for first, last in _split_at_organisations(name_runs(text, tokens), tokens):
            if self._part_of_a_name(tokens, first, last, scan):
                continue
            while (
                last - first >= 2
                and not _first_name(tokens[first].group())
                and _JOINED_BEFORE.search(text, max(scan.block.start, tokens[first].start() - 5), tokens[first].start())
            ):
                first += 1  # "Minister of Tourism, Investments and Aviation Chester Cooper" (not "and Mary Jane Watson")
            if _article_before(text, tokens[first].start(), scan.block.start) or tokens[first].group() == "The":
                continue  # "the San Diego Zoo", "The Swedish Academy": a person's name takes no article
            while first < last and tokens[first].group().lower() in OPENING_WORDS and _opens(text, tokens[first].start(), scan.block.start):
                first += 1  # "Pour Aymeric Broussaud, …", "Selon Marie Curie": a capital that only starts the sentence
            if first < last and _elided_before(text, tokens[first].start()):
                first += 1  # "le ministre de l’Intérieur Gérald Darmanin": the noun after l’ is not the name's
            if last == first + 1 and tokens[first].group() in ("Le", "La", "Les") and tokens[last].group().lower() in ROLE_PREFIXES:
                continue  # "Le Premier ministre"
            # Role words around a name are its role: "Chief Executive Greg Mesch", "William D. Perez President".
            while (
                last > first
                and tokens[last - 1].group().lower() not in NAME_PARTICLES
                and (tokens[last].group().lower() in ROLE_NOUNS or tokens[last].group().lower() in ROLE_PREFIXES)
            ):
                last -= 1  # but "Bruno Le Maire" keeps his name
            if (
                last + 1 < len(tokens)
                and tokens[last + 1].group() in ORGANISATION_AFTER
                and _spaces_only(text, tokens[last].end(), tokens[last + 1].start())
            ):
                continue  # "Wrigley Company": the organisation's name
            if self._owns_a_role(tokens, last):
                continue  # "said Chesterton Humberts chief executive Robert Bartlett": the firm, then its chief
            # A title opens the run; inside it, "M." is an initial ("Irvin M. Lippman").
            titled_by_role = False  # "Councillor Irene Waudby": a role before the name vouches for a person
            known = next(
                (k for k in range(first, last + 1) if _first_name(tokens[k].group()) or (k == first and tokens[k].group() in TITLES)), None
            )
            titled = known is not None and tokens[known].group() in TITLES
            gender: Gender | None = None
            if known is not None:
                if titled:
                    word = tokens[known].group()
                    gender = "f" if word in FEMALE_TITLES else "m" if word in MALE_TITLES else None
                first = known + 1 if titled else known
            else:
                # Leading role words are the role, not the name: "Chief Executive Greg Mesch", "Shadow Chancellor X".
                while first < last and (tokens[first].group().lower() in ROLE_NOUNS or tokens[first].group().lower() in ROLE_PREFIXES):
                    first += 1
                    titled_by_role = True
            while first < last and tokens[first].group() in NAME_PARTICLES:
                first += 1  # "Cofondateur de Wikipedia": once the role is off, no name starts with a particle
            if first > last or not _capitalised(tokens[first].group()):
                continue
            start, end = tokens[first].start(), tokens[last].end()
            if self._organisation_before(start, scan.block.start) or _FIRM_ADJECTIVE.search(self.text, start, end + 1):
                continue  # "les fonds Tibi"; "Family-owned Sims Footwear" at a sentence's start
            if known is not None and not titled and last == first:
                continue  # a first name alone ("Bill is...") is nobody in particular
            if known is None and last == first and self._may_speak(tokens[first].group(), start, end, scan):
                self._unknown_speakers.append((start, end))
            if known is None and not 1 <= last - first <= 2:
                continue  # one unknown word (a company, a place, a first name alone), or a run of title-case words
            role = self._apposition(start, end, scan)
            if known is None and scan.block.heading and not self._nlp_says(start, end):
                continue  # A Headline In Title Case vouches for no unknown name
            titled_later = last > first and tokens[last].group() in self._titled_surnames  # "Shaun Davies", then "Mr Davies"
            vouched = (
                known is not None
                or titled_by_role
                or titled_later
                or role is not None
                or self._speaks(start, end, scan)
                or self._nlp_says(start, end)
                or _POSTNOMINAL.match(text, end) is not None  # "Joanna Korner QC"
            )
            if not vouched:
                continue
            if titled and _first_name(tokens[first].group()) and last > first:
                titled = False  # "M. Jean Dupont" is a full name; "Mr Alexander", "Sir Ken" are one name after a title
            if gender is None:
                gender = _first_name_gender(tokens[first].group())
            title = text[tokens[known].start() : tokens[known].end() + 1].strip() if titled and known is not None else ""
            names.append(_Name(flat(text[start:end]), start, end, titled, gender, title.rstrip(" \u00a0")))
            if role is not None and start not in scan.quote_spans:
                self.appositions.append(role.span)
        return names

    def _part_of_a_name(self, tokens: list[re.Match[str]], first: int, last: int, scan: Scan) -> bool:
        """An organisation's name, or the end of one, without a first name known in it; whoever speaks there is
        nobody known: "the Nassau Cruise Port" once, then "said Nassau Cruise Port’s chief executive, Mike Maura";
        "Managing Director of Stoke City Property, Richard Smith"; "The Department for Communities and Local
        Government said"."""
        if any(_first_name(tokens[k].group()) for k in range(first, last + 1)):
            return False
        start, end = tokens[first].start(), tokens[last].end()
        before = self.text[max(scan.block.start, start - 60) : start]
        # (the two searches only after a joint word: a long text has a run of capitals every few words)
        joint = _JOINT_END.search(before, max(0, len(before) - 8)) is not None
        role, longer = (_OF_A_ROLE.search(before), _LONGER_NAME.search(before)) if joint else (None, None)
        institution = " ".join(token.group() for token in tokens[first : last + 1]) in self._institutions
        # the organisation alone, then its person: "Director of Stoke City Property, Richard Smith" (and not "le ministre
        # de l’Intérieur Gérald Darmanin", whose run goes on with the name)
        alone = self.text[end : end + 2] in ("’s", "'s") or self.text[end : end + 1] in (",", ")")
        of_a_role = role is not None and alone and role.group(1).lower() in ROLE_NOUNS | ROLE_PREFIXES
        inside = longer is not None and any(word in ORGANISATION_AFTER | ORGANISATION_HEADS for word in longer.group(1).split())
        if not (institution or of_a_role or inside):
            return False
        # Said by "the Nassau Cruise Port": nobody known speaks there; not "X’s chief executive", nor the object of "of".
        if institution and not (of_a_role or inside) and self._speaks(start, end, scan) and self.text[end : end + 2] not in ("’s", "'s"):
            self._unknown_speakers.append((start, end))
        return True

    def _may_speak(self, word: str, start: int, end: int, scan: Scan) -> bool:
        """One capitalised word, no function word ("She", "The"), outside quotations, not the object of a
        preposition ("la directrice de Numéco a nuancé"), next to a verb of saying."""
        if any(word.lower() in words for words in STOPWORDS.values()):
            return False
        if start in scan.quote_spans and not self.incise(start, scan.block.start):
            return False
        before = _LAST_TOKEN.search(self.text, max(scan.block.start, start - 30), start)
        if before is not None and before.group(1).lower() in PREPOSITIONS:
            return False
        return self._speaks(start, end, scan)

    def _organisation_before(self, start: int, block_start: int) -> bool:
        """ "les fonds Tibi", "la fondation Bettencourt": a common noun of organisations right before the name."""
        window = self.text[max(block_start, start - 40) : start]
        before = _LAST_WORD.search(window)
        # "the family-owned Sims Footwear", "London-based Acme": a firm's adjectives.
        return before is not None and (before.group(1).lower() in ORGANISATION_BEFORE or _FIRM_ADJECTIVE_BEFORE.search(window) is not None)

    def _speaks(self, start: int, end: int, scan: Scan) -> bool:
        """A verb of saying next to the name: "X a déclaré", "X said", "said X", ", a expliqué X", "X :"."""
        text = self.text
        after = text[end : min(scan.block.end, end + WINDOW)]
        ahead = _VERB_AFTER.match(after)
        if ahead and ahead.group(1).lower() in SPEECH_VERBS:
            return True
        if _COLON_QUOTE.match(after):
            return True
        before = text[max(scan.block.start, start - WINDOW) : start]
        behind = _VERB_BEFORE.search(before)
        if behind and behind.group(1).lower() in SPEECH_VERBS and behind.group(1).lower() not in LISTENER_VERBS:
            return True
        return bool(_ACCORDING_TO.search(before))

    def _owns_a_role(self, tokens: list[re.Match[str]], last: int) -> bool:
        """A run followed by a lower-case role ("chief executive", "directeur") and then a capitalised name."""
        following = tokens[last + 1 : last + 5]
        roles = 0
        for token in following:
            word = token.group()
            if word.lower() in ROLE_NOUNS or word.lower() in ROLE_PREFIXES:
                if not word[:1].islower():
                    return False
                roles += 1
            else:
                return roles > 0 and _capitalised(word)
        return False

    def _nlp_says(self, start: int, end: int) -> bool:
        """The NLP pass tagged a person over this name's first word."""
        return start in self._nlp or (end - 1) in self._nlp

    def _apposition(self, start: int, end: int, scan: Scan) -> _Role | None:
        """A role given next to a name: "X, patron du MEDEF", "Cofondateur de Wikipedia, X", "la présidente X".

        Each look reads a bounded window with patterns anchored at one end, so that a name costs the same in a
        paragraph of any length."""
        text = self.text
        limit = min(scan.block.end, end + WINDOW)
        after = _CLAUSE_AFTER.match(text, end, limit)
        if after:
            role = _role_at(after.group(1))
            if role is not None:
                role_start, role_end, organisation = role
                base = after.start(1)
                return _Role(text[base + role_start : base + role_end], organisation, (start, base + role_end))
        window_start = max(scan.block.start, start - WINDOW)
        head = text[window_start:start].rstrip()
        if head.endswith(","):
            # The clause before the comma, back to the previous punctuation: "Cofondateur de Wikipedia, X".
            clause_start = max(head.rfind(mark, 0, len(head) - 1) for mark in ",.;:()«»“”—–") + 1
            segment = head[clause_start : len(head) - 1]
            role = _role_at(segment)
            if role is not None and segment.strip():
                role_start, role_end, organisation = role
                base = window_start + clause_start
                return _Role(text[base + role_start : base + role_end], organisation, (base + role_start, end))
        return self._title_before(start, end, window_start)

    def _title_before(self, start: int, end: int, window_start: int) -> _Role | None:
        """A role right before the name, as a title: "la présidente Emilie Poulin", "Supermax director Ting Heng Peng",
        "Bombardier’s CEO Alain Bellemare"; not after a possessive ("her former partner Tom Baker")."""
        text = self.text
        # Most names have no title: the word right before is read first, the words before it only for a title.
        last = _WORD_AT_END.search(text, max(window_start, start - 60), start)
        if last is None or last.group(1).lower() not in ROLE_NOUNS:
            return None
        words = list(_WORD.finditer(text, max(window_start, start - 60), start))
        noun = words[-1]
        first = len(words) - 1
        # Up to two qualifying words before the noun ("former", "senior vice"), joined by spaces only.
        while (
            first > 0
            and len(words) - first <= 2
            and words[first - 1].group().lower() in ROLE_PREFIXES
            and not text[words[first - 1].end() : words[first].start()].strip()
        ):
            first -= 1
        organisation = None
        if first > 0 and not text[words[first - 1].end() : words[first].start()].strip():
            owner = words[first - 1].group()
            if owner.lower() in _POSSESSIVES:
                return None
            bare = re.sub(r"[’']s$", "", owner)
            if (
                bare[:1].isupper()
                and bare.lower() not in ROLE_NOUNS
                and bare.lower() not in ROLE_PREFIXES
                and bare.lower() not in ("le", "la", "the")
            ):
                organisation = bare
        # The role keeps its organisation ("Starbucks CEO"): two people may both be "CEO".
        role_start = words[first - 1].start() if organisation is not None else words[first].start()
        return _Role(text[role_start : noun.end()], organisation, (role_start, end))

    def _person(self, name: _Name, heading: bool) -> int | None:
        """The index of the person a name is a spelling of; a new person if it is nobody's yet; None for a title and a
        surname that two people of the article bear."""
        spelling = name.spelling
        full = not name.titled
        near = () if name.titled else _near_keys(spelling)
        candidates = list(
            dict.fromkeys(self._by_surname.get(_surname_key(spelling), []) + [i for key in near for i in self._near.get(key, {})])
        )
        if name.titled and name.title in KNIGHTS and " " not in spelling:
            # A knight or a dame is called by the first name: "Sir Ken" is the one Ken of the full names.
            owners = [index for index in self._by_first.get(spelling, {}) if self._agrees(index, name.gender)]
        elif name.titled:
            # "M. Le Maire": the one person whose full name ends with that surname, else the one so titled before.
            owners = [index for index in candidates if any(_ends_with(known, spelling) for known in self.builders[index].full)]
            if not owners:
                owners = [index for index in candidates if spelling in self.builders[index].spellings]
            # "Mr Edwards" and "Mrs Edwards" are a couple, not one person: "Wendy Edwards", whose gender the article does not
            # tell, is either, unless the other full name is the other's ("Ted Ferguson" makes "Ms Ferguson" Maree Ferguson).
            known = {self.gender(index) for index in owners}
            if spelling in self._couples and name.gender is not None:
                other = "f" if name.gender == "m" else "m"
                owners = [index for index in owners if self.gender(index) == name.gender or (self.gender(index) is None and other in known)]
            owners = [index for index in owners if self._agrees(index, name.gender)]
        else:
            owners = [index for index in candidates if any(_same_person(spelling, known) for known in self.builders[index].spellings)]
        if len(owners) == 1:
            index = owners[0]
        elif name.titled and len(owners) > 1:
            return None
        else:
            self.builders.append(_PersonBuilder())
            index = len(self.builders) - 1
            self._by_surname.setdefault(_surname_key(spelling), []).append(index)
        for key in near:
            self._near.setdefault(key, {})[index] = None  # an ordered set: a name met a thousand times is one entry
        if " " in spelling:
            self._by_first.setdefault(spelling.split()[0], {})[index] = None
        builder = self.builders[index]
        builder.add(spelling, name.start, heading, full)
        if name.title:
            builder.titles[name.title] += 1
        if name.gender is not None:
            builder.genders[name.gender] += 1
        return index

    def _mention(self, person: int, start: int, end: int, scan: Scan) -> None:
        text = self.text
        quoted, aside = start in scan.quote_spans, start in scan.paren_spans
        words = [found.group().lower() for found in TOKEN.finditer(text, max(scan.block.start, start - 30), start)]
        gap = text[start - 1] if start > scan.block.start else ""
        object_of = bool(words) and words[-1] in PREPOSITIONS and (gap.isspace() or gap in "’'")
        # "told Young that …": who listens; not "When asked, Richard Smith said"
        object_of = object_of or (
            bool(words) and words[-1] in LISTENER_VERBS and _LETTER_SPACE.search(text, max(0, start - 3), start) is not None
        )
        # "selon X", "d'après X", "according to X" and a sentence that opens on "Pour X," name the speaker.
        if words[-2:] == ["according", "to"] or words[-2:] == ["d", "après"]:
            object_of = False
        if words[-1:] == ["pour"] and re.search(r"(?:^|[.!?:»”]\s+)Pour\s+$", text[max(scan.block.start, start - 30) : start]):
            object_of = False
        if quoted and self.incise(start, scan.block.start):
            quoted = False  # «…, assure Pelletier. …»: the narrator's words inside the quotation name its speaker
        self.mentions.append(Mention(person, start, end, not (quoted or aside or object_of)))
        role = None if quoted else self._apposition(start, end, scan)
        builder = self.builders[person]
        # The text's own wording beats a heading's caption ("Vice-Président senior d’Amazon" over "vice-président d’Amazon").
        if role is not None and (builder.role is None or (builder.role_in_heading and not scan.block.heading)):
            builder.role = role
            builder.role_in_heading = scan.block.heading
            self._index_role(person, role)
        if role is not None:
            noun = _role_core(role.wording).split()[-1] if _role_core(role.wording).split() else ""
            gender = "f" if noun in FEMALE_ROLES else "m" if noun in MALE_ROLES else None
            if gender is not None:
                builder.genders[gender] += 1

    def _surnames(self, scans: list[Scan], full: Spans) -> None:
        """Mentions by surname alone ("Chambers", "Ting"), for surnames that belong to one person only."""
        owners: dict[str, set[int]] = {}
        for index, builder in enumerate(self.builders):
            for spelling in builder.spellings:
                words = [word for word in spelling.split() if len(word) > 2 and word not in NAME_PARTICLES]
                if not words:
                    continue
                owners.setdefault(words[-1], set()).add(index)
                if not _first_name(words[0]) and words[0] not in TITLES:  # "Ting Heng Peng", "Ren Zhengfei": the family name may come first
                    owners.setdefault(words[0], set()).add(index)
        for scan in scans:
            for token in TOKEN.finditer(self.text, scan.block.start, scan.block.end):
                people = owners.get(token.group(), set())
                if len(people) != 1 or token.start() in full:
                    continue
                after = _NEXT_WORD.match(self.text[token.end() : min(scan.block.end, token.end() + 40)])
                if after and after.group(1) in ORGANISATION_AFTER:
                    continue
                if self._organisation_before(token.start(), scan.block.start):
                    continue
                self._mention(next(iter(people)), token.start(), token.end(), scan)

    def _find_anaphors(self, scan: Scan, appositions: Spans) -> None:
        """Roles standing for a person: with their organisation after a definite article or a possessive
        ("le Président exécutif de Cisco"); without one, in an attribution clause (", a expliqué la ministre")
        or after a demonstrative ("cette ancienne contrôleur de gestion")."""
        text = self.text
        quotes, parens = scan.quote_spans, scan.paren_spans
        definite = rf"(?<![\w’'])(?:(?:[Ll]e|[Ll]a|[Tt]he|[Cc]ette|[Cc]et|[Cc]e)\s+|[Ll][’']|(?=[{CAPITALS}][\w&-]*[’']s\s))"
        for found in re.finditer(definite, text[scan.block.start : scan.block.end]):
            start = scan.block.start + found.start()
            if (start in quotes and not self.incise(start, scan.block.start)) or start in parens or start in appositions:
                continue
            segment = _SEGMENT.match(text, start, min(scan.block.end, start + WINDOW))
            role = _role_at(segment.group()) if segment else None
            if role is None:
                continue
            role_start, role_end, organisation = role
            article = found.group().strip().lower()
            demonstrative = article in ("cette", "cet", "ce")
            if organisation is None and not demonstrative and not self._attribution_position(start, start + role_end, scan):
                continue  # a bare title elsewhere ("le président a visité") names nobody for sure
            noun = _role_core(text[start + role_start : start + role_end]).split()
            gender: Gender | None = "f" if article in ("la", "cette") else "m" if article in ("le", "cet", "ce") else None
            if gender is None and noun:
                gender = "f" if noun[-1] in FEMALE_ROLES else "m" if noun[-1] in MALE_ROLES else None
            self.anaphors.append(
                Anaphor(start, start + role_end, text[start + role_start : start + role_end], organisation, demonstrative, gender)
            )

    def incise(self, start: int, block_start: int) -> bool:
        """Inside a quotation, right after a comma and a verb of saying: «…, explique cette ancienne contrôleur de
        gestion. …», «…, assure Pelletier. …»."""
        found = _INCISE.search(self.text, max(block_start, start - 40), start)
        return found is not None and found.group(1).lower() in SPEECH_VERBS

    def _attribution_position(self, start: int, end: int, scan: Scan) -> bool:
        """A role right after a verb of saying (", a expliqué la ministre") or right before one ("la ministre a ajouté")."""
        text = self.text
        before = _LAST_WORD.search(text[max(scan.block.start, start - 40) : start])
        if before and before.group(1).lower() in SPEECH_VERBS:
            return True
        after = _WORD_AFTER.match(text[end : min(scan.block.end, end + 40)])
        return after is not None and after.group(1).lower() in SPEECH_VERBS


def names_in(excerpt: str, person: Person) -> bool:
    """Whether an excerpt names the person: by their name or surname, as `quizgen check` reads it, or by another
    spelling the article uses ("Jay Carner" for Jay Carney, which `check` then shows the teacher)."""
    names = (person.name, person.name.split()[-1], *person.variants)
    return any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", excerpt) for name in names)


def person_tags(person: Person | None) -> list[str]:
    """The tags of a question about a person: their name and their organisation."""
    if person is None:
        return []
    tags = [slugify(person.name)]
    if person.organisation:
        tags.append(slugify(person.organisation))
    return tags


def name_runs(text: str, tokens: list[re.Match[str]]) -> list[tuple[int, int]]:
    """Runs of capitalised words, joined by spaces, a particle ("Charles de Gaulle"), an initial ("Dennis P. Williams")
    or a title's full stop ("M. Dupont"): (first, last) token. Five words at most, so a long run costs no more than its length."""
    runs = []
    i = 0
    while i < len(tokens):
        if not _capitalised(tokens[i].group()):
            i += 1
            continue
        j = i
        while j + 1 < len(tokens) and j - i < 4:
            gap = text[tokens[j].end() : tokens[j + 1].start()]
            word = tokens[j].group()
            dotted = len(gap) == 2 and gap[0] == "." and gap[1].isspace() and (word in TITLES or (len(word) == 1 and word.isupper()))
            if not (dotted or _spaces_only(text, tokens[j].end(), tokens[j + 1].start())):
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


def _split_at_organisations(runs: list[tuple[int, int]], tokens: list[re.Match[str]]) -> list[tuple[int, int]]:
    """The runs cut at the words of organisations ("Wrigley Jr Company Names William D Perez" -> "Names William D
    Perez"); the part right before such a word is the organisation's name, and is left out."""
    parts = []
    for first, last in runs:
        start = first
        for k in range(first, last + 1):
            if tokens[k].group() in ORGANISATION_AFTER:
                start = k + 1
        if start <= last:
            parts.append((start, last))
    return parts


def _opens(text: str, start: int, block_start: int) -> bool:
    """Whether the word at `start` opens its sentence: the block's start, or after an end mark or an opening quotation mark."""
    at = start
    while at > block_start and text[at - 1].isspace():  # back over the spaces only: a paragraph may be 10 MB long
        at -= 1
    return at == block_start or text[at - 1] in '.!?…:«“"('


def _article_before(text: str, start: int, block_start: int) -> bool:
    """ "the" right before a name ("the San Diego Zoo", "the Guardian"): an institution or a title, not a person."""
    return text[max(block_start, start - 4) : start] == "the " and (start - 4 == block_start or not text[start - 5].isalnum())


def _elided_before(text: str, start: int) -> bool:
    """An elided article right before a word ("l’Intérieur"): a noun, where "d’" may come before a name ("d’Édouard")."""
    return start >= 2 and text[start - 1] in "’'" and text[start - 2] in "lL" and (start == 2 or not text[start - 3].isalnum())


def _capitalised(word: str) -> bool:
    """A capital then lower case: "Dupont", not "dupont" nor an acronym ("MEDEF"); one capital is an initial."""
    return word[:1].isupper() and not (len(word) > 1 and word.isupper())


def _spaces_only(text: str, end: int, start: int) -> bool:
    """Two words separated by spaces only (a name never spans a comma; it may span the line break of a wrapped paragraph)."""
    return start > end and not text[end:start].strip()


def _first_name(word: str) -> bool:
    """A known first name, or a compound one that starts with a known one ("Pierre-Henri", "Marie-Hélène")."""
    head, _, tail = word.partition("-")
    return word in FIRST_NAMES or (head in FIRST_NAMES and tail[:1].isupper())


def _first_name_gender(word: str) -> Gender | None:
    """The gender a first name tells; a compound one tells its first part's ("Jean-Marie": m)."""
    word = word.partition("-")[0]
    if word in FEMALE_FIRST_NAMES:
        return "f"
    if word in FIRST_NAMES and word not in AMBIGUOUS_FIRST_NAMES:
        return "m"
    return None


def _surname_key(spelling: str) -> str:
    """The word spellings of one person share: the last word of the name ("Maire" for "Bruno Le Maire" and "Le Maire")."""
    words = spelling.split()
    return words[-1] if words else spelling


def _ends_with(full: str, surname: str) -> bool:
    """ "Bruno Le Maire" ends with the surname "Le Maire"."""
    return full != surname and full.endswith(" " + surname)


@functools.lru_cache(maxsize=4096)
def _near_keys(spelling: str) -> tuple[tuple[str, str], ...]:
    """(first name, surname less at most one letter) for each way to drop a letter: two surnames one edit apart
    share one of these keys (the symmetric-deletion index), so merging never compares a name with everyone."""
    words = [word for word in spelling.split() if not _INITIAL.fullmatch(word)]
    if len(words) < 2:
        return ()
    first, last = NICKNAMES.get(words[0].lower(), words[0].lower()), " ".join(words[1:])
    keys = {last}
    if 5 <= len(last) <= 40:
        keys |= {last[:i] + last[i + 1 :] for i in range(len(last))}
    return tuple((first, key) for key in sorted(keys))


@functools.lru_cache(maxsize=4096)
def _same_person(a: str, b: str) -> bool:
    """Two spellings of one name: equal; a first name and its short form ("Bill", "William") with the same surname,
    initials aside; or the same first name and surnames one edit apart ("Carney", "Carner")."""
    if a == b:
        return True
    words_a = [word for word in a.split() if not _INITIAL.fullmatch(word)]
    words_b = [word for word in b.split() if not _INITIAL.fullmatch(word)]
    if len(words_a) < 2 or len(words_b) < 2:
        return False
    first_a, last_a = NICKNAMES.get(words_a[0].lower(), words_a[0].lower()), " ".join(words_a[1:])
    first_b, last_b = NICKNAMES.get(words_b[0].lower(), words_b[0].lower()), " ".join(words_b[1:])
    if first_a != first_b:
        return False
    if last_a == last_b:
        return True
    return (
        min(len(last_a), len(last_b)) >= 5
        and abs(len(last_a) - len(last_b)) <= 1
        and max(len(last_a), len(last_b)) <= 40
        and Levenshtein.distance(last_a, last_b, score_cutoff=1) <= 1
    )


def _role_at(segment: str) -> tuple[int, int, str | None] | None:
    """The role phrase that `segment` starts with, if it does: (start, end, organisation).

    "le patron du MEDEF" -> "patron du MEDEF", MEDEF; "Acme’s chief executive" -> Acme.
    The role stops after its organisation, so "CEO of Acme said that" gives "CEO of Acme".
    """
    article = re.match(r"\s*(?:(?:le|la|les|un|une|son|sa|the|a|an|its|his|her|cette|cet|ce)\s+|[lL][’'])?", segment, re.IGNORECASE)
    start = article.end() if article else 0
    body = segment[start:].rstrip()
    organisation = None
    owner = re.match(rf"((?:[{CAPITALS}][\w&.-]*\s+){{0,3}}[{CAPITALS}][\w&-]*)[’']s\s+", body)
    if owner:
        organisation = owner.group(1)
    else:  # "the trust’s chair": a role all the same, of no organisation the article names
        owner = re.match(r"[^\W\d_]+[’']s\s+", body)
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
            if organisation.lower() in STATE_BODIES:
                organisation = None
        else:
            # Without an organisation the role is its noun and the words that qualify it, up to a verb or a name.
            kept = re.match(r"(?:[^\W\d_]+(?:[-’'][^\W\d_]+)*\s*){1,4}", body)
            words_kept = body[: kept.end()].split() if kept else []
            cut = next(
                (k for k, word in enumerate(words_kept) if k > 0 and (word.lower() in SPEECH_VERBS or word[:1].isupper())), len(words_kept)
            )
            end = len(" ".join(words_kept[:cut])) if words_kept else end
    if not 1 <= len(body[:end].split()) <= 8:
        return None
    return start, start + end, organisation and " ".join(organisation.split())


@functools.lru_cache(maxsize=4096)
def _role_core(role: str) -> str:
    """A role without its organisation: "directrice générale de Numéco" and "Harbor’s chief executive" -> the title."""
    role = re.sub(rf"^(?:[{CAPITALS}][\w&.-]*\s+)*[{CAPITALS}][\w&-]*[’']s\s+", "", " ".join(role.split()))
    return re.split(r"\s+(?:de|du|des|of|at|chez|for)\s+|\s+d[’']", role.lower())[0]

"""The draft's questions, as the dicts a bank's YAML is written from: who said a quotation (and, with `--all`, a
cloze of it), a figure to fill in, a person's role; `choosing` says which. Pure functions of the findings."""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Callable
from functools import partial
from itertools import islice
from typing import Any

from ..model import slugify
from .choosing import choose, everything
from .lexicon import PRONOUN_CLAUSE, STOPWORDS, TITLES
from .numbers import clean_number
from .people import names_in, person_tags
from .records import Figure, Findings, Person, Quotation
from .text import flat

WORDING = {
    "fr": {
        "who": "Qui a dit : « {quote} » ?",
        "said": "Le texte attribue cette citation à {speaker}.",
        "cloze": "{speaker} : « {quote} »",
        "cloze_alone": "« {quote} »",
        "cloze_why": "Citation de {speaker}, telle que le texte la rapporte.",
        "cloze_why_alone": "Citation telle que le texte la rapporte.",
        "fill": "Complétez ({label}) : {passage}",
        "figure_why": "Le texte indique « {wording} ».",
        "tolerance_why": " Une réponse à {tolerance} près est acceptée.",
        "points_why": " Une réponse à {tolerance} {points} près est acceptée.",
        "role": "Quel rôle le texte attribue-t-il à {name} ?",
        "who_role": "Qui le texte présente-t-il comme « {role} » ?",
        "role_why": "Le texte présente {name} comme « {role} ».",
        "amount": "en {unit}",
        "percent": "en %",
        "count": "nombre {of}{unit}",
        "number": "nombre",
        "duration": "durée, en {unit}",
        "age": "âge, en ans",
        "year": "année",
        "rank": "rang",
        "date": "jour de {unit}",
    },
    "en": {
        "who": "Who said: “{quote}”?",
        "said": "The text attributes this quotation to {speaker}.",
        "cloze": "{speaker}: “{quote}”",
        "cloze_alone": "“{quote}”",
        "cloze_why": "{speaker}’s words, as the text reports them.",
        "cloze_why_alone": "The words as the text reports them.",
        "fill": "Fill in the blank ({label}): {passage}",
        "figure_why": "The text says “{wording}”.",
        "tolerance_why": " Answers within {tolerance} are accepted.",
        "points_why": " Answers within {tolerance} percentage {points} are accepted.",
        "role": "What role does the text give {name}?",
        "who_role": "Who does the text describe as “{role}”?",
        "role_why": "The text describes {name} as “{role}”.",
        "amount": "in {unit}",
        "percent": "in %",
        "count": "number of {unit}",
        "number": "number",
        "duration": "{unit}",
        "age": "age, in years",
        "year": "year",
        "rank": "rank",
        "date": "day of {unit}",
    },
}
"""The draft's own words, in the article's language."""


SCALE_WORDS = {"fr": {6: "millions", 9: "milliards"}, "en": {6: "million", 9: "billion"}}
"""How a figure written with a scale word is asked: "en millions d’euros", "in million pounds"."""

DEFAULT_MAX = 60
"""Questions a draft keeps when no --max is given: a long text gives hundreds, and nobody reviews them all."""
WEIGHTS = {"who": 5.0, "who-inferred": 4.0, "role": 4.0, "amount": 3.0, "percent": 3.0, "count": 2.5, "duration": 2.0}
WEIGHTS |= {"age": 2.0, "rank": 1.5, "date": 1.5, "year": 1.5, "cloze": 1.5, "cloze-partial": 1.0}
"""What a teacher wants first: who said what, how much, the key people and roles, then the rest."""
PER_CAPTION = 2
"""Figure questions kept on one heading or caption at most: a repeated photo caption does not fill the draft."""


def build_questions(findings: Findings, limit: int | None = DEFAULT_MAX, every: bool = False) -> list[dict[str, Any]]:
    """The draft's questions in article order: for each quotation, who said it and a cloze of it; for each
    figure, a blank to fill in; for each person with a role, a question on that role; only those worth asking
    (`choosing`), or with `every` all of them.

    Identical questions are kept once, at most `PER_CAPTION` questions on one heading, and, with a `limit`,
    the `limit` best by `WEIGHTS` (then the earliest)."""
    choice = everything(findings) if every else choose(findings)
    lang = findings.language
    words = WORDING[lang]
    ids = _Ids()
    by_name = {person.name: person for person in findings.people}
    speaking = Counter(q.speaker for q in findings.quotations if q.speaker)
    # Distractors: the other speakers first (most quoted first), then the people given a role, in order of appearance; not
    # someone the article only names (a victim, a defendant, a newspaper taken for a name), whom no reader takes for a speaker.
    candidates = [person for person in findings.people if speaking[person.name] or person.role is not None]
    ranked = sorted(candidates, key=lambda p: (-speaking[p.name], p.position))
    people_order = [person.name for person in ranked]
    # Figures are the most numerous: each question is made only when its turn comes, so a long text costs its reading.
    items: list[tuple[float, int, int, Callable[[], dict[str, Any]], str | None]] = []
    for quotation in findings.quotations:
        who, cloze = quotation.position in choice.who, quotation.position in choice.cloze
        made = _quotation_questions(quotation, people_order, by_name, ids, words, who, cloze, every)
        for order, (weight, question) in enumerate(made):
            items.append((weight, quotation.position, order, partial(dict, question), None))
    for figure in choice.figures:  # each once: `find_figures` drops a repeated caption's or paragraph's
        caption = figure.excerpt if figure.heading else None
        items.append((WEIGHTS[figure.kind], figure.position, 0, partial(_figure_question, figure, ids, words, lang), caption))
    roles = findings.roles
    shared = Counter((person.role or "").casefold() for person in roles)
    for person in choice.roles:
        if shared[(person.role or "").casefold()] > 1:
            continue  # two people "CEO": "who is the CEO?" would have two right answers
        if person.excerpt is None or not names_in(person.excerpt, person):
            continue  # "le président de la République" alone: the excerpt would not show whose role it is
        items.append((WEIGHTS["role"], person.position, 0, partial(_role_question, person, roles, ids, words), None))
    kept: list[tuple[int, int, dict[str, Any]]] = []
    seen: set[str] = set()
    per_caption: Counter[str] = Counter()
    for _, position, order, make, caption in sorted(items, key=lambda item: (-item[0], item[1], item[2])):
        if caption is not None and per_caption[caption] >= PER_CAPTION:
            continue
        question = make()
        asked = " ".join(str(question.get(key, "")) for key in ("type", "prompt", "text", "answer"))
        if asked in seen:
            continue
        seen.add(asked)
        if caption is not None:
            per_caption[caption] += 1
        kept.append((position, order, question))
        if limit is not None and len(kept) == limit:
            break
    return [question for _, _, question in sorted(kept, key=lambda item: (item[0], item[1]))]


class _Ids:
    """Stable, unique slugs: the same article always gives the same ids."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.tried: dict[str, int] = {}
        """The last number tried after each base: the next id is found without trying them all again."""

    def make(self, *parts: str, suffix: str = "") -> str:
        """The slug of `parts` (40 characters or so) and `suffix`; then -2, -3... if it is taken."""
        base = slugify(re.sub(r"[’']", " ", " ".join(part for part in parts if part)))
        if len(base) > 40:  # cut at a word
            base = base[:41].rsplit("-", 1)[0]
        base = "-".join(part for part in (base or "question", suffix) if part)
        candidate, n = base, self.tried.get(base, 1)
        if n > 1:
            candidate = f"{base}-{n}"
        while candidate in self.used:
            n += 1
            candidate = f"{base}-{n}"
        self.tried[base] = n
        self.used.add(candidate)
        return candidate


def _first_words(words: str, n: int = 4) -> str:
    """The first words of a quotation, for its questions' ids."""
    return " ".join(re.findall(r"[^\W_]+", words)[:n])


def _choices(answer: str, others: list[str], key: str, limit: int = 4, names: bool = False) -> list[str]:
    """The answer among up to three distractors, at a place that depends on the question only.

    With `names`, a distractor that shares a word of the answer's name ("Bill Perez" for "William D. Perez")
    could be the same person: it is left out, so that no mcq has two right choices."""
    answer_words = {word.casefold() for word in answer.split() if len(word) > 2} if names else set()
    distractors: list[str] = []
    for other in dict.fromkeys(others):
        if len(distractors) == limit - 1:
            break
        # A choice inside another ("Vice-président" in "Vice-président senior") names the same thing: a bank refuses it.
        if any(_inside(other, chosen) for chosen in (answer, *distractors)):
            continue
        if not (answer_words & {word.casefold() for word in other.split() if len(word) > 2}):
            distractors.append(other)
    choices = list(distractors)
    choices.insert(zlib.crc32(key.encode()) % (len(distractors) + 1), answer)
    return choices


def _inside(a: str, b: str) -> bool:
    """One text inside the other, case aside."""
    a, b = a.casefold(), b.casefold()
    return a in b or b in a


def _surname_forms(person: Person) -> list[str]:
    """What a short answer may be besides the name: the surname alone, the other spellings; none for a name with its
    title ("Mr Edwards"), which a draft writes only when the surname alone is two people's."""
    if person.name.split()[0].rstrip(".") in TITLES:
        return []
    forms = [person.name.split()[-1], *person.variants]
    return [form for form in dict.fromkeys(forms) if form != person.name]


def _quotation_questions(
    quotation: Quotation,
    people_order: list[str],
    by_name: dict[str, Person],
    ids: _Ids,
    words: dict[str, str],
    who: bool,
    cloze: bool,
    every: bool = False,
) -> list[tuple[float, dict[str, Any]]]:
    """Who said the quotation (when the article says and `who`), then a cloze of it (when `cloze`, unless its text
    would break the cloze markup), each with its weight. A fragment quoted in the writer's sentence is asked about
    only when that sentence names its speaker. With fewer than three people to choose from, the name is typed, and
    only with `every`: teachers kept 3 in 10 of those ("free-text recall of a name seen once")."""
    speaker = quotation.asked_speaker
    opening = _first_words(quotation.text)
    questions: list[tuple[float, dict[str, Any]]] = []
    # No "who said" whose quotation prints the answer in a way that cannot be cut out.
    shown = _unnamed(quotation.text, by_name[speaker]) if speaker is not None and who else None
    # The first few candidates are enough for three distractors: a text with thousands of people costs no more.
    others = list(islice((name for name in people_order if name != speaker and name not in quotation.mentions), 12))
    if speaker is not None and shown is not None and (every or len(_choices(speaker, others, "", names=True)) >= 3):
        question_id = ids.make(speaker, opening)
        prompt = words["who"].format(quote=_shortened(shown))
        question: dict[str, Any] = {"id": question_id, "type": "mcq", "draft": True, "prompt": prompt}
        choices = _choices(speaker, others, question_id, names=True)
        if len(choices) >= 3:  # two choices are a coin toss
            question["choices"] = choices
            question["answer"] = speaker
        else:
            question["type"] = "short"
            question["answer"] = speaker
            if forms := _surname_forms(by_name[speaker]):
                question["accept"] = forms
        difficulty = 1 if quotation.attribution == "named" else 2
        question |= _closing(quotation.tags, difficulty, words["said"].format(speaker=speaker), quotation.excerpt)
        questions.append((WEIGHTS["who" if quotation.attribution in ("named", "role") else "who-inferred"], question))
    if not cloze or quotation.cloze is None:
        return questions
    start, end = quotation.cloze
    hidden = quotation.text[start:end]
    if "::" not in hidden and "{{" not in quotation.text and "}}" not in quotation.text:
        marked = quotation.text[:start] + "{{c1::" + hidden + "}}" + quotation.text[end:]
        text = words["cloze"].format(speaker=speaker, quote=marked) if speaker else words["cloze_alone"].format(quote=marked)
        why = words["cloze_why"].format(speaker=speaker) if speaker else words["cloze_why_alone"]
        cloze_id = ids.make(speaker or "quote", opening, suffix="cloze")
        question = {"id": cloze_id, "type": "cloze", "draft": True, "text": text, **_closing(quotation.tags, 2, why, quotation.excerpt)}
        questions.append((WEIGHTS["cloze-partial" if quotation.partial else "cloze"], question))
    return questions


def _unnamed(text: str, person: Person) -> str | None:
    """A quotation without the clause inside it that names its speaker: «… mais surtout, souligne Bernard Pivot, une petite
    fortune» asks "who said" with […] where the answer was; None when the name is not in a clause of its own."""
    names = [word for name in (person.name, *person.variants) for word in name.split() if len(word) > 2 and word[0].isupper()]
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, dict.fromkeys(names))) + r")\b") if names else None
    while pattern is not None and (found := pattern.search(text)) is not None:
        start = max(text.rfind(mark, 0, found.start()) for mark in (",", "—", "–", "("))
        if start == -1:
            return None
        ends = [at for at in (text.find(mark, found.end()) for mark in (",", ".", "—", "–", ")")) if at != -1]
        end = min(ends) if ends else len(text)
        tail = text[end + 1 :] if end < len(text) and text[end] in ",—–)" else text[end:]
        text = f"{text[:start].rstrip()} […] {tail.lstrip()}".strip()
    return _without_incise(text)


def _without_incise(text: str) -> str:
    """A quotation without the writer's pronoun clause inside it: «On a peut-être mal intégré les nouveaux habitants,
    s'interroge-t-il. Et…» would tell a "who said" that the speaker is a man."""
    for pattern in PRONOUN_CLAUSE.values():
        position = 0
        while (found := pattern.search(text, position)) is not None:
            start = text.rfind(",", 0, found.start())
            ends = [at for at in (text.find(mark, found.end()) for mark in (",", ".", "!", "?")) if at != -1]
            end = min(ends) if ends else len(text)
            if start == -1 or found.start() - start > 40 or end - found.end() > 40:
                position = found.end()
                continue
            stop = text[end] if end < len(text) and text[end] in ".!?" else ""
            text = f"{text[:start].rstrip()} […]{stop} {text[end + 1 :].lstrip()}".strip()
            position = start
    return text


def _shortened(text: str, most: int = 60, kept: int = 45) -> str:
    """A quotation of more than `most` words cut after the sentence that reaches `kept` words (a who-said question is read whole)."""
    if len(text.split()) <= most:
        return text
    words = 0
    for sentence in re.finditer(r".+?(?:[.!?…]+(?=\s)|$)", text, re.S):
        words += len(sentence.group().split())
        if words >= kept:
            end = sentence.end()
            return text if end >= len(text.rstrip()) - 1 else text[:end].rstrip() + " […]"
    return text


def _figure_id(figure: Figure) -> tuple[str, ...]:
    """The words an id is made of: "year 2015", "day 30 juin", "200 millions de dollars", "45m dollars", "49 percent"."""
    if figure.kind == "year":
        return ("year", str(figure.value))
    if figure.kind == "date":
        return ("day", figure.wording)
    wording = figure.wording.replace("%", " percent")
    # The unit once: "19-year-old" is not "19-year-old-years".
    return (wording,) if slugify(figure.unit.removesuffix("s")) in slugify(wording) else (wording, figure.unit)


SINGULAR_TIME_UNITS = frozenset(("year", "month", "week", "day", "hour", "minute"))
"""English units of time a compound writes in the singular ("a four year renovation")."""
_SHOUTED = re.compile(r"^((?:[A-Z]+\s+)*[A-Z]+)(?=\s+[a-z])")
"""A newspaper's capitals at a paragraph's start: "UP to 450 jobs", "REGULAR full houses", "MANAGERS AT the plant"."""


def _unshout(passage: str, lang: str) -> str:
    """The passage with its opening capitals written as a sentence starts ("Up to 450 jobs"), when they are words and
    not an acronym ("NHS trusts", "L’IRM" stay): a stopword, or a word of five letters or more."""
    found = _SHOUTED.match(passage)
    if found is None:
        return passage
    words = found.group(1).split()
    if not any(word.lower() in STOPWORDS[lang] or len(word) >= 5 for word in words):
        return passage
    written = [word.lower() if word.lower() in STOPWORDS[lang] or len(word) >= 5 else word for word in words]  # "BBC" stays
    written[0] = written[0][:1].upper() + written[0][1:]
    return " ".join(written) + passage[found.end(1) :]


def _figure_question(figure: Figure, ids: _Ids, words: dict[str, str], lang: str) -> dict[str, Any]:
    """The figure's excerpt with the figure left blank; the explanation says what answers are accepted."""
    low, high = figure.blank
    passage = _unshout(flat(figure.excerpt[:low] + "…" + figure.excerpt[high:]), lang)
    unit, answer = figure.unit, figure.value
    if figure.scale in SCALE_WORDS[lang] and figure.kind in ("amount", "count", "duration"):
        # "15,4 millions de livres" is asked in millions: nobody types 15400000 without a slip.
        scale = SCALE_WORDS[lang][figure.scale]
        link = ("d’" if unit[:1].lower() in "aeiouyhéèêàâîôû" else "de ") if lang == "fr" and unit else ""
        unit = f"{scale} {link}{unit}".replace("’ ", "’").strip()  # "9.6 million" of a noun said before: "million"
        answer = clean_number(figure.value / 10**figure.scale)
        label = words["amount"].format(unit=unit)
    elif figure.kind == "count" and not unit:
        label = words["number"]  # "turnout was …": the excerpt says what is counted
    elif figure.kind == "count":
        of = "d’" if lang == "fr" and unit[:1].lower() in "aeiouyhéèêàâîôû" else "de "
        label = words["count"].format(of=of, unit=unit)
    elif figure.kind == "amount":
        label = words["amount"].format(unit=unit)
    else:
        if figure.kind == "duration" and lang == "en" and unit in SINGULAR_TIME_UNITS and answer != 1:
            unit = f"{unit}s"  # "a four year renovation" is asked in years: "(year)" reads as a calendar year
        label = words[figure.kind].format(unit=unit)
    question: dict[str, Any] = {
        "id": ids.make(*_figure_id(figure)),
        "type": "numeric",
        "draft": True,
        "prompt": words["fill"].format(label=label, passage=passage),
        "answer": answer,
    }
    if unit:
        question["unit"] = unit
    why = words["figure_why"].format(wording=re.sub(r"\s+", " ", figure.wording))
    question["tolerance"] = figure.tolerance
    if figure.tolerance:
        tolerance = str(figure.tolerance).replace("%", "\u00a0%").replace(".", ",") if lang == "fr" else str(figure.tolerance)
        points = "point" if isinstance(figure.tolerance, (int, float)) and figure.tolerance <= 1 else "points"
        why += words["points_why" if figure.kind == "percent" else "tolerance_why"].format(tolerance=tolerance, points=points)
    return question | _closing(figure.tags, 2, why, figure.excerpt)


def _closing(tags: tuple[str, ...], difficulty: int, explanation: str, source: str) -> dict[str, Any]:
    """The fields every drafted question ends with."""
    return {"tags": list(tags), "difficulty": difficulty, "explanation": explanation, "source": source}


def _role_question(person: Person, roles: tuple[Person, ...], ids: _Ids, words: dict[str, str]) -> dict[str, Any]:
    """The person's role among the others' roles; with fewer than two other roles, who has that role."""
    assert person.role is not None
    role = person.role[:1].upper() + person.role[1:]
    others = list(islice((p.role[:1].upper() + p.role[1:] for p in roles if p is not person and p.role), 12))
    question_id = ids.make(person.name, suffix="role")
    question: dict[str, Any] = {"id": question_id, "type": "mcq", "draft": True}
    choices = _choices(role, others, question_id)
    if len(choices) >= 3:
        question |= {"prompt": words["role"].format(name=person.name), "choices": choices, "answer": role}
    else:
        question |= {"type": "short", "prompt": words["who_role"].format(role=person.role), "answer": person.name}
        if forms := _surname_forms(person):
            question["accept"] = forms
    tags = (*person_tags(person), "people")
    return question | _closing(tags, 1, words["role_why"].format(name=person.name, role=person.role), person.excerpt or person.name)

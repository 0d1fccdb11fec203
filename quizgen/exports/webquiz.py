"""One self-contained HTML page that runs the quiz in a browser, offline.

The page is quizgen/templates/webquiz.html with its CSS and script inlined. The
questions travel as JSON in a `<script type="application/json">` element, with
`<`, `>`, `&` and the two Unicode line separators written as \\u escapes, so no
bank text can end that element. The script puts bank texts on the page as text
only (textContent, attributes), never as HTML. A Content-Security-Policy allows
the page's own style and script (by their hashes) and images embedded as data:
URIs, and nothing else: no network request, no other script, even if a bug let
markup through.

The page keeps its progress in the browser's localStorage under a key made of
the deck id, a hash of the page's questions and the language, so that a reload
resumes and two quizzes opened from one folder never share progress.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files
from typing import Any, Literal

from .. import scoring
from ..answers import match_text, unit_scale
from ..apart import clusters
from ..bank.media import FORMATS, SNIFFED, image_kind
from ..identity import web_link
from ..model import (
    Bank,
    Cloze,
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
)
from ..present import answer_text, base_language, label, prompt_text, typographic
from ..select import Filters, matching
from .base import ExportResult, Skipped, Unfit, blank_answers, image_alt, image_file, source_line

LABELS = ("true", "false", "hint", "answer_line")
"""quizgen's shared words that the page's script shows too."""
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "check": "Check",
        "next": "Next",
        "save": "Save and go on",
        "skip": "Skip",
        "previous": "Previous",
        "finish": "Finish",
        "right": "Right!",
        "wrong": "Not quite.",
        "partly": "Partly right: {credit} of {points} points.",
        "score": "Score: {score} / {total}",
        "percent": "{percent} %",
        "finished": "Finished!",
        "restart": "Start over",
        "restart_confirm": "Start over? Your answers in this quiz will be cleared.",
        "move_up": "Move up",
        "move_down": "Move down",
        "choose": "Choose…",
        "your_answer": "Your answer",
        "blank": "Blank {number}",
        "empty": "Answer first, or skip.",
        "not_number": "Write a number, such as 200 million.",
        "needs_js": "This quiz needs JavaScript.",
        "question_of": "Question {number} of {total}",
        "map": "Questions",
        "map_item": "Question {number}: {state}",
        "state_new": "not seen",
        "state_answered": "answered",
        "state_right": "right",
        "state_partly": "partly right",
        "state_wrong": "wrong",
        "state_skipped": "skipped",
        "options": "Options",
        "start": "Start with these options",
        "count": "Number of questions (at most {max})",
        "tags": "Tags (none ticked: all)",
        "types": "Types of question (none ticked: all)",
        "all": "all",
        "order": "Order",
        "shuffled": "Shuffled",
        "bank_order": "As in the bank",
        "mode": "Mode",
        "practice": "Practice: see if you are right after each question",
        "test": "Test: see your results at the end",
        "none_left": "No question matches these options.",
        "saved": "Answer saved.",
        "unanswered": "Unanswered: {count}",
        "by_tag": "Score by tag",
        "tag": "Tag",
        "points": "Points",
        "no_tag": "(no tag)",
        "missed": "To review",
        "nothing_missed": "Nothing to review: every answer was right.",
        "retry": "Retry the missed ones",
        "worksheet": "Worksheet",
        "print": "Print",
        "back": "Back to the quiz",
        "you_answered": "Your answer: {answer}",
        "not_answered": "Not answered.",
        "is_right": "right",
        "is_wrong": "wrong",
        "chose_right": "your choice, right",
        "chose_wrong": "ticked wrongly",
        "chose_wrong_one": "your choice, wrong",
        "missed_choice": "missed: this one is right too",
        "not_chosen": "the right answer",
        "should_be": "right answer: {answer}",
        "in_place": "in its place",
        "out_of_place": "belongs at {place}",
        "worksheet_title": "Worksheet: {count} questions",
        "worksheet_title_one": "Worksheet: 1 question",
        "name": "Name:",
        "choices_one": "Tick one box.",
        "choices_all": "Tick all that apply.",
        "rank": "Number the boxes in order, from 1.",
        "link": "Write the letter of the matching item.",
        "true_false": "Circle: True / False",
        "type_mcq": "one choice",
        "type_multi": "several choices",
        "type_truefalse": "true or false",
        "type_short": "short answer",
        "type_numeric": "number",
        "type_cloze": "blanks",
        "type_match": "matching",
        "type_order": "ordering",
    },
    "fr": {
        "check": "Valider",
        "next": "Suivant",
        "save": "Enregistrer et continuer",
        "skip": "Passer",
        "previous": "Précédente",
        "finish": "Terminer",
        "right": "Bonne réponse\u00a0!",
        "wrong": "Pas tout à fait.",
        "partly": "En partie juste\u00a0: {credit} point(s) sur {points}.",
        "score": "Score\u00a0: {score} / {total}",
        "percent": "{percent}\u00a0%",
        "finished": "Terminé\u00a0!",
        "restart": "Recommencer",
        "restart_confirm": "Recommencer\u00a0? Vos réponses à ce quiz seront effacées.",
        "move_up": "Monter",
        "move_down": "Descendre",
        "choose": "Choisir…",
        "your_answer": "Votre réponse",
        "blank": "Blanc {number}",
        "empty": "Répondez d’abord, ou passez.",
        "not_number": "Écrivez un nombre, par exemple 200 millions.",
        "needs_js": "Ce quiz a besoin de JavaScript.",
        "question_of": "Question {number} sur {total}",
        "map": "Questions",
        "map_item": "Question {number}\u00a0: {state}",
        "state_new": "pas encore vue",
        "state_answered": "répondue",
        "state_right": "juste",
        "state_partly": "en partie juste",
        "state_wrong": "fausse",
        "state_skipped": "passée",
        "options": "Options",
        "start": "Commencer avec ces options",
        "count": "Nombre de questions (au plus {max})",
        "tags": "Thèmes (aucun coché\u00a0: tous)",
        "types": "Types de question (aucun coché\u00a0: tous)",
        "all": "tous",
        "order": "Ordre",
        "shuffled": "Mélangé",
        "bank_order": "Celui de la banque",
        "mode": "Mode",
        "practice": "Entraînement\u00a0: la correction après chaque question",
        "test": "Examen\u00a0: les résultats à la fin",
        "none_left": "Aucune question ne correspond à ces options.",
        "saved": "Réponse enregistrée.",
        "unanswered": "Sans réponse\u00a0: {count}",
        "by_tag": "Score par thème",
        "tag": "Thème",
        "points": "Points",
        "no_tag": "(sans thème)",
        "missed": "À revoir",
        "nothing_missed": "Rien à revoir\u00a0: toutes les réponses sont justes.",
        "retry": "Refaire les questions manquées",
        "worksheet": "Fiche d’exercices",
        "print": "Imprimer",
        "back": "Retour au quiz",
        "you_answered": "Votre réponse\u00a0: {answer}",
        "not_answered": "Pas de réponse.",
        "is_right": "juste",
        "is_wrong": "faux",
        "chose_right": "votre choix, juste",
        "chose_wrong": "coché à tort",
        "chose_wrong_one": "votre choix, faux",
        "missed_choice": "oublié\u00a0: celui-ci est juste aussi",
        "not_chosen": "la bonne réponse",
        "should_be": "bonne réponse\u00a0: {answer}",
        "in_place": "à sa place",
        "out_of_place": "va en position {place}",
        "worksheet_title": "Fiche d’exercices\u00a0: {count} questions",
        "worksheet_title_one": "Fiche d’exercices\u00a0: 1 question",
        "name": "Nom\u00a0:",
        "choices_one": "Cochez une case.",
        "choices_all": "Cochez toutes les bonnes réponses.",
        "rank": "Numérotez les cases dans l’ordre, à partir de 1.",
        "link": "Écrivez la lettre de l’élément associé.",
        "true_false": "Entourez\u00a0: Vrai / Faux",
        "type_mcq": "un choix",
        "type_multi": "plusieurs choix",
        "type_truefalse": "vrai ou faux",
        "type_short": "réponse courte",
        "type_numeric": "nombre",
        "type_cloze": "texte à trous",
        "type_match": "association",
        "type_order": "remise en ordre",
    },
}
"""The words only the web page shows, in each language quizgen speaks (English for the others)."""
SLOT = re.compile(r"\{\{(\w+)\}\}")
SCRIPT_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


@dataclass(frozen=True)
class WebOptions:
    """What the page offers first; a student can change each in the page's options."""

    count: int | None = None
    """Questions per round (None: all the bank's, one per group)."""
    tags: tuple[str, ...] = ()
    """Only questions with one of these tags (empty: all)."""
    types: tuple[str, ...] = ()
    """Only questions of these types (empty: all)."""
    order: Literal["shuffled", "bank"] = "shuffled"
    mode: Literal["practice", "test"] = "practice"
    """practice: feedback after each answer; test: feedback at the end."""


def words(lang: str) -> dict[str, str]:
    return WORDS.get(base_language(lang), WORDS["en"])


def template(name: str) -> str:
    return (files("quizgen") / "templates" / name).read_text(encoding="utf-8")


def type_fields(question: Question, lang: str) -> dict[str, Any]:
    """What the page needs to show and grade a question of each type."""
    if isinstance(question, MultipleChoice):
        return {"choices": [choice[lang] for choice in question.choices], "answer": question.answer}
    if isinstance(question, MultipleAnswer):
        return {"choices": [choice[lang] for choice in question.choices], "answers": list(question.answers)}
    if isinstance(question, TrueFalse):
        return {"answer": question.answer}
    if isinstance(question, ShortAnswer):
        return {"accepted": short_answers(question, lang)}
    if isinstance(question, Numeric):
        unit = None if question.unit is None else question.unit[lang]
        # "scale": in "million pounds", a typed "15.4 million" (read as 15 400 000) is 15.4 too.
        return {"bounds": list(question.bounds), "unit": unit, "scale": unit_scale(unit, lang) if unit else 0}
    if isinstance(question, Cloze):
        parts = [
            {"text": part} if isinstance(part, str) else {"accepted": blank_answers(question, part, lang), "hint": part.hint}
            for part in cloze_parts(question.text[lang])
        ]
        return {"parts": parts}
    if isinstance(question, Match):
        # By text: the right column offers each right side once, and two lefts may share one.
        return {
            "lefts": [left[lang] for left, _ in question.pairs],
            "rights": list(question.right_column(lang)),
            "solution": list(question.solution(lang)),
        }
    if isinstance(question, Order):
        return {"items": [item[lang] for item in question.items]}
    raise TypeError(question.type)


def short_answers(question: ShortAnswer, lang: str) -> list[str]:
    """Every right spelling, in `lang` first, then in the bank's other languages, as the terminal quiz takes them."""
    languages = [lang, *(other for other in question.answer if other != lang)]
    return list(dict.fromkeys(text[other] for other in languages for text in (question.answer, *question.accept)))


def image_uri(bank: Bank, question: Question) -> str | None:
    """The question's picture as a data: URI, so the page stays one file; Unfit when it can't be read."""
    found = image_file(bank, question)
    if found is None:
        return None
    name, data = found
    kind = image_kind(data[:SNIFFED])
    if kind is None:
        raise Unfit(f"its image {name} is not a {FORMATS} picture")
    mime = "image/svg+xml" if kind == "svg" else f"image/{kind}"
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def quiz_question(bank: Bank, question: Question, lang: str, cluster: int) -> dict[str, Any]:
    """A question as the page's script reads it."""
    image = image_uri(bank, question)
    return {
        "id": question.id,
        "type": question.type,
        "prompt": typographic(prompt_text(question, lang), lang),
        "tags": list(question.tags),
        "points": question.points,
        "cluster": cluster,
        "hint": None if question.hint is None else question.hint[lang],
        "explanation": None if question.explanation is None else typographic(question.explanation[lang], lang),
        "sourceLine": source_line(bank, question, lang),
        "answerText": answer_text(question, lang),
        **({"image": image, "alt": image_alt(question, lang)} if image is not None else {}),
        **type_fields(question, lang),
    }


def credit(question: Question, response: Any, lang: str) -> float:
    """The share of `question`'s points an answer earns, from 0 to 1, by quizgen.scoring: the rule the page's script mirrors.

    `response` is what the page records: the chosen index (mcq), the ticked indices (multi), True or
    False, the typed text (short), the number (numeric), the typed blanks (cloze), the index in
    `right_column` chosen for each left side, or None (match), the items' indices as placed (order).
    quizgen.scoring has no rule for blanks: a cloze earns the share of its blanks that are right.
    """
    if isinstance(question, MultipleChoice):
        return scoring.single_credit([response], [question.answer])
    if isinstance(question, TrueFalse):
        return float(response == question.answer)
    if isinstance(question, MultipleAnswer):
        return scoring.multi_credit(response, question.answers)
    if isinstance(question, ShortAnswer):
        accepted = short_answers(question, lang)
        return float(match_text(str(response), accepted, [0] * len(accepted)) is not None)
    if isinstance(question, Numeric):
        power = unit_scale(question.unit[lang], lang) if question.unit is not None else 0
        number = float(response)
        return max(scoring.number_credit(number, question.bounds), scoring.number_credit(number / 10**power, question.bounds))
    if isinstance(question, Cloze):
        blanks = cloze_deletions(question.text[lang])
        per_blank = [blank_answers(question, blank, lang) for blank in blanks]
        return share([match_text(typed, texts, [0] * len(texts)) is not None for typed, texts in zip(response, per_blank, strict=True)])
    if isinstance(question, Match):
        # right_column lists each right text once, so the one right item that fits a left side is its solution.
        return scoring.match_credit(response, [{right} for right in question.solution(lang)])
    if isinstance(question, Order):
        return scoring.order_credit(response, range(len(question.items)))
    raise TypeError(question.type)


def share(results: Sequence[bool]) -> float:
    """The share of the parts that are right."""
    return sum(results) / len(results)


def cluster_numbers(bank: Bank) -> list[int]:
    """For each question, a number shared by the questions that must not be drawn together (quizgen.apart)."""
    roots = clusters(bank)
    numbers: dict[str, int] = {}
    return [numbers.setdefault(roots[question.id], len(numbers)) for question in bank.questions]


def script_json(value: object) -> str:
    """JSON that cannot end the <script> element it sits in, nor be read as markup."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(SCRIPT_ESCAPES)


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def check_options(bank: Bank, options: WebOptions) -> None:
    """Refuse tags and types that select nothing, as the quiz and handouts do (quizgen.select)."""
    matching(bank, Filters(tags=options.tags, types=options.types))


def storage_key(bank: Bank, questions: Sequence[dict[str, Any]], lang: str) -> str:
    """Where the page keeps its progress: one key per deck, content and language."""
    digest = hashlib.sha256(script_json(questions).encode("utf-8")).hexdigest()[:16]
    return f"quizgen:{bank.deck.id}:{digest}:{lang}"


def to_webquiz(bank: Bank, lang: str, options: WebOptions | None = None) -> ExportResult:
    """The bank as a one-file web quiz, in `lang`, offering `options` first."""
    chosen = options or WebOptions()
    check_options(bank, chosen)
    questions: list[dict[str, Any]] = []
    skipped: list[Skipped] = []
    for question, cluster in zip(bank.questions, cluster_numbers(bank), strict=True):
        try:
            questions.append(quiz_question(bank, question, lang, cluster))
        except Unfit as unfit:
            skipped.append(Skipped(question, str(unfit)))
    data = {
        "lang": lang,
        "key": storage_key(bank, questions, lang),
        "labels": {**{key: label(key, lang) for key in LABELS}, **words(lang)},
        "sourceUrl": web_link(bank),
        "defaults": {
            "count": chosen.count,
            "tags": list(chosen.tags),
            "types": list(chosen.types),
            "order": chosen.order,
            "mode": chosen.mode,
        },
        "questions": questions,
    }
    style, script = template("webquiz.css"), template("webquiz.js")
    policy = (
        f"default-src 'none'; script-src {sha256(script)}; style-src {sha256(style)}; img-src data:; base-uri 'none'; form-action 'none'"
    )
    slots = {
        "lang": html.escape(lang),
        "title": html.escape(bank.title[lang]),
        "csp": policy,
        "style": style,
        "script": script,
        "data": script_json(data),
        "needs_js": html.escape(words(lang)["needs_js"]),
    }
    # One pass over the template: a bank text that looks like {{slot}} is never filled in.
    page = SLOT.sub(lambda found: slots[found[1]], template("webquiz.html"))
    return ExportResult(page, len(questions), tuple(skipped))

"""The normalised bank as JSON, for other programs: every text resolved to one language, every answer explicit.

The schema (version 2) is the JSON Schema file `bank.schema.json` beside this
module, named by the `$schema` key of every export, and documented in the
README. Keys are always present and always in the same order; a missing
optional text is null. Numbers are written shortest-exact, whole ones without a
decimal point. quizgen reads such a file back as a bank (`quizgen/bank/json_bank.py`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..identity import deck_name
from ..model import (
    Bank,
    Cloze,
    Localized,
    Match,
    MultipleAnswer,
    MultipleChoice,
    Numeric,
    Order,
    Question,
    ShortAnswer,
    TrueFalse,
    cloze_deletions,
)
from .base import ExportResult, Skipped, Unfit, plain_number

FORMAT = "quizgen-bank"
VERSION = 2
SCHEMA_ID = "urn:quizgen:bank:2"
"""The `$schema` of every export: the `$id` of the schema file shipped in the package."""
SCHEMA_PATH = Path(__file__).with_name("bank.schema.json")


def number(value: float) -> int | float:
    """A number as JSON writes it, shortest-exact: 2.7315, not 2.7314999999999996 (see plain_number)."""
    text = plain_number(value)
    return int(text) if text.lstrip("-").isdigit() else float(text)


def type_fields(question: Question, lang: str) -> dict[str, Any]:
    """The fields of the question's own type."""
    if isinstance(question, MultipleChoice):
        return {"choices": [choice[lang] for choice in question.choices], "answer": question.answer}
    if isinstance(question, MultipleAnswer):
        return {"choices": [choice[lang] for choice in question.choices], "answers": list(question.answers)}
    if isinstance(question, TrueFalse):
        return {"answer": question.answer}
    if isinstance(question, ShortAnswer):
        return {"answer": question.answer[lang], "accept": [other[lang] for other in question.accept]}
    if isinstance(question, Numeric):
        return {
            "answer": number(question.answer),
            "tolerance": number(question.tolerance),
            "range": None if question.range is None else [number(bound) for bound in question.range],
            "unit": None if question.unit is None else question.unit[lang],
        }
    if isinstance(question, Cloze):
        deletions = cloze_deletions(question.text[lang])
        return {
            "text": question.text[lang],
            "deletions": [
                {
                    "number": deletion.number,
                    "answer": deletion.answer,
                    "hint": deletion.hint,
                    "accepted": list(question.accepted(deletion.number, lang)),
                }
                for deletion in deletions
            ],
        }
    if isinstance(question, Match):
        return {
            "pairs": [[left[lang], right[lang]] for left, right in question.pairs],
            "pair_sources": list(question.pair_sources) or [None] * len(question.pairs),
            "distractors": [item[lang] for item in question.distractors],
            "right_column": list(question.right_column(lang)),
            "solution": list(question.solution(lang)),
        }
    if isinstance(question, Order):
        return {
            "items": [item[lang] for item in question.items],
            "item_sources": list(question.item_sources) or [None] * len(question.items),
        }
    raise TypeError(question.type)


def resolved(text: Localized | None, lang: str) -> str | None:
    return None if text is None else text[lang]


def question_record(question: Question, lang: str) -> dict[str, Any]:
    """One question of the JSON export."""
    return {
        "id": question.id,
        "type": question.type,
        "prompt": resolved(question.prompt, lang),
        "tags": list(question.tags),
        "difficulty": question.difficulty,
        "explanation": resolved(question.explanation, lang),
        "source": question.source,
        "hint": resolved(question.hint, lang),
        "draft": question.draft,
        "support": question.support,
        "group": question.group,
        "points": number(question.points),
        "image": None if question.image is None else {"file": question.image.file, "alt": resolved(question.image.alt, lang)},
        **type_fields(question, lang),
    }


def bank_record(bank: Bank, lang: str) -> dict[str, Any]:
    source = bank.source
    return {
        "$schema": SCHEMA_ID,
        "format": FORMAT,
        "version": VERSION,
        "title": bank.title[lang],
        "language": lang,
        "no_source": bank.no_source,
        "source": None
        if source is None
        else {"title": source.title[lang], "url": source.url, "date": source.date, "file": source.file, "language": bank.source_language},
        "deck": {"name": deck_name(bank, lang), "id": bank.deck.id},
        "questions": [],
    }


def to_json(bank: Bank, lang: str) -> ExportResult:
    """The bank as JSON, in `lang`; a question with a number JSON can't hold (not finite) is left out."""
    record = bank_record(bank, lang)
    skipped = []
    for question in bank.questions:
        try:
            record["questions"].append(question_record(question, lang))
        except Unfit as unfit:
            skipped.append(Skipped(question, str(unfit)))
    return ExportResult(json.dumps(record, ensure_ascii=False, indent=2) + "\n", len(record["questions"]), tuple(skipped))

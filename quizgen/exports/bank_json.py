"""The normalised bank as JSON, for other programs: every text resolved to one language, every answer explicit.

The schema (version 1) is documented in the README. Keys are always present
and always in the same order; a missing optional text is null. Numbers that are
whole are written without a decimal point.
"""

from __future__ import annotations

import json
from typing import Any

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
from .base import ExportResult

FORMAT = "quizgen-bank"
VERSION = 1


def number(value: float) -> int | float:
    return int(value) if value == int(value) and abs(value) < 2**53 else value


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
            "deletions": [{"number": deletion.number, "answer": deletion.answer, "hint": deletion.hint} for deletion in deletions],
        }
    if isinstance(question, Match):
        return {"pairs": [[left[lang], right[lang]] for left, right in question.pairs]}
    if isinstance(question, Order):
        return {"items": [item[lang] for item in question.items]}
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
        **type_fields(question, lang),
    }


def bank_record(bank: Bank, lang: str) -> dict[str, Any]:
    source = bank.source
    return {
        "format": FORMAT,
        "version": VERSION,
        "title": bank.title[lang],
        "language": lang,
        "source": None if source is None else {"title": source.title[lang], "url": source.url, "date": source.date},
        "deck": {"name": bank.deck.name[lang], "id": bank.deck.id},
        "questions": [question_record(question, lang) for question in bank.questions],
    }


def to_json(bank: Bank, lang: str) -> ExportResult:
    """The bank as JSON, in `lang`."""
    return ExportResult(json.dumps(bank_record(bank, lang), ensure_ascii=False, indent=2) + "\n", len(bank.questions))

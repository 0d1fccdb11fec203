"""Quizlet's import box: one card per line, the term and its definition separated by a tab."""

from __future__ import annotations

from ..model import Bank, Cloze
from ..present import answer_text, cloze_text, prompt_text
from .base import ExportResult, Skipped, Unfit, one_line, refuse_picture


def to_quizlet(bank: Bank, lang: str) -> ExportResult:
    """Each question as a card: its prompt (a cloze's text with blanks) as the term, its answer as the definition."""
    lines = []
    skipped = []
    for question in bank.questions:
        try:
            refuse_picture(question, "Quizlet's import box")
        except Unfit as unfit:
            skipped.append(Skipped(question, str(unfit)))
            continue
        term = cloze_text(question.text[lang]) if isinstance(question, Cloze) else prompt_text(question, lang)
        lines.append(f"{one_line(term)}\t{one_line(answer_text(question, lang))}\n")
    return ExportResult("".join(lines), len(lines), tuple(skipped))

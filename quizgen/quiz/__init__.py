"""The quiz without a terminal: which questions to ask, how each is shown, whether an answer is right, what to show.

Everything here is pure and deterministic given a seed; terminal.py does the asking
and progress.py the remembering.
"""

from __future__ import annotations

from .draw import review_questions, select_questions, spread
from .grading import (
    Note,
    Presentation,
    Unclear,
    Verdict,
    check_answer,
    cloze_prompt,
    command,
    command_word,
    example,
    hint,
    how_to_answer,
    present,
    right_answer,
)
from .summary import Outcome, Summary, TagScore, rating
from .words import AGAIN, DIFFICULTY_WORDS, EASY, GOOD, HARD, RATING_WORDS, WORDS, say

__all__ = [
    "AGAIN",
    "DIFFICULTY_WORDS",
    "EASY",
    "GOOD",
    "HARD",
    "RATING_WORDS",
    "WORDS",
    "Note",
    "Outcome",
    "Presentation",
    "Summary",
    "TagScore",
    "Unclear",
    "Verdict",
    "check_answer",
    "cloze_prompt",
    "command",
    "command_word",
    "example",
    "hint",
    "how_to_answer",
    "present",
    "rating",
    "review_questions",
    "right_answer",
    "say",
    "select_questions",
    "spread",
]

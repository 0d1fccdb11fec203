"""quizgen: one YAML question bank, turned into Anki decks, a terminal quiz and classroom handouts.

The names below are imported on first use, so that `import quizgen` (and the
`quizgen` command's start-up) stays fast.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

EXPORTS = {
    "Bank": "model",
    "Question": "model",
    "MultipleChoice": "model",
    "MultipleAnswer": "model",
    "TrueFalse": "model",
    "ShortAnswer": "model",
    "Numeric": "model",
    "Cloze": "model",
    "Match": "model",
    "Order": "model",
    "Problem": "errors",
    "QuizgenError": "errors",
    "BankError": "errors",
    "load_bank": "bank",
    "parse_bank": "bank",
    "check_bank": "check",
    "build_decks": "anki",
    "write_deck": "anki",
    "present": "quiz",
    "check_answer": "quiz",
    "make_handout": "handouts",
    "render": "handouts",
    "export_file": "exports",
    "draft_bank": "draft",
}
__all__ = ["__version__", *EXPORTS]


def __getattr__(name: str) -> Any:
    if name not in EXPORTS:
        raise AttributeError(f"module 'quizgen' has no attribute {name!r}")
    return getattr(importlib.import_module(f".{EXPORTS[name]}", __name__), name)

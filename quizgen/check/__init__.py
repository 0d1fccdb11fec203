"""`quizgen check`: validate a bank, ground its excerpts in the source text, prove each answer, and sum it up.

Four passes, one module each: the loader's validation (bank/), grounding (every
excerpt is in the source text), support (every excerpt shows its answer, or the
bank says the answer is inferred), fairness (no question gives another away; no
order tells its own answer).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..bank import load_bank
from ..errors import BankError, Problem, count
from ..files import inside, is_file, read_text
from ..identity import derived_id_reason
from ..model import TYPES, Bank
from .fairness import FairnessReport, check_fairness
from .grounding import closest_passage, excerpts, fold, ungrounded
from .support import SupportReport, check_support

__all__ = ["CheckReport", "check_bank", "closest_passage", "fold"]

TAGS_SHOWN = 12


@dataclass(frozen=True)
class CheckReport:
    """What `quizgen check` found in a valid bank."""

    bank: Bank
    warnings: tuple[Problem, ...]
    source_name: str | None
    """The text the excerpts were grounded in; None when there was none to read."""
    support: SupportReport
    fairness: FairnessReport
    skipped_source: str | None = None
    """A declared source file that does not exist, so grounding was skipped."""

    def summary(self) -> str:
        bank = self.bank
        questions = bank.questions
        types = Counter(question.type for question in questions)
        tags = Counter(tag for question in questions for tag in question.tags)
        lines = [
            f"{bank.path}: {count(len(questions), 'question')}, 0 errors, {count(len(self.warnings), 'warning')}",
            "  types: " + ", ".join(f"{kind} {types[kind]}" for kind in TYPES if types[kind]),
        ]
        if bank.deck.derived_id:
            # A line of the summary, not a warning: most banks start without an id, and --strict need not fail them.
            lines.insert(1, f"  deck id: {derived_id_reason(bank)}")
        if tags:
            shown = ", ".join(f"{tag} {n}" for tag, n in sorted(tags.items(), key=lambda item: (-item[1], item[0]))[:TAGS_SHOWN])
            more = f", and {len(tags) - TAGS_SHOWN} more" if len(tags) > TAGS_SHOWN else ""
            lines.append(f"  tags: {shown}{more}")
        languages = ", ".join(bank.languages)
        lines.append(f"  languages: {languages} (default {bank.default_language}); every text is in each of them")
        found = sum(len(excerpts(question)) for question in questions)
        if bank.no_source:
            lines.append("  grounding: none, the bank is written from no source (source: none)")
        elif self.source_name is not None:
            lines.append(f"  grounding: {found} of {count(found, 'excerpt')} found in {self.source_name}")
        elif self.skipped_source is not None:
            lines.append(f"  grounding: skipped, the source file {self.skipped_source} does not exist (use --source FILE)")
        else:
            lines.append("  grounding: skipped, no source text (use --source FILE or set source.file in the bank)")
        if not bank.no_source:
            lines.append(f"  {self.support.summary()} ({bank.source_language})")
        lines.append(f"  {self.fairness.summary()}")
        return "\n".join(lines)


def check_bank(path: Path, source: Path | None = None, strict: bool = False) -> CheckReport:
    """Validate the bank, ground its excerpts and prove its answers; raise BankError on any error (or warning, if strict)."""
    loaded = load_bank(path)
    bank = loaded.bank
    skipped = None
    if source is None and bank.source is not None and bank.source.file is not None:
        declared = inside(path.parent, bank.source.file, f"{path}: source.file")
        if is_file(declared):
            source = declared
        else:
            skipped = bank.source.file
    source_text = read_text(source) if source is not None else None
    problems = ungrounded(bank, source_text, str(source)) if source_text is not None else []
    support = check_support(bank, source_text)
    fairness = check_fairness(bank)
    warnings = sorted([*loaded.warnings, *support.problems, *fairness.problems], key=lambda problem: problem.line)
    if problems or (strict and warnings):
        raise BankError(str(path), sorted([*warnings, *problems], key=lambda problem: problem.line), strict=strict)
    return CheckReport(bank, tuple(warnings), None if source is None else str(source), support, fairness, skipped)

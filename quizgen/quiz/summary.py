"""What happened in a session: each question's outcome, the rating it proposes, and the sums of the summary."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .grading import Presentation, Verdict
from .words import AGAIN, GOOD, HARD


@dataclass(frozen=True)
class Outcome:
    """What happened to one question of a session; `verdict` is None when it was skipped."""

    presentation: Presentation
    verdict: Verdict | None
    hinted: bool
    seconds: float

    @property
    def correct(self) -> bool:
        return self.verdict is not None and self.verdict.correct


def rating(outcome: Outcome) -> int:
    """The FSRS rating proposed for an answer: wrong or skipped -> Again; right with a hint or a spelling slip -> Hard;
    otherwise right -> Good. Easy is the learner's to give (a fast answer may be a lucky guess)."""
    verdict = outcome.verdict
    if verdict is None or not verdict.correct:
        return AGAIN
    if outcome.hinted or verdict.misspelt:
        return HARD
    return GOOD


@dataclass(frozen=True)
class TagScore:
    """Right answers out of questions asked, for one tag."""

    tag: str
    right: int
    asked: int


@dataclass(frozen=True)
class Summary:
    """A finished (or interrupted) session."""

    outcomes: tuple[Outcome, ...]
    """The first answer to each question asked (a question asked again to relearn it counts once)."""
    seconds: float
    seed: int | None
    """The seed that replays the session, or None when a seed would not (a review depends on the schedule)."""

    @property
    def right(self) -> int:
        return sum(outcome.correct for outcome in self.outcomes)

    @property
    def percent(self) -> int:
        return round(100 * self.right / len(self.outcomes)) if self.outcomes else 0

    def by_tag(self) -> list[TagScore]:
        """Each tag of the questions asked, the weakest first (least right), then the most asked; untagged questions under ''."""
        right: Counter[str] = Counter()
        asked: Counter[str] = Counter()
        for outcome in self.outcomes:
            for tag in outcome.presentation.question.tags or ("",):
                asked[tag] += 1
                right[tag] += outcome.correct
        scores = [TagScore(tag, right[tag], count) for tag, count in asked.items()]
        return sorted(scores, key=lambda score: (score.right / score.asked, -score.asked, score.tag))

    def missed(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if not outcome.correct]

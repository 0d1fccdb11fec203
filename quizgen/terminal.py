"""The quiz at a keyboard: ask, read, judge, remember, rate, show; then the summary. Also `quizgen stats`.

Screens are built by pure functions (quiz/screens.py) as styled lines, wrapped
here to the terminal's width, then written as plain text (piped output,
NO_COLOR, TERM=dumb, tests: deterministic transcripts) or, on a colour
terminal, with rich's colours and rules. rich is imported only then: it costs
more start-up time than the rest of the quiz.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import sys
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from time import monotonic
from typing import Protocol

import click
from fsrs import State

from .bank import load_bank
from .model import Bank, MultipleAnswer, MultipleChoice
from .progress import Answer, Busy, Journal, ProgressStore, open_progress, progress_path
from .quiz import (
    AGAIN,
    GOOD,
    HARD,
    Outcome,
    Presentation,
    Summary,
    Unclear,
    Verdict,
    check_answer,
    command,
    command_word,
    hint,
    present,
    rating,
    review_questions,
    right_answer,
    say,
    select_questions,
)
from .quiz.screens import (
    Line,
    feedback_lines,
    help_lines,
    hint_lines,
    intro_lines,
    line,
    nothing_due_lines,
    question_lines,
    rating_lines,
    stats_lines,
    summary_lines,
    wrap,
)
from .select import Filters, parse_difficulty
from .stats import read_reports

STYLES = {
    "": "",
    "heading": "bold",
    "prompt": "bold",
    "key": "bold cyan",
    "dim": "dim",
    "right": "bold green",
    "wrong": "bold red",
    "partly": "bold yellow",
    "note": "yellow",
    "quote": "italic",
    "learned": "green",
    "active": "yellow",
    "new": "bright_black",
}
LEARNING_GAP = 3
"""Questions asked before a missed one comes back, so that it is recalled, not repeated from the screen."""
MAX_TRIES = 3
"""Times a question is asked in one session, at most: a learner who keeps missing it is not held in a loop."""
END_TRIES = 4
"""Attempts (each up to the busy timeout) to save answers kept while the database was busy, before the summary."""
NEXT_KEYS = frozenset({"\r", "\n", " ", "n"})
SHOWN_KEYS = frozenset("1234ruq?")
"""Keys echoed after an answer (the ones that do something there besides going on)."""


class Output(Protocol):
    def write(self, lines: Sequence[Line]) -> None: ...


class PlainOutput:
    """Lines as plain text, through click so that CliRunner captures them; wrapped to the width of a terminal, if any."""

    def __init__(self, width: int | None = None) -> None:
        self.width = width

    def write(self, lines: Sequence[Line]) -> None:
        for each in lines:
            for part in wrap(each, self.width) if self.width else [each]:
                click.echo(part.text)


class RichOutput:
    """Lines in colour, wrapped by `wrap` (rich would break at no-break spaces and lose list indents), headings as rules."""

    def __init__(self) -> None:
        from rich.console import Console

        self.console = Console(highlight=False)

    def write(self, lines: Sequence[Line]) -> None:
        from rich.text import Text

        for each in lines:
            for part in wrap(each, self.console.width):
                text = Text.assemble(*((piece, STYLES[style]) for style, piece in part.spans))
                # A rule would cut a heading too long for the terminal's width; such a heading wraps instead.
                if part.heading and text.cell_len + 4 <= self.console.width:
                    self.console.rule(text, align="left", style="bright_black")
                else:
                    self.console.print(text, soft_wrap=True)


def colours_wanted() -> bool:
    """Colours on a terminal, unless NO_COLOR is set (https://no-color.org) or the terminal is dumb."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def terminal_output() -> Output:
    if colours_wanted():
        return RichOutput()
    return PlainOutput(shutil.get_terminal_size().columns if sys.stdout.isatty() else None)


def read_line(prompt: str) -> str | None:
    """A line typed at `prompt`; None at end of input or Ctrl-C. Blank lines are asked again."""
    try:
        return str(click.prompt(prompt, prompt_suffix="", show_default=False))
    except click.Abort:
        click.echo()
        return None


def read_key(prompt: str) -> str | None:
    """One key pressed at `prompt` (Enter is '\\r' or '\\n'); None at end of input or Ctrl-C.

    Piped input (and CliRunner's) is read a character at a time, so that a transcript is a plain text.
    """
    click.echo(prompt, nl=False)
    try:
        key = click.getchar() if sys.stdin.isatty() else sys.stdin.read(1)
    except (KeyboardInterrupt, EOFError):
        click.echo()
        return None
    if key.casefold() in SHOWN_KEYS:
        click.echo(key)
    return key or None


@dataclass(frozen=True)
class QuizOptions:
    """The quiz command's options, as typed."""

    count: int = 10
    tags: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    difficulty: str | None = None
    seed: int | None = None
    lang: str | None = None
    review: bool = False
    db: str | None = None
    show_tags: bool = False


@dataclass(frozen=True)
class Given:
    """An answer given in the session: to which showing of which question, what was judged, and what was stored."""

    presentation: Presentation
    tries: int
    """Times the question was asked before in this session."""
    outcome: Outcome
    answer: Answer
    intervals: dict[int, timedelta] | None
    """Until the question is due again for each rating, from its card before this answer; None in practice of a question not due."""
    practice_due: datetime | None


class Quit(Exception):
    """The learner ended the session."""


class Session:
    """One run of questions: asks each, stores each answer, lets the learner rate, undo or override it, then sums up.

    A question rated Again comes back LEARNING_GAP questions later (FSRS's learning steps, within the session).
    Outside a review (`review` False), an answer to a question learned and not yet due leaves its schedule alone.
    """

    def __init__(
        self,
        bank: Bank,
        store: ProgressStore,
        output: Output,
        read: Callable[[str], str | None] = read_line,
        read_key: Callable[[str], str | None] = read_key,
        review: bool = False,
        show_tags: bool = False,
    ) -> None:
        self.bank = bank
        self.store = store
        self.journal = Journal(store, bank)
        self.output = output
        self.read = read
        self.read_key = read_key
        self.review = review
        self.show_tags = show_tags
        self.source_title = bank.source.title if bank.source is not None else None
        self.queue: deque[tuple[Presentation, int]] = deque()
        self.given: list[Given] = []

    def run(self, presentations: Sequence[Presentation], seed: int | None) -> Summary:
        """Ask every question, until q, Ctrl-C or the end of input; each answer is saved before its feedback is shown."""
        started = monotonic()
        self.queue = deque((presentation, 0) for presentation in presentations)
        try:
            while self.queue:
                presentation, tries = self.queue[0]
                result = self.ask(presentation, len(self.given) + 1, len(self.given) + len(self.queue), tries > 0)
                if isinstance(result, Outcome):
                    self.queue.popleft()
                    self.answered(presentation, tries, result)
                elif result == "undo":
                    self.undo()
                elif result == "right":
                    self.override()
        except (Quit, KeyboardInterrupt):
            self.output.write([Line()])
        self.save_waiting()
        firsts = tuple(given.outcome for given in self.given if given.tries == 0)
        return Summary(firsts, monotonic() - started, seed)

    def ask(self, presentation: Presentation, number: int, total: int, again: bool) -> Outcome | str:
        """One question, until it is answered or skipped; or the command ('undo', 'right') that acts on the answer before."""
        question, lang = presentation.question, presentation.lang
        self.output.write(question_lines(presentation, number, total, again, self.show_tags))
        started = monotonic()
        hinted = False
        blanks = presentation.blanks
        choices = len(question.choices) if isinstance(question, (MultipleChoice, MultipleAnswer)) else 0
        responses: list[str] = []
        asked_about: str | None = None
        for blank in range(max(1, len(blanks))):
            prompt = f"[{blank + 1}] > " if len(blanks) > 1 else "> "
            while True:
                typed = self.read(prompt)
                if typed is None:
                    raise Quit
                typed = typed.strip()
                if not typed:
                    continue
                action = command(typed, choices)
                if action == "help":
                    self.output.write(help_lines(lang))
                    continue
                if action == "hint":
                    hinted = True
                    self.output.write(hint_lines(hint(presentation, blank), lang))
                    continue
                if action == "skip":
                    return Outcome(presentation, None, hinted, monotonic() - started)
                if action == "quit":
                    raise Quit
                if action is not None:
                    return action
                if command_word(typed) and typed.casefold() != asked_about:
                    asked_about = typed.casefold()
                    self.output.write([line(("note", say("command-word", lang, typed)))])
                    continue
                if blanks:
                    responses.append(typed)
                    break
                verdict = check_answer(presentation, [typed])
                if isinstance(verdict, Unclear):
                    self.output.write([line(("note", verdict.message))])
                    continue
                return Outcome(presentation, verdict, hinted, monotonic() - started)
        cloze = check_answer(presentation, responses)
        assert isinstance(cloze, Verdict)
        return Outcome(presentation, cloze, hinted, monotonic() - started)

    def answered(self, presentation: Presentation, tries: int, outcome: Outcome) -> None:
        """Store the answer, show the feedback and the rating, then take the keys that change it, until Enter."""
        question = presentation.question
        scheduled, practice_due = self.schedules(question.id)
        intervals = self.store.intervals(self.bank, question.id) if scheduled else None
        answer = Answer(question.id, rating(outcome), outcome.correct, outcome.seconds, scheduled)
        if self.journal.give(answer) is None:
            self.output.write([line(("note", say("unsaved", presentation.lang)))])
        self.given.append(Given(presentation, tries, outcome, answer, intervals, practice_due))
        title = self.source_title[presentation.lang] if self.source_title is not None else None
        self.output.write(feedback_lines(presentation, outcome.verdict, title))
        lang = presentation.lang
        self.output.write(rating_lines(answer.rating, intervals, lang, practice_due))
        while True:
            key = self.read_key("")
            if key is None or key.casefold() == "q":
                raise Quit
            if key in NEXT_KEYS:
                break
            if key == "?":
                self.output.write(help_lines(lang))
            elif key in ("1", "2", "3", "4") and intervals is not None:
                if self.change(replace(self.given[-1].answer, rating=int(key))):
                    self.output.write(rating_lines(int(key), intervals, lang))
            elif key.casefold() == "r":
                self.override()
            elif key.casefold() == "u":
                self.undo()
                return
        last = self.given[-1]
        if last.answer.rating == AGAIN and tries + 1 < MAX_TRIES:
            self.queue.insert(min(LEARNING_GAP, len(self.queue)), (presentation, tries + 1))

    def schedules(self, question_id: str) -> tuple[bool, datetime | None]:
        """Whether an answer now moves the question's schedule; when it does not, the date it stays due on."""
        if self.review:
            return True, None
        card = self.store.card(self.bank, question_id)
        if card is None or card.state != State.Review or card.due <= self.store.clock():
            return True, None
        return False, card.due

    def lang(self) -> str:
        return self.queue[0][0].lang if self.queue else self.bank.default_language

    def change(self, answer: Answer) -> bool:
        """Replace the last answer in the database; False (with a message) while the database is busy."""
        try:
            self.journal.replace(answer)
        except Busy:
            self.output.write([line(("note", say("busy-undo", self.lang())))])
            return False
        self.given[-1] = replace(self.given[-1], answer=answer)
        return True

    def override(self) -> None:
        """'I was right': the last answer counts as right, in the summary, the log and the schedule."""
        if not self.given:
            self.output.write([line(("note", say("nothing-to-undo", self.lang())))])
            return
        last = self.given[-1]
        lang = last.presentation.lang
        if last.outcome.correct:
            self.output.write([line(("note", say("already-right", lang)))])
            return
        verdict = last.outcome.verdict or right_answer(last.presentation)
        outcome = replace(last.outcome, verdict=replace(verdict, correct=True, partial=False, notes=()))
        answer = replace(last.answer, rating=HARD if last.outcome.hinted else GOOD, correct=True)
        if not self.change(answer):
            return
        self.given[-1] = replace(self.given[-1], outcome=outcome)
        self.forget_relearning(last)
        self.output.write([line(("right", say("overridden", lang))), *rating_lines(answer.rating, last.intervals, lang, last.practice_due)])

    def undo(self) -> None:
        """Take the last answer back (from the database too) and ask its question again, first."""
        if not self.given:
            self.output.write([line(("note", say("nothing-to-undo", self.lang())))])
            return
        try:
            self.journal.take_back()
        except Busy:
            self.output.write([line(("note", say("busy-undo", self.lang())))])
            return
        last = self.given.pop()
        self.forget_relearning(last)
        self.queue.appendleft((last.presentation, last.tries))
        self.output.write([line(("note", say("undone", last.presentation.lang)))])

    def forget_relearning(self, given: Given) -> None:
        """Drop the question's return to the queue that a missed answer scheduled."""
        with contextlib.suppress(ValueError):
            self.queue.remove((given.presentation, given.tries + 1))

    def save_waiting(self) -> None:
        """Before the summary, save the answers kept while the database was busy, and say what became of them."""
        waiting = self.journal.waiting
        if not waiting:
            return
        for _ in range(END_TRIES):
            self.journal.flush()
            if not self.journal.waiting:
                break
        lang = self.given[0].presentation.lang if self.given else self.bank.default_language
        left = self.journal.waiting
        if left:
            self.output.write([line(("wrong", say("not-saved", lang, left, "" if left == 1 else "s", self.store.path)))])
        else:
            self.output.write([line(("note", say("saved-late", lang, waiting, "" if waiting == 1 else "s")))])


def enable_line_editing() -> None:
    """Arrow keys and history at the prompt, where the platform has readline."""
    if sys.stdin.isatty():
        with contextlib.suppress(ImportError):
            import readline  # noqa: F401


def run_quiz(path: Path, options: QuizOptions) -> None:
    """`quizgen quiz`: a session on the bank at `path`, its summary, and every answer saved to the progress database."""
    bank = load_bank(path).bank
    lang = bank.language(options.lang)
    filters = Filters(options.tags, options.types, parse_difficulty(options.difficulty))
    seed = options.seed if options.seed is not None else random.randrange(1, 10000)
    title = bank.title[lang]
    questions = [] if options.review else select_questions(bank, options.count, filters, seed)
    output = terminal_output()
    with open_progress(progress_path(options.db)) as store:
        store.remember(bank)
        if options.review:
            schedule = store.schedule(bank)
            questions = review_questions(bank, schedule.due, schedule.seen, options.count, filters, seed)
            if not questions:
                output.write(nothing_due_lines(schedule.next_due, store.clock(), lang))
                return
            due = sum(question.id in schedule.due for question in questions)
            output.write(intro_lines(title, len(questions), lang, (due, len(questions) - due)))
        else:
            output.write(intro_lines(title, len(questions), lang))
        enable_line_editing()
        session = Session(bank, store, output, review=options.review, show_tags=options.show_tags)
        # A review depends on the schedule as it stood, so no seed replays it.
        summary = session.run([present(question, lang, seed) for question in questions], None if options.review else seed)
    try:
        output.write(summary_lines(summary, lang))
    except KeyboardInterrupt:
        click.echo()


def show_stats(path: Path | None, db: str | None, tags: bool = False) -> None:
    """`quizgen stats`: progress for the bank at `path`, or for every bank in the database; the database is only read."""
    banks = [load_bank(path).bank] if path is not None else []
    database = progress_path(db)
    terminal_output().write(stats_lines(read_reports(database, banks), database, tags))

"""The quiz at a keyboard: ask, read, judge, remember, show; then the summary. Also `quizgen stats`.

Screens are built by pure functions as styled lines, then written as plain
text (piped output, NO_COLOR, tests: deterministic transcripts) or, on a
terminal, with rich's colours and rules. rich is imported only then: it costs
more start-up time than the rest of the quiz.
"""

from __future__ import annotations

import contextlib
import os
import random
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from time import monotonic
from typing import Protocol

import click

from .bank import load_bank
from .model import Bank, Cloze, Match, MultipleAnswer, MultipleChoice, Order
from .present import cloze_text, label, letter, prompt_text, quoted
from .progress import BankReport, ProgressStore, Tally, open_progress, progress_path, read_reports
from .quiz import (
    DIFFICULTY_WORDS,
    Outcome,
    Presentation,
    Summary,
    Unclear,
    Verdict,
    check_answer,
    cloze_prompt,
    hint,
    how_to_answer,
    present,
    rating,
    review_questions,
    right_answer,
    say,
    select_questions,
)
from .select import Filters, parse_difficulty

Span = tuple[str, str]
"""A piece of a line: a style name (a key of STYLES) and its text."""

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
MARKS = {"right": "✓", "wrong": "✗", "partly": "✗", "skipped": "→"}
BAR_WIDTH = 10
TAGS_SHOWN = 12
"""Tags in a session's summary, so that the questions missed stay on screen."""
STATS_BAR_WIDTH = 20


@dataclass(frozen=True)
class Line:
    """One line of a screen; a heading is drawn as a rule across a colour terminal."""

    spans: tuple[Span, ...] = ()
    heading: bool = False

    @property
    def text(self) -> str:
        return "".join(text for _, text in self.spans)


def line(*parts: Span | str, heading: bool = False) -> Line:
    return Line(tuple(("", part) if isinstance(part, str) else part for part in parts), heading)


class Output(Protocol):
    def write(self, lines: Sequence[Line]) -> None: ...


class PlainOutput:
    """Lines as plain text, through click so that CliRunner captures them."""

    def write(self, lines: Sequence[Line]) -> None:
        for each in lines:
            click.echo(each.text)


class RichOutput:
    """Lines in colour, wrapped to the terminal's width, headings as rules."""

    def __init__(self) -> None:
        from rich.console import Console

        self.console = Console(highlight=False)

    def write(self, lines: Sequence[Line]) -> None:
        from rich.text import Text

        for each in lines:
            text = Text.assemble(*((part, STYLES[style]) for style, part in each.spans))
            # A rule would cut a heading too long for the terminal's width; such a heading wraps instead.
            if each.heading and text.cell_len + 4 <= self.console.width:
                self.console.rule(text, align="left", style="bright_black")
            else:
                self.console.print(text)


def colours_wanted() -> bool:
    """Colours on a terminal, unless NO_COLOR is set (https://no-color.org) or the terminal is dumb."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def terminal_output() -> Output:
    return RichOutput() if colours_wanted() else PlainOutput()


def read_line(prompt: str) -> str | None:
    """A line typed at `prompt`; None at end of input or Ctrl-C. Blank lines are asked again."""
    try:
        return str(click.prompt(prompt, prompt_suffix="", show_default=False))
    except click.Abort:
        click.echo()
        return None


def colon(key: str, lang: str) -> str:
    return label(key, lang) + say("colon", lang)


def intro_lines(title: str, count: int, lang: str, review: tuple[int, int] | None = None) -> list[Line]:
    heading = say("review", lang, title, *review) if review is not None else say("session", lang, title, count, "" if count == 1 else "s")
    return [line(("heading", heading), heading=True), line(("dim", say("keys", lang)))]


def question_lines(presentation: Presentation, number: int, total: int) -> list[Line]:
    """The question as asked: where it stands in the session, its prompt, its choices, and how to answer."""
    question, lang = presentation.question, presentation.lang
    about = [say("question", lang, number, total)]
    if question.tags:
        about.append(", ".join(question.tags))
    about.append(say(DIFFICULTY_WORDS[question.difficulty], lang))
    lines = [Line(), line(("heading", " · ".join(about)), heading=True), line(("prompt", prompt_text(question, lang)))]
    if isinstance(question, Cloze):
        lines.append(line(cloze_prompt(question.text[lang])))
    elif isinstance(question, Match):
        lines += [line(("key", f"  {number}. "), left[lang]) for number, (left, _) in enumerate(question.pairs, start=1)]
        lines += lettered(presentation)
    elif isinstance(question, Order):
        lines += [line(("key", f"  {position + 1}. "), presentation.shown(position)) for position in range(len(presentation.order))]
    elif isinstance(question, (MultipleChoice, MultipleAnswer)):
        lines += lettered(presentation)
    lines.append(line(("dim", how_to_answer(presentation))))
    return lines


def lettered(presentation: Presentation) -> list[Line]:
    return [line(("key", f"  {letter(position)}) "), presentation.shown(position)) for position in range(len(presentation.order))]


def hint_lines(text: str | None, lang: str) -> list[Line]:
    if text is None:
        return [line(("note", say("no-hint", lang)))]
    return [line(("note", colon("hint", lang) + text), " ", ("dim", say("again-skips", lang)))]


def feedback_lines(presentation: Presentation, verdict: Verdict | None, source_title: str | None) -> list[Line]:
    """After an answer: right or wrong, the right answer, remarks on the answer given, the explanation and the excerpt."""
    question, lang = presentation.question, presentation.lang
    if verdict is None:
        verdict, status = right_answer(presentation), "skipped"
    else:
        status = "right" if verdict.correct else "partly" if verdict.partial else "wrong"
    style = "wrong" if status == "skipped" else status
    lines = [line((style, f"{MARKS[status]} {say(status, lang)}"), " ", colon("answer", lang), ("prompt", verdict.answer))]
    if verdict.detail:
        lines.append(line("  " + verdict.detail))
    lines += [line(("note", "  " + note.text(lang))) for note in verdict.notes]
    if question.explanation is not None:
        lines.append(line(("dim", colon("explanation", lang)), question.explanation[lang]))
    if question.source is not None:
        source = [("dim", colon("source", lang)), ("quote", quoted(question.source, lang))]
        if source_title:
            source.append(("dim", f" — {source_title}"))
        lines.append(line(*source))
    return lines


def duration(seconds: float) -> str:
    """'45 s', '2 min 05 s', '1 h 02 min'."""
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    if whole < 3600:
        return f"{whole // 60} min {whole % 60:02d} s"
    return f"{whole // 3600} h {whole % 3600 // 60:02d} min"


def bar(part: int, whole: int) -> tuple[Span, Span]:
    filled = round(BAR_WIDTH * part / whole)
    return ("learned", "█" * filled), ("new", "░" * (BAR_WIDTH - filled))


def summary_lines(summary: Summary, lang: str) -> list[Line]:
    """Score, time, seed, a per-tag breakdown and the questions missed, with their answers."""
    lines = [Line(), line(("heading", say("summary", lang)), heading=True)]
    asked = len(summary.outcomes)
    facts = [say("time", lang, duration(summary.seconds)), say("replay", lang, summary.seed)]
    if not asked:
        return [*lines, line(say("none-answered", lang), " · ", " · ".join(facts))]
    style = "right" if summary.percent >= 80 else "partly" if summary.percent >= 50 else "wrong"
    lines.append(line((style, say("score", lang, summary.right, asked, say("percent", lang, summary.percent))), " · ", " · ".join(facts)))
    every_tag = summary.by_tag()
    scores = every_tag[:TAGS_SHOWN]
    names = [score.tag or say("no-tag", lang) for score in scores]
    width = max(len(name) for name in names)
    lines.append(line(("heading", say("by-tag", lang))))
    for name, score in zip(names, scores, strict=True):
        percent = say("percent", lang, round(100 * score.right / score.asked))
        figures = f"  {name:<{width}}  {score.right:>2}/{score.asked:<2} {percent:>5}  "
        lines.append(line(figures, *bar(score.right, score.asked)))
    if len(every_tag) > len(scores):
        lines.append(line(("dim", say("more-tags", lang, len(every_tag) - len(scores)))))
    missed = summary.missed()
    lines.append(line(("heading", say("missed", lang))))
    if not missed:
        lines.append(line("  " + say("all-right", lang)))
    for outcome in missed:
        lines += missed_lines(outcome)
    return lines


def missed_lines(outcome: Outcome) -> list[Line]:
    presentation = outcome.presentation
    question, lang = presentation.question, presentation.lang
    asked = cloze_text(question.text[lang]) if isinstance(question, Cloze) else prompt_text(question, lang)
    right = right_answer(presentation)
    lines = [line("  • " + asked), line("    ", colon("answer", lang), ("prompt", right.answer))]
    if right.detail:
        lines.append(line("    " + right.detail))
    return lines


def nothing_due_lines(next_due: datetime | None, now: datetime, lang: str) -> list[Line]:
    lines = [line(say("nothing-due", lang))]
    if next_due is not None:
        lines.append(line(say("next-due", lang, how_soon(next_due - now, lang))))
    return lines


def how_soon(wait: timedelta, lang: str) -> str:
    """'in 12 min', 'in 3 h', 'in 4 days', rounded up."""
    minutes = max(1, -(-int(wait.total_seconds()) // 60))
    if minutes < 60:
        return say("in-minutes", lang, minutes)
    if minutes < 24 * 60:
        return say("in-hours", lang, -(-minutes // 60))
    days = -(-minutes // (24 * 60))
    return say("in-days", lang, days, "" if days == 1 else "s")


def stats_lines(reports: Sequence[BankReport], path: Path) -> list[Line]:
    """Per bank and tag: new, learning, due and learned questions, answers right, and a bar of where they stand."""
    if not reports:
        return [line(f"No progress in {path} yet: answer some questions with `quizgen quiz` first.")]
    lines: list[Line] = []
    for report in reports:
        whole = report.tallies[0]
        lines.append(line(("heading", f"{report.title} · {whole.questions} questions · {answered(whole)}"), heading=True))
        names = ["(all)" if tally.tag is None else tally.tag for tally in report.tallies]
        width = max(len(name) for name in [*names, "tag"])
        lines.append(line(("dim", f"  {'tag':<{width}}    new  learning   due  learned  right")))
        for name, tally in zip(names, report.tallies, strict=True):
            figures = f"  {name:<{width}}  {tally.new:>5} {tally.learning:>9} {tally.due:>5} {tally.learned:>8}  {accuracy(tally):>5}  "
            lines.append(line(figures, *stats_bar(tally)))
        lines.append(Line())
    lines.append(line(("dim", f"█ learned  ▒ learning or due  ░ new · {path}")))
    return lines


def answered(tally: Tally) -> str:
    if not tally.answers:
        return "no answers yet"
    return f"{tally.answers} answer{'s' if tally.answers != 1 else ''}, {accuracy(tally)} right"


def accuracy(tally: Tally) -> str:
    return f"{round(100 * tally.right / tally.answers)}%" if tally.answers else "–"


def stats_bar(tally: Tally) -> tuple[Span, ...]:
    total = tally.questions
    learned = round(STATS_BAR_WIDTH * tally.learned / total)
    active = round(STATS_BAR_WIDTH * (tally.learned + tally.learning + tally.due) / total) - learned
    new = STATS_BAR_WIDTH - learned - active
    return (("learned", "█" * learned), ("active", "▒" * active), ("new", "░" * new))


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


class Session:
    """One run of questions: asks each, records each answer in the progress store, then sums up."""

    def __init__(self, bank: Bank, store: ProgressStore, output: Output, read: Callable[[str], str | None] = read_line) -> None:
        self.bank = bank
        self.store = store
        self.output = output
        self.read = read
        self.source_title = bank.source.title if bank.source is not None else None

    def run(self, presentations: Sequence[Presentation], seed: int) -> Summary:
        """Ask every question, until q, Ctrl-C or the end of input; each answer is saved before its feedback is shown."""
        started = monotonic()
        outcomes: list[Outcome] = []
        try:
            for number, presentation in enumerate(presentations, start=1):
                outcome = self.ask(presentation, number, len(presentations))
                if outcome is None:
                    break
                self.store.record(self.bank, presentation.question.id, rating(outcome), outcome.correct, outcome.seconds)
                outcomes.append(outcome)
                title = self.source_title[presentation.lang] if self.source_title is not None else None
                self.output.write(feedback_lines(presentation, outcome.verdict, title))
        except KeyboardInterrupt:
            self.output.write([Line()])
        return Summary(tuple(outcomes), monotonic() - started, seed)

    def ask(self, presentation: Presentation, number: int, total: int) -> Outcome | None:
        """One question, until it is answered or skipped; None when the learner quits."""
        lang = presentation.lang
        self.output.write(question_lines(presentation, number, total))
        started = monotonic()
        hinted = False
        blanks = presentation.blanks
        responses: list[str] = []
        for blank in range(max(1, len(blanks))):
            hint_shown = False
            prompt = f"[{blank + 1}] > " if len(blanks) > 1 else "> "
            while True:
                typed = self.read(prompt)
                if typed is None or typed.strip().lower() == "q":
                    return None
                typed = typed.strip()
                if not typed:
                    continue
                if typed == "?":
                    if hint_shown:
                        return Outcome(presentation, None, True, monotonic() - started)
                    hint_shown = hinted = True
                    self.output.write(hint_lines(hint(presentation, blank), lang))
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
        summary = Session(bank, store, output).run([present(question, lang, seed) for question in questions], seed)
    try:
        output.write(summary_lines(summary, lang))
    except KeyboardInterrupt:
        click.echo()


def show_stats(path: Path | None, db: str | None) -> None:
    """`quizgen stats`: progress for the bank at `path`, or for every bank in the database."""
    banks = [load_bank(path).bank] if path is not None else []
    database = progress_path(db)
    terminal_output().write(stats_lines(read_reports(database, banks), database))

"""What the quiz shows, as styled lines: questions, feedback, ratings, help, the summary and `quizgen stats`.

Pure functions; terminal.py writes the lines. `wrap` fits a line to a width the
same way with and without colour: it breaks only at ordinary spaces (never at a
no-break space, nor before a lone `:`, `;`, `?`, `!` or `»`, nor after `«`), and
continues a list item under its text, not under its letter.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from ..errors import count
from ..model import Cloze, Match, MultipleAnswer, MultipleChoice, Order
from ..present import cloze_text, label, letter, prompt_text, quoted
from ..stats import BankReport, Tally
from .grading import Presentation, Verdict, cloze_prompt, how_to_answer, right_answer
from .summary import Outcome, Summary
from .words import DIFFICULTY_WORDS, RATING_WORDS, say, say_count

Span = tuple[str, str]
"""A piece of a line: a style name (a key of terminal.STYLES) and its text."""

MARKS = {"right": "✓", "wrong": "✗", "partly": "✗", "skipped": "→"}
NO_BREAK = "\u00a0"
BAR_WIDTH = 10
TAGS_SHOWN = 12
"""Tags in a session's summary, so that the questions missed stay on screen."""
HANGING = re.compile(r" *(?:(?:[a-z]{1,3}\)|[0-9]{1,3}\.|\[[0-9]{1,3}\]|[•✓✗→]|[?/]\S{0,3}) +)?")
"""The start of a line that its continuation lines are indented under: spaces, and a list mark (or a key) with its spaces."""
GLUED_AFTER = frozenset("«“¿¡")
GLUED_BEFORE = frozenset(":;?!»”%·")
"""Signs that French (and the bank's own) typography spaces from their word, and the separator '·': never alone at a
line's start (nor, for those after GLUED_AFTER, at its end)."""


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


def cells(text: str) -> int:
    """Columns `text` takes on a terminal: wide (CJK) characters take two, combining marks none."""
    return sum(0 if unicodedata.combining(char) else 2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def wrap(each: Line, width: int) -> list[Line]:
    """`each` broken into lines of at most `width` columns, at ordinary spaces, list items with a hanging indent.

    A word longer than a whole line is cut, as nothing else would fit it.
    """
    styled = [(style, char) for style, text in each.spans for char in text]
    rows: list[list[tuple[str, str]]] = []
    start = 0
    for index, (_, char) in enumerate([*styled, ("", "\n")]):
        if char == "\n":
            rows.append(styled[start:index])
            start = index + 1
    wrapped: list[Line] = []
    for row in rows:
        wrapped += wrap_row(row, width, each.heading)
    return wrapped


def wrap_row(row: list[tuple[str, str]], width: int, heading: bool) -> list[Line]:
    text = "".join(char for _, char in row)
    if cells(text) <= width:
        return [as_line(row, heading)]
    indent = len(HANGING.match(text)[0])  # type: ignore[index]
    if indent > width // 2:
        indent = 0
    margin = [("", " ")] * indent
    lines: list[list[tuple[str, str]]] = [row[:indent]]
    for gap, word in split_words(row, indent):
        current = lines[-1]
        fresh = len(current) == indent
        # Words on one line keep the spaces they had (a table keeps its columns); a line break drops them.
        joint = [] if fresh else gap
        room = width - cells("".join(char for _, char in current + joint))
        if cells("".join(char for _, char in word)) <= room:
            lines[-1] = current + joint + word
            continue
        if not fresh:
            lines.append(list(margin))
        # A word wider than a line is cut where the line ends.
        while cells("".join(char for _, char in word)) > width - indent:
            cut = fitting(word, width - indent)
            lines[-1] = lines[-1] + word[:cut]
            word = word[cut:]
            lines.append(list(margin))
        lines[-1] = lines[-1] + word
    return [as_line(each, heading) for each in lines if each]


def fitting(word: list[tuple[str, str]], room: int) -> int:
    """How many characters of `word` fit in `room` columns (at least one, so that a cut always moves on)."""
    used = 0
    for fitted, (_, char) in enumerate(word):
        used += cells(char)
        if used > room:
            return max(1, fitted)
    return len(word)


Piece = list[tuple[str, str]]


def split_words(row: Piece, indent: int) -> list[tuple[Piece, Piece]]:
    """The styled words of `row` after its indent, each with the spaces before it: split at ordinary spaces that may break."""
    pieces: list[tuple[Piece, Piece]] = []
    gap: Piece = []
    current: Piece = []
    body = row[indent:]
    for index, (style, char) in enumerate(body):
        following = body[index + 1][1] if index + 1 < len(body) else ""
        after = body[index + 2][1] if index + 2 < len(body) else " "
        previous = current[-1][1] if current else ""
        lone_sign = following in GLUED_BEFORE and after == " "
        breakable = char == " " and not lone_sign and previous not in GLUED_AFTER
        if breakable and current:
            pieces.append((gap, current))
            gap, current = [(style, char)], []
        elif breakable:
            gap.append((style, char))
        else:
            current.append((style, char))
    if current:
        pieces.append((gap, current))
    return pieces


def as_line(chars: Sequence[tuple[str, str]], heading: bool) -> Line:
    spans: list[Span] = []
    for style, char in chars:
        if spans and spans[-1][0] == style:
            spans[-1] = (style, spans[-1][1] + char)
        else:
            spans.append((style, char))
    return Line(tuple(spans), heading)


def colon(key: str, lang: str) -> str:
    return label(key, lang) + say("colon", lang)


def intro_lines(title: str, count: int, lang: str, review: tuple[int, int] | None = None) -> list[Line]:
    heading = say("review", lang, title, *review) if review is not None else say("session", lang, title, count, "" if count == 1 else "s")
    return [line(("heading", heading), heading=True)]


def question_lines(presentation: Presentation, number: int, total: int, again: bool = False, tags: bool = False) -> list[Line]:
    """The question as asked: where it stands in the session, its prompt, its choices, how to answer, and the keys.

    No tags unless `tags` (--show-tags): they often name the answer ('medef' above 'Which organisation does
    Pierre Gattaz lead?'), so by default they come with the answer.
    """
    question, lang = presentation.question, presentation.lang
    about = [say("question", lang, number, total), say(DIFFICULTY_WORDS[question.difficulty], lang)]
    if tags and question.tags:
        about.insert(1, ", ".join(question.tags))
    if again:
        about.append(say("relearn", lang))
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
    lines.append(line(("dim", keep_pairs(say("keys", lang)))))
    return lines


def keep_pairs(text: str) -> str:
    """'? help · /h hint' with each key and its word on one line: only the spaces around '·' may break."""
    return " · ".join(part.replace(" ", NO_BREAK) for part in text.split(" · "))


def lettered(presentation: Presentation) -> list[Line]:
    return [line(("key", f"  {letter(position)}) "), presentation.shown(position)) for position in range(len(presentation.order))]


def hint_lines(text: str | None, lang: str) -> list[Line]:
    if text is None:
        return [line(("note", say("no-hint", lang)))]
    return [line(("note", colon("hint", lang) + text))]


def help_lines(lang: str) -> list[Line]:
    """Every key, in two short lists: at the answer prompt, and after an answer."""
    lines = [line(("heading", say("help", lang))), line(say("help-answer", lang))]
    lines += [line(("key", f"  {key:<3} "), say(f"help-{key}", lang)) for key in ("?", "/h", "/s", "/u", "/r", "/q")]
    lines += [
        line(say("help-after", lang)),
        line("  " + keep_pairs(say("help-enter", lang))),
        line("  " + keep_pairs(say("help-keys", lang))),
    ]
    return lines


def feedback_lines(presentation: Presentation, verdict: Verdict | None, source_title: str | None) -> list[Line]:
    """After an answer: right or wrong, the right answer, remarks on the answer given, the explanation, the excerpt, the tags."""
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
    if question.tags:
        lines.append(line(("dim", say("tags", lang) + say("colon", lang) + ", ".join(question.tags))))
    return lines


def rating_lines(rating: int, intervals: Mapping[int, timedelta] | None, lang: str, practice_due: datetime | None = None) -> list[Line]:
    """The rating given and when the question comes back, then the keys that change it (each with its interval, as Anki shows).

    `intervals` is None when the answer leaves the schedule alone (practice of a question not yet due, `practice_due`).
    """
    if intervals is None:
        assert practice_due is not None
        return [
            line(("dim", say("practice", lang, practice_due.strftime("%Y-%m-%d")))),
            line(("dim", keep_pairs(say("rate-keys-practice", lang)))),
        ]
    chosen = say(RATING_WORDS[rating], lang)
    keys = " · ".join(
        # Each key stays whole on its line, its interval with it.
        say("rate-key", lang, value, say(RATING_WORDS[value], lang), span(intervals[value], lang)).replace(" ", NO_BREAK)
        for value in sorted(intervals)
    )
    return [
        line(("key", say("rate", lang, chosen, span(intervals[rating], lang)))),
        line(("dim", keep_pairs(say("rate-keys", lang, keys)))),
    ]


def span(wait: timedelta, lang: str) -> str:
    """An interval as Anki writes it on its buttons: '1 min', '10 min', '5 h', '8 d', '3 mo', '2 y' ('j', 'mois', 'a' in French)."""
    minutes = max(1, round(wait.total_seconds() / 60))
    if minutes < 60:
        return say("span-min", lang, minutes)
    if minutes < 24 * 60:
        return say("span-h", lang, round(minutes / 60))
    days = round(minutes / (24 * 60))
    if days < 31:
        return say("span-d", lang, days)
    if days < 365:
        return say("span-mo", lang, round(days / 30.4, 1) if days < 304 else round(days / 30.4))
    return say("span-y", lang, round(days / 365, 1))


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
    """Score, time, how to replay, the tags weakest first, and the questions missed, with their answers."""
    lines = [Line(), line(("heading", say("summary", lang)), heading=True)]
    asked = len(summary.outcomes)
    facts = [say("time", lang, duration(summary.seconds))]
    if summary.seed is not None:
        facts.append(say("replay", lang, summary.seed))
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
        lines.append(line(("dim", say_count("more-tags", lang, len(every_tag) - len(scores)))))
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


def stats_lines(reports: Sequence[BankReport], path: Path, tags: bool = False) -> list[Line]:
    """Per bank: one summary (new, learning, due today and this week, learned), retention, a week's forecast; tags on request."""
    if not reports:
        return [line(f"No progress in {path} yet: answer some questions with `quizgen quiz` first.")]
    lines: list[Line] = []
    for report in reports:
        whole = report.tallies[0]
        lines.append(line(("heading", report.title), heading=True))
        lines.append(
            line(
                f"  {count(whole.questions, 'question')}: ",
                ("new", f"{whole.new} new"),
                " · ",
                ("active", f"{whole.learning} learning"),
                " · ",
                ("learned", f"{whole.learned} learned"),
            )
        )
        lines.append(
            line("  Due: ", ("wrong" if report.forecast[0] else "", f"{report.forecast[0]} today"), f" · {report.due_week} this week")
        )
        right, reviews = report.retention
        retention = (
            f"{round(100 * right / reviews)}% ({right} of {reviews} reviews of learned questions right)"
            if reviews
            else "– (no review of a learned question yet)"
        )
        lines.append(line(f"  Retention: {retention}"))
        days = " · ".join(
            f"{day}{NO_BREAK}{count}" for day, count in zip(forecast_days(len(report.forecast)), report.forecast, strict=True)
        )
        lines.append(line(f"  Next days: {days}"))
        lines.append(line(f"  Answers: {answered(whole)}"))
        if tags:
            lines += tag_lines(report)
        lines.append(Line())
    lines.append(line(("dim", f"Progress database: {path}" + ("" if tags else " · --tags for each tag"))))
    return lines


def forecast_days(count: int) -> list[str]:
    return ["today", "tomorrow", *(f"+{day}d" for day in range(2, count))]


def tag_lines(report: BankReport) -> list[Line]:
    tallies = report.tallies[1:]
    if not tallies:
        return []
    names = [tally.tag or "" for tally in tallies]
    width = max(len(name) for name in [*names, "tag"])
    lines = [line(("dim", f"  {'tag':<{width}}    new  learning   due  learned  right"))]
    for name, tally in zip(names, tallies, strict=True):
        lines.append(line(f"  {name:<{width}}  {tally.new:>5} {tally.learning:>9} {tally.due:>5} {tally.learned:>8}  {accuracy(tally):>5}"))
    return lines


def answered(tally: Tally) -> str:
    if not tally.answers:
        return "none yet"
    return f"{tally.answers}, {accuracy(tally)} right"


def accuracy(tally: Tally) -> str:
    return f"{round(100 * tally.right / tally.answers)}%" if tally.answers else "–"

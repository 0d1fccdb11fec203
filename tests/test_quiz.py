"""The quiz session: choosing questions, showing them, rating answers, and whole sessions through CliRunner."""

from __future__ import annotations

import io
import re
import sqlite3
import subprocess
import sys
from collections import Counter
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from quizgen import progress, terminal
from quizgen.apart import clusters
from quizgen.bank import load_bank
from quizgen.cli import cli
from quizgen.errors import QuizgenError
from quizgen.model import Bank, Match, MultipleChoice, Numeric, Order, Question
from quizgen.present import LABELS, label, localized, quoted
from quizgen.quiz import (
    AGAIN,
    EASY,
    GOOD,
    HARD,
    WORDS,
    Note,
    Outcome,
    Summary,
    TagScore,
    Verdict,
    how_to_answer,
    present,
    rating,
    review_questions,
    say,
    screens,
    select_questions,
    spread,
)
from quizgen.select import Filters, matching, parse_difficulty

from .conftest import BANKS

EVERY_TYPE = str(BANKS / "every-type.yaml")


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sessions take no time, so that the summary's time reads '0 s' in transcripts."""
    monkeypatch.setattr(terminal, "monotonic", lambda: 0.0)


def quiz(*args: str, typed: str = "") -> Result:
    return CliRunner().invoke(cli, ["quiz", *args], input=typed)


def test_the_same_seed_shows_the_same_order_in_every_language(every_type_bank: Bank) -> None:
    for question in every_type_bank.questions:
        assert present(question, "en", 7).order == present(question, "fr", 7).order == present(question, "en", 7).order
    orders = {present(every_type_bank.questions[0], "en", seed).order for seed in range(20)}
    assert len(orders) > 5


@pytest.mark.parametrize(("kind", "field", "sizes"), [(Order, "items", (3, 4)), (Match, "pairs", (2, 3))])
def test_order_and_match_questions_are_never_shown_in_their_right_order(
    every_type_bank: Bank, kind: type[Question], field: str, sizes: tuple[int, ...]
) -> None:
    asked = next(question for question in every_type_bank.questions if isinstance(question, kind))
    for size in sizes:
        short = replace(asked, **{field: getattr(asked, field)[:size]})
        assert all(present(short, "en", seed).order != tuple(range(size)) for seed in range(300))


def test_choices_past_z_are_lettered_aa_ab(every_type_bank: Bank) -> None:
    capital = next(question for question in every_type_bank.questions if isinstance(question, MultipleChoice))
    many = replace(capital, choices=tuple({"en": f"City {number}", "fr": f"Ville {number}"} for number in range(28)))
    shown = present(many, "en", 1)
    text = [each.text for each in screens.question_lines(shown, 1, 1)]
    assert [line.split(")")[0].strip() for line in text if line.startswith("  ")][-3:] == ["z", "aa", "ab"]
    assert how_to_answer(shown) == "Answer with a letter, a to ab."


def test_the_same_seed_asks_the_same_questions(bundled_bank: Bank) -> None:
    first = select_questions(bundled_bank, 10, Filters(), 4821)
    assert [question.id for question in first] == [question.id for question in select_questions(bundled_bank, 10, Filters(), 4821)]
    assert [question.id for question in first] != [question.id for question in select_questions(bundled_bank, 10, Filters(), 4822)]


def test_sessions_are_drawn_across_the_bank(bundled_bank: Bank) -> None:
    asked: Counter[str] = Counter()
    for seed in range(100):
        questions = spread(bundled_bank.questions, 10, seed)
        assert len({question.id for question in questions}) == 10
        assert len({question.type for question in questions}) >= 6
        assert len({tag for question in questions for tag in question.tags}) >= 20
        asked.update(question.type for question in questions)
    in_bank = Counter(question.type for question in bundled_bank.questions)
    for kind, count in in_bank.items():
        assert asked[kind] / 1000 == pytest.approx(count / len(bundled_bank.questions), abs=0.02)


def test_a_session_never_draws_two_questions_of_one_group_or_leak(bundled_bank: Bank, every_type_bank: Bank) -> None:
    cluster = clusters(bundled_bank)
    for seed in range(30):
        drawn = [cluster[question.id] for question in select_questions(bundled_bank, 10, Filters(), seed)]
        assert len(drawn) == len(set(drawn))
    europe = ("capital-mcq", "countries-multi")
    grouped = replace(
        every_type_bank,
        questions=tuple(replace(question, group="europe") if question.id in europe else question for question in every_type_bank.questions),
    )
    kept = Counter()
    for seed in range(30):
        ids = [question.id for question in select_questions(grouped, 8, Filters(), seed)]
        assert len(ids) == 7
        kept.update(set(ids) & set(europe))
    assert set(kept) == set(europe)


def test_every_question_once_when_the_count_is_larger_than_the_bank(every_type_bank: Bank) -> None:
    questions = select_questions(every_type_bank, 50, Filters(), 3)
    assert sorted(question.id for question in questions) == sorted(question.id for question in every_type_bank.questions)


@pytest.mark.parametrize(
    ("filters", "ids"),
    [
        (Filters(tags=("geography",)), {"capital-mcq", "countries-multi"}),
        (Filters(tags=("science", "literature")), {"earth-flat-tf", "planets-order", "author-short"}),
        (Filters(types=("mcq", "order")), {"capital-mcq", "planets-order"}),
        (Filters(tags=("geography",), types=("multi",)), {"countries-multi"}),
        (Filters(difficulty=(1, 1)), {"capital-mcq", "earth-flat-tf"}),
        (Filters(difficulty=(3, 3)), {"quotes-match"}),
        (Filters(tags=("science",), difficulty=(2, 3)), {"planets-order"}),
    ],
)
def test_filters(every_type_bank: Bank, filters: Filters, ids: set[str]) -> None:
    assert {question.id for question in select_questions(every_type_bank, 10, filters, 1)} == ids


NO_TAGS = "an untagged bank"


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        (
            Filters(tags=("histroy",)),
            "--tag histroy: no question in tests/banks/every-type.yaml has this tag; "
            "its tags are figures, france, geography, literature, people, quotes, science",
        ),
        (
            Filters(tags=("sciense",)),
            "--tag sciense: no question in tests/banks/every-type.yaml has this tag (did you mean 'science'?); "
            "its tags are figures, france, geography, literature, people, quotes, science",
        ),
        (
            Filters(types=("essay",)),
            "--type essay: not a question type; the types are mcq, multi, truefalse, short, numeric, cloze, match, order",
        ),
        (
            Filters(types=("MCQ",)),
            "--type MCQ: not a question type (did you mean 'mcq'?); the types are mcq, multi, truefalse, short, numeric, cloze, match, order",
        ),
        (
            Filters(tags=("science", "sciense", "history"), types=("order", "ordre")),
            "--type ordre: not a question type (did you mean 'order'?); the types are mcq, multi, truefalse, short, numeric, cloze, match, order\n"
            "--tag sciense: no question in tests/banks/every-type.yaml has this tag (did you mean 'science'?); "
            "its tags are figures, france, geography, literature, people, quotes, science\n"
            "--tag history: no question in tests/banks/every-type.yaml has this tag; "
            "its tags are figures, france, geography, literature, people, quotes, science",
        ),
        (
            Filters(tags=("quotes",), types=("mcq",), difficulty=(1, 2)),
            "no question in tests/banks/every-type.yaml matches --tag quotes --type mcq --difficulty 1-2 "
            "(the bank has types mcq, multi, truefalse, short, numeric, cloze, match, order; "
            "tags figures, france, geography, literature, people, quotes, science; difficulties 1, 2, 3)",
        ),
        (
            Filters(tags=("science",), difficulty=(3, 3)),
            "no question in tests/banks/every-type.yaml matches --tag science --difficulty 3 "
            "(the bank has types mcq, multi, truefalse, short, numeric, cloze, match, order; "
            "tags figures, france, geography, literature, people, quotes, science; difficulties 1, 2, 3)",
        ),
        (
            Filters(tags=("science",)),
            NO_TAGS + ": --tag science: no question in tests/banks/every-type.yaml has this tag; its questions have no tags",
        ),
        (
            Filters(types=("order",), difficulty=(1, 1)),
            NO_TAGS + ": no question in tests/banks/every-type.yaml matches --type order --difficulty 1 "
            "(the bank has types mcq, multi, truefalse, short, numeric, cloze, match, order; no tags; difficulties 1, 2, 3)",
        ),
    ],
)
def test_filters_that_select_nothing_say_what_there_is(every_type_bank: Bank, filters: Filters, message: str) -> None:
    bank = replace(every_type_bank, path="tests/banks/every-type.yaml")
    if message.startswith(NO_TAGS):
        bank = replace(bank, questions=tuple(replace(question, tags=()) for question in bank.questions))
        message = message.removeprefix(NO_TAGS + ": ")
    with pytest.raises(QuizgenError) as error:
        matching(bank, filters)
    assert str(error.value) == message
    with pytest.raises(QuizgenError) as from_a_session:
        select_questions(bank, 10, filters, 1)
    assert str(from_a_session.value) == message


def test_matching_keeps_the_bank_order(every_type_bank: Bank) -> None:
    chosen = matching(every_type_bank, Filters(tags=("science", "geography")))
    assert [question.id for question in chosen] == ["capital-mcq", "countries-multi", "earth-flat-tf", "planets-order"]
    assert matching(every_type_bank, Filters()) == list(every_type_bank.questions)


@pytest.mark.parametrize(
    ("typed", "parsed"),
    [(None, None), ("1", (1, 1)), ("3", (3, 3)), ("2-3", (2, 3)), (" 1 - 2 ", (1, 2)), ("1-1", (1, 1))],
)
def test_difficulty(typed: str | None, parsed: tuple[int, int] | None) -> None:
    assert parse_difficulty(typed) == parsed


@pytest.mark.parametrize("typed", ["0", "4", "3-2", "easy", "1,2", "", "2-", "²"])
def test_bad_difficulty(typed: str) -> None:
    with pytest.raises(QuizgenError) as error:
        parse_difficulty(typed)
    assert str(error.value) == f"--difficulty '{typed}': give 1 (easy), 2 (medium) or 3 (hard), or a range such as 2-3"


def test_a_review_asks_the_due_questions_first_then_new_ones(every_type_bank: Bank) -> None:
    due = ("quotes-match", "author-short", "gone-from-the-bank")
    seen = {"quotes-match", "author-short", "capital-mcq", "gone-from-the-bank"}
    questions = review_questions(every_type_bank, due, seen, 4, Filters(), 1)
    assert [question.id for question in questions[:2]] == ["quotes-match", "author-short"]
    assert {question.id for question in questions[2:]} <= {question.id for question in every_type_bank.questions} - seen
    assert len(questions) == 4
    assert [question.id for question in review_questions(every_type_bank, due, seen, 1, Filters(), 1)] == ["quotes-match"]
    assert review_questions(every_type_bank, due, seen, 10, Filters(types=("mcq",)), 1) == []


def outcome(bank: Bank, question_id: str, verdict: Verdict | None, hinted: bool = False, seconds: float = 30.0) -> Outcome:
    question = next(each for each in bank.questions if each.id == question_id)
    return Outcome(present(question, "en", 1), verdict, hinted, seconds)


@pytest.mark.parametrize(
    ("verdict", "hinted", "seconds", "expected"),
    [
        (None, True, 3, AGAIN),
        (Verdict(False, "c) Paris"), False, 3, AGAIN),
        (Verdict(False, "c) Paris", partial=True), False, 3, AGAIN),
        (Verdict(True, "c) Paris"), True, 3, HARD),
        (Verdict(True, "c) Paris", (Note("spelling", ("Paris",)),)), False, 3, HARD),
        (Verdict(True, "c) Paris"), False, 1, GOOD),
        (Verdict(True, "c) Paris"), False, 60, GOOD),
    ],
)
def test_rating(every_type_bank: Bank, verdict: Verdict | None, hinted: bool, seconds: float, expected: int) -> None:
    # Never Easy by itself: a fast answer to a four-choice question may be a guess; Easy is the learner's key.
    assert rating(outcome(every_type_bank, "capital-mcq", verdict, hinted, seconds)) == expected


def test_summary_by_tag_and_missed(every_type_bank: Bank) -> None:
    summary = Summary(
        (
            outcome(every_type_bank, "capital-mcq", Verdict(True, "c) Paris")),
            outcome(every_type_bank, "countries-multi", Verdict(False, "b) France, d) Germany")),
            outcome(every_type_bank, "author-short", None),
        ),
        12.0,
        1,
    )
    assert (summary.right, summary.percent) == (1, 33)
    assert summary.by_tag() == [
        TagScore("literature", 0, 1),
        TagScore("people", 0, 1),
        TagScore("geography", 1, 2),
        TagScore("france", 1, 1),
    ]
    assert [each.presentation.question.id for each in summary.missed()] == ["countries-multi", "author-short"]


def test_a_summary_shows_the_twelve_most_asked_tags(bundled_bank: Bank) -> None:
    questions = select_questions(bundled_bank, 10, Filters(), 1)
    summary = Summary(tuple(Outcome(present(question, "fr", 1), None, True, 5.0) for question in questions), 50.0, 1)
    text = [each.text for each in screens.summary_lines(summary, "fr")]
    tags = len(summary.by_tag())
    assert tags > 12
    assert text[text.index("Par thème, les plus faibles d’abord") + 13] == f"  et {tags - 12} autres thèmes"
    assert text[2] == "Score : 0/10 (0 %) · durée 50 s · pour rejouer : --seed 1"


SESSION_EN = """\
Every type · 8 questions

Question 1/8 · easy
The Earth is flat.
Answer t for true or f for false.
?\u00a0help · /h\u00a0hint · /s\u00a0skip · /q\u00a0quit
> maybe
Answer t or f (true/false, y/n also work).
> f
✓ Right! Answer: False
Explanation: The Earth is round.
Source: “The Earth is round.” — A short text about tests
Tags: science
Good · next 10 min
Enter\u00a0next · 1\u00a0Again\u00a01\u00a0min · 2\u00a0Hard\u00a06\u00a0min · 3\u00a0Good\u00a010\u00a0min · 4\u00a0Easy\u00a08\u00a0d · r\u00a0I\u00a0was\u00a0right · u\u00a0undo

Question 2/8 · medium
How much did the company invest?
Answer with a number; unit: dollars.
?\u00a0help · /h\u00a0hint · /s\u00a0skip · /q\u00a0quit
> help
“help” is a command word here: type /q to quit or ? for help; type it again to answer “help”.
> 200 millions
✓ Right! Answer: 200,000,000 dollars
Explanation: It invested 200 million dollars.
Source: “The company invested 200 million dollars.” — A short text about tests
Tags: figures
Good · next 10 min
Enter\u00a0next · 1\u00a0Again\u00a01\u00a0min · 2\u00a0Hard\u00a06\u00a0min · 3\u00a0Good\u00a010\u00a0min · 4\u00a0Easy\u00a08\u00a0d · r\u00a0I\u00a0was\u00a0right · u\u00a0undo
4
Easy · next 8 d
Enter\u00a0next · 1\u00a0Again\u00a01\u00a0min · 2\u00a0Hard\u00a06\u00a0min · 3\u00a0Good\u00a010\u00a0min · 4\u00a0Easy\u00a08\u00a0d · r\u00a0I\u00a0was\u00a0right · u\u00a0undo

Question 3/8 · medium
Which of these countries are in Europe?
  a) Japan
  b) France
  c) Brazil
  d) Germany
Answer with one or more letters, e.g. a c.
?\u00a0help · /h\u00a0hint · /s\u00a0skip · /q\u00a0quit
> b
✗ Not quite. Answer: b) France, d) Germany
  missed: d) Germany
Explanation: France and Germany are in Europe.
Source: “France and Germany are in Europe; Japan and Brazil are not.” — A short text about tests
Tags: geography
Again · next 1 min
Enter\u00a0next · 1\u00a0Again\u00a01\u00a0min · 2\u00a0Hard\u00a06\u00a0min · 3\u00a0Good\u00a010\u00a0min · 4\u00a0Easy\u00a08\u00a0d · r\u00a0I\u00a0was\u00a0right · u\u00a0undo

Question 4/9 · medium
Put these planets in order from the Sun.
  1. Mercury
  2. Earth
  3. Mars
  4. Venus
Answer with the numbers in the right order, e.g. 1 2 3 4.
?\u00a0help · /h\u00a0hint · /s\u00a0skip · /q\u00a0quit
> /h
Hint: 1. Mercury comes first
> 1 4 2 3
✓ Right! Answer: 1 4 2 3
  Mercury → Venus → Earth → Mars
Explanation: Mercury is closest to the Sun.
Source: “Mercury, Venus, Earth and Mars are the inner planets.” — A short text about tests
Tags: science
Hard · next 6 min
Enter\u00a0next · 1\u00a0Again\u00a01\u00a0min · 2\u00a0Hard\u00a06\u00a0min · 3\u00a0Good\u00a010\u00a0min · 4\u00a0Easy\u00a08\u00a0d · r\u00a0I\u00a0was\u00a0right · u\u00a0undo

Question 5/9 · medium
Who wrote Les Misérables?
Type your answer.
?\u00a0help · /h\u00a0hint · /s\u00a0skip · /q\u00a0quit
> ?
Keys
At the prompt: your answer, or one of these on its own line:
  ?   this list
  /h  a hint
  /s  skip the question (it counts as missed)
  /u  undo the last answer: it is asked again and leaves no trace
  /r  I was right: count the last answer as right
  /q  quit, with the summary (also q, Ctrl-C or Ctrl-D)
After an answer, one key:
  Enter\u00a0next\u00a0question · 1\u00a0Again · 2\u00a0Hard · 3\u00a0Good · 4\u00a0Easy\u00a0(rate\u00a0how\u00a0well\u00a0you\u00a0knew\u00a0it)
  r\u00a0I\u00a0was\u00a0right · u\u00a0undo · q\u00a0quit · ?\u00a0this\u00a0list
> Victor Hgo
✓ Right! Answer: Victor Hugo
  watch the spelling: Victor Hugo
Explanation: Victor Hugo wrote it in 1862.
Source: “Les Misérables was written by Victor Hugo in 1862.” — A short text about tests
Tags: literature, people
Hard · next 6 min
Enter\u00a0next · 1\u00a0Again\u00a01\u00a0min · 2\u00a0Hard\u00a06\u00a0min · 3\u00a0Good\u00a010\u00a0min · 4\u00a0Easy\u00a08\u00a0d · r\u00a0I\u00a0was\u00a0right · u\u00a0undo

Question 6/9 · easy
Which city is the capital of France?
  a) Lyon
  b) Marseille
  c) Paris
  d) Lille
Answer with a letter, a to d.
?\u00a0help · /h\u00a0hint · /s\u00a0skip · /q\u00a0quit
> /s
→ Skipped. Answer: c) Paris
Explanation: Paris is the capital.
Source: “Paris is the capital of France.” — A short text about tests
Tags: geography, france
Again · next 1 min
Enter\u00a0next · 1\u00a0Again\u00a01\u00a0min · 2\u00a0Hard\u00a06\u00a0min · 3\u00a0Good\u00a010\u00a0min · 4\u00a0Easy\u00a08\u00a0d · r\u00a0I\u00a0was\u00a0right · u\u00a0undo
r
Counted as right.
Good · next 10 min
Enter\u00a0next · 1\u00a0Again\u00a01\u00a0min · 2\u00a0Hard\u00a06\u00a0min · 3\u00a0Good\u00a010\u00a0min · 4\u00a0Easy\u00a08\u00a0d · r\u00a0I\u00a0was\u00a0right · u\u00a0undo

Question 7/9 · medium · again
Which of these countries are in Europe?
  a) Japan
  b) France
  c) Brazil
  d) Germany
Answer with one or more letters, e.g. a c.
?\u00a0help · /h\u00a0hint · /s\u00a0skip · /q\u00a0quit
> b d
✓ Right! Answer: b) France, d) Germany
Explanation: France and Germany are in Europe.
Source: “France and Germany are in Europe; Japan and Brazil are not.” — A short text about tests
Tags: geography
Good · next 10 min
Enter\u00a0next · 1\u00a0Again\u00a01\u00a0min · 2\u00a0Hard\u00a06\u00a0min · 3\u00a0Good\u00a010\u00a0min · 4\u00a0Easy\u00a01\u00a0d · r\u00a0I\u00a0was\u00a0right · u\u00a0undo

Question 8/9 · medium
Complete the motto.
Liberty, [1 …], [2 …].
Fill in the blanks one at a time.
?\u00a0help · /h\u00a0hint · /s\u00a0skip · /q\u00a0quit
[1] > egalite
[2] > fraternity
✗ Not quite. Answer: Liberty, equality, fraternity.
  blank 1: equality
Explanation: The French motto.
Source: “The motto is Liberty, equality, fraternity.” — A short text about tests
Tags: france
Again · next 1 min
Enter\u00a0next · 1\u00a0Again\u00a01\u00a0min · 2\u00a0Hard\u00a06\u00a0min · 3\u00a0Good\u00a010\u00a0min · 4\u00a0Easy\u00a08\u00a0d · r\u00a0I\u00a0was\u00a0right · u\u00a0undo

Question 9/10 · hard
Match each quote with its speaker.
  1. “I think, therefore I am.”
  2. “I have a dream.”
  3. “To be or not to be.”
  a) Martin Luther King
  b) Descartes
  c) Molière
  d) Shakespeare
Answer with pairs, e.g. 1a 2b 3c.
?\u00a0help · /h\u00a0hint · /s\u00a0skip · /q\u00a0quit
> 1a 2c 3b
✗ Wrong. Answer: 1b 2a 3d
  “I think, therefore I am.” → Descartes; “I have a dream.” → Martin Luther King; “To be or not to be.” → Shakespeare
  wrong pairs: 1a 2c 3b
Explanation: Three famous quotes.
Source: “Descartes, King and Shakespeare are quoted.” — A short text about tests
Tags: quotes, people
Again · next 1 min
Enter\u00a0next · 1\u00a0Again\u00a01\u00a0min · 2\u00a0Hard\u00a06\u00a0min · 3\u00a0Good\u00a010\u00a0min · 4\u00a0Easy\u00a08\u00a0d · r\u00a0I\u00a0was\u00a0right · u\u00a0undo
u
Answer undone; the question is asked again.

Question 9/10 · hard
Match each quote with its speaker.
  1. “I think, therefore I am.”
  2. “I have a dream.”
  3. “To be or not to be.”
  a) Martin Luther King
  b) Descartes
  c) Molière
  d) Shakespeare
Answer with pairs, e.g. 1a 2b 3c.
?\u00a0help · /h\u00a0hint · /s\u00a0skip · /q\u00a0quit
> 1b 2a 3d
✓ Right! Answer: 1b 2a 3d
  “I think, therefore I am.” → Descartes; “I have a dream.” → Martin Luther King; “To be or not to be.” → Shakespeare
Explanation: Three famous quotes.
Source: “Descartes, King and Shakespeare are quoted.” — A short text about tests
Tags: quotes, people
Good · next 10 min
Enter\u00a0next · 1\u00a0Again\u00a01\u00a0min · 2\u00a0Hard\u00a06\u00a0min · 3\u00a0Good\u00a010\u00a0min · 4\u00a0Easy\u00a08\u00a0d · r\u00a0I\u00a0was\u00a0right · u\u00a0undo
2
Hard · next 6 min
Enter\u00a0next · 1\u00a0Again\u00a01\u00a0min · 2\u00a0Hard\u00a06\u00a0min · 3\u00a0Good\u00a010\u00a0min · 4\u00a0Easy\u00a08\u00a0d · r\u00a0I\u00a0was\u00a0right · u\u00a0undo

Question 10/10 · medium · again
Complete the motto.
Liberty, [1 …], [2 …].
Fill in the blanks one at a time.
?\u00a0help · /h\u00a0hint · /s\u00a0skip · /q\u00a0quit
[1] > /q


Summary
Score: 6/8 (75%) · time 0 s · replay with --seed 1
By tag, weakest first
  france       1/2    50%  █████░░░░░
  geography    1/2    50%  █████░░░░░
  people       2/2   100%  ██████████
  science      2/2   100%  ██████████
  figures      1/1   100%  ██████████
  literature   1/1   100%  ██████████
  quotes       1/1   100%  ██████████
Missed
  • Which of these countries are in Europe?
    Answer: b) France, d) Germany
  • Liberty, […], […].
    Answer: Liberty, equality, fraternity.
"""
SESSION_EN_TYPED = (
    "maybe\nf\n\n"  # unreadable, then right; Enter goes on
    "help\n200 millions\n4\n"  # a command word is asked about, not graded; 4 rates Easy
    "b\n\n"  # partly right: Again, so it comes back three questions later
    "/h\n1 4 2 3\n\n"  # a hint: Hard
    "?\nVictor Hgo\n\n"  # the help key lists the keys; a slip: Hard
    "/s\nr\n"  # skipped, then "I was right"
    "b d\n\n"  # the missed question, again
    "egalite\nfraternity\n\n"
    "1a 2c 3b\nu1b 2a 3d\n2\n"  # wrong, undone, answered again and rated Hard
    "/q\n"
)


def test_a_whole_session_in_english(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    result = quiz(EVERY_TYPE, "--seed", "1", "--count", "8", "--db", str(db), typed=SESSION_EN_TYPED)
    assert (result.output, result.exit_code) == (SESSION_EN, 0)
    with sqlite3.connect(db) as connection:
        rows = connection.execute("SELECT question, rating, correct, previous_state FROM reviews ORDER BY id").fetchall()
    assert rows == [
        ("earth-flat-tf", GOOD, 1, None),
        ("investment-numeric", EASY, 1, None),
        ("countries-multi", AGAIN, 0, None),
        ("planets-order", HARD, 1, None),
        ("author-short", HARD, 1, None),
        ("capital-mcq", GOOD, 1, None),
        ("countries-multi", GOOD, 1, 1),
        ("motto-cloze", AGAIN, 0, None),
        ("quotes-match", HARD, 1, None),
    ]


SESSION_FR = """\
Tous les types · 3 questions

Question 1/3 · moyenne
Lesquels de ces pays sont en Europe ?
  a) Brésil
  b) Japon
  c) Allemagne
  d) France
Répondez par une ou plusieurs lettres, par ex. a c.
?\u00a0aide · /h\u00a0indice · /s\u00a0passer · /q\u00a0fin
> c
✗ Pas tout à fait. Réponse : c) Allemagne, d) France
  oublié : d) France
Explication : La France et l'Allemagne sont en Europe.
Source : «\u00a0France and Germany are in Europe; Japan and Brazil are not.\u00a0» — A short text about tests
Thèmes : geography
À revoir · prochaine fois 1 min
Entrée\u00a0suite · 1\u00a0À\u00a0revoir\u00a01\u00a0min · 2\u00a0Difficile\u00a06\u00a0min · 3\u00a0Correct\u00a010\u00a0min · 4\u00a0Facile\u00a08\u00a0j · r\u00a0j’avais\u00a0raison · u\u00a0annuler

Question 2/4 · moyenne
Combien l'entreprise a-t-elle investi ?
Répondez par un nombre ; unité : dollars.
?\u00a0aide · /h\u00a0indice · /s\u00a0passer · /q\u00a0fin
> 200 000 000 dollars
✓ Bonne réponse ! Réponse : 200\u202f000\u202f000 dollars
Explication : Elle a investi 200 millions de dollars.
Source : «\u00a0The company invested 200 million dollars.\u00a0» — A short text about tests
Thèmes : figures
Correct · prochaine fois 10 min
Entrée\u00a0suite · 1\u00a0À\u00a0revoir\u00a01\u00a0min · 2\u00a0Difficile\u00a06\u00a0min · 3\u00a0Correct\u00a010\u00a0min · 4\u00a0Facile\u00a08\u00a0j · r\u00a0j’avais\u00a0raison · u\u00a0annuler
1
À revoir · prochaine fois 1 min
Entrée\u00a0suite · 1\u00a0À\u00a0revoir\u00a01\u00a0min · 2\u00a0Difficile\u00a06\u00a0min · 3\u00a0Correct\u00a010\u00a0min · 4\u00a0Facile\u00a08\u00a0j · r\u00a0j’avais\u00a0raison · u\u00a0annuler

Question 3/5 · moyenne
Complétez la devise.
Liberté, [1 …], [2 …].
Complétez les blancs un par un.
?\u00a0aide · /h\u00a0indice · /s\u00a0passer · /q\u00a0fin
[1] > peut-être
[2] > /h
Indice : commence par « f »
[2] > q


Bilan
Score : 1/2 (50 %) · durée 0 s · pour rejouer : --seed 2
Par thème, les plus faibles d’abord
  geography   0/1    0 %  ░░░░░░░░░░
  figures     1/1  100 %  ██████████
À revoir
  • Lesquels de ces pays sont en Europe ?
    Réponse : c) Allemagne, d) France
"""


def test_a_session_in_french_ended_with_q() -> None:
    typed = "c\n\n200 000 000 dollars\n1\npeut-être\n/h\nq\n"
    result = quiz(EVERY_TYPE, "--seed", "2", "--count", "3", "--lang", "fr", typed=typed)
    assert (result.output, result.exit_code) == (SESSION_FR, 0)


def test_end_of_input_ends_the_session_with_its_summary() -> None:
    result = quiz(EVERY_TYPE, "--seed", "1", "--count", "2", typed="f\n\n")
    assert result.exit_code == 0
    assert result.output.endswith(
        "> \n\n\nSummary\nScore: 1/1 (100%) · time 0 s · replay with --seed 1\n"
        "By tag, weakest first\n  science   1/1   100%  ██████████\nMissed\n  Nothing missed.\n"
    )


def test_quitting_before_any_answer() -> None:
    result = quiz(EVERY_TYPE, "--seed", "5", typed="q\n")
    assert result.exit_code == 0
    assert result.output.endswith("> q\n\n\nSummary\nNo question answered. · time 0 s · replay with --seed 5\n")


def test_blank_lines_are_asked_again() -> None:
    result = quiz(EVERY_TYPE, "--seed", "1", "--count", "1", typed="\n   \nt\n")
    assert "> \n>    \n> t\n✗ Wrong. Answer: False\n" in result.output


def test_a_question_without_a_hint_says_so_then_skips() -> None:
    result = quiz(EVERY_TYPE, "--seed", "1", "--count", "1", "--lang", "fr", typed="/h\n/s\n\n")
    assert "> /h\nPas d’indice pour celle-ci ; /s pour passer.\n> /s\n→ Question passée. Réponse : Faux\n" in result.output


def test_an_answer_that_cannot_be_read_is_asked_again_in_the_quiz_language() -> None:
    result = quiz(EVERY_TYPE, "--seed", "2", "--count", "1", "--type", "mcq", "--lang", "fr", typed="Berlin\nz\nparis\n")
    assert result.output.count("> ") == 3
    assert result.output.count("Répondez par une lettre de a à d, son numéro ou le texte d’un choix.\n") == 2
    assert "✓ Bonne réponse ! Réponse : " in result.output


def test_without_a_seed_the_summary_gives_one_to_replay_the_session() -> None:
    first = quiz(EVERY_TYPE, "--count", "3", typed="q\n")
    seed = first.output.rsplit("--seed ", 1)[1].strip()
    assert 1 <= int(seed) < 10000
    replay = quiz(EVERY_TYPE, "--count", "3", "--seed", seed, typed="q\n")
    assert replay.output == first.output


def test_the_default_session_is_ten_questions_of_the_bundled_bank(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    result = quiz("--seed", "3", typed="q\n")
    assert "\nViva Technology 2016 : Cisco, Amazon et Wikipedia · 10 questions\n" in result.output
    assert "Question 1/10 · " in result.output


def test_hostile_text_is_shown_literally() -> None:
    result = quiz(str(BANKS / "hostile.yaml"), "--seed", "1", typed="<img src=x onerror=alert(1)>\n\na\n\n")
    assert "What does <script>alert('x')</script> or <b>bold</b> do? {braces}" in result.output
    assert "Explanation: Shown literally: <script>alert('y')</script>" in result.output
    assert "✓ Right! Answer: <img src=x onerror=alert(1)>" in result.output
    assert "✓ Right! Answer: a) <b>bold</b>" in result.output


def test_a_rich_screen_shows_hostile_text_literally() -> None:
    from rich.console import Console

    console = Console(record=True, force_terminal=True, width=200, file=io.StringIO())
    output = terminal.RichOutput()
    output.console = console
    bank = load_bank(BANKS / "hostile.yaml").bank
    presentation = present(bank.questions[0], "en", 1)
    output.write(screens.question_lines(presentation, 1, 2) + screens.feedback_lines(presentation, None, "[bold]x[/bold]"))
    screen = console.export_text()
    assert "What does <script>alert('x')</script> or <b>bold</b> do? {braces} ~tilde" in screen
    assert "Source: “<script>alert('x')</script>” — [bold]x[/bold]" in screen
    assert "Question 1/2 · medium ─" in screen


@pytest.mark.parametrize(
    ("excerpt", "lang", "shown"),
    [
        ("Paris is the capital.", "en", "“Paris is the capital.”"),
        ("Paris est la capitale.", "fr", "«\u00a0Paris est la capitale.\u00a0»"),
        ("« Vive la French Tech ! »", "en", "« Vive la French Tech ! »"),
        ("“I have a dream.”", "fr", "“I have a dream.”"),
        ("« Vive la French Tech !", "fr", "« Vive la French Tech !\u00a0»"),
        ("la French Tech ! »", "en", "«\u00a0la French Tech ! »"),
    ],
)
def test_excerpts_are_quoted_once(excerpt: str, lang: str, shown: str) -> None:
    assert quoted(excerpt, lang) == shown


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--tag", "sciense"],
            "Error: --tag sciense: no question in {bank} has this tag (did you mean 'science'?); "
            "its tags are figures, france, geography, literature, people, quotes, science\n",
        ),
        (
            ["--type", "essay"],
            "Error: --type essay: not a question type; the types are mcq, multi, truefalse, short, numeric, cloze, match, order\n",
        ),
        (
            ["--type", "order", "--difficulty", "1", "--review"],
            "Error: no question in {bank} matches --type order --difficulty 1 (the bank has types mcq, multi, truefalse, short, "
            "numeric, cloze, match, order; tags figures, france, geography, literature, people, quotes, science; difficulties 1, 2, 3)\n",
        ),
        (["--difficulty", "4"], "Error: --difficulty '4': give 1 (easy), 2 (medium) or 3 (hard), or a range such as 2-3\n"),
        (["--lang", "de"], "Error: {bank} has no 'de' texts; its languages are en, fr\n"),
    ],
)
def test_bad_options(args: list[str], message: str) -> None:
    result = quiz(EVERY_TYPE, *args)
    assert (result.output, result.exit_code) == (message.format(bank=EVERY_TYPE), 1)


@pytest.mark.parametrize(
    ("kind", "unreadable", "right", "how"),
    [
        ("numeric", ["1e999", "2×10^400000000", "1" * 5000, "1e300 trillion"], "200 million", "Answer with one number, e.g. 1500, 2.5"),
        ("mcq", ["²", "1" * 5000], "paris", "Answer with a letter from a to d, its number, or the text of a choice."),
        ("multi", ["²", "1 ²", "1" * 5000], "France, Germany", "Answer with letters from a to d, e.g. a c."),
        ("match", ["1" * 5000 + "a", "1b 2a 3²"], "1b 2a 3d", "Give one letter to each number from 1 to 3, e.g. 1a 2b 3c."),
        ("order", ["1 4 2 ³", "1" * 5000], "1 4 2 3", "Give each number from 1 to 4 once, in the right order."),
    ],
)
def test_absurd_numbers_and_superscripts_are_asked_again(kind: str, unreadable: list[str], right: str, how: str) -> None:
    result = quiz(EVERY_TYPE, "--seed", "1", "--type", kind, typed="\n".join([*unreadable, right]) + "\n")
    assert result.exit_code == 0
    assert result.output.count(how) == len(unreadable)
    assert "✓ Right! " in result.output


@pytest.mark.parametrize(("lang", "words"), [("en", "en"), ("fr", "fr"), ("fr-CA", "fr"), ("en-GB", "en"), ("de", "en"), ("pt-BR", "en")])
def test_quizgen_words_fall_back_to_english_by_one_rule(lang: str, words: str) -> None:
    assert say("right", lang) == WORDS[words]["right"]
    assert label("answer", lang) == LABELS[words]["answer"]
    assert localized({"en": {"yes": "yes"}, "fr": {"yes": "oui"}}, "yes", lang) == {"en": "yes", "fr": "oui"}[words]


def test_the_quiz_has_every_word_in_french() -> None:
    assert WORDS["fr"].keys() == WORDS["en"].keys()


def test_count_must_be_positive() -> None:
    result = quiz(EVERY_TYPE, "--count", "0")
    assert result.exit_code == 2
    assert "Invalid value for '-n' / '--count': 0 is not in the range x>=1." in result.output


def test_a_damaged_database_is_named_with_how_to_reset_it(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    db.write_bytes(bytes(range(256)) * 16)
    result = quiz(EVERY_TYPE, "--db", str(db), typed="q\n")
    assert (result.output, result.exit_code) == (
        f"Error: progress database {db} is damaged (file is not a database); "
        f"move it away or delete it to start afresh: rm -f {db} {db}-wal {db}-shm\n",
        1,
    )


def test_review_asks_the_questions_due_first_then_new_ones(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    db = str(tmp_path / "progress.sqlite3")
    now = datetime(2024, 5, 1, 12, tzinfo=timezone.utc)
    monkeypatch.setattr(progress, "utc_now", lambda: now)
    first = quiz(EVERY_TYPE, "--review", "--count", "8", "--seed", "1", "--db", db, typed="t\n\n/s\n\nq\n")
    assert first.output.startswith("Every type · 0 due, 8 new\n")
    assert "Question 1/8 · easy\nThe Earth is flat." in first.output
    assert "Question 2/9 · medium\nHow much did the company invest?" in first.output
    # No seed replays a review: it depends on the schedule as it stood.
    assert "--seed" not in first.output
    # A wrong answer and a skipped question are due again a minute later, before any new question.
    now += timedelta(minutes=10)
    second = quiz(EVERY_TYPE, "--review", "--count", "3", "--seed", "2", "--db", db, typed="q\n")
    assert second.output.startswith("Every type · 2 due, 1 new\n")
    assert "Question 1/3 · easy\nThe Earth is flat." in second.output


def test_review_with_nothing_due_and_nothing_new_says_when_the_next_is_due(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    db = str(tmp_path / "progress.sqlite3")
    now = datetime(2024, 5, 1, 12, tzinfo=timezone.utc)
    monkeypatch.setattr(progress, "utc_now", lambda: now)
    assert quiz(EVERY_TYPE, "--review", "--type", "truefalse", "--db", db, typed="t\n\n").output.startswith("Every type · 0 due, 1 new\n")
    result = quiz(EVERY_TYPE, "--review", "--type", "truefalse", "--db", db)
    assert (result.output, result.exit_code) == (
        "Nothing to review: no question is due and none is new.\nThe next one is due in 1 min.\n",
        0,
    )
    french = quiz(EVERY_TYPE, "--review", "--type", "truefalse", "--lang", "fr", "--db", db)
    assert (
        french.output
        == "Rien à réviser : aucune question n’est à revoir et aucune n’est nouvelle.\nLa prochaine est à revoir dans 1 min.\n"
    )
    now += timedelta(minutes=2)
    assert quiz(EVERY_TYPE, "--review", "--type", "truefalse", "--db", db, typed="f\n4\n").output.startswith("Every type · 1 due, 0 new\n")
    later = quiz(EVERY_TYPE, "--review", "--type", "truefalse", "--db", db).output
    assert re.fullmatch(r"Nothing to review: no question is due and none is new.\nThe next one is due in \d+ days?\.\n", later)
    now += timedelta(days=100)
    assert quiz(EVERY_TYPE, "--review", "--type", "truefalse", "--db", db, typed="q\n").output.startswith("Every type · 1 due, 0 new\n")


@pytest.mark.parametrize(
    ("minutes", "english", "french"),
    [
        (0.2, "in 1 min", "dans 1 min"),
        (59, "in 59 min", "dans 59 min"),
        (61, "in 2 h", "dans 2 h"),
        (23 * 60, "in 23 h", "dans 23 h"),
        (24 * 60, "in 1 day", "dans 1 jour"),
        (49 * 60, "in 3 days", "dans 3 jours"),
    ],
)
def test_how_soon(minutes: float, english: str, french: str) -> None:
    assert screens.how_soon(timedelta(minutes=minutes), "en") == english
    assert screens.how_soon(timedelta(minutes=minutes), "fr") == french


def test_the_quiz_does_not_load_heavy_modules(tmp_path: Path) -> None:
    """genanki, typst and anki are never imported by `quiz`; rich only on a colour terminal."""
    script = (
        "import sys\n"
        "from quizgen.cli import cli\n"
        f"try:\n    cli.main(['quiz', {EVERY_TYPE!r}, '--seed', '1', '--db', {str(tmp_path / 'p.sqlite3')!r}], standalone_mode=False)\n"
        "finally:\n    print(sorted(name for name in ('genanki', 'typst', 'anki', 'rich') if name in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], input="t\n", capture_output=True, text=True, check=True, timeout=60)
    assert "Question 1/8 · " in done.stdout
    assert done.stdout.endswith("\n[]\n")


def test_help_has_an_example() -> None:
    for command in ("quiz", "stats"):
        result = CliRunner().invoke(cli, [command, "--help"])
        assert result.exit_code == 0
        assert "Example:" in result.output


@pytest.mark.parametrize(("lang", "skipped"), [("fr", "→ Question passée."), ("en", "→ Skipped.")])
def test_every_question_of_the_bundled_bank_can_be_asked(
    bundled_bank: Bank, tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, skipped: str
) -> None:
    with progress.open_progress(tmp_path / "progress.sqlite3") as store:
        session = terminal.Session(bundled_bank, store, terminal.PlainOutput(40), read=lambda _: "/s", read_key=lambda _: "\n")
        summary = session.run([present(question, lang, 11) for question in bundled_bank.questions], 11)
    assert len(summary.outcomes) == 66
    # Each skipped question comes back until it has been asked MAX_TRIES times.
    screen = capsys.readouterr().out
    assert screen.count(skipped) == 66 * terminal.MAX_TRIES
    assert max(len(text) for text in screen.splitlines()) <= 40


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_tag_is_on_screen_before_the_answer(bundled_bank: Bank, lang: str) -> None:
    """The header, the line on how to answer and the keys: none names a tag (the question's own texts may)."""
    for question in bundled_bank.questions:
        screen = [each.text.casefold() for each in screens.question_lines(present(question, lang, 1), 1, 10)]
        unit = question.unit[lang].casefold() if isinstance(question, Numeric) and question.unit else "\0"
        around = [screen[1], screen[-2].replace(unit, ""), screen[-1]]
        for tag in question.tags:
            assert not any(tag in text or tag.replace("-", " ") in text for text in around), (question.id, tag)
    feedback = screens.feedback_lines(present(bundled_bank.questions[0], lang, 1), None, None)
    assert feedback[-1].text.endswith(", ".join(bundled_bank.questions[0].tags))


@pytest.mark.parametrize(
    ("spans", "width", "expected"),
    [
        ((("", "Quelle organisation dirige-t-il ?"),), 30, ["Quelle organisation", "dirige-t-il ?"]),
        ((("", "Il a dit « bonjour » hier"),), 12, ["Il a dit", "« bonjour »", "hier"]),
        ((("", "a\u00a0b\u00a0c\u00a0d e"),), 8, ["a\u00a0b\u00a0c\u00a0d", "e"]),
        ((("key", "  b) "), ("", "Une boutique sur Amazon.fr, vitrine")), 20, ["  b) Une boutique", "     sur Amazon.fr,", "     vitrine"]),
        ((("", "  • Lesquels de ces pays"),), 14, ["  • Lesquels", "    de ces", "    pays"]),
        ((("", "Anticonstitutionnellement"),), 10, ["Anticonsti", "tutionnell", "ement"]),
        ((("", "short"),), 40, ["short"]),
        ((("", "  geography   0   1"),), 14, ["  geography", "  0   1"]),
        (
            (("key", "  /s  "), ("", "skip the question (it counts as missed)")),
            24,
            ["  /s  skip the question", "      (it counts as", "      missed)"],
        ),
        ((("", "two\nlines"),), 40, ["two", "lines"]),
        ((("", "日本語の文章です"),), 8, ["日本語の", "文章です"]),
    ],
)
def test_wrap(spans: tuple[tuple[str, str], ...], width: int, expected: list[str]) -> None:
    wrapped = screens.wrap(screens.Line(spans), width)
    assert [each.text for each in wrapped] == expected
    assert all(screens.cells(each.text) <= width for each in wrapped)


def test_wrap_keeps_styles() -> None:
    wrapped = screens.wrap(screens.line(("key", "  a) "), ("prompt", "Paris est la capitale")), 16)
    assert [each.spans for each in wrapped] == [(("key", "  a) "), ("prompt", "Paris est")), (("", "     "), ("prompt", "la capitale"))]


@pytest.mark.parametrize("width", [40, 80])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_question_header_fits_on_one_line(bundled_bank: Bank, width: int, lang: str) -> None:
    for question in bundled_bank.questions:
        header = screens.question_lines(present(question, lang, 1), 79, 158, again=True)[1]
        assert len(screens.wrap(header, width)) == 1


def test_tags_are_shown_before_the_answer_only_when_asked_for() -> None:
    hidden = quiz(EVERY_TYPE, "--seed", "1", "--count", "1", typed="/q\n")
    shown = quiz(EVERY_TYPE, "--seed", "1", "--count", "1", "--show-tags", typed="/q\n")
    assert "Question 1/1 · easy\n" in hidden.output
    assert "Question 1/1 · science · easy\n" in shown.output

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
from quizgen.bank import load_bank
from quizgen.cli import cli
from quizgen.errors import QuizgenError
from quizgen.model import Bank, Match, MultipleChoice, Order, Question
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
    select_questions,
)
from quizgen.select import Filters, matching, parse_difficulty

from .conftest import BANKS, BUNDLED_BANK

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
    text = [each.text for each in terminal.question_lines(shown, 1, 1)]
    assert [line.split(")")[0].strip() for line in text if line.startswith("  ")][-3:] == ["z", "aa", "ab"]
    assert how_to_answer(shown) == "Answer with a letter, a to ab."


def test_the_same_seed_asks_the_same_questions(bundled_bank: Bank) -> None:
    first = select_questions(bundled_bank, 10, Filters(), 4821)
    assert [question.id for question in first] == [question.id for question in select_questions(bundled_bank, 10, Filters(), 4821)]
    assert [question.id for question in first] != [question.id for question in select_questions(bundled_bank, 10, Filters(), 4822)]


def test_sessions_are_drawn_across_the_bank(bundled_bank: Bank) -> None:
    asked: Counter[str] = Counter()
    for seed in range(100):
        questions = select_questions(bundled_bank, 10, Filters(), seed)
        assert len({question.id for question in questions}) == 10
        assert len({question.type for question in questions}) >= 6
        assert len({tag for question in questions for tag in question.tags}) >= 20
        asked.update(question.type for question in questions)
    in_bank = Counter(question.type for question in bundled_bank.questions)
    for kind, count in in_bank.items():
        assert asked[kind] / 1000 == pytest.approx(count / len(bundled_bank.questions), abs=0.02)


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
        (Verdict(True, "c) Paris"), False, 6.3, EASY),
        (Verdict(True, "c) Paris"), False, 6.4, GOOD),
        (Verdict(True, "c) Paris"), False, 60, GOOD),
    ],
)
def test_rating(every_type_bank: Bank, verdict: Verdict | None, hinted: bool, seconds: float, expected: int) -> None:
    # "Which city is the capital of France?" and its four choices: 59 characters, 2.36 s to read, + 4 s.
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
        TagScore("geography", 1, 2),
        TagScore("literature", 0, 1),
        TagScore("people", 0, 1),
        TagScore("france", 1, 1),
    ]
    assert [each.presentation.question.id for each in summary.missed()] == ["countries-multi", "author-short"]


def test_a_summary_shows_the_twelve_most_asked_tags(bundled_bank: Bank) -> None:
    questions = select_questions(bundled_bank, 10, Filters(), 1)
    summary = Summary(tuple(Outcome(present(question, "fr", 1), None, True, 5.0) for question in questions), 50.0, 1)
    text = [each.text for each in terminal.summary_lines(summary, "fr")]
    tags = len(summary.by_tag())
    assert tags > 12
    assert text[text.index("Par thème") + 13] == f"  et {tags - 12} autres thèmes"
    assert text[2] == "Score : 0/10 (0 %) · durée 50 s · pour rejouer : --seed 1"


SESSION_EN = """\
Every type · 8 questions
? for a hint (twice to skip) · q to quit

Question 1/8 · science · easy
The Earth is flat.
Answer t for true or f for false.
> maybe
Answer t or f (true/false, y/n also work).
> f
✓ Right! Answer: False
Explanation: The Earth is round.
Source: “The Earth is round.” — A short text about tests

Question 2/8 · figures · medium
How much did the company invest?
Answer with a number; unit: dollars.
> 200 millions
✓ Right! Answer: 200,000,000 dollars
Explanation: It invested 200 million dollars.
Source: “The company invested 200 million dollars.” — A short text about tests

Question 3/8 · geography · medium
Which of these countries are in Europe?
  a) Japan
  b) France
  c) Brazil
  d) Germany
Answer with one or more letters, e.g. a c.
> b
✗ Not quite. Answer: b) France, d) Germany
  missed: d) Germany
Explanation: France and Germany are in Europe.
Source: “France and Germany are in Europe; Japan and Brazil are not.” — A short text about tests

Question 4/8 · science · medium
Put these planets in order from the Sun.
  1. Mercury
  2. Earth
  3. Mars
  4. Venus
Answer with the numbers in the right order, e.g. 3 1 2.
> ?
Hint: 1. Mercury comes first (? again skips)
> 1 4 2 3
✓ Right! Answer: 1 4 2 3
  Mercury → Venus → Earth → Mars
Explanation: Mercury is closest to the Sun.
Source: “Mercury, Venus, Earth and Mars are the inner planets.” — A short text about tests

Question 5/8 · literature, people · medium
Who wrote Les Misérables?
Type your answer.
> Victor Hgo
✓ Right! Answer: Victor Hugo
  watch the spelling: Victor Hugo
Explanation: Victor Hugo wrote it in 1862.
Source: “Les Misérables was written by Victor Hugo in 1862.” — A short text about tests

Question 6/8 · geography, france · easy
Which city is the capital of France?
  a) Lyon
  b) Marseille
  c) Paris
  d) Lille
Answer with a letter, a to d.
> ?
Hint: The city of the Eiffel Tower. (? again skips)
> ?
→ Skipped. Answer: c) Paris
Explanation: Paris is the capital.
Source: “Paris is the capital of France.” — A short text about tests

Question 7/8 · france · medium
Complete the motto.
Liberty, [1 …], [2 …].
Fill in the blanks one at a time.
[1] > egalite
[2] > fraternity
✗ Not quite. Answer: Liberty, equality, fraternity.
  blank 1: equality
Explanation: The French motto.
Source: “The motto is Liberty, equality, fraternity.” — A short text about tests

Question 8/8 · quotes, people · hard
Match each quote with its speaker.
  1. “I think, therefore I am.”
  2. “I have a dream.”
  3. “To be or not to be.”
  a) Martin Luther King
  b) Shakespeare
  c) Descartes
Answer with pairs, e.g. 1c 2a 3b.
> 1a 2c 3b
✗ Not quite. Answer: 1c 2a 3b
  “I think, therefore I am.” → Descartes; “I have a dream.” → Martin Luther King; “To be or not to be.” → Shakespeare
  wrong pairs: 1a 2c
Explanation: Three famous quotes.
Source: “Descartes, King and Shakespeare are quoted.” — A short text about tests

Summary
Score: 4/8 (50%) · time 0 s · replay with --seed 1
By tag
  france       0/2     0%  ░░░░░░░░░░
  geography    0/2     0%  ░░░░░░░░░░
  people       1/2    50%  █████░░░░░
  science      2/2   100%  ██████████
  quotes       0/1     0%  ░░░░░░░░░░
  figures      1/1   100%  ██████████
  literature   1/1   100%  ██████████
Missed
  • Which of these countries are in Europe?
    Answer: b) France, d) Germany
  • Which city is the capital of France?
    Answer: c) Paris
  • Liberty, […], […].
    Answer: Liberty, equality, fraternity.
  • Match each quote with its speaker.
    Answer: 1c 2a 3b
    “I think, therefore I am.” → Descartes; “I have a dream.” → Martin Luther King; “To be or not to be.” → Shakespeare
"""


def test_a_whole_session_in_english(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    typed = "maybe\nf\n200 millions\nb\n?\n1 4 2 3\nVictor Hgo\n?\n?\negalite\nfraternity\n1a 2c 3b\n"
    result = quiz(EVERY_TYPE, "--seed", "1", "--count", "8", "--db", str(db), typed=typed)
    assert (result.output, result.exit_code) == (SESSION_EN, 0)
    with sqlite3.connect(db) as connection:
        rows = connection.execute("SELECT question, rating, correct FROM reviews ORDER BY id").fetchall()
    assert rows == [
        ("earth-flat-tf", EASY, 1),
        ("investment-numeric", EASY, 1),
        ("countries-multi", AGAIN, 0),
        ("planets-order", HARD, 1),
        ("author-short", HARD, 1),
        ("capital-mcq", AGAIN, 0),
        ("motto-cloze", AGAIN, 0),
        ("quotes-match", AGAIN, 0),
    ]


SESSION_FR = """\
Tous les types · 3 questions
? pour un indice (deux fois pour passer) · q pour quitter

Question 1/3 · geography · moyenne
Lesquels de ces pays sont en Europe ?
  a) Brésil
  b) Japon
  c) Allemagne
  d) France
Répondez par une ou plusieurs lettres, par ex. a c.
> c
✗ Pas tout à fait. Réponse : c) Allemagne, d) France
  oublié : d) France
Explication : La France et l'Allemagne sont en Europe.
Source : « France and Germany are in Europe; Japan and Brazil are not. » — A short text about tests

Question 2/3 · figures · moyenne
Combien l'entreprise a-t-elle investi ?
Répondez par un nombre ; unité : dollars.
> 200 000 000 dollars
✓ Bonne réponse ! Réponse : 200\u202f000\u202f000 dollars
Explication : Elle a investi 200 millions de dollars.
Source : « The company invested 200 million dollars. » — A short text about tests

Question 3/3 · france · moyenne
Complétez la devise.
Liberté, [1 …], [2 …].
Complétez les blancs un par un.
[1] > peut-être
[2] > ?
Indice : commence par « f » (? encore pour passer)
[2] > q

Bilan
Score : 1/2 (50 %) · durée 0 s · pour rejouer : --seed 2
Par thème
  geography   0/1    0 %  ░░░░░░░░░░
  figures     1/1  100 %  ██████████
À revoir
  • Lesquels de ces pays sont en Europe ?
    Réponse : c) Allemagne, d) France
"""


def test_a_session_in_french_ended_with_q() -> None:
    result = quiz(EVERY_TYPE, "--seed", "2", "--count", "3", "--lang", "fr", typed="c\n200 000 000 dollars\npeut-être\n?\nq\n")
    assert (result.output, result.exit_code) == (SESSION_FR, 0)


def test_end_of_input_ends_the_session_with_its_summary() -> None:
    result = quiz(EVERY_TYPE, "--seed", "1", "--count", "2", typed="f\n")
    assert result.exit_code == 0
    assert result.output.endswith(
        "> \n\nSummary\nScore: 1/1 (100%) · time 0 s · replay with --seed 1\nBy tag\n  science   1/1   100%  ██████████\nMissed\n  Nothing missed.\n"
    )


def test_quitting_before_any_answer() -> None:
    result = quiz(EVERY_TYPE, "--seed", "5", typed="q\n")
    assert result.exit_code == 0
    assert result.output.endswith("> q\n\nSummary\nNo question answered. · time 0 s · replay with --seed 5\n")


def test_blank_lines_are_asked_again() -> None:
    result = quiz(EVERY_TYPE, "--seed", "1", "--count", "1", typed="\n   \nt\n")
    assert "> \n>    \n> t\n✗ Wrong. Answer: False\n" in result.output


def test_a_question_without_a_hint_says_so_then_skips() -> None:
    result = quiz(EVERY_TYPE, "--seed", "1", "--count", "1", "--lang", "fr", typed="?\n?\n")
    assert "> ?\nPas d’indice pour celle-ci ; ? encore pour passer.\n> ?\n→ Question passée. Réponse : Faux\n" in result.output


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
    assert result.output.startswith("Viva Technology 2016 : Cisco, Amazon et Wikipedia · 10 questions\n")
    assert "Question 1/10 · " in result.output


def test_hostile_text_is_shown_literally() -> None:
    result = quiz(str(BANKS / "hostile.yaml"), "--seed", "1", typed="<img src=x onerror=alert(1)>\na\n")
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
    output.write(terminal.question_lines(presentation, 1, 2) + terminal.feedback_lines(presentation, None, "[bold]x[/bold]"))
    screen = console.export_text()
    assert "What does <script>alert('x')</script> or <b>bold</b> do? {braces} ~tilde" in screen
    assert "Source: “<script>alert('x')</script>” — [bold]x[/bold]" in screen
    assert "Question 1/2 · html · medium ─" in screen


@pytest.mark.parametrize(
    ("excerpt", "lang", "shown"),
    [
        ("Paris is the capital.", "en", "“Paris is the capital.”"),
        ("Paris est la capitale.", "fr", "«\u00a0Paris est la capitale.\u00a0»"),
        ("« Vive la French Tech ! »", "en", "« Vive la French Tech ! »"),
        ("“I have a dream.”", "fr", "“I have a dream.”"),
        ("« Vive la French Tech !", "fr", "«\u00a0« Vive la French Tech !\u00a0»"),
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
        ("numeric", ["1e999", "2×10^400000000", "1" * 5000, "1e300 trillion"], "200 million", "Answer with a number, e.g. 200, 2.5"),
        ("mcq", ["²", "1" * 5000], "paris", "Answer with a letter from a to d, its number, or the text of a choice."),
        ("multi", ["²", "1 ²", "1" * 5000], "France, Germany", "Answer with letters from a to d, e.g. a c."),
        ("match", ["1" * 5000 + "a", "1c 2a 3²"], "1c 2a 3b", "Give one letter to each number from 1 to 3, e.g. 1c 2a 3b."),
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
    db.write_bytes(b"this is not a database, just forty-odd bytes of text" * 40)
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
    first = quiz(EVERY_TYPE, "--review", "--count", "8", "--seed", "1", "--db", db, typed="t\n?\n?\nq\n")
    assert first.output.startswith("Every type · 0 due, 8 new\n")
    assert "Question 1/8 · science · easy\nThe Earth is flat." in first.output
    assert "Question 2/8 · figures · medium\nHow much did the company invest?" in first.output
    # A wrong answer and a skipped question are due again a minute later, before any new question.
    now += timedelta(minutes=10)
    second = quiz(EVERY_TYPE, "--review", "--count", "3", "--seed", "2", "--db", db, typed="q\n")
    assert second.output.startswith("Every type · 2 due, 1 new\n")
    assert "Question 1/3 · science · easy\nThe Earth is flat." in second.output


def test_review_with_nothing_due_and_nothing_new_says_when_the_next_is_due(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    db = str(tmp_path / "progress.sqlite3")
    now = datetime(2024, 5, 1, 12, tzinfo=timezone.utc)
    monkeypatch.setattr(progress, "utc_now", lambda: now)
    assert quiz(EVERY_TYPE, "--review", "--type", "truefalse", "--db", db, typed="t\n").output.startswith("Every type · 0 due, 1 new\n")
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
    assert quiz(EVERY_TYPE, "--review", "--type", "truefalse", "--db", db, typed="f\n").output.startswith("Every type · 1 due, 0 new\n")
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
    assert terminal.how_soon(timedelta(minutes=minutes), "en") == english
    assert terminal.how_soon(timedelta(minutes=minutes), "fr") == french


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
def test_every_question_of_the_bundled_bank_can_be_asked(lang: str, skipped: str) -> None:
    result = quiz(str(BUNDLED_BANK), "--seed", "11", "--count", "66", "--lang", lang, typed="?\n?\n" * 66)
    assert result.exit_code == 0
    assert result.output.count(skipped) == 66
    assert "Question 66/66 · " in result.output

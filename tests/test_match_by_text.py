"""A match whose right sides repeat (two quotes by one speaker) is graded by text, the same way in the terminal quiz and
in the web quiz: every possible answer gets the same verdict from both."""

from __future__ import annotations

import itertools

import pytest

from quizgen.bank import parse_bank
from quizgen.exports.webquiz import credit
from quizgen.model import Match
from quizgen.present import letter
from quizgen.quiz.grading import Verdict, check_answer, present

BANK = """title: Quotes
source: none
deck: {id: 1500000003}
questions:
  - id: speakers
    type: match
    prompt: Who said it?
    pairs: [["Vive la French Tech !", Chambers], ["Il faut rebondir.", Wales], ["La France est la prochaine destination.", Chambers]]
    distractors: [Jassy]
    explanation: Two of the quotes are John Chambers's.
"""


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_answer_gets_the_same_verdict_in_the_quiz_and_the_web_quiz(seed: int) -> None:
    question = parse_bank(BANK.encode(), "bank.yaml").bank.questions[0]
    assert isinstance(question, Match)
    column = question.right_column("en")
    assert column == ("Chambers", "Wales", "Jassy")
    presentation = present(question, "en", seed)
    for chosen in itertools.product(range(len(column)), repeat=len(question.pairs)):
        typed = " ".join(f"{number}{letter(presentation.order.index(index))}" for number, index in enumerate(chosen, start=1))
        verdict = check_answer(presentation, [typed])
        assert isinstance(verdict, Verdict), typed
        earned = credit(question, list(chosen), "en")
        assert verdict.correct == (earned == 1.0), (typed, earned)
        assert verdict.partial == (0 < earned < 1), (typed, earned)


def test_both_quotes_of_one_speaker_take_the_same_letter() -> None:
    question = parse_bank(BANK.encode(), "bank.yaml").bank.questions[0]
    assert isinstance(question, Match)
    presentation = present(question, "en", 1)
    chambers, wales = (letter(presentation.order.index(index)) for index in (0, 1))
    verdict = check_answer(presentation, [f"1{chambers} 2{wales} 3{chambers}"])
    assert isinstance(verdict, Verdict) and verdict.correct
    assert credit(question, [0, 1, 0], "en") == 1.0

"""The loader's hints for what newcomers and other tools' banks get wrong: each message exact."""

from __future__ import annotations

import pytest

from quizgen.bank import parse_bank
from quizgen.errors import BankError

HEAD = "title: T\nsource: none\nquestions:\n"


def problems(questions: str) -> list[str]:
    with pytest.raises(BankError) as raised:
        parse_bank((HEAD + questions).encode(), "bank.yaml")
    return [str(problem) for problem in raised.value.problems if not problem.warning]


@pytest.mark.parametrize(
    ("question", "message"),
    [
        (
            "  - {id: a, type: mcq, prompt: P?, choices: [x, y, z], answer: 0}\n",
            "bank.yaml:4: question 'a': answer is the right choice's text, not its number: write one of the choices (x, y, z)",
        ),
        (
            "  - {id: a, type: multi, prompt: P?, choices: [x, y, z], answers: [x, 2]}\n",
            "bank.yaml:4: question 'a': each answer is the right choice's text, not its number: write one of the choices (x, y, z)",
        ),
        (
            "  - {id: a, type: short, prompt: P?, answer: x, hint: null}\n",
            "bank.yaml:4: question 'a': hint is empty (YAML reads 'null' as null): remove the key, or write the text",
        ),
        (
            "  - {id: a, type: short, prompt: P?, answer: x, explanation: ~}\n",
            "bank.yaml:4: question 'a': explanation is empty (YAML reads '~' as null): remove the key, or write the text",
        ),
        (
            "  - {id: a, type: multiple_choice, prompt: P?}\n",
            "bank.yaml:4: question 'a': type 'multiple_choice' is not one of mcq, multi, truefalse, short, numeric, cloze, match, order ("
            "did you mean 'mcq'?)",
        ),
        (
            "  - {id: a, type: True-False, prompt: P?}\n",
            "bank.yaml:4: question 'a': type 'True-False' is not one of mcq, multi, truefalse, short, numeric, cloze, match, order ("
            "did you mean 'truefalse'?)",
        ),
        (
            "  - {id: a, type: fill_in_the_blank, prompt: P?}\n",
            "bank.yaml:4: question 'a': type 'fill_in_the_blank' is not one of mcq, multi, truefalse, short, numeric, cloze, match, order ("
            "did you mean 'cloze'?)",
        ),
        (
            "  - {id: a, type: matching, prompt: P?}\n",
            "bank.yaml:4: question 'a': type 'matching' is not one of mcq, multi, truefalse, short, numeric, cloze, match, order ("
            "did you mean 'match'?)",
        ),
        (
            "  - {id: a, type: ordering, prompt: P?}\n",
            "bank.yaml:4: question 'a': type 'ordering' is not one of mcq, multi, truefalse, short, numeric, cloze, match, order ("
            "did you mean 'order'?)",
        ),
        (
            "  - {id: a, type: essay, prompt: P?}\n",
            "bank.yaml:4: question 'a': type 'essay' is not one of mcq, multi, truefalse, short, numeric, cloze, match, order;"
            " quizgen has no 'essay' questions, whose answers a program can't check: use short for a one-line answer",
        ),
        (
            "  - {id: a, type: mcqq, prompt: P?}\n",
            "bank.yaml:4: question 'a': type 'mcqq' is not one of mcq, multi, truefalse, short, numeric, cloze, match, order ("
            "did you mean 'mcq'?)",
        ),
        (
            "  - {question: What?, options: [a, b], correct: a}\n",
            "bank.yaml:4: question '?': this question is written for another tool (keys correct, options, question); a quizgen question"
            " has id, type, prompt and the type's own fields (see the bank format), and `quizgen import` converts Moodle XML, GIFT and"
            " Anki files",
        ),
        (
            "  - {q: What?, a: This}\n",
            "bank.yaml:4: question '?': this question is written for another tool (keys a, q); a quizgen question has id, type, prompt"
            " and the type's own fields (see the bank format), and `quizgen import` converts Moodle XML, GIFT and Anki files",
        ),
    ],
)
def test_hints(question: str, message: str) -> None:
    assert problems(question) == [message]

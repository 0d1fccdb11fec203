"""The Moodle XML export, read back as Moodle's own importer reads it (tests/moodle_reader.py), for every type."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from quizgen.bank import load_bank
from quizgen.exports.base import bounds_text, source_line
from quizgen.exports.moodle import to_moodle
from quizgen.model import (
    Bank,
    Cloze,
    Image,
    Match,
    MultipleAnswer,
    MultipleChoice,
    Numeric,
    Order,
    Question,
    ShortAnswer,
    TrueFalse,
    cloze_deletions,
)
from quizgen.present import prompt_text

from .conftest import BUNDLED_BANK
from .moodle_reader import Imported, plain, read_quiz, shortanswer_matches

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000")


def read_back(bank: Bank, lang: str) -> dict[str, Imported]:
    result = to_moodle(bank, lang)
    assert isinstance(result.data, str)
    categories, questions = read_quiz(result.data)
    assert categories == ["$course$/top/" + bank.title[lang].replace("/", "//")]
    assert len(questions) == result.exported
    return {question.name: question for question in questions}


def check_question(bank: Bank, question: Question, read: Imported, lang: str) -> None:
    """What Moodle keeps of the question is what the bank says, in `lang`."""
    assert (read.idnumber, read.tags, [plain(hint) for hint in read.hints]) == (
        question.id,
        list(question.tags),
        [] if question.hint is None else [question.hint[lang]],
    )
    explanation = [] if question.explanation is None else [question.explanation[lang]]
    excerpt = source_line(bank, question, lang)
    if isinstance(question, Cloze):
        assert plain(read.generalfeedback).splitlines() == explanation + ([excerpt] if excerpt else [])
        check_cloze(question, read, lang)
        return
    assert plain(read.generalfeedback) == (excerpt or "")
    assert float(read.defaultmark) == question.points
    prompt = prompt_text(question, lang)
    if isinstance(question, Numeric) and question.unit is not None:
        prompt += f" ({question.unit[lang]})"
    assert plain(read.questiontext) == prompt
    feedback = explanation[0] if explanation else ""
    if isinstance(question, MultipleChoice | MultipleAnswer):
        assert read.qtype == "multichoice" and read.options["single"] == isinstance(question, MultipleChoice)
        assert [plain(text) for text in read.answers] == [choice[lang] for choice in question.choices]
        right = {question.answer} if isinstance(question, MultipleChoice) else set(question.answers)
        assert {index for index, fraction in enumerate(read.fractions) if fraction > 0} == right
        assert sum(fraction for fraction in read.fractions if fraction > 0) == pytest.approx(1, abs=1e-6)
        # Ticking every choice scores nothing: the penalties outweigh the right answers.
        assert sum(read.fractions) <= 1e-6 or isinstance(question, MultipleChoice)
        assert {plain(text) for text in read.feedback} == {feedback}
    elif isinstance(question, TrueFalse):
        assert read.qtype == "truefalse" and read.options["answer"] == question.answer
    elif isinstance(question, ShortAnswer):
        accepted = [question.answer[lang], *(other[lang] for other in question.accept)]
        assert all(any(shortanswer_matches(pattern, text) for pattern in read.answers) for text in accepted)
        assert set(read.fractions) == {1.0}
    elif isinstance(question, Numeric):
        check_numeric(question, read)
    elif isinstance(question, Match):
        check_match(question, read, lang)
    elif isinstance(question, Order):
        assert read.qtype == "ordering" and read.options["selecttype"] == "ALL"
        assert [plain(text) for text in read.answers] == [item[lang] for item in question.items]


def check_numeric(question: Numeric, read: Imported) -> None:
    """The first 100 % answer is the bank's (Moodle shows it as the right one); together they accept the bounds."""
    assert read.qtype == "numerical" and read.options["showunits"] == "3"
    assert float(read.answers[0]) == pytest.approx(question.answer, rel=1e-14)
    low, high = (float(bound) for bound in bounds_text(question))

    def accepted(value: float) -> bool:
        slack = 1e-12 * max(1.0, abs(value))
        return any(abs(value - float(answer)) <= float(tol) + slack for answer, tol in zip(read.answers, read.tolerances, strict=True))

    assert accepted(low) and accepted(high) and accepted(question.answer)
    width = max(high - low, abs(question.answer) * 1e-9, 1e-9)
    assert not accepted(low - width) and not accepted(high + width)
    for text in [*read.answers, *read.tolerances]:
        assert len(text.replace("-", "").replace(".", "")) <= 16, f"float noise in {text}"


def check_match(question: Match, read: Imported, lang: str) -> None:
    """Moodle offers each distinct answer text once and grades a stem by that text: the bank's solution."""
    assert read.qtype == "match"
    stems = [(plain(text), answer) for text, answer in read.subquestions if text]
    choices = list(dict.fromkeys(answer for _, answer in read.subquestions))
    assert [stem for stem, _ in stems] == [left[lang] for left, _ in question.pairs]
    assert choices == list(question.right_column(lang))
    assert [choices.index(answer) for _, answer in stems] == list(question.solution(lang))


def check_cloze(question: Cloze, read: Imported, lang: str) -> None:
    """Each blank is a short answer accepting exactly the bank's answers for that blank."""
    assert read.qtype == "multianswer"
    deletions = cloze_deletions(question.text[lang])
    assert len(read.blanks) == len(deletions)
    for blank, deletion in zip(read.blanks, deletions, strict=True):
        assert blank.qtype == "shortanswer" and set(blank.fractions) == {1.0}
        assert next(answer.replace("\\*", "*") for answer in blank.answers) == deletion.answer
        for accepted in question.accepted(deletion.number, lang):
            if sum(1 for other in deletions if other.number == deletion.number) == 1:
                assert any(shortanswer_matches(pattern, accepted) for pattern in blank.answers)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_bundled_bank_reaches_moodle_whole(bundled_bank: Bank, lang: str) -> None:
    read = read_back(bundled_bank, lang)
    assert list(read) == [question.id for question in bundled_bank.questions]
    for question in bundled_bank.questions:
        check_question(bundled_bank, question, read[question.id], lang)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_type_and_the_hostile_bank_read_back(every_type_bank: Bank, hostile_bank: Bank, lang: str) -> None:
    for bank in (every_type_bank, hostile_bank):
        if lang not in bank.languages:
            continue
        result = to_moodle(bank, lang)
        read = read_back(bank, lang)
        assert len(read) + len(result.skipped) == len(bank.questions)
        for question in bank.questions:
            if question.id in read:
                check_question(bank, question, read[question.id], lang)


def single(bank: Bank, question: Question) -> Bank:
    return dataclasses.replace(bank, questions=(question,))


def test_new_fields_reach_moodle(every_type_bank: Bank, tmp_path: Path) -> None:
    """Points, hint, distractors, a right side shared by two lefts, per-blank alternatives and a picture."""
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "map.png").write_bytes(PNG)
    bank = dataclasses.replace(every_type_bank, path=str(tmp_path / "bank.yaml"))
    by_id = {question.id: question for question in bank.questions}
    match = by_id["quotes-match"]
    assert isinstance(match, Match)
    shared = dataclasses.replace(
        match,
        pairs=(*match.pairs[:2], (match.pairs[2][0], match.pairs[0][1])),
        distractors=({"en": "Voltaire", "fr": "Voltaire"}, {"en": "Descartes", "fr": "Descartes"}),
        points=2.5,
        hint={"en": "Think of the century.", "fr": "Pensez au siècle."},
        image=Image("img/map.png", {"en": "A map", "fr": "Une carte"}),
    )
    cloze = by_id["motto-cloze"]
    assert isinstance(cloze, Cloze)
    alternatives = dataclasses.replace(cloze, accept={1: {"en": ("equality}#~", "egality*"), "fr": ("égalité",)}})
    bank = dataclasses.replace(bank, questions=(shared, alternatives))
    read = read_back(bank, "en")
    check_question(bank, shared, read["quotes-match"], "en")
    check_question(bank, alternatives, read["motto-cloze"], "en")
    assert read["quotes-match"].defaultmark == "2.5"
    assert read["quotes-match"].files == {"/map.png": PNG}
    assert '<img src="@@PLUGINFILE@@/map.png" alt="A map">' in read["quotes-match"].questiontext
    assert list(read["motto-cloze"].blanks[0].answers) == ["equality", "equality}#~", "egality\\*"]
    assert [answer for text, answer in read["quotes-match"].subquestions if not text] == ["Voltaire"]


@pytest.mark.parametrize(
    ("answer", "tolerance", "range_", "expected"),
    [
        (-273.15, 273.15 * 0.01, None, [("-273.15", "2.7315")]),
        (0.1 + 0.2, 0.0, None, [("0.3", "0")]),
        (1e-7, 0.0, None, [("1e-07", "0")]),
        (12.0, 0.0, (10.0, 15.0), [("12", "0"), ("12.5", "2.5")]),
        (12.5, 0.0, (10.0, 15.0), [("12.5", "2.5")]),
    ],
)
def test_numbers_are_written_shortest_exact(
    every_type_bank: Bank, answer: float, tolerance: float, range_: tuple[float, float] | None, expected: list[tuple[str, str]]
) -> None:
    numeric = next(question for question in every_type_bank.questions if isinstance(question, Numeric))
    question = dataclasses.replace(numeric, answer=answer, tolerance=tolerance, range=range_)
    read = read_back(single(every_type_bank, question), "en")[question.id]
    assert list(zip(read.answers, read.tolerances, strict=True)) == expected
    check_numeric(question, read)


@pytest.mark.parametrize(
    ("file", "why"),
    [
        ("missing.png", "{folder}/missing.png: no such file"),
        ("../secret.png", "image '../secret.png' is outside the bank's folder; put the file in the bank's folder"),
    ],
)
def test_an_unreadable_picture_is_reported(every_type_bank: Bank, tmp_path: Path, file: str, why: str) -> None:
    (tmp_path / "secret.png").write_bytes(PNG)
    folder = tmp_path / "bank"
    folder.mkdir()
    question = dataclasses.replace(every_type_bank.questions[0], image=Image(file))
    bank = dataclasses.replace(every_type_bank, path=str(folder / "bank.yaml"), questions=(question, *every_type_bank.questions[1:3]))
    result = to_moodle(bank, "en")
    assert [(skipped.question.id, skipped.reason) for skipped in result.skipped] == [
        (question.id, f"its image {file} can't be read ({why.format(folder=folder)})")
    ]
    assert result.exported == 2


def test_a_cloze_answer_moodle_would_cut_is_reported(every_type_bank: Bank) -> None:
    cloze = next(question for question in every_type_bank.questions if isinstance(question, Cloze))
    question = dataclasses.replace(cloze, accept={1: {"en": ("AT&",)}})
    result = to_moodle(single(every_type_bank, question), "en")
    assert [skipped.reason for skipped in result.skipped] == [
        "the blank's answer 'AT&' can't be read back by Moodle's cloze reader (a space at an end, a final \\ or &)"
    ]


def test_the_export_is_deterministic() -> None:
    assert to_moodle(load_bank(BUNDLED_BANK).bank, "fr").data == to_moodle(load_bank(BUNDLED_BANK).bank, "fr").data


def test_a_multi_whose_every_choice_is_right_has_no_penalty(every_type_bank: Bank) -> None:
    multi = next(question for question in every_type_bank.questions if isinstance(question, MultipleAnswer))
    question = dataclasses.replace(multi, answers=tuple(range(len(multi.choices))))
    read = read_back(single(every_type_bank, question), "en")[question.id]
    assert read.fractions == [0.25] * 4

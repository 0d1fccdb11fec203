"""The bundled Viva Technology 2016 bank: complete, in both languages, and grounded in the article's body."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from click.testing import CliRunner

from quizgen.apart import leaks
from quizgen.bank import load_bank
from quizgen.check import fold
from quizgen.check.fairness import order_on_its_face
from quizgen.check.grounding import excerpts
from quizgen.cli import cli
from quizgen.model import TYPES, Bank, Cloze, Localized, Match, MultipleAnswer, MultipleChoice, Numeric, Order, Question, ShortAnswer

from .conftest import ARTICLE, BUNDLED_BANK


def texts(question: Question) -> Iterator[tuple[str, Localized]]:
    """Every text field of a question, named."""
    for name in ("prompt", "explanation", "hint"):
        value = getattr(question, name)
        if value is not None:
            yield name, value
    if isinstance(question, MultipleChoice | MultipleAnswer):
        yield from (("choice", choice) for choice in question.choices)
    if isinstance(question, ShortAnswer):
        yield "answer", question.answer
        yield from (("accept", accepted) for accepted in question.accept)
    if isinstance(question, Numeric) and question.unit is not None:
        yield "unit", question.unit
    if isinstance(question, Cloze):
        yield "text", question.text
    if isinstance(question, Match):
        for left, right in question.pairs:
            yield from (("pair", left), ("pair", right))
    if isinstance(question, Order):
        yield from (("item", item) for item in question.items)


def article_body() -> str:
    """The article without its page chrome: the cookie line above, the save buttons and 'Recent Posts' below."""
    text = ARTICLE.read_text(encoding="utf-8")
    start = text.index("\n") + 1
    return text[start : text.index("\nEnregistrer\n")]


def test_strict_check_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(BUNDLED_BANK.parent)
    result = CliRunner().invoke(cli, ["check", "--strict"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("questions.yaml: ")
    assert result.stderr == ""


@pytest.mark.skipif(not ARTICLE.exists(), reason="the article is in ../shared/sources, outside this repository")
def test_every_excerpt_is_in_the_article_body_not_its_chrome(bundled_bank: Bank) -> None:
    body = fold(article_body())
    outside = [question.id for question in bundled_bank.questions for _, excerpt in excerpts(question) if fold(excerpt) not in body]
    assert outside == []


@pytest.mark.skipif(not ARTICLE.exists(), reason="the article is in ../shared/sources, outside this repository")
def test_grounding_check_against_the_article(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(BUNDLED_BANK.parent)
    result = CliRunner().invoke(cli, ["check", "--strict", "--source", str(ARTICLE)])
    assert result.exit_code == 0, result.output
    count = sum(len(excerpts(question)) for question in load_bank(BUNDLED_BANK).bank.questions)
    assert f"grounding: {count} of {count} excerpts found in {ARTICLE}" in result.stdout
    assert "  support: 51 shown in their excerpt, 15 marked inferred, 0 unsupported (fr)\n" in result.stdout


def test_every_question_has_tags_an_explanation_and_an_excerpt(bundled_bank: Bank) -> None:
    lacking = [q.id for q in bundled_bank.questions if not q.tags or q.explanation is None or not excerpts(q) or q.draft]
    assert lacking == []


def test_every_text_is_translated(bundled_bank: Bank) -> None:
    """Prompts and explanations read differently in French and English; no field misses a language."""
    assert bundled_bank.languages == ("fr", "en")
    untranslated = []
    for question in bundled_bank.questions:
        for name, text in texts(question):
            assert set(text) == {"fr", "en"}
            if name in ("prompt", "explanation") and text["fr"] == text["en"]:
                untranslated.append((question.id, name))
    assert untranslated == []


def test_every_type_is_used_and_the_key_topics_from_several_angles(bundled_bank: Bank) -> None:
    assert {question.type for question in bundled_bank.questions} == set(TYPES)

    def types_tagged(tag: str) -> set[str]:
        return {question.type for question in bundled_bank.questions if tag in question.tags}

    assert {"mcq", "match", "cloze"} <= types_tagged("quote")
    assert {"numeric", "truefalse", "multi", "match"} <= types_tagged("investment") | types_tagged("figures")


def test_answers_spell_carney_right_while_excerpts_stay_verbatim(bundled_bank: Bank) -> None:
    answers = [text for question in bundled_bank.questions for name, text in texts(question) if name != "explanation"]
    assert not any("Carner" in value for text in answers for value in text.values())
    assert any("Jay Carner" in (question.source or "") for question in bundled_bank.questions)


def test_the_facts_list_names_every_question_and_only_them(bundled_bank: Bank) -> None:
    """docs/bundled-bank-facts.md lists the article's facts with the ids of the questions that cover them."""
    facts = (BUNDLED_BANK.parent / "docs" / "bundled-bank-facts.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`([a-z0-9]+(?:-[a-z0-9]+)*)`", facts))
    ids = {question.id for question in bundled_bank.questions}
    assert ids - named == set(), "questions missing from the facts list"
    assert {name for name in named if "-" in name} - ids == set(), "ids in the facts list that the bank does not have"


def test_no_question_gives_another_away_outside_its_group(bundled_bank: Bank) -> None:
    """Questions that print each other's answers share a group, so that no draw holds two of them."""
    by_id = {question.id: question for question in bundled_bank.questions}
    loose = [
        (leak.asked, leak.shown)
        for leak in leaks(bundled_bank)
        if by_id[leak.asked].group is None or by_id[leak.asked].group != by_id[leak.shown].group
    ]
    assert loose == []


def test_every_match_needs_more_than_elimination_and_no_order_shows_its_dates(bundled_bank: Bank) -> None:
    matches = [question for question in bundled_bank.questions if isinstance(question, Match)]
    assert all(len(question.pairs) >= 3 or question.distractors for question in matches)
    assert [question.id for question in bundled_bank.questions if isinstance(question, Order) and order_on_its_face(question, "fr")] == []


def test_english_blanks_accept_their_other_renderings(bundled_bank: Bank) -> None:
    clozes = {question.id: question for question in bundled_bank.questions if isinstance(question, Cloze)}
    assert "capital of start-ups" in clozes["chambers-quote-capital"].accepted(2, "en")
    assert "no one believed me" in clozes["chambers-quote-next-place"].accepted(2, "en")
    assert "grandpa" in clozes["chambers-quote-grandfather"].accepted(1, "en")
    assert "digital" in clozes["chambers-quote-politicians"].accepted(1, "en")


def test_the_article_slips_are_marked_sic_where_a_learner_reads_them(bundled_bank: Bank) -> None:
    texts = {question.id: question.text["fr"] for question in bundled_bank.questions if isinstance(question, Cloze)}
    assert "menée [sic]" in texts["chambers-quote-capital"]
    assert "à [sic] leur" in texts["carney-quote-aws"]

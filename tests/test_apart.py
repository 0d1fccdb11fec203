"""Leaks: a question that prints another's answer, as `check` reports them and every draw keeps them apart."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from quizgen.apart import clusters, draw_apart, leaks
from quizgen.bank import parse_bank
from quizgen.figures import states
from quizgen.model import Bank

HEADER = "title: T\nlanguages: [fr]\nquestions:\n"


def bank_of(questions: str) -> Bank:
    return parse_bank((HEADER + questions).encode(), "bank.yaml").bank


def test_a_word_many_questions_print_is_no_give_away_but_a_figure_with_its_unit_and_a_rare_name_are() -> None:
    bank = bank_of(
        """\
  - {id: country, type: short, prompt: "Quel pays Chambers aime-t-il ?", answer: France}
  - {id: other, type: mcq, prompt: "Que dit Chambers de la France ?", choices: [La France est belle, Rien], answer: Rien}
  - {id: third, type: mcq, prompt: "Qui aime la France ?", choices: [Chambers, Wales], answer: Chambers}
  - {id: fourth, type: truefalse, prompt: "Wales aime la France.", answer: true}
  - {id: program, type: short, prompt: "Quel programme Amazon lance-t-il ?", answer: Launchpad}
  - {id: shop, type: mcq, prompt: "Que vend la boutique Launchpad ?", choices: [Des produits, Rien], answer: Des produits}
  - {id: amount, type: numeric, prompt: "Combien Cisco investit-il ?", answer: 200000000, unit: dollars}
  - {id: plan, type: mcq, prompt: "Pourquoi Cisco investit-il 200 millions de dollars ?", choices: [Pour aider, Pour rien], answer: Pour aider}
  - {id: year, type: mcq, prompt: "En 200 après J.-C. ?", choices: [Oui, Non], answer: Oui}
"""
    )
    assert [(leak.asked, leak.shown, leak.answer, leak.where) for leak in leaks(bank)] == [
        ("program", "shop", "Launchpad", "prompt"),
        ("amount", "plan", "200 000 000 dollars", "prompt"),
    ]


def test_a_cloze_blank_is_given_away_by_its_answer_with_the_words_around_it_only() -> None:
    bank = bank_of(
        """\
  - {id: capital, type: cloze, text: "Paris sera la {{c1::capitale}} des start-up."}
  - {id: alone, type: mcq, prompt: "Quelle capitale ?", choices: [Paris, Lyon], answer: Paris}
  - {id: with-context, type: mcq, prompt: "Qui a dit « Paris sera la capitale des start-up » ?", choices: [Chambers, Wales], answer: Chambers}
"""
    )
    assert [(leak.asked, leak.shown) for leak in leaks(bank)] == [("capital", "with-context")]
    assert [question.id for question in draw_apart(bank.questions, bank)] == ["capital", "alone"]


def test_a_group_and_a_leak_make_one_cluster() -> None:
    bank = bank_of(
        """\
  - {id: a, type: short, prompt: P, answer: Amazon Web Services}
  - {id: b, type: mcq, prompt: "Que propose Amazon Web Services ?", choices: [Du cloud, Rien], answer: Du cloud}
  - {id: c, type: mcq, prompt: Q, choices: [Oui, Non], answer: Oui}
  - {id: d, type: mcq, prompt: R, choices: [Oui, Non], answer: Non}
"""
    )
    grouped = replace(bank, questions=tuple(replace(q, group="g") if q.id in ("b", "c") else q for q in bank.questions))
    cluster = clusters(grouped)
    assert cluster["a"] == cluster["b"] == cluster["c"] != cluster["d"]
    assert [question.id for question in draw_apart(reversed(grouped.questions), grouped)] == ["d", "c"]


@settings(deadline=None)  # text2num reads each sentence: slow on a loaded machine, never wrong
@given(st.integers(min_value=1, max_value=10**12))
def test_a_figure_in_digits_with_its_unit_is_found_grouped_or_not(value: int) -> None:
    grouped = f"{value:,}".replace(",", "\u00a0")
    assert states(f"Cisco investit {value} dollars.", "fr", value, value, "dollars")
    assert states(f"Cisco investit {grouped} dollars.", "fr", value, value, "dollars")
    assert states(f"Cisco invests {value:,} dollars.", "en", value, value, "dollars")

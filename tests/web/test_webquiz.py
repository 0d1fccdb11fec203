"""The web quiz: one self-contained page, checked as text, then answered in a real headless Chromium.

Sessions (resume, skip, the end screen, partial credit, accessibility, print) are in test_webquiz_session.py.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest

from quizgen.bank import load_bank
from quizgen.exports.webquiz import to_webquiz
from quizgen.identity import web_link
from quizgen.model import Bank, Image

from ..conftest import BANKS, BUNDLED_BANK
from .conftest import Opener, html_of, write_bank

SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)
DATA = re.compile(r'<script type="application/json" id="quiz-data">(.*?)</script>', re.DOTALL)
PAYLOAD = '</script><script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">{{script}}'
HOSTILE_URL = "https://example.org/?q=</script><script>window.__pwned=3</script>&a=\"'"
HOSTILE = f"""\
title: '{PAYLOAD}'
source: {{title: '<b>t</b>{PAYLOAD}', url: '{HOSTILE_URL.replace("'", "''")}'}}
questions:
  - id: p1
    type: mcq
    prompt: '{PAYLOAD} prompt'
    choices: ['{PAYLOAD} right', '<i>wrong</i>']
    answer: '{PAYLOAD} right'
    explanation: '{PAYLOAD} explanation'
    hint: '{PAYLOAD} hint'
    source: '{PAYLOAD} excerpt'
  - id: p2
    type: cloze
    text: 'A {{{{c1::<b>x</b>::<i>hint</i>}}}} {PAYLOAD}'
  - id: p3
    type: match
    prompt: 'Match <u>it</u>'
    pairs: [['{PAYLOAD} left', '<svg onload="window.__pwned = 4">'], ['b', 'c'], ['d', 'e']]
"""


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


# ---------------------------------------------------------------- the page as text


@pytest.mark.parametrize("path", [BANKS / "every-type.yaml", BANKS / "hostile.yaml", BUNDLED_BANK])
def test_the_page_loads_nothing_and_allows_only_its_own_script_and_style(path: Path) -> None:
    page = html_of(load_bank(path).bank, "en")
    (script,), (style,) = SCRIPT.findall(page), STYLE.findall(page)
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
    assert policy is not None
    expected = (
        f"default-src 'none'; script-src {sha256(script)}; style-src {sha256(style)}; img-src data:; base-uri 'none'; form-action 'none'"
    )
    assert policy[1] == expected
    outside_data = DATA.sub("", page)
    assert not re.search(r"\b(src|href)=|https?://|url\(|@import", outside_data, re.IGNORECASE)
    assert outside_data.count("<script") == 1


def test_bank_text_cannot_leave_the_data_block(tmp_path: Path) -> None:
    bank = write_bank(tmp_path, HOSTILE)
    page = html_of(bank, "en")
    (data,) = DATA.findall(page)
    assert "<" not in data and ">" not in data and "&" not in data
    quiz = json.loads(data)
    assert quiz["questions"][0]["prompt"] == f"{PAYLOAD} prompt"
    assert quiz["sourceUrl"] == HOSTILE_URL == web_link(bank)
    assert len(SCRIPT.findall(page)) == 1 and page.count("</script>") == 2
    assert "<title>&lt;/script&gt;&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page


def test_the_page_is_the_same_on_every_run(every_type_bank: Bank) -> None:
    assert html_of(every_type_bank, "fr") == html_of(every_type_bank, "fr")
    assert '<html lang="fr">' in html_of(every_type_bank, "fr")


def test_an_excerpt_cut_inside_a_quotation_keeps_one_pair_of_quotation_marks(bundled_bank: Bank) -> None:
    (data,) = DATA.findall(html_of(bundled_bank, "fr"))
    lines = {question["id"]: question["sourceLine"] for question in json.loads(data)["questions"]}
    assert lines["chambers-politicians"] == (
        "Source (Cisco et Amazon aiment les start-up de France, Wikipedia préfère le code)\u00a0: "
        "«\u00a0François Hollande, Manuel Valls et Emmanuel Macron ont compris\u00a0»"
    )


@pytest.mark.parametrize(
    ("file", "reason"),
    [
        ("../outside.png", "its image ../outside.png can't be read ("),
        ("missing.png", "its image missing.png can't be read ("),
        ("notes.png", "its image notes.png is not a PNG, JPEG, GIF, WebP or SVG picture"),
    ],
)
def test_a_question_whose_picture_cannot_be_embedded_is_left_out_with_the_reason(tmp_path: Path, file: str, reason: str) -> None:
    (tmp_path / "notes.png").write_text("not a picture", encoding="utf-8")
    bank = write_bank(tmp_path, TWO_QUESTIONS)
    first = dataclasses.replace(bank.questions[0], image=Image(file))
    result = to_webquiz(dataclasses.replace(bank, questions=(first, *bank.questions[1:])), "fr")
    assert result.exported == 1
    ((skipped, why),) = [(left_out.question.id, left_out.reason) for left_out in result.skipped]
    assert skipped == "capital" and why.startswith(reason)


# ---------------------------------------------------------------- in the browser


def put_in_order(page: Any, items: list[str]) -> None:
    """Click the ↑ buttons until the list reads `items`."""
    for target, item in enumerate(items):
        while (current := page.locator("ol.order .item").all_inner_texts()).index(item) > target:
            page.locator("ol.order li").nth(current.index(item)).locator("button.up").click()


def test_every_type_is_answerable_by_mouse_and_keyboard_on_a_phone(visit: Opener, every_type_bank: Bank) -> None:
    quiz = visit(every_type_bank, width=360)
    page = quiz.page
    assert quiz.progress() == "Question 1 of 8 · Score: 0 / 9"
    page.get_by_label("Paris").check()
    page.keyboard.press("Enter")
    assert quiz.verdict() == "✓ Right!"
    assert page.inner_text(".feedback .explanation") == "Paris is the capital."
    assert page.inner_text(".feedback .excerpt") == "Source (A short text about tests): “Paris is the capital of France.”"
    assert quiz.fits()
    page.keyboard.press("Enter")

    assert quiz.progress() == "Question 2 of 8 · Score: 1 / 9"
    page.get_by_label("France").check()
    page.get_by_label("Germany").check()
    page.get_by_role("button", name="Check").click()
    assert quiz.verdict() == "✓ Right!"
    page.get_by_role("button", name="Next").click()

    page.keyboard.press("Tab")  # from True to False
    page.keyboard.press("Enter")
    assert quiz.verdict() == "✓ Right!"
    page.keyboard.press("Enter")

    page.keyboard.type("victor hugo")
    page.keyboard.press("Enter")
    assert quiz.verdict() == "✓ Right!"
    page.keyboard.press("Enter")

    assert page.inner_text(".unit") == "dollars"
    page.keyboard.type("200 millions")
    page.keyboard.press("Enter")
    assert quiz.verdict() == "✓ Right!"
    assert page.inner_text(".feedback .answer") == "Answer: 200,000,000 dollars"
    page.keyboard.press("Enter")

    assert page.get_attribute("[aria-label='Blank 1']", "placeholder") == "a word for fairness"
    page.keyboard.type("Equality")
    page.keyboard.press("Tab")
    page.keyboard.type("fraternity")
    page.keyboard.press("Enter")
    assert quiz.verdict() == "✓ Right!"
    assert quiz.fits()
    page.keyboard.press("Enter")

    page.get_by_label("“I think, therefore I am.”").select_option("Descartes")
    page.get_by_label("“I have a dream.”").select_option("Martin Luther King")
    page.get_by_label("“To be or not to be.”").select_option("Shakespeare")
    assert quiz.fits()
    page.get_by_role("button", name="Check").click()
    assert quiz.verdict() == "✓ Right!"
    page.get_by_role("button", name="Next").click()

    picture = page.get_by_role("img", name="A white sun on a blue sky.")
    assert picture.get_attribute("src").startswith("data:image/png;base64,")  # type: ignore[union-attr]
    assert picture.evaluate("image => image.complete && image.naturalWidth > 0")
    assert page.locator("ol.order .item").all_inner_texts() != ["Mercury", "Venus", "Earth", "Mars"]
    put_in_order(page, ["Mercury", "Venus", "Earth", "Mars"])
    assert quiz.fits()
    page.get_by_role("button", name="Check").click()
    assert quiz.verdict() == "✓ Right!"
    page.get_by_role("button", name="Next").click()

    assert page.inner_text(".end h2") == "Finished!"
    assert page.inner_text(".score") == "Score: 9 / 9"
    assert quiz.clean()


TWO_QUESTIONS = """\
title: Deux questions
languages: [fr]
questions:
  - {id: capital, type: mcq, prompt: Capitale de la France ?, choices: [Paris, Lyon], answer: Paris}
  - {id: author, type: short, prompt: Qui a écrit Les Misérables ?, answer: Victor Hugo, accept: [Hugo]}
"""


def test_wrong_answers_show_the_right_one_and_lower_the_score(visit: Opener, tmp_path: Path) -> None:
    quiz = visit(write_bank(tmp_path, TWO_QUESTIONS), lang="fr")
    page = quiz.page
    page.get_by_role("button", name="Valider").click()
    assert page.inner_text(".message") == "Répondez d’abord, ou passez."
    page.get_by_label("Lyon").check()
    page.get_by_role("button", name="Valider").click()
    assert quiz.verdict() == "✗ Pas tout à fait."
    assert page.inner_text(".feedback .answer") == "Réponse\u00a0: Paris"
    assert (page.inner_text(".choice.is-wrong .text"), page.inner_text(".choice.is-wrong .mark")) == ("Lyon", "✗ votre choix, faux")
    assert (page.inner_text(".choice.is-missed .text"), page.inner_text(".choice.is-missed .mark")) == ("Paris", "○ la bonne réponse")
    assert page.get_by_label("Paris").is_disabled()
    page.get_by_role("button", name="Suivant").click()
    page.get_by_label("Votre réponse").fill("Victor Hgo")
    page.keyboard.press("Enter")
    assert quiz.verdict() == "✓ Bonne réponse\u00a0!"
    page.keyboard.press("Enter")
    assert (page.inner_text(".end h2"), page.inner_text(".score")) == ("Terminé\u00a0!", "Score\u00a0: 1 / 2")
    page.get_by_role("button", name="Recommencer").click()
    assert quiz.progress() == "Question 1 sur 2 · Score\u00a0: 0 / 2"
    assert quiz.clean()


def test_markup_in_the_bank_shows_as_text_and_runs_nothing(visit: Opener, tmp_path: Path, hostile_bank: Bank) -> None:
    quiz = visit(hostile_bank)
    assert quiz.page.inner_text(".prompt").startswith("What does <script>alert('x')</script> or <b>bold</b> do? {braces}")
    quiz.page.get_by_label("<b>bold</b>").check()
    quiz.page.keyboard.press("Enter")
    assert quiz.page.inner_text(".feedback .explanation") == "Shown literally: <script>alert('y')</script>"
    assert quiz.clean()

    quiz = visit(write_bank(tmp_path, HOSTILE))
    page = quiz.page
    assert page.title() == PAYLOAD
    assert page.inner_text(".prompt") == f"{PAYLOAD} prompt"
    page.locator(".hint summary").click()
    assert page.inner_text(".hint p") == f"{PAYLOAD} hint"
    page.get_by_label(f"{PAYLOAD} right").check()
    page.keyboard.press("Enter")
    assert page.inner_text(".feedback .explanation") == f"{PAYLOAD} explanation"
    assert page.inner_text(".feedback .excerpt") == f"Source (<b>t</b>{PAYLOAD}): “{PAYLOAD} excerpt”"
    assert page.locator(".feedback a").get_attribute("href") == HOSTILE_URL
    page.keyboard.press("Enter")
    assert page.inner_text(".cloze") == f"A  {PAYLOAD}"
    assert page.get_attribute(".blank", "placeholder") == "<i>hint</i>"
    page.locator(".blank").fill("<b>x</b>")
    page.keyboard.press("Enter")
    assert quiz.verdict() == "✓ Right!"
    page.keyboard.press("Enter")
    assert page.locator(".pair .left").first.inner_text() == f"{PAYLOAD} left"
    page.locator("select").first.select_option('<svg onload="window.__pwned = 4">')
    page.get_by_role("button", name="Check").click()
    page.get_by_role("button", name="Next").click()
    assert page.inner_text(".score") == "Score: 2.33 / 3"
    assert quiz.clean()


NUMBER_BANK = """\
title: Numbers
languages: [{lang}]
questions:
"""
NUMBERS = {
    "en": [
        (200000000, 0, "200 million", True),
        (200000000, 0, "200,000,000", True),
        (200000000, 0, "2e8", True),
        (200000000, 0, "2×10^8", True),
        (200000000, 0, "200M$", True),
        (200000000, 0, "0.2 bn", True),
        (200000000, 0, "about 200 000 000 dollars", True),
        (200000000, 0, "200", False),
        (1.5, 0, "1.500", True),
        (50, 5, "54", True),
        (50, 5, "-50", False),
    ],
    "fr": [
        (200000000, 0, "200 millions de dollars", True),
        (200000000, 0, "0,2 milliard", True),
        (200000000, 0, "200\u202f000\u202f000", True),
        (1500, 0, "1.500", True),
        (1.5, 0, "1,5", True),
        (1000000000000, 0, "1 billion", True),
        (1000000000, 0, "1 billion", False),
    ],
}
"""(answer, tolerance, typed, right) for numeric questions in each language."""


@pytest.mark.parametrize("lang", list(NUMBERS))
def test_numbers_are_read_in_every_usual_spelling(visit: Opener, tmp_path: Path, lang: str) -> None:
    questions = "".join(
        f"  - {{id: n{number}, type: numeric, prompt: How much?, answer: {answer}, unit: dollars, tolerance: {tolerance}}}\n"
        for number, (answer, tolerance, _, _) in enumerate(NUMBERS[lang])
    )
    page = visit(write_bank(tmp_path, NUMBER_BANK.format(lang=lang) + questions), lang=lang).page
    verdicts = []
    for _, _, typed, _ in NUMBERS[lang]:
        page.locator(".typed").fill(typed)
        page.keyboard.press("Enter")
        verdicts.append((typed, page.locator(".feedback").get_attribute("class") == "feedback right"))
        page.keyboard.press("Enter")
    assert verdicts == [(typed, right) for _, _, typed, right in NUMBERS[lang]]


def test_text_that_is_not_a_number_is_asked_again(visit: Opener, tmp_path: Path) -> None:
    quiz = visit(write_bank(tmp_path, NUMBER_BANK.format(lang="en") + "  - {id: n, type: numeric, prompt: How many?, answer: 5}\n"))
    quiz.page.locator(".typed").fill("five")
    quiz.page.keyboard.press("Enter")
    assert quiz.page.inner_text(".message") == "Write a number, such as 200 million."
    assert quiz.page.locator(".feedback").count() == 0

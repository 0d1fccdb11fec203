"""Anki cards in a browser: rendered by Anki's own package, put in a page the way Anki desktop's reviewer does, then
tapped with Playwright and Chromium; and read again with scripts off.

The reviewer keeps one page for both sides of a card: it sets `#qa`'s HTML and runs the card's scripts again (Anki's
reviewer.ts `setInnerHTML`), in a body of class `card card1`. AnkiDroid loads a page per side: `fresh_page` does that.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

from quizgen.anki import write_deck
from quizgen.model import Bank

from .browser import NO_CHROMIUM, find_chromium

ORIGIN = "https://cards.anki.invalid/"
REVIEWER = """<!doctype html><html><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body class="card card1"><div id="qa"></div>
<script>
function show(html) {
  const qa = document.getElementById("qa");
  qa.innerHTML = html;
  for (const old of qa.querySelectorAll("script")) {
    const script = document.createElement("script");
    script.textContent = old.textContent;
    old.replaceWith(script);
  }
}
</script></body></html>"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = find_chromium()
    if executable is None:
        pytest.skip(NO_CHROMIUM)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(executable), args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def cards(tmp_path_factory: pytest.TempPathFactory, every_type_bank_module: Bank) -> Iterator[dict[str, tuple[str, str]]]:
    """Front and back HTML of each French card, as Anki renders them, by question id."""
    folder = tmp_path_factory.mktemp("cards")
    write_deck(every_type_bank_module, "fr", folder / "every.fr.apkg", now=1_700_000_000)
    col = Collection(str(folder / "collection.anki2"))
    try:
        col.import_anki_package(ImportAnkiPackageRequest(package_path=str(folder / "every.fr.apkg"), options=ImportAnkiPackageOptions()))
        rendered = {}
        for card_id in col.find_cards("card:1"):
            card = col.get_card(card_id)
            rendered[card.note()["Id"].removesuffix("@fr")] = (card.question(), card.answer())
        yield rendered
    finally:
        col.close()


@pytest.fixture(scope="module")
def every_type_bank_module() -> Bank:
    from quizgen.bank import load_bank

    from .conftest import BANKS

    return load_bank(BANKS / "every-type.yaml").bank


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 420, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.route(f"{ORIGIN}**", lambda route: route.fulfill(status=200, content_type="text/html", body=REVIEWER))
    page.goto(ORIGIN)
    yield page
    assert errors == []
    context.close()


def show(page: Any, html: str) -> None:
    page.evaluate("html => show(html)", html)


def fresh_page(page: Any) -> None:
    """A new page in the same tab, as a client that loads each side afresh: the window is new, sessionStorage is kept."""
    page.goto(ORIGIN)


def choices(page: Any, where: str) -> list[tuple[str, str, str]]:
    """Each choice of a list as (letter, text, classes), in the order shown."""
    script = """items => items.map(item => [
        item.querySelector(".key") ? item.querySelector(".key").textContent : "",
        item.querySelector(".text").textContent,
        item.className,
    ])"""
    return [tuple(row) for row in page.eval_on_selector_all(f"{where} li", script)]


def texts(items: list[tuple[str, str, str]]) -> list[tuple[str, str]]:
    return [(key, text) for key, text, _ in items]


def test_a_tapped_choice_is_marked_and_the_back_grades_it_in_the_same_order(page: Any, cards: dict[str, tuple[str, str]]) -> None:
    front, back = cards["capital-mcq"]
    show(page, front)
    page.click(".choices li:has-text('Lyon')")
    page.click(".choices li:has-text('Marseille')")  # a second tap changes the answer
    shown = choices(page, ".choices")
    assert [classes for _, text, classes in shown if "picked" in classes] == ["picked"]
    assert [text for _, text, classes in shown if "picked" in classes] == ["Marseille"]
    show(page, back)
    graded = choices(page, ".answer")
    assert texts(graded) == texts(shown)
    assert {text: set(classes.split()) for _, text, classes in graded} == {
        "Paris": {"right"},
        "Lyon": {"wrong"},
        "Marseille": {"wrong", "picked"},
        "Lille": {"wrong"},
    }
    assert page.is_visible(".answer li.right .mark")


def test_several_choices_can_be_tapped_and_a_new_page_for_the_back_still_marks_them(page: Any, cards: dict[str, tuple[str, str]]) -> None:
    front, back = cards["countries-multi"]
    show(page, front)
    for name in ("France", "Japon", "Allemagne", "Japon"):  # Japon tapped twice: untapped
        page.click(f".choices li:has-text('{name}')")
    shown = choices(page, ".choices")
    fresh_page(page)
    show(page, back)
    graded = choices(page, ".answer")
    assert texts(graded) == texts(shown)
    assert {text: set(classes.split()) for _, text, classes in graded} == {
        "France": {"right", "picked"},
        "Allemagne": {"right", "picked"},
        "Japon": {"wrong"},
        "Brésil": {"wrong"},
    }


def test_choices_are_shuffled_on_each_review_and_the_back_follows(page: Any, cards: dict[str, tuple[str, str]]) -> None:
    front, back = cards["capital-mcq"]
    orders = set()
    for _ in range(12):
        show(page, front)
        shown = texts(choices(page, ".choices"))
        assert [key for key, _ in shown] == ["A", "B", "C", "D"]
        show(page, back)
        graded = choices(page, ".answer")
        assert texts(graded) == shown
        assert [text for _, text, classes in graded if "right" in classes] == ["Paris"]
        orders.add(tuple(text for _, text in shown))
    assert len(orders) > 1


def test_the_card_script_runs_twice_without_harm(page: Any, cards: dict[str, tuple[str, str]]) -> None:
    front, _ = cards["capital-mcq"]
    show(page, front)
    before = choices(page, ".choices")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = document.querySelector('#qa script').textContent; document.body.appendChild(s); }"
    )
    assert choices(page, ".choices") == before


def test_a_true_false_pill_is_the_answer(page: Any, cards: dict[str, tuple[str, str]]) -> None:
    front, back = cards["earth-flat-tf"]
    page.evaluate("() => { window.asked = []; window.pycmd = (command) => window.asked.push(command); }")
    show(page, front)
    assert [text for _, text, _ in choices(page, ".choices")] == ["Vrai", "Faux"]
    page.click(".choices li:has-text('Vrai')")
    assert page.evaluate("() => window.asked") == ["ans"]  # Anki desktop turns the card over
    show(page, back)
    assert [(text, set(classes.split())) for _, text, classes in choices(page, ".answer")] == [
        ("Vrai", {"wrong", "picked"}),
        ("Faux", {"right"}),
    ]


def test_the_hint_link_reads_in_the_card_language_and_opens(page: Any, cards: dict[str, tuple[str, str]]) -> None:
    show(page, cards["capital-mcq"][0])
    assert page.eval_on_selector(".hint summary", "e => getComputedStyle(e, '::after').content") == '"Indice"'
    assert page.inner_text(".hint").strip() == ""
    page.click(".hint summary")
    assert page.inner_text(".hint").strip() == "La ville de la tour Eiffel."


@pytest.mark.parametrize("question_id", ["capital-mcq", "countries-multi", "earth-flat-tf"])
def test_with_scripts_off_the_card_reads_and_grades_right(browser: Any, cards: dict[str, tuple[str, str]], question_id: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        front, back = cards[question_id]
        page.set_content(REVIEWER.replace('<div id="qa"></div>', f'<div id="qa">{front}</div>'))
        shown = choices(page, ".choices")
        page.set_content(REVIEWER.replace('<div id="qa"></div>', f'<div id="qa">{back}</div>'))
        graded = choices(page, ".answer")
        assert texts(graded) == texts(shown) and len(shown) >= 2
        right = {"capital-mcq": {"Paris"}, "countries-multi": {"France", "Allemagne"}, "earth-flat-tf": {"Faux"}}[question_id]
        assert {text for _, text, classes in graded if "right" in classes} == right
        assert all("picked" not in classes for _, _, classes in graded)
    finally:
        context.close()

"""The web quiz as a study session, in headless Chromium: resume after a reload, skip and go back, options,
partial credit, an end screen that teaches, accessibility (axe-core) and the printed worksheet."""

from __future__ import annotations

import dataclasses
import io
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from quizgen.bank import load_bank
from quizgen.cli import cli
from quizgen.exports.webquiz import WebOptions, credit
from quizgen.model import Bank, Match, MultipleAnswer, Order, Question, ShortAnswer

from ..conftest import BANKS
from .conftest import Opener, html_of, write_bank


def mcq_bank(count: int, title: str = "Capitals") -> str:
    """`count` two-choice questions: 'Question N?', right answer 'right N', with an explanation and an excerpt."""
    lines = [f"title: {title}", "languages: [en]", "source: {title: The atlas}", "questions:"]
    for number in range(1, count + 1):
        tag = "odd" if number % 2 else "even"
        lines.append(
            f"  - {{id: q{number}, type: mcq, prompt: 'Question {number}?', choices: ['right {number}', 'wrong {number}'], "
            f"answer: 'right {number}', tags: [{tag}], explanation: 'Because {number}.', source: 'Excerpt {number}.'}}"
        )
    return "\n".join(lines) + "\n"


def answer(page: Any, number: int, right: bool) -> None:
    page.get_by_label(f"{'right' if right else 'wrong'} {number}", exact=True).check()
    page.get_by_role("button", name="Check").click()
    page.get_by_role("button", name="Next").click()


def test_a_reload_resumes_where_the_student_was_and_start_over_begins_again(visit: Opener, tmp_path: Path) -> None:
    quiz = visit(write_bank(tmp_path, mcq_bank(8)))
    page = quiz.page
    for number, right in [(1, True), (2, False), (3, True), (4, True), (5, False)]:
        answer(page, number, right)
    assert quiz.progress() == "Question 6 of 8 · Score: 3 / 8"
    page.reload()
    assert quiz.progress() == "Question 6 of 8 · Score: 3 / 8"
    assert page.inner_text(".prompt") == "Question 6?"
    page.get_by_role("button", name="Previous").click()
    assert quiz.verdict() == "✗ Not quite."
    chosen = page.locator(".choice", has_text="wrong 5").locator("input")
    assert chosen.is_checked() and chosen.is_disabled()

    # Another quiz from the same folder starts afresh, and leaves this one's progress alone.
    other = visit(write_bank(tmp_path, mcq_bank(3, "Rivers"), "other.yaml"), context=quiz.context, name="other.html")
    assert other.progress() == "Question 1 of 3 · Score: 0 / 3"
    page.reload()
    assert quiz.progress() == "Question 5 of 8 · Score: 3 / 8"

    page.get_by_text("Options").click()
    page.get_by_role("button", name="Start over").click()
    assert quiz.progress() == "Question 1 of 8 · Score: 0 / 8"
    page.reload()
    assert quiz.progress() == "Question 1 of 8 · Score: 0 / 8"

    # Progress edited by hand (an answer no choice of the question has) is ignored, not trusted.
    page.evaluate("""() => {
        const key = Object.keys(localStorage).find((name) => JSON.parse(localStorage.getItem(name)).round.length === 8);
        localStorage.setItem(key, JSON.stringify({...JSON.parse(localStorage.getItem(key)), at: 3, answers: {0: {response: 7, credit: 1}}}));
    }""")
    page.reload()
    assert quiz.progress() == "Question 1 of 8 · Score: 0 / 8"
    assert quiz.clean() and other.clean()


def test_skipped_questions_end_unanswered_and_the_missed_ones_are_taught_then_retried(visit: Opener, tmp_path: Path) -> None:
    quiz = visit(write_bank(tmp_path, mcq_bank(6)))
    page = quiz.page
    answer(page, 1, True)
    page.get_by_role("button", name="Skip").click()
    answer(page, 3, False)
    page.get_by_role("button", name="Skip").click()
    answer(page, 5, True)
    page.get_by_text("Questions", exact=True).click()
    states = page.locator(".map-item").evaluate_all("items => items.map((item) => item.getAttribute('aria-label'))")
    assert states == [
        "Question 1: right",
        "Question 2: skipped",
        "Question 3: wrong",
        "Question 4: skipped",
        "Question 5: right",
        "Question 6: not seen",
    ]
    page.get_by_role("button", name="Finish").click()

    assert page.evaluate("document.activeElement.textContent") == "Finished!"
    assert (page.inner_text(".score"), page.inner_text(".unanswered-count")) == ("Score: 2 / 6", "Unanswered: 3")
    assert page.locator(".tags tbody tr").all_inner_texts() == ["even\t0 / 3", "odd\t2 / 3"]
    reviewed = page.locator(".reviewed")
    assert reviewed.locator(".review-prompt").all_inner_texts() == ["Question 2?", "Question 3?", "Question 4?", "Question 6?"]
    assert reviewed.nth(0).locator(".verdict").inner_text() == "↷ Not answered."
    third = reviewed.nth(1)
    assert [third.locator(f".{part}").inner_text() for part in ("verdict", "given", "answer", "explanation", "excerpt")] == [
        "✗ Not quite.",
        "Your answer: wrong 3",
        "Answer: right 3",
        "Because 3.",
        "Source (The atlas): “Excerpt 3.”",
    ]

    page.get_by_role("button", name="Retry the missed ones").click()
    asked = []
    for _ in range(4):
        asked.append(page.inner_text(".prompt"))
        page.get_by_role("button", name="Skip").click()
    assert asked == ["Question 2?", "Question 3?", "Question 4?", "Question 6?"]
    assert page.inner_text(".unanswered-count") == "Unanswered: 4"
    assert quiz.clean()


QUESTIONS = {
    "speakers": "{type: match, prompt: Who said it?, pairs: [[q1, Chambers], [q2, Wales], [q3, Chambers], [q4, Jassy]]}",
    "europe": "{type: multi, prompt: In Europe?, choices: [France, Germany, Spain, Japan, Brazil], answers: [France, Germany, Spain]}",
    "motto": "{type: cloze, text: 'Liberty, {{c1::equality}}, {{c2::fraternity}}.'}",
    "planets": "{type: order, prompt: From the Sun?, items: [Mercury, Venus, Earth, Mars]}",
    "founded": "{type: short, prompt: What did they found?, answer: a start-up, accept: [a young company]}",
}
CASES: list[tuple[str, list[str], str]] = [
    ("speakers", ["Chambers", "Wales", "Chambers", "Gattaz"], "◐ Partly right: 0.75 of 1 points."),
    ("speakers", ["Chambers", "Wales", "Chambers", "Jassy"], "✓ Right!"),
    ("speakers", ["Wales", "Chambers", "Jassy", "Gattaz"], "✗ Not quite."),
    ("europe", ["France", "Germany"], "◐ Partly right: 0.67 of 1 points."),
    ("europe", ["France", "Germany", "Spain", "Japan"], "◐ Partly right: 0.67 of 1 points."),
    ("europe", ["France", "Germany", "Spain", "Japan", "Brazil"], "◐ Partly right: 0.33 of 1 points."),
    ("europe", ["France", "Japan", "Brazil"], "✗ Not quite."),
    ("motto", ["Equity", "brotherhood"], "◐ Partly right: 0.5 of 1 points."),
    ("planets", ["Mercury", "Venus", "Mars", "Earth"], "◐ Partly right: 0.5 of 1 points."),
    ("planets", ["Venus", "Mercury", "Mars", "Earth"], "✗ Not quite."),
    ("planets", ["Mercury", "Venus", "Earth", "Mars"], "✓ Right!"),
    ("founded", ["Startup"], "✓ Right!"),
    ("founded", ["young compnay"], "✓ Right!"),
    ("founded", ["upstart"], "✗ Not quite."),
]
"""(question, what the student gives, the verdict shown): a match with two quotes by one speaker is graded by text."""


def cases_bank(folder: Path, cases: list[tuple[str, list[str], str]]) -> Bank:
    """One question per case, in order; the match gets a distractor and the cloze an alternative ('equity')."""
    lines = ["title: Partial credit", "languages: [en]", "questions:"]
    lines += [f"  - {{id: {name}-{number}, {QUESTIONS[name][1:]}" for number, (name, _, _) in enumerate(cases)]
    bank = write_bank(folder, "\n".join(lines) + "\n")
    extra = {"match": {"distractors": ({"en": "Gattaz"},)}, "cloze": {"accept": {1: {"en": ("equity",)}}}}
    questions = tuple(dataclasses.replace(question, **extra.get(question.type, {})) for question in bank.questions)  # type: ignore[arg-type]
    return dataclasses.replace(bank, questions=questions)


def response_of(question: Question, given: list[str]) -> Any:
    """The answer as quizgen.exports.webquiz.credit takes it."""
    if isinstance(question, Match):
        return [question.right_column("en").index(text) for text in given]
    if isinstance(question, MultipleAnswer):
        return [[choice["en"] for choice in question.choices].index(text) for text in given]
    if isinstance(question, Order):
        return [[item["en"] for item in question.items].index(text) for text in given]
    return given[0] if isinstance(question, ShortAnswer) else given


def give(page: Any, name: str, given: list[str]) -> None:
    if name == "speakers":
        for left, right in zip(["q1", "q2", "q3", "q4"], given, strict=True):
            page.get_by_label(left, exact=True).select_option(right)
    elif name == "europe":
        for choice in given:
            page.get_by_label(choice, exact=True).check()
    elif name == "founded":
        page.get_by_label("Your answer").fill(given[0])
    elif name == "motto":
        for number, typed in enumerate(given, start=1):
            page.get_by_label(f"Blank {number}").fill(typed)
    else:
        for target, item in enumerate(given):
            while (current := page.locator("ol.order .item").all_inner_texts()).index(item) > target:
                page.locator("ol.order li").nth(current.index(item)).locator("button.up").click()
    page.get_by_role("button", name="Check").click()


def test_partial_credit_is_the_same_rule_in_the_page_and_in_python(visit: Opener, tmp_path: Path) -> None:
    bank = cases_bank(tmp_path, CASES)
    quiz = visit(bank)
    page = quiz.page
    shown = []
    for name, given, _ in CASES:
        give(page, name, given)
        shown.append(quiz.verdict())
        page.get_by_role("button", name="Next").click()
    assert shown == [verdict for _, _, verdict in CASES]
    credits = [
        round(credit(question, response_of(question, given), "en"), 2)
        for question, (_, given, _) in zip(bank.questions, CASES, strict=True)
    ]
    assert credits == [0.75, 1.0, 0.0, 0.67, 0.67, 0.33, 0.0, 0.5, 0.5, 0.0, 1.0, 1.0, 1.0, 0.0]
    assert page.inner_text(".score") == f"Score: {round(sum(credits), 2):g} / {len(CASES)}"
    assert quiz.clean()


def test_each_part_says_whether_it_was_right_missed_or_ticked_wrongly_and_the_feedback_takes_the_focus(
    visit: Opener, tmp_path: Path
) -> None:
    quiz = visit(cases_bank(tmp_path, CASES[:1] + CASES[3:4]), width=390)
    page = quiz.page
    page.get_by_label("q1", exact=True).select_option("Chambers")
    page.get_by_label("q2", exact=True).select_option("Jassy")
    page.get_by_role("button", name="Check").click()
    assert page.locator(".pair .mark").all_inner_texts() == [
        "✓ right",
        "✗ right answer: Wales",
        "✗ right answer: Chambers",
        "✗ right answer: Jassy",
    ]
    assert page.evaluate("document.activeElement.className") == "feedback partly"
    page.keyboard.press("Enter")
    page.get_by_label("France").check()
    page.get_by_label("Japan").check()
    page.get_by_role("button", name="Check").click()
    marks = {label.split("\n")[0]: label.split("\n")[-1] for label in page.locator(".choice").all_inner_texts()}
    assert marks == {
        "France": "✓ your choice, right",
        "Germany": "○ missed: this one is right too",
        "Spain": "○ missed: this one is right too",
        "Japan": "✗ ticked wrongly",
        "Brazil": "Brazil",
    }
    assert quiz.fits()


def test_options_in_the_page_start_from_the_export_options(visit: Opener, tmp_path: Path) -> None:
    quiz = visit(write_bank(tmp_path, mcq_bank(10)), options=WebOptions(count=3, tags=("odd",), order="bank", mode="test"))
    page = quiz.page
    assert quiz.progress() == "Question 1 of 3"
    page.get_by_label("right 1", exact=True).check()
    page.get_by_role("button", name="Save and go on").click()
    assert page.locator(".feedback").count() == 0 and page.inner_text(".prompt") == "Question 3?"
    page.get_by_role("button", name="Finish").click()
    assert (page.inner_text(".score"), page.inner_text(".unanswered-count")) == ("Score: 1 / 3", "Unanswered: 2")

    page.get_by_role("button", name="Back to the quiz").click()
    page.get_by_text("Options").click()
    assert page.get_by_label("Number of questions (at most 10)").input_value() == "3"
    page.get_by_label("Number of questions (at most 10)").fill("")
    page.get_by_label("odd").uncheck()
    page.get_by_label("even").check()
    page.get_by_label("Practice: see if you are right after each question").check()
    page.get_by_role("button", name="Start over").click()
    assert quiz.progress() == "Question 1 of 5 · Score: 0 / 5"
    assert page.inner_text(".prompt") == "Question 2?"
    assert quiz.clean()


def grouped(bank: Bank) -> Bank:
    """Questions 1 to 4 in one group, 5 and 6 in another."""
    groups = {"q1": "a", "q2": "a", "q3": "a", "q4": "a", "q5": "b", "q6": "b"}
    questions = tuple(dataclasses.replace(question, group=groups.get(question.id)) for question in bank.questions)
    return dataclasses.replace(bank, questions=questions)


def test_a_round_never_holds_two_questions_of_one_group(visit: Opener, tmp_path: Path) -> None:
    quiz = visit(grouped(write_bank(tmp_path, mcq_bank(8))), options=WebOptions())
    page = quiz.page
    for _ in range(3):
        assert quiz.progress().startswith("Question 1 of 4 ·")
        asked = []
        for _ in range(4):
            asked.append(int(page.inner_text(".prompt").removeprefix("Question ").removesuffix("?")))
            page.get_by_role("button", name="Skip").click()
        assert len([number for number in asked if number <= 4]) == 1 and len([number for number in asked if number in (5, 6)]) == 1
        assert {7, 8} <= set(asked)
        page.get_by_role("button", name="Start over").click()


def test_axe_finds_no_serious_violation_on_a_question_its_feedback_and_the_end_light_and_dark(visit: Opener, every_type_bank: Bank) -> None:
    from axe_playwright_python.base import AXE_SCRIPT

    quiz = visit(every_type_bank, width=390)
    page = quiz.page

    def serious() -> dict[str, list[str]]:
        """The serious and critical violations of the page as it is, in light and in dark mode."""
        found = {}
        if not page.evaluate("'axe' in window"):
            page.evaluate(AXE_SCRIPT)  # axe-core's own script, shipped by the axe-playwright-python package
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            violations = page.evaluate("axe.run({resultTypes: ['violations']}).then((results) => results.violations)")
            found[scheme] = [
                f"{violation['id']}: {violation['help']}" for violation in violations if violation["impact"] in ("serious", "critical")
            ]
        return found

    page.get_by_text("Questions", exact=True).click()
    page.get_by_text("Options").click()
    assert serious() == {"light": [], "dark": []}
    page.get_by_role("button", name="Skip").click()
    page.get_by_label("France").check()
    page.get_by_label("Japan").check()
    page.get_by_role("button", name="Check").click()
    assert serious() == {"light": [], "dark": []}
    page.get_by_role("button", name="Finish").click()
    assert serious() == {"light": [], "dark": []}
    # Printing the end screen prints the review, without its buttons.
    page.emulate_media(media="print")
    assert page.locator(".review").is_visible()
    assert page.locator("button").evaluate_all("buttons => buttons.filter((button) => button.checkVisibility()).length") == 0


def test_the_worksheet_prints_every_question_and_no_button(visit: Opener, bundled_bank: Bank) -> None:
    from pypdf import PdfReader

    quiz = visit(bundled_bank, lang="fr")
    page = quiz.page
    # Printing from a question prints the worksheet, not the question and its buttons.
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    assert page.locator(".worksheet").is_visible() and page.locator(".question").is_hidden()
    assert page.locator("button").evaluate_all("buttons => buttons.filter((button) => button.checkVisibility()).length") == 0
    page.emulate_media(media="null")
    page.get_by_role("button", name="Fiche d’exercices").click()
    text = " ".join(page_.extract_text() for page_ in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages)
    # A word joiner keeps "supprime-t-elle" on one line; pypdf reads it as a space.
    words = re.sub(r"-\s+", "-", " ".join(unicodedata.normalize("NFKC", text).replace("\u2060", "").split()))
    prompts = [prompt.replace("\u2060", "") for prompt in page.locator(".sheet-prompt").all_inner_texts()]
    assert len(prompts) == page.evaluate("JSON.parse(localStorage.getItem(Object.keys(localStorage)[0])).round.length") > 10
    assert [prompt for prompt in prompts if " ".join(prompt.split()) not in words] == []
    assert "Imprimer" not in words and "Retour au quiz" not in words
    assert quiz.clean()


@pytest.mark.parametrize(
    ("count", "lang", "title"),
    [(1, "en", "Worksheet: 1 question"), (1, "fr", "Fiche d’exercices\u00a0: 1 question"), (2, "en", "Worksheet: 2 questions")],
)
def test_the_worksheet_title_agrees_with_its_number(visit: Opener, count: int, lang: str, title: str) -> None:
    quiz = visit(load_bank(BANKS / "every-type.yaml").bank, lang=lang, options=WebOptions(count=count, order="bank"))
    quiz.page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert quiz.page.locator("#sheet-title").inner_text() == title


def test_the_export_options_reach_the_page_and_other_formats_refuse_them(tmp_path: Path) -> None:
    runner = CliRunner()
    bank = str(BANKS / "every-type.yaml")
    output = tmp_path / "quiz.html"
    result = runner.invoke(
        cli, ["export", bank, "--format", "html", "--count", "3", "--mode", "test", "--order", "bank", "-o", str(output)]
    )
    assert (result.exit_code, result.output) == (0, f"Wrote {output}: 8 questions (0 skipped)\n")
    assert output.read_text(encoding="utf-8") == html_of(
        load_bank(BANKS / "every-type.yaml").bank, "en", WebOptions(count=3, order="bank", mode="test")
    )
    result = runner.invoke(cli, ["export", bank, "--format", "gift", "--mode", "test"])
    assert result.exit_code == 2
    assert result.output.endswith("Error: --count, --tag, --type, --order and --mode are options of --format html\n")
    result = runner.invoke(cli, ["export", bank, "--format", "html", "--tag", "geografy", "-o", str(output)])
    assert result.exit_code == 1
    assert "geografy" in result.output

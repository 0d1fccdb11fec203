"""The handout as Markdown and as a web page (read in Chromium at phone width too)."""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdf
import pytest

from quizgen.bank import load_bank
from quizgen.handouts import (
    Contents,
    Handout,
    make_handout,
    to_html,
    to_markdown,
)
from quizgen.handouts import pdf as handout_pdf
from quizgen.model import Bank

from .browser import NO_CHROMIUM, find_chromium
from .conftest import BUNDLED_BANK
from .handout_banks import EVERY_TYPE, distinct_bank, pdf_pages, sections, write_bank


@pytest.fixture(scope="module")
def bundled_handout() -> Handout:
    return make_handout(distinct_bank(24), versions=3, seed=7, lang="fr")


@pytest.fixture(scope="module")
def bundled_pdf(bundled_handout: Handout) -> bytes:
    return handout_pdf.to_pdf(bundled_handout)


# Markdown and HTML


def test_markdown_sheet(every_type_bank: Bank) -> None:
    text = to_markdown(make_handout(every_type_bank, seed=0), "sheets")
    assert text.startswith(
        "# Every type — Version A\n\n"
        "Source: A short text about tests (2024-05-01)\n\n"
        "**Name:** " + "\\_" * 24 + "   **Class:** " + "\\_" * 10 + "   **Date:** " + "\\_" * 10 + "\n\n"
        "*Answer every question on this sheet: tick the boxes, fill in the blanks, write on the lines.*\n\n"
        "**Total:** " + "\\_" * 8 + " / 9 pts\n\n"
        "**1.** The Earth is flat. *(1 pt)*\n\n"
        "- [ ] True\n"
        "- [ ] False\n\n"
        "**2.** Who wrote Les Misérables? *(1 pt)*\n\n" + "\\_" * 60 + "\n\n"
    )
    assert "\n**5.** How much did the company invest? *(2 pts)*\n" in text
    assert "**4.** Which of these countries are in Europe? *(1 pt)*  \n*Tick all that apply.*\n\n- [ ] a) Brazil\n" in text
    assert "\n| 1. “I think, therefore I am.” | a) Shakespeare |\n" in text
    assert "\n|  | d) Molière |\n" in text
    assert "\n" + "\\_" * 16 + " dollars\n" in text
    assert "\n- \\[  \\] Mars\n" in text
    assert "\n> Liberty, " + "\\_" * 12 + " *(a word for fairness)*, " + "\\_" * 15 + ".\n" in text
    assert "Answer key" not in text


def test_markdown_key(every_type_bank: Bank) -> None:
    text = to_markdown(make_handout(every_type_bank, versions=2, seed=0), "key")
    assert text.startswith(
        "# Grading grid\n\nEvery type\n\n| No. | A | B |\n| --- | --- | --- |\n| 1 | False (1) | 200,000,000 (2) |\n"
        "| 2 | Victor Hugo\\* (1) | False (1) |\n"
    )
    assert "\n| 8 | equality; fraternity\\* (1) | 2, 3, 4, 1 (1) |\n" in text
    assert (
        "\n| **Total** | **9 pts** | **9 pts** |\n\nIn brackets: the question's points on that version.\n\n"
        "\\*: other answers are accepted, see the version's key.\n"
    ) in text
    assert (
        '\n<div style="break-before: page"></div>\n\n# Answer key — version A\n\nEvery type\n\n| No. | Answer | Source |\n| --- | --- | --- |\n'
        "| 1 | False | The Earth is round. `earth-flat-tf` |\n"
        "| 2 | Victor Hugo (or Hugo) | Les Misérables was written by Victor Hugo in 1862. `author-short` |\n"
    ) in text
    assert '\n<div style="break-before: page"></div>\n\n# Answer key — version B\n' in text
    assert "Version A" not in text


def test_markdown_prints_points_and_a_total_when_questions_weigh_differently() -> None:
    handout = make_handout(distinct_bank(4, points={3: 2.5}), seed=0)
    sheet = to_markdown(handout, "sheets")
    assert "\n**Total:** " + "\\_" * 8 + " / 5.5 pts\n" in sheet
    assert all(f"*({'2.5 pts' if item.points == 2.5 else '1 pt'})*" in sheet for item in handout.versions[0].items)
    key = to_markdown(handout, "key")
    assert "\n| **Total** | **5.5 pts** |\n" in key
    assert "In brackets: the question's points on that version." in key


def test_markdown_shows_hostile_text_literally(hostile_bank: Bank) -> None:
    text = to_markdown(make_handout(hostile_bank))
    assert "\\<script\\>alert('x')\\</script\\>" in text
    assert "\\{braces\\} \\~tilde =equals \\#hash :colon \\\\backslash \\*star\\* \\_under\\_ \\`tick\\` \\$dollar\\$ @at" in text
    assert "\n- [ ] b) \\#hash \\{x\\} \\~y =z\n" in text
    assert "\n| 1 | c) \\<b\\>bold\\</b\\> | \\<script\\>alert('x')\\</script\\> `html-prompt` |\n" in text
    assert text.startswith("# Hostile \\<b\\>text\\</b\\> \\& co — Version A\n")


def test_html_is_one_self_contained_file(every_type_bank: Bank) -> None:
    page = to_html(make_handout(every_type_bank, versions=2))
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">')
    for reference in ("http", "<script", "<link", "url(", "@import"):
        assert reference not in page
    assert re.findall(r'src="([a-z]+:[a-z/+]+;base64,)', page) == ["data:image/png;base64,"] * 2  # the picture, on each version
    assert page.count("src=") == 2
    assert "@page { size: A4;" in page
    assert '@page vB { @bottom-center { content: "Version B";' in page
    assert '@page kA { @bottom-center { content: "Answer key — version A";' in page
    assert '@page grid { @bottom-center { content: "Grading grid";' in page
    assert page.count('<section class="sheet version') == 2
    assert page.count('<section class="sheet key') == 3
    assert page.count('<section class="sheet key grid') == 1
    assert page.count('class="question ') == 16


def test_html_sections_hold_their_questions_in_their_own_order(bundled_handout: Handout) -> None:
    page = to_html(bundled_handout, paper="letter")
    assert "@page { size: letter;" in page
    for version in bundled_handout.versions:
        section = page.split(f'id="version-{version.letter}"')[1].split("</section>")[0]
        assert re.findall(r'data-question="([^"]+)"', section) == [item.question.id for item in version.items]
        key = page.split(f'id="key-{version.letter}"')[1].split("</section>")[0]
        assert re.findall(r"<tr><td>(\d+)</td>", key) == [str(item.number) for item in version.items]


@pytest.mark.parametrize(("contents", "versions", "keys"), [("both", 3, 3), ("sheets", 3, 0), ("key", 0, 3)])
def test_html_sheets_and_key_apart(bundled_handout: Handout, contents: Contents, versions: int, keys: int) -> None:
    page = to_html(bundled_handout, contents)
    assert page.count('<section class="sheet version') == versions
    assert page.count('<section class="sheet key page-k') == keys
    assert page.count('id="grid"') == (keys > 0)


def key_ids(handout: Handout, format: str) -> dict[str, list[str]]:
    """The question ids each version's key shows, in the order it shows them, read back from the rendered handout."""
    if format == "pdf":
        # Each id ends a line: the excerpt's last one, or its own.
        ids = {item.question.id for item in handout.versions[0].items}
        grouped = sections(pdf_pages(handout_pdf.to_pdf(handout, "key")))
        lines = {name.rpartition(" ")[2]: "\n".join(pages).splitlines() for name, pages in grouped.items() if "version" in name}
        return {letter: [line.split()[-1] for line in text if line.split() and line.split()[-1] in ids] for letter, text in lines.items()}
    if format == "html":
        keys = by_letter(re.split(r'<section class="sheet key page-k\w+" id="key-(\w+)">', to_html(handout, "key")))
        return {letter: re.findall(r'<span class="id">([^<]*)</span></td></tr>', body) for letter, body in keys.items()}
    keys = by_letter(re.split(r"^# .* — version (\w+)$", to_markdown(handout, "key"), flags=re.MULTILINE))
    return {letter: re.findall(r"^\| \d+ \| .* `([a-z0-9_-]+)` \|$", body, flags=re.MULTILINE) for letter, body in keys.items()}


def by_letter(parts: list[str]) -> dict[str, str]:
    """re.split's parts (text before, letter, section, letter, section...) as {letter: section}."""
    return dict(zip(parts[1::2], parts[2::2], strict=True))


@pytest.mark.parametrize("format", ["pdf", "html", "md"])
def test_each_key_shows_the_ids_of_its_questions_in_its_order(bundled_handout: Handout, format: str) -> None:
    expected = {version.letter: [item.question.id for item in version.items] for version in bundled_handout.versions}
    assert key_ids(bundled_handout, format) == expected
    assert len({tuple(ids) for ids in expected.values()}) == 3


@pytest.mark.parametrize(
    ("question", "markdown", "html"),
    [
        (
            {"id": "no-source_2", "type": "short", "prompt": "Who?", "answer": "Me"},
            "| 1 | Me | `no-source_2` |",
            '<tr><td>1</td><td>Me</td><td class="excerpt"><span class="id">no-source_2</span></td></tr>',
        ),
        (
            {"id": "sourced", "type": "truefalse", "prompt": "Yes?", "answer": True, "source": "It is <so> & *so*."},
            "| 1 | True | It is \\<so\\> \\& \\*so\\*. `sourced` |",
            '<tr><td>1</td><td>True</td><td class="excerpt">It is &lt;so&gt; &amp; *so*. <span class="id">sourced</span></td></tr>',
        ),
    ],
)
def test_a_key_row_ends_with_the_question_id(tmp_path: Path, question: dict[str, object], markdown: str, html: str) -> None:
    handout = make_handout(write_bank(tmp_path, {"title": "T", "questions": [question]}))
    assert f"\n{markdown}\n" in to_markdown(handout)
    assert html in to_html(handout)
    key = pdf_pages(handout_pdf.to_pdf(handout, "key"))[-1].splitlines()
    assert key[-2].split()[-1] == question["id"]


def test_html_shows_hostile_text_literally(hostile_bank: Bank) -> None:
    page = to_html(make_handout(hostile_bank))
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "<title>Hostile &lt;b&gt;text&lt;/b&gt; &amp; co</title>" in page
    assert "<script" not in page and "<b>" not in page and "<img" not in page and "<i>" not in page


# In Chromium, at a phone's width

PHONE = 390
"""An iPhone 12-15's width in CSS pixels."""

BROKEN_WORDS = """() => {
  // Every word of the page, and whether it is drawn on more than one line. A word ends at a space, or after a
  // hyphen that no word joiner holds ('start-up' may break after its hyphen, 'préfère-t-il' may not).
  const broken = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const found of node.data.matchAll(/\\S+?(?=\\s|-(?!\\u2060)|$)-?/g)) {
      const range = document.createRange();
      range.setStart(node, found.index);
      range.setEnd(node, found.index + found[0].length);
      const tops = new Set([...range.getClientRects()].filter(rect => rect.width > 0).map(rect => Math.round(rect.top)));
      if (tops.size > 1) broken.push(found[0]);
    }
  }
  return broken;
}"""
FIELDS = """() => [...document.querySelectorAll('.student span')].map(span => {
  const range = document.createRange();
  range.selectNodeContents(span);
  return span.getBoundingClientRect().width - range.getBoundingClientRect().width;
})"""


@pytest.fixture(scope="module")
def phone() -> Iterator[Any]:
    chromium = find_chromium()
    if chromium is None:
        pytest.skip(NO_CHROMIUM)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context(viewport={"width": PHONE, "height": 800})
        yield context.new_page()
        browser.close()


@pytest.mark.parametrize(("bank_file", "lang"), [(BUNDLED_BANK, "fr"), (BUNDLED_BANK, "en"), (EVERY_TYPE, "en")])
def test_the_web_page_reads_on_a_phone(phone: Any, bank_file: Path, lang: str) -> None:
    """At 390 px no word is broken inside, nothing is wider than the screen, and the name, class and date lines keep room to write."""
    handout = make_handout(load_bank(bank_file).bank, versions=2, lang=lang)
    phone.set_content(to_html(handout, "both"))
    assert phone.evaluate(BROKEN_WORDS) == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE
    assert all(room >= 40 for room in phone.evaluate(FIELDS))
    widths = phone.evaluate("[...document.querySelectorAll('.boxes li')].map(li => li.getBoundingClientRect().width)")
    assert min(widths) >= 120


def test_a_question_shows_its_picture_with_its_text_alternative(every_type_bank: Bank) -> None:
    handout = make_handout(every_type_bank, lang="fr")
    item = next(item for item in handout.versions[0].items if item.image is not None)
    assert (item.question.id, item.image.file, item.image.kind) == ("planets-order", "every-type-sun.png", "png")
    assert item.image.data == (EVERY_TYPE.parent / "every-type-sun.png").read_bytes()
    page = to_html(handout, "sheets")
    assert (
        f'<img class="picture" alt="Un soleil blanc sur un ciel bleu." src="data:image/png;base64,{base64.b64encode(item.image.data).decode()}">'
        in page
    )
    assert "\n![Un soleil blanc sur un ciel bleu.](<every-type-sun.png>)\n" in to_markdown(handout, "sheets")
    pdf = pypdf.PdfReader(io.BytesIO(handout_pdf.to_pdf(handout, "sheets")))
    assert sum(len(page.images) for page in pdf.pages) == 1
    assert make_handout(every_type_bank, types=("mcq",)).folder is None

"""The handout as Markdown and as a web page (read in Chromium at phone width too)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quizgen.handouts import (
    Handout,
    make_handout,
    to_html,
    to_markdown,
)
from quizgen.handouts import pdf as handout_pdf
from quizgen.model import Bank

from .handout_banks import distinct_bank, pdf_pages, sections, write_bank


@pytest.fixture(scope="module")
def bundled_handout() -> Handout:
    return make_handout(distinct_bank(24), versions=3, seed=7, lang="fr")


@pytest.fixture(scope="module")
def bundled_pdf(bundled_handout: Handout) -> bytes:
    return handout_pdf.to_pdf(bundled_handout)


# Markdown and HTML


def test_markdown_sheet(every_type_bank: Bank) -> None:
    text = to_markdown(make_handout(every_type_bank, seed=0), key="omit")
    assert text.startswith(
        "# Every type — Version A\n\n"
        "Source: A short text about tests (2024-05-01)\n\n"
        "**Name:** " + "\\_" * 24 + "   **Class:** " + "\\_" * 10 + "   **Date:** " + "\\_" * 10 + "\n\n"
        "*Answer every question on this sheet: tick the boxes, fill in the blanks, write on the lines.*\n\n"
        "**1.** The Earth is flat.\n\n"
        "- [ ] True\n"
        "- [ ] False\n\n"
        "**2.** Who wrote Les Misérables?\n\n" + "\\_" * 60 + "\n\n"
    )
    assert "**4.** Which of these countries are in Europe?  \n*Tick all that apply.*\n\n- [ ] a) Brazil\n" in text
    assert "\n| 1. “I think, therefore I am.” | a) Descartes |\n" in text
    assert "\n" + "\\_" * 16 + " dollars\n" in text
    assert "\n- \\[  \\] Mars\n" in text
    assert "\n> Liberty, " + "\\_" * 12 + " *(a word for fairness)*, " + "\\_" * 15 + ".\n" in text
    assert "Answer key" not in text


def test_markdown_key(every_type_bank: Bank) -> None:
    text = to_markdown(make_handout(every_type_bank, versions=2, seed=0), key="only")
    assert text.startswith(
        "# Answer key — version A\n\nEvery type\n\n| No. | Answer | Source |\n| --- | --- | --- |\n"
        "| 1 | False | The Earth is round. `earth-flat-tf` |\n"
        "| 2 | Victor Hugo (or Hugo) | Les Misérables was written by Victor Hugo in 1862. `author-short` |\n"
    )
    assert '\n<div style="break-before: page"></div>\n\n# Answer key — version B\n' in text
    assert "Version A" not in text


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
    for reference in ("http", "src=", "<script", "<link", "url(", "@import"):
        assert reference not in page
    assert "@page { size: A4;" in page
    assert '@page vB { @bottom-center { content: "Version B";' in page
    assert '@page kA { @bottom-center { content: "Answer key — version A";' in page
    assert page.count('<section class="sheet version') == 2
    assert page.count('<section class="sheet key') == 2
    assert page.count('class="question ') == 16


def test_html_sections_hold_their_questions_in_their_own_order(bundled_handout: Handout) -> None:
    page = to_html(bundled_handout, paper="letter")
    assert "@page { size: letter;" in page
    for version in bundled_handout.versions:
        section = page.split(f'id="version-{version.letter}"')[1].split("</section>")[0]
        assert re.findall(r'data-question="([^"]+)"', section) == [item.question.id for item in version.items]
        key = page.split(f'id="key-{version.letter}"')[1].split("</section>")[0]
        assert re.findall(r"<tr><td>(\d+)</td>", key) == [str(item.number) for item in version.items]


@pytest.mark.parametrize(("key", "versions", "keys"), [("include", 3, 3), ("omit", 3, 0), ("only", 0, 3)])
def test_html_key_modes(bundled_handout: Handout, key: str, versions: int, keys: int) -> None:
    page = to_html(bundled_handout, key=key)  # type: ignore[arg-type]
    assert page.count('<section class="sheet version') == versions
    assert page.count('<section class="sheet key') == keys


def key_ids(handout: Handout, format: str) -> dict[str, list[str]]:
    """The question ids each version's key shows, in the order it shows them, read back from the rendered handout."""
    if format == "pdf":
        # Each id ends a line: the excerpt's last one, or its own.
        ids = {item.question.id for item in handout.versions[0].items}
        grouped = sections(pdf_pages(handout_pdf.to_pdf(handout, key="only")))
        lines = {name.rpartition(" ")[2]: "\n".join(pages).splitlines() for name, pages in grouped.items()}
        return {letter: [line.split()[-1] for line in text if line.split() and line.split()[-1] in ids] for letter, text in lines.items()}
    if format == "html":
        keys = by_letter(re.split(r'<section class="sheet key page-k\w+" id="key-(\w+)">', to_html(handout, key="only")))
        return {letter: re.findall(r'<span class="id">([^<]*)</span></td></tr>', body) for letter, body in keys.items()}
    keys = by_letter(re.split(r"^# .* (\w+)$", to_markdown(handout, key="only"), flags=re.MULTILINE))
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
    key = pdf_pages(handout_pdf.to_pdf(handout, key="only"))[0].splitlines()
    assert key[-2].split()[-1] == question["id"]


def test_html_shows_hostile_text_literally(hostile_bank: Bank) -> None:
    page = to_html(make_handout(hostile_bank))
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "<title>Hostile &lt;b&gt;text&lt;/b&gt; &amp; co</title>" in page
    assert "<script" not in page and "<b>" not in page and "<img" not in page and "<i>" not in page

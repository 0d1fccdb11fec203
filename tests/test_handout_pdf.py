"""The handout as a PDF (typst): sheets, duplex, the grading grid, the keys, typography, and text that must stay text."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest

from quizgen.errors import QuizgenError
from quizgen.handouts import (
    Handout,
    make_handout,
)
from quizgen.handouts import pdf as handout_pdf
from quizgen.model import Bank

from .handout_banks import HOSTILE_PIECES, distinct_bank, in_order, pdf_pages, sections, squeeze, write_bank


@pytest.fixture(scope="module")
def bundled_handout() -> Handout:
    return make_handout(distinct_bank(24), versions=3, seed=7, lang="fr")


@pytest.fixture(scope="module")
def bundled_pdf(bundled_handout: Handout) -> bytes:
    return handout_pdf.to_pdf(bundled_handout)


# PDF


def test_each_pdf_version_holds_its_questions_in_its_own_order(bundled_handout: Handout, bundled_pdf: bytes) -> None:
    grouped = sections(pdf_pages(bundled_pdf))
    assert list(grouped) == [f"Version {letter}" for letter in "ABC"] + [f"Corrigé, version {letter}" for letter in "ABC"]
    for version in bundled_handout.versions:
        text = "\n".join(grouped[f"Version {version.letter}"])
        assert in_order(text, [f"{item.number}.{item.prompt}" for item in version.items])
        assert "Nom" in text
        assert text.count(f"Version {version.letter}") >= len(grouped[f"Version {version.letter}"])
    texts = ["\n".join(grouped[f"Version {letter}"]) for letter in "ABC"]
    assert len(set(texts)) == 3


def test_each_pdf_key_follows_the_order_of_its_version(bundled_handout: Handout, bundled_pdf: bytes) -> None:
    grouped = sections(pdf_pages(bundled_pdf))
    for version in bundled_handout.versions:
        key = "\n".join(grouped[f"Corrigé, version {version.letter}"])
        rows = [f"{item.number}{item.answer}{item.excerpt or ''}{item.question.id}" for item in version.items]
        assert in_order(key, [bundled_handout.title, f"Corrigé — version {version.letter}", "N°RéponseSource", *rows])


def test_the_same_seed_prints_the_same_bytes(bundled_handout: Handout, bundled_pdf: bytes, bundled_bank: Bank) -> None:
    assert handout_pdf.to_pdf(bundled_handout) == bundled_pdf
    other = make_handout(bundled_bank, versions=3, count=20, seed=8)
    assert handout_pdf.to_pdf(other) != bundled_pdf


def test_the_pdf_is_dated_only_by_source_date_epoch(every_type_bank: Bank) -> None:
    handout = make_handout(every_type_bank)
    undated = pypdf.PdfReader(io.BytesIO(handout_pdf.to_pdf(handout)))
    dated = pypdf.PdfReader(io.BytesIO(handout_pdf.to_pdf(handout, timestamp=1_700_000_000)))
    assert undated.metadata is not None and undated.metadata.creation_date is None
    assert dated.metadata is not None and dated.metadata.creation_date is not None
    assert dated.metadata.creation_date.timestamp() == 1_700_000_000
    assert undated.metadata.title == "Every type"


@pytest.mark.parametrize(("paper", "size"), [("a4", (595.28, 841.89)), ("letter", (612.0, 792.0))])
def test_paper_size(every_type_bank: Bank, paper: str, size: tuple[float, float]) -> None:
    box = pypdf.PdfReader(io.BytesIO(handout_pdf.to_pdf(make_handout(every_type_bank), paper=paper))).pages[0].mediabox
    assert (round(float(box.width), 2), round(float(box.height), 2)) == size


@pytest.mark.parametrize(
    ("key", "names"), [("omit", ["Version A", "Version B"]), ("only", ["Answer key, version A", "Answer key, version B"])]
)
def test_keys_can_be_left_out_or_printed_alone(every_type_bank: Bank, key: str, names: list[str]) -> None:
    pdf = handout_pdf.to_pdf(make_handout(every_type_bank, versions=2), key=key)  # type: ignore[arg-type]
    assert list(sections(pdf_pages(pdf))) == names


def test_pdf_footers_go_on_past_version_z(every_type_bank: Bank) -> None:
    pages = pdf_pages(handout_pdf.to_pdf(make_handout(every_type_bank, versions=28), paper="letter"))
    grouped = sections(pages)
    assert list(grouped)[25:28] == ["Version Z", "Version AA", "Version AB"]
    assert list(grouped)[-2:] == ["Answer key, version AA", "Answer key, version AB"]
    assert len(grouped) == 56
    footers = [page.strip().splitlines()[-1] for page in pages]
    assert "Version AB — page 1/2" in footers
    assert "Version AB — page 2/2" in footers
    assert footers[-1] == "Answer key, version AB — page 1/1"


def test_hostile_text_prints_literally_in_the_pdf(hostile_bank: Bank) -> None:
    text = "\n".join(pdf_pages(handout_pdf.to_pdf(make_handout(hostile_bank)))).replace("\u200b", "")
    for piece in HOSTILE_PIECES:
        assert piece in text.replace("\n", " ")
    assert "<img src=x onerror=alert(1)>" in text


TYPST_MARKUP = "#set page(width: 2cm) #pagebreak() ] } ) $x^2$ <a> @b \\ // c /* d */ = Heading - list + enum *s* _e_ `r`"


def test_typst_markup_in_a_question_is_only_text(tmp_path: Path) -> None:
    bank = write_bank(
        tmp_path,
        {
            "title": "#pagebreak()",
            "questions": [
                {"id": "q1", "type": "mcq", "prompt": TYPST_MARKUP, "choices": ["]", "#none"], "answer": "]", "source": "*x*"},
                {"id": "q2", "type": "cloze", "text": "a {{c1::#b::]}} c ] [", "source": "$"},
            ],
        },
    )
    pdf = handout_pdf.to_pdf(make_handout(bank))
    pages = pdf_pages(pdf)
    assert [page.strip().splitlines()[-1] for page in pages] == ["Version A — page 1/1", "Answer key, version A — page 1/1"]
    assert float(pypdf.PdfReader(io.BytesIO(pdf)).pages[0].mediabox.width) == pytest.approx(595.28, abs=0.01)
    text = " ".join(pages).replace("\u200b", "").replace("\n", " ")
    for piece in [TYPST_MARKUP, "#pagebreak()", "a) ]", "b) #none", "(])", "c ] [", "*x*"]:
        assert piece in text


def text_positions(data: bytes) -> list[tuple[float, float, float, float, str]]:
    """Every piece of text of the PDF with its page's width and height and its position on the page."""
    found: list[tuple[float, float, float, float, str]] = []
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)

        def visit(text: str, cm: list[float], tm: list[float], *_: object, width: float = width, height: float = height) -> None:
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                found.append((width, height, x, y, text))

        page.extract_text(visitor_text=visit)
    return found


def test_nothing_runs_off_the_page(tmp_path: Path) -> None:
    """A word longer than a line, a match taller than a page, a key row taller than a page and a long id all stay inside the page."""
    pairs = [[f"Item {number} " + "word " * 40, f"Answer {number}"] for number in range(26)]  # 26: the most a match may have
    bank = write_bank(
        tmp_path,
        {
            "title": "Long",
            "questions": [
                {"id": LONG_ID, "type": "short", "prompt": "x" * 400, "answer": "y" * 300, "source": "note " * 800},
                {"id": "tall-match", "type": "match", "prompt": "Link.", "pairs": pairs},
            ],
        },
    )
    pdf = handout_pdf.to_pdf(make_handout(bank), paper="letter")
    positions = text_positions(pdf)
    assert positions
    for width, height, x, y, text in positions:
        assert 0 <= x <= width and 0 <= y <= height, (x, y, text)
    text = "\n".join(pdf_pages(pdf))
    lines = text.replace("\u200b", "\n").splitlines()
    assert max(len(line) for line in lines) < 100
    assert "x" * 400 in squeeze(text)
    assert all(f"Item {number} word" in text for number in range(26))
    assert len(sections(pdf_pages(pdf))["Version A"]) >= 3
    assert len(sections(pdf_pages(pdf))["Answer key, version A"]) >= 2
    assert squeeze(text).count("note") == 800
    assert LONG_ID in text.replace("\n", "")  # whole, without a zero-width space to spoil a search in the bank


LONG_ID = "_".join(["identifier"] * 12)
"""An id that no rule breaks (an underscore is no break point), longer than the key's column."""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x" * 24, "x" * 24),
        ("x" * 25, "x" * 24 + "\u200bx"),
        ("a " + "y" * 50, "a " + "y" * 24 + "\u200b" + "y" * 24 + "\u200byy"),
        ("https://example.com/a/b", "https://example.com/a/b"),
    ],
)
def test_long_runs_get_a_place_to_break(text: str, expected: str) -> None:
    assert handout_pdf.breakable({"items": [{"prompt": text, "number": 1}]}) == {"items": [{"prompt": expected, "number": 1}]}


def test_french_typography_survives_in_the_pdf(bundled_bank: Bank) -> None:
    handout = make_handout(bundled_bank, tags=("who-said-what",), types=("match",))
    text = "\n".join(pdf_pages(handout_pdf.to_pdf(handout, key="omit"))).replace("\n", " ")
    for words in [
        "Viva Technology 2016\u00a0: Cisco, Amazon et Wikipedia",
        "Répondez à toutes les questions sur cette feuille\u00a0: cochez les cases, complétez les blancs",
        "Reliez chaque élément de gauche à un élément de droite.",
        "«\u00a0Vive la French Tech\u00a0!\u00a0»",
    ]:
        assert words in text


def test_a_typst_failure_is_reported_without_a_traceback(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, every_type_bank: Bank) -> None:
    broken = tmp_path / "broken.typ"
    broken.write_text("#let x = (")
    monkeypatch.setattr(handout_pdf, "TEMPLATE", broken)
    with pytest.raises(QuizgenError) as caught:
        handout_pdf.to_pdf(make_handout(every_type_bank))
    assert str(caught.value) == "typst could not typeset the handout: unclosed delimiter"

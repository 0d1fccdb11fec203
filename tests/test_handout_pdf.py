"""The handout as a PDF (typst): sheets, duplex, the grading grid, the keys, typography, and text that must stay text."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

import pypdf
import pytest

from quizgen.errors import QuizgenError
from quizgen.handouts import Columns, Contents, Handout, Item, grid_chunks, make_handout
from quizgen.handouts import pdf as handout_pdf
from quizgen.handouts.sheet import points_text
from quizgen.model import Bank, MultipleAnswer
from quizgen.present import WORD_JOINER, label

from .handout_banks import (
    BLANK_NOTICES,
    HOSTILE_PIECES,
    distinct_bank,
    exact_pages,
    first_pages,
    hidden_answers,
    in_order,
    pdf_pages,
    sections,
    squeeze,
    write_bank,
)


@pytest.fixture(scope="module")
def bundled_handout() -> Handout:
    return make_handout(distinct_bank(24), versions=3, seed=7, lang="fr")


@pytest.fixture(scope="module")
def bundled_pdf(bundled_handout: Handout) -> bytes:
    return handout_pdf.to_pdf(bundled_handout)


# PDF

GRID_FR = "Grille de correction"


def test_each_pdf_version_holds_its_questions_in_its_own_order(bundled_handout: Handout, bundled_pdf: bytes) -> None:
    grouped = sections(pdf_pages(bundled_pdf))
    assert list(grouped) == [f"Version {letter}" for letter in "ABC"] + [GRID_FR] + [f"Corrigé, version {letter}" for letter in "ABC"]
    for version in bundled_handout.versions:
        text = "\n".join(grouped[f"Version {version.letter}"])
        assert in_order(text, [f"{item.number}.{item.prompt}" for item in version.items])
        assert "Nom" in text
        assert text.count(f"Version {version.letter}") >= len(grouped[f"Version {version.letter}"])
    texts = ["\n".join(grouped[f"Version {letter}"]) for letter in "ABC"]
    assert len(set(texts)) == 3


def key_row(item: Item) -> str:
    """A detailed key's row as extracted: number, answer (then a match's drawing: numbers, letters), excerpt, id."""
    drawing = ""
    if isinstance(item.layout, Columns):
        drawing = "".join(str(number) for number in range(1, len(item.layout.left) + 1)) + "".join(item.layout.marks)
    return f"{item.number}{item.answer}{drawing}{item.excerpt or ''}{item.question.id}"


def test_each_pdf_key_follows_the_order_of_its_version(bundled_handout: Handout, bundled_pdf: bytes) -> None:
    grouped = sections(pdf_pages(bundled_pdf))
    for version in bundled_handout.versions:
        key = "\n".join(grouped[f"Corrigé, version {version.letter}"])
        rows = [key_row(item) for item in version.items]
        assert in_order(key, [bundled_handout.title, f"Corrigé — version {version.letter}", "N°RéponseSource", *rows])


def grid_rows(handout: Handout) -> list[str]:
    """The grid's rows as they must read, chunk after chunk: the number, each version's answer (and points), then the totals."""
    rows: list[str] = []
    for chunk in grid_chunks(handout, handout_pdf.GRID_WIDTH):
        rows.append(label("handout_number", handout.lang) + "".join(chunk.letters))
        for number, (cells, points) in enumerate(zip(chunk.rows, chunk.points, strict=True), 1):
            shown = [cell + (point if handout.weighted else "") for cell, point in zip(cells, points, strict=True)]
            rows.append(str(number) + "".join(shown))
        rows.append("Total" + "".join(chunk.totals))
    return rows


ClassOfThirty = tuple[Bank, Handout, list[str], list[str]]


@pytest.fixture(scope="module")
def class_of_thirty() -> ClassOfThirty:
    """30 versions of 50 questions, as the copier gets them (sheets) and as the teacher keeps them (key)."""
    bank = distinct_bank(50)
    handout = make_handout(bank, versions=30, lang="fr")
    return bank, handout, pdf_pages(handout_pdf.to_pdf(handout, "sheets")), pdf_pages(handout_pdf.to_pdf(handout, "key"))


def test_the_students_file_shows_no_answer(class_of_thirty: ClassOfThirty) -> None:
    bank, handout, sheets, key = class_of_thirty
    text = squeeze("\n".join(sheets))
    for answer in hidden_answers(bank, handout.lang):
        assert squeeze(answer) not in text
        assert squeeze(answer) in squeeze("\n".join(key))
    assert list(sections(sheets)) == [f"Version {version.letter}" for version in handout.versions]
    assert "Corrigé" not in text and squeeze(GRID_FR) not in text


def test_the_grid_gives_every_versions_answers_in_its_order(class_of_thirty: ClassOfThirty) -> None:
    _, handout, _, key = class_of_thirty
    grouped = sections(key)
    assert list(grouped) == [GRID_FR] + [f"Corrigé, version {version.letter}" for version in handout.versions]
    chunks = grid_chunks(handout, handout_pdf.GRID_WIDTH)
    assert len(grouped[GRID_FR]) <= len(chunks) + 1 < 10
    assert in_order("\n".join(grouped[GRID_FR]), grid_rows(handout))
    # Each cell is the answer of that number on that version: the grid is read against the versions, not against itself.
    assert [letter for chunk in chunks for letter in chunk.letters] == [version.letter for version in handout.versions]
    for chunk in chunks:
        for column, letter in enumerate(chunk.letters):
            version = next(version for version in handout.versions if version.letter == letter)
            assert [row[column] for row in chunk.rows] == [item.grid for item in version.items]
    for version in handout.versions:
        detailed = "\n".join(grouped[f"Corrigé, version {version.letter}"])
        assert in_order(detailed, [key_row(item) for item in version.items])


def test_every_version_starts_on_an_odd_page(class_of_thirty: ClassOfThirty) -> None:
    _, _, sheets, _ = class_of_thirty
    starts = first_pages(sheets)
    assert len(starts) == 30
    assert all(page % 2 == 1 for page in starts.values())


@pytest.mark.parametrize(("count", "lengths"), [(6, [1, 1, 1]), (17, [2, 3, 2]), (20, [3, 3, 3])])
def test_duplex_pads_before_each_version_and_the_grid_and_can_be_turned_off(count: int, lengths: list[int]) -> None:
    """A version (and the grid) starts on an odd page; the page left blank before it says so, and has no footer."""
    handout = make_handout(distinct_bank(count), versions=3)
    duplex = pdf_pages(handout_pdf.to_pdf(handout, "both"))
    simplex = pdf_pages(handout_pdf.to_pdf(handout, "both", duplex=False))
    assert [len(pages) for name, pages in sections(simplex).items() if name.startswith("Version")] == lengths
    assert [page for page in duplex if page.strip() not in BLANK_NOTICES] == simplex
    assert len(duplex) - len(simplex) == sum(length % 2 for length in lengths)
    starts = first_pages(duplex)
    assert [page % 2 for name, page in starts.items() if not name.startswith("Answer key")] == [1, 1, 1, 1]
    assert not any(page.strip() in BLANK_NOTICES for page in simplex)


def test_points_are_printed_beside_each_question_with_a_total_box() -> None:
    handout = make_handout(distinct_bank(10, points={2: 3, 7: 0.5}), versions=2)
    grouped = sections(pdf_pages(handout_pdf.to_pdf(handout)))
    for version in handout.versions:
        sheet = "\n".join(grouped[f"Version {version.letter}"])
        rows = [f"{item.number}.{points_text(item.points, 'en')}{item.prompt}" for item in version.items]
        assert in_order(sheet, ["Total/11.5pts", *rows])
    grid = "\n".join(grouped["Grading grid"])
    assert in_order(grid, [*grid_rows(handout), "Small figures: the question's points on that version."])
    assert grid_rows(handout)[-1] == "Total11.5 pts11.5 pts"
    plain = pdf_pages(handout_pdf.to_pdf(make_handout(distinct_bank(10))))
    assert not any(" pt" in page or "Total" in page for page in sections(plain)["Version A"])
    assert "Small figures" not in "\n".join(plain)
    assert "Total10pts" in squeeze("\n".join(sections(plain)["Grading grid"]))


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
    ("contents", "names"),
    [("sheets", ["Version A", "Version B"]), ("key", ["Grading grid", "Answer key, version A", "Answer key, version B"])],
)
def test_the_sheets_and_the_key_print_apart(every_type_bank: Bank, contents: Contents, names: list[str]) -> None:
    pdf = handout_pdf.to_pdf(make_handout(every_type_bank, versions=2), contents)
    assert list(sections(pdf_pages(pdf))) == names


def test_pdf_footers_go_on_past_version_z(every_type_bank: Bank) -> None:
    pages = pdf_pages(handout_pdf.to_pdf(make_handout(every_type_bank, versions=28), paper="letter", duplex=False))
    grouped = sections(pages)
    assert list(grouped)[25:28] == ["Version Z", "Version AA", "Version AB"]
    assert list(grouped)[-2:] == ["Answer key, version AA", "Answer key, version AB"]
    assert len(grouped) == 57
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
    assert [page.strip().splitlines()[-1] for page in pages] == [
        "Version A — page 1/1",
        "This page is intentionally left blank.",
        "Grading grid — page 1/1",
        "Answer key, version A — page 1/1",
    ]
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
    text = "\n".join(exact_pages(handout_pdf.to_pdf(handout, "sheets"))).replace("\n", " ")
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


def test_an_inverted_pronoun_never_breaks_at_its_hyphens(tmp_path: Path) -> None:
    """'préfère-t-il' at every position of a line: typst may break before it, never inside it."""
    questions = [
        {"id": f"q{shift}", "type": "truefalse", "prompt": "mot " * shift + "Que préfère-t-il et que dit-elle encore ?", "answer": True}
        for shift in range(22)
    ]
    bank = write_bank(tmp_path, {"title": "Typo", "languages": ["fr"], "questions": questions})
    text = "\n".join(pdf_pages(handout_pdf.to_pdf(make_handout(bank), "sheets"))).replace(WORD_JOINER, "")
    # "préfère" itself may be hyphenated ("pré-fère-t-il"), but the pronoun stays with its verb.
    assert text.count("fère-t-il") == 22 and text.count("dit-elle") == 22
    assert not re.search(r"(fère-|-t-|dit-)\n", text)


@pytest.mark.parametrize(("lang", "header"), [("fr", "N° Réponse Source"), ("en", "No. Answer Source")])
def test_key_typography(every_type_bank: Bank, lang: str, header: str) -> None:
    """French answers are joined by ' ; ' (a no-break space before), English ones by '; '; the 'No.' header keeps its line."""
    multi = next(question for question in every_type_bank.questions if isinstance(question, MultipleAnswer))
    handout = make_handout(replace(every_type_bank, questions=(multi,)), lang=lang)
    answer = handout.versions[0].items[0].answer
    assert answer.count("\u00a0; " if lang == "fr" else "; ") == 1 and answer.count(";") == 1
    key = exact_pages(handout_pdf.to_pdf(handout, "key"))[-1]
    assert answer in key
    assert header in key.splitlines()

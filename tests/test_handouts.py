"""Handouts: versions and their keys, the three renderers, and the `handout` command."""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path

import pypdf
import pytest
import yaml
from click.testing import CliRunner

from quizgen import handout_pdf, handouts
from quizgen.bank import load_bank
from quizgen.cli import cli
from quizgen.errors import QuizgenError
from quizgen.handouts import (
    SUFFIXES,
    Blank,
    Boxes,
    Columns,
    Handout,
    Lines,
    NumberBlank,
    Ranking,
    Sentence,
    make_handout,
    output_format,
    select_questions,
    to_html,
    to_markdown,
    typographic,
    version_letter,
)
from quizgen.model import Bank, Cloze, Match, MultipleAnswer, MultipleChoice, Numeric, Order, ShortAnswer, TrueFalse, cloze_deletions
from quizgen.present import answer_text

from .conftest import BANKS, BUNDLED_BANK

EVERY_TYPE = BANKS / "every-type.yaml"
HOSTILE = BANKS / "hostile.yaml"
HOSTILE_PIECES = [
    "<script>alert('x')</script>",
    "<b>bold</b>",
    "{braces}",
    "~tilde",
    "=equals",
    "#hash",
    "\\backslash",
    "*star*",
    "_under_",
    "`tick`",
    "$dollar$",
    "@at",
    '"quote", comma; semicolon',
]
"""Pieces of the hostile bank's first prompt, each of which means something in Typst, Markdown or HTML."""


def pdf_pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def squeeze(text: str) -> str:
    """Text as compared with what pypdf extracts: no spacing, hyphens or invisible break points."""
    return re.sub(r"[\s\-\u00ad\u200b]+", "", unicodedata.normalize("NFKC", text))


def in_order(text: str, pieces: list[str]) -> bool:
    """Whether every piece is found in `text` (squeezed), each after the one before."""
    text, position = squeeze(text), 0
    for piece in pieces:
        found = text.find(squeeze(piece), position)
        if found < 0:
            return False
        position = found + len(squeeze(piece))
    return True


def sections(pages: list[str]) -> dict[str, list[str]]:
    """The PDF's pages grouped by the footer that ends each one ('Version B — page 2/3')."""
    grouped: dict[str, list[str]] = {}
    for text in pages:
        footer = text.strip().splitlines()[-1]
        name, _, numbers = footer.rpartition(" — page ")
        page, pages_in_section = numbers.split("/")
        grouped.setdefault(name, []).append(text)
        assert int(page) == len(grouped[name])
        assert int(pages_in_section) >= int(page)
    return grouped


@pytest.fixture(scope="module")
def bundled_handout() -> Handout:
    return make_handout(load_bank(BUNDLED_BANK).bank, versions=3, count=20, seed=7)


@pytest.fixture(scope="module")
def bundled_pdf(bundled_handout: Handout) -> bytes:
    return handout_pdf.to_pdf(bundled_handout)


# Versions


def test_every_version_has_the_same_questions_in_its_own_order(bundled_handout: Handout) -> None:
    orders = [[item.question.id for item in version.items] for version in bundled_handout.versions]
    assert [version.letter for version in bundled_handout.versions] == ["A", "B", "C"]
    assert all(sorted(order) == sorted(orders[0]) for order in orders)
    assert len(set(orders[0])) == 20
    assert len({tuple(order) for order in orders}) == 3
    assert all([item.number for item in version.items] == list(range(1, 21)) for version in bundled_handout.versions)


def test_choices_are_shuffled_per_version(bundled_bank: Bank) -> None:
    handout = make_handout(bundled_bank, versions=4, types=("mcq",))
    layouts = {
        version.letter: {item.question.id: item.layout for item in version.items if isinstance(item.layout, Boxes)}
        for version in handout.versions
    }
    differing = [question_id for question_id in layouts["A"] if len({layouts[letter][question_id].options for letter in "ABCD"}) > 1]
    assert len(differing) == len(layouts["A"]) == 21


def test_the_same_seed_makes_the_same_versions(bundled_bank: Bank) -> None:
    def make(seed: int) -> Handout:
        return make_handout(bundled_bank, versions=3, count=10, seed=seed)

    assert make(5) == make(5)
    assert make(5) != make(6)
    assert make(5).versions[0] != make(5).versions[1]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_each_key_line_gives_the_answer_of_its_question_as_printed(bundled_bank: Bank, lang: str) -> None:
    """Read the key back against the printed layout and the bank: every line must give the bank's answer."""
    handout = make_handout(bundled_bank, versions=3, lang=lang, seed=11)
    for version in handout.versions:
        for item in version.items:
            question, layout = item.question, item.layout
            if isinstance(question, (MultipleChoice, MultipleAnswer)):
                assert isinstance(layout, Boxes)
                right = question.answers if isinstance(question, MultipleAnswer) else (question.answer,)
                named = [layout.printed.index(option) for option in item.answer.split("; ")]
                assert sorted(layout.options[index] for index in named) == sorted(
                    typographic(question.choices[index][lang], lang) for index in right
                )
            elif isinstance(question, Match):
                assert isinstance(layout, Columns)
                for number, link in enumerate(item.answer.split("; "), 1):
                    left_number, printed = link.split(" → ")
                    assert int(left_number) == number
                    linked = layout.right[layout.printed.index(printed)]
                    assert linked == typographic(question.pairs[number - 1][1][lang], lang)
            elif isinstance(question, Order):
                assert isinstance(layout, Ranking)
                ranks = [int(rank) for rank in item.answer.split(", ")]
                in_place = [entry for _, entry in sorted(zip(ranks, layout.items, strict=True))]
                assert in_place == [typographic(entry[lang], lang) for entry in question.items]
            elif isinstance(question, Cloze):
                assert isinstance(layout, Sentence)
                deletions = cloze_deletions(question.text[lang])
                assert item.answer.split("; ") == [typographic(deletion.answer, lang) for deletion in deletions]
                assert sum(isinstance(part, Blank) for part in layout.parts) == len(deletions)
            elif isinstance(question, ShortAnswer):
                assert item.answer.startswith(typographic(question.answer[lang], lang))
            else:
                assert isinstance(question, (TrueFalse, Numeric))
                assert item.answer == typographic(answer_text(question, lang), lang)
            assert item.excerpt == question.source


def test_a_match_or_an_order_is_never_printed_in_its_right_order(every_type_bank: Bank) -> None:
    printed = set()
    for seed in range(40):
        for version in make_handout(every_type_bank, versions=3, seed=seed, types=("match", "order")).versions:
            for item in version.items:
                layout = item.layout
                if isinstance(layout, Columns):
                    assert layout.right != ("Descartes", "Martin Luther King", "Shakespeare")
                else:
                    assert isinstance(layout, Ranking)
                    assert layout.items != ("Mercury", "Venus", "Earth", "Mars")
                printed.add(layout)
    assert len(printed) == 5 + 23  # every arrangement but the right one, of 3 pairs and of 4 items


def test_every_type_is_laid_out_for_paper(every_type_bank: Bank) -> None:
    items = {item.question.type: item for item in make_handout(every_type_bank, seed=0).versions[0].items}
    assert items["mcq"].instruction == "Tick one box."
    assert items["multi"].instruction == "Tick all that apply."
    assert items["truefalse"].layout == Boxes(("True", "False"), None, 2)
    assert items["truefalse"].answer == "False"
    assert items["short"].layout == Lines(1)
    assert items["short"].answer == "Victor Hugo (or Hugo)"
    assert items["numeric"].layout == NumberBlank("dollars")
    assert items["numeric"].answer == "200,000,000 dollars"
    assert items["cloze"].layout == Sentence(("Liberty, ", Blank(12, "a word for fairness"), ", ", Blank(15), "."))
    assert items["cloze"].answer == "equality; fraternity"
    assert items["cloze"].prompt == "Complete the motto."
    assert items["match"].instruction == "Link each item on the left to one on the right."
    assert items["order"].instruction == "Number the boxes in order, from 1."


def test_count_picks_the_same_questions_for_every_version_from_the_seed(bundled_bank: Bank) -> None:
    def picked(seed: int) -> set[str]:
        return {question.id for question in select_questions(bundled_bank, count=10, seed=seed)}

    assert len(picked(1)) == 10
    assert picked(1) == picked(1)
    assert picked(1) != picked(2)
    assert len(select_questions(bundled_bank)) == 66


def test_filters_keep_questions_with_any_tag_and_any_type(bundled_bank: Bank) -> None:
    chosen = select_questions(bundled_bank, tags=("intel", "homido"), types=("numeric", "mcq"))
    assert {question.id for question in chosen} == {"intel-rd-centres", "intel-jobs-cut", "intel-disengaging", "launchpad-homido"}
    assert list(chosen) == [question for question in bundled_bank.questions if question in chosen]


@pytest.mark.parametrize(
    ("difficulty", "ids"),
    [
        (None, [question.id for question in load_bank(EVERY_TYPE).bank.questions]),
        ((1, 1), ["capital-mcq", "earth-flat-tf"]),
        ((2, 2), ["countries-multi", "author-short", "investment-numeric", "motto-cloze", "planets-order"]),
        ((3, 3), ["quotes-match"]),
        ((2, 3), ["countries-multi", "author-short", "investment-numeric", "motto-cloze", "quotes-match", "planets-order"]),
    ],
)
def test_difficulty_keeps_questions_within_its_range(every_type_bank: Bank, difficulty: tuple[int, int] | None, ids: list[str]) -> None:
    assert [question.id for question in select_questions(every_type_bank, difficulty=difficulty)] == ids
    handout = make_handout(every_type_bank, difficulty=difficulty, versions=2)
    assert all(sorted(item.question.id for item in version.items) == sorted(ids) for version in handout.versions)


TAGS = "its tags are figures, france, geography, literature, people, quotes, science"
TYPES = "the types are mcq, multi, truefalse, short, numeric, cloze, match, order"
HOLDINGS = (
    "the bank has types mcq, multi, truefalse, short, numeric, cloze, match, order; "
    "tags figures, france, geography, literature, people, quotes, science; difficulties 1, 2, 3"
)
"""What the shared filters say about the every-type bank when a filter cannot match."""


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"lang": "de"}, "{path} has no 'de' texts; its languages are en, fr"),
        ({"versions": 0}, "--versions 0: give 1 to 99 versions (they are lettered A to Z, then AA to CU)"),
        ({"versions": 100}, "--versions 100: give 1 to 99 versions (they are lettered A to Z, then AA to CU)"),
        ({"count": 0}, "--count 0: give 1 or more questions"),
        ({"count": 9}, "--count 9: {path} has only 8 questions"),
        ({"count": 2, "types": ("mcq",)}, "--count 2: {path} has only 1 question matching --type mcq"),
        ({"count": 2, "difficulty": (3, 3)}, "--count 2: {path} has only 1 question matching --difficulty 3"),
        (
            {"count": 3, "tags": ("science",), "difficulty": (1, 2)},
            "--count 3: {path} has only 2 questions matching --tag science --difficulty 1-2",
        ),
        ({"tags": ("sciense",)}, "--tag sciense: no question in {path} has this tag (did you mean 'science'?); " + TAGS),
        ({"tags": ("zzz",)}, "--tag zzz: no question in {path} has this tag; " + TAGS),
        ({"types": ("essay",)}, "--type essay: not a question type; " + TYPES),
        (
            {"tags": ("zzz",), "types": ("essay", "MCQ")},
            "--type essay: not a question type; " + TYPES + "\n"
            "--type MCQ: not a question type (did you mean 'mcq'?); " + TYPES + "\n"
            "--tag zzz: no question in {path} has this tag; " + TAGS,
        ),
        ({"tags": ("science",), "types": ("mcq",)}, "no question in {path} matches --tag science --type mcq (" + HOLDINGS + ")"),
        (
            {"tags": ("quotes",), "types": ("mcq",), "difficulty": (2, 3)},
            "no question in {path} matches --tag quotes --type mcq --difficulty 2-3 (" + HOLDINGS + ")",
        ),
        ({"types": ("order",), "difficulty": (1, 1)}, "no question in {path} matches --type order --difficulty 1 (" + HOLDINGS + ")"),
    ],
)
def test_bad_choices_are_refused_with_what_is_valid(every_type_bank: Bank, arguments: dict[str, object], message: str) -> None:
    with pytest.raises(QuizgenError) as caught:
        make_handout(every_type_bank, **arguments)  # type: ignore[arg-type]
    assert str(caught.value) == message.format(path=every_type_bank.path)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Qui ? Quoi ! Où : là ; ici", "fr", "Qui\u00a0? Quoi\u00a0! Où\u00a0: là\u00a0; ici"),
        ("« Vive la French Tech ! »", "fr", "«\u00a0Vive la French Tech\u00a0!\u00a0»"),
        ("«\u00a0déjà\u00a0»", "fr", "«\u00a0déjà\u00a0»"),
        ("http://example.com?a=1", "fr", "http://example.com?a=1"),
        ("Who ? What !", "en", "Who ? What !"),
    ],
)
def test_french_spacing_never_breaks_before_punctuation(text: str, lang: str, expected: str) -> None:
    assert typographic(text, lang) == expected


@pytest.mark.parametrize(("index", "letter"), [(0, "A"), (25, "Z"), (26, "AA"), (27, "AB"), (51, "AZ"), (52, "BA"), (98, "CU")])
def test_versions_are_lettered_like_spreadsheet_columns(index: int, letter: str) -> None:
    assert version_letter(index) == letter


def test_versions_go_on_past_z(every_type_bank: Bank) -> None:
    handout = make_handout(every_type_bank, versions=28)
    assert [version.letter for version in handout.versions[24:]] == ["Y", "Z", "AA", "AB"]
    assert handout.letters == "A to AB"
    assert len({tuple(item.question.id for item in version.items) for version in handout.versions}) > 20


def test_title_and_source_head_the_sheet(every_type_bank: Bank, bundled_bank: Bank) -> None:
    assert make_handout(every_type_bank, title="Quiz du lundi").title == "Quiz du lundi"
    assert make_handout(every_type_bank).source == "A short text about tests (2024-05-01)"
    handout = make_handout(bundled_bank, count=1)
    assert handout.title == "Viva Technology 2016\u00a0: Cisco, Amazon et Wikipedia"
    assert handout.source == "Cisco et Amazon aiment les start-up de France, Wikipedia préfère le code (2016-06-30)"


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


def write_bank(folder: Path, bank: dict[str, object]) -> Bank:
    path = folder / "bank.yaml"
    path.write_text(yaml.safe_dump(bank, allow_unicode=True), encoding="utf-8")
    return load_bank(path).bank


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


# The command


def invoke(arguments: list[str], **kwargs: object) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["handout", *arguments], **kwargs)  # type: ignore[arg-type]
    return result.exit_code, result.output


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("arguments", "name", "summary"),
    [
        ([], "every-type-handout.pdf", "1 version (A) of 8 questions, then its answer key; seed 0"),
        (["--versions", "2", "--no-key"], "every-type-handout.pdf", "2 versions (A and B) of 8 questions, without answer keys; seed 0"),
        (
            ["--versions", "3", "--key-only", "--seed", "4"],
            "every-type-handout-key.pdf",
            "the answer keys of 3 versions (A to C) of 8 questions; seed 4",
        ),
        (["--format", "html", "--count", "3"], "every-type-handout.html", "1 version (A) of 3 questions, then its answer key; seed 0"),
        (["-o", "sheets/monday.md", "--tag", "science"], "sheets/monday.md", "1 version (A) of 2 questions, then its answer key; seed 0"),
        (["-o", "monday.HTML"], "monday.HTML", "1 version (A) of 8 questions, then its answer key; seed 0"),
        (["-o", "monday.htm", "--format", "html"], "monday.htm", "1 version (A) of 8 questions, then its answer key; seed 0"),
        (["-o", "notes.markdown"], "notes.markdown", "1 version (A) of 8 questions, then its answer key; seed 0"),
        (["-o", "Sheet.PDF", "--format", "pdf"], "Sheet.PDF", "1 version (A) of 8 questions, then its answer key; seed 0"),
        (["-o", "many.md", "--versions", "28"], "many.md", "28 versions (A to AB) of 8 questions, then their answer keys; seed 0"),
        (["--difficulty", "2-3", "-o", "hard.md"], "hard.md", "1 version (A) of 6 questions, then its answer key; seed 0"),
        (["--difficulty", "1", "--type", "mcq", "-o", "easy.md"], "easy.md", "1 version (A) of 1 question, then its answer key; seed 0"),
    ],
)
def test_handout_writes_and_says_what(here: Path, arguments: list[str], name: str, summary: str) -> None:
    assert invoke([str(EVERY_TYPE), *arguments]) == (0, f"Wrote {name}: {summary}\n")
    data = (here / name).read_bytes()
    format = SUFFIXES[Path(name).suffix.lower()]
    assert data.startswith({"pdf": b"%PDF-", "html": b"<!DOCTYPE html>", "md": b"# "}[format])


def test_the_same_command_writes_the_same_bytes_twice(here: Path) -> None:
    for format in ("pdf", "html", "md"):
        arguments = [str(EVERY_TYPE), "--versions", "2", "--format", format, "--lang", "fr"]
        invoke([*arguments, "-o", f"first.{format}"])
        invoke([*arguments, "-o", f"second.{format}"])
        assert (here / f"first.{format}").read_bytes() == (here / f"second.{format}").read_bytes()


@pytest.mark.parametrize(
    ("requested", "output", "expected"),
    [
        (None, None, "pdf"),
        ("md", None, "md"),
        (None, "a.pdf", "pdf"),
        (None, "a.HTM", "html"),
        (None, "a.Markdown", "md"),
        ("html", "sub/a.html", "html"),
        (None, "a.txt", "a.txt: a pdf handout's file name ends in .pdf"),
        (None, ".md", ".md: a pdf handout's file name ends in .pdf"),
        ("pdf", "a.md", "a.md: a pdf handout's file name ends in .pdf"),
        ("md", "a.pdf.bak", "a.pdf.bak: an md handout's file name ends in .md or .markdown"),
        ("docx", None, "--format docx: the formats are pdf, html, md"),
    ],
)
def test_the_format_and_the_file_name_agree(requested: str | None, output: str | None, expected: str) -> None:
    """The suffix gives the format when --format does not; a suffix that says otherwise is refused rather than mislabel the file."""
    try:
        found = output_format(requested, None if output is None else Path(output))
    except QuizgenError as error:
        found = str(error)
    assert found == expected


def test_source_date_epoch_dates_the_pdf(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1467244800")
    assert invoke([str(EVERY_TYPE)])[0] == 0
    metadata = pypdf.PdfReader(here / "every-type-handout.pdf").metadata
    assert metadata is not None and metadata.creation_date is not None
    assert metadata.creation_date.timestamp() == 1467244800


@pytest.mark.parametrize("value", ["0", "4294967295"])
def test_source_date_epoch_may_be_any_second_up_to_2106(here: Path, monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    assert invoke([str(EVERY_TYPE), "--count", "1"])[0] == 0
    metadata = pypdf.PdfReader(here / "every-type-handout.pdf").metadata
    assert metadata is not None and metadata.creation_date is not None
    assert metadata.creation_date.timestamp() == int(value)


@pytest.mark.parametrize("value", ["yesterday", "²", "-5", "1_000", "99999999999999999999", "4294967296", "1.5", " 12"])
@pytest.mark.parametrize("output", [[], ["-o", "-"]])
def test_a_bad_source_date_epoch_is_refused(here: Path, monkeypatch: pytest.MonkeyPatch, value: str, output: list[str]) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    result = CliRunner().invoke(cli, ["handout", str(EVERY_TYPE), *output])
    message = f"Error: SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, from 0 to 4294967295; found {value!r}\n"
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", message)
    assert not any(here.iterdir())


@pytest.mark.parametrize("format", ["html", "md"])
def test_source_date_epoch_is_read_only_for_a_pdf(here: Path, monkeypatch: pytest.MonkeyPatch, format: str) -> None:
    """Only a PDF carries a date, so a bad value does not stop the other formats."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    assert invoke([str(EVERY_TYPE), "--format", format]) == (
        0,
        f"Wrote every-type-handout.{format}: 1 version (A) of 8 questions, then its answer key; seed 0\n",
    )


@pytest.mark.parametrize(
    ("arguments", "code", "output"),
    [
        (["--lang", "de"], 1, "Error: {bank} has no 'de' texts; its languages are en, fr\n"),
        (["--tag", "sciense"], 1, "Error: --tag sciense: no question in {bank} has this tag (did you mean 'science'?); " + TAGS + "\n"),
        (["--type", "essay"], 1, "Error: --type essay: not a question type; " + TYPES + "\n"),
        (
            ["--tag", "zzz", "--type", "Order"],
            1,
            "Error: --type Order: not a question type (did you mean 'order'?); " + TYPES + "\n"
            "--tag zzz: no question in {bank} has this tag; " + TAGS + "\n",
        ),
        (["--tag", "science", "--type", "mcq"], 1, "Error: no question in {bank} matches --tag science --type mcq (" + HOLDINGS + ")\n"),
        (
            ["--tag", "science", "--difficulty", "3"],
            1,
            "Error: no question in {bank} matches --tag science --difficulty 3 (" + HOLDINGS + ")\n",
        ),
        (["--count", "9"], 1, "Error: --count 9: {bank} has only 8 questions\n"),
        (["--count", "3", "--difficulty", "1"], 1, "Error: --count 3: {bank} has only 2 questions matching --difficulty 1\n"),
        (["--difficulty", "4"], 1, "Error: --difficulty '4': give 1 (easy), 2 (medium) or 3 (hard), or a range such as 2-3\n"),
        (["--difficulty", "3-2"], 1, "Error: --difficulty '3-2': give 1 (easy), 2 (medium) or 3 (hard), or a range such as 2-3\n"),
        (["--difficulty", "hard"], 1, "Error: --difficulty 'hard': give 1 (easy), 2 (medium) or 3 (hard), or a range such as 2-3\n"),
        (["-o", "out.txt"], 1, "Error: out.txt: a pdf handout's file name ends in .pdf\n"),
        (["-o", "sheets/out"], 1, "Error: sheets/out: a pdf handout's file name ends in .pdf\n"),
        (["--format", "pdf", "-o", "out.html"], 1, "Error: out.html: a pdf handout's file name ends in .pdf\n"),
        (["--format", "md", "-o", "x.pdf"], 1, "Error: x.pdf: an md handout's file name ends in .md or .markdown\n"),
        (["--format", "md", "-o", "notes.txt"], 1, "Error: notes.txt: an md handout's file name ends in .md or .markdown\n"),
        (["--format", "html", "-o", "page.md"], 1, "Error: page.md: an html handout's file name ends in .html or .htm\n"),
        (["--format", "html", "-o", "page"], 1, "Error: page: an html handout's file name ends in .html or .htm\n"),
        (["--versions", "0"], 2, "Error: Invalid value for '--versions': 0 is not in the range 1<=x<=99.\n"),
        (["--versions", "100"], 2, "Error: Invalid value for '--versions': 100 is not in the range 1<=x<=99.\n"),
        (["--count", "0"], 2, "Error: Invalid value for '--count': 0 is not in the range x>=1.\n"),
        (["--paper", "a3"], 2, "Error: Invalid value for '--paper': 'a3' is not one of 'a4', 'letter'.\n"),
        (["--key-only", "--no-key"], 2, "Error: --key-only and --no-key contradict each other; give one of them.\n"),
        (["-o", "."], 2, "Error: Invalid value for '-o' / '--output': File '.' is a directory.\n"),
    ],
)
def test_handout_refuses_bad_options(here: Path, arguments: list[str], code: int, output: str) -> None:
    exit_code, shown = invoke([str(EVERY_TYPE), *arguments])
    assert (exit_code, shown.split("\n\n")[-1] if code == 2 else shown) == (code, output.format(bank=EVERY_TYPE))
    assert not any(here.iterdir())


@pytest.mark.parametrize(
    ("arguments", "name", "start"),
    [
        ([], "file.pdf", b"%PDF-"),
        (["--format", "pdf", "--versions", "28", "--no-key"], "file.pdf", b"%PDF-"),
        (["--format", "html"], "file.html", b"<!DOCTYPE html>\n"),
        (["--format", "md", "--key-only"], "file.md", b"# Answer key \xe2\x80\x94 version A\n"),
    ],
)
def test_dash_writes_to_standard_output(here: Path, arguments: list[str], name: str, start: bytes) -> None:
    """`-o -` prints the handout, and nothing else, on stdout: the summary goes to stderr, and no file is written."""
    result = CliRunner().invoke(cli, ["handout", str(EVERY_TYPE), *arguments, "-o", "-"])
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(start)
    assert result.stderr == f"Wrote standard output: {invoke([str(EVERY_TYPE), *arguments, '-o', name])[1].split(': ', 1)[1]}"
    assert result.stdout_bytes == (here / name).read_bytes()
    assert [path.name for path in here.iterdir()] == [name]


@pytest.mark.parametrize(
    ("arguments", "code", "start"),
    [
        (["-o", "-"], 1, b""),
        (["--format", "pdf", "-o", "-"], 1, b""),
        (["--format", "html", "-o", "-"], 0, b"<!DOCTYPE html>\n"),
        (["--format", "md", "-o", "-"], 0, b"# Every type"),
        (["-o", "sheet.pdf"], 0, b"Wrote sheet.pdf: 1 version (A) of 8 questions"),
    ],
)
def test_a_pdf_is_not_printed_on_a_terminal(
    here: Path, monkeypatch: pytest.MonkeyPatch, arguments: list[str], code: int, start: bytes
) -> None:
    """As curl does: a PDF's bytes would garble the screen. Text formats, and files, are written as usual."""
    monkeypatch.setattr(handouts, "stdout_is_terminal", lambda: True)
    result = CliRunner().invoke(cli, ["handout", str(EVERY_TYPE), *arguments])
    assert result.exit_code == code
    if code:
        refusal = "Error: refusing to write a PDF to the terminal; redirect it: quizgen handout -o - > worksheet.pdf\n"
        assert (result.stdout, result.stderr) == ("", refusal)
        assert not any(here.iterdir())
    else:
        assert result.stdout_bytes.startswith(start)


def test_the_terminal_check_reads_standard_output(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdout", Terminal())
    assert handouts.stdout_is_terminal()
    monkeypatch.setattr("sys.stdout", io.StringIO())
    assert not handouts.stdout_is_terminal()


def test_dash_prints_nothing_on_standard_output_when_the_build_fails(here: Path) -> None:
    result = CliRunner().invoke(cli, ["handout", str(EVERY_TYPE), "--lang", "de", "-o", "-"])
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", f"Error: {EVERY_TYPE} has no 'de' texts; its languages are en, fr\n")
    assert not any(here.iterdir())


def test_a_missing_bank_is_reported(here: Path) -> None:
    assert invoke(["nowhere.yaml"]) == (1, "Error: nowhere.yaml: no such file\n")


@pytest.mark.parametrize("format", ["pdf", "html", "md"])
def test_a_failed_build_leaves_the_old_handout_untouched(here: Path, monkeypatch: pytest.MonkeyPatch, format: str) -> None:
    def fail(*_: object, **__: object) -> str:
        raise QuizgenError("the renderer broke")

    old = here / f"sheet.{format}"
    old.write_text("yesterday's handout")
    monkeypatch.setattr(handout_pdf, "to_pdf", fail)
    monkeypatch.setattr("quizgen.handouts.to_html", fail)
    monkeypatch.setattr("quizgen.handouts.to_markdown", fail)
    assert invoke([str(EVERY_TYPE), "-o", str(old)]) == (1, "Error: the renderer broke\n")
    assert old.read_text() == "yesterday's handout"
    assert [path.name for path in here.iterdir()] == [old.name]


def test_the_bundled_bank_prints_without_arguments(here: Path) -> None:
    code, output = invoke(["--format", "md", "--versions", "2", "--count", "5"])
    assert (code, output) == (
        0,
        "Wrote viva-technology-2016-handout.md: 2 versions (A and B) of 5 questions, then their answer keys; seed 0\n",
    )
    assert (
        (here / "viva-technology-2016-handout.md")
        .read_text(encoding="utf-8")
        .startswith("# Viva Technology 2016\u00a0: Cisco, Amazon et Wikipedia — Version A\n")
    )


def test_help_has_an_example() -> None:
    code, output = invoke(["--help"])
    assert code == 0
    assert "  Example:\n      quizgen handout questions.yaml --versions 3 --count 20 --lang fr\n" in output

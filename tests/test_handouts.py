"""Handouts: choosing and laying out the versions, and the `handout` command."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner

from quizgen.bank import load_bank
from quizgen.cli import cli
from quizgen.errors import QuizgenError
from quizgen.handouts import (
    SUFFIXES,
    Blank,
    Boxes,
    Columns,
    File,
    Handout,
    Lines,
    NumberBlank,
    Ranking,
    Sentence,
    Written,
    key_path,
    make_handout,
    output,
    output_format,
    select_questions,
    typographic,
    version_letter,
)
from quizgen.handouts import pdf as handout_pdf
from quizgen.handouts.markdown import PAGE_BREAK
from quizgen.model import Bank, Cloze, Match, MultipleAnswer, MultipleChoice, Numeric, Order, ShortAnswer, TrueFalse, cloze_deletions
from quizgen.present import answer_text, label
from quizgen.starter import demo_notice

from .conftest import BUNDLED_BANK
from .handout_banks import EVERY_TYPE, distinct_bank


@pytest.fixture(scope="module")
def bundled_handout() -> Handout:
    return make_handout(distinct_bank(24), versions=3, seed=7, lang="fr")


@pytest.fixture(scope="module")
def bundled_pdf(bundled_handout: Handout) -> bytes:
    return handout_pdf.to_pdf(bundled_handout)


# Versions


def test_every_version_has_the_same_questions_in_its_own_order(bundled_handout: Handout) -> None:
    orders = [[item.question.id for item in version.items] for version in bundled_handout.versions]
    assert [version.letter for version in bundled_handout.versions] == ["A", "B", "C"]
    assert all(sorted(order) == sorted(orders[0]) for order in orders)
    assert len(set(orders[0])) == 24
    assert len({tuple(order) for order in orders}) == 3
    assert all([item.number for item in version.items] == list(range(1, 25)) for version in bundled_handout.versions)


def test_choices_are_shuffled_per_version() -> None:
    handout = make_handout(distinct_bank(80), versions=4, types=("mcq",))
    layouts = {
        version.letter: {item.question.id: item.layout for item in version.items if isinstance(item.layout, Boxes)}
        for version in handout.versions
    }
    differing = [question_id for question_id in layouts["A"] if len({layouts[letter][question_id].options for letter in "ABCD"}) > 1]
    assert len(differing) == len(layouts["A"]) == 10


def test_the_same_seed_makes_the_same_versions() -> None:
    def make(seed: int) -> Handout:
        return make_handout(distinct_bank(30), versions=3, count=10, seed=seed)

    assert make(5) == make(5)
    assert make(5) != make(6)
    assert make(5).versions[0] != make(5).versions[1]


def answers(text: str) -> list[str]:
    """A key cell's answers: '; ' between them in English, ' ; ' (no-break space first) in French."""
    return re.split(r"\u00a0?; ", text)


def key_banks() -> list[Bank]:
    return [load_bank(BUNDLED_BANK).bank, distinct_bank(40), load_bank(EVERY_TYPE).bank]


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("bank", key_banks(), ids=["bundled", "distinct", "every-type"])
def test_each_key_line_gives_the_answer_of_its_question_as_printed(bank: Bank, lang: str) -> None:
    """Read the key, the grid and the solution back against the printed layout and the bank: each must give the bank's answer."""
    handout = make_handout(bank, versions=3, lang=lang, seed=11)
    for version in handout.versions:
        for item in version.items:
            question, layout = item.question, item.layout
            if isinstance(question, (MultipleChoice, MultipleAnswer)):
                assert isinstance(layout, Boxes) and layout.marks is not None
                right = question.answers if isinstance(question, MultipleAnswer) else (question.answer,)
                named = [layout.printed.index(option) for option in answers(item.answer)]
                assert sorted(layout.options[index] for index in named) == sorted(
                    typographic(question.choices[index][lang], lang) for index in right
                )
                assert list(item.solution) == named
                assert item.grid == ", ".join(layout.marks[index].rstrip(")") for index in named)
            elif isinstance(question, Match):
                assert isinstance(layout, Columns)
                column = question.right_column(lang)
                assert sorted(layout.right) == sorted(typographic(right, lang) for right in column)
                for number, link in enumerate(answers(item.answer), 1):
                    left_number, printed = link.split(" → ")
                    assert int(left_number) == number
                    linked = layout.printed.index(printed)
                    assert layout.right[linked] == typographic(column[question.solution(lang)[number - 1]], lang)
                    assert item.solution[number - 1] == linked
                assert item.grid == " ".join(f"{number}{layout.marks[link].rstrip(')')}" for number, link in enumerate(item.solution, 1))
            elif isinstance(question, Order):
                assert isinstance(layout, Ranking)
                ranks = [int(rank) for rank in item.answer.split(", ")]
                in_place = [entry for _, entry in sorted(zip(ranks, layout.items, strict=True))]
                assert in_place == [typographic(entry[lang], lang) for entry in question.items]
                assert [rank + 1 for rank in item.solution] == ranks
                assert item.grid == item.answer
            elif isinstance(question, Cloze):
                assert isinstance(layout, Sentence)
                deletions = cloze_deletions(question.text[lang])
                keyed = [answer.split(f" ({label('or', lang)} ")[0] for answer in answers(item.answer)]
                assert keyed == [typographic(deletion.answer, lang) for deletion in deletions]
                assert sum(isinstance(part, Blank) for part in layout.parts) == len(deletions)
            elif isinstance(question, ShortAnswer):
                assert item.answer.startswith(typographic(question.answer[lang], lang))
                assert item.grid == typographic(question.answer[lang], lang) + ("*" if question.accept else "")
            else:
                assert isinstance(question, (TrueFalse, Numeric))
                assert item.answer == typographic(answer_text(question, lang), lang)
            if not isinstance(question, (Match, Order)):
                assert item.excerpt == question.source
            assert item.points == question.points


def test_a_match_keys_distractors_and_a_shared_right_side_as_drawn() -> None:
    """Two lefts may share one right side, shown once; a distractor is offered and linked to nothing."""
    both = {"en": "Rome", "fr": "Rome"}
    match = Match(
        id="capitals",
        prompt={"en": "Link.", "fr": "Reliez."},
        pairs=(
            ({"en": "Italy", "fr": "Italie"}, both),
            ({"en": "Lazio", "fr": "Latium"}, both),
            ({"en": "Kenya", "fr": "Kenya"}, {"en": "Nairobi", "fr": "Nairobi"}),
        ),
        distractors=({"en": "Oslo", "fr": "Oslo"},),
    )
    bank = replace(distinct_bank(1), questions=(match,))
    for seed in range(6):
        item = make_handout(bank, seed=seed).versions[0].items[0]
        assert isinstance(item.layout, Columns)
        assert sorted(item.layout.right) == ["Nairobi", "Oslo", "Rome"]
        assert [item.layout.right[link] for link in item.solution] == ["Rome", "Rome", "Nairobi"]
        assert item.grid == " ".join(f"{number}{present_letter(link)}" for number, link in enumerate(item.solution, 1))


def present_letter(index: int) -> str:
    return "abcdefgh"[index]


def test_cloze_and_short_alternatives_are_in_the_key_and_starred_in_the_grid(every_type_bank: Bank) -> None:
    cloze = next(question for question in every_type_bank.questions if isinstance(question, Cloze))
    bank = replace(every_type_bank, questions=(replace(cloze, accept={1: {"en": ("equity",), "fr": ("équité",)}}),))
    for lang, key, grid in [
        ("en", "equality (or equity); fraternity", "equality*; fraternity"),
        ("fr", "égalité (ou équité)\u00a0; fraternité", "égalité*\u00a0; fraternité"),
    ]:
        handout = make_handout(bank, lang=lang)
        item = handout.versions[0].items[0]
        assert (item.answer, item.grid, item.others, handout.alternatives) == (key, grid, True, True)
    assert not make_handout(every_type_bank, types=("mcq", "truefalse", "match")).alternatives


def test_a_group_or_a_leak_is_printed_once_and_the_others_are_said_left_out() -> None:
    bank = distinct_bank(12)
    questions = list(bank.questions)
    questions[0] = replace(questions[0], group="pair")
    questions[5] = replace(questions[5], group="pair")
    # Question 3's answer, shown in question 9's prompt, would give it away.
    assert isinstance(questions[2], ShortAnswer)
    questions[8] = replace(questions[8], prompt={"en": f"Is {questions[2].answer['en']} right?", "fr": "?"})
    bank = replace(bank, questions=tuple(questions))
    printed = [{item.question.id for item in make_handout(bank, seed=seed).versions[0].items} for seed in range(8)]
    for ids in printed:
        assert len(ids) == 10
        assert len(ids & {"q001", "q006"}) == 1
        assert len(ids & {"q003", "q009"}) == 1
    assert len({frozenset(ids) for ids in printed}) > 1  # the seed picks which of a group is printed
    handout = make_handout(bank, seed=0, versions=3)
    assert len(handout.left_out) == 2
    assert all(len({item.question.id for item in version.items} & set(handout.left_out)) == 0 for version in handout.versions)
    with pytest.raises(QuizgenError) as caught:
        make_handout(bank, count=11)
    assert str(caught.value) == (
        "--count 11: distinct.yaml has 12 questions, but only 10 can be printed together "
        "(the others share a group with one of them, or give its answer away; see quizgen check)"
    )
    assert make_handout(bank, count=10).left_out == ()


def test_points_weigh_questions_and_total_each_version() -> None:
    bank = distinct_bank(10, points={2: 3, 7: 0.5})
    handout = make_handout(bank, versions=2)
    assert handout.weighted
    assert [version.total for version in handout.versions] == [11.5, 11.5]
    for version in handout.versions:
        assert {item.question.id: item.points for item in version.items if item.points != 1} == {"q002": 3, "q007": 0.5}
    assert not make_handout(distinct_bank(10)).weighted


def test_a_match_or_an_order_is_never_printed_in_its_right_order(every_type_bank: Bank) -> None:
    printed = set()
    for seed in range(40):
        for version in make_handout(every_type_bank, versions=3, seed=seed, types=("match", "order")).versions:
            for item in version.items:
                layout = item.layout
                if isinstance(layout, Columns):
                    assert layout.right != ("Descartes", "Martin Luther King", "Shakespeare", "Molière")
                else:
                    assert isinstance(layout, Ranking)
                    assert layout.items != ("Mercury", "Venus", "Earth", "Mars")
                printed.add(layout)
    assert len(printed) == 23 + 23  # every arrangement but the right one, of 3 pairs and a distractor, and of 4 items


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
    assert items["cloze"].answer == "equality; fraternity (or brotherhood)"
    assert items["cloze"].grid == "equality; fraternity*"
    assert items["cloze"].prompt == "Complete the motto."
    assert items["match"].instruction == "Link each item on the left to one on the right."
    assert items["order"].instruction == "Number the boxes in order, from 1."


def test_count_picks_the_same_questions_for_every_version_from_the_seed() -> None:
    bank = distinct_bank(40)

    def picked(seed: int) -> set[str]:
        return {question.id for question in select_questions(bank, count=10, seed=seed)}

    assert len(picked(1)) == 10
    assert picked(1) == picked(1)
    assert picked(1) != picked(2)
    assert len(select_questions(bank)) == 40


def test_filters_keep_questions_with_any_tag_and_any_type(every_type_bank: Bank) -> None:
    chosen = select_questions(every_type_bank, tags=("science", "literature"), types=("truefalse", "short", "mcq"))
    assert [question.id for question in chosen] == ["earth-flat-tf", "author-short"]


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
        ("Que préfère-t-il ? Que dit-elle ?", "fr", "Que préfère-\u2060t-\u2060il\u00a0? Que dit-\u2060elle\u00a0?"),
        ("Y a-t-on pensé ? Viennent-ils ?", "fr", "Y a-\u2060t-\u2060on pensé\u00a0? Viennent-\u2060ils\u00a0?"),
        ("peut-être, Saint-Étienne, rendez-vous", "fr", "peut-être, Saint-Étienne, rendez-vous"),
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


# The command


def invoke(arguments: list[str], **kwargs: object) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["handout", *arguments], **kwargs)  # type: ignore[arg-type]
    return result.exit_code, result.output


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


SHEETS = "Wrote {name}: {what}; seed {seed}"


@pytest.mark.parametrize(
    ("arguments", "files"),
    [
        (
            [],
            {
                "every-type-handout.pdf": "1 version (A) of 8 questions",
                "every-type-key.pdf": "the grading grid and answer key of 1 version (A) of 8 questions",
            },
        ),
        (["--versions", "2", "--no-key"], {"every-type-handout.pdf": "2 versions (A and B) of 8 questions"}),
        (
            ["--versions", "3", "--key-only", "--seed", "4"],
            {"every-type-key.pdf": "the grading grid and answer keys of 3 versions (A to C) of 8 questions"},
        ),
        (
            ["--versions", "3", "--combined"],
            {"every-type-handout.pdf": "3 versions (A to C) of 8 questions, then the grading grid and their answer keys"},
        ),
        (
            ["--format", "html", "--count", "3"],
            {
                "every-type-handout.html": "1 version (A) of 3 questions",
                "every-type-key.html": "the grading grid and answer key of 1 version (A) of 3 questions",
            },
        ),
        (
            ["-o", "sheets/monday.md", "--tag", "science"],
            {
                "sheets/monday.md": "1 version (A) of 2 questions",
                "sheets/monday-key.md": "the grading grid and answer key of 1 version (A) of 2 questions",
            },
        ),
        (["-o", "monday.HTML", "--no-key"], {"monday.HTML": "1 version (A) of 8 questions"}),
        (
            ["-o", "monday.htm", "--format", "html", "--key-only"],
            {"monday.htm": "the grading grid and answer key of 1 version (A) of 8 questions"},
        ),
        (
            ["-o", "notes.markdown", "--combined"],
            {"notes.markdown": "1 version (A) of 8 questions, then the grading grid and its answer key"},
        ),
        (
            ["-o", "x/class-handout.PDF", "--format", "pdf"],
            {
                "x/class-handout.PDF": "1 version (A) of 8 questions",
                "x/class-key.PDF": "the grading grid and answer key of 1 version (A) of 8 questions",
            },
        ),
        (["-o", "many.md", "--versions", "28", "--no-key"], {"many.md": "28 versions (A to AB) of 8 questions"}),
        (["--difficulty", "2-3", "-o", "hard.md", "--no-key"], {"hard.md": "1 version (A) of 6 questions"}),
        (["--difficulty", "1", "--type", "mcq", "-o", "easy.md", "--no-key"], {"easy.md": "1 version (A) of 1 question"}),
    ],
)
def test_handout_writes_and_says_what(here: Path, arguments: list[str], files: dict[str, str]) -> None:
    seed = arguments[arguments.index("--seed") + 1] if "--seed" in arguments else "0"
    summary = "".join(SHEETS.format(name=name, what=what, seed=seed) + "\n" for name, what in files.items())
    assert invoke([str(EVERY_TYPE), *arguments]) == (0, summary)
    written = sorted(str(path.relative_to(here)) for path in here.rglob("*") if path.is_file())
    assert written == sorted(files)
    for name in files:
        data = (here / name).read_bytes()
        format = SUFFIXES[Path(name).suffix.lower()]
        assert data.startswith({"pdf": b"%PDF-", "html": b"<!DOCTYPE html>", "md": b"# "}[format])


@pytest.mark.parametrize(
    ("sheets", "key"),
    [
        ("monday.pdf", "monday-key.pdf"),
        ("viva-handout.html", "viva-key.html"),
        ("a/b.c.md", "a/b.c-key.md"),
        ("handout.md", "handout-key.md"),
    ],
)
def test_the_key_goes_beside_the_sheets(sheets: str, key: str) -> None:
    assert key_path(Path(sheets)) == Path(key)


def test_the_key_file_holds_no_sheet_and_the_sheets_no_key(here: Path) -> None:
    assert invoke([str(EVERY_TYPE), "--format", "md", "--versions", "2"])[0] == 0
    sheets = (here / "every-type-handout.md").read_text(encoding="utf-8")
    key = (here / "every-type-key.md").read_text(encoding="utf-8")
    assert "Answer key" not in sheets and "Grading grid" not in sheets and "Victor Hugo" not in sheets
    assert key.startswith("# Grading grid\n") and "— Version A" not in key and "Victor Hugo" in key
    assert invoke([str(EVERY_TYPE), "--format", "md", "--versions", "2", "--combined", "-o", "both.md"])[0] == 0
    assert (here / "both.md").read_text(encoding="utf-8") == sheets + PAGE_BREAK + key


def test_left_out_questions_are_reported() -> None:
    bank = distinct_bank(20)
    grouped = tuple(replace(question, group="one") if number % 3 == 0 else question for number, question in enumerate(bank.questions))
    handout = make_handout(replace(bank, questions=grouped), seed=2)
    summary = Written(handout, (File(Path("x.md"), "sheets", ""),)).summary().splitlines()
    assert len(handout.left_out) == 6
    assert summary == [
        "Wrote x.md: 1 version (A) of 14 questions; seed 2",
        f"Left out 6 questions, each in a group with a printed one or giving its answer away: {', '.join(handout.left_out[:5])}, … "
        "(quizgen check lists why)",
    ]


def test_the_same_command_writes_the_same_bytes_twice(here: Path) -> None:
    for format in ("pdf", "html", "md"):
        arguments = [str(EVERY_TYPE), "--versions", "2", "--format", format, "--lang", "fr"]
        invoke([*arguments, "-o", f"first.{format}"])
        invoke([*arguments, "-o", f"second.{format}"])
        assert (here / f"first.{format}").read_bytes() == (here / f"second.{format}").read_bytes()
        assert (here / f"first-key.{format}").read_bytes() == (here / f"second-key.{format}").read_bytes()


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
@pytest.mark.parametrize("output", [[], ["--no-key", "-o", "-"]])
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
    assert invoke([str(EVERY_TYPE), "--format", format, "--no-key"]) == (
        0,
        f"Wrote every-type-handout.{format}: 1 version (A) of 8 questions; seed 0\n",
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
        (["--count", "0"], 2, "Error: Invalid value for '-n' / '--count': 0 is not in the range x>=1.\n"),
        (["--paper", "a3"], 2, "Error: Invalid value for '--paper': 'a3' is not one of 'a4', 'letter'.\n"),
        (["--key-only", "--no-key"], 2, "Error: --key-only and --no-key contradict each other; give one of them.\n"),
        (["--combined", "--no-key"], 2, "Error: --no-key and --combined contradict each other; give one of them.\n"),
        (["--key-only", "--combined"], 2, "Error: --key-only and --combined contradict each other; give one of them.\n"),
        (["-o", "-"], 1, "Error: -o - writes one file; add --no-key (the sheets), --key-only (the key) or --combined (both in one)\n"),
        (
            ["--format", "md", "-o", "-"],
            1,
            "Error: -o - writes one file; add --no-key (the sheets), --key-only (the key) or --combined (both in one)\n",
        ),
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
        (["--no-key"], "file.pdf", b"%PDF-"),
        (["--format", "pdf", "--versions", "28", "--no-key"], "file.pdf", b"%PDF-"),
        (["--format", "html", "--combined"], "file.html", b"<!DOCTYPE html>\n"),
        (["--format", "md", "--key-only"], "file.md", b"# Grading grid\n"),
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
        (["--no-key", "-o", "-"], 1, b""),
        (["--format", "pdf", "--key-only", "-o", "-"], 1, b""),
        (["--format", "html", "--no-key", "-o", "-"], 0, b"<!DOCTYPE html>\n"),
        (["--format", "md", "--combined", "-o", "-"], 0, b"# Every type"),
        (["-o", "sheet.pdf"], 0, b"Wrote sheet.pdf: 1 version (A) of 8 questions"),
    ],
)
def test_a_pdf_is_not_printed_on_a_terminal(
    here: Path, monkeypatch: pytest.MonkeyPatch, arguments: list[str], code: int, start: bytes
) -> None:
    """As curl does: a PDF's bytes would garble the screen. Text formats, and files, are written as usual."""
    monkeypatch.setattr(output, "stdout_is_terminal", lambda: True)
    result = CliRunner().invoke(cli, ["handout", str(EVERY_TYPE), *arguments])
    assert result.exit_code == code
    if code:
        refusal = "Error: refusing to write a PDF to the terminal; redirect it: quizgen handout --no-key -o - > worksheet.pdf\n"
        assert (result.stdout, result.stderr) == ("", refusal)
        assert not any(here.iterdir())
    else:
        assert result.stdout_bytes.startswith(start)


def test_the_terminal_check_reads_standard_output(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdout", Terminal())
    assert output.stdout_is_terminal()
    monkeypatch.setattr("sys.stdout", io.StringIO())
    assert not output.stdout_is_terminal()


def test_dash_prints_nothing_on_standard_output_when_the_build_fails(here: Path) -> None:
    result = CliRunner().invoke(cli, ["handout", str(EVERY_TYPE), "--lang", "de", "--no-key", "-o", "-"])
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
    monkeypatch.setattr(output, "to_html", fail)
    monkeypatch.setattr(output, "to_markdown", fail)
    assert invoke([str(EVERY_TYPE), "-o", str(old)]) == (1, "Error: the renderer broke\n")
    assert old.read_text() == "yesterday's handout"
    assert [path.name for path in here.iterdir()] == [old.name]


def test_a_key_that_fails_to_build_leaves_the_old_sheets_untouched(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file is rendered before any is written: the sheets are not replaced when the key fails."""
    real = output.to_markdown

    def key_fails(handout: Handout, contents: str = "both") -> str:
        if contents == "key":
            raise QuizgenError("the key broke")
        return real(handout, contents)  # type: ignore[arg-type]

    (here / "sheet.md").write_text("yesterday's sheets")
    monkeypatch.setattr(output, "to_markdown", key_fails)
    assert invoke([str(EVERY_TYPE), "-o", "sheet.md"]) == (1, "Error: the key broke\n")
    assert [path.name for path in here.iterdir()] == ["sheet.md"]
    assert (here / "sheet.md").read_text() == "yesterday's sheets"


def test_the_bundled_bank_prints_without_arguments(here: Path) -> None:
    code, shown = invoke(["--format", "md", "--versions", "2", "--count", "5"])
    assert (code, shown) == (
        0,
        demo_notice(here) + "\n"
        "Wrote viva-technology-2016-handout.md: 2 versions (A and B) of 5 questions; seed 0\n"
        "Wrote viva-technology-2016-key.md: the grading grid and answer keys of 2 versions (A and B) of 5 questions; seed 0\n",
    )
    assert (
        (here / "viva-technology-2016-handout.md")
        .read_text(encoding="utf-8")
        .startswith("# Viva Technology 2016\u00a0: Cisco, Amazon et Wikipedia — Version A\n")
    )


def test_help_has_an_example() -> None:
    code, shown = invoke(["--help"])
    assert code == 0
    assert "  Example:\n      quizgen handout questions.yaml --versions 3 --count 10 --lang fr\n" in shown


@pytest.mark.parametrize(("duplex", "pages"), [([], 5), (["--duplex"], 5), (["--no-duplex"], 3)])
def test_duplex_is_the_default_for_a_pdf(here: Path, duplex: list[str], pages: int) -> None:
    """Three one-page versions: a page is left blank after A and after B, unless --no-duplex."""
    assert invoke([str(EVERY_TYPE), "--versions", "3", "--type", "mcq", "--type", "truefalse", "--no-key", *duplex])[0] == 0
    assert len(pypdf.PdfReader(here / "every-type-handout.pdf").pages) == pages


def test_a_match_keys_the_excerpt_of_each_pair_once(every_type_bank: Bank) -> None:
    match = next(question for question in every_type_bank.questions if isinstance(question, Match))
    assert match.source == match.pair_sources[0] == "Descartes, King and Shakespeare are quoted."
    alone = replace(every_type_bank, questions=(match,))
    assert make_handout(alone).versions[0].items[0].excerpt == "Descartes, King and Shakespeare are quoted."
    sourced = replace(match, source=None, pair_sources=("Cogito.", None, "Hamlet, act 3."))
    item = make_handout(replace(every_type_bank, questions=(sourced,))).versions[0].items[0]
    assert item.excerpt == "Cogito. … Hamlet, act 3."
    assert make_handout(replace(every_type_bank, questions=(replace(sourced, pair_sources=()),))).versions[0].items[0].excerpt is None

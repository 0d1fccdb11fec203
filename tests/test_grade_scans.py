"""`quizgen grade` on scans made as a class and a copier would: every answer read right or flagged, never wrong unflagged.

The scans come from the real answer-sheet PDF, filled in with pen-like marks
(some light, some crossed out and marked again, some erased) and then turned,
scaled, shifted, blurred and made noisy at 150, 200 and 300 dpi, saved as
PDF, PNG, JPEG and TIFF (tests/grade_scans.py). The benchmark runs the same on
200 pages.
"""

from __future__ import annotations

import csv
import io
import json
import random
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from click.testing import CliRunner

from quizgen.cli import cli
from quizgen.grade.key import Key, read_key

from .conftest import BANKS, BUNDLED_BANK

if TYPE_CHECKING:
    from . import grade_scans

PAGES = 24


@dataclass
class Graded:
    folder: Path
    key: Key
    pile: grade_scans.Pile
    exit_code: int
    output: str
    data: dict[str, Any]
    rows: list[dict[str, str]]
    extra: dict[str, Path]


def make_sheets(bank: Path, folder: Path, *options: str) -> tuple[Key, bytes]:
    result = CliRunner().invoke(cli, ["handout", str(bank), "--answer-sheet", "-o", str(folder / "handout.pdf"), *options])
    assert result.exit_code == 0, result.output
    slug = next(folder.glob("*-key.json")).name.removesuffix("-key.json")
    return read_key(folder / f"{slug}-key.json"), (folder / f"{slug}-answer-sheets.pdf").read_bytes()


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> Graded:
    # The simulator needs numpy and OpenCV, which start threads: imported here, not at collection (see conftest.py).
    from . import grade_scans

    folder = tmp_path_factory.mktemp("grade")
    (folder / "sheets").mkdir()
    key, sheets = make_sheets(BUNDLED_BANK, folder / "sheets", "--versions", "5", "--count", "14")
    (folder / "scans").mkdir()
    pile = grade_scans.make_pile(key, sheets, PAGES, folder / "scans", seed=11)
    rng = random.Random(3)
    extra = {"blank": grade_scans.save_png(folder / "scans" / "blank.png", grade_scans.blank_scan(1654, 2339, rng))}
    (folder / "other").mkdir()
    other_key, other_sheets = make_sheets(BANKS / "every-type.yaml", folder / "other")
    other = grade_scans.fill_page(other_key, "A", 1, grade_scans.render_pages(other_sheets, 200)[0], 200, rng)
    extra["other"] = grade_scans.save_png(folder / "scans" / "other-bank.png", grade_scans.copier(other.image, 200, rng))
    twice = next(path for path in pile.files if path.suffix == ".png")
    extra["twice"] = Path(shutil.copy(twice, folder / "scans" / "again.png"))
    extra["first"] = twice
    output = folder / "out" / "results.csv"
    scans = [*pile.files, *extra.values()][:-1]
    result = CliRunner().invoke(
        cli,
        [
            "grade",
            *map(str, scans),
            "--key",
            str(folder / "sheets" / "viva-technology-2016-key.json"),
            "-o",
            str(output),
            "--annotate",
            str(folder / "checked"),
        ],
    )
    data = json.loads(output.with_suffix(".json").read_text(encoding="utf-8")) if output.exists() else {}
    rows = list(csv.DictReader(io.StringIO(output.read_text(encoding="utf-8")))) if output.exists() else []
    return Graded(folder, key, pile, result.exit_code, result.output, data, rows, extra)


def drawn_pages(graded: Graded, student: dict[str, Any]) -> list[grade_scans.Drawn]:
    return [
        graded.pile.drawn[(page["scan"], page["page"])] for page in student["pages"] if (page["scan"], page["page"]) in graded.pile.drawn
    ]


def test_grade_reports_what_it_read(graded: Graded) -> None:
    doubts = sum(student["doubts"] for student in graded.data["students"])
    students = len(graded.data["students"])
    out = graded.folder / "out" / "results.csv"
    assert graded.exit_code == 0
    assert graded.output == (
        f"Read {PAGES + 1} pages of {PAGES + 3}: {students} students, {doubts} doubtful answers to check; wrote {out} and {out.with_suffix('.json')}\n"
        f"unreadable: {graded.extra['blank']} page 1: no quizgen QR code (a blank page, a page that is not an answer sheet, or a scan too faint)\n"
        f"unreadable: {graded.extra['other']} page 1: a sheet of another bank or printing (its code is "
        f"{read_key(graded.folder / 'other' / 'every-type-key.json').fingerprint}, the key's is {graded.key.fingerprint})\n"
        f"seen twice: student {graded.pile.drawn[(str(graded.extra['first']), 1)].student}, version "
        f"{graded.pile.drawn[(str(graded.extra['first']), 1)].version} page {graded.pile.drawn[(str(graded.extra['first']), 1)].page.number}: "
        f"{graded.extra['first']} page 1 and {graded.extra['twice']} page 1\n"
    )


def test_every_answer_is_read_right_or_flagged(graded: Graded) -> None:
    """No bubble read wrong without a flag; a doubt only where a mark was light, crossed out or erased."""
    read = flagged = 0
    for student in graded.data["students"]:
        pages = drawn_pages(graded, student)
        if not pages:
            continue
        assert student["student"] == pages[0].student
        for question in student["questions"]:
            drawn = next(page for page in pages if any(b.question == question["number"] for b in page.page.bubbles))
            if question["doubt"] is not None:
                assert drawn.unsure(question["number"]), question
                flagged += 1
                continue
            marked = {(b["row"], b["column"]) for b in question["bubbles"] if b["state"] == "filled"}
            assert marked == drawn.meant(question["number"]), question
            read += 1
    assert read > 3 * flagged


def test_totals_match_the_marks_drawn(graded: Graded) -> None:
    """Each row's total is the points its unflagged answers earn, scored from the marks drawn; with no doubt, the whole total."""
    from . import grade_scans

    by_version = {version.letter: version for version in graded.key.versions}
    without_doubt = 0
    for student, row in zip(graded.data["students"], graded.rows, strict=False):
        pages = drawn_pages(graded, student)
        if not pages:
            continue
        version = by_version[student["version"]]
        expected = 0.0
        for question in student["questions"]:
            drawn = next(page for page in pages if any(b.question == question["number"] for b in page.page.bubbles))
            points = grade_scans.expected_points(version.questions[question["number"] - 1], drawn.meant(question["number"]))
            if question["doubt"] is None:
                assert question["points"] == points
                expected += points
        assert row["student"] == student["student"]
        assert float(row["total"]) == pytest.approx(expected)
        assert int(row["doubts"]) == student["doubts"]
        without_doubt += student["doubts"] == 0
    assert without_doubt >= 2
    assert len(graded.rows) == len(graded.data["students"]) + 2


def test_a_sheet_over_two_pages_gives_one_row_per_student(tmp_path: Path) -> None:
    """Every type (true/false too) four times over needs two pages: each student's two pages make one row, read right or flagged."""
    from dataclasses import replace

    from quizgen.bank import load_bank
    from quizgen.grade.render import make_key, to_pdf
    from quizgen.grade.results import grade
    from quizgen.grade.sheet import lay_out, signed
    from quizgen.handouts import make_handout

    from . import grade_scans

    bank = load_bank(BANKS / "every-type.yaml").bank
    small = make_key(bank, make_handout(bank, versions=1), student_digits=6)
    questions = tuple(
        replace(question, number=round * 8 + question.number, id=f"{question.id}-{round}")
        for round in range(4)
        for question in small.versions[0].questions
    )
    key = signed(replace(small, versions=(replace(small.versions[0], questions=questions),)))
    pages = lay_out(key, key.versions[0])
    assert len(pages) == 2
    pile = grade_scans.make_pile(key, to_pdf(key), 4, tmp_path, seed=5, dpis=(200,))
    grading, sheets = grade(pile.files, key)
    assert grading.unreadable == ()
    students = {drawn.student for drawn in pile.drawn.values()}
    assert len(students) == 2
    assert sorted((student.number or "", len(student.questions)) for student in grading.students) == sorted(
        (number, 32) for number in students
    )
    for sheet in sheets:
        drawn = pile.drawn[(sheet.located.scan.source, sheet.located.scan.index)]
        for read in sheet.questions:
            marked = {(b.measure.bubble.row, b.measure.bubble.column) for b in read.bubbles if b.state == "filled"}
            assert (read.doubt is not None and drawn.unsure(read.question.number)) or marked == drawn.meant(read.question.number)


def test_an_upside_down_page_is_turned_and_read(graded: Graded) -> None:
    upside_down = [key for key in graded.pile.drawn if key[0].endswith("scan-007.png")]
    assert upside_down
    assert any(page["scan"] == upside_down[0][0] for student in graded.data["students"] for page in student["pages"])


def test_unreadable_pages_are_in_the_results_with_their_reason(graded: Graded) -> None:
    assert [(page["scan"], page["reason"].split(" (")[0]) for page in graded.data["unreadable"]] == [
        (str(graded.extra["blank"]), "no quizgen QR code"),
        (str(graded.extra["other"]), "a sheet of another bank or printing"),
    ]
    assert [row["notes"].split(":")[0] for row in graded.rows[-2:]] == ["unreadable", "unreadable"]


def test_checking_images_and_name_boxes_are_written(graded: Graded) -> None:
    import cv2

    checked = sorted((graded.folder / "checked").iterdir())
    assert len(checked) == PAGES + 1
    image = cv2.imread(str(checked[0]))
    assert image.shape == (1485, 1050, 3)
    for row in graded.rows[:-2]:
        name = cv2.imread(row["name_image"], cv2.IMREAD_GRAYSCALE)
        assert name is not None
        # The straightened name box: its printed frame runs along its edges, its inside is paper.
        assert name[name.shape[0] // 2, name.shape[1] // 2] > 150


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["missing.pdf", "--key", "key.json"], "Error: no such scan: missing.pdf\n"),
        (
            ["scan.png", "--key", "key.json", "-o", "results.txt"],
            "Error: results.txt: the results file's name ends in .csv (results.json is written beside it)\n",
        ),
        (["scan.png", "--key", "none.json"], "Error: none.json: no such key file\n"),
    ],
)
def test_grade_refuses_bad_arguments(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, arguments: list[str], message: str) -> None:
    monkeypatch.chdir(tmp_path)
    Path("scan.png").write_bytes(b"")
    Path("key.json").write_text("{}", encoding="utf-8")
    result = CliRunner().invoke(cli, ["grade", *arguments])
    assert (result.exit_code, result.output) == (1, message)


def test_a_page_with_a_corner_cut_off_is_read_from_three_markers(graded: Graded, tmp_path: Path) -> None:
    """A copier may cut off a corner of a shifted page: three markers still place every bubble; two missing stop the page."""
    import cv2

    from quizgen.grade.results import grade

    source = next(path for path in graded.pile.files if path.suffix == ".png")
    image = cv2.imread(str(source), cv2.IMREAD_GRAYSCALE)
    height, width = image.shape
    corner = round(width * 25 / 210)
    one = image.copy()
    one[height - corner :, width - corner :] = 240
    two = one.copy()
    two[:corner, :corner] = 240
    cv2.imwrite(str(tmp_path / "one.png"), one)
    cv2.imwrite(str(tmp_path / "two.png"), two)
    _, whole_sheets = grade([source], graded.key)
    cut, cut_sheets = grade([tmp_path / "one.png", tmp_path / "two.png"], graded.key)
    states = [[(b.measure.bubble, b.state) for q in sheet.questions for b in q.bubbles] for sheet in (*whole_sheets, *cut_sheets)]
    assert states[0] == states[1]
    assert [(page.source, page.reason) for page in cut.unreadable] == [
        (str(tmp_path / "two.png"), "the top left and bottom right corner markers are missing (the page is cut, folded or not flat)")
    ]

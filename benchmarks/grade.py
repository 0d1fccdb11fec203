"""Grading scanned answer sheets: how many are read right, flagged, or wrong, and how fast.

    python benchmarks/grade.py [PAGES] [FOLDER]

Makes the bundled bank's answer sheets (5 versions of 14 questions), fills
PAGES of them in as students would and scans them as a copier would
(tests/grade_scans.py: 150, 200 and 300 dpi, PDF and PNG, turned, scaled,
shifted, blurred, noisy, a few upside down), grades them, then checks every
question against the marks drawn: right, doubtful (flagged for the teacher),
or wrong without a flag (which must never happen). Then times `grade` on
100 pages scanned at 200 dpi, as one PDF and as PNG files.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import grade_scans  # noqa: E402

from quizgen.bank import load_bank  # noqa: E402
from quizgen.grade.marks import SheetResult  # noqa: E402
from quizgen.grade.render import make_key, to_pdf  # noqa: E402
from quizgen.grade.results import grade  # noqa: E402
from quizgen.handouts import make_handout  # noqa: E402


def check(sheets: list[SheetResult], pile: grade_scans.Pile) -> dict[str, int]:
    """Every question read right, or flagged; counts of each, and of wrong readings left unflagged."""
    tally = {"pages": len(sheets), "questions": 0, "right": 0, "doubtful": 0, "doubtful_without_a_trick": 0, "wrong_unflagged": 0}
    tally |= {"students_right": 0, "student_doubtful": 0, "student_wrong": 0}
    for sheet in sheets:
        drawn = pile.drawn[(sheet.located.scan.source, sheet.located.scan.index)]
        if sheet.student_doubt:
            tally["student_doubtful"] += 1
            print(f"student number doubtful on {sheet.located.scan.name}: {sheet.student_doubt}")
        elif sheet.student == drawn.student:
            tally["students_right"] += 1
        else:
            tally["student_wrong"] += 1
        for read in sheet.questions:
            tally["questions"] += 1
            number = read.question.number
            if read.doubt is not None:
                tally["doubtful"] += 1
                if not drawn.unsure(number):
                    tally["doubtful_without_a_trick"] += 1
                    seen = [
                        (b.measure.bubble.row, b.measure.bubble.column, round(b.measure.darkness, 2), round(b.measure.spill, 2))
                        for b in read.bubbles
                    ]
                    inked = [m for m in seen if m[2] > 0.15]
                    print(f"doubt without a trick on {sheet.located.scan.name} question {number}: {read.doubt}; {inked}")
                continue
            marked = {(b.measure.bubble.row, b.measure.bubble.column) for b in read.bubbles if b.state == "filled"}
            meant = drawn.meant(number)
            if marked == meant and read.points == grade_scans.expected_points(read.question, meant):
                tally["right"] += 1
            else:
                tally["wrong_unflagged"] += 1
                where = f"{sheet.located.scan.name} question {number} ({read.question.type})"
                print(f"WRONG {where}: read {sorted(marked)}, drawn {sorted(meant)}")
    return tally


def main() -> None:
    pages = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    bank = load_bank(ROOT / "questions.yaml").bank
    key = make_key(bank, make_handout(bank, versions=5, count=14))
    sheets_pdf = to_pdf(key)
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        pile = grade_scans.make_pile(key, sheets_pdf, pages, folder, seed=2026)
        print(f"made {pages} scans in {time.perf_counter() - started:.1f} s")
        grading, sheets = grade(pile.files, key)
        print(f"unreadable: {[(page.source, page.index, page.reason) for page in grading.unreadable]}")
        for name, value in check(sheets, pile).items():
            print(f"{name:>26}: {value}")

        speed = folder / "speed"
        speed.mkdir(exist_ok=True)
        rng = random.Random(7)
        base = grade_scans.render_pages(sheets_pdf, 200)
        scans = [
            grade_scans.copier(grade_scans.fill_page(key, key.versions[n % 5].letter, 1, base[n % 5], 200, rng).image, 200, rng)
            for n in range(100)
        ]
        pdf = grade_scans.save_pdf(speed / "class.pdf", scans, 200)
        pngs = [grade_scans.save_png(speed / f"{n:03d}.png", scan) for n, scan in enumerate(scans)]
        for name, files in (("one 100-page PDF", [pdf]), ("100 PNG files", pngs)):
            started, cpu = time.perf_counter(), time.process_time()
            result, _ = grade(files, key)
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
            # On a busy machine the wall clock also counts other programs' turns; the CPU time is this process's own.
            print(
                f"{name} at 200 dpi: {len(result.students)} students in {elapsed:.2f} s ({100 / elapsed:.1f} pages/s), "
                f"{cpu:.2f} s of CPU ({100 / cpu:.1f} pages per CPU second)"
            )


if __name__ == "__main__":
    main()

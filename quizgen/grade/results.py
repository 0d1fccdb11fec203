"""`quizgen grade`: every scan page read, sheets gathered per student, and results.csv, results.json and checking images written.

A student's row gathers the pages of one student number and version (a sheet
may run over several pages). A page without a readable student number makes a
row of its own; a number read on two sheets of the same page is reported, and
both rows are kept for the teacher to sort out.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import QuizgenError, count
from ..files import write_atomic
from .key import Key, read_key
from .marks import QuestionResult, SheetResult, read_sheet, state
from .scan import Located, Unreadable, locate, scan_pages
from .sheet import RADIUS

NAME_SCALE = 6.0
"""Pixels per millimetre of the name-box pictures."""
ANNOTATE_SCALE = 5.0
"""Pixels per millimetre of the checking images (A4: 1050 x 1485)."""
COLOURS = {
    "right": (40, 160, 40),
    "wrong": (30, 30, 220),
    "doubtful": (0, 140, 255),
    "expected": (40, 160, 40),
    "partial": (0, 110, 170),
    "info": (200, 90, 30),
}
"""BGR colours of the checking images: green right, red wrong, orange doubtful, blue what is only information."""


@dataclass
class Student:
    """One row of the results: the sheets of one student number and version."""

    number: str | None
    version: str
    sheets: list[SheetResult] = field(default_factory=list)
    name_image: str = ""
    seen_twice: str | None = None
    """The other scan page that bears this student number, version and page."""

    @property
    def questions(self) -> list[QuestionResult]:
        return sorted((q for sheet in self.sheets for q in sheet.questions), key=lambda q: q.question.number)

    @property
    def total(self) -> float:
        return round(sum(q.points or 0.0 for q in self.questions), 2)

    @property
    def missing_pages(self) -> list[int]:
        """Pages of the sheet that no scan gave for this student: their questions are not in the total."""
        pages = self.sheets[0].located.page.pages
        return sorted(set(range(1, pages + 1)) - {sheet.located.page.number for sheet in self.sheets})

    @property
    def doubts(self) -> int:
        return sum(sheet.doubts for sheet in self.sheets) + bool(self.missing_pages)

    @property
    def doubt_notes(self) -> list[str]:
        notes = [sheet.student_doubt for sheet in self.sheets if sheet.student_doubt]
        notes += [f"student number seen twice: also on {self.seen_twice}"] if self.seen_twice else []
        if self.missing_pages:
            pages = self.sheets[0].located.page.pages
            notes.append(f"page {', '.join(map(str, self.missing_pages))} of {pages} not scanned (or its student number not read)")
        return notes + [f"question {q.question.number} ({q.question.id}): {q.doubt}" for q in self.questions if q.doubt]


@dataclass(frozen=True)
class Grading:
    """What `grade` read: the students, the pages it could not read, and the student numbers seen twice."""

    key: Key
    students: tuple[Student, ...]
    unreadable: tuple[Unreadable, ...]
    duplicates: tuple[str, ...]
    pages: int

    def summary(self, output: Path) -> str:
        doubts = sum(student.doubts for student in self.students)
        lines = [
            f"Read {count(self.pages - len(self.unreadable), 'page')} of {self.pages}: "
            f"{count(len(self.students), 'student')}, {count(doubts, 'doubtful answer')} to check; wrote {output} "
            f"and {output.with_suffix('.json')}"
        ]
        lines += [f"unreadable: {page.source} page {page.index}: {page.reason}" for page in self.unreadable]
        lines += [f"seen twice: {duplicate}" for duplicate in self.duplicates]
        return "\n".join(lines)


def grade(scans: Iterable[Path], key: Key, progress: Callable[[int], None] | None = None) -> tuple[Grading, list[SheetResult]]:
    """Read every page of every scan against the key, and gather the sheets per student."""
    sheets: list[SheetResult] = []
    unreadable: list[Unreadable] = []
    pages = 0
    for item in scan_pages(list(scans)):
        pages += 1
        found = item if isinstance(item, Unreadable) else locate(item, key)
        if isinstance(found, Unreadable):
            unreadable.append(found)
        else:
            version = key.version(found.version)
            assert version is not None
            sheets.append(read_sheet(found, version))
        if progress is not None:
            progress(pages)
    students, duplicates = gather(sheets)
    return Grading(key, tuple(students), tuple(unreadable), tuple(duplicates), pages), sheets


def gather(sheets: list[SheetResult]) -> tuple[list[Student], list[str]]:
    students: dict[tuple[str, str], Student] = {}
    rows: list[Student] = []
    duplicates = []
    for sheet in sheets:
        located = sheet.located
        if sheet.student is None or sheet.student_doubt is not None:
            rows.append(Student(sheet.student, located.version, [sheet]))
            continue
        student = students.get((sheet.student, located.version))
        if student is None:
            student = students[(sheet.student, located.version)] = Student(sheet.student, located.version)
            rows.append(student)
        twin = next((other for other in student.sheets if other.located.page.number == located.page.number), None)
        if twin is not None:
            where = f"version {located.version} page {located.page.number}"
            duplicates.append(f"student {sheet.student}, {where}: {twin.located.scan.name} and {located.scan.name}")
            rows.append(Student(sheet.student, located.version, [sheet], seen_twice=twin.located.scan.name))
            continue
        student.sheets.append(sheet)
    numbers: dict[str, set[str]] = {}
    for student in students.values():
        numbers.setdefault(student.number or "", set()).add(student.version)
    duplicates += [
        f"student {number} on sheets of versions {', '.join(sorted(versions))}" for number, versions in numbers.items() if len(versions) > 1
    ]
    return rows, duplicates


# Files


def question_columns(key: Key) -> list[str]:
    """Every question id once, in the first version's order (every version holds the same questions)."""
    return list(dict.fromkeys(q.id for version in key.versions for q in version.questions))


def to_csv(grading: Grading) -> str:
    ids = question_columns(grading.key)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "student",
            "name_image",
            "version",
            *(f"{i} {part}" for i in ids for part in ("answer", "points")),
            "total",
            "out_of",
            "doubts",
            "notes",
        ]
    )
    for student in grading.students:
        by_id = {q.question.id: q for q in student.questions}
        cells: list[str] = []
        for question_id in ids:
            read = by_id.get(question_id)
            cells += (
                ["", ""] if read is None else [read.answer + ("?" if read.doubt else ""), "" if read.points is None else f"{read.points:g}"]
            )
        version = grading.key.version(student.version)
        out_of = version.total if version is not None else 0.0
        notes = "; ".join(student.doubt_notes)
        writer.writerow(
            [student.number or "", student.name_image, student.version, *cells, f"{student.total:g}", f"{out_of:g}", student.doubts, notes]
        )
    for page in grading.unreadable:
        writer.writerow(["", "", "", *([""] * 2 * len(ids)), "", "", "", f"unreadable: {page.source} page {page.index}: {page.reason}"])
    return out.getvalue()


def to_json(grading: Grading) -> str:
    def question(read: QuestionResult) -> dict[str, Any]:
        return {
            "number": read.question.number,
            "id": read.question.id,
            "answer": read.answer,
            "points": read.points,
            "out_of": read.question.points,
            "doubt": read.doubt,
            "bubbles": [
                {
                    "row": b.measure.bubble.row,
                    "column": b.measure.bubble.column,
                    "sheet_mm": [round(b.measure.bubble.x, 2), round(b.measure.bubble.y, 2)],
                    "scan_px": [round(b.measure.x, 1), round(b.measure.y, 1)],
                    "darkness": round(b.measure.darkness, 3),
                    "spill": round(b.measure.spill, 3),
                    "state": b.state,
                    "right": b.right,
                }
                for b in read.bubbles
            ],
        }

    data = {
        "key": {"slug": grading.key.slug, "fingerprint": grading.key.fingerprint},
        "students": [
            {
                "student": student.number,
                "name_image": student.name_image,
                "version": student.version,
                "pages": [
                    {"scan": sheet.located.scan.source, "page": sheet.located.scan.index, "sheet_page": sheet.located.page.number}
                    for sheet in student.sheets
                ],
                "total": student.total,
                "doubts": student.doubts,
                "doubt_notes": student.doubt_notes,
                "questions": [question(q) for q in student.questions],
            }
            for student in grading.students
        ],
        "unreadable": [{"scan": page.source, "page": page.index, "reason": page.reason} for page in grading.unreadable],
        "seen_twice": list(grading.duplicates),
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def page_stem(located: Located) -> str:
    return f"{Path(located.scan.source).stem}-p{located.scan.index}"


def encode_png(image: Any) -> bytes:
    import cv2

    ok, data = cv2.imencode(".png", image)
    if not ok:
        raise QuizgenError("cannot encode a PNG image")
    return bytes(data.tobytes())


def name_picture(located: Located) -> bytes:
    """The name box, straightened, as a PNG."""
    import cv2
    import numpy as np

    box = located.page.name_box
    to_sheet = np.array([[1 / NAME_SCALE, 0, box.x], [0, 1 / NAME_SCALE, box.y], [0, 0, 1]])
    size = (int(box.width * NAME_SCALE), int(box.height * NAME_SCALE))
    picture = cv2.warpPerspective(located.scan.image, located.homography @ to_sheet, size, flags=cv2.WARP_INVERSE_MAP | cv2.INTER_LINEAR)
    return encode_png(picture)


def straightened(located: Located, scale: float) -> Any:
    """The scanned page warped back onto the sheet, `scale` pixels per millimetre: upright, square, the sheet's size."""
    import cv2
    import numpy as np

    page = located.page
    to_sheet = np.array([[1 / scale, 0, 0], [0, 1 / scale, 0], [0, 0, 1]])
    size = (int(page.width * scale), int(page.height * scale))
    return cv2.warpPerspective(located.scan.image, located.homography @ to_sheet, size, flags=cv2.WARP_INVERSE_MAP | cv2.INTER_AREA)


def annotated(sheet: SheetResult) -> bytes:
    """The page straightened, with what was read drawn over it.

    Marked bubbles are ringed green when right, red when wrong, orange when
    doubtful (the whole question then waits for the teacher); a right answer
    left unmarked gets a thin green ring; the student number and the teacher's
    points are ringed blue. Each question's points are written beside it.
    """
    import cv2

    image = cv2.cvtColor(straightened(sheet.located, ANNOTATE_SCALE), cv2.COLOR_GRAY2BGR)
    radius = round(RADIUS * ANNOTATE_SCALE * 1.35)

    def ring(x: float, y: float, colour: tuple[int, int, int], thickness: int = 3) -> None:
        cv2.circle(image, (round(x * ANNOTATE_SCALE), round(y * ANNOTATE_SCALE)), radius, colour, thickness, cv2.LINE_AA)

    for read in sheet.questions:
        teacher = read.question.type in ("short", "cloze")
        for bubble in read.bubbles:
            where = bubble.measure.bubble
            if bubble.state == "doubtful" or (bubble.state == "filled" and read.doubt is not None):
                ring(where.x, where.y, COLOURS["doubtful"])
            elif bubble.state == "filled":
                ring(where.x, where.y, COLOURS["info"] if teacher else COLOURS["right"] if bubble.right else COLOURS["wrong"])
            elif bubble.right and read.question.type != "numeric":
                ring(where.x, where.y, COLOURS["expected"], 1)
        last = max(read.bubbles, key=lambda b: (b.measure.bubble.x, -b.measure.bubble.y)).measure.bubble
        top = min(b.measure.bubble.y for b in read.bubbles)
        earned = read.points
        colour = (
            COLOURS["doubtful"]
            if earned is None
            else COLOURS["right"]
            if earned == read.question.points
            else COLOURS["wrong"]
            if earned == 0
            else COLOURS["partial"]
        )
        text = "?" if earned is None else f"{earned:g}"
        # Beside the question's top-right column label, where no block prints anything.
        origin = (round((last.x + RADIUS + 0.6) * ANNOTATE_SCALE), round((top - 3.0) * ANNOTATE_SCALE))
        cv2.putText(image, text, origin, cv2.FONT_HERSHEY_SIMPLEX, 0.5, colour, 2, cv2.LINE_AA)
    for measure in sheet.located.measures:
        if measure.bubble.question == 0 and state(measure) != "empty":
            clear = state(measure) == "filled" and sheet.student_doubt is None
            ring(measure.bubble.x, measure.bubble.y, COLOURS["info"] if clear else COLOURS["doubtful"])
    return encode_png(image)


def write_results(scans: list[Path], key_path: Path, output: Path, annotate: Path | None = None) -> Grading:
    """Grade the scans against the key in `key_path`; write `output` (CSV), its .json twin, the name boxes and the checking images."""
    if output.suffix.lower() != ".csv":
        raise QuizgenError(f"{output}: the results file's name ends in .csv (results.json is written beside it)")
    missing = [str(path) for path in scans if not path.is_file()]
    if missing:
        raise QuizgenError(f"no such scan: {', '.join(missing)}")
    key = read_key(key_path)
    grading, sheets = grade(scans, key)
    names = output.parent / f"{output.stem}-names"
    for student in grading.students:
        first = student.sheets[0].located
        path = names / f"{page_stem(first)}.png"
        write_atomic(path, name_picture(first))
        student.name_image = str(path)
    if annotate is not None:
        for sheet in sheets:
            write_atomic(annotate / f"{page_stem(sheet.located)}.png", annotated(sheet))
    write_atomic(output.with_suffix(".json"), to_json(grading))
    write_atomic(output, to_csv(grading))
    return grading

"""Answer sheets filled in and scanned as a class and a copier would: for the grading tests and the benchmark.

`fill_page` renders a real answer-sheet page, draws pen marks on it (scribbled
fills, some lighter, some crossed out with an X and marked again, some erased)
and remembers what each mark means; `copier` then rotates, scales, shifts,
blurs and adds noise to it, as a scanner does.
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium

from quizgen import scoring
from quizgen.grade.key import Key, KeyQuestion
from quizgen.grade.sheet import RADIUS, Page, lay_out, point_values

Mark = str
"""What was drawn on a bubble: 'filled', 'light' (a faint but meant mark), 'crossed' (filled, then crossed out), 'erased'."""


@dataclass
class Drawn:
    """One filled-in page and what its marks mean."""

    version: str
    page: Page
    student: str
    image: np.ndarray
    marks: dict[tuple[int, int, int], Mark] = field(default_factory=dict)
    """(question, row, column) -> the mark drawn there; bubbles not listed are left empty."""

    def meant(self, question: int) -> set[tuple[int, int]]:
        """The (row, column) bubbles the student means as marked: the filled and light ones."""
        return {(r, c) for (q, r, c), mark in self.marks.items() if q == question and mark in ("filled", "light")}

    def unsure(self, question: int) -> bool:
        """Whether a doubt on this question is fair: it has a light, crossed-out or erased mark."""
        return any(q == question and mark != "filled" for (q, _, _), mark in self.marks.items())


def render_pages(pdf: bytes, dpi: int) -> list[np.ndarray]:
    document = pdfium.PdfDocument(pdf)
    pages = []
    for index in range(len(document)):
        image = document[index].render(scale=dpi / 72, grayscale=True).to_numpy()
        pages.append(image.reshape(image.shape[0], image.shape[1]).copy())
    document.close()
    return pages


def scribble(image: np.ndarray, x: float, y: float, radius: float, ink: int, pen: float, rng: random.Random) -> None:
    """A pen fill: zigzag strokes across the bubble, a little tilted and uneven, never a perfect disc."""
    angle = rng.uniform(-0.4, 0.4)
    cos, sin = math.cos(angle), math.sin(angle)
    points = []
    steps = max(4, int(2 * radius / (pen * 0.7)))
    for step in range(steps + 1):
        offset = -0.85 * radius + 1.7 * radius * step / steps
        half = math.sqrt(max(0.0, radius**2 - offset**2)) * rng.uniform(0.82, 1.0)
        for side in ((-half, offset), (half, offset)) if step % 2 == 0 else ((half, offset), (-half, offset)):
            dx, dy = side[0] + rng.uniform(-0.3, 0.3) * pen, side[1] + rng.uniform(-0.2, 0.2) * pen
            points.append((x + dx * cos - dy * sin, y + dx * sin + dy * cos))
    cv2.polylines(image, [np.int32(np.round(points))], False, ink, max(1, round(pen)), cv2.LINE_AA)


def cross(image: np.ndarray, x: float, y: float, radius: float, ink: int, pen: float) -> None:
    """A large X over the bubble's edges, as the sheet asks to cancel a mark."""
    reach = 1.25 * radius
    for sx in (-1, 1):
        cv2.line(
            image,
            (round(x - sx * reach), round(y - reach)),
            (round(x + sx * reach), round(y + reach)),
            ink,
            max(1, round(pen)),
            cv2.LINE_AA,
        )


def choose(question: KeyQuestion, rng: random.Random) -> set[tuple[int, int]]:
    """The bubbles a student marks on a question: sometimes right, sometimes not, sometimes nothing."""
    if question.type in ("short", "cloze"):
        # The teacher marks every answer.
        return {(0, rng.randrange(len(point_values(question.points))))}
    if rng.random() < 0.05:
        return set()
    if question.type in ("mcq", "truefalse"):
        right = question.right[0][0]
        return {(0, right if rng.random() < 0.6 else rng.randrange(len(question.options)))}
    if question.type == "multi":
        picked = (
            set(question.right[0])
            if rng.random() < 0.4
            else set(rng.sample(range(len(question.options)), rng.randint(1, len(question.options))))
        )
        return {(0, column) for column in picked}
    if question.type == "match":
        return {(row, fits[0] if rng.random() < 0.6 else rng.randrange(len(question.options))) for row, fits in enumerate(question.right)}
    if question.type == "order":
        ranks = [rank for (rank,) in question.right]
        if rng.random() < 0.5:
            rng.shuffle(ranks)
        return {(row, rank) for row, rank in enumerate(ranks)}
    if question.type == "numeric":
        assert question.digits is not None and question.bounds is not None
        digits = question.digits
        low, high = question.bounds
        value = (low + high) / 2 if rng.random() < 0.5 else rng.uniform(-abs(high) - 5, abs(high) + 5)
        if not digits.sign:
            value = abs(value)
        scaled = round(abs(value) * 10**digits.decimals)
        text = str(scaled).rjust(digits.integer + digits.decimals, "0")[-(digits.integer + digits.decimals) :]
        shift = 1 if digits.sign else 0
        chosen = {(int(char), column + shift) for column, char in enumerate(text)}
        if digits.sign and value < 0 and scaled:
            chosen.add((0, 0))
        return chosen
    raise ValueError(question.type)


def student_number(key: Key, rng: random.Random) -> str:
    return "".join(str(rng.randrange(10)) for _ in range(key.student_digits))


def fill_page(
    key: Key, letter: str, page_number: int, base: np.ndarray, dpi: int, rng: random.Random, student: str | None = None, tricks: bool = True
) -> Drawn:
    """A student's marks on one rendered page; with `tricks`, some marks are light, crossed out and re-marked, or erased."""
    version = key.version(letter)
    assert version is not None
    page = lay_out(key, version)[page_number - 1]
    image = base.copy()
    per_mm = dpi / 25.4
    student = student or student_number(key, rng)
    drawn = Drawn(letter, page, student, image)
    where = {(b.question, b.row, b.column): b for b in page.bubbles}
    for column, digit in enumerate(student):
        drawn.marks[(0, int(digit), column)] = "filled"
    for number in sorted({b.question for b in page.bubbles} - {0}):
        question = version.questions[number - 1]
        chosen = sorted(choose(question, rng))
        for row, column in chosen:
            drawn.marks[(number, row, column)] = "filled"
        if tricks and chosen and rng.random() < 0.05:
            drawn.marks[(number, *rng.choice(chosen))] = "light"
        if tricks and rng.random() < 0.07:
            spare = [(q, r, c) for (q, r, c) in where if q == number and (q, r, c) not in drawn.marks]
            if spare:
                drawn.marks[rng.choice(spare)] = "crossed" if rng.random() < 0.7 else "erased"
    pen = rng.uniform(0.45, 0.7) * per_mm
    dark = rng.randint(15, 70)
    for spot, mark in drawn.marks.items():
        bubble = where[spot]
        x, y, radius = bubble.x * per_mm, bubble.y * per_mm, RADIUS * per_mm * rng.uniform(0.85, 1.0)
        x, y = x + rng.uniform(-0.25, 0.25) * per_mm, y + rng.uniform(-0.25, 0.25) * per_mm
        if mark == "erased":
            scribble(image, x, y, radius, rng.randint(185, 205), pen, rng)
            continue
        scribble(image, x, y, radius, rng.randint(110, 140) if mark == "light" else dark, pen, rng)
        if mark == "crossed":
            cross(image, x, y, RADIUS * per_mm, dark, pen * 0.8)
    return drawn


def copier(image: np.ndarray, dpi: int, rng: random.Random, upside_down: bool = False, colour: bool = False) -> np.ndarray:
    """The page as a copier scans it: turned 0-3 degrees, scaled 97-103 %, shifted, greyer paper, blur and noise."""
    height, width = image.shape
    per_mm = dpi / 25.4
    angle = rng.uniform(-3, 3)
    scale = rng.uniform(0.97, 1.03)
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, scale)
    matrix[:, 2] += (rng.uniform(-3, 3) * per_mm, rng.uniform(-3, 3) * per_mm)
    paper = rng.randint(225, 250)
    ink = rng.randint(10, 45)
    toned = (ink + image.astype(np.float32) * (paper - ink) / 255).astype(np.float32)
    moved = cv2.warpAffine(toned, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=float(paper))
    blur = rng.uniform(0.4, 1.0) * per_mm / 8
    moved = cv2.GaussianBlur(moved, (0, 0), blur)
    noise = np.empty_like(moved)
    cv2.setRNGSeed(rng.randrange(1 << 30))
    cv2.randn(noise, 0.0, rng.uniform(3, 9))
    scan = np.clip(moved + noise, 0, 255).astype(np.uint8)
    if upside_down:
        scan = cv2.rotate(scan, cv2.ROTATE_180)
    if colour:
        tint = np.array([rng.uniform(0.93, 1.0), rng.uniform(0.96, 1.0), 1.0], dtype=np.float32)
        scan = np.clip(cv2.cvtColor(scan, cv2.COLOR_GRAY2BGR).astype(np.float32) * tint, 0, 255).astype(np.uint8)
    return scan


def blank_scan(width: int, height: int, rng: random.Random) -> np.ndarray:
    paper = np.full((height, width), rng.randint(225, 250), np.float32)
    return np.clip(paper + np.random.default_rng(rng.randrange(1 << 30)).normal(0, 5, paper.shape), 0, 255).astype(np.uint8)


def save_png(path: Path, image: np.ndarray) -> Path:
    cv2.imwrite(str(path), image, [cv2.IMWRITE_PNG_COMPRESSION, 1] if path.suffix == ".png" else [])
    return path


def save_pdf(path: Path, images: list[np.ndarray], dpi: int) -> Path:
    """The pages as a scan-to-PDF writes them: one JPEG per page, at the page's size."""
    document = pdfium.PdfDocument.new()
    for image in images:
        ok, jpeg = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 85])
        assert ok
        height, width = image.shape[:2]
        points = (width / dpi * 72, height / dpi * 72)
        page = document.new_page(*points)
        picture = pdfium.PdfImage.new(document)
        picture.load_jpeg(io.BytesIO(jpeg.tobytes()))
        picture.set_matrix(pdfium.PdfMatrix().scale(*points))
        page.insert_obj(picture)
        page.gen_content()
    with path.open("wb") as stream:
        document.save(stream)
    document.close()
    return path


def expected_points(question: KeyQuestion, marked: set[tuple[int, int]]) -> float:
    """What the marks meant earn, scored independently of the reader (from the key and the marks drawn)."""
    if question.type in ("mcq", "truefalse"):
        return scoring.earned(question.points, scoring.single_credit([c for _, c in marked], question.right[0]))
    if question.type == "multi":
        return scoring.earned(question.points, scoring.multi_credit([c for _, c in marked], question.right[0]))
    if question.type in ("match", "order"):
        picks: list[int | None] = [next((c for r, c in marked if r == row), None) for row in range(len(question.right))]
        if question.type == "match":
            return scoring.earned(question.points, scoring.match_credit(picks, question.right))
        return scoring.earned(question.points, scoring.order_credit(picks, [rank for (rank,) in question.right]))
    if question.type == "numeric":
        assert question.digits is not None and question.bounds is not None
        digits = question.digits
        shift = 1 if digits.sign else 0
        columns = {c - shift: r for r, c in marked if c >= shift}
        if not columns:
            return 0.0
        text = "".join(str(columns.get(index, 0)) for index in range(digits.integer + digits.decimals))
        value = int(text) / 10**digits.decimals * (-1 if (0, 0) in marked and digits.sign else 1)
        return scoring.earned(question.points, scoring.number_credit(value, question.bounds))
    given = point_values(question.points)[next(iter(marked))[1]] if marked else 0.0
    return scoring.earned(question.points, given / question.points)


@dataclass
class Pile:
    """Scans of a class's filled-in sheets, and what was drawn on each page, by (file, page in file)."""

    files: list[Path]
    drawn: dict[tuple[str, int], Drawn]


def make_pile(key: Key, sheets_pdf: bytes, count: int, folder: Path, seed: int = 0, dpis: tuple[int, ...] = (150, 200, 300)) -> Pile:
    """`count` filled-in pages: students take the versions in turn and fill every page of theirs, each student
    scanned at the next resolution. Every third page of a resolution goes into that resolution's PDF, the others are
    PNG files (one JPEG, one TIFF); every fifth is in colour; every 25th is scanned upside down."""
    rng = random.Random(seed)
    renders = {dpi: render_pages(sheets_pdf, dpi) for dpi in dpis}
    starts = {}
    index = 0
    for version in key.versions:
        starts[version.letter] = index
        index += len(lay_out(key, version))
    pdf_pages: dict[int, list[tuple[np.ndarray, Drawn]]] = {dpi: [] for dpi in dpis}
    pile = Pile([], {})
    number = student = 0
    while number < count:
        dpi = dpis[student % len(dpis)]
        version = key.versions[student % len(key.versions)]
        who = student_number(key, rng)
        student += 1
        for page in range(1, len(lay_out(key, version)) + 1):
            if number == count:
                break
            drawn = fill_page(key, version.letter, page, renders[dpi][starts[version.letter] + page - 1], dpi, rng, who)
            scan = copier(drawn.image, dpi, rng, upside_down=number % 25 == 7, colour=number % 5 == 4)
            if number % 3 == 0:
                pdf_pages[dpi].append((scan, drawn))
            else:
                suffix = ".jpg" if number == 1 else ".tiff" if number == 2 else ".png"
                path = save_png(folder / f"scan-{number:03d}{suffix}", scan)
                pile.files.append(path)
                pile.drawn[(str(path), 1)] = drawn
            number += 1
    for dpi, pages in pdf_pages.items():
        if pages:
            path = save_pdf(folder / f"pile-{dpi}.pdf", [scan for scan, _ in pages], dpi)
            pile.files.append(path)
            pile.drawn.update({(str(path), index): drawn for index, (_, drawn) in enumerate(pages, 1)})
    return pile

"""Where everything is on an answer sheet, in millimetres from the page's top-left corner.

The layout is a pure function of the key (`lay_out(key, version)`): the
renderer draws it, and the reader looks for the bubbles at the same places. A
page holds four corner markers, a QR code naming the printing, the version and
the page, a name box, a student-number grid and blocks of bubbles, one block
per question, placed left to right in rows (as words in a paragraph).
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, replace

from ..present import letter
from .key import Key, KeyQuestion, KeyVersion, fingerprint

PAPER_SIZES = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}
MARKER = 5.0
"""Side of the square corner markers."""
MARKER_INSET = 15.0
"""From each edge of the page to the centre of its corner marker: inside every printer's margin, and still on the
scan of a page turned 3 degrees, scaled 103 % and shifted 3 mm on the copier's glass."""
QR_RIGHT = 21.0
"""From the right edge of the page to the QR code, clear of the top-right marker."""
QR_SIZE = 22.0
RADIUS = 1.9
"""Of a bubble; pen strokes are about 0.5 mm, so four or five strokes fill it."""
PITCH_X = 5.5
PITCH_Y = 5.0
HEADER = 4.5
"""Height of a block's first row: the question number and the column labels."""
GAP_X = 7.0
GAP_Y = 3.5
BODY_TOP = 80.0
BODY_LEFT = 18.0
WRITING_LINE = 7.0
"""Height of a line to write a short answer or a blank of a cloze on."""
MAX_POINT_BUBBLES = 21

LABELS = {
    "en": {
        "sheet": "Answer sheet",
        "version": "Version {letter}",
        "page": "page {page}/{pages}",
        "name": "Name",
        "student": "Student number",
        "points": "pts",
        "decimal": ".",
        "teacher": "points given (teacher)",
        "instructions": (
            "Fill each bubble completely with a dark pen, inside its circle. Write and bubble your student number. "
            "To change an answer, cross the wrong bubble out with a large X over its edges and fill the right one: "
            "the teacher checks it."
        ),
    },
    "fr": {
        "sheet": "Feuille de réponses",
        "version": "Version {letter}",
        "page": "page {page}/{pages}",
        "name": "Nom",
        "student": "Numéro d’étudiant",
        "points": "pts",
        "decimal": ",",
        "teacher": "points donnés (enseignant)",
        "instructions": (
            "Noircissez chaque case entièrement au stylo foncé, sans déborder. Écrivez puis cochez votre numéro d’étudiant. "
            "Pour changer une réponse, barrez la mauvaise case d’une grande croix qui déborde et noircissez la bonne : "
            "l’enseignant la vérifiera."
        ),
    },
}
"""The sheet's own words; English for a language not listed."""


@dataclass(frozen=True)
class Bubble:
    """One bubble: its centre, the question it answers (0: the student number), and its row and column in that grid."""

    x: float
    y: float
    question: int
    row: int
    column: int


@dataclass(frozen=True)
class Text:
    """A text placed in a box: `align` is left, center or right."""

    x: float
    y: float
    width: float
    height: float
    text: str
    size: float = 7.0
    align: str = "center"
    bold: bool = False


@dataclass(frozen=True)
class Box:
    """A rectangle drawn as an outline: the name box, the writing boxes."""

    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Block:
    """A question's bubbles, texts and boxes, relative to the block's top-left corner."""

    width: float
    height: float
    bubbles: tuple[Bubble, ...]
    texts: tuple[Text, ...]
    boxes: tuple[Box, ...] = ()
    x: float = 0.0
    """Where the block is placed on its page (its contents are then in page coordinates)."""
    y: float = 0.0


@dataclass(frozen=True)
class Page:
    """One printed page of a version's answer sheet."""

    number: int
    pages: int
    width: float
    height: float
    bubbles: tuple[Bubble, ...]
    texts: tuple[Text, ...]
    boxes: tuple[Box, ...]
    name_box: Box
    qr: tuple[float, float]
    """Top-left corner of the QR code (its side is QR_SIZE)."""

    @property
    def markers(self) -> tuple[tuple[float, float], ...]:
        """Centres of the corner markers: top left, top right, bottom right, bottom left."""
        right, bottom = self.width - MARKER_INSET, self.height - MARKER_INSET
        return ((MARKER_INSET, MARKER_INSET), (right, MARKER_INSET), (right, bottom), (MARKER_INSET, bottom))


def signed(key: Key) -> Key:
    """The key with its fingerprint: a hash of what its sheets print and of where each bubble and marker is."""
    places = [
        [
            (page.width, page.height, page.qr, *((b.x, b.y, b.question, b.row, b.column) for b in page.bubbles))
            for page in lay_out(key, version)
        ]
        for version in key.versions
    ]
    layout = hashlib.sha256(repr((MARKER, MARKER_INSET, QR_SIZE, RADIUS, places)).encode()).hexdigest()
    return replace(key, fingerprint=fingerprint(key, layout))


def words(lang: str) -> dict[str, str]:
    return LABELS.get(lang.split("-")[0], LABELS["en"])


def qr_text(key: Key, letter_: str, page: int) -> str:
    """What a page's QR code says: the printing's fingerprint, the version and the page."""
    return f"quizgen:1:{key.fingerprint}:{letter_}:{page}"


def point_values(points: float) -> tuple[float, ...]:
    """The values a teacher can give: halves up to 4 points, whole points above, always ending on the question's points."""
    step = 0.5 if points <= 4 else 1.0
    count = min(MAX_POINT_BUBBLES - 1, int(points / step + 1e-9))
    values = [round(step * index, 2) for index in range(count + 1)]
    if values[-1] < points:
        values.append(points)
    return tuple(values)


def point_label(value: float) -> str:
    whole, half = divmod(value, 1)
    if abs(half - 0.5) < 1e-9:
        return f"{int(whole)}½" if whole else "½"
    return f"{value:g}"


def grid(
    question: int,
    rows: int,
    columns: int,
    header: str,
    column_labels: list[str],
    row_labels: list[str],
    label_width: float,
    top: float = 0.0,
) -> tuple[list[Bubble], list[Text]]:
    """A grid of bubbles under a row of column labels, with the question number (or a title) above the row labels."""
    texts = [Text(0, top, label_width + 2, HEADER, header, 8.0, "left", bold=True)]
    bubbles = []
    for column in range(columns):
        x = label_width + PITCH_X / 2 + column * PITCH_X
        if column_labels[column]:
            texts.append(Text(x - PITCH_X / 2, top, PITCH_X, HEADER, column_labels[column]))
        for row in range(rows):
            bubbles.append(Bubble(x, top + HEADER + PITCH_Y / 2 + row * PITCH_Y, question, row, column))
    for row, text in enumerate(row_labels):
        texts.append(Text(0, top + HEADER + row * PITCH_Y, label_width - 1.2, PITCH_Y, text, 7.0, "right"))
    return bubbles, texts


def truncated(text: str, length: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def question_block(question: KeyQuestion, lang: str) -> Block:
    number, heading = question.number, f"{question.number}."
    if question.type in ("mcq", "multi"):
        labels = [letter(index) for index in range(len(question.options))]
        bubbles, texts = grid(number, 1, len(labels), heading, labels, [], 7.0)
    elif question.type == "truefalse":
        labels = [option[:1].upper() for option in question.options]
        bubbles, texts = grid(number, 1, 2, heading, labels, [], 7.0)
    elif question.type == "match":
        labels = [letter(index) for index in range(len(question.options))]
        bubbles, texts = grid(
            number, len(question.left), len(labels), heading, labels, [str(n) for n in range(1, len(question.left) + 1)], 7.0
        )
    elif question.type == "order":
        ranks = [str(rank) for rank in range(1, len(question.options) + 1)]
        bubbles, texts = grid(number, len(question.options), len(ranks), heading, ranks, [truncated(o, 26) for o in question.options], 36.0)
    elif question.type == "numeric":
        return numeric_block(question, lang)
    else:
        return teacher_block(question, lang)
    width = max(bubble.x for bubble in bubbles) + PITCH_X / 2
    height = max(bubble.y for bubble in bubbles) + PITCH_Y / 2
    return Block(width, height, tuple(bubbles), tuple(texts))


def numeric_block(question: KeyQuestion, lang: str) -> Block:
    """Digit columns, rows 0 to 9, the decimal point printed between the columns it separates; a sign bubble first if needed."""
    assert question.digits is not None
    digits = question.digits
    bubbles, texts = grid(
        question.number, 10, digits.integer + digits.decimals, f"{question.number}.", [""] * 12, [str(d) for d in range(10)], 7.0
    )
    shift = PITCH_X if digits.sign else 0.0
    # Decimal columns sit a little to the right of the point.
    moved = [
        Bubble(b.x + shift + (1.5 if b.column >= digits.integer else 0), b.y, b.question, b.row, b.column + (1 if digits.sign else 0))
        for b in bubbles
    ]
    if digits.sign:
        moved.append(Bubble(7.0 + PITCH_X / 2, HEADER + PITCH_Y / 2, question.number, 0, 0))
        texts.append(Text(7.0, 0, PITCH_X, HEADER, "−", 8.0))
    if digits.decimals:
        point_x = 7.0 + shift + digits.integer * PITCH_X
        texts.append(Text(point_x - 1.5, 0, 4.5, HEADER, words(lang)["decimal"], 11.0, bold=True))
    width = max(b.x for b in moved) + PITCH_X / 2
    return Block(width, HEADER + 10 * PITCH_Y + 4, tuple(moved), tuple(texts))


def teacher_block(question: KeyQuestion, lang: str) -> Block:
    """A box to write the answer in (a line per blank), then the row of points the teacher bubbles."""
    said = words(lang)
    box = Box(7.0, HEADER, 50.0, WRITING_LINE * question.blanks)
    texts = [Text(0, 0, 9.0, HEADER, f"{question.number}.", 8.0, "left", bold=True)]
    if question.blanks > 1:
        texts += [Text(7.2, HEADER + WRITING_LINE * index, 4, 3, str(index + 1), 5.5, "left") for index in range(question.blanks)]
    values = point_values(question.points)
    top = HEADER + box.height + 1.5
    bubbles, labels = grid(question.number, 1, len(values), "", [point_label(v) for v in values], [said["points"]], 7.0, top)
    labels = [label for label in labels if label.text]
    texts.append(Text(7.0 + 1.0 + len(values) * PITCH_X, top + HEADER, 40.0, PITCH_Y, said["teacher"], 6.0, "left"))
    width = max(box.x + box.width, texts[-1].x + 28.0)
    return Block(width, top + HEADER + PITCH_Y, tuple(bubbles), (*texts, *labels), (box,))


def placed(block: Block, x: float, y: float) -> Block:
    return Block(
        block.width,
        block.height,
        tuple(Bubble(b.x + x, b.y + y, b.question, b.row, b.column) for b in block.bubbles),
        tuple(Text(t.x + x, t.y + y, t.width, t.height, t.text, t.size, t.align, t.bold) for t in block.texts),
        tuple(Box(b.x + x, b.y + y, b.width, b.height) for b in block.boxes),
        x,
        y,
    )


def student_grid(key: Key, width: float) -> tuple[list[Bubble], list[Text], list[Box], float]:
    """The student-number grid at the top right, left of the QR code; returns also its left edge."""
    right = width - QR_RIGHT - QR_SIZE - 5.0
    left = right - 7.0 - key.student_digits * PITCH_X
    bubbles, texts = grid(0, 10, key.student_digits, "", [""] * key.student_digits, [str(d) for d in range(10)], 7.0)
    top = 24.0
    moved = [Bubble(b.x + left, b.y + top, 0, b.row, b.column) for b in bubbles]
    labels = [Text(t.x + left, t.y + top, t.width, t.height, t.text, t.size, t.align, t.bold) for t in texts if t.text]
    labels.append(Text(left, 15.0, right - left, 4.0, words(key.lang)["student"], 7.5, "left", bold=True))
    boxes = [Box(left + 7.0 + column * PITCH_X + 0.3, 19.5, PITCH_X - 0.6, 5.5) for column in range(key.student_digits)]
    return moved, labels, boxes, left


@functools.lru_cache(maxsize=128)
def lay_out(key: Key, version: KeyVersion) -> tuple[Page, ...]:
    """The pages of a version's answer sheet: as many as its questions need, each with the full header."""
    width, height = PAPER_SIZES[key.paper]
    pages_blocks: list[list[Block]] = [[]]
    for question in version.questions:
        block = question_block(question, key.lang)
        spot = free_spot(pages_blocks[-1], block, width - BODY_LEFT, height - MARKER_INSET - MARKER)
        if spot is None:
            pages_blocks.append([])
            spot = (BODY_LEFT, BODY_TOP)
        pages_blocks[-1].append(placed(block, *spot))
    count = len(pages_blocks)
    return tuple(page(key, version, number, count, blocks, width, height) for number, blocks in enumerate(pages_blocks, 1))


def free_spot(blocks: list[Block], block: Block, right: float, bottom: float) -> tuple[float, float] | None:
    """The highest place, then the leftmost, where `block` fits below or beside those already placed (None: the page is full).

    A block goes right of a placed one or at the left margin, below every block
    it would overlap: short blocks fill the room beside a tall one, as in a
    newspaper, and the numbers still read left to right, top to bottom.
    """
    spots = []
    for x in (BODY_LEFT, *(other.x + other.width + GAP_X for other in blocks)):
        if x + block.width > right:
            continue
        below = [
            other.y + other.height + GAP_Y for other in blocks if other.x < x + block.width + GAP_X and x < other.x + other.width + GAP_X
        ]
        y = max([BODY_TOP, *below])
        if y + block.height <= bottom:
            spots.append((y, x))
    if not spots:
        return None
    y, x = min(spots)
    return x, y


def page(key: Key, version: KeyVersion, number: int, pages: int, blocks: list[Block], width: float, height: float) -> Page:
    said = words(key.lang)
    student, student_texts, student_boxes, grid_left = student_grid(key, width)
    name_box = Box(20.0, 32.0, grid_left - 26.0, 16.0)
    qr_x = width - QR_RIGHT - QR_SIZE
    heading = f"{said['sheet']} · {said['version'].format(letter=version.letter)}" + (
        f" · {said['page'].format(page=number, pages=pages)}" if pages > 1 else ""
    )
    texts = [
        Text(20.0, 12.0, name_box.width, 10.0, key.title, 11.0, "left", bold=True),
        Text(20.0, 23.5, name_box.width, 5.0, heading, 9.0, "left"),
        Text(21.0, 32.5, 30.0, 4.0, said["name"], 7.0, "left"),
        Text(20.0, 51.0, name_box.width, 24.0, said["instructions"], 7.5, "left"),
        Text(qr_x, 14.0 + QR_SIZE + 3.0, QR_SIZE, 10.0, version.letter, 22.0, bold=True),
        *student_texts,
    ]
    return Page(
        number,
        pages,
        width,
        height,
        tuple(student) + tuple(b for block in blocks for b in block.bubbles),
        tuple(texts) + tuple(t for block in blocks for t in block.texts),
        (name_box, *student_boxes, *(b for block in blocks for b in block.boxes)),
        name_box,
        (qr_x, 14.0),
    )

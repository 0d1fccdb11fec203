"""The handout as a PDF, typeset by typst from handout.typ.

The template is fixed; the handout reaches it as JSON data (`sys.inputs`), so no
text from a bank is ever read as Typst markup and none needs escaping. Only the
fonts bundled with typst are used, so the PDF is the same on every machine.
"""

from __future__ import annotations

import functools
import json
import math
import re
from pathlib import Path
from typing import Any

from ..errors import QuizgenError
from ..present import label
from .grid import grid_chunks
from .sheet import Blank, Boxes, Columns, Contents, Handout, Item, Layout, Lines, NumberBlank, Sentence, points_text, word

TEMPLATE = Path(__file__).parent / "handout.typ"
PAPERS = {"a4": "a4", "letter": "us-letter"}
LABELS = {
    "name": "handout_name",
    "class": "handout_class",
    "date": "handout_date",
    "source": "handout_source",
    "instructions": "handout_instructions",
    "version": "handout_version",
    "page": "handout_page",
    "key": "handout_key",
    "key_page": "handout_key_page",
    "number": "handout_number",
    "answer": "answer",
    "excerpt": "source",
}
"""The template's names for quizgen's own words, and their keys in present.LABELS."""
WORDS = ("grid", "grid_page", "grid_question", "grid_total", "grid_points", "grid_accepted", "blank_page", "total")
"""The template's words from sheet.WORDS."""
LONG_RUN = re.compile(r"\S{24}(?=\S)")
"""24 characters without a space, and more after them."""
LINE_WIDTH = 80
"""Characters on a line of a question, on A4 and on letter paper (fewer than fit, to err on the safe side)."""
COLUMN_WIDTH = 35
"""Characters on a line of either column of a match, or of the answer and excerpt columns of a key."""
GRID_WIDTH = 88
"""Characters of 9-point text across the grading grid, number column included (about 95 fit on A4 and letter)."""
PICTURE_LINES = 10
"""The lines a question's picture takes (it is at most 40 mm high)."""
LINES_KEPT_TOGETHER = 35
"""A question, or a row of a key, estimated at more lines than this may break across pages; a page holds about 50."""


def to_pdf(handout: Handout, contents: Contents = "both", paper: str = "a4", timestamp: int | None = None, duplex: bool = True) -> bytes:
    """The handout as PDF bytes; `timestamp` (seconds since 1970) dates it, None leaves it undated and reproducible.

    With `duplex`, each version (and the key, after the sheets) starts on an
    odd page, so that printed on both sides no two versions share a sheet of paper.
    """
    import typst

    try:
        # typst's stubs tie root's type to the input's (bytes here); it takes a folder's path as str.
        return typst.compile(  # type: ignore[call-overload,no-any-return]
            TEMPLATE.read_bytes(),
            format="pdf",
            sys_inputs={"data": document_json(handout, contents, paper, timestamp is not None, duplex)},
            # Pictures are read by typst from the bank's folder, and only from there.
            root=str(Path(handout.folder).resolve()) if handout.folder is not None else None,
            ignore_system_fonts=True,
            timestamp=timestamp,
        )
    except typst.TypstError as error:
        raise QuizgenError(f"typst could not typeset the handout: {error.message}") from error


def document_json(handout: Handout, contents: Contents, paper: str, dated: bool, duplex: bool) -> str:
    """The template's input: everything it prints, as JSON."""
    return json.dumps(breakable(document_data(handout, contents, paper, dated, duplex)))


def document_data(handout: Handout, contents: Contents, paper: str, dated: bool, duplex: bool) -> dict[str, Any]:
    """Everything the template prints, as plain JSON data."""
    language, _, region = handout.lang.partition("-")
    weighted = handout.weighted
    return {
        "title": handout.title,
        "source": handout.source,
        "lang": language,
        "region": region if len(region) == 2 and region.isalpha() else None,
        "paper": PAPERS[paper],
        "dated": dated,
        "duplex": duplex,
        "contents": contents,
        "weighted": weighted,
        "labels": {name: label(key, handout.lang) for name, key in LABELS.items()} | {name: word(name, handout.lang) for name in WORDS},
        "versions": [
            {
                "letter": version.letter,
                "total": points_text(version.total, handout.lang) if weighted else None,
                "items": [item_data(item, handout.lang, weighted) for item in version.items],
            }
            for version in handout.versions
        ],
        "grid": [
            {
                "letters": chunk.letters,
                "rows": [list(row) for row in chunk.rows],
                "points": [list(row) for row in chunk.points] if weighted else None,
                "totals": chunk.totals,
            }
            for chunk in grid_chunks(handout, GRID_WIDTH)
        ]
        if contents != "sheets"
        else [],
        "accepted": handout.alternatives,
    }


def item_data(item: Item, lang: str, weighted: bool) -> dict[str, Any]:
    return {
        "number": item.number,
        "prompt": item.prompt,
        "instruction": item.instruction,
        "points": points_text(item.points, lang) if weighted else None,
        "layout": layout_data(item.layout),
        "image": {"file": "/" + item.image.file, "alt": item.image.alt} if item.image is not None else None,
        "keep": estimated_lines(item) <= LINES_KEPT_TOGETHER,
        "answer": item.answer,
        # A match's key draws its lines as they are drawn on the sheet: left number to right letter.
        "links": {"links": item.solution, "rights": len(item.layout.right), "marks": item.layout.marks}
        if isinstance(item.layout, Columns)
        else None,
        "keep_row": estimated_row_lines(item) <= LINES_KEPT_TOGETHER,
        "excerpt": item.excerpt,
        "id": item.question.id,
    }


def breakable(value: Any) -> Any:
    """Every text in `value` with a zero-width space after each 24 characters without a space.

    Typst never breaks a word it cannot hyphenate, so a long URL or code would
    run off the page; the zero-width space gives it a place to break. (A regex
    show rule in the template would do the same, but adds 15% to the time to
    typeset, as it runs over every text.)
    """
    if isinstance(value, str):
        return break_long_runs(value)
    if isinstance(value, dict):
        # An id keeps its characters: a zero-width space in an id copied from the key would not be found in the bank.
        # The template gives a long id its own break points instead.
        return {name: item if name == "id" else breakable(item) for name, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [breakable(item) for item in value]
    return value


@functools.lru_cache(maxsize=4096)
def break_long_runs(text: str) -> str:
    """Cached: every version holds the same texts."""
    return LONG_RUN.sub("\\g<0>\u200b", text)


def layout_data(layout: Layout) -> dict[str, Any]:
    if isinstance(layout, Boxes):
        return {"kind": "boxes", "options": layout.printed, "columns": layout.columns}
    if isinstance(layout, Lines):
        return {"kind": "lines", "count": layout.count}
    if isinstance(layout, NumberBlank):
        return {"kind": "number", "unit": layout.unit}
    if isinstance(layout, Sentence):
        return {"kind": "sentence", "parts": [part if isinstance(part, str) else blank_data(part) for part in layout.parts]}
    if isinstance(layout, Columns):
        return {"kind": "columns", "left": layout.left, "right": layout.printed}
    return {"kind": "ranking", "items": layout.items}


def blank_data(blank: Blank) -> dict[str, Any]:
    return {"width": blank.width, "hint": blank.hint}


def estimated_lines(item: Item) -> int:
    """A generous count of the lines a question takes, from the length of its texts.

    Measuring each question in typst to know if it fits on a page would double
    the time to typeset; an estimate is enough to tell the few questions that
    could be taller than a page.
    """
    layout = item.layout
    lines = text_lines(len(item.prompt)) + (item.instruction is not None) + 1 + (PICTURE_LINES if item.image is not None else 0)
    if isinstance(layout, Boxes):
        width = LINE_WIDTH // layout.columns
        rows = [layout.options[start : start + layout.columns] for start in range(0, len(layout.options), layout.columns)]
        return lines + sum(max(text_lines(len(option), width) for option in row) for row in rows)
    if isinstance(layout, Lines):
        return lines + 2 * layout.count
    if isinstance(layout, NumberBlank):
        return lines + 2
    if isinstance(layout, Sentence):
        # A sentence with blanks is set with double spacing, for handwriting.
        return lines + 2 * text_lines(sum(len(part) if isinstance(part, str) else part.width for part in layout.parts))
    if isinstance(layout, Columns):
        count = max(len(layout.left), len(layout.right))
        left = [*layout.left, *[""] * (count - len(layout.left))]
        right = [*layout.printed, *[""] * (count - len(layout.right))]
        pairs = zip(left, right, strict=True)
        return lines + sum(max(text_lines(len(one), COLUMN_WIDTH), text_lines(len(other), COLUMN_WIDTH)) for one, other in pairs)
    return lines + sum(text_lines(len(entry)) for entry in layout.items)


def estimated_row_lines(item: Item) -> int:
    """The lines of the question's row in the answer key: those of its answer (and a match's lines) or of its excerpt and id."""
    source = (text_lines(len(item.excerpt), COLUMN_WIDTH) if item.excerpt else 0) + text_lines(len(item.question.id), COLUMN_WIDTH)
    drawing = max(len(item.layout.left), len(item.layout.right)) if isinstance(item.layout, Columns) else 0
    return max(text_lines(len(item.answer), COLUMN_WIDTH) + drawing, source)


def text_lines(characters: int, width: int = LINE_WIDTH) -> int:
    return max(1, math.ceil(characters / width))

"""The answer sheets as a PDF (typst draws what sheet.py places), and the files `handout --answer-sheet` writes."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..bank import load_bank
from ..errors import QuizgenError, count
from ..files import write_atomic
from ..handouts import Handout
from ..model import Bank
from .key import Key, build_key, to_json
from .sheet import MARKER, QR_SIZE, RADIUS, Page, lay_out, qr_text, signed

TEMPLATE = Path(__file__).parent.parent / "templates" / "answer_sheet.typ"
STUDENT_DIGITS = 8
"""The student-number grid's default width."""


def qr_svg(text: str) -> str:
    """The QR code as SVG without its quiet zone (the page around it is blank), sized by the template."""
    import segno

    out = io.BytesIO()
    segno.make_qr(text, error="m").save(out, kind="svg", border=0, xmldecl=False, svgns=True)
    return out.getvalue().decode()


def page_data(key: Key, letter: str, page: Page) -> dict[str, Any]:
    return {
        "markers": [list(point) for point in page.markers],
        "qr": list(page.qr),
        "qr_svg": qr_svg(qr_text(key, letter, page.number)),
        "boxes": [[box.x, box.y, box.width, box.height] for box in page.boxes],
        "bubbles": [[bubble.x, bubble.y] for bubble in page.bubbles],
        "texts": [
            {"x": t.x, "y": t.y, "width": t.width, "height": t.height, "text": t.text, "size": t.size, "align": t.align, "bold": t.bold}
            for t in page.texts
        ],
    }


def to_pdf(key: Key) -> bytes:
    """Every version's answer sheet, in version order, as PDF bytes (undated, so the same key gives the same bytes)."""
    import typst

    first = lay_out(key, key.versions[0])[0]
    data = {
        "title": key.title,
        "lang": key.lang.split("-")[0],
        "width": first.width,
        "height": first.height,
        "marker": MARKER,
        "qr_size": QR_SIZE,
        "radius": RADIUS,
        "pages": [page_data(key, version.letter, page) for version in key.versions for page in lay_out(key, version)],
    }
    try:
        return typst.compile(TEMPLATE.read_bytes(), format="pdf", sys_inputs={"data": json.dumps(data)}, ignore_system_fonts=True)
    except typst.TypstError as error:
        raise QuizgenError(f"typst could not typeset the answer sheets: {error.message}") from error


def make_key(bank: Bank, handout: Handout, paper: str = "a4", student_digits: int = STUDENT_DIGITS) -> Key:
    """The key of the answer sheets of a handout's versions, fingerprinted."""
    return signed(build_key(bank, handout, paper, student_digits))


@dataclass(frozen=True)
class WrittenSheets:
    """The answer sheets and the key written beside a handout, to report."""

    sheets: Path
    key_file: Path
    key: Key

    def summary(self) -> str:
        pages = sum(len(lay_out(self.key, version)) for version in self.key.versions)
        return f"Wrote {self.sheets}: answer sheets, {count(pages, 'page')}; and {self.key_file}: the key `quizgen grade` reads"


def write_answer_sheets(
    bank_file: Path, handout: Handout, folder: Path, paper: str = "a4", student_digits: int = STUDENT_DIGITS
) -> WrittenSheets:
    """SLUG-answer-sheets.pdf and SLUG-key.json in `folder` for the handout made from `bank_file`.

    The key is written last, so it never names sheets that failed to be written.
    """
    if not 1 <= student_digits <= 12:
        raise QuizgenError(f"--student-digits {student_digits}: give 1 to 12 digits")
    bank = load_bank(bank_file).bank
    key = make_key(bank, handout, paper, student_digits)
    sheets = folder / f"{bank.slug}-answer-sheets.pdf"
    key_file = folder / f"{bank.slug}-key.json"
    write_atomic(sheets, to_pdf(key))
    write_atomic(key_file, to_json(key))
    return WrittenSheets(sheets, key_file, key)

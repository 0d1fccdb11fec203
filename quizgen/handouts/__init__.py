"""`quizgen handout`: worksheets to print, in versions A, B, C..., with a grading grid and answer keys.

The package reads top-down, with no import circle:

- `sheet`: the records a handout prints (`Handout`, `Version`, `Item` and the layouts), no I/O;
- `layout`: `make_handout`, which chooses the questions and lays them out per version;
- `grid`: the grading grid, every version's answers side by side;
- `pdf` (typst, with `handout.typ`), `html`, `markdown`: one pure renderer per format;
- `output`: the command's options, its file names, and `write_handout`, the only writer.
"""

from __future__ import annotations

from ..present import typographic
from .grid import GridChunk, grid_chunks
from .html import to_html
from .layout import MAX_VERSIONS, make_handout, select_questions, version_letter
from .markdown import to_markdown
from .output import FORMATS, PAPERS, SUFFIXES, File, HandoutOptions, KeyMode, Written, key_path, output_format, render, write_handout
from .sheet import (
    Blank,
    Boxes,
    Columns,
    Contents,
    Handout,
    Item,
    Layout,
    Lines,
    NumberBlank,
    Ranking,
    Sentence,
    Version,
)

__all__ = [
    "FORMATS",
    "MAX_VERSIONS",
    "PAPERS",
    "SUFFIXES",
    "Blank",
    "Boxes",
    "Columns",
    "Contents",
    "File",
    "GridChunk",
    "Handout",
    "HandoutOptions",
    "Item",
    "KeyMode",
    "Layout",
    "Lines",
    "NumberBlank",
    "Ranking",
    "Sentence",
    "Version",
    "Written",
    "grid_chunks",
    "key_path",
    "make_handout",
    "output_format",
    "render",
    "select_questions",
    "to_html",
    "to_markdown",
    "typographic",
    "version_letter",
    "write_handout",
]

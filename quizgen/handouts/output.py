"""`quizgen handout`: the options, the files they name, and writing them.

The students' sheets and the teacher's key go to separate files by default, so
that a file sent whole to the copier never carries the answers. `write_handout`
is the only function of the package that touches files.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .. import errors
from ..bank import load_bank
from ..errors import QuizgenError
from ..files import source_date_epoch, write_atomic
from ..model import Bank
from ..select import parse_difficulty
from .html import to_html
from .layout import make_handout
from .markdown import to_markdown
from .sheet import Contents, Handout

KeyMode = Literal["separate", "combined", "omit", "only"]
"""The key in a file of its own (the default), after the sheets in one file, not at all, or alone."""
FORMATS = ("pdf", "html", "md")
PAPERS = ("a4", "letter")
SUFFIXES = {".pdf": "pdf", ".html": "html", ".htm": "html", ".md": "md", ".markdown": "md"}
"""The suffixes a handout's file name may end in, and the format each names."""
FORMAT_NAMES = {"pdf": "a pdf", "html": "an html", "md": "an md"}
"""Each format with its article, for messages."""
STDOUT = "-"
"""The output that means standard output."""
LEFT_OUT_SHOWN = 5
"""Ids of left-out questions named in the summary; the others are counted."""


@dataclass(frozen=True)
class HandoutOptions:
    """What `quizgen handout` is asked for; None picks the default."""

    format: str | None = None
    """pdf, html or md; None: from the output file's suffix, else pdf."""
    versions: int = 1
    count: int | None = None
    tags: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    difficulty: str | None = None
    """As typed: '2' or '2-3'."""
    seed: int = 0
    lang: str | None = None
    paper: str = "a4"
    key: KeyMode = "separate"
    title: str | None = None
    duplex: bool = True
    """Each version starts on an odd page of the PDF (a page left blank before it where needed)."""


@dataclass(frozen=True)
class File:
    """One file of a handout, written or made for standard output."""

    path: Path | None
    """None: standard output, where the caller prints `data`."""
    contents: Contents
    data: bytes | str


@dataclass(frozen=True)
class Written:
    """A handout's files, to report."""

    handout: Handout
    files: tuple[File, ...]

    def summary(self) -> str:
        """One line per file, then one for the questions left out, if any."""
        handout = self.handout
        one = len(handout.versions) == 1
        versions = f"{errors.count(len(handout.versions), 'version')} ({handout.letters})"
        questions = errors.count(len(handout.versions[0].items), "question")
        keys = "its answer key" if one else "their answer keys"
        lines = []
        for file in self.files:
            where = "standard output" if file.path is None else str(file.path)
            what = {
                "sheets": f"{versions} of {questions}",
                "key": f"the grading grid and answer key{'' if one else 's'} of {versions} of {questions}",
                "both": f"{versions} of {questions}, then the grading grid and {keys}",
            }[file.contents]
            lines.append(f"Wrote {where}: {what}; seed {handout.seed}")
        if handout.left_out:
            shown = ", ".join(handout.left_out[:LEFT_OUT_SHOWN]) + (", …" if len(handout.left_out) > LEFT_OUT_SHOWN else "")
            lines.append(
                f"Left out {errors.count(len(handout.left_out), 'question')}, each in a group with a printed one "
                f"or giving its answer away: {shown} (quizgen check lists why)"
            )
        return "\n".join(lines)


def render(
    handout: Handout, format: str, contents: Contents = "both", paper: str = "a4", timestamp: int | None = None, duplex: bool = True
) -> bytes | str:
    """The handout in `format`; `timestamp` dates the PDF (None: no date, so the bytes never change); duplex is for the PDF."""
    if format == "pdf":
        from .pdf import to_pdf

        return to_pdf(handout, contents, paper, timestamp, duplex)
    if format == "html":
        return to_html(handout, contents, paper)
    if format == "md":
        return to_markdown(handout, contents)
    raise QuizgenError(f"--format {format}: the formats are {', '.join(FORMATS)}")


def output_format(requested: str | None, output: Path | None) -> str:
    """The format asked for, else the one the output file's suffix names, else pdf.

    A file whose suffix names another format, or none, is refused: a PDF in
    out.txt, or Markdown in x.pdf, would open as garbage.
    """
    if requested is not None and requested not in FORMATS:
        raise QuizgenError(f"--format {requested}: the formats are {', '.join(FORMATS)}")
    named = SUFFIXES.get(output.suffix.lower()) if output is not None else None
    format = requested or named or "pdf"
    if output is not None and named != format:
        suffixes = " or ".join(suffix for suffix, kind in SUFFIXES.items() if kind == format)
        raise QuizgenError(f"{output}: {FORMAT_NAMES[format]} handout's file name ends in {suffixes}")
    return format


def key_path(sheets: Path) -> Path:
    """The key's file beside the sheets': monday.pdf -> monday-key.pdf, SLUG-handout.pdf -> SLUG-key.pdf."""
    stem = sheets.stem.removesuffix("-handout")
    return sheets.with_name(f"{stem}-key{sheets.suffix}")


def planned_files(bank: Bank, format: str, key: KeyMode, output: Path | None) -> list[tuple[Contents, Path]]:
    """The files to write and what each holds; `output` names the first (the sheets, or the key alone)."""
    sheets = output if output is not None else Path(f"{bank.slug}-handout.{format}")
    if key == "only":
        return [("key", output if output is not None else key_path(sheets))]
    if key == "omit":
        return [("sheets", sheets)]
    if key == "combined":
        return [("both", sheets)]
    return [("sheets", sheets), ("key", key_path(sheets))]


def stdout_is_terminal() -> bool:
    """Whether standard output is a terminal, where a PDF's bytes would only garble the screen."""
    return sys.stdout.isatty()


def write_handout(bank_file: Path, options: HandoutOptions, output: str | None = None) -> Written:
    """Build the handout and write its files (`output`: the first file's name; None: the default; "-": standard output).

    Every file is rendered before any is written, so a handout that fails to
    build leaves the old files as they were.
    """
    to_stdout = output == STDOUT
    path = Path(output) if output is not None and not to_stdout else None
    format = output_format(options.format, path)
    if to_stdout and options.key == "separate":
        raise QuizgenError("-o - writes one file; add --no-key (the sheets), --key-only (the key) or --combined (both in one)")
    if to_stdout and format == "pdf" and stdout_is_terminal():
        raise QuizgenError("refusing to write a PDF to the terminal; redirect it: quizgen handout --no-key -o - > worksheet.pdf")
    # Only a PDF is dated, so a bad SOURCE_DATE_EPOCH stops no other format.
    timestamp = source_date_epoch() if format == "pdf" else None
    if options.paper not in PAPERS:
        raise QuizgenError(f"--paper {options.paper}: the paper sizes are {', '.join(PAPERS)}")
    difficulty = parse_difficulty(options.difficulty)
    bank = load_bank(bank_file).bank
    handout = make_handout(
        bank,
        lang=options.lang,
        versions=options.versions,
        count=options.count,
        tags=options.tags,
        types=options.types,
        difficulty=difficulty,
        seed=options.seed,
        title=options.title,
    )
    files = [
        File(None if to_stdout else target, contents, render(handout, format, contents, options.paper, timestamp, options.duplex))
        for contents, target in planned_files(bank, format, options.key, path)
    ]
    for file in files:
        if file.path is not None:
            write_atomic(file.path, file.data)
    return Written(handout, tuple(files))

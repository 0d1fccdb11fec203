"""`quizgen export`: the bank in the formats of other tools, one pure renderer per format.

Each renderer takes a bank and a language and returns an ExportResult: the
file's content, how many questions it holds, and the questions the format
cannot hold, each with the reason. `export_file` loads the bank, renders it and
writes the file; the questions left out are reported, and the export still
succeeds for the others.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..bank import load_bank
from ..errors import Problem, QuizgenError, count
from ..files import write_atomic
from ..model import Bank
from .anki_csv import to_csv
from .bank_json import to_json
from .base import ExportResult, Skipped
from .gift import to_gift
from .kahoot import to_kahoot
from .qti import to_qti
from .quizlet import to_quizlet
from .webquiz import to_webquiz

__all__ = ["FORMATS", "ExportResult", "Exported", "Format", "Skipped", "export_file"]


@dataclass(frozen=True)
class Format:
    """An export format: its renderer, the ending of the file it writes, and whether that file is binary."""

    name: str
    render: Callable[[Bank, str], ExportResult]
    extension: str
    binary: bool
    tool: str
    """What the file is for, as the help says it."""


FORMATS: dict[str, Format] = {
    entry.name: entry
    for entry in (
        Format("gift", to_gift, ".gift.txt", False, "Moodle (GIFT)"),
        Format("qti", to_qti, ".qti.zip", True, "Canvas (QTI 1.2)"),
        Format("csv", to_csv, ".csv", False, "Anki (text import)"),
        Format("quizlet", to_quizlet, ".quizlet.txt", False, "Quizlet (import box)"),
        Format("kahoot", to_kahoot, ".xlsx", True, "Kahoot (spreadsheet)"),
        Format("json", to_json, ".json", False, "other programs"),
        Format("html", to_webquiz, ".html", False, "a browser (one self-contained page)"),
    )
}


@dataclass(frozen=True)
class Exported:
    """What `quizgen export` made, and where it went (target None: standard output)."""

    bank: Bank
    format: Format
    result: ExportResult
    target: Path | None

    def problems(self) -> list[Problem]:
        """The questions left out, one located line each."""
        return [skipped.problem(self.bank.path) for skipped in self.result.skipped]

    def summary(self) -> str:
        where = "standard output" if self.target is None else str(self.target)
        return f"Wrote {where}: {count(self.result.exported, 'question')} ({len(self.result.skipped)} skipped)"


def default_output(bank: Bank, chosen: Format, lang: str) -> Path:
    """`<deck slug>.<lang><extension>` in the current folder: viva-technology-2016.fr.gift.txt."""
    return Path(f"{bank.slug}.{lang}{chosen.extension}")


def export_file(path: Path, format_name: str, lang: str | None = None, output: str | None = None) -> Exported:
    """Export the bank at `path` to `output` (None: the default name; "-": nothing written, the caller prints it)."""
    if format_name not in FORMATS:
        raise QuizgenError(f"unknown export format '{format_name}'; the formats are {', '.join(FORMATS)}")
    chosen = FORMATS[format_name]
    if output == "-" and chosen.binary:
        raise QuizgenError(f"the {chosen.name} export is a binary file ({chosen.extension}); give a file name with -o")
    bank = load_bank(path).bank
    language = bank.language(lang)
    result = chosen.render(bank, language)
    target = None if output == "-" else Path(output) if output else default_output(bank, chosen, language)
    if target is not None:
        write_atomic(target, result.data)
    return Exported(bank, chosen, result, target)

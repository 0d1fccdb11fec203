"""`quizgen export`: the bank in the formats of other tools, one pure renderer per format.

Each renderer takes a bank and a language and returns an ExportResult: the
file's content, how many questions it holds, and the questions the format
cannot hold, each with the reason. `export_file` loads the bank, renders it and
writes the file; the questions left out are reported, and the export still
succeeds for the others, unless none is left: then nothing is written.

A renderer's module is imported when its format is used, so that a GIFT
export does not load genanki (the Anki import file's GUIDs) or the web quiz.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from ..bank import load_bank
from ..errors import BankError, Problem, QuizgenError, count
from ..files import write_atomic
from ..model import Bank
from .base import ExportResult, Renderer, Skipped

if TYPE_CHECKING:
    from .webquiz import WebOptions

__all__ = ["FORMATS", "EmptyExport", "ExportResult", "Exported", "Format", "Skipped", "export_file"]


@dataclass(frozen=True)
class Format:
    """An export format: its renderer, the ending of the file it writes, and whether that file is binary."""

    name: str
    renderer: str
    """The renderer as 'module:function', a module of this package, imported on first use."""
    extension: str
    binary: bool

    def render(self, bank: Bank, lang: str) -> ExportResult:
        """The bank in this format, in `lang`."""
        module, function = self.renderer.split(":")
        return cast(Renderer, getattr(importlib.import_module(f".{module}", __name__), function))(bank, lang)


FORMATS: dict[str, Format] = {
    entry.name: entry
    for entry in (
        Format("moodle", "moodle:to_moodle", ".moodle.xml", False),
        Format("gift", "gift:to_gift", ".gift.txt", False),
        Format("qti", "qti:to_qti", ".qti.zip", True),
        Format("csv", "anki_csv:to_csv", ".csv", False),
        Format("quizlet", "quizlet:to_quizlet", ".quizlet.txt", False),
        Format("kahoot", "kahoot:to_kahoot", ".xlsx", True),
        Format("blooket", "game_sheets:to_blooket", ".blooket.csv", False),
        Format("gimkit", "game_sheets:to_gimkit", ".gimkit.csv", False),
        Format("wayground", "game_sheets:to_wayground", ".wayground.xlsx", True),
        Format("json", "bank_json:to_json", ".json", False),
        Format("html", "webquiz:to_webquiz", ".html", False),
    )
}


@dataclass(frozen=True)
class Exported:
    """What `quizgen export` made, and where it went (target None: standard output)."""

    bank: Bank
    result: ExportResult
    target: Path | None

    def problems(self) -> list[Problem]:
        """The questions left out, one located line each."""
        return [skipped.problem(self.bank.path) for skipped in self.result.skipped]

    def summary(self) -> str:
        where = "standard output" if self.target is None else str(self.target)
        return f"Wrote {where}: {count(self.result.exported, 'question')} ({len(self.result.skipped)} skipped)"


class EmptyExport(BankError):
    """An export that would hold no question: each one left out is a located line, and nothing is written."""

    def __init__(self, path: str, problems: list[Problem], format_name: str) -> None:
        super().__init__(path, problems)
        self.format_name = format_name

    def __str__(self) -> str:
        summary = f"nothing written: no question of {self.path} fits the {self.format_name} format ({len(self.problems)} skipped)"
        return "\n".join([*(str(problem) for problem in self.problems), summary])


def default_output(bank: Bank, chosen: Format, lang: str) -> Path:
    """`<deck slug>.<lang><extension>` in the current folder: viva-technology-2016.fr.gift.txt."""
    return Path(f"{bank.slug}.{lang}{chosen.extension}")


def export_file(
    path: Path, format_name: str, lang: str | None = None, output: str | None = None, web: WebOptions | None = None
) -> Exported:
    """Export the bank at `path` to `output` (None: the default name; "-": nothing written, the caller prints it).

    `web` holds the web quiz's own options (html only).

    An export that would hold no question is refused (EmptyExport), so that it
    never replaces a previous export with an empty file.
    """
    if format_name not in FORMATS:
        raise QuizgenError(f"unknown export format '{format_name}'; the formats are {', '.join(FORMATS)}")
    chosen = FORMATS[format_name]
    if output == "-" and chosen.binary:
        raise QuizgenError(f"the {chosen.name} export is a binary file ({chosen.extension}); give a file name with -o")
    bank = load_bank(path).bank
    language = bank.language(lang)
    target = None if output == "-" else Path(output) if output else default_output(bank, chosen, language)
    if web is None:
        result = chosen.render(bank, language)
    else:
        from .webquiz import to_webquiz

        result = to_webquiz(bank, language, web)
    exported = Exported(bank, result, target)
    if not exported.result.exported:
        raise EmptyExport(bank.path, exported.problems(), chosen.name)
    if target is not None:
        write_atomic(target, exported.result.data)
    return exported

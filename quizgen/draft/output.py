"""The draft bank: its YAML text (`render_bank`, `draft_bank`), and `write_draft`, the one function that touches files."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from ..errors import DraftError
from ..files import read_text, write_atomic
from .extraction import extract
from .questions import build_questions
from .records import Draft, Findings


class _Dumper(yaml.SafeDumper):
    """Never anchors and aliases, which a bank refuses: a repeated value is written out again."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _require_questions(findings: Findings, name: str) -> None:
    """DraftError, naming the article `name`, when the findings give no question at all."""
    if not (findings.quotations or findings.figures or findings.roles):
        lines = "no line of prose" if not findings.title else "its prose"
        raise DraftError(f"{name}: found no quotation, figure or person with a role in {lines} to draft a question from")


def render_bank(findings: Findings, *, source_file: str, title: str | None = None) -> tuple[str, int]:
    """The YAML text of a draft bank and its number of questions; the article gave nothing: DraftError."""
    _require_questions(findings, source_file)
    questions = build_questions(findings)
    source_title = findings.title or Path(source_file).stem
    bank = {
        "title": title or source_title,
        "languages": [findings.language],
        "source": {"title": source_title, "file": source_file},
        "questions": questions,
    }
    header = (
        f"# A draft written by `quizgen draft` from {source_file}.\n"
        "# Every question has draft: true. Review each one, fix it or delete it, then remove its draft line;\n"
        "# check it with: quizgen check THIS_FILE --strict\n"
    )
    body = yaml.dump(bank, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return header + body, len(questions)


def draft_bank(text: str, *, source_file: str, lang: str | None = None, title: str | None = None) -> str:
    """The YAML of a draft bank for an article's text; `source_file` is the article's path relative to the bank."""
    return render_bank(extract(text, lang), source_file=source_file, title=title)[0]


def default_output(article: Path) -> Path:
    """Where `quizgen draft ARTICLE` writes without -o: ARTICLE's stem + .draft.yaml, in the current folder."""
    return Path(f"{article.stem}.draft.yaml")


def write_draft(
    article: Path, output: Path | None = None, *, lang: str | None = None, title: str | None = None, force: bool = False
) -> Draft:
    """Read an article, draft a bank from it and write the bank to `output`, never over a file unless `force`."""
    text = read_text(article)
    if not text.strip():
        raise DraftError(f"{article} is empty: there is nothing to draft from")
    output = output if output is not None else default_output(article)
    if output.is_dir():
        raise DraftError(f"{output} is a folder; give the draft a file name with -o FILE")
    if output.exists() and not force:
        raise DraftError(f"{output} already exists; a draft never replaces a bank silently: choose another -o FILE or add --force")
    findings = extract(text, lang)
    _require_questions(findings, str(article))  # named as the user gave it, before render_bank names it relative to the bank
    try:
        relative = os.path.relpath(article.resolve(), output.resolve().parent)
    except ValueError:  # another drive, on Windows
        relative = str(article.resolve())
    source_file = Path(relative).as_posix()
    rendered, questions = render_bank(findings, source_file=source_file, title=title)
    write_atomic(output, rendered)
    return Draft(rendered, findings, questions)

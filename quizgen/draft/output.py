"""The draft bank: its YAML text (`render_bank`, `draft_bank`), and `write_draft`, the one function that touches files."""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from pathlib import Path
from typing import Any, BinaryIO

import yaml

from ..apart import clusters
from ..bank import parse_bank
from ..errors import DraftError, count
from ..files import write_atomic
from ..model import stable_id
from .extraction import extract
from .questions import DEFAULT_MAX, build_questions
from .reading import HTML_SUFFIXES, PDF_SUFFIXES, read_article
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


def render_bank(
    findings: Findings,
    *,
    source_file: str | None,
    title: str | None = None,
    limit: int | None = DEFAULT_MAX,
    deck_id: int | None = None,
    every: bool = False,
) -> tuple[str, int]:
    """The YAML text of a draft bank and its number of questions; the article gave nothing: DraftError.

    `source_file` is the article's path relative to the bank (None: the bank names no file); `deck_id`
    is written as the bank's fixed Anki deck id, so that renaming the bank later keeps one deck in Anki;
    `every`: every question the findings make, not only those worth asking (with `limit=None`, all of them)."""
    _require_questions(findings, source_file or "the article")
    questions = build_questions(findings, limit, every)
    if not questions and not every and build_questions(findings, 1, every=True):
        raise DraftError(
            f"{source_file or 'the article'}: found {count(len(findings.quotations), 'quotation')} and "
            f"{count(len(findings.figures), 'figure')}, but no question a teacher would keep (a quotation nobody is named for, "
            "'who said' with one person quoted or fewer than three people to choose from); add --all to draft them anyway"
        )
    if not questions:  # people with roles, but one role shared by all of them: nothing to ask
        raise DraftError(
            f"{source_file or 'the article'}: found no quotation, figure or person with a role in its prose to draft a question from"
        )
    source_title = findings.title or (Path(source_file).stem if source_file else "article")
    source: dict[str, str] = {"title": source_title}
    if source_file is not None:
        source["file"] = source_file
    bank: dict[str, Any] = {"title": title or source_title, "languages": [findings.language], "source": source}
    if deck_id is not None:
        bank["deck"] = {"name": title or source_title, "id": deck_id}
    bank["questions"] = _grouped(bank, questions)
    header = (
        f"# A draft written by `quizgen draft` from {source_file or 'standard input'}.\n"
        "# Every question has draft: true. Review each one, fix it or delete it, then remove its draft line;\n"
        "# check it with: quizgen check THIS_FILE --strict\n"
    )
    body = yaml.dump(bank, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return header + body, len(questions)


def _grouped(bank: dict[str, Any], questions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The questions, those that give each other's answers away in one `group` (named after its first question), by the
    rule `check` and every output use: "who said « … 40 % … »?" and "… %" are never drawn together, and the teacher
    sees which questions share a fact."""
    text = yaml.dump(bank | {"questions": questions}, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
    cluster = clusters(parse_bank(text.encode("utf-8"), "draft", jobs=1).bank)
    members = Counter(cluster.values())
    first: dict[str, str] = {}
    grouped = []
    for question in questions:
        key = cluster[question["id"]]
        if members[key] < 2:
            grouped.append(question)
            continue
        items = list(question.items())
        at = [field for field, _ in items].index("type") + 1  # read with the question's kind, before its texts
        grouped.append(dict([*items[:at], ("group", first.setdefault(key, question["id"])), *items[at:]]))
    return grouped


def draft_bank(
    text: str,
    *,
    source_file: str | None,
    lang: str | None = None,
    title: str | None = None,
    limit: int | None = DEFAULT_MAX,
    nlp: bool = True,
    every: bool = False,
) -> str:
    """The YAML of a draft bank for an article's text; `source_file` is the article's path relative to the bank."""
    findings = extract(text, lang, nlp=nlp)
    return render_bank(findings, source_file=source_file, title=title, limit=limit, deck_id=draft_deck_id(text), every=every)[0]


def draft_deck_id(text: str) -> int:
    """The deck id a draft writes: fixed for an article (a draft is deterministic), different from one article to another."""
    return stable_id("quizgen draft " + hashlib.sha256(text.encode("utf-8")).hexdigest())


def default_output(article: Path | str) -> Path:
    """Where `quizgen draft ARTICLE` writes without -o: ARTICLE's stem + .draft.yaml, in the current folder
    (draft.yaml for standard input)."""
    return Path("draft.yaml") if str(article) == "-" else Path(f"{Path(article).stem}.draft.yaml")


def write_draft(
    article: Path | str,
    output: Path | None = None,
    *,
    lang: str | None = None,
    title: str | None = None,
    force: bool = False,
    limit: int | None = DEFAULT_MAX,
    nlp: bool = True,
    stdin: BinaryIO | None = None,
    every: bool = False,
) -> Draft:
    """Read an article ("-": standard input), draft a bank from it and write the bank to `output`, never over a file
    unless `force`. A web page, a PDF, standard input or an article outside the bank's folder is not text the bank
    can quote from: the text the draft read is written beside the bank (OUTPUT's stem + .source.txt) and the bank's
    source names it."""
    output = output if output is not None else default_output(article)
    if output.is_dir():
        raise DraftError(f"{output} is a folder; give the draft a file name with -o FILE")
    if output.exists() and not force:
        raise DraftError(f"{output} already exists; a draft never replaces a bank silently: choose another -o FILE or add --force")
    read = read_article(article, stdin)
    name = "standard input" if str(article) == "-" else str(article)
    if not read.text.strip():
        raise DraftError(f"{name} is empty: there is nothing to draft from")
    findings = extract(read.text, lang, nlp=nlp, title=read.title)
    _require_questions(findings, name)  # named as the user gave it, before render_bank names it relative to the bank
    plain = str(article) != "-" and Path(article).suffix.lower() not in HTML_SUFFIXES + PDF_SUFFIXES and not read.notes
    # A bank names files in its own folder only (`check` refuses others): an article elsewhere is copied beside it.
    plain = plain and Path(article).resolve().is_relative_to(output.resolve().parent)
    text_file = Path(article) if plain else output.with_name(f"{output.stem.removesuffix('.draft')}.source.txt")
    if not plain and text_file.exists() and not force:
        raise DraftError(f"{text_file} already exists; the draft writes the text it read there: remove it or add --force")
    try:
        relative = os.path.relpath(text_file.resolve(), output.resolve().parent)
    except ValueError:  # another drive, on Windows
        relative = str(text_file.resolve())
    rendered, questions = render_bank(
        findings, source_file=Path(relative).as_posix(), title=title, limit=limit, deck_id=draft_deck_id(read.text), every=every
    )
    if not plain:
        write_atomic(text_file, read.text)
    write_atomic(output, rendered)
    return Draft(rendered, findings, questions, read.notes, None if plain else str(text_file))

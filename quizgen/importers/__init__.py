"""`quizgen import`: a bank from another tool's file (Moodle XML, GIFT, Anki's text export, quizgen JSON).

Each reader (`moodle_xml`, `gift`, `anki_text`, and `json_bank` for quizgen's
own JSON) turns the file into `Foreign` questions: the nearest bank type, its
fields in the bank's own YAML keys, the line of the file it starts on, and
what could not be carried, each with its reason. `import_file` gives every
question a stable id (from the file's own ids or names), writes the bank's
YAML, validates it with the one bank reader, leaves out (and reports) a
question the reader refuses, and writes the file only when every question left
passes: the result is a bank `quizgen check` accepts.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..bank import parse_bank
from ..bank.fields import ID_PATTERN
from ..errors import BankError, Problem, QuizgenError, count
from ..files import read_bytes, write_atomic

__all__ = ["Foreign", "Imported", "default_output", "import_file", "slug_id"]


@dataclass
class Foreign:
    """One question of another tool's file, as the nearest bank question."""

    line: int
    """Where it starts in the file."""
    name: str
    """The file's own id or name for it, the seed of its bank id ('' when it has none)."""
    fields: dict[str, Any]
    """The bank's YAML keys (id excepted), one language, plain strings."""
    notes: list[str] = field(default_factory=list)
    """What could not be carried, one reason each."""


class Unreadable(Exception):
    """A file a reader cannot read at all: the line and what is wrong there."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class Skip:
    """An item of the file that is not a question quizgen can hold (an essay, a description...)."""

    line: int
    name: str
    reason: str


@dataclass
class Read:
    """What a reader found: the questions, the items left out, and the title the file suggests."""

    questions: list[Foreign] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    title: str | None = None
    language: str | None = None
    """The language the file says its texts are in (quizgen JSON does)."""
    source: dict[str, Any] | None = None
    """The bank's `source` block, when the file has one (quizgen JSON): title, url, date, file, language."""
    deck: dict[str, Any] | None = None
    """The bank's Anki deck (name and id), when the file names one (quizgen JSON), so its notes stay the same notes."""


@dataclass(frozen=True)
class Imported:
    """What `quizgen import` wrote: the bank's text, how many questions, and every located note."""

    text: str
    questions: int
    notes: tuple[Problem, ...]
    kind: str

    def summary(self, output: Path) -> str:
        return f"Wrote {output}: {count(self.questions, 'question')} from {self.kind} ({count(len(self.notes), 'note')})"


def slug_id(text: str) -> str:
    """A bank id from a foreign id or name: 'Q1 – Paris?' -> 'q1-paris'; '' when nothing is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9_]+", "-", ascii_text)
    slug = re.sub(r"[-_]*([-_])[-_]*", r"\1", slug).strip("-_")
    return slug[:60].rstrip("-_")


def html_to_text(text: str) -> str:
    """The words an HTML text shows: line breaks for <br> and paragraphs, tags dropped, entities read."""
    import html

    text = re.sub(r"(?i)<br\s*/?>|</p>\s*<p[^>]*>|</div>\s*<div[^>]*>|<li[^>]*>", "\n", text)
    text = re.sub(r"(?s)<!--.*?-->|<[^>]+>", "", text)
    text = html.unescape(text)
    return "\n".join(line.strip() for line in text.strip().splitlines()).strip()


def excerpt_patterns() -> list[tuple[re.Pattern[str], re.Pattern[str]]]:
    """For each language quizgen writes: its 'Source (Title): “excerpt”' line, and its quotation marks."""
    from ..present import LABELS

    found = []
    for words in LABELS.values():
        quote = re.compile("^" + re.escape(words["quote"]).replace(re.escape("{text}"), "(.+)") + "$", re.DOTALL)
        for key in ("excerpt_from", "excerpt"):
            line = re.escape(words[key]).replace(re.escape("{title}"), ".+?").replace(re.escape("{excerpt}"), "(.+)")
            found.append((re.compile("^" + line + "$", re.DOTALL), quote))
    return found


def carry_excerpt(question: Foreign) -> None:
    """quizgen's exports end the feedback with the question's excerpt ('Source (Title): “…”'): it goes back to
    `source`, and the explanation keeps the lines before it."""
    explanation = question.fields.get("explanation")
    if not isinstance(explanation, str) or "source" in question.fields:
        return
    *before, last = explanation.split("\n")
    for line, quote in excerpt_patterns():
        found = line.match(last)
        if found:
            quoted = quote.match(found.group(1))
            question.fields["source"] = quoted.group(1) if quoted else found.group(1)
            if before:
                question.fields["explanation"] = "\n".join(before)
            else:
                del question.fields["explanation"]
            return


def source_block(source: dict[str, Any] | None, path: Path, output: Path) -> dict[str, Any] | None:
    """The file's `source` block, its text file named from the bank written."""
    if source is None:
        return None
    block = {key: value for key, value in source.items() if value is not None}
    if isinstance(block.get("file"), str):
        block["file"] = Path(os.path.relpath((path.parent / block["file"]).resolve(), output.resolve().parent)).as_posix()
    return block


def follow_picture(question: Foreign, path: Path, output: Path) -> None:
    """A picture named relative to the imported file (quizgen JSON) is named relative to the bank written."""
    image = question.fields.get("image")
    if isinstance(image, dict) and isinstance(image.get("file"), str):
        found = (path.parent / image["file"]).resolve()
        image["file"] = Path(os.path.relpath(found, output.resolve().parent)).as_posix()


def detect(data: bytes, path: Path) -> tuple[str, Callable[[bytes, str], Read]]:
    """Which reader takes the file: by its content, whatever its name."""
    from ..bank.json_bank import FOREIGN, is_json_bank

    if is_json_bank(data):
        from .quizgen_json import read_quizgen_json

        return "quizgen JSON", read_quizgen_json
    moodle, gift, anki = (pattern for pattern, _ in FOREIGN)
    if moodle.search(data[:65536]):
        from .moodle_xml import read_moodle_xml

        return "Moodle XML", read_moodle_xml
    if anki.search(data[:65536]) or path.suffix.lower() in (".tsv",):
        from .anki_text import read_anki_text

        return "Anki text", read_anki_text
    if gift.search(data) or path.suffix.lower() == ".gift":
        from .gift import read_gift

        return "GIFT", read_gift
    raise QuizgenError(f"{path}: not a file quizgen imports; it reads Moodle XML, GIFT, Anki's text export and quizgen JSON")


def unique_ids(questions: list[Foreign]) -> list[str]:
    """A stable id per question: its own id or name made a slug, else 'q' and its position; -2, -3... for repeats."""
    ids: list[str] = []
    seen: set[str] = set()
    for number, question in enumerate(questions, 1):
        base = question.name if ID_PATTERN.match(question.name) else slug_id(question.name)
        base = base or f"q{number}"
        candidate, suffix = base, 2
        while candidate in seen:
            candidate, suffix = f"{base}-{suffix}", suffix + 1
        seen.add(candidate)
        ids.append(candidate)
    return ids


class Dumper(yaml.SafeDumper):
    """Block YAML, lists of short scalars in flow style; strings YAML 1.1 would read as something else are quoted."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def represent_dict(dumper: Dumper, value: dict[str, Any]) -> yaml.Node:
    """Mappings always as blocks, one key a line, as a bank is written by hand."""
    return dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=False)


def represent_list(dumper: Dumper, value: list[Any]) -> yaml.Node:
    """Lists of texts or numbers on one line ([a, b]); lists of lists or mappings as blocks."""
    flat = all(not isinstance(item, list | dict) for item in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flat)


Dumper.add_representer(dict, represent_dict)
Dumper.add_representer(list, represent_list)


def dump(value: Any) -> str:
    return yaml.dump(value, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=120)


def bank_text(
    title: str, lang: str, questions: list[tuple[str, Foreign]], source: dict[str, Any] | None = None, deck: dict[str, Any] | None = None
) -> tuple[str, list[int]]:
    """The bank's YAML, and the line each question starts on. A file none of whose questions quotes an
    excerpt (another tool's) makes a bank with `source: none`: it is not written from a text."""
    top: dict[str, Any] = {"title": title, "languages": [lang]}
    if source:
        top["source"] = source
    elif not any("source" in question.fields for _, question in questions):
        top["source"] = "none"
    if deck:
        top["deck"] = deck
    parts = [dump(top) + "questions:\n"]
    lines = []
    line = parts[0].count("\n") + 1
    for question_id, question in questions:
        block = dump([{"id": question_id, **question.fields}])
        lines.append(line)
        parts.append(block)
        line += block.count("\n")
    return "".join(parts), lines


def default_output(path: Path) -> Path:
    """`quiz.xml` -> `quiz.yaml`, in the current folder."""
    return Path(path.stem + ".yaml")


def import_file(path: Path, output: Path, *, lang: str | None = None, title: str | None = None, force: bool = False) -> Imported:
    """Read another tool's file at `path` and write its questions as a bank at `output`, in `lang` (default: the
    language the file names, else English)."""
    data = read_bytes(path)
    kind, reader = detect(data, path)
    if output.is_dir():
        raise QuizgenError(f"{output} is a folder; give the bank a file name with -o FILE")
    if output.exists() and not force:
        raise QuizgenError(f"{output} already exists; an import never replaces a bank silently: choose another -o FILE or add --force")
    try:
        read = reader(data, lang or "en")
    except Unreadable as error:
        raise QuizgenError(f"{path}:{error.line}: {error}") from None
    lang = lang or read.language or "en"
    notes = [Problem(str(path), skip.line, f"not imported: {skip.reason}", slug_id(skip.name) or None) for skip in read.skipped]
    for question in read.questions:
        carry_excerpt(question)
        follow_picture(question, path, output)
    kept = list(zip(unique_ids(read.questions), read.questions, strict=True))
    for question_id, question in kept:
        notes += [Problem(str(path), question.line, f"not carried: {note}", question_id) for note in question.notes]
    bank_title = title or read.title or path.stem
    while kept:
        text, lines = bank_text(bank_title, lang, kept, source_block(read.source, path, output), read.deck)
        refused = refused_questions(text, str(output), lines)
        if not refused:
            break
        for index, message in sorted(refused.items(), reverse=True):
            question_id, question = kept.pop(index)
            notes.append(Problem(str(path), question.line, f"not imported: quizgen refuses it: {message}", question_id))
    if not kept:
        detail = "\n".join(str(note) for note in sorted(notes, key=lambda note: note.line))
        raise QuizgenError((detail + "\n" if detail else "") + f"nothing written: {path} holds no question quizgen can import")
    write_atomic(output, text)
    return Imported(text, len(kept), tuple(sorted(notes, key=lambda note: note.line)), kind)


def refused_questions(text: str, path: str, lines: list[int]) -> dict[int, str]:
    """The questions the bank reader refuses (by position), with its first message for each."""
    try:
        parse_bank(text.encode("utf-8"), path, jobs=1)
    except BankError as error:
        refused: dict[int, str] = {}
        for problem in error.problems:
            if problem.warning:
                continue
            index = max((position for position, line in enumerate(lines) if line <= problem.line), default=-1)
            if index < 0:
                raise QuizgenError(f"the imported bank is not valid: {problem}") from None
            refused.setdefault(index, problem.message)
        return refused
    return {}

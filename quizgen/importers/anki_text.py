"""Anki's text export (*Notes in Plain Text*) read as bank questions.

Anki writes `#key:value` header lines (separator, html, columns, and which
column holds the GUID, the note type, the deck and the tags), then one note a
line. A note whose text holds `{{c1::...}}` becomes a cloze; any other note a
short answer: its first field the prompt, its second field's first line the
answer, the rest of that field the explanation. The GUID (else the first
field) names the question. Fields beyond the second, pictures and sounds
can't be carried: each is a note.
"""

from __future__ import annotations

import csv
import io
import re

from ..model import CLOZE_PATTERN
from ..present import LABELS
from . import Foreign, Read, Skip, html_to_text

ANSWER_LINES = [re.compile("^" + re.escape(words["answer_line"]).replace(re.escape("{answer}"), "(.+)") + "$") for words in LABELS.values()]
"""quizgen's own Anki text export starts the back with 'Answer: ...' in the deck's language: the answer is after it."""

SEPARATORS = {"tab": "\t", "comma": ",", "semicolon": ";", "space": " ", "pipe": "|", "colon": ":"}
MEDIA = re.compile(r"(?i)<img\b|\[sound:")


def headers(lines: list[str]) -> dict[str, str]:
    found = {}
    for line in lines:
        if not line.startswith("#") or ":" not in line:
            break
        key, _, value = line[1:].partition(":")
        found[key.strip().lower()] = value.strip()
    return found


def column(settings: dict[str, str], key: str) -> int | None:
    """A 1-based column header ('#guid column:1') as a 0-based index."""
    value = settings.get(f"{key} column")
    return int(value) - 1 if value and value.isdigit() and int(value) > 0 else None


def read_anki_text(data: bytes, lang: str) -> Read:
    """Every note of the file, with its line."""
    text = data.decode("utf-8-sig").replace("\r\n", "\n")
    lines = text.split("\n")
    settings = headers(lines)
    skip = sum(1 for line in lines[: len(settings)] if line.startswith("#"))
    separator = SEPARATORS.get(settings.get("separator", "tab").lower(), settings.get("separator", "\t")[:1] or "\t")
    as_html = settings.get("html", "false").lower() == "true"
    special = {index for key in ("guid", "notetype", "deck", "tags") if (index := column(settings, key)) is not None}
    read = Read(title=settings.get("deck"))
    reader = csv.reader(io.StringIO("\n".join(lines[skip:])), delimiter=separator)
    for row in reader:
        line = skip + reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        guid_column, tags_column = column(settings, "guid"), column(settings, "tags")
        guid = row[guid_column] if guid_column is not None and guid_column < len(row) else ""
        tags = row[tags_column].split() if tags_column is not None and tags_column < len(row) else []
        fields_text = [cell for index, cell in enumerate(row) if index not in special]
        notes: list[str] = []
        if any(MEDIA.search(cell) for cell in fields_text):
            notes.append("its pictures or sounds")
        texts = [html_to_text(cell) if as_html else cell.strip() for cell in fields_text]
        name = guid or texts[0][:40] if texts else guid
        if not texts or not texts[0]:
            read.skipped.append(Skip(line, name, "an empty note"))
            continue
        fields: dict[str, object]
        if CLOZE_PATTERN.search(texts[0]):
            fields = {"type": "cloze", "text": texts[0]}
            extra = [text for text in texts[1:] if text]
            if extra:
                fields["explanation"] = "\n".join(extra)
        else:
            back = texts[1] if len(texts) > 1 else ""
            answer, _, rest = back.partition("\n")
            own = next((found for pattern in ANSWER_LINES if (found := pattern.match(answer))), None)
            if own is not None:
                answer = own.group(1)
            if not answer.strip():
                read.skipped.append(Skip(line, name, "a note without a back has no answer to ask for"))
                continue
            fields = {"type": "short", "prompt": texts[0], "answer": answer.strip()}
            if rest.strip():
                fields["explanation"] = rest.strip()
            if any(text for text in texts[2:]):
                notes.append(f"{len(texts) - 2} field(s) after the second")
        if tags:
            fields["tags"] = list(dict.fromkeys(tags))
        read.questions.append(Foreign(line, name, fields, notes))
    return read

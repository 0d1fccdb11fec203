"""A bank written as quizgen's JSON export, read as a bank; and files from other tools, recognised and refused.

`quizgen export --format json` writes a bank in one language with every answer
explicit (`exports/bank_json.py`, schema `exports/bank.schema.json`). Every
command reads that file back wherever it takes a YAML bank: the JSON is turned
into the bank's own YAML, one question per line, and validated by the one bank
reader (bank.py), so both kinds of file follow the same rules and give the same
messages; each message is then moved to the line of the JSON where its question
starts.
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
from typing import TYPE_CHECKING, Any

import yaml

from ..errors import BankError, Problem

if TYPE_CHECKING:
    from .reader import Loaded

FORMAT = "quizgen-bank"
VERSIONS = (1, 2)


class Shape(Exception):
    """A JSON value of the wrong shape for a quizgen bank; the message says which."""


def is_json_bank(data: bytes) -> bool:
    """Whether the bytes are a JSON object whose `format` is quizgen's bank (a YAML bank is never one)."""
    text = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not text.startswith(b"{") or b'"format"' not in text[:4096]:
        return False
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        return False
    return isinstance(document, dict) and document.get("format") == FORMAT


def question_lines(data: bytes, count: int) -> list[int]:
    """The line each question starts on in the JSON (JSON is YAML: the YAML composer gives the lines)."""
    try:
        node = yaml.compose(data.decode("utf-8-sig"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return [1] * count
    for key, value in getattr(node, "value", []):
        if getattr(key, "value", None) == "questions" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return [1] * count


def scalar(value: Any) -> str:
    """A JSON value as a YAML flow scalar that the bank reader reads back to the same value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise Shape(f"the number {value} is not finite")
        text = repr(value)
        # YAML 1.1 reads 1e+20 as text: its floats need a point before the exponent.
        return re.sub(r"^(-?\d+)e", r"\1.0e", text)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if value is None:
        raise Shape("null where a value is needed")
    if isinstance(value, list):
        return "[" + ", ".join(scalar(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(str(key))}: {scalar(item)}" for key, item in value.items()) + "}"
    raise Shape(f"unexpected value {value!r}")


def pick(record: dict[str, Any], key: str, kind: type | tuple[type, ...]) -> Any:
    value = record.get(key)
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
        raise Shape(f"'{key}' must be {getattr(kind, '__name__', 'valid')}; found {json.dumps(value, ensure_ascii=False)[:60]}")
    return value


def optional(fields: dict[str, Any], record: dict[str, Any], key: str, default: Any = None) -> None:
    """Copy `key` unless it is null or its default, which the bank writes by leaving the key out."""
    value = record.get(key)
    if value is not None and value != default:
        fields[key] = value


def question_fields(record: Any, lang: str) -> dict[str, Any]:
    """One JSON question as the bank's YAML keys."""
    if not isinstance(record, dict):
        raise Shape("a question must be an object")
    kind = pick(record, "type", str)
    fields: dict[str, Any] = {"id": record.get("id"), "type": kind}
    for key in ("prompt", "explanation", "source", "hint", "group"):
        optional(fields, record, key)
    for key, default in (("tags", []), ("difficulty", None), ("draft", False), ("support", "quoted"), ("points", 1)):
        optional(fields, record, key, default)
    image = record.get("image")
    if isinstance(image, dict):
        fields["image"] = {"file": image.get("file"), **({"alt": image["alt"]} if image.get("alt") is not None else {})}
    if kind in ("mcq", "multi"):
        choices = pick(record, "choices", list)
        fields["choices"] = choices
        indices = [pick(record, "answer", int)] if kind == "mcq" else pick(record, "answers", list)
        if not all(isinstance(index, int) and 0 <= index < len(choices) for index in indices):
            raise Shape(f"answer {indices} is not the index of a choice (0 to {len(choices) - 1})")
        named = [choices[index] for index in indices]
        fields["answer" if kind == "mcq" else "answers"] = named[0] if kind == "mcq" else named
    elif kind in ("truefalse", "short"):
        fields["answer"] = record.get("answer")
        optional(fields, record, "accept", [])
    elif kind == "numeric":
        fields["answer"] = record.get("answer")
        for key, default in (("tolerance", 0), ("range", None), ("unit", None)):
            optional(fields, record, key, default)
    elif kind == "cloze":
        fields["text"] = record.get("text")
        fields.update(cloze_accept(record, lang))
    elif kind == "match":
        fields.update(match_fields(record))
    elif kind == "order":
        items = pick(record, "items", list)
        sources = padded(record.get("item_sources"), len(items))
        fields["items"] = [{"text": item, "source": source} if source else item for item, source in zip(items, sources, strict=True)]
    else:
        fields.update({key: value for key, value in record.items() if key not in fields})  # the bank reader names the type
    return fields


def padded(values: Any, size: int) -> list[Any]:
    """Per-pair or per-item excerpts, one per entry (None where there is none)."""
    found: list[Any] = values if isinstance(values, list) else []
    return (found + [None] * size)[:size]


def cloze_accept(record: dict[str, Any], lang: str) -> dict[str, Any]:
    """`accept: {c1: {lang: [...]}}` from each deletion's `accepted`, less the deletions' own texts."""
    accept: dict[str, Any] = {}
    deletions = record.get("deletions") or []
    for deletion in deletions:
        if not isinstance(deletion, dict):
            raise Shape("each deletion must be an object")
        own = {other.get("answer") for other in deletions if isinstance(other, dict) and other.get("number") == deletion.get("number")}
        extra = [text for text in deletion.get("accepted") or [] if text not in own]
        if extra:
            accept[f"c{deletion.get('number')}"] = {lang: extra}
    return {"accept": accept} if accept else {}


def match_fields(record: dict[str, Any]) -> dict[str, Any]:
    pairs = pick(record, "pairs", list)
    written = []
    for pair, source in zip(pairs, padded(record.get("pair_sources"), len(pairs)), strict=True):
        if not (isinstance(pair, list) and len(pair) == 2):
            raise Shape("each pair must be [left, right]")
        written.append({"left": pair[0], "right": pair[1], "source": source} if source else pair)
    return {"pairs": written, **({"distractors": record["distractors"]} if record.get("distractors") else {})}


def top_lines(document: dict[str, Any]) -> list[str]:
    """The bank's top-level keys, in YAML."""
    lang = pick(document, "language", str)
    lines = [f"title: {scalar(pick(document, 'title', str))}", f"languages: [{scalar(lang)}]"]
    source = document.get("source")
    if document.get("no_source") is True:
        lines.append("source: none")
    elif isinstance(source, dict):
        fields = {key: source[key] for key in ("title", "url", "date", "file") if source.get(key) is not None}
        if source.get("language") not in (None, lang):
            fields["language"] = source["language"]
        lines.append(f"source: {scalar(fields)}")
    deck = pick(document, "deck", dict)
    lines.append(f"deck: {scalar({'name': deck.get('name'), 'id': deck.get('id')})}")
    return lines


def as_yaml(document: Any) -> tuple[str, int]:
    """The bank's YAML, and the line its first question is on (each question is one line after it)."""
    if not isinstance(document, dict) or document.get("version") not in VERSIONS:
        raise Shape(f"not a quizgen bank of version {' or '.join(map(str, VERSIONS))}")
    lang = pick(document, "language", str)
    lines = [*top_lines(document), "questions:"]
    first = len(lines) + 1
    for record in pick(document, "questions", list):
        lines.append(f"  - {scalar(question_fields(record, lang))}")
    return "\n".join(lines) + "\n", first


def parse_json_bank(data: bytes, path: str) -> Loaded:
    """Validate a bank written as quizgen JSON; BankError with every problem located on the JSON's lines."""
    from .reader import BankReader

    document = json.loads(data.decode("utf-8-sig"))
    questions = document.get("questions") if isinstance(document, dict) else None
    lines = question_lines(data, len(questions) if isinstance(questions, list) else 0)
    try:
        text, first = as_yaml(document)
    except Shape as shape:
        raise BankError(path, [Problem(path, 1, f"not a quizgen JSON bank: {shape}")]) from None

    def located(problem: Problem) -> Problem:
        index = problem.line - first
        line = lines[index] if 0 <= index < len(lines) else 1
        return dataclasses.replace(problem, line=line)

    try:
        loaded = BankReader(text.encode("utf-8"), path).read()
    except BankError as error:
        raise BankError(path, [located(problem) for problem in error.problems]) from None
    return dataclasses.replace(loaded, warnings=tuple(located(problem) for problem in loaded.warnings))


FOREIGN = (
    (
        re.compile(rb"\A(\xef\xbb\xbf)?\s*<\?xml[^>]*>\s*(<!--.*?-->\s*|<!DOCTYPE[^[>]*(\[.*?\])?\s*>\s*)*<quiz[\s>]", re.DOTALL),
        "a Moodle XML file",
    ),
    (re.compile(rb"(?m)^\s*(::[^\n]*::|\$CATEGORY:)|\{\s*(=|~|#|TRUE\b|FALSE\b|T\b|F\b)[^{}]*\}"), "a GIFT file"),
    (re.compile(rb"\A(\xef\xbb\xbf)?#separator:"), "an Anki text export"),
)


def refuse_foreign(data: bytes, path: str) -> None:
    """A file from another tool given where a bank is expected: one line saying what it is and what to run."""
    for pattern, kind in FOREIGN:
        if pattern.search(data[:65536]):
            message = f"this looks like {kind}, not a quizgen bank: run `quizgen import {path}` first"
            raise BankError(path, [Problem(path, 1, message)])

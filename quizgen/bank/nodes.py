"""YAML parser events composed into small trees of nodes that remember their lines.

The YAML is read as a stream of parser events rather than loaded into Python
objects, for three reasons: PyYAML's loader silently keeps the last of two
duplicate keys and expands aliases (a "billion laughs" file never finishes),
loaded values have lost the line they came from, and a full node tree of a
large bank takes several times the memory of the bank itself. Each question is
composed from events into a small tree, validated into a model record, then
dropped.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import Any, NoReturn

import yaml
from yaml.events import (
    AliasEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from ..errors import Problem

MAX_DEPTH = 16
"""A valid bank nests 7 levels at most; deeper input is refused, not recursed into."""

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
ALLOWED_TAGS = {STR, INT, FLOAT, BOOL, NULL, "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
KIND_NAMES = {BOOL: "a boolean", NULL: "empty (null)", INT: "a number", FLOAT: "a number", "tag:yaml.org,2002:timestamp": "a date"}
IMPLICIT_RESOLVERS = yaml.resolver.Resolver.yaml_implicit_resolvers


class Scalar:
    """A scalar with its line and its YAML tag; the field that reads it decides if the tag fits."""

    __slots__ = ("line", "tag", "value")

    def __init__(self, value: str, line: int, tag: str) -> None:
        self.value = value
        self.line = line
        self.tag = tag


class Mapping(dict[str, Any]):
    """A mapping with the line of its start and of each key."""

    __slots__ = ("key_lines", "line")

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[str, int] = {}


class Sequence(list[Any]):
    """A sequence with the line of its start."""

    __slots__ = ("line",)

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line


Node = Scalar | Mapping | Sequence


def resolve_plain(value: str) -> str:
    """The YAML 1.1 tag PyYAML gives an unquoted scalar ('no' -> bool, '1e3' -> str)."""
    for tag, pattern in IMPLICIT_RESOLVERS.get(value[:1], ()):
        if pattern.match(value):
            return str(tag)
    return STR


def line_at(event: Event) -> int:
    """The 1-based line an event starts on (the parser always sets its mark)."""
    return event.start_mark.line + 1 if event.start_mark else 1


def describe(node: Node) -> str:
    """A value as the user wrote it, for messages."""
    if isinstance(node, Scalar):
        return repr(node.value) if node.value else "nothing"
    return "a list" if isinstance(node, Sequence) else "a mapping"


def did_you_mean(word: str, valid: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, valid, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def listing(words: tuple[str, ...] | list[str]) -> str:
    return ", ".join(words)


def first_duplicate(values: list[str]) -> str | None:
    if len(set(values)) == len(values):
        return None
    seen: set[str] = set()
    for value in values:
        if value in seen:
            return value
        seen.add(value)
    return None


class Abort(Exception):
    """The file cannot be read further; the problems found so far stand."""


class EventReader:
    """Composes one file's parser events into nodes, collecting every problem on the way."""

    def __init__(self, data: bytes, path: str) -> None:
        self.data = data
        self.path = path
        self.problems: list[Problem] = []
        self.question_id: str | None = None
        self.reported_reuse = False
        self.get_event: Callable[[], Any]

    def error(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message, self.question_id))

    def warn(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message, self.question_id, warning=True))

    def abort(self, line: int, message: str) -> NoReturn:
        self.error(line, message)
        raise Abort

    def compose_key(self, event: Event, mapping: Mapping) -> str | None:
        line = line_at(event)
        if not isinstance(event, ScalarEvent):
            self.compose(event, MAX_DEPTH)
            self.error(line, "a key must be a plain word such as 'prompt'")
            return None
        self.check_anchor_and_tag(event, line)
        key = str(event.value)
        if key == "<<" and not event.style:
            self.error(line, "merge keys (<<) are not allowed: write each value out in full")
            return None
        if key in mapping.key_lines:
            first = mapping.key_lines[key]
            self.error(line, f"duplicate key '{key}' (first on line {first}): YAML would silently keep only the last one")
            return None
        mapping.key_lines[key] = line
        return key

    def compose(self, event: Any, depth: int) -> Node:
        # The hot path of loading: type() identity tests and inlined plain cases
        # keep a 10,000-question bank within a small factor of bare event parsing.
        kind = type(event)
        line = event.start_mark.line + 1
        if kind is ScalarEvent:
            if event.anchor is None and event.tag is None:
                return Scalar(event.value, line, STR if event.style else resolve_plain(event.value))
            tag = self.check_anchor_and_tag(event, line)
            if tag is None:
                tag = STR if event.style else resolve_plain(event.value)
            return Scalar(event.value, line, tag)
        if kind is AliasEvent:
            self.refuse_reuse(line, f"*{event.anchor}")
            return Scalar("", line, NULL)
        if depth >= MAX_DEPTH:
            self.skip_collection()
            self.error(line, f"nested more than {MAX_DEPTH} levels deep; a bank is never that deep")
            return Scalar("", line, NULL)
        if event.anchor is not None or event.tag is not None:
            self.check_anchor_and_tag(event, line)
        get_event = self.get_event
        if kind is MappingStartEvent:
            mapping = Mapping(line)
            key_lines = mapping.key_lines
            while type(key_event := get_event()) is not MappingEndEvent:
                key = key_event.value if type(key_event) is ScalarEvent else None
                if key is None or key in key_lines or key == "<<" or key_event.anchor is not None or key_event.tag is not None:
                    key = self.compose_key(key_event, mapping)
                else:
                    key_lines[key] = key_event.start_mark.line + 1
                value = self.compose(get_event(), depth + 1)
                if key is not None:
                    mapping[key] = value
            return mapping
        if kind is not SequenceStartEvent:  # the parser emits no other event where a value starts
            self.abort(line, f"unexpected YAML {kind.__name__}")
        sequence = Sequence(line)
        while type(item_event := get_event()) is not SequenceEndEvent:
            sequence.append(self.compose(item_event, depth + 1))
        return sequence

    def skip_collection(self) -> None:
        """Consume the rest of a too-deep collection without recursing into it."""
        depth = 1
        while depth:
            event = self.get_event()
            if isinstance(event, MappingStartEvent | SequenceStartEvent):
                depth += 1
            elif isinstance(event, MappingEndEvent | SequenceEndEvent):
                depth -= 1
            elif isinstance(event, StreamEndEvent):
                return

    def check_anchor_and_tag(self, event: Any, line: int) -> str | None:
        """Refuse anchors and tags outside YAML's plain data types; return the explicit tag, if any."""
        if event.anchor is not None:
            self.refuse_reuse(line, f"&{event.anchor}")
        tag = event.tag
        if tag is None:
            return None
        if tag == "!":
            return STR
        if tag not in ALLOWED_TAGS:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            self.error(line, f"the tag '{shown}' is not allowed: a bank holds text, numbers and lists, never code or objects")
            return NULL
        return str(tag)

    def refuse_reuse(self, line: int, marker: str) -> None:
        """Report the first anchor or alias only: a "billion laughs" file would bury the message in thousands."""
        if not self.reported_reuse:
            self.reported_reuse = True
            self.error(line, f"anchors and aliases ({marker}) are not allowed in a bank: write each value out in full")

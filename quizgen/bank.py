"""Read a bank file and validate it, reporting every problem with its location.

The YAML is read as a stream of parser events rather than loaded into Python
objects, for three reasons: PyYAML's loader silently keeps the last of two
duplicate keys and expands aliases (a "billion laughs" file never finishes),
loaded values have lost the line they came from, and a full node tree of a
large bank takes several times the memory of the bank itself. Each question is
composed from events into a small tree, validated into a model record, then
dropped.
"""

from __future__ import annotations

import dataclasses
import difflib
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import urlsplit

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from .errors import BankError, Problem
from .files import is_file, read_bytes
from .model import QUESTION_CLASSES, TYPES, Bank, Deck, Localized, Question, Source, cloze_deletions, slugify, stable_id

YamlParser: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

COMMON_FIELDS = ("id", "type", "prompt", "tags", "difficulty", "explanation", "source", "hint", "draft")
TYPE_FIELDS: dict[str, tuple[str, ...]] = {
    "mcq": ("choices", "answer"),
    "multi": ("choices", "answers"),
    "truefalse": ("answer",),
    "short": ("answer", "accept"),
    "numeric": ("answer", "tolerance", "range", "unit"),
    "cloze": ("text",),
    "match": ("pairs",),
    "order": ("items",),
}
"""Each type's own fields; a field that depends on another is listed after it."""
TOP_FIELDS = ("title", "languages", "source", "deck", "questions")
SOURCE_FIELDS = ("title", "url", "date", "file")
DECK_FIELDS = ("name", "id")

ID_PATTERN = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*\Z")
LANGUAGE_PATTERN = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?\Z")
PERCENT_PATTERN = re.compile(r"\s*(\d+(?:\.\d+)?)\s*%\s*\Z")
SPACE = re.compile(r"\s")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Characters that break XML exports and terminals; tabs and line breaks are fine."""
MAX_CHOICES = 26
"""Choices, pairs and items are lettered a to z in the quiz and on paper."""
DECIMAL_PATTERN = re.compile(r"(?:0|[1-9][0-9]{0,17})\Z")
"""A decimal integer as YAML 1.1 reads it: a leading 0 would make it octal."""
EXPONENT_PATTERN = re.compile(r"[-+]?[\d.]+[eE][-+]?\d+\Z")
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
CONSTRUCTOR = SafeConstructor()


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
Reader = Callable[["BankReader", Node, str, dict[str, Any]], Any]


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


@dataclass(frozen=True)
class Loaded:
    """A valid bank and the warnings found while reading it."""

    bank: Bank
    warnings: tuple[Problem, ...]


class _Abort(Exception):
    """The file cannot be read further; the problems found so far stand."""


class BankReader:
    """Reads one bank file's events into a Bank, collecting every problem on the way."""

    def __init__(self, data: bytes, path: str) -> None:
        self.data = data
        self.path = path
        self.problems: list[Problem] = []
        self.question_id: str | None = None
        self.declared_languages: tuple[str, ...] | None = None
        self.questions: list[Question] = []
        self.seen_ids: dict[str, int] = {}
        self.pending: list[Node] = []
        self.reported_reuse = False
        self.top_keys: tuple[str, ...] = ()
        self.explicit_document_end = False
        self.get_event: Callable[[], Any]

    @property
    def languages(self) -> tuple[str, ...]:
        return self.declared_languages or ("en",)

    def error(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message, self.question_id))

    def warn(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message, self.question_id, warning=True))

    def abort(self, line: int, message: str) -> NoReturn:
        self.error(line, message)
        raise _Abort

    def read(self) -> Loaded:
        bank = None
        try:
            self.check_encoding()
            parser = YamlParser(self.data)
            try:
                self.get_event = parser.get_event
                top = self.read_document()
            finally:
                parser.dispose()
            self.top_keys = tuple(top)
            bank = self.read_bank(top)
        except _Abort:
            pass
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            detail = " ".join(str(part) for part in (exc.context, exc.problem) if part)
            self.error(mark.line + 1 if mark else 1, f"invalid YAML: {detail}")
        except yaml.YAMLError as exc:  # a character YAML refuses; its position is a byte offset
            position = getattr(exc, "position", 0)
            self.error(self.data.count(b"\n", 0, position) + 1, f"invalid YAML: {str(exc).splitlines()[0]}")
        self.problems.sort(key=lambda problem: problem.line)
        if bank is None or any(not problem.warning for problem in self.problems):
            raise BankError(self.path, self.problems)
        return Loaded(bank, tuple(self.problems))

    def check_encoding(self) -> None:
        try:
            self.data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = self.data.count(b"\n", 0, exc.start) + 1
            self.abort(line, f"the file is not valid UTF-8: byte 0x{self.data[exc.start]:02x} at offset {exc.start}; save it as UTF-8")

    # Events to nodes

    def read_document(self) -> Mapping:
        self.get_event()  # the stream start
        if isinstance(self.get_event(), StreamEndEvent):
            self.abort(1, "the file is empty: a bank needs at least a title and questions")
        top = self.compose_top(self.get_event())
        self.explicit_document_end = bool(self.get_event().explicit)  # '...'
        after = self.get_event()
        if isinstance(after, DocumentStartEvent):
            self.error(line_at(after), "a bank is one YAML document; remove this second '---' and what follows")
        return top

    def compose_top(self, start: Event) -> Mapping:
        """The top-level mapping; questions are validated one by one as they stream in."""
        line = line_at(start)
        if not isinstance(start, MappingStartEvent):
            found = self.compose(start, 0)
            self.abort(line, f"the top level must be a mapping with {listing(TOP_FIELDS)}; found {describe(found)}")
        self.check_anchor_and_tag(start, line)
        top = Mapping(line)
        while not isinstance(key_event := self.get_event(), MappingEndEvent):
            key = self.compose_key(key_event, top)
            value_event = self.get_event()
            if key == "questions" and isinstance(value_event, SequenceStartEvent):
                top[key] = self.stream_questions(value_event)
                continue
            value = self.compose(value_event, 1)
            if key is not None:
                top[key] = value
            if key == "languages":
                self.declared_languages = self.read_languages(value)
                self.validate_pending()
        return top

    def stream_questions(self, start: Event) -> Sequence:
        """The questions list, holding only line numbers: each question becomes a record at once."""
        line = line_at(start)
        self.check_anchor_and_tag(start, line)
        questions = Sequence(line)
        while not isinstance(event := self.get_event(), SequenceEndEvent):
            reported = len(self.problems)
            node = self.compose(event, 2)
            self.name_question(node, self.problems[reported:])
            questions.append(node.line)
            self.pending.append(node)
            if self.declared_languages is not None:
                self.validate_pending()
        return questions

    def name_question(self, node: Node, problems: list[Problem]) -> None:
        """Problems found while composing a question (duplicate keys, anchors...) name it too."""
        id_node = node.get("id") if isinstance(node, Mapping) else None
        if problems and isinstance(id_node, Scalar):
            named = [dataclasses.replace(problem, question_id=id_node.value) for problem in problems]
            self.problems[len(self.problems) - len(problems) :] = named

    def validate_pending(self) -> None:
        for node in self.pending:
            question = self.read_question(node)
            if question is not None:
                self.questions.append(question)
        self.pending.clear()

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

    # Typed readers: each returns None after reporting what is wrong.

    def text(self, node: Node, what: str) -> Localized | None:
        """A plain string (for every language) or a mapping with one string per declared language."""
        languages = self.languages
        if type(node) is Scalar and node.tag is STR and (plain := node.value.strip()) and not CONTROL.search(plain):
            return dict.fromkeys(languages, plain)  # the common case, kept short: loading time is spent here
        if isinstance(node, Scalar):
            string = self.string(node, what)
            return None if string is None else dict.fromkeys(languages, string)
        if type(node) is Mapping and len(node) == len(languages):
            plain_texts = self.plain_texts(node, languages)
            if plain_texts is not None:
                return plain_texts
        if isinstance(node, Mapping):
            texts: dict[str, str] = {}
            for lang, value_node in node.items():
                if lang not in languages:
                    self.error(node.key_lines[lang], f"{what}: language '{lang}' is not one of the bank's languages ({listing(languages)})")
                elif (value := self.string(value_node, f"{what} ({lang})")) is not None:
                    texts[lang] = value
            missing = [lang for lang in languages if lang not in node]
            if missing:
                self.error(node.line, f"{what} has no {listing(missing)} text (the bank's languages are {listing(languages)})")
            return texts if len(texts) == len(languages) else None
        self.error(node.line, f"{what} must be text, or a mapping of language to text; found {describe(node)}")
        return None

    @staticmethod
    def plain_texts(node: Mapping, languages: tuple[str, ...]) -> dict[str, str] | None:
        """One plain string per language, the common case; None for anything that needs a closer look."""
        texts: dict[str, str] = {}
        for lang, value_node in node.items():
            if lang not in languages or type(value_node) is not Scalar or value_node.tag is not STR:
                return None
            plain = value_node.value.strip()
            if not plain or CONTROL.search(plain):
                return None
            texts[lang] = plain
        return texts

    def string(self, node: Node, what: str) -> str | None:
        """A non-empty string; a value YAML reads as another type is refused, saying how to quote it."""
        if not isinstance(node, Scalar):
            self.error(node.line, f"{what} must be text; found {describe(node)}")
            return None
        if node.tag != STR:
            kind = KIND_NAMES.get(node.tag, "not text")
            hint = f'; put it in quotes: "{node.value}"' if node.value else ""
            self.error(node.line, f"{what} must be text, but YAML reads {describe(node)} as {kind}{hint}")
            return None
        value = node.value.strip()
        if not value:
            self.error(node.line, f"{what} is empty")
            return None
        if control := CONTROL.search(value):
            self.error(node.line, f"{what} holds the control character U+{ord(control.group()):04X}, which no output can show; remove it")
            return None
        return value

    def number(self, node: Node, what: str) -> float | None:
        if type(node) is Scalar and node.tag == INT and DECIMAL_PATTERN.match(node.value):
            return int(node.value)  # the common case, without PyYAML's constructor
        if isinstance(node, Scalar) and node.tag in (INT, FLOAT):
            try:
                yaml_node = yaml.ScalarNode(node.tag, node.value)
                value = CONSTRUCTOR.construct_yaml_int(yaml_node) if node.tag == INT else CONSTRUCTOR.construct_yaml_float(yaml_node)
            except ValueError:
                value = None
            try:
                finite = value is not None and math.isfinite(value)
            except OverflowError:  # an integer of hundreds of digits
                finite = False
            if finite:
                return value
        elif isinstance(node, Scalar) and node.tag == STR and EXPONENT_PATTERN.match(node.value):
            self.error(node.line, f"{what} {node.value!r} is text to YAML 1.1; write it in full (1000) or as 1.0e+3")
            return None
        self.error(node.line, f"{what} must be a number; found {describe(node)}")
        return None

    def integer(self, node: Node, what: str, low: int, high: int) -> int | None:
        value = self.number(node, what)
        if value is None:
            return None
        if not isinstance(value, int) or not low <= value <= high:
            self.error(node.line, f"{what} must be a whole number from {low} to {high}; found {describe(node)}")
            return None
        return value

    def boolean(self, node: Node, what: str) -> bool | None:
        if isinstance(node, Scalar) and node.tag == BOOL and node.value.lower() in ("true", "false"):
            return node.value.lower() == "true"
        self.error(node.line, f"{what} must be true or false; found {describe(node)}")
        return None

    def sequence(self, node: Node, what: str, at_least: int = 0, at_most: int | None = None) -> Sequence | None:
        if not isinstance(node, Sequence):
            self.error(node.line, f"{what} must be a list; found {describe(node)}")
            return None
        if len(node) < at_least:
            self.error(node.line, f"{what} must have at least {at_least} items; found {len(node)}")
            return None
        if at_most is not None and len(node) > at_most:
            self.error(node.line, f"{what} must have at most {at_most} items (they are lettered a to z); found {len(node)}")
            return None
        return node

    def mapping(self, node: Node, what: str, fields: tuple[str, ...]) -> Mapping | None:
        if not isinstance(node, Mapping):
            self.error(node.line, f"{what} must be a mapping with {listing(fields)}; found {describe(node)}")
            return None
        for key in node:
            if key not in fields:
                self.error(node.key_lines[key], f"unknown key '{key}' in {what}{did_you_mean(key, fields)}; valid keys: {listing(fields)}")
        return node

    def texts(self, node: Node, what: str, at_least: int, at_most: int | None = None) -> tuple[Localized, ...] | None:
        """A list of texts, each different from the others in every language."""
        items = self.sequence(node, what, at_least, at_most)
        if items is None:
            return None
        texts = [self.text(item, f"{what} item {number}") for number, item in enumerate(items, 1)]
        valid = [text for text in texts if text is not None]
        if len(valid) < len(texts):
            return None
        for lang in self.languages:
            twice = first_duplicate([text[lang] for text in valid])
            if twice is not None:
                self.error(items.line, f"{what}: {twice!r} is listed twice")
                return None
        return tuple(valid)

    # The bank

    def read_languages(self, node: Node) -> tuple[str, ...]:
        items = self.sequence(node, "languages", 1)
        languages: list[str] = []
        for item in items or ():
            code = self.string(item, "a language code")
            if code is None:
                continue
            if not LANGUAGE_PATTERN.match(code):
                self.error(item.line, f"language code '{code}' is not like 'fr', 'en' or 'pt-BR'")
            elif code in languages:
                self.error(item.line, f"language '{code}' is listed twice")
            else:
                languages.append(code)
        return tuple(languages) or ("en",)

    def read_bank(self, top: Mapping) -> Bank | None:
        self.mapping(top, "the bank", TOP_FIELDS)
        self.declared_languages = self.languages
        self.validate_pending()
        title = self.text(top["title"], "title") if "title" in top else None
        if "title" not in top:
            self.error(top.line, "the bank has no 'title'")
        source = self.read_source(top["source"]) if "source" in top else None
        deck = self.read_deck(top["deck"], title) if "deck" in top else self.default_deck(title)
        questions = top.get("questions")
        if questions is None:
            self.error(top.line, "the bank has no 'questions' list")
        elif not isinstance(questions, Sequence):
            self.error(questions.line, f"questions must be a list; found {describe(questions)}")
        elif not questions:
            self.error(questions.line, "questions is empty: a bank needs at least one question")
        if title is None or deck is None or any(not problem.warning for problem in self.problems):
            return None
        return Bank(title, self.languages, deck, tuple(self.questions), self.path, source)

    def read_source(self, node: Node) -> Source | None:
        source = self.mapping(node, "source", SOURCE_FIELDS)
        if source is None:
            return None
        if "title" not in source:
            self.error(source.line, "source has no 'title'")
        title = self.text(source["title"], "source title") if "title" in source else None
        url = self.read_url(source["url"]) if "url" in source else None
        file = self.string(source["file"], "source file") if "file" in source else None
        when = self.read_date(source["date"]) if "date" in source else None
        return None if title is None else Source(title, url, when, file)

    def read_url(self, node: Node) -> str | None:
        url = self.string(node, "source url")
        if url is None:
            return None
        try:
            parts = urlsplit(url)
        except ValueError:
            parts = None
        if parts is None or parts.scheme not in ("http", "https") or not parts.netloc or SPACE.search(url):
            self.error(node.line, f"source url must be a web address such as https://example.org/article; found {url!r}")
            return None
        return url

    def read_date(self, node: Node) -> str | None:
        if isinstance(node, Scalar) and node.tag in (STR, "tag:yaml.org,2002:timestamp"):
            try:
                return date.fromisoformat(node.value.strip()).isoformat()
            except ValueError:
                pass
        self.error(node.line, f"source date must be a date like 2016-06-30; found {describe(node)}")
        return None

    def read_deck(self, node: Node, title: Localized | None) -> Deck | None:
        deck = self.mapping(node, "deck", DECK_FIELDS)
        if deck is None:
            return None
        if "id" not in deck:
            return self.default_deck(self.text(deck["name"], "deck name") if "name" in deck else title)
        name = self.text(deck["name"], "deck name") if "name" in deck else title
        deck_id = self.integer(deck["id"], "deck id", 1, 2**63 - 1)
        return None if name is None or deck_id is None else Deck(name, deck_id)

    def default_deck(self, name: Localized | None) -> Deck | None:
        """A deck named after the bank, with an id derived from that name."""
        if name is None:
            return None
        default_name = name[self.languages[0]]
        return Deck(name, stable_id(slugify(default_name) or default_name))

    # Questions

    def read_question(self, node: Node) -> Question | None:
        if not isinstance(node, Mapping):
            self.error(node.line, f"a question must be a mapping with id, type and prompt; found {describe(node)}")
            return None
        question_id = self.read_id(node)
        try:
            return self.read_question_fields(node, question_id)
        finally:
            self.question_id = None

    def read_id(self, node: Mapping) -> str | None:
        """The question's id if it is valid; meanwhile, messages name the question by what is there."""
        if "id" not in node:
            self.question_id = "?"
            self.error(node.line, "no 'id': give the question a stable slug such as 'cisco-investment'")
            return None
        id_node = node["id"]
        self.question_id = id_node.value if isinstance(id_node, Scalar) else "?"
        question_id = self.string(id_node, "id")
        if question_id is None:
            return None
        if not ID_PATTERN.match(question_id):
            self.error(id_node.line, f"id must be a slug of lowercase letters, digits, '-' and '_', like '{slugify(question_id)}'")
            return None
        if question_id in self.seen_ids:
            self.error(id_node.line, f"duplicate id (first used on line {self.seen_ids[question_id]}); ids must be unique")
            return None
        self.seen_ids[question_id] = id_node.line
        return question_id

    def read_question_fields(self, node: Mapping, question_id: str | None) -> Question | None:
        kind = self.read_type(node)
        if kind is None:
            return None
        allowed = ALLOWED_FIELDS[kind]
        for key in node:
            if key not in allowed:
                self.error(node.key_lines[key], self.unknown_field(key, kind, allowed))
        missing = [key for key in REQUIRED_FIELDS[kind] if key not in node]
        if missing:
            self.error(node.line, f"a {kind} question needs {listing([repr(key) for key in missing])}")
        fields: dict[str, Any] = {"line": node.line}
        valid = not missing
        for key in allowed[2:]:  # after id and type, read already
            if key in node:
                value = FIELD_READERS[key](self, node[key], kind, fields)
                if value is None:
                    valid = False
                else:
                    fields[key] = value
        self.warn_unreviewed(node, fields)
        if not valid or question_id is None:
            return None
        if kind == "numeric" and not self.check_numeric(node, fields):
            return None
        return QUESTION_CLASSES[kind](id=question_id, **fields)

    def read_type(self, node: Mapping) -> str | None:
        if "type" not in node:
            self.error(node.line, f"no 'type'; valid types: {listing(TYPES)}")
            return None
        kind = self.string(node["type"], "type")
        if kind is not None and kind not in TYPES:
            self.error(node["type"].line, f"type '{kind}' is not one of {listing(TYPES)}{did_you_mean(kind, TYPES)}")
            return None
        return kind

    def unknown_field(self, key: str, kind: str, allowed: tuple[str, ...]) -> str:
        owners = [name for name, own in TYPE_FIELDS.items() if key in own]
        if owners:
            own = listing(TYPE_FIELDS[kind])
            return f"'{key}' is not a field of a {kind} question (it is one of {listing(owners)}); a {kind} question has {own}"
        return f"unknown key '{key}'{did_you_mean(key, allowed)}; valid keys: {listing(allowed)}"

    def warn_unreviewed(self, node: Mapping, fields: dict[str, Any]) -> None:
        if "source" not in node:
            self.warn(node.line, "no 'source': add the verbatim excerpt of the source text the question is written from")
        if "explanation" not in node:
            self.warn(node.line, "no 'explanation': add a sentence or two to show after the answer")
        if fields.get("draft"):
            self.warn(node["draft"].line, "draft question: review it, then remove 'draft: true'")

    def check_numeric(self, node: Mapping, fields: dict[str, Any]) -> bool:
        """Tolerance and range exclude each other; a percentage becomes an absolute tolerance."""
        answer = fields["answer"]
        if "tolerance" in fields and "range" in fields:
            self.error(node["range"].line, "give either a tolerance or a range, not both")
            return False
        low, high = fields.get("range", (answer, answer))
        if not low <= answer <= high:
            self.error(node["range"].line, f"the answer {answer} is outside its range [{low}, {high}]")
            return False
        tolerance = fields.get("tolerance")
        if isinstance(tolerance, str):
            fields["tolerance"] = abs(answer) * float(tolerance.strip().rstrip("%")) / 100
        return True

    # Field readers: each gets the value node, the question type and the fields read so far.

    def field_tags(self, node: Node, kind: str, fields: dict[str, Any]) -> tuple[str, ...] | None:
        items = self.sequence(node, "tags")
        if items is None:
            return None
        tags: list[str] = []
        for item in items:
            tag = self.string(item, "a tag")
            if tag is None:
                return None
            if SPACE.search(tag):
                self.error(item.line, f"tag {tag!r} has a space, which Anki does not allow in tags; write {slugify(tag)!r}")
                return None
            if tag not in tags:
                tags.append(tag)
        return tuple(tags)

    def field_difficulty(self, node: Node, kind: str, fields: dict[str, Any]) -> int | None:
        return self.integer(node, "difficulty", 1, 3)

    def field_source(self, node: Node, kind: str, fields: dict[str, Any]) -> str | None:
        return self.string(node, "source (the verbatim excerpt)")

    def field_draft(self, node: Node, kind: str, fields: dict[str, Any]) -> bool | None:
        return self.boolean(node, "draft")

    def field_choices(self, node: Node, kind: str, fields: dict[str, Any]) -> tuple[Localized, ...] | None:
        return self.texts(node, "choices", 2 if kind == "mcq" else 3, MAX_CHOICES)

    def field_answer(self, node: Node, kind: str, fields: dict[str, Any]) -> Any:
        if kind == "mcq":
            return self.choice_index(node, fields, "answer")
        if kind == "truefalse":
            return self.boolean(node, "answer")
        if kind == "numeric":
            return self.number(node, "answer")
        return self.text(node, "answer")

    def field_answers(self, node: Node, kind: str, fields: dict[str, Any]) -> tuple[int, ...] | None:
        items = self.sequence(node, "answers", 2)
        if items is None:
            return None
        indices = [self.choice_index(item, fields, "each answer") for item in items]
        valid = sorted(index for index in indices if index is not None)
        if len(valid) < len(indices):
            return None
        if len(set(valid)) < len(valid):
            self.error(items.line, "answers names the same choice twice")
            return None
        return tuple(valid)

    def choice_index(self, node: Node, fields: dict[str, Any], what: str) -> int | None:
        """Which choice an answer names: a plain string may match a choice in any language."""
        answer = self.text(node, what)
        choices: tuple[Localized, ...] | None = fields.get("choices")
        if answer is None or choices is None:
            return None
        if isinstance(node, Scalar):
            wanted = answer[self.languages[0]]
            matches = [index for index, choice in enumerate(choices) if wanted in choice.values()]
        else:
            matches = [index for index, choice in enumerate(choices) if choice == answer]
        if len(matches) == 1:
            return matches[0]
        shown = answer[self.languages[0]]
        if matches:
            self.error(node.line, f"{what} {shown!r} matches different choices in different languages; write it as a mapping")
        else:
            valid = listing([choice[self.languages[0]] for choice in choices])
            self.error(node.line, f"{what} {shown!r} is not one of the choices ({valid})")
        return None

    def field_accept(self, node: Node, kind: str, fields: dict[str, Any]) -> tuple[Localized, ...] | None:
        return self.texts(node, "accept", 0)

    def field_tolerance(self, node: Node, kind: str, fields: dict[str, Any]) -> float | str | None:
        if isinstance(node, Scalar) and node.tag == STR and PERCENT_PATTERN.match(node.value):
            return node.value
        if isinstance(node, Scalar) and node.tag in (INT, FLOAT):
            value = self.number(node, "tolerance")
            if value is not None and value < 0:
                self.error(node.line, "tolerance must be zero or more")
                return None
            return value
        self.error(node.line, f'tolerance must be a number (5) or a percentage ("10%"); found {describe(node)}')
        return None

    def field_range(self, node: Node, kind: str, fields: dict[str, Any]) -> tuple[float, float] | None:
        items = self.sequence(node, "range")
        if items is None:
            return None
        if len(items) != 2:
            self.error(items.line, f"range must be [min, max]; found {len(items)} items")
            return None
        low, high = self.number(items[0], "range min"), self.number(items[1], "range max")
        if low is None or high is None:
            return None
        if low > high:
            self.error(items.line, f"range [{low}, {high}] has its min above its max")
            return None
        return (low, high)

    def field_cloze_text(self, node: Node, kind: str, fields: dict[str, Any]) -> Localized | None:
        text = self.text(node, "text")
        if text is None:
            return None
        numbers: dict[str, list[int]] = {}
        for value in dict.fromkeys(text.values()):  # a plain string is checked once for all its languages
            languages = [lang for lang, same in text.items() if same == value]
            which = f" ({', '.join(languages)})" if len(languages) < len(text) else ""
            deletions = cloze_deletions(value)
            if value.count("{{c") != len(deletions):
                self.error(node.line, f"text{which} has an unclosed deletion; write {{{{c1::answer}}}} or {{{{c1::answer::hint}}}}")
            elif not deletions:
                self.error(node.line, f"text{which} has no deletion; mark what to hide as {{{{c1::answer}}}}")
            elif any(not deletion.answer.strip() for deletion in deletions):
                self.error(node.line, f"text{which} has an empty deletion")
            elif any(deletion.number == 0 for deletion in deletions):
                self.error(node.line, f"text{which} has a deletion c0; deletions are numbered from c1, as in Anki")
            else:
                numbers.update(dict.fromkeys(languages, sorted({deletion.number for deletion in deletions})))
        if len(numbers) < len(text):
            return None
        if len({tuple(found) for found in numbers.values()}) > 1:
            shown = "; ".join(f"{lang}: {', '.join(f'c{n}' for n in found)}" for lang, found in numbers.items())
            self.error(node.line, f"text has different deletions in each language ({shown})")
            return None
        return text

    def field_pairs(self, node: Node, kind: str, fields: dict[str, Any]) -> tuple[tuple[Localized, Localized], ...] | None:
        items = self.sequence(node, "pairs", 2, MAX_CHOICES)
        if items is None:
            return None
        pairs: list[tuple[Localized, Localized]] = []
        for number, item in enumerate(items, 1):
            if not isinstance(item, Sequence) or len(item) != 2:
                self.error(item.line, f"pair {number} must be a list of two texts, [left, right]; found {describe(item)}")
                return None
            left, right = self.text(item[0], f"pair {number} left"), self.text(item[1], f"pair {number} right")
            if left is None or right is None:
                return None
            pairs.append((left, right))
        for lang in self.languages:
            twice = first_duplicate([left[lang] for left, _ in pairs])
            if twice is not None:
                self.error(items.line, f"pairs: the left side {twice!r} is listed twice; each left side must be different")
                return None
        return tuple(pairs)

    def field_items(self, node: Node, kind: str, fields: dict[str, Any]) -> tuple[Localized, ...] | None:
        return self.texts(node, "items", 3, MAX_CHOICES)


def text_reader(what: str) -> Reader:
    return lambda reader, node, kind, fields: reader.text(node, what)


OPTIONAL_FIELDS = {"accept", "tolerance", "range", "unit"}
ALLOWED_FIELDS = {kind: COMMON_FIELDS + own for kind, own in TYPE_FIELDS.items()}
REQUIRED_FIELDS = {
    kind: ("prompt",) * (kind != "cloze") + tuple(key for key in own if key not in OPTIONAL_FIELDS) for kind, own in TYPE_FIELDS.items()
}
FIELD_READERS: dict[str, Reader] = {
    "prompt": text_reader("prompt"),
    "explanation": text_reader("explanation"),
    "hint": text_reader("hint"),
    "unit": text_reader("unit"),
    "tags": BankReader.field_tags,
    "difficulty": BankReader.field_difficulty,
    "source": BankReader.field_source,
    "draft": BankReader.field_draft,
    "choices": BankReader.field_choices,
    "answer": BankReader.field_answer,
    "answers": BankReader.field_answers,
    "accept": BankReader.field_accept,
    "tolerance": BankReader.field_tolerance,
    "range": BankReader.field_range,
    "text": BankReader.field_cloze_text,
    "pairs": BankReader.field_pairs,
    "items": BankReader.field_items,
}


def parse_bank(data: bytes, path: str, jobs: int | None = None) -> Loaded:
    """Validate a bank's bytes; raise BankError with every problem, located in `path`.

    A large bank is read by `jobs` processes, by default one per core (see parallel.py).
    """
    from .parallel import default_jobs, parse_in_parallel  # here, as parallel.py builds on this module

    jobs = default_jobs(len(data)) if jobs is None else jobs
    if jobs > 1 and (loaded := parse_in_parallel(data, path, jobs)) is not None:
        return loaded
    return BankReader(data, path).read()


def load_bank(path: Path) -> Loaded:
    """Read and validate the bank at `path`, from the cache when its bytes are unchanged."""
    from .cache import cached

    return cached(read_bytes(path), str(path), parse_bank, Loaded)


def bank_path(argument: str | None) -> Path:
    """The bank a command works on: the one named, else ./questions.yaml, else the bundled bank."""
    if argument is not None:
        return Path(argument)
    local = Path("questions.yaml")
    return local if is_file(local) else bundled_bank_path()


def bundled_bank_path() -> Path:
    """The Viva Technology 2016 bank shipped in the package.

    A wheel carries it as quizgen/data/questions.yaml; an editable install reads
    the repository's own questions.yaml, the one file that is edited.
    """
    package = Path(__file__).parent
    packaged = package / "data" / "questions.yaml"
    return packaged if is_file(packaged) else package.parent / "questions.yaml"

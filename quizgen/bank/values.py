"""Typed values read from nodes: texts in every language, strings, numbers, lists; each refused with its reason."""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from ..errors import a, count
from ..model import Localized
from .nodes import BOOL, FLOAT, INT, KIND_NAMES, NULL, STR, EventReader, Mapping, Node, Scalar, Sequence, describe, did_you_mean, listing

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Characters that break XML exports and terminals; tabs and line breaks are fine."""
MAX_TEXT = 10_000
"""Characters in one text field: a long article paragraph is 1,500; more is a pasted file, not a question."""
MAX_CHOICES = 26
"""Choices, pairs and items are lettered a to z in the quiz and on paper."""
DECIMAL_PATTERN = re.compile(r"(?:0|[1-9][0-9]{0,17})\Z")
"""A decimal integer as YAML 1.1 reads it: a leading 0 would make it octal."""
PLAIN_NUMBER = re.compile(r"[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?\Z|[-+]?\.[0-9]+(?:[eE][-+]?[0-9]+)?\Z")
"""A number written as people write it; YAML 1.1 reads more (octal, base 60, hex, underscores) and silently changes it."""
EXPONENT_PATTERN = re.compile(r"[-+]?[\d.]+[eE][-+]?\d+\Z")
CONSTRUCTOR = SafeConstructor()
TYPOGRAPHIC = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00a0": " ", "\u202f": " "})
WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Text as two texts that mean one thing compare: no case, accents, Unicode form or spacing differences."""
    if text.isascii():  # most texts, and the quick way: loading a large bank folds every choice
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text.translate(TYPOGRAPHIC))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.casefold().split())


def words(text: str) -> tuple[str, ...]:
    """The folded words of a text, without punctuation."""
    return tuple(WORD.findall(fold(text)))


def first_twin(values: list[str]) -> tuple[str, str] | None:
    """The first two values that are one text once folded, in their order."""
    seen: dict[str, str] = {}
    for value in values:
        key = fold(value)
        if key in seen:
            return (seen[key], value)
        seen[key] = value
    return None


def yaml_number_issue(value: str, tag: str) -> str | None:
    """Why YAML 1.1 would silently read `value` as another number than the one written, with the fix; None if it reads as written."""
    plain = value.strip()
    if PLAIN_NUMBER.match(plain):
        return None
    sign, digits = ("-", plain[1:]) if plain[:1] == "-" else ("", plain.lstrip("+"))
    if ".inf" in plain.lower() or ".nan" in plain.lower():
        return "is not a finite number; write a number such as 1000"
    if "_" in digits:
        fixed = digits.replace("_", "")
        fixed = sign + (fixed.lstrip("0") or "0" if fixed.isdigit() else fixed)
        return f"has underscores, which YAML 1.1 drops; write {fixed}, or put it in quotes if it is text"
    try:
        read = (
            CONSTRUCTOR.construct_yaml_int(yaml.ScalarNode(tag, plain))
            if tag == INT
            else CONSTRUCTOR.construct_yaml_float(yaml.ScalarNode(tag, plain))
        )
    except (ValueError, OverflowError):
        return None
    if ":" in digits:
        reason = f"is read by YAML 1.1 as {read} (base 60, like a time)"
        fixed = str(read)
    elif digits[:2].lower() in ("0x", "0b", "0o"):
        name = {"0x": "hexadecimal", "0b": "binary", "0o": "octal"}[digits[:2].lower()]
        reason = f"is {a(name)} number to YAML 1.1 ({read})"
        fixed = str(read)
    elif tag == INT and digits[:1] == "0" and digits != "0":
        reason = f"is read by YAML 1.1 as {read} (a leading 0 makes it octal)"
        fixed = sign + (digits.lstrip("0") or "0")
    else:
        return None
    return f"{reason}; write {fixed}, or put it in quotes if it is text"


class ValueReader(EventReader):
    """The typed readers: each returns None after reporting what is wrong."""

    def __init__(self, data: bytes, path: str) -> None:
        super().__init__(data, path)
        self.declared_languages: tuple[str, ...] | None = None

    @property
    def languages(self) -> tuple[str, ...]:
        return self.declared_languages or ("en",)

    def text(self, node: Node, what: str) -> Localized | None:
        """A plain string (for every language) or a mapping with one string per declared language."""
        languages = self.languages
        if (
            type(node) is Scalar
            and node.tag is STR
            and (plain := node.value.strip())
            and len(plain) <= MAX_TEXT
            and not CONTROL.search(plain)
        ):
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
            if not plain or len(plain) > MAX_TEXT or CONTROL.search(plain):
                return None
            texts[lang] = plain
        return texts

    def string(self, node: Node, what: str) -> str | None:
        """A non-empty string; a value YAML reads as another type is refused, saying how to quote it."""
        if not isinstance(node, Scalar):
            self.error(node.line, f"{what} must be text; found {describe(node)}")
            return None
        if node.tag == NULL and node.value:
            self.error(node.line, f"{what} is empty (YAML reads {describe(node)} as null): remove the key, or write the text")
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
        if len(value) > MAX_TEXT:
            self.error(
                node.line,
                f"{what} is {len(value):,} characters long; a text holds at most {MAX_TEXT:,}: keep the passage the question needs",
            )
            return None
        if control := CONTROL.search(value):
            self.error(node.line, f"{what} holds the control character U+{ord(control.group()):04X}, which no output can show; remove it")
            return None
        return value

    def number(self, node: Node, what: str) -> float | None:
        """A finite number written as people write it (never one YAML 1.1 reads as another)."""
        if type(node) is Scalar and node.tag == INT and DECIMAL_PATTERN.match(node.value):
            return int(node.value)  # the common case, without PyYAML's constructor
        if isinstance(node, Scalar) and node.tag in (INT, FLOAT):
            issue = yaml_number_issue(node.value, node.tag)
            if issue is not None:
                self.error(node.line, f"{what} {node.value!r} {issue}")
                return None
            value: Any
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
                return value  # type: ignore[no-any-return]
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
            self.error(node.line, f"{what} must have at least {count(at_least, 'item')}; found {len(node)}")
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
        """A list of texts, each different from the others in every language, once folded."""
        items = self.sequence(node, what, at_least, at_most)
        if items is None:
            return None
        texts = [self.text(item, f"{what} item {number}") for number, item in enumerate(items, 1)]
        valid = [text for text in texts if text is not None]
        if len(valid) < len(texts):
            return None
        return tuple(valid) if self.all_different(items.line, f"{what}:", valid) else None

    def all_different(self, line: int, label: str, texts: list[Localized]) -> bool:
        """Report two texts of a list that are one text once folded ('Café', 'cafe', an NFD 'Café')."""
        for lang in self.languages:
            twins = first_twin([text[lang] for text in texts])
            if twins is None:
                continue
            first, second = twins
            if unicodedata.normalize("NFC", first) == unicodedata.normalize("NFC", second):
                spelled = "" if first == second else " (in two Unicode spellings)"
                self.error(line, f"{label} {first!r} is listed twice{spelled}")
            else:
                self.error(
                    line, f"{label} {first!r} and {second!r} are one text once case, accents and Unicode forms are set aside; keep one"
                )
            return False
        return True

"""A bank file read into a Bank: its top level, its source and deck, and each question as it streams in."""

from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

import yaml
from yaml.events import DocumentStartEvent, Event, MappingEndEvent, MappingStartEvent, SequenceEndEvent, SequenceStartEvent, StreamEndEvent

from ..errors import BankError, Problem, a, count
from ..model import QUESTION_CLASSES, TYPES, Bank, Deck, Localized, Question, Source, slugify, stable_id
from .fields import ALLOWED_FIELDS, FIELD_READERS, ID_PATTERN, REQUIRED_FIELDS, SPACE, TYPE_FIELDS, FieldReader
from .nodes import STR, Abort, Mapping, Node, Scalar, Sequence, describe, did_you_mean, line_at, listing

YamlParser: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

TOP_FIELDS = ("title", "languages", "source", "deck", "questions")
SOURCE_FIELDS = ("title", "url", "date", "file", "language")
DECK_FIELDS = ("name", "id")
LANGUAGE_PATTERN = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?\Z")
NO_SOURCE = "none"
"""`source: none`: the bank is written from no text."""
MIN_PAIRS = 3
"""With fewer pairs and no distractor, the last pair is given by the others."""


@dataclass(frozen=True)
class Loaded:
    """A valid bank and the warnings found while reading it."""

    bank: Bank
    warnings: tuple[Problem, ...]


class BankReader(FieldReader):
    """Reads one bank file's events into a Bank, collecting every problem on the way."""

    def __init__(self, data: bytes, path: str) -> None:
        super().__init__(data, path)
        self.questions: list[Question] = []
        self.seen_ids: dict[str, int] = {}
        self.pending: list[Node] = []
        self.top_keys: tuple[str, ...] = ()
        self.explicit_document_end = False
        self.no_source = False
        self.missing_sources: list[Problem] = []
        """The per-question "no source" warnings, dropped when the bank turns out to have `source: none`."""

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
        except Abort:
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
            elif key == "source":
                # Known before the questions that follow are read, so they are not warned about.
                self.no_source = isinstance(value, Scalar) and value.value == NO_SOURCE and value.tag == STR
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
        source = self.read_source(top["source"]) if "source" in top and not self.no_source else None
        if self.no_source:
            self.problems = [problem for problem in self.problems if all(problem is not missing for missing in self.missing_sources)]
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
        return Bank(title, self.languages, deck, tuple(self.questions), self.path, source, self.no_source)

    def read_source(self, node: Node) -> Source | None:
        if isinstance(node, Scalar):
            self.error(
                node.line, f"source must be 'none' (no source text) or a mapping with {listing(SOURCE_FIELDS)}; found {describe(node)}"
            )
            return None
        source = self.mapping(node, "source", SOURCE_FIELDS)
        if source is None:
            return None
        if "title" not in source:
            self.error(source.line, "source has no 'title'")
        title = self.text(source["title"], "source title") if "title" in source else None
        url = self.read_url(source["url"]) if "url" in source else None
        file = self.string(source["file"], "source file") if "file" in source else None
        when = self.read_date(source["date"]) if "date" in source else None
        language = self.read_source_language(source["language"]) if "language" in source else None
        return None if title is None else Source(title, url, when, file, language)

    def read_source_language(self, node: Node) -> str | None:
        """The language of the source: one of the bank's, as its answers are looked for in the excerpts."""
        code = self.string(node, "source language")
        if code is not None and code not in self.languages:
            self.error(
                node.line,
                f"source language {code!r} is not one of the bank's languages ({listing(self.languages)}): "
                "answers are looked for in the excerpts in that language",
            )
            return None
        return code

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
        return Deck(name, stable_id(slugify(default_name) or default_name), derived_id=True)

    # Questions

    def read_question(self, node: Node) -> Question | None:
        if not isinstance(node, Mapping):
            self.error(node.line, f"a question must be a mapping with id, type and prompt; found {describe(node)}")
            return None
        foreign = sorted(key for key in node if key in FOREIGN_KEYS)
        if "id" not in node and "type" not in node and foreign:
            self.question_id = "?"
            self.error(
                node.line,
                f"this question is written for another tool (keys {listing(foreign)}); a quizgen question has id, type, "
                "prompt and the type's own fields (see the bank format), and `quizgen import` converts Moodle XML, GIFT and Anki files",
            )
            self.question_id = None
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
            self.error(node.line, f"{a(kind)} question needs {listing([repr(key) for key in missing])}")
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
        if kind == "match" and not self.check_match(node, fields):
            return None
        return QUESTION_CLASSES[kind](id=question_id, **fields)

    def read_type(self, node: Mapping) -> str | None:
        if "type" not in node:
            self.error(node.line, f"no 'type'; valid types: {listing(TYPES)}")
            return None
        kind = self.string(node["type"], "type")
        if kind is not None and kind not in TYPES:
            self.error(node["type"].line, f"type '{kind}' is not one of {listing(TYPES)}{type_hint(kind)}")
            return None
        return kind

    def unknown_field(self, key: str, kind: str, allowed: tuple[str, ...]) -> str:
        owners = [name for name, own in TYPE_FIELDS.items() if key in own]
        if owners:
            own = listing(TYPE_FIELDS[kind])
            return f"'{key}' is not a field of {a(kind)} question (it is one of {listing(owners)}); {a(kind)} question has {own}"
        return f"unknown key '{key}'{did_you_mean(key, allowed)}; valid keys: {listing(allowed)}"

    def warn_unreviewed(self, node: Mapping, fields: dict[str, Any]) -> None:
        own_sources = fields.get("pair_sources") or fields.get("item_sources") or (None,)
        if "source" not in node and not self.no_source and None in own_sources:
            self.warn(node.line, "no 'source': add the verbatim excerpt of the source text the question is written from")
            self.missing_sources.append(self.problems[-1])
        if "explanation" not in node:
            self.warn(node.line, "no 'explanation': add a sentence or two to show after the answer")
            if fields.get("support") == "inferred":
                self.warn(node["support"].line, "support: inferred needs an 'explanation' saying how the answer follows from the excerpt")
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
        width = fields.get("tolerance", 0)
        if not (math.isfinite(width) and math.isfinite(answer - width) and math.isfinite(answer + width)):
            self.error(
                node["tolerance"].line,
                f"tolerance {tolerance} around {answer} goes beyond the largest number any output can show; give a smaller one",
            )
            return False
        return True

    def check_match(self, node: Mapping, fields: dict[str, Any]) -> bool:
        """A match of two pairs with no distractor gives its last pair away once the first is found."""
        pairs = fields["pairs"]
        if len(pairs) < MIN_PAIRS and not fields.get("distractors"):
            self.error(
                node["pairs"].line,
                f"a match of {count(len(pairs), 'pair')} gives its last pair away: add a pair, or distractors "
                "(right-hand items that match no left side, such as distractors: [Pierre Gattaz])",
            )
            return False
        return True


# The type names other tools use, and what quizgen calls them; None: quizgen has no such type.
TYPE_ALIASES: dict[str, str | None] = {
    "multiple_choice": "mcq", "single_choice": "mcq", "multichoice": "mcq", "choice": "mcq", "radio": "mcq",
    "multiple_answer": "multi", "multiple_answers": "multi", "multiple_response": "multi", "checkbox": "multi", "checkboxes": "multi",
    "true_false": "truefalse", "tf": "truefalse", "boolean": "truefalse", "yes_no": "truefalse",
    "short_answer": "short", "shortanswer": "short", "text": "short", "free_text": "short", "open": "short",
    "numerical": "numeric", "number": "numeric", "integer": "numeric",
    "fill_in_the_blank": "cloze", "fill_in_the_blanks": "cloze", "fill_in_blank": "cloze",
    "blanks": "cloze", "gap": "cloze", "gapfill": "cloze",
    "matching": "match", "pairs": "match", "ordering": "order", "sequence": "order", "sort": "order", "ranking": "order",
    "essay": None, "long_answer": None, "file_upload": None, "description": None,
}  # fmt: skip

# Keys of question formats from other tools (quiz JSON/YAML exports, flashcard files).
FOREIGN_KEYS = frozenset(
    {"question", "options", "correct", "correct_answer", "correct_answers", "incorrect_answers", "q", "a", "front", "back", "answers_list"}
)


def type_hint(kind: str) -> str:
    """' (did you mean 'mcq'?)' for another tool's name of a type, or why quizgen has no such type."""
    alias = TYPE_ALIASES.get(kind.strip().lower().replace("-", "_").replace(" ", "_"), "")
    if alias is None:
        return f"; quizgen has no '{kind}' questions, whose answers a program can't check: use short for a one-line answer"
    if alias:
        return f" (did you mean '{alias}'?)"
    return did_you_mean(kind, TYPES)

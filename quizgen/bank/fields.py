"""The question fields: one reader per key, given the value node, the question type and the fields read so far."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import count
from ..model import Image, Localized, cloze_deletions, slugify
from .media import image_problem
from .nodes import FLOAT, INT, STR, Mapping, Node, Scalar, Sequence, describe, listing
from .values import MAX_CHOICES, ValueReader, fold, words

COMMON_FIELDS = (
    "id",
    "type",
    "prompt",
    "tags",
    "difficulty",
    "explanation",
    "source",
    "hint",
    "draft",
    "support",
    "group",
    "points",
    "image",
)
TYPE_FIELDS: dict[str, tuple[str, ...]] = {
    "mcq": ("choices", "answer"),
    "multi": ("choices", "answers"),
    "truefalse": ("answer",),
    "short": ("answer", "accept"),
    "numeric": ("answer", "tolerance", "range", "unit"),
    "cloze": ("text", "accept"),
    "match": ("pairs", "distractors"),
    "order": ("items",),
}
"""Each type's own fields; a field that depends on another is listed after it."""
SUPPORTS = ("quoted", "inferred")
PAIR_FIELDS = ("left", "right", "source")
ITEM_FIELDS = ("text", "source")
IMAGE_FIELDS = ("file", "alt")
MAX_POINTS = 100

ID_PATTERN = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*\Z")
PERCENT_PATTERN = re.compile(r"\s*(\d+(?:\.\d+)?)\s*%\s*\Z")
DELETION_KEY = re.compile(r"c([1-9][0-9]{0,8})\Z")
SPACE = re.compile(r"\s")


def twin_choices(choices: tuple[Localized, ...], languages: tuple[str, ...]) -> tuple[str, str] | None:
    """Two choices of which one names the other: 'Le Maire' inside 'Bruno Le Maire', as whole words once folded.

    Figures are left out ('200' is not '2 200'): only a choice with a word of letters can name a thing.
    """
    for lang in languages:
        spelled = [(choice[lang], words(choice[lang])) for choice in choices]
        for short, short_words in spelled:
            if not any(word.isalpha() for word in short_words):
                continue
            size = len(short_words)
            for long, long_words in spelled:
                if len(long_words) > size and any(
                    long_words[start : start + size] == short_words for start in range(len(long_words) - size + 1)
                ):
                    return (short, long)
    return None


class FieldReader(ValueReader):
    """Reads each field of a question; every reader returns None after reporting what is wrong."""

    def __init__(self, data: bytes, path: str) -> None:
        super().__init__(data, path)
        self.folder = Path(path).parent
        """Where images are looked for: the bank's own folder."""

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
            if "" in tag.split("::"):
                # Anki turns an empty part of a hierarchical tag into 'blank'.
                parts = [part for part in tag.split("::") if part]
                fix = f"write {'::'.join(parts)!r}" if parts else "write a word on each side, such as 'topic::investment'"
                self.error(item.line, f"tag {tag!r} has an empty part between '::' separators; {fix}")
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

    def field_support(self, node: Node, kind: str, fields: dict[str, Any]) -> str | None:
        support = self.string(node, "support")
        if support is not None and support not in SUPPORTS:
            self.error(
                node.line,
                f"support must be quoted (the excerpt shows the answer) or inferred (the explanation says why); found {support!r}",
            )
            return None
        return support

    def field_group(self, node: Node, kind: str, fields: dict[str, Any]) -> str | None:
        group = self.string(node, "group")
        if group is not None and not ID_PATTERN.match(group):
            self.error(
                node.line, f"group must be a slug of lowercase letters, digits, '-' and '_', like {slugify(group) or 'quotes-chambers'!r}"
            )
            return None
        return group

    def field_points(self, node: Node, kind: str, fields: dict[str, Any]) -> float | None:
        points = self.number(node, "points")
        if points is not None and not 0 < points <= MAX_POINTS:
            self.error(node.line, f"points must be a number greater than 0 and at most {MAX_POINTS}; found {describe(node)}")
            return None
        return None if points is None else float(points)

    def field_image(self, node: Node, kind: str, fields: dict[str, Any]) -> Image | None:
        if isinstance(node, Mapping):
            image = self.mapping(node, "image", IMAGE_FIELDS)
            if image is None or "file" not in image:
                self.error(node.line, "image needs a 'file': image: {file: chart.png, alt: \"…\"}")
                return None
            file_node: Node = image["file"]
            alt = self.text(image["alt"], "image alt") if "alt" in image else None
            if "alt" in image and alt is None:
                return None
        else:
            file_node, alt = node, None
        file = self.string(file_node, "image file")
        if file is None:
            return None
        problem = image_problem(self.folder, file)
        if problem is not None:
            self.error(file_node.line, f"image {file!r} {problem}")
            return None
        if alt is None:
            self.warn(node.line, "image has no alt text: write image: {file: …, alt: …} with the words that stand for the picture")
        return Image(file, alt)

    def field_choices(self, node: Node, kind: str, fields: dict[str, Any]) -> tuple[Localized, ...] | None:
        choices = self.texts(node, "choices", 2 if kind == "mcq" else 3, MAX_CHOICES)
        twins = None if choices is None else twin_choices(choices, self.languages)
        if twins is not None:
            short, long = twins
            self.error(
                node.line,
                f"choices {short!r} and {long!r} name the same thing (one is inside the other): make every choice name something else",
            )
            return None
        return choices

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
        choices: tuple[Localized, ...] | None = fields.get("choices")
        if (
            isinstance(node, Scalar)
            and node.tag == INT
            and choices is not None
            and all(node.value not in choice.values() for choice in choices)
        ):
            # Other tools number their choices; a number here is almost always meant as one.
            valid = listing([choice[self.languages[0]] for choice in choices])
            self.error(node.line, f"{what} is the right choice's text, not its number: write one of the choices ({valid})")
            return None
        answer = self.text(node, what)
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

    def field_accept(self, node: Node, kind: str, fields: dict[str, Any]) -> Any:
        if kind == "cloze":
            return self.cloze_accept(node, fields)
        return self.texts(node, "accept", 0)

    def cloze_accept(self, node: Node, fields: dict[str, Any]) -> dict[int, dict[str, tuple[str, ...]]] | None:
        """Other right answers per deletion: {c1: [a, b]} for every language, or {c1: {en: [a, b]}} for some."""
        text: Localized | None = fields.get("text")
        if not isinstance(node, Mapping):
            self.error(
                node.line,
                f"accept must map deletions to other right answers, such as {{c1: [digital, numérique]}}; found {describe(node)}",
            )
            return None
        if text is None:
            return None
        accept = node
        numbers = {deletion.number for deletion in cloze_deletions(next(iter(text.values())))}
        valid = ", ".join(f"c{number}" for number in sorted(numbers))
        found: dict[int, dict[str, tuple[str, ...]]] = {}
        ok = True
        for key, value in accept.items():
            line = accept.key_lines[key]
            number = int(matched.group(1)) if (matched := DELETION_KEY.match(key)) else None
            if number is None or number not in numbers:
                self.error(line, f"accept: {key!r} is not a deletion of the text; its deletions are {valid}")
                ok = False
                continue
            alternatives = self.accepted_words(value, f"accept {key}")
            if alternatives is None:
                ok = False
            else:
                found[number] = alternatives
        return found if ok else None

    def accepted_words(self, node: Node, what: str) -> dict[str, tuple[str, ...]] | None:
        """A list of answers for every language, or a mapping of language to such a list."""
        if isinstance(node, Sequence):
            strings = self.strings(node, what)
            return None if strings is None else dict.fromkeys(self.languages, strings)
        if not isinstance(node, Mapping):
            self.error(node.line, f"{what} must be a list of answers, or a mapping of language to such a list; found {describe(node)}")
            return None
        by_language: dict[str, tuple[str, ...]] = {}
        for lang, value in node.items():
            if lang not in self.languages:
                self.error(
                    node.key_lines[lang], f"{what}: language '{lang}' is not one of the bank's languages ({listing(self.languages)})"
                )
                return None
            strings = self.strings(value, f"{what} ({lang})")
            if strings is None:
                return None
            by_language[lang] = strings
        return by_language

    def strings(self, node: Node, what: str) -> tuple[str, ...] | None:
        items = self.sequence(node, what, 1)
        if items is None:
            return None
        strings = [self.string(item, f"{what} item {number}") for number, item in enumerate(items, 1)]
        valid = [string for string in strings if string is not None]
        return tuple(dict.fromkeys(valid)) if len(valid) == len(strings) else None

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
            self.error(items.line, f"range must be [min, max]; found {count(len(items), 'item')}")
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
        """[left, right] or {left, right, source}; pair_sources is filled when any pair has its own excerpt."""
        items = self.sequence(node, "pairs", 2, MAX_CHOICES)
        if items is None:
            return None
        pairs: list[tuple[Localized, Localized]] = []
        sources: list[str | None] = []
        for number, item in enumerate(items, 1):
            pair = self.read_pair(item, number)
            if pair is None:
                return None
            pairs.append(pair[:2])
            sources.append(pair[2])
        if not self.all_different(items.line, "pairs: the left side", [left for left, _ in pairs]):
            return None
        if any(source is not None for source in sources):
            fields["pair_sources"] = tuple(sources)
        return tuple(pairs)

    def read_pair(self, item: Node, number: int) -> tuple[Localized, Localized, str | None] | None:
        if isinstance(item, Sequence) and len(item) == 2:
            left_node, right_node, source_node = item[0], item[1], None
        elif isinstance(item, Mapping) and "left" in item and "right" in item:
            if self.mapping(item, f"pair {number}", PAIR_FIELDS) is None:
                return None
            left_node, right_node, source_node = item["left"], item["right"], item.get("source")
        else:
            self.error(item.line, f"pair {number} must be [left, right] or {{left: …, right: …, source: …}}; found {describe(item)}")
            return None
        left, right = self.text(left_node, f"pair {number} left"), self.text(right_node, f"pair {number} right")
        source = None if source_node is None else self.string(source_node, f"pair {number} source")
        if left is None or right is None or (source_node is not None and source is None):
            return None
        return (left, right, source)

    def field_distractors(self, node: Node, kind: str, fields: dict[str, Any]) -> tuple[Localized, ...] | None:
        distractors = self.texts(node, "distractors", 1, MAX_CHOICES)
        pairs: tuple[tuple[Localized, Localized], ...] | None = fields.get("pairs")
        if distractors is None or pairs is None:
            return None
        for lang in self.languages:
            rights = {fold(right[lang]): number for number, (_, right) in enumerate(pairs, 1)}
            for distractor in distractors:
                if fold(distractor[lang]) in rights:
                    number = rights[fold(distractor[lang])]
                    self.error(
                        node.line,
                        f"distractor {distractor[lang]!r} is the right side of pair {number}; a distractor must match no left side",
                    )
                    return None
            if len(rights) + len(distractors) > MAX_CHOICES:
                self.error(
                    node.line,
                    f"a match offers at most {MAX_CHOICES} right-hand items (lettered a to z); found {len(rights) + len(distractors)}",
                )
                return None
        return distractors

    def field_items(self, node: Node, kind: str, fields: dict[str, Any]) -> tuple[Localized, ...] | None:
        """A text, or {text, source}; item_sources is filled when any item has its own excerpt."""
        items = self.sequence(node, "items", 3, MAX_CHOICES)
        if items is None:
            return None
        texts: list[Localized | None] = []
        sources: list[str | None] = []
        for number, item in enumerate(items, 1):
            source = None
            if isinstance(item, Mapping) and "text" in item:
                self.mapping(item, f"item {number}", ITEM_FIELDS)
                if "source" in item:
                    source = self.string(item["source"], f"item {number} source")
                item = item["text"]
            texts.append(self.text(item, f"items item {number}"))
            sources.append(source)
        valid = [text for text in texts if text is not None]
        if len(valid) < len(texts) or not self.all_different(items.line, "items:", valid):
            return None
        if any(source is not None for source in sources):
            fields["item_sources"] = tuple(sources)
        return tuple(valid)


def text_reader(what: str) -> Reader:
    return lambda reader, node, kind, fields: reader.text(node, what)


Reader = Callable[[FieldReader, Node, str, dict[str, Any]], Any]
OPTIONAL_FIELDS = {"accept", "tolerance", "range", "unit", "distractors"}
ALLOWED_FIELDS = {kind: COMMON_FIELDS + own for kind, own in TYPE_FIELDS.items()}
REQUIRED_FIELDS = {
    kind: ("prompt",) * (kind != "cloze") + tuple(key for key in own if key not in OPTIONAL_FIELDS) for kind, own in TYPE_FIELDS.items()
}
FIELD_READERS: dict[str, Reader] = {
    "prompt": text_reader("prompt"),
    "explanation": text_reader("explanation"),
    "hint": text_reader("hint"),
    "unit": text_reader("unit"),
    "tags": FieldReader.field_tags,
    "difficulty": FieldReader.field_difficulty,
    "source": FieldReader.field_source,
    "draft": FieldReader.field_draft,
    "support": FieldReader.field_support,
    "group": FieldReader.field_group,
    "points": FieldReader.field_points,
    "image": FieldReader.field_image,
    "choices": FieldReader.field_choices,
    "answer": FieldReader.field_answer,
    "answers": FieldReader.field_answers,
    "accept": FieldReader.field_accept,
    "tolerance": FieldReader.field_tolerance,
    "range": FieldReader.field_range,
    "text": FieldReader.field_cloze_text,
    "pairs": FieldReader.field_pairs,
    "distractors": FieldReader.field_distractors,
    "items": FieldReader.field_items,
}

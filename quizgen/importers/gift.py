"""GIFT read as bank questions, the way Moodle's importer reads it (question/format/gift/format.php).

Questions are separated by blank lines; `//` lines are comments (Moodle 3.6+
reads `[id:...]` and `[tag:...]` from them); `$CATEGORY:` names the category.
The answer block decides the type as Moodle decides it: `{#...}` numerical,
`~` multiple choice, `=a -> b` matching, `{T}`/`{F}` true-false, `{=...}`
short answer, `{>N ...}` ordering (qtype_ordering, Moodle 4.4+); text after the
block makes a missing-word question (a short answer there becomes a cloze).
`{}` (essay) and a question without a block (description) are left out.
"""

from __future__ import annotations

import re
from typing import Any

from . import Foreign, Read, Skip, html_to_text

ESCAPES = {"\\:": "\x00058", "\\#": "\x00035", "\\=": "\x00061", "\\{": "\x00123", "\\}": "\x00125", "\\~": "\x00126", "\\n": "\x00010"}
CHARACTERS = {"\x00058": ":", "\x00035": "#", "\x00061": "=", "\x00123": "{", "\x00125": "}", "\x00126": "~", "\x00010": "\n"}
WEIGHT = re.compile(r"^%(-?[0-9]{1,3}(?:\.[0-9]*)?)%")
ORDERING = re.compile(r"^\{>\s*(\d+)\s*([A-Z_]*)\s*([A-Z_01]*)\s*([A-Z_]*)\s*([A-Z01]*)\s*(.*)\}$", re.DOTALL)


def escaped_pre(text: str) -> str:
    """Moodle's escapedchar_pre: backslashed special characters out of the way before the text is cut."""
    text = text.replace("\\\\", "\x00092")
    for escape, placeholder in ESCAPES.items():
        text = text.replace(escape, placeholder)
    return text.replace("\x00092", "\\")


def escaped_post(text: str) -> str:
    for placeholder, character in CHARACTERS.items():
        text = text.replace(placeholder, character)
    return text


def with_format(text: str) -> str:
    """A text's words: a leading [html] (or [moodle], the default) is HTML made plain; [plain] and [markdown] are as written."""
    text = text.strip()
    found = re.match(r"\[(html|moodle|plain|markdown)\]", text)
    kind = found.group(1) if found else "moodle"
    text = escaped_post(text[found.end() :] if found else text).strip()
    return html_to_text(text) if kind in ("html", "moodle") else text


def split_feedback(answer: str) -> tuple[str, str]:
    text, _, feedback = answer.partition("#")
    return text, feedback


def weighted(answer: str) -> tuple[float | None, str]:
    found = WEIGHT.match(answer)
    if found is None:
        return None, answer
    return float(found.group(1)) / 100, answer[found.end() :]


def blocks(text: str) -> list[tuple[int, list[str]]]:
    """The file cut at blank lines, each block with its first line's number."""
    found: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 1
    for number, line in enumerate([*text.split("\n"), ""], 1):
        if line.strip():
            if not current:
                start = number
            current.append(line)
        elif current:
            found.append((start, current))
            current = []
    return found


def choices(answer: str, notes: list[str]) -> tuple[list[str], list[float], list[str]]:
    """Each `=right` or `~wrong` (or `~%50%part`) choice: texts, fractions, feedbacks."""
    texts, fractions, feedbacks = [], [], []
    for part in answer.replace("=", "~=").split("~"):
        part = part.strip()
        if not part:
            continue
        if part.startswith("="):
            share, part = 1.0, part[1:]
        else:
            weight, part = weighted(part)
            share = weight or 0.0
        text, feedback = split_feedback(part)
        texts.append(with_format(text))
        fractions.append(share)
        feedbacks.append(with_format(feedback))
    return texts, fractions, feedbacks


def explanation(general: str, feedbacks: list[str], rights: list[bool]) -> dict[str, Any]:
    parts = [feedback for feedback, right in zip(feedbacks, rights, strict=True) if right and feedback] + [general] * bool(general)
    joined = "\n".join(dict.fromkeys(parts))
    return {"explanation": joined} if joined else {}


def question_fields(prompt: str, after: str, answer: str, general: str, notes: list[str]) -> dict[str, Any] | str:
    """The bank fields for one question's answer block, or the reason it can't be a bank question."""
    fields: dict[str, Any] = {"prompt": prompt}
    if answer.startswith("#"):
        return numeric(fields, answer[1:], general, notes)
    if "~" in answer:
        texts, fractions, feedbacks = choices(answer, notes)
        right = [share > 0 for share in fractions]
        fields.update(explanation(general, feedbacks, right))
        if after:
            fields["prompt"] = f"{prompt} _____ {after}".strip()
        if "=" in answer or sum(right) < 2:
            if sorted({round(share, 4) for share in fractions} - {0.0, 1.0}):
                notes.append("partial credit")
            best = max(range(len(texts)), key=lambda index: fractions[index])
            return {**fields, "type": "mcq", "choices": texts, "answer": texts[best]}
        return {**fields, "type": "multi", "choices": texts, "answers": [text for text, ok in zip(texts, right, strict=True) if ok]}
    if "=" in answer and "->" in answer:
        pairs, distractors = [], []
        for part in answer.split("=")[1:]:
            left, _, matched = part.partition("->")
            if with_format(left):
                pairs.append([with_format(left), escaped_post(matched).strip()])
            else:
                distractors.append(escaped_post(matched).strip())
        fields.update(explanation(general, [], []))
        return {**fields, "type": "match", "pairs": pairs} | ({"distractors": distractors} if distractors else {})
    truth = split_feedback(answer)[0].strip()
    if truth in ("T", "TRUE", "F", "FALSE"):
        fields.update(explanation(general, [], []))
        return {**fields, "type": "truefalse", "answer": truth.startswith("T")}
    accepted, feedbacks = [], []
    for part in answer.split("=")[1:] if answer.startswith("=") or "=" in answer else [answer]:
        weight, part = weighted(part.strip())
        text, feedback = split_feedback(part)
        if weight is not None and weight < 1:
            notes.append(f"the partly right answer {with_format(text)!r}")
            continue
        accepted.append(with_format(text).replace("\\*", "*"))
        feedbacks.append(with_format(feedback))
    if not accepted:
        return "a short answer without a right answer"
    fields.update(explanation(general, feedbacks, [True] * len(feedbacks)))
    if after:
        return cloze(fields, prompt, after, accepted)
    return {**fields, "type": "short", "answer": accepted[0]} | ({"accept": accepted[1:]} if accepted[1:] else {})


def cloze(fields: dict[str, Any], before: str, after: str, accepted: list[str]) -> dict[str, Any]:
    """A missing-word short answer as a one-blank cloze; the lines before the blank's line are its prompt."""
    lead, _, before = before.rpartition("\n")
    del fields["prompt"]
    text = " ".join(part for part in (before.strip(), f"{{{{c1::{accepted[0]}}}}}") if part)
    if after:
        text += ("" if after[:1] in ",.;:!?)" else " ") + after
    prompt = {"prompt": lead.strip()} if lead.strip() else {}
    return prompt | fields | {"type": "cloze", "text": text} | ({"accept": {"c1": accepted[1:]}} if accepted[1:] else {})


def numeric(fields: dict[str, Any], answer: str, general: str, notes: list[str]) -> dict[str, Any] | str:
    """`#value:tolerance`, `#min..max`, or several `=` answers: the first right one, and the range they cover."""
    values: list[tuple[float, float]] = []
    feedbacks = []
    parts = [part for part in answer.split("=") if part.strip()] if answer.strip().startswith("=") else [answer]
    for part in parts:
        weight, part = weighted(part.strip())
        text, feedback = split_feedback(part)
        text = with_format(text)
        if weight is not None and weight < 1:
            notes.append(f"the partly right answer {text}")
            continue
        try:
            if ".." in text:
                low, high = (float(bound) for bound in text.split(".."))
                values.append(((low + high) / 2, (high - low) / 2))
            else:
                number, _, margin = text.partition(":")
                values.append((float(number), abs(float(margin or 0))))
        except ValueError:
            return f"its number {text!r} can't be read"
        feedbacks.append(with_format(feedback))
    if not values:
        return "a numerical question without a right answer"
    fields.update(explanation(general, feedbacks, [True] * len(feedbacks)))
    value, tolerance = values[0]
    low, high = min(v - t for v, t in values), max(v + t for v, t in values)
    if (low, high) != (value - tolerance, value + tolerance):
        return {**fields, "type": "numeric", "answer": value, "range": [low, high]}
    return {**fields, "type": "numeric", "answer": value} | ({"tolerance": tolerance} if tolerance else {})


def ordering(prompt: str, raw: str) -> dict[str, Any] | None:
    """qtype_ordering's GIFT: the items, one a line, taken literally (HTML made plain)."""
    found = ORDERING.match(raw.strip())
    if found is None:
        return None
    items = [html_to_text(line.strip()) for line in found.group(6).split("\n") if line.strip()]
    return {"prompt": prompt, "type": "order", "items": items}


def read_block(start: int, lines: list[str], read: Read) -> None:
    comments = " ".join(line.strip() for line in lines if line.strip().startswith("//"))
    raw_lines = [line for line in lines if not line.strip().startswith("//")]
    if not raw_lines:
        return
    text = escaped_pre("\n".join(raw_lines).strip())
    line = start + next(index for index, line in enumerate(lines) if not line.strip().startswith("//"))
    if text.startswith("$CATEGORY:"):
        read.title = read.title or escaped_post(text[10:]).strip().replace("//", "\x00").split("/")[-1].replace("\x00", "/")
        return
    name = ""
    if text.startswith("::") and "::" in text[2:]:
        name, text = text[2:].split("::", 1)
        name, text = escaped_post(name).strip(), text.strip()
    found_id = re.search(r"\[id:((?:\\]|[^]])+)]", comments)
    if found_id:
        name = found_id.group(1).replace("\\]", "]").strip()
    tags = [tag.replace("\\]", "]").strip() for tag in re.findall(r"\[tag:((?:\\]|[^]])+)]", comments)]
    start_at, finish_at = text.find("{"), text.find("}")
    if start_at < 0 and finish_at < 0:
        read.skipped.append(Skip(line, name, "a description (no answer) has no quizgen type"))
        return
    if start_at < 0 or finish_at < start_at:
        read.skipped.append(Skip(line, name, "its braces { } do not pair up"))
        return
    answer = text[start_at + 1 : finish_at].strip()
    after = with_format(text[finish_at + 1 :]) if text[finish_at + 1 :].strip() else ""
    prompt = with_format(text[:start_at])
    if answer.startswith(">"):
        fields: dict[str, Any] | str | None = ordering(prompt, escaped_post(text[start_at:]))
        fields = fields or "its ordering block can't be read"
        notes: list[str] = []
    else:
        general = ""
        if "####" in answer:
            answer, general = answer[: answer.rindex("####")].strip(), with_format(answer[answer.rindex("####") + 4 :])
        if not answer:
            read.skipped.append(Skip(line, name, "an essay (an empty answer block) has no quizgen type"))
            return
        notes = []
        fields = question_fields(prompt, after, answer, general, notes)
    if isinstance(fields, str):
        read.skipped.append(Skip(line, name, fields))
        return
    if tags:
        fields["tags"] = list(dict.fromkeys(tags))
    read.questions.append(Foreign(line, name, fields, notes))


def read_gift(data: bytes, lang: str) -> Read:
    """Every question of a GIFT file, with the line it starts on."""
    read = Read()
    text = data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    for start, lines in blocks(text):
        read_block(start, lines, read)
    return read

"""quizgen's own JSON export read back as bank questions, with the JSON bank reader's own conversion."""

from __future__ import annotations

import json

from ..bank.json_bank import Shape, question_fields, question_lines
from . import Foreign, Read, Skip


def read_quizgen_json(data: bytes, lang: str) -> Read:
    """Every question of the JSON, in its own language (the file names it; `lang` is the import's default)."""
    document = json.loads(data.decode("utf-8-sig"))
    records = document.get("questions") if isinstance(document.get("questions"), list) else []
    language = document.get("language") if isinstance(document.get("language"), str) else lang
    read = Read(title=document.get("title") if isinstance(document.get("title"), str) else None, language=language)
    source = document.get("source")
    if isinstance(source, dict):
        read.source = {key: source.get(key) for key in ("title", "url", "date", "file", "language")}
        if read.source.get("language") == language:
            del read.source["language"]  # the bank's own language, its default
    deck = document.get("deck")
    if isinstance(deck, dict) and isinstance(deck.get("id"), int) and isinstance(deck.get("name"), str):
        read.deck = {"name": deck["name"], "id": deck["id"]}
    for line, record in zip(question_lines(data, len(records)), records, strict=True):
        name = str(record.get("id", "")) if isinstance(record, dict) else ""
        try:
            fields = question_fields(record, language)
        except Shape as shape:
            read.skipped.append(Skip(line, name, str(shape)))
            continue
        fields.pop("id", None)
        read.questions.append(Foreign(line, name, fields))
    return read

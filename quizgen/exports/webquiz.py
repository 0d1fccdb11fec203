"""One self-contained HTML page that runs the quiz in a browser, offline.

The page is quizgen/templates/webquiz.html with its CSS and script inlined. The
questions travel as JSON in a `<script type="application/json">` element, with
`<`, `>`, `&` and the two Unicode line separators written as \\u escapes, so no
bank text can end that element. The script puts bank texts on the page as text
only (textContent, attributes), never as HTML. A Content-Security-Policy allows
the page's own style and script (by their hashes) and nothing else: no network
request, no other script, even if a bug let markup through.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from importlib.resources import files
from typing import Any

from ..identity import web_link
from ..model import Bank, Cloze, Numeric, Question, cloze_parts
from ..present import answer_text, label, prompt_text
from .bank_json import question_record
from .base import ExportResult, source_line

LABELS = (
    "true", "false", "hint", "answer_line", "web_check", "web_next", "web_right", "web_wrong", "web_score",
    "web_finished", "web_restart", "web_move_up", "web_move_down", "web_choose", "web_your_answer", "web_blank",
    "web_empty", "web_not_number",
)  # fmt: skip
"""The quizgen words the page's script shows, passed to it in the quiz's language."""
SLOT = re.compile(r"\{\{(\w+)\}\}")
SCRIPT_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def template(name: str) -> str:
    return (files("quizgen") / "templates" / name).read_text(encoding="utf-8")


def quiz_question(bank: Bank, question: Question, lang: str) -> dict[str, Any]:
    """A question as the page's script reads it: the JSON export's record, plus what the page shows or checks."""
    record = question_record(question, lang)
    record.update(prompt=prompt_text(question, lang), answerText=answer_text(question, lang), sourceLine=source_line(bank, question, lang))
    if isinstance(question, Numeric):
        record["bounds"] = list(question.bounds)
    if isinstance(question, Cloze):
        record["parts"] = [
            {"text": part} if isinstance(part, str) else {"answer": part.answer, "hint": part.hint}
            for part in cloze_parts(question.text[lang])
        ]
    return record


def script_json(value: object) -> str:
    """JSON that cannot end the <script> element it sits in, nor be read as markup."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(SCRIPT_ESCAPES)


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def to_webquiz(bank: Bank, lang: str) -> ExportResult:
    """The bank as a one-file web quiz, in `lang`."""
    data = {
        "lang": lang,
        "labels": {key: label(key, lang) for key in LABELS},
        "sourceUrl": web_link(bank),
        "questions": [quiz_question(bank, question, lang) for question in bank.questions],
    }
    style, script = template("webquiz.css"), template("webquiz.js")
    policy = f"default-src 'none'; script-src {sha256(script)}; style-src {sha256(style)}; base-uri 'none'; form-action 'none'"
    slots = {
        "lang": html.escape(lang),
        "title": html.escape(bank.title[lang]),
        "csp": policy,
        "style": style,
        "script": script,
        "data": script_json(data),
        "needs_js": html.escape(label("web_needs_js", lang)),
    }
    # One pass over the template: a bank text that looks like {{slot}} is never filled in.
    page = SLOT.sub(lambda found: slots[found[1]], template("webquiz.html"))
    return ExportResult(page, len(bank.questions))

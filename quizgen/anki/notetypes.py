"""The Anki note types: their fixed ids and fields, card templates, style sheet and card script.

The templates hold no word of any language: quizgen's own words ("False",
"Explanation", the hint's link) are in the fields or in CSS rules keyed on the
card's `lang`, so the decks of every language share the note types.

The fields are fixed for good (docs/bank-format.md, "format design"): Anki skips, as
conflicting, every note whose note type gained or lost a field. They changed
once, from the first release's twelve to these sixteen, and the note types got
new ids and names with them; learners import once with *Merge note types* to
move their notes (and review history) over.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..present import LABELS


@dataclass(frozen=True)
class NoteType:
    """A question type as an Anki note type; its id never changes."""

    id: int
    name: str
    cloze: bool = False
    typed: bool = False
    """A box to type the answer in, compared by Anki with the AnswerText field."""


NOTE_TYPES: dict[str, NoteType] = {
    "mcq": NoteType(2047214291, "quizgen · multiple choice"),
    "multi": NoteType(1813344106, "quizgen · multiple answers"),
    "truefalse": NoteType(1557185377, "quizgen · true or false"),
    "short": NoteType(1767772991, "quizgen · short answer"),
    "numeric": NoteType(1386750838, "quizgen · numeric"),
    "cloze": NoteType(2028119457, "quizgen · cloze", cloze=True),
    "match": NoteType(1166763075, "quizgen · match"),
    "order": NoteType(1964180010, "quizgen · order"),
    "short-typed": NoteType(1942141949, "quizgen · short answer, typed", typed=True),
    "numeric-typed": NoteType(2096458981, "quizgen · numeric, typed", typed=True),
}
"""By note-type key: the question type, or the type with `-typed` for the type-in variants (`--typed`)."""

TYPED = ("short", "numeric")
"""The question types that have a type-in variant."""

FIELDS = (
    "Id",
    "Prompt",
    "Body",
    "Choices",
    "Answer",
    "AnswerText",
    "Accept",
    "Image",
    "Explanation",
    "Source",
    "SourceTitle",
    "SourceLink",
    "Hint",
    "Lang",
    "Points",
    "Extra",
)
"""Every note type's fields, in this order (docs/bank-format.md, "format design")."""
SORT_FIELD = FIELDS.index("Prompt")

FRONT = """<div class="quizgen type-{type}" lang="{{Lang}}" data-note="{{Id}}">
<div class="prompt">{{Prompt}}</div>
{{#Image}}<div class="image">{{Image}}</div>{{/Image}}
{body}
{{#Choices}}<div class="choices">{{Choices}}</div>{{/Choices}}
{typed}{{#Hint}}<details class="hint"><summary></summary>{{Hint}}</details>{{/Hint}}
</div>
<script>{script}</script>"""
BACK = """<div class="quizgen type-{type}" lang="{{Lang}}" data-note="{{Id}}">
<div class="prompt">{{Prompt}}</div>
{{#Image}}<div class="image">{{Image}}</div>{{/Image}}
{shown}
{{#Answer}}<div class="answer">{{Answer}}</div>{{/Answer}}
{{#Explanation}}<div class="explanation">{{Explanation}}</div>{{/Explanation}}
{{#Source}}<figure class="source"><blockquote>{{Source}}</blockquote>{{#SourceTitle}}<figcaption>\
{{#SourceLink}}<a href="{{SourceLink}}">{{SourceTitle}}</a>{{/SourceLink}}{{^SourceLink}}{{SourceTitle}}{{/SourceLink}}\
</figcaption>{{/SourceTitle}}</figure>{{/Source}}
{{#Extra}}<div class="extra">{{Extra}}</div>{{/Extra}}
</div>
<script>{script}</script>"""

CSS_WORDS = {"explanation": ".explanation::before", "source": ".source::before", "hint": ".hint summary::after"}
"""quizgen's words that the style sheet writes, in the card's language (English for a language quizgen does not know)."""


@cache
def card_script() -> str:
    return resources.files(__package__).joinpath("card.js").read_text(encoding="utf-8")


@cache
def css() -> str:
    """The note types' style sheet, with quizgen's words in each language it knows."""
    rules = [resources.files(__package__).joinpath("card.css").read_text(encoding="utf-8")]
    for lang, labels in sorted(LABELS.items(), key=lambda item: item[0] != "en"):
        scope = ".quizgen" if lang == "en" else f".quizgen:lang({lang})"
        rules.extend(f'{scope} {selector} {{ content: "{css_string(labels[key])}"; }}\n' for key, selector in CSS_WORDS.items())
    return "".join(rules)


def css_string(text: str) -> str:
    return "".join(char if char.isalnum() or char == " " else f"\\{ord(char):06x}" for char in text)


def templates(key: str) -> list[dict[str, str]]:
    """The note type's one card template: front and back."""
    note_type = NOTE_TYPES[key]
    kind = key.removesuffix("-typed")
    typed = "{{type:AnswerText}}\n" if note_type.typed else ""
    if note_type.cloze:
        body, shown = '<div class="body">{{cloze:Body}}</div>', '<div class="body">{{cloze:Body}}</div>\n<hr id="answer">'
    else:
        body, shown = '{{#Body}}<div class="body">{{Body}}</div>{{/Body}}', typed + '<hr id="answer">'
    script = card_script()
    front = FRONT.replace("{body}", body).replace("{typed}", typed)
    back = BACK.replace("{shown}", shown)
    return [
        {
            "name": "Cloze" if note_type.cloze else "Card",
            "qfmt": front.replace("{type}", kind).replace("{script}", script),
            "afmt": back.replace("{type}", kind).replace("{script}", script),
        }
    ]


def note_type_digest(key: str) -> str:
    """A hash of everything Anki stores for the note type, to give it a new time when any of it changes."""
    note_type = NOTE_TYPES[key]
    return digest([note_type.id, note_type.name, note_type.cloze, FIELDS, SORT_FIELD, templates(key), css()])


def digest(value: object) -> str:
    return hashlib.sha256(json.dumps(value, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]

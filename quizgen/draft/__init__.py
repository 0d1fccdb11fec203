"""`quizgen draft`: a draft bank from a plain-text article, by rules alone (no model, nothing downloaded).

The article is read in five passes, each a small set of rules over the text,
each in its own module:

1. `layout`: lines (or hard-wrapped paragraphs) become blocks; page chrome
   (banners, buttons, menus, "Recent Posts" and what follows) is dropped;
   a block without final punctuation is a heading.
2. `sentences`: each block is cut into sentences and quotations in one scan,
   so that nested quotations and the full stops inside them hold together.
3. `people`: names, the roles the article gives them in apposition, spellings
   of one person merged, and the roles that stand for a person
   ("le Président exécutif de Cisco").
4. `attribution`: who says each quotation, in a walk through the article that
   keeps the person in focus.
5. `figures` (over `numbers`): each number with its qualifier, scale, unit
   and the tolerance its wording allows.

`lexicon` holds the word lists the rules use. `extract` (in `extraction`) runs
the passes and returns frozen records (`records`); `questions` turns them into
question dicts; `render_bank` and `draft_bank` write the YAML of a bank, and
`write_draft` (in `output`) is the only function that touches files.
"""

from __future__ import annotations

from ..errors import DraftError
from .extraction import detect_language, extract
from .output import default_output, draft_bank, render_bank, write_draft
from .reading import Article, read_article
from .records import Draft, Figure, Findings, Person, Quotation

__all__ = [
    "Article",
    "Draft",
    "DraftError",
    "Figure",
    "Findings",
    "Person",
    "Quotation",
    "default_output",
    "detect_language",
    "draft_bank",
    "extract",
    "read_article",
    "render_bank",
    "write_draft",
]

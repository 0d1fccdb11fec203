"""`quizgen draft`: a draft bank from an article (text, web page, PDF or standard input).

`reading` turns the input into text. The text is read in five passes, each a
small set of rules over the text, each in its own module (plus `nlp`, the
optional spaCy pass that vouches for names in French):

1. `layout`: lines (or hard-wrapped paragraphs) become blocks; page chrome
   (banners, buttons, menus, "Recent Posts" and what follows) is dropped;
   a block without final punctuation is a heading.
2. `sentences`: each block is cut into sentences and quotations in one scan,
   so that nested quotations and the full stops inside them hold together.
3. `people`: names the article vouches for as persons, the roles it gives
   them, spellings of one person merged, and the roles that stand for a person
   ("le Président exécutif de Cisco").
4. `attribution`: who says each quotation, only when the article says it.
5. `figures` (over `numbers`): each number with its qualifier, scale, unit
   and the tolerance its wording allows.

`lexicon` holds the word lists the rules use. `extract` (in `extraction`) runs
the passes and returns frozen records (`records`); `questions` turns them into
question dicts, the best first when there are too many; `render_bank` and
`draft_bank` write the YAML of a bank, and `write_draft` (in `output`) is the
only function that writes files.
"""

from __future__ import annotations

from ..errors import DraftError
from .extraction import detect_language, extract
from .output import default_output, draft_bank, render_bank, write_draft
from .questions import DEFAULT_MAX
from .reading import Article, read_article
from .records import Draft, Figure, Findings, Person, Quotation

__all__ = [
    "DEFAULT_MAX",
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

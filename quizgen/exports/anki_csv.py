"""Anki's text import: one Basic note (Front, Back) per question, with the GUID the .apkg deck gives its note.

The file starts with Anki's headers (`#separator:tab`, `#html:true`,
`#notetype:Basic`, `#deck:`, `#columns:`, `#guid column:1`, `#tags column:4`).
Every field is quoted, so that no line can start with `#` (Anki would take it
for a comment) and tabs in a text stay inside their field. Texts are HTML,
escaped from the bank's plain text.

The deck name and the GUIDs are those of the .apkg decks (quizgen.identity).
In a collection the file made, importing it again after an edit updates the
notes in place. In a collection that holds the .apkg deck's notes, Anki finds
each GUID on a note of another note type, reports it as a conflict and leaves
that note as it is: nothing is updated, and nothing is added twice.
"""

from __future__ import annotations

import csv
import io

from ..identity import deck_name, note_guid
from ..model import Bank, Cloze, Match, MultipleAnswer, MultipleChoice, Order, Question, TrueFalse
from ..present import answer_text, cloze_text, html_text, label, shuffled
from .base import ExportResult, feedback_lines, prompt_with_unit

COLUMNS = ("GUID", "Front", "Back", "Tags")


def items(texts: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{html_text(text)}</li>" for text in texts) + "</ul>"


def front(question: Question, lang: str) -> str:
    """The question as the front of a card: the prompt, and what to choose from, in a fixed shuffled order."""
    if isinstance(question, Cloze):
        lead = [] if question.prompt is None else [f"<p>{html_text(question.prompt[lang])}</p>"]
        return "".join([*lead, f"<p>{html_text(cloze_text(question.text[lang]))}</p>"])
    text = f"<p>{html_text(prompt_with_unit(question, lang))}</p>"
    if isinstance(question, MultipleChoice | MultipleAnswer):
        return text + items([choice[lang] for choice in shuffled(question.choices, question.id)])
    if isinstance(question, TrueFalse):
        return text + f"<p>{html_text(label('true', lang))} / {html_text(label('false', lang))}</p>"
    if isinstance(question, Match):
        lefts = [left[lang] for left, _ in question.pairs]
        rights = list(dict.fromkeys(right[lang] for _, right in question.pairs))
        return text + items(lefts) + items(shuffled(rights, question.id))
    if isinstance(question, Order):
        return text + items(shuffled([item[lang] for item in question.items], question.id))
    return text


def back(bank: Bank, question: Question, lang: str) -> str:
    """The answer, then the explanation and the source excerpt."""
    lines = [label("answer_line", lang).format(answer=answer_text(question, lang)), *feedback_lines(bank, question, lang)]
    return "".join(f"<p>{html_text(line)}</p>" for line in lines)


def to_csv(bank: Bank, lang: str) -> ExportResult:
    """The bank as an Anki text-import file, in `lang`."""
    headers = {
        "separator": "tab",
        "html": "true",
        "notetype": "Basic",
        "deck": " ".join(deck_name(bank, lang).split()),
        "columns": "\t".join(COLUMNS),
        "guid column": str(COLUMNS.index("GUID") + 1),
        "tags column": str(COLUMNS.index("Tags") + 1),
    }
    stream = io.StringIO()
    stream.write("".join(f"#{name}:{value}\n" for name, value in headers.items()))
    writer = csv.writer(stream, delimiter="\t", quoting=csv.QUOTE_ALL, lineterminator="\n")
    for question in bank.questions:
        writer.writerow([note_guid(bank, lang, question.id), front(question, lang), back(bank, question, lang), " ".join(question.tags)])
    return ExportResult(stream.getvalue(), len(bank.questions))

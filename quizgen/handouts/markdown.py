"""The handout as Markdown, to edit before printing."""

from __future__ import annotations

import re

from ..present import label
from .grid import grid_chunks
from .sheet import Blank, Boxes, Columns, Contents, Handout, Item, Lines, NumberBlank, Sentence, Version, points_text, word

MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]<>#|~$&{}])")
SPACING = re.compile(r"[ \t\r\n]+")
PAGE_BREAK = '\n<div style="break-before: page"></div>\n\n'
"""Between sheets: Markdown-to-HTML or -PDF converters turn it into a page break."""
GRID_WIDTH = 120
"""Characters across a grid table before the next versions go in another table."""
STUDENT_FIELDS = (("handout_name", 24), ("handout_class", 10), ("handout_date", 10))
"""The lines a student fills in at the top of the sheet, with their width in characters."""


def md(text: str) -> str:
    """User text as literal Markdown, on one line."""
    return MARKDOWN_SPECIALS.sub(r"\\\1", SPACING.sub(" ", text))


def md_blank(width: int) -> str:
    return "\\_" * width


def to_markdown(handout: Handout, contents: Contents = "both") -> str:
    """The sheets, or the key (the grading grid, then each version's key), or both, separated by page breaks."""
    sections = []
    if contents != "key":
        sections += [markdown_version(handout, version) for version in handout.versions]
    if contents != "sheets":
        sections.append(markdown_grid(handout))
        sections += [markdown_key(handout, version) for version in handout.versions]
    return PAGE_BREAK.join(sections)


def markdown_version(handout: Handout, version: Version) -> str:
    lang = handout.lang
    version_label = label("handout_version", lang).format(letter=version.letter)
    lines = [f"# {md(handout.title)} — {version_label}", ""]
    if handout.source is not None:
        lines += [md(label("handout_source", lang).format(source=handout.source)), ""]
    lines += ["   ".join(f"**{label(key, lang)}** {md_blank(width)}" for key, width in STUDENT_FIELDS), ""]
    lines += [f"*{label('handout_instructions', lang)}*", ""]
    if handout.weighted:
        lines += [f"**{word('total', lang)}:** {md_blank(8)} / {md(points_text(version.total, lang))}", ""]
    for item in version.items:
        lines += markdown_item(item, lang, handout.weighted)
    return "\n".join(lines)


def markdown_item(item: Item, lang: str, weighted: bool) -> list[str]:
    points = f" *({md(points_text(item.points, lang))})*" if weighted else ""
    lines = [f"**{item.number}.** {md(item.prompt)}{points}"]
    if item.instruction is not None:
        lines[0] += "  "
        lines.append(f"*{item.instruction}*")
    lines.append("")
    if item.image is not None:
        # The picture's path is the bank's, relative to its folder: the Markdown reads it from beside the bank.
        lines += [f"![{md(item.image.alt or '')}](<{item.image.file}>)", ""]
    layout = item.layout
    if isinstance(layout, Boxes):
        lines += [f"- [ ] {md(option)}" for option in layout.printed]
    elif isinstance(layout, Lines):
        lines += "\n\n".join([md_blank(60)] * layout.count).split("\n")
    elif isinstance(layout, NumberBlank):
        lines.append(md_blank(16) + (f" {md(layout.unit)}" if layout.unit else ""))
    elif isinstance(layout, Sentence):
        lines.append("> " + "".join(md_sentence_part(part) for part in layout.parts).strip())
    elif isinstance(layout, Columns):
        lines += ["| | |", "| --- | --- |"]
        rows = max(len(layout.left), len(layout.right))
        for index in range(rows):
            left = f"{index + 1}. {md(layout.left[index])}" if index < len(layout.left) else ""
            right = md(layout.printed[index]) if index < len(layout.right) else ""
            lines.append(f"| {left} | {right} |")
    else:
        lines += [f"- \\[  \\] {md(entry)}" for entry in layout.items]
    return [*lines, ""]


def md_sentence_part(part: str | Blank) -> str:
    if isinstance(part, str):
        return md(part)
    return md_blank(part.width) + (f" *({md(part.hint)})*" if part.hint else "")


def markdown_grid(handout: Handout) -> str:
    """Every version's answers side by side: a row per question number, a column per version, then the totals."""
    lang = handout.lang
    lines = [f"# {word('grid', lang)}", "", md(handout.title), ""]
    for chunk in grid_chunks(handout, GRID_WIDTH):
        lines.append(f"| {label('handout_number', lang)} | " + " | ".join(chunk.letters) + " |")
        lines.append("| --- |" + " --- |" * len(chunk.letters))
        for number, (row, points) in enumerate(zip(chunk.rows, chunk.points, strict=True), 1):
            cells = [md(cell) + (f" ({points[column]})" if handout.weighted else "") for column, cell in enumerate(row)]
            lines.append(f"| {number} | " + " | ".join(cells) + " |")
        lines += ["| **" + word("grid_total", lang) + "** | " + " | ".join(f"**{md(total)}**" for total in chunk.totals) + " |", ""]
    if handout.weighted:
        lines += [md(word("grid_points_brackets", lang)), ""]
    if handout.alternatives:
        lines += [md(word("grid_accepted", lang)), ""]
    return "\n".join(lines)


def markdown_key(handout: Handout, version: Version) -> str:
    lang = handout.lang
    lines = [
        f"# {label('handout_key', lang).format(letter=version.letter)}",
        "",
        md(handout.title),
        "",
        f"| {label('handout_number', lang)} | {label('answer', lang)} | {label('source', lang)} |",
        "| --- | --- | --- |",
    ]
    lines += [f"| {item.number} | {md(item.answer)} | {markdown_source(item)} |" for item in version.items]
    return "\n".join([*lines, ""])


def markdown_source(item: Item) -> str:
    """The excerpt, then the question's id in code (a slug, so it needs no escaping), to find it in the bank."""
    return " ".join([*([md(item.excerpt)] if item.excerpt else []), f"`{item.question.id}`"])

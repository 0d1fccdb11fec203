"""The handout as one self-contained web page: sheets of paper on screen, a page per sheet when printed."""

from __future__ import annotations

import base64
import html

from ..present import label
from .grid import grid_chunks
from .sheet import (
    Blank,
    Boxes,
    Columns,
    Contents,
    Handout,
    Item,
    Layout,
    Lines,
    NumberBlank,
    Picture,
    Sentence,
    Version,
    points_text,
    word,
)

GRID_WIDTH = 88
"""Characters across a grid table before the next versions go in another table, as in the PDF."""
STUDENT_FIELDS = ("handout_name", "handout_class", "handout_date")

# A word longer than its line may break (overflow-wrap: break-word), but a word is never broken to make a
# narrow column narrower: `anywhere` would, and a phone's grid of choices then wraps letter by letter.
HTML_STYLE = """
:root { --ink: #1a1a1a; --faint: #777; --rule: #999; }
* { box-sizing: border-box; }
body { margin: 0; background: #e8e8e8; color: var(--ink); font: 11pt/1.45 "Libertinus Serif", "Linux Libertine", Georgia, serif; }
.sheet { background: white; max-width: 190mm; margin: 12mm auto; padding: 14mm 16mm; box-shadow: 0 1px 6px rgba(0,0,0,.25); }
.sheet, .sheet * { overflow-wrap: break-word; }
header { border-bottom: 1.2pt solid var(--ink); padding-bottom: 3mm; margin-bottom: 5mm; }
.heading { display: flex; justify-content: space-between; align-items: flex-start; gap: 6mm; }
h1 { font-size: 17pt; line-height: 1.2; margin: 0; }
.letter { border: 1.2pt solid var(--ink); padding: 1mm 3mm; font-weight: bold; white-space: nowrap; }
.source { margin: 1.5mm 0 0; color: #444; font-size: 10pt; }
.student { display: flex; flex-wrap: wrap; gap: 3mm 6mm; margin: 5mm 0 3mm; }
.student span { display: flex; flex: 1 1 8em; gap: 2mm; white-space: nowrap; }
.student span:first-child { flex: 2 1 14em; }
.student span::after { content: ""; flex: 1; min-width: 4em; border-bottom: .6pt solid var(--ink); }
.instructions { display: flex; flex-wrap: wrap; gap: 3mm 6mm; align-items: center; justify-content: space-between; }
.instructions p { font-style: italic; margin: 0; flex: 1 1 20em; }
.total { border: .8pt solid var(--ink); padding: 2mm 3mm; white-space: nowrap; }
.total .blank { width: 18mm; }
.question { display: grid; grid-template-columns: 2.2em 1fr auto; margin: 0 0 5mm; break-inside: avoid; }
.number { font-weight: bold; }
.points { font-size: 9pt; color: #555; white-space: nowrap; padding-left: 3mm; }
.question p { margin: 0; }
.instruction { font-style: italic; font-size: 10pt; color: #444; }
.boxes { list-style: none; padding: 0; margin: 1.5mm 0 0; display: grid; gap: 1.5mm 6mm; }
.cols-1 { grid-template-columns: 1fr; } .cols-2 { grid-template-columns: 1fr 1fr; }
.cols-3 { grid-template-columns: repeat(3, 1fr); } .cols-4 { grid-template-columns: repeat(4, 1fr); }
.boxes li, .ranking li { display: flex; gap: 2mm; align-items: baseline; }
.box { flex: none; display: inline-block; width: .85em; height: .85em; border: .6pt solid var(--ink); position: relative; top: .1em; }
.ranking { list-style: none; padding: 0; margin: 1.5mm 0 0; display: grid; gap: 1.5mm; }
.ranking .box { width: 1.6em; height: 1.3em; top: .3em; }
.picture { display: block; max-width: 100%; max-height: 45mm; margin: 2mm 0; }
.writing { height: 9mm; border-bottom: .6pt solid var(--rule); }
.number-blank { margin-top: 3mm; }
.blank { display: inline-block; border-bottom: .6pt solid var(--ink); height: 1.1em; vertical-align: -0.25em; max-width: 100%; }
.number-blank .blank { width: 45mm; }
.sentence { line-height: 2.1; margin-top: 1mm; }
.hint { font-style: italic; font-size: 9pt; color: #555; }
.columns { display: grid; grid-template-columns: 1fr 10mm 1fr; gap: 2.5mm 0; margin-top: 2mm; }
.left, .right { display: flex; gap: 2mm; align-items: baseline; }
.left .text { flex: 1; }
.dot { flex: none; display: inline-block; width: 5px; height: 5px; border-radius: 50%; background: var(--ink);
  position: relative; top: -.15em; }
.key h1 { margin-bottom: 4mm; }
.key table { width: 100%; border-collapse: collapse; font-size: 10pt; }
.key th, .key td { text-align: left; vertical-align: top; padding: 1.5mm 2mm; border-bottom: .4pt solid #bbb; }
.key th { border-bottom: 1pt solid var(--ink); white-space: nowrap; }
.key td.excerpt { font-style: italic; color: #333; }
.key .id { float: right; margin-left: 1em; font: 8pt/1.8 ui-monospace, monospace; color: #888; }
.key svg { display: block; margin-top: 1.5mm; }
.scroll { overflow-x: auto; margin-bottom: 5mm; }
.grid table { font-size: 9pt; }
.grid td + td, .grid th + th { border-left: .4pt solid #bbb; }
.grid tbody tr:nth-child(even) { background: #f0f0f0; }
.grid .pts { float: right; padding-left: 1.5mm; font-size: 7pt; color: #666; }
.grid tfoot td { font-weight: bold; border-bottom: none; }
.note { font-size: 9pt; color: #555; margin: 1mm 0; }
@media (max-width: 600px) {
  body { background: white; }
  .sheet { margin: 0; padding: 5mm 4mm 8mm; box-shadow: none; border-bottom: 4px solid #e8e8e8; }
  .heading { flex-wrap: wrap; gap: 2mm; }
  .cols-3, .cols-4 { grid-template-columns: 1fr 1fr; } .cols-2 { grid-template-columns: 1fr; }
  .columns { grid-template-columns: 1fr 6mm 1fr; }
  .question { grid-template-columns: 1.8em 1fr auto; }
  .key table.detailed, .key table.detailed tbody, .key table.detailed tr, .key table.detailed td { display: block; }
  .key table.detailed thead { display: none; }
  .key table.detailed tr { border-bottom: .4pt solid #bbb; padding: 1mm 0; }
  .key table.detailed td { border: none; padding: .5mm 2mm; }
}
@media print {
  body { background: none; }
  .sheet { box-shadow: none; margin: 0; padding: 0; max-width: none; break-before: page; }
  .sheet:first-child { break-before: auto; }
  .scroll { overflow: visible; }
}
"""


def to_html(handout: Handout, contents: Contents = "both", paper: str = "a4") -> str:
    """The sheets, or the key (the grading grid, then each version's key), or both, as one page without scripts."""
    sheets = []
    if contents != "key":
        sheets += [html_version(handout, version) for version in handout.versions]
    if contents != "sheets":
        sheets.append(html_grid(handout))
        sheets += [html_key(handout, version) for version in handout.versions]
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{html.escape(handout.lang)}">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{html.escape(handout.title)}</title>",
            f"<style>{HTML_STYLE}{page_style(handout, paper)}</style>",
            "</head>",
            "<body>",
            *sheets,
            "</body>",
            "</html>",
            "",
        ]
    )


def page_style(handout: Handout, paper: str) -> str:
    """Paper size, and the version letter at the foot of every printed page (a named page per sheet)."""
    size = "A4" if paper == "a4" else "letter"
    rules = [f"@page {{ size: {size}; margin: 16mm 18mm 18mm; }}"]
    grid = css_string(word("grid", handout.lang))
    rules.append(f"@page grid {{ @bottom-center {{ content: {grid}; font: 9pt serif; color: #555; }} }} .page-grid {{ page: grid; }}")
    for version in handout.versions:
        for kind, words in (("v", "handout_version"), ("k", "handout_key")):
            footer = css_string(label(words, handout.lang).format(letter=version.letter))
            rules.append(
                f"@page {kind}{version.letter} {{ @bottom-center {{ content: {footer}; font: 9pt serif; color: #555; }} }}"
                f" .page-{kind}{version.letter} {{ page: {kind}{version.letter}; }}"
            )
    return "\n".join(rules) + "\n"


def css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def html_header(handout: Handout, heading: str) -> list[str]:
    lines = [
        "<header>",
        f'<div class="heading"><h1>{html.escape(handout.title)}</h1><div class="letter">{html.escape(heading)}</div></div>',
    ]
    if handout.source is not None:
        lines.append(f'<p class="source">{html.escape(label("handout_source", handout.lang).format(source=handout.source))}</p>')
    return lines


def html_version(handout: Handout, version: Version) -> str:
    lang = handout.lang
    heading = label("handout_version", lang).format(letter=version.letter)
    fields = "".join(f"<span>{html.escape(label(key, lang))}</span>" for key in STUDENT_FIELDS)
    total = ""
    if handout.weighted:
        total = (
            f'<span class="total">{html.escape(word("total", lang))} <span class="blank"></span> / '
            f"{html.escape(points_text(version.total, lang))}</span>"
        )
    lines = [
        f'<section class="sheet version page-v{version.letter}" id="version-{version.letter}">',
        *html_header(handout, heading),
        f'<div class="student">{fields}</div>',
        f'<div class="instructions"><p>{html.escape(label("handout_instructions", lang))}</p>{total}</div>',
        "</header>",
    ]
    lines += [html_item(item, lang, handout.weighted) for item in version.items]
    lines.append("</section>")
    return "\n".join(lines)


def html_item(item: Item, lang: str, weighted: bool) -> str:
    body = [f'<p class="prompt">{html.escape(item.prompt)}</p>']
    if item.instruction is not None:
        body.append(f'<p class="instruction">{html.escape(item.instruction)}</p>')
    if item.image is not None:
        body.append(html_picture(item.image))
    body.append(html_layout(item.layout))
    points = f'<span class="points">{html.escape(points_text(item.points, lang))}</span>' if weighted else ""
    return (
        f'<div class="question {item.question.type}" data-question="{html.escape(item.question.id)}">'
        f'<span class="number">{item.number}.</span><div>{"".join(body)}</div>{points}</div>'
    )


MIME_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "gif": "image/gif", "webp": "image/webp", "svg": "image/svg+xml"}


def html_picture(picture: Picture) -> str:
    """The picture inside the page (a data: URL), so the file still has nothing to fetch."""
    data = base64.b64encode(picture.data).decode("ascii")
    alt = html.escape(picture.alt or "")
    return f'<img class="picture" alt="{alt}" src="data:{MIME_TYPES[picture.kind]};base64,{data}">'


def html_layout(layout: Layout) -> str:
    box = '<span class="box"></span>'
    if isinstance(layout, Boxes):
        options = "".join(f"<li>{box}<span>{html.escape(option)}</span></li>" for option in layout.printed)
        return f'<ul class="boxes cols-{layout.columns}">{options}</ul>'
    if isinstance(layout, Lines):
        return '<div class="writing"></div>' * layout.count
    if isinstance(layout, NumberBlank):
        unit = f" {html.escape(layout.unit)}" if layout.unit else ""
        return f'<p class="number-blank"><span class="blank"></span>{unit}</p>'
    if isinstance(layout, Sentence):
        return f'<p class="sentence">{"".join(html_sentence_part(part) for part in layout.parts)}</p>'
    if isinstance(layout, Columns):
        rows = "".join(html_link_row(layout, index) for index in range(max(len(layout.left), len(layout.right))))
        return f'<div class="columns">{rows}</div>'
    items = "".join(f"<li>{box}<span>{html.escape(entry)}</span></li>" for entry in layout.items)
    return f'<ol class="ranking">{items}</ol>'


def html_link_row(layout: Columns, index: int) -> str:
    """One row of a match: a left item (if any left) and a right one (the right column may be longer)."""
    left = ""
    if index < len(layout.left):
        left = f'<span>{index + 1}.</span><span class="text">{html.escape(layout.left[index])}</span><span class="dot"></span>'
    right = f'<span class="dot"></span><span>{html.escape(layout.printed[index])}</span>' if index < len(layout.right) else ""
    return f'<div class="left">{left}</div><div></div><div class="right">{right}</div>'


def html_sentence_part(part: str | Blank) -> str:
    if isinstance(part, str):
        return html.escape(part)
    hint = f' <span class="hint">({html.escape(part.hint)})</span>' if part.hint else ""
    return f'<span class="blank" style="width: {part.width * 0.55:.2f}em"></span>{hint}'


def html_grid(handout: Handout) -> str:
    """Every version's answers side by side, a row per question number, then each version's total."""
    lang = handout.lang
    tables = []
    for chunk in grid_chunks(handout, GRID_WIDTH):
        head = "".join(f"<th>{html.escape(letter)}</th>" for letter in chunk.letters)
        rows = "".join(
            f"<tr><td>{number}</td>"
            + "".join(
                f"<td>{html.escape(cell)}"
                + (f'<span class="pts">{html.escape(points[column])}</span>' if handout.weighted else "")
                + "</td>"
                for column, cell in enumerate(row)
            )
            + "</tr>"
            for number, (row, points) in enumerate(zip(chunk.rows, chunk.points, strict=True), 1)
        )
        totals = "".join(f"<td>{html.escape(total)}</td>" for total in chunk.totals)
        tables.append(
            f'<div class="scroll"><table><thead><tr><th>{html.escape(label("handout_number", lang))}</th>{head}</tr></thead>'
            f"<tbody>{rows}</tbody><tfoot><tr><td>{html.escape(word('grid_total', lang))}</td>{totals}</tr></tfoot></table></div>"
        )
    notes = [word("grid_points", lang)] if handout.weighted else []
    notes += [word("grid_accepted", lang)] if handout.alternatives else []
    return "\n".join(
        [
            '<section class="sheet key grid page-grid" id="grid">',
            *html_header(handout, word("grid", lang)),
            "</header>",
            *tables,
            *(f'<p class="note">{html.escape(note)}</p>' for note in notes),
            "</section>",
        ]
    )


def html_excerpt(excerpt: str | None) -> str:
    """The excerpt, with a space to keep it apart from the id that follows when the text is copied or read aloud."""
    return f"{html.escape(excerpt)} " if excerpt else ""


def match_lines(layout: Columns, links: tuple[int, ...]) -> str:
    """A match's answer drawn as on the sheet: each left number joined by a line to its right letter (inline SVG)."""
    row, rows = 16, max(len(layout.left), len(layout.right))
    parts = [f'<svg width="76" height="{rows * row}" role="img" aria-hidden="true" font-size="11">']
    parts += [f'<text x="12" y="{index * row + 12}" text-anchor="end">{index + 1}</text>' for index in range(len(layout.left))]
    parts += [f'<text x="56" y="{index * row + 12}">{html.escape(mark)}</text>' for index, mark in enumerate(layout.marks)]
    parts += [
        f'<line x1="17" y1="{left * row + 8}" x2="51" y2="{right * row + 8}" stroke="currentColor" stroke-width="1"/>'
        for left, right in enumerate(links)
    ]
    return "".join([*parts, "</svg>"])


def html_answer(item: Item) -> str:
    drawing = match_lines(item.layout, item.solution) if isinstance(item.layout, Columns) else ""
    return html.escape(item.answer) + drawing


def html_key(handout: Handout, version: Version) -> str:
    lang = handout.lang
    rows = "".join(
        f'<tr><td>{item.number}</td><td>{html_answer(item)}</td><td class="excerpt">{html_excerpt(item.excerpt)}'
        f'<span class="id">{html.escape(item.question.id)}</span></td></tr>'
        for item in version.items
    )
    return "\n".join(
        [
            f'<section class="sheet key page-k{version.letter}" id="key-{version.letter}">',
            *html_header(handout, label("handout_key", lang).format(letter=version.letter)),
            "</header>",
            f'<table class="detailed"><thead><tr><th>{html.escape(label("handout_number", lang))}</th>'
            f"<th>{html.escape(label('answer', lang))}</th><th>{html.escape(label('source', lang))}</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>",
            "</section>",
        ]
    )

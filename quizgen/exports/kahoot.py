"""Kahoot's quiz spreadsheet (.xlsx), laid out as Kahoot's template: headers on row 8, questions from row 9.

Columns: B the question (120 characters at most), C to F up to four answers
(75 characters at most), G the time limit (5, 10, 20, 30, 60, 90, 120 or 240
seconds), H the right answers' numbers ("2" or "1,3"). Kahoot's spreadsheet
holds only questions to pick answers from: mcq and multi with four choices at
most, and true/false. Other questions, and those over Kahoot's limits, are left
out with the reason. The choices are shuffled (the same way on every run),
since Kahoot shows them in the file's order. The time limit follows the
difficulty: 20 s for easy, 30 s for medium and 60 s for hard questions.

The workbook is a few XML parts (a shared-strings table, one sheet and a
style for the header row) in a zip that stores them uncompressed, which
spreadsheets read as well as a deflated one.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from ..model import Bank, MultipleAnswer, MultipleChoice, Question, TrueFalse
from ..present import label, prompt_text, shuffled
from .base import ExportResult, Skipped, Unfit, dated_zip, one_line

HEADERS = (
    "",
    "Question - max 120 characters",
    "Answer 1 - max 75 characters",
    "Answer 2 - max 75 characters",
    "Answer 3 - max 75 characters",
    "Answer 4 - max 75 characters",
    "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs",
    "Correct answer(s) - choose at least one",
)
HEADER_ROW = 8
QUESTION_LIMIT = 120
ANSWER_LIMIT = 75
ANSWERS = 4
TIME_LIMITS = {1: 20, 2: 30, 3: 60}
"""Seconds to answer, by difficulty; each is one of Kahoot's time limits."""

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
</Types>
"""
ROOT_RELATIONSHIPS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">
<Relationship Id="rId1" Type="{RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/>
</Relationships>
"""
WORKBOOK = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}">
<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets>
</workbook>
"""
WORKBOOK_RELATIONSHIPS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">
<Relationship Id="rId1" Type="{RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="{RELATIONSHIPS}/sharedStrings" Target="sharedStrings.xml"/>
<Relationship Id="rId3" Type="{RELATIONSHIPS}/styles" Target="styles.xml"/>
</Relationships>
"""
STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="{MAIN}">
<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>
"""
COLUMN_WIDTHS = (6, 60, 30, 30, 30, 30, 14, 14)
BOLD = 1
"""Index of the bold cell format in STYLES."""

Cell = str | int


def kahoot_length(text: str) -> int:
    """Characters as Kahoot counts them: in UTF-16 units, as JavaScript does (an emoji counts 2)."""
    return len(text.encode("utf-16-le")) // 2


def answers(question: Question, lang: str) -> tuple[list[str], list[int]]:
    """The answers in the file's order, and the (1-based) numbers of the right ones."""
    if isinstance(question, TrueFalse):
        return [label("true", lang), label("false", lang)], [1 if question.answer else 2]
    if not isinstance(question, MultipleChoice | MultipleAnswer):
        raise Unfit(f"Kahoot's spreadsheet holds only questions with 2 to 4 answers to pick from, not {question.type} questions")
    if len(question.choices) > ANSWERS:
        raise Unfit(f"it has {len(question.choices)} choices; Kahoot allows {ANSWERS}")
    right = {question.answer} if isinstance(question, MultipleChoice) else set(question.answers)
    order = shuffled(range(len(question.choices)), question.id)
    return [one_line(question.choices[index][lang]) for index in order], [place + 1 for place, index in enumerate(order) if index in right]


def question_row(question: Question, lang: str) -> list[Cell]:
    """Columns B to H of a question's row."""
    texts, right = answers(question, lang)
    prompt = one_line(prompt_text(question, lang))
    problems = []
    if kahoot_length(prompt) > QUESTION_LIMIT:
        problems.append(f"the question has {kahoot_length(prompt)} characters; Kahoot allows {QUESTION_LIMIT}")
    problems += [
        f"answer {number} has {kahoot_length(text)} characters; Kahoot allows {ANSWER_LIMIT}"
        for number, text in enumerate(texts, 1)
        if kahoot_length(text) > ANSWER_LIMIT
    ]
    if problems:
        raise Unfit("; ".join(problems))
    correct: Cell = right[0] if len(right) == 1 else ",".join(map(str, right))
    return [prompt, *texts, *[""] * (ANSWERS - len(texts)), TIME_LIMITS[question.difficulty], correct]


def column(index: int) -> str:
    return "ABCDEFGH"[index]


def sheet(rows: dict[int, list[Cell]], strings: dict[str, int]) -> str:
    """The worksheet XML: `rows` maps a row number to its cells from column A; text goes to `strings`."""
    lines = []
    for number, cells in sorted(rows.items()):
        style = f' s="{BOLD}"' if number == HEADER_ROW else ""
        xml_cells = []
        for index, value in enumerate(cells):
            reference = f"{column(index)}{number}"
            if isinstance(value, int):
                xml_cells.append(f'<c r="{reference}"{style}><v>{value}</v></c>')
            elif value:
                shared = strings.setdefault(value, len(strings))
                xml_cells.append(f'<c r="{reference}"{style} t="s"><v>{shared}</v></c>')
        lines.append(f'<row r="{number}">{"".join(xml_cells)}</row>')
    widths = "".join(f'<col min="{n}" max="{n}" width="{width}" customWidth="1"/>' for n, width in enumerate(COLUMN_WIDTHS, 1))
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN}">'
        f"<cols>{widths}</cols><sheetData>{''.join(lines)}</sheetData></worksheet>\n"
    )


# Spreadsheets read _xHHHH_ in a text as the character HHHH; a literal one is written with its _ escaped.
ESCAPE_LIKE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")


def shared_strings(strings: dict[str, int]) -> str:
    texts = (escape(ESCAPE_LIKE.sub(r"_x005F_\1", text)) for text in strings)
    items = "".join(f'<si><t xml:space="preserve">{text}</t></si>' for text in texts)
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<sst xmlns="{MAIN}" count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>\n'
    )


def to_kahoot(bank: Bank, lang: str) -> ExportResult:
    """The bank's quiz questions as Kahoot's spreadsheet, in `lang`."""
    questions: list[list[Cell]] = []
    skipped = []
    for question in bank.questions:
        try:
            questions.append(question_row(question, lang))
        except Unfit as unfit:
            skipped.append(Skipped(question, str(unfit)))
    rows: dict[int, list[Cell]] = {2: ["", "Quiz template"], 3: ["", one_line(bank.title[lang])], HEADER_ROW: list(HEADERS)}
    rows.update({HEADER_ROW + number: [number, *cells] for number, cells in enumerate(questions, 1)})
    strings: dict[str, int] = {}
    worksheet = sheet(rows, strings)
    data = dated_zip(
        [
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", ROOT_RELATIONSHIPS),
            ("xl/workbook.xml", WORKBOOK),
            ("xl/_rels/workbook.xml.rels", WORKBOOK_RELATIONSHIPS),
            ("xl/worksheets/sheet1.xml", worksheet),
            ("xl/sharedStrings.xml", shared_strings(strings)),
            ("xl/styles.xml", STYLES),
        ]
    )
    return ExportResult(data, len(questions), tuple(skipped))

"""A one-sheet .xlsx workbook, written by hand: a few XML parts (a shared-strings table, one sheet and a
bold style for header rows) in a zip that stores them uncompressed, which spreadsheets read as well as a
deflated one, and which rebuilds byte for byte (see base.dated_zip)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from xml.sax.saxutils import escape

from ..present import letter
from .base import dated_zip

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
BOLD = 1
"""Index of the bold cell format in STYLES."""

Cell = str | int


def column(index: int) -> str:
    """0 -> 'A', 26 -> 'AA'."""
    return letter(index).upper()


def sheet(rows: dict[int, list[Cell]], bold: set[int], widths: Sequence[int], strings: dict[str, int]) -> str:
    """The worksheet XML: `rows` maps a row number to its cells from column A; text goes to `strings`."""
    lines = []
    for number, cells in sorted(rows.items()):
        style = f' s="{BOLD}"' if number in bold else ""
        xml_cells = []
        for index, value in enumerate(cells):
            reference = f"{column(index)}{number}"
            if isinstance(value, int):
                xml_cells.append(f'<c r="{reference}"{style}><v>{value}</v></c>')
            elif value:
                shared = strings.setdefault(value, len(strings))
                xml_cells.append(f'<c r="{reference}"{style} t="s"><v>{shared}</v></c>')
        lines.append(f'<row r="{number}">{"".join(xml_cells)}</row>')
    columns = "".join(f'<col min="{n}" max="{n}" width="{width}" customWidth="1"/>' for n, width in enumerate(widths, 1))
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN}">'
        f"<cols>{columns}</cols><sheetData>{''.join(lines)}</sheetData></worksheet>\n"
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


def workbook(rows: dict[int, list[Cell]], bold: set[int], widths: Sequence[int]) -> bytes:
    """The workbook of one sheet: `rows` maps a row number to its cells from column A; rows in `bold` are bold."""
    strings: dict[str, int] = {}
    worksheet = sheet(rows, bold, widths, strings)
    return dated_zip(
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

"""A plain table written as an XLSX file directly: sheets of rows, text and numbers, a bold
title and header, amounts in a number format, column widths.

For lists of 100,000 rows that a clerk hands on (the payment list for finance): openpyxl, even
write-only, builds a cell object per value and takes ~12 s for such a list here; this writes
the sheet's XML as text in well under a second. Text goes in as inline strings, which Excel,
WPS and every reader take; nothing else of the format is used.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from app.documents.atomic import write_atomically

Cell = str | int | float | None


@dataclass(frozen=True, slots=True)
class FlatSheet:
    name: str  # at most 31 characters, none of []:*?/\
    rows: Iterable[Sequence[Cell]]
    widths: Sequence[float] = ()  # characters, per column from A
    number_format: str = "#,##0.00"  # for numbers in the columns ``money``
    money: frozenset[int] = frozenset()  # 0-based columns whose numbers are amounts
    bold: frozenset[int] = field(default_factory=frozenset)  # 0-based rows shown bold
    text: frozenset[int] = frozenset()  # 0-based columns kept as text whatever they hold


_STYLE_PLAIN, _STYLE_BOLD, _STYLE_MONEY, _STYLE_MONEY_BOLD = range(4)


def _column(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


# Escaping in one pass: the three characters XML reserves, the quote (for attributes), and the
# control characters it forbids (dropped).
_ESCAPES: dict[int, str | None] = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;",
                                   ord('"'): "&quot;"}  # fmt: skip
_ESCAPES |= {c: None for c in range(32) if c not in (9, 10, 13)}
_PLAIN = frozenset(map(chr, _ESCAPES))


def _text(value: str) -> str:
    """Text for an element's content or an attribute's value."""
    return value.translate(_ESCAPES) if not _PLAIN.isdisjoint(value) else value


def _row_xml(
    number: int, row: Sequence[Cell], kinds: Sequence[tuple[str, tuple[str, str], bool]]
) -> str:
    """One row; ``kinds[c]``: (column letters, number style attribute, kept as text)."""
    cells = []
    for (letters, style, as_text), value in zip(kinds, row, strict=False):
        if value is None or value == "":
            continue
        if as_text or type(value) is str or type(value) is bool:
            cells.append(f'<c r="{letters}{number}" t="inlineStr"{style[1]}><is><t>'
                         f"{_text(str(value))}</t></is></c>")  # fmt: skip
        else:
            cells.append(f'<c r="{letters}{number}"{style[0]}><v>{value!r}</v></c>')
    return f'<row r="{number}">{"".join(cells)}</row>'


def _rows_xml(rows: Iterable[Sequence[Cell]], sheet: FlatSheet, plain: list, bold: list,
              parts: list[str]) -> None:  # fmt: skip
    """Each row's markup appended to ``parts``."""
    for r, row in enumerate(rows, start=1):
        parts.append(_row_xml(r, row, bold if r - 1 in sheet.bold else plain))


def _sheet_xml(sheet: FlatSheet) -> bytes:
    parts = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    ]
    if sheet.widths:
        parts.append("<cols>" + "".join(
            f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>'
            for i, w in enumerate(sheet.widths, start=1)) + "</cols>")  # fmt: skip
    parts.append("<sheetData>")
    # Per column and boldness: (letters, (number style, text style), kept as text).
    plain, bold = [], []
    for c in range(64):
        money = c in sheet.money
        styles = (f' s="{_STYLE_MONEY if money else _STYLE_PLAIN}"' if money else "", "")
        bold_styles = (f' s="{_STYLE_MONEY_BOLD if money else _STYLE_BOLD}"', f' s="{_STYLE_BOLD}"')
        plain.append((_column(c), styles, c in sheet.text))
        bold.append((_column(c), bold_styles, c in sheet.text))
    _rows_xml(sheet.rows, sheet, plain, bold, parts)
    parts.append("</sheetData></worksheet>")
    return "".join(parts).encode("utf-8")


def _styles(number_format: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<numFmts count="1"><numFmt numFmtId="164" formatCode="{_text(number_format)}"/></numFmts>'
        '<fonts count="2"><font><sz val="11"/><name val="宋体"/></font>'
        '<font><b/><sz val="11"/><name val="宋体"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        "</cellStyleXfs>"
        '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="164" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"'
        ' applyFont="1"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    ).encode()  # fmt: skip


def _package(names: Sequence[str]) -> dict[str, str]:
    sheets = "".join(
        f'<sheet name="{_text(n)}" sheetId="{i}" r:id="rId{i}"/>' for i, n in enumerate(names, 1)
    )
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(names) + 1)
    )
    n = len(names)
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, n + 1)
    )
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    return {
        "[Content_Types].xml": head + '<Types xmlns="http://schemas.openxmlformats.org/package/'
        '2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats'
        '-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        f"{overrides}</Types>",
        "_rels/.rels": head + '<Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>",
        "xl/workbook.xml": head + '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml'
        '/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f"<sheets>{sheets}</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": head + '<Relationships xmlns="http://schemas.openxmlformats.'
        f'org/package/2006/relationships">{rels}<Relationship Id="rId{n + 1}" Type="http://schemas.'
        'openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        "</Relationships>",
    }  # fmt: skip


def write_flat_xlsx(path: Path, sheets: Sequence[FlatSheet]) -> None:
    """The sheets as one workbook at ``path``, written whole or not at all."""

    def write(raw: IO[bytes]) -> None:
        with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
            for name, text in _package([s.name for s in sheets]).items():
                z.writestr(name, text)
            z.writestr("xl/styles.xml", _styles(sheets[0].number_format if sheets else "0.00"))
            for i, sheet in enumerate(sheets, start=1):
                z.writestr(f"xl/worksheets/sheet{i}.xml", _sheet_xml(sheet))

    write_atomically(path, write)

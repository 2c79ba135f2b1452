"""Reading a roster file into rows of cells: CSV in any encoding Chinese Excel writes, XLSX/XLS,
and the HTML tables some office systems export under an .xls name.

Rows are returned with the row number the clerk sees in Excel (or the line number of a CSV),
so every message can point at the right row.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from python_calamine import CalamineError, CalamineWorkbook

from app.documents.html_table import looks_like_html, looks_like_spreadsheet_xml, read_html_table
from app.documents.xlsx_halves import read_first_sheet_in_halves
from app.documents.zip_guard import check_zipped_workbook
from app.domain.errors import InvalidInput

SPREADSHEETS = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
_HALVES = {".xlsx", ".xlsm"}  # zipped XML sheets, which xlsx_halves can cut
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_CSV_BYTES = 64 * 1024 * 1024  # 100,000 households are ~13 MB of CSV
MAX_COLUMNS = 16_384  # Excel's columns: a wider line is not a roster (and slow to look through)
MAX_CELL_CHARS = 32_767  # what an Excel cell holds: a longer CSV cell is not a roster's
# csv's own limit (131,072) stops on a longer cell with an error of its own; this one is named
# to the clerk (for every csv reader of the process: none needs more than an Excel cell).
csv.field_size_limit(MAX_CELL_CHARS + 1)


@dataclass(frozen=True, slots=True)
class Sheet:
    rows: list[list[object]]  # rows[i] is Excel row i + 1
    sheet_name: str


def read_roster_file(path: Path) -> Sheet:
    if not path.is_file():
        raise InvalidInput("roster.missing", file=path.name)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:  # 100,000 households are ~10 MB: this is not a roster
        raise InvalidInput("roster.too_big", file=path.name, size_mb=size // 2**20,
                           limit_mb=MAX_FILE_BYTES // 2**20)  # fmt: skip
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        if size > MAX_CSV_BYTES:  # held whole as text, then as rows: ~10× its size in memory
            raise InvalidInput("roster.too_big", file=path.name, size_mb=size // 2**20,
                               limit_mb=MAX_CSV_BYTES // 2**20)  # fmt: skip
        return _read_csv(path)
    if suffix in SPREADSHEETS:
        return _read_spreadsheet(path)
    raise InvalidInput("roster.unsupported", file=path.name)


def read_sheets(path: Path) -> list[Sheet]:
    """Every sheet that has text, in the workbook's order (a CSV or an HTML table is one):
    a workbook the app printed (the 分组安排表) holds a summary sheet and one sheet a team."""
    sheet = read_roster_file(path)  # the file's checks, and the first sheet
    if path.suffix.lower() not in SPREADSHEETS or looks_like_html(_head(path)):
        return [sheet]
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        found = []
        for index, name in enumerate(workbook.sheet_names):
            one = workbook.get_sheet_by_index(index)
            cells = cast("list[list[object]]", one.to_python(skip_empty_area=False))
            if _has_text(cells):
                _fill_merged(cells, one.merged_cell_ranges or [])
                found.append(Sheet(cells, name))
    except (CalamineError, OSError, ValueError) as e:
        raise InvalidInput("roster.not_spreadsheet", file=path.name, detail=str(e)) from None
    return found or [sheet]


def decode_text(data: bytes, file_name: str) -> str:
    """UTF-8 (with or without BOM) first, as it is strict and fails fast on GBK bytes; then
    GB18030, a superset of GBK that also holds rare name characters such as 䶮."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InvalidInput("roster.encoding", file=file_name)


def _read_csv(path: Path) -> Sheet:
    data = path.read_bytes()
    text = decode_text(data, path.name)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    # newline=None: lines may end CR LF, LF, or CR alone (old Mac and Excel exports). csv
    # counts records, not lines: a quoted cell with a newline still is one Excel row.
    reader = csv.reader(io.StringIO(text, newline=None), dialect)
    try:
        rows = cast("list[list[object]]", list(reader))  # lists already
    except csv.Error as e:
        if "field limit" in str(e):
            raise InvalidInput("roster.cell_too_long", file=path.name, row=reader.line_num,
                               limit=MAX_CELL_CHARS) from None  # fmt: skip
        raise InvalidInput("roster.csv_error", file=path.name, row=reader.line_num,
                           detail=str(e)) from None  # fmt: skip
    for number, row in enumerate(rows, start=1):
        if len(row) > MAX_COLUMNS:
            raise InvalidInput("roster.too_wide", file=path.name, row=number, columns=len(row),
                               limit=MAX_COLUMNS)  # fmt: skip
    return Sheet(rows, path.stem)


def _head(path: Path) -> bytes:
    with path.open("rb") as f:
        return f.read(4096)


def _read_spreadsheet(path: Path) -> Sheet:
    head = _head(path)
    if looks_like_spreadsheet_xml(head):
        raise InvalidInput("roster.xml_2003", file=path.name)
    if looks_like_html(head):  # a web system's "导出Excel": an HTML table named .xls
        rows = read_html_table(decode_text(path.read_bytes(), path.name))
        if not _has_text(rows):
            raise InvalidInput("roster.empty", file=path.name)
        return Sheet(rows, path.stem)
    if path.suffix.lower() in _HALVES:
        check_zipped_workbook(path)  # before calamine, which would ask for all of it
        first = read_first_sheet_in_halves(path)  # a big sheet, on both cores
        if first is not None and _has_text(first.rows):
            _fill_merged(first.rows, first.merged)
            return Sheet(first.rows, first.name)
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        for index, name in enumerate(workbook.sheet_names):
            sheet = workbook.get_sheet_by_index(index)
            cells = cast("list[list[object]]", sheet.to_python(skip_empty_area=False))
            if _has_text(cells):
                _fill_merged(cells, sheet.merged_cell_ranges or [])
                return Sheet(cells, name)
    except (CalamineError, OSError, ValueError) as e:
        raise InvalidInput("roster.not_spreadsheet", file=path.name, detail=str(e)) from None
    raise InvalidInput("roster.empty", file=path.name)


def _has_text(rows: list[list[object]]) -> bool:
    return any(any(str(c).strip() for c in row) for row in rows)


def _fill_merged(
    rows: list[list[object]], ranges: Sequence[tuple[tuple[int, int], tuple[int, int]]]
) -> None:
    """A merged range shows its value in every cell it covers, as the clerk sees it."""
    for (top, left), (bottom, right) in ranges:
        if top >= len(rows) or left >= len(rows[top]):
            continue
        value = rows[top][left]
        for r in range(top, min(bottom, len(rows) - 1) + 1):
            row = rows[r]
            for c in range(left, min(right, len(row) - 1) + 1):
                row[c] = value
